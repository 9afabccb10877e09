mod common;
use common::*;
use gc_api::{CollectRequest, NoRoots};

#[test]
fn tree_survives_many_minor_and_major_collections() {
    let cfg = config(256 << 10);
    let (mut m, ty) = mutator(&cfg);
    let mut serial = 0;
    let root = tree(&mut m, &ty, 14, &mut serial);
    let h = m.root(root);
    for round in 0..20 {
        churn(&mut m, &ty, 50_000);
        if round % 5 == 4 {
            m.collect(CollectRequest::Major, &mut NoRoots);
        }
        assert_eq!(check_tree(m.root_get(h)), (1 << 14) - 1);
        m.verify(&mut NoRoots).unwrap();
    }
    let s = m.stats();
    assert!(s.minor_collections > 20, "{s:?}");
    assert!(s.major_collections >= 4, "{s:?}");
    assert!(s.promoted_bytes > 0);
}

#[test]
fn young_to_young_chains_survive_minor() {
    let cfg = config(128 << 10);
    let (mut m, ty) = mutator(&cfg);
    let mut head = 0usize;
    let h = m.root(0);
    for i in 0..100_000 {
        let o = node(&mut m, &ty, i, head, 0);
        head = o.to_word();
        m.root_set(h, head);
        if i % 100 == 0 {
            m.safepoint(&mut NoRoots);
            head = m.root_get(h);
        }
    }
    m.collect(CollectRequest::Minor, &mut NoRoots);
    let mut n = 0;
    let mut at = m.root_get(h);
    while let Some(o) = gc_api::ObjRef::from_word(at) {
        assert_eq!(o.word(PAYLOAD), checksum(o.word(SERIAL)));
        n += 1;
        at = o.word(LEFT);
    }
    assert_eq!(n, 100_000);
    m.verify(&mut NoRoots).unwrap();
}
