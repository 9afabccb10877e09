//! Feature combinations: pinned + weak + light finalizers, young large
//! objects with finalizers, and card-marked arrays written while marking.
mod common;
use common::*;
use gc_api::{CollectOutcome, CollectRequest, NoRoots, ObjRef};

#[test]
fn weak_ref_to_pinned_object_cleared_when_it_dies() {
    let cfg = config(128 << 10);
    let (mut m, ty) = mutator(&cfg);
    let p = node(&mut m, &ty, 1, 0, 0);
    assert!(m.pin(p));
    let w = m.alloc(ty.weak).unwrap();
    w.set_word(WEAK_SLOT, p.to_word());
    let hw = m.root(w.to_word());
    let hp = m.root(p.to_word());
    m.collect(CollectRequest::Minor, &mut NoRoots);
    let w = ObjRef::from_word(m.root_get(hw)).unwrap();
    assert_eq!(
        w.word(WEAK_SLOT),
        p.to_word(),
        "pinned target stays in place"
    );
    m.collect(CollectRequest::Minor, &mut NoRoots);
    m.root_set(hp, 0);
    m.collect(CollectRequest::Minor, &mut NoRoots);
    let w = ObjRef::from_word(m.root_get(hw)).unwrap();
    assert_eq!(w.word(WEAK_SLOT), 0, "dead pinned target must be cleared");
    m.verify(&mut NoRoots).unwrap();
}

#[test]
fn pinned_and_large_objects_with_light_finalizers() {
    let cfg = config(128 << 10);
    let (mut m, ty) = mutator(&cfg);
    let base = light_runs();
    let o = m.alloc(ty.light).unwrap();
    o.set_word(8, 5);
    assert!(m.pin(o));
    let h = m.root(o.to_word());
    m.collect(CollectRequest::Minor, &mut NoRoots);
    m.collect(CollectRequest::Major, &mut NoRoots);
    assert_eq!(light_runs(), base);
    m.root_set(h, 0);
    m.collect(CollectRequest::Minor, &mut NoRoots);
    assert_eq!(
        light_runs(),
        base + 1,
        "unreachable pinned object finalized"
    );
    m.verify(&mut NoRoots).unwrap();
}

#[test]
fn full_finalizers_on_pinned_and_large_objects() {
    let cfg = config(128 << 10);
    let (mut m, ty) = mutator(&cfg);
    let big = m.alloc_var(ty.arr, 20_000).unwrap();
    let child = node(&mut m, &ty, 9, 0, 0);
    m.write_item(big, 7, ARR_ITEMS + 7 * 8, child.to_word());
    m.register_finalizer(big);
    let p = node(&mut m, &ty, 3, 0, 0);
    assert!(m.pin(p));
    m.register_finalizer(p);
    m.collect(CollectRequest::Minor, &mut NoRoots);
    m.collect(CollectRequest::Major, &mut NoRoots);
    let mut got = vec![];
    while let Some(o) = m.next_finalizable() {
        got.push(o);
    }
    // The large array is old now: it is finalized with its contents intact.
    assert!(got.iter().any(|o| o.addr() == big.addr()), "{got:?}");
    let c = ObjRef::from_word(big.word(ARR_ITEMS + 7 * 8)).unwrap();
    assert_eq!(c.word(PAYLOAD), checksum(9));
    m.unpin(p);
    for _ in 0..3 {
        m.collect(CollectRequest::Major, &mut NoRoots);
        while let Some(o) = m.next_finalizable() {
            got.push(o);
        }
    }
    assert_eq!(
        got.len(),
        2,
        "pinned object finalized once unpinned and promoted"
    );
    assert_eq!(m.stats().finalizers_queued, 2);
}

#[test]
fn card_stores_during_incremental_marking() {
    card_case(4_000, 12_000);
}

#[test]
fn card_stores_into_a_huge_array_marked_in_chunks() {
    card_case(20_000, 12_000);
}

/// `n` array items, `len` list nodes.
fn card_case(n: usize, len: usize) {
    let mut cfg = config(64 << 10);
    cfg.increment_step = 8192;
    let (mut m, ty) = mutator(&cfg);
    // roots[0]: the list, roots[1]: the array (greyed last, so popped and
    // blackened first by the LIFO mark stack).
    let mut roots = vec![0usize; 2];
    let arr = m.alloc_var(ty.arr, n).unwrap();
    roots[1] = arr.to_word();
    for i in 0..len {
        let o = node(&mut m, &ty, i, roots[0], 0);
        roots[0] = o.to_word();
        if i % 500 == 0 {
            m.safepoint(&mut roots);
        }
    }
    m.collect(CollectRequest::Major, &mut roots);
    let mut rng = 12345u64;
    let mut next = || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut steps = 0;
    let mut moved = 0;
    // While a cycle runs, unlink list nodes (ahead of the marking front) and
    // store them into the array, which may already be black: the card
    // barrier must re-grey them.
    loop {
        let out = m.collect(CollectRequest::Step, &mut roots);
        m.verify(&mut roots)
            .unwrap_or_else(|e| panic!("step {steps}: {e}"));
        steps += 1;
        if out == CollectOutcome::Complete && steps > 3 {
            break;
        }
        for _ in 0..20 {
            let depth = (next() % 2000) as usize;
            let mut prev = ObjRef::from_word(roots[0]).unwrap();
            for _ in 0..depth {
                match ObjRef::from_word(prev.word(LEFT)) {
                    Some(o) if o.word(LEFT) != 0 => prev = o,
                    _ => break,
                }
            }
            let Some(x) = ObjRef::from_word(prev.word(LEFT)) else {
                continue;
            };
            let slot = (next() % n as u64) as usize;
            let arr = ObjRef::from_word(roots[1]).unwrap();
            if arr.word(ARR_ITEMS + slot * 8) != 0 {
                continue;
            }
            m.write_item(arr, slot, ARR_ITEMS + slot * 8, x.to_word());
            m.write_ref(prev, LEFT, x.word(LEFT));
            m.write_ref(x, LEFT, 0);
            moved += 1;
        }
        assert!(steps < 100_000);
    }
    assert!(moved > 50, "{moved}");
    m.collect(CollectRequest::Major, &mut roots);
    let mut seen = vec![false; len];
    let mut count = |o: ObjRef| {
        let s = o.word(SERIAL);
        assert_eq!(o.word(PAYLOAD), checksum(s));
        assert!(!seen[s], "duplicate");
        seen[s] = true;
    };
    let arr = ObjRef::from_word(roots[1]).unwrap();
    for i in 0..n {
        if let Some(o) = ObjRef::from_word(arr.word(ARR_ITEMS + i * 8)) {
            count(o);
        }
    }
    let mut at = roots[0];
    while let Some(o) = ObjRef::from_word(at) {
        count(o);
        at = o.word(LEFT);
    }
    assert!(seen.iter().all(|&b| b), "nodes lost");
    m.verify(&mut roots).unwrap();
}
