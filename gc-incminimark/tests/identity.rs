mod common;
use common::*;
use gc_api::{CollectRequest, NoRoots, ObjRef};
use std::collections::HashSet;

#[test]
fn identity_is_stable_and_unique() {
    let cfg = config(128 << 10);
    let (mut m, ty) = mutator(&cfg);
    let mut hs = vec![];
    let mut ids = vec![];
    for i in 0..500usize {
        let o = if i % 50 == 0 {
            m.alloc_var(ty.arr, 10_000).unwrap() // large: young outside the nursery
        } else {
            node(&mut m, &ty, i, 0, 0)
        };
        let id = m.identity(o);
        assert_eq!(m.identity(o), id);
        ids.push(id);
        hs.push(m.root(o.to_word()));
    }
    // Identity taken of objects that then die must not leak or collide.
    for i in 0..1000usize {
        let o = node(&mut m, &ty, i, 0, 0);
        let _ = m.identity(o);
    }
    let unique: HashSet<usize> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len());
    m.collect(CollectRequest::Minor, &mut NoRoots);
    churn(&mut m, &ty, 20_000);
    m.collect(CollectRequest::Major, &mut NoRoots);
    for (i, h) in hs.iter().enumerate() {
        let o = ObjRef::from_word(m.root_get(*h)).unwrap();
        assert_eq!(m.identity(o), ids[i], "identity changed for object {i}");
        if i % 50 != 0 {
            assert_eq!(o.word(PAYLOAD), checksum(i));
            // promoted into its shadow: the identity is the address
            assert_eq!(o.addr(), ids[i]);
        }
    }
    m.verify(&mut NoRoots).unwrap();
    // Fresh objects get identities distinct from the live ones.
    for i in 0..500usize {
        let o = node(&mut m, &ty, i, 0, 0);
        assert!(!unique.contains(&m.identity(o)));
    }
}

#[test]
fn identity_of_pinned_object() {
    let cfg = config(128 << 10);
    let (mut m, ty) = mutator(&cfg);
    let o = node(&mut m, &ty, 1, 0, 0);
    assert!(m.pin(o));
    let id = m.identity(o);
    let h = m.root(o.to_word());
    churn(&mut m, &ty, 10_000);
    m.collect(CollectRequest::Major, &mut NoRoots);
    let o = ObjRef::from_word(m.root_get(h)).unwrap();
    assert_eq!(m.identity(o), id);
    m.unpin(o);
    m.collect(CollectRequest::Minor, &mut NoRoots);
    let o = ObjRef::from_word(m.root_get(h)).unwrap();
    assert_eq!(m.identity(o), id);
    assert_eq!(o.addr(), id);
    m.verify(&mut NoRoots).unwrap();
}

#[test]
fn shadow_filled_while_its_page_is_being_swept() {
    use gc_api::{CollectOutcome, Phase};
    use std::sync::{Arc, Mutex};
    let mut cfg = config(128 << 10);
    cfg.increment_step = 4096;
    let (mut m, ty) = mutator(&cfg);
    let phase = Arc::new(Mutex::new(Phase::Idle));
    let p2 = phase.clone();
    m.collector_mut()
        .subscribe(Box::new(move |e| *p2.lock().unwrap() = e.phase));
    // Enough old garbage that sweeping takes several steps.
    let mut serial = 0;
    let t = tree(&mut m, &ty, 13, &mut serial);
    let mut roots = vec![t, 0];
    m.collect(CollectRequest::Major, &mut roots);
    roots[0] = 0;
    // A pinned young object with an identity: its shadow is reserved now,
    // in a page that the next sweep will visit.
    let o = node(&mut m, &ty, 77, 0, 0);
    assert!(m.pin(o));
    let id = m.identity(o);
    roots[1] = o.to_word();
    let mut steps = 0;
    while *phase.lock().unwrap() != Phase::Sweeping {
        m.collect(CollectRequest::Step, &mut roots);
        steps += 1;
        assert!(steps < 10_000, "never reached sweeping");
    }
    // Unpin: the next minor collection fills the shadow mid-sweep.
    m.unpin(ObjRef::from_word(roots[1]).unwrap());
    while m.collect(CollectRequest::Step, &mut roots) != CollectOutcome::Complete {
        m.verify(&mut roots).unwrap();
    }
    let o = ObjRef::from_word(roots[1]).unwrap();
    assert_eq!(o.addr(), id);
    assert_eq!(
        o.word(PAYLOAD),
        checksum(77),
        "object in the shadow was swept"
    );
    let mut found = false;
    m.walk_heap(&mut roots, &mut |x| found |= x.addr() == id);
    assert!(found, "object missing from the heap walk");
    m.collect(CollectRequest::Major, &mut roots);
    m.verify(&mut roots).unwrap();
}
