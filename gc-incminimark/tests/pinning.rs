mod common;
use common::*;
use gc_api::{CollectRequest, NoRoots, ObjRef};

#[test]
fn pinned_young_objects_stay_in_place() {
    let cfg = config(128 << 10);
    let (mut m, ty) = mutator(&cfg);
    let child = node(&mut m, &ty, 7, 0, 0);
    let p = node(&mut m, &ty, 1, child.to_word(), 0);
    assert!(m.pin(p));
    let addr = p.addr();
    let h = m.root(addr);
    // An old object pointing to the pinned one keeps it alive too.
    let holder = node(&mut m, &ty, 2, 0, 0);
    let hh = m.root(holder.to_word());
    m.collect(CollectRequest::Minor, &mut NoRoots);
    let holder = ObjRef::from_word(m.root_get(hh)).unwrap();
    m.write_ref(holder, LEFT, addr);
    m.root_set(h, 0);
    for round in 0..10 {
        churn(&mut m, &ty, 20_000);
        if round == 5 {
            m.collect(CollectRequest::Major, &mut NoRoots);
        }
        let holder = ObjRef::from_word(m.root_get(hh)).unwrap();
        assert_eq!(holder.word(LEFT), addr, "pinned object moved");
        let p = ObjRef::from_word(addr).unwrap();
        assert_eq!(p.word(PAYLOAD), checksum(1));
        let c = ObjRef::from_word(p.word(LEFT)).unwrap();
        assert_eq!(c.word(PAYLOAD), checksum(7));
        m.verify(&mut NoRoots).unwrap();
    }
    assert_eq!(m.stats().pinned_objects, 1);
    m.unpin(ObjRef::from_word(addr).unwrap());
    m.verify(&mut NoRoots).unwrap();
    m.collect(CollectRequest::Minor, &mut NoRoots);
    let holder = ObjRef::from_word(m.root_get(hh)).unwrap();
    let moved = holder.word(LEFT);
    assert_ne!(moved, addr, "unpinned object should be promoted");
    assert_eq!(ObjRef::from_word(moved).unwrap().word(PAYLOAD), checksum(1));
    assert_eq!(m.stats().pinned_objects, 0);
    m.verify(&mut NoRoots).unwrap();
}

#[test]
fn unreachable_pinned_objects_are_freed() {
    let cfg = config(128 << 10);
    let (mut m, ty) = mutator(&cfg);
    for i in 0..50 {
        let p = node(&mut m, &ty, i, 0, 0);
        assert!(m.pin(p));
    }
    assert_eq!(m.stats().pinned_objects, 50);
    m.collect(CollectRequest::Minor, &mut NoRoots);
    assert_eq!(m.stats().pinned_objects, 0);
    churn(&mut m, &ty, 10_000);
    m.verify(&mut NoRoots).unwrap();
}

#[test]
fn object_greyed_while_pinned_then_unpinned_and_moved() {
    let mut cfg = config(1 << 20);
    cfg.increment_step = 4096;
    let (mut m, ty) = mutator(&cfg);
    let mut serial = 0;
    let t = tree(&mut m, &ty, 12, &mut serial);
    // The pinned object is greyed first, so it sits at the bottom of the
    // mark stack while the tree is marked.
    let mut roots = vec![0, t];
    m.collect(CollectRequest::Major, &mut roots);
    for round in 0..5 {
        // Place the object past the first zeroing chunk, so its memory stays
        // poisoned after it moves (a stale reference would read poison).
        m.collect(CollectRequest::Minor, &mut roots);
        for i in 0..5000 {
            node(&mut m, &ty, i, 0, 0);
        }
        let p = node(&mut m, &ty, 100_000 + round, roots[1], 0);
        assert!(m.pin(p));
        roots[0] = p.to_word();
        // Starts a cycle: the roots, the pinned object among them, are greyed.
        m.collect(CollectRequest::Step, &mut roots);
        m.verify(&mut roots).unwrap();
        m.unpin(ObjRef::from_word(roots[0]).unwrap());
        let mut steps = 0;
        while m.collect(CollectRequest::Step, &mut roots) != gc_api::CollectOutcome::Complete {
            m.verify(&mut roots).unwrap();
            steps += 1;
            assert!(steps < 10_000);
        }
        let p = ObjRef::from_word(roots[0]).unwrap();
        assert_eq!(p.word(SERIAL), 100_000 + round);
        assert_eq!(check_tree(p.word(LEFT)), (1 << 12) - 1);
    }
}
