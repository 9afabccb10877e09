mod common;
use common::*;
use gc_api::{CollectRequest, NoRoots, ObjRef};

#[test]
fn light_finalizers_run_for_young_and_old_objects() {
    let cfg = config(128 << 10);
    let (mut m, ty) = mutator(&cfg);
    let base = light_runs();
    let sum0 = light_sum();
    for i in 0..100usize {
        let o = m.alloc(ty.light).unwrap();
        o.set_word(8, i);
    }
    m.collect(CollectRequest::Minor, &mut NoRoots);
    assert_eq!(light_runs() - base, 100, "young light finalizers");
    assert_eq!(light_sum() - sum0, (0..100).sum::<usize>());
    let mut hs = vec![];
    for i in 0..50usize {
        let o = m.alloc(ty.light).unwrap();
        o.set_word(8, 1000 + i);
        hs.push(m.root(o.to_word()));
    }
    m.collect(CollectRequest::Minor, &mut NoRoots);
    m.collect(CollectRequest::Major, &mut NoRoots);
    assert_eq!(
        light_runs() - base,
        100,
        "reachable objects must not be finalized"
    );
    for h in &hs[..25] {
        m.root_set(*h, 0);
    }
    m.collect(CollectRequest::Major, &mut NoRoots);
    assert_eq!(light_runs() - base, 125);
    assert_eq!(m.stats().light_finalizers_run, 125);
}

#[test]
fn full_finalizers_are_ordered() {
    let cfg = config(128 << 10);
    let (mut m, ty) = mutator(&cfg);
    // a -> b, both finalizable: a first, b in a later cycle.
    let b = node(&mut m, &ty, 2, 0, 0);
    let a = node(&mut m, &ty, 1, b.to_word(), 0);
    m.register_finalizer(a);
    m.register_finalizer(b);
    // a cycle c <-> d, both finalizable: one of them first.
    let c = node(&mut m, &ty, 3, 0, 0);
    let d = node(&mut m, &ty, 4, c.to_word(), 0);
    c.set_word(LEFT, d.to_word());
    m.register_finalizer(c);
    m.register_finalizer(d);
    // e is kept alive: never finalized.
    let e = node(&mut m, &ty, 5, 0, 0);
    m.register_finalizer(e);
    let he = m.root(e.to_word());
    m.collect(CollectRequest::Major, &mut NoRoots);
    let mut first = vec![];
    while let Some(o) = m.next_finalizable() {
        assert_eq!(o.word(PAYLOAD), checksum(o.word(SERIAL)));
        first.push(o.word(SERIAL));
    }
    first.sort();
    assert_eq!(first.len(), 2, "{first:?}");
    assert_eq!(first[0], 1);
    assert!(first[1] == 3 || first[1] == 4);
    // The finalized objects are dead now (the VM dropped them).
    m.collect(CollectRequest::Major, &mut NoRoots);
    let mut second = vec![];
    while let Some(o) = m.next_finalizable() {
        second.push(o.word(SERIAL));
        // the object's children are intact
        if o.word(SERIAL) == 2 {
            assert_eq!(o.word(PAYLOAD), checksum(2));
        }
    }
    second.sort();
    assert_eq!(second.len(), 2, "{second:?}");
    assert_eq!(second[0], 2);
    m.collect(CollectRequest::Major, &mut NoRoots);
    assert!(m.next_finalizable().is_none());
    let e = ObjRef::from_word(m.root_get(he)).unwrap();
    assert_eq!(e.word(SERIAL), 5);
    assert_eq!(m.stats().finalizers_queued, 4);
    m.verify(&mut NoRoots).unwrap();
}

#[test]
fn finalizable_objects_keep_their_referents() {
    let cfg = config(128 << 10);
    let (mut m, ty) = mutator(&cfg);
    let mut serial = 100;
    let t = tree(&mut m, &ty, 8, &mut serial);
    let h = m.root(t);
    let t = m.root_get(h);
    let o = node(&mut m, &ty, 1, t, 0);
    m.root_set(h, 0);
    m.register_finalizer(o);
    churn(&mut m, &ty, 30_000);
    let mut got = None;
    for _ in 0..3 {
        m.collect(CollectRequest::Major, &mut NoRoots);
        if let Some(o) = m.next_finalizable() {
            got = Some(o);
            break;
        }
    }
    let o = got.expect("finalizer never queued");
    assert_eq!(check_tree(o.word(LEFT)), 255);
}

#[test]
fn weak_refs_to_queued_objects_are_cleared() {
    let cfg = config(128 << 10);
    let (mut m, ty) = mutator(&cfg);
    let child = node(&mut m, &ty, 2, 0, 0);
    let x = node(&mut m, &ty, 1, child.to_word(), 0);
    m.register_finalizer(x);
    let wx = m.alloc(ty.weak).unwrap();
    wx.set_word(WEAK_SLOT, x.to_word());
    let hx = m.root(wx.to_word());
    let wc = m.alloc(ty.weak).unwrap();
    wc.set_word(WEAK_SLOT, child.to_word());
    let hc = m.root(wc.to_word());
    m.collect(CollectRequest::Major, &mut NoRoots);
    let q = m.next_finalizable().expect("x queued");
    assert_eq!(q.word(SERIAL), 1);
    let wx = ObjRef::from_word(m.root_get(hx)).unwrap();
    assert_eq!(
        wx.word(WEAK_SLOT),
        0,
        "a queued object must not be reachable weakly"
    );
    // The child is kept alive for the finalizer: its weak ref stays.
    let wc = ObjRef::from_word(m.root_get(hc)).unwrap();
    assert_eq!(wc.word(WEAK_SLOT), q.word(LEFT));
    m.collect(CollectRequest::Major, &mut NoRoots);
    let wc = ObjRef::from_word(m.root_get(hc)).unwrap();
    assert_eq!(
        wc.word(WEAK_SLOT),
        0,
        "cleared once the finalized object is gone"
    );
}
