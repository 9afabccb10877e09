mod common;
use common::*;
use gc_api::{CollectRequest, NoRoots};

#[test]
fn heap_stays_bounded_when_everything_is_dropped() {
    let mut cfg = config(256 << 10);
    cfg.verify = 0;
    let (mut m, ty) = mutator(&cfg);
    let mut peak = 0;
    for round in 0..30 {
        // Build a structure that gets promoted, then drop it.
        let mut serial = 0;
        let root = tree(&mut m, &ty, 12, &mut serial);
        let h = m.root(root);
        let arr = m.alloc_var(ty.arr, 10_000).unwrap();
        let ha = m.root(arr.to_word());
        churn(&mut m, &ty, 20_000);
        assert_eq!(check_tree(m.root_get(h)), (1 << 12) - 1);
        let _ = m.root_get(ha);
        m.root_set(h, 0);
        m.root_set(ha, 0);
        churn(&mut m, &ty, 20_000);
        if round > 5 {
            peak = peak.max(m.stats().heap_bytes);
        }
        let _ = m.root_mark();
    }
    m.collect(CollectRequest::Major, &mut NoRoots);
    let s = m.stats();
    // 4095 nodes * 40B + an 80KB array is < 300 KB live; the heap may grow
    // to the thresholds, but must not grow with the number of rounds.
    assert!(peak < 16 << 20, "peak heap {peak} too large: {s:?}");
    assert!(s.heap_bytes < 1 << 20, "after a full collection: {s:?}");
    assert!(s.freed_bytes > 30 * 100_000, "{s:?}");
    assert!(s.major_collections >= 1);
}

#[test]
fn full_collection_frees_all_unreachable_old_objects() {
    let cfg = config(128 << 10);
    let (mut m, ty) = mutator(&cfg);
    let mut serial = 0;
    let root = tree(&mut m, &ty, 13, &mut serial);
    let h = m.root(root);
    m.collect(CollectRequest::Major, &mut NoRoots);
    let with_tree = m.stats().heap_bytes;
    assert!(with_tree >= ((1 << 13) - 1) * 40, "{with_tree}");
    m.root_set(h, 0);
    m.collect(CollectRequest::Major, &mut NoRoots);
    let without = m.stats().heap_bytes;
    assert!(without < with_tree / 10, "{without} vs {with_tree}");
    let mut n = 0;
    m.walk_heap(&mut NoRoots, &mut |_| n += 1);
    assert!(n < 100, "{n} objects left");
}
