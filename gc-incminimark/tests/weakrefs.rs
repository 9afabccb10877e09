mod common;
use common::*;
use gc_api::{CollectRequest, NoRoots, ObjRef};

fn weak_to(m: &mut gc_api::Mutator, ty: &Types, target: usize) -> ObjRef {
    let w = m.alloc(ty.weak).unwrap();
    w.set_word(WEAK_SLOT, target);
    w
}

#[test]
fn weak_refs_cleared_in_minor_and_major() {
    let cfg = config(128 << 10);
    let (mut m, ty) = mutator(&cfg);
    // young weakref -> young target that dies
    let t1 = node(&mut m, &ty, 1, 0, 0);
    let w1 = weak_to(&mut m, &ty, t1.to_word());
    let hw1 = m.root(w1.to_word());
    // young weakref -> young target that survives
    let t2 = node(&mut m, &ty, 2, 0, 0);
    let ht2 = m.root(t2.to_word());
    let w2 = weak_to(&mut m, &ty, t2.to_word());
    let hw2 = m.root(w2.to_word());
    m.collect(CollectRequest::Minor, &mut NoRoots);
    let w1 = ObjRef::from_word(m.root_get(hw1)).unwrap();
    assert_eq!(
        w1.word(WEAK_SLOT),
        0,
        "weak ref to a dead young object must be cleared"
    );
    let w2 = ObjRef::from_word(m.root_get(hw2)).unwrap();
    assert_eq!(
        w2.word(WEAK_SLOT),
        m.root_get(ht2),
        "weak ref must follow its moved target"
    );
    // old weakref -> old target that dies in a major collection
    m.root_set(ht2, 0);
    m.collect(CollectRequest::Major, &mut NoRoots);
    let w2 = ObjRef::from_word(m.root_get(hw2)).unwrap();
    assert_eq!(w2.word(WEAK_SLOT), 0);
    // old weakref re-pointed (with the barrier) at a young target
    let t3 = node(&mut m, &ty, 3, 0, 0);
    let w2 = ObjRef::from_word(m.root_get(hw2)).unwrap();
    m.write_ref(w2, WEAK_SLOT, t3.to_word());
    let ht3 = m.root(t3.to_word());
    m.collect(CollectRequest::Minor, &mut NoRoots);
    let w2 = ObjRef::from_word(m.root_get(hw2)).unwrap();
    assert_eq!(w2.word(WEAK_SLOT), m.root_get(ht3));
    let t4 = node(&mut m, &ty, 4, 0, 0);
    m.write_ref(w2, WEAK_SLOT, t4.to_word());
    m.collect(CollectRequest::Minor, &mut NoRoots);
    let w2 = ObjRef::from_word(m.root_get(hw2)).unwrap();
    assert_eq!(w2.word(WEAK_SLOT), 0);
    assert!(m.stats().weakrefs_cleared >= 3);
    m.verify(&mut NoRoots).unwrap();
}

#[test]
fn many_weak_refs_under_churn() {
    let cfg = config(128 << 10);
    let (mut m, ty) = mutator(&cfg);
    let list = m.alloc_var(ty.arr, 2000).unwrap();
    let hl = m.root(list.to_word());
    let keep = m.alloc_var(ty.arr, 2000).unwrap();
    let hk = m.root(keep.to_word());
    for i in 0..2000usize {
        let t = node(&mut m, &ty, i, 0, 0);
        if i % 3 == 0 {
            let keep = ObjRef::from_word(m.root_get(hk)).unwrap();
            m.write_item(keep, i, ARR_ITEMS + i * 8, t.to_word());
        }
        let w = weak_to(&mut m, &ty, t.to_word());
        let list = ObjRef::from_word(m.root_get(hl)).unwrap();
        m.write_item(list, i, ARR_ITEMS + i * 8, w.to_word());
        if i % 50 == 0 {
            m.safepoint(&mut NoRoots);
        }
        if i % 500 == 0 {
            m.collect(CollectRequest::Step, &mut NoRoots);
        }
    }
    churn(&mut m, &ty, 20_000);
    m.collect(CollectRequest::Major, &mut NoRoots);
    let list = ObjRef::from_word(m.root_get(hl)).unwrap();
    for i in 0..2000usize {
        let w = ObjRef::from_word(list.word(ARR_ITEMS + i * 8)).unwrap();
        let t = w.word(WEAK_SLOT);
        if i % 3 == 0 {
            let t = ObjRef::from_word(t).expect("live target cleared");
            assert_eq!(t.word(PAYLOAD), checksum(i));
        } else {
            assert_eq!(t, 0, "dead target {i} not cleared");
        }
    }
}
