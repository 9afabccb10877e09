//! Unit tests of the collector as a whole (barrier, pacing, settings).

use super::*;
use crate::flags::*;
use gc_api::{Mutator, NoRoots, TypeInfo};

fn setup(nursery: usize) -> (Mutator, TypeId) {
    let mut t = TypeTable::new();
    let node = t.register(TypeInfo::fixed("node", 24, vec![8, 16]));
    let env = CollectorEnv {
        types: Arc::new(t),
        raw: Arc::new(RawMemory::default()),
    };
    let cfg = GcConfig::with_nursery(nursery);
    let c = build(&cfg, env.clone()).unwrap();
    (Mutator::new(c, &env, &cfg), node)
}

#[test]
fn barrier_remembers_each_old_object_once() {
    let (mut m, node) = setup(128 << 10);
    let old = m.alloc(node).unwrap();
    let h = m.root(old.to_word());
    m.collect(CollectRequest::Minor, &mut NoRoots);
    let old = ObjRef::from_word(m.root_get(h)).unwrap();
    assert!(
        old.header() & TRACK_YOUNG_PTRS != 0,
        "promoted objects track young pointers"
    );
    assert!(m.context().store_needs_barrier(old.header()));
    let y = m.alloc(node).unwrap();
    assert!(
        !m.context().store_needs_barrier(y.header()),
        "young objects need no barrier"
    );
    m.write_ref(old, 8, y.to_word());
    assert_eq!(old.header() & TRACK_YOUNG_PTRS, 0);
    m.write_ref(old, 16, y.to_word()); // no barrier call now
    m.collect(CollectRequest::Minor, &mut NoRoots);
    let old = ObjRef::from_word(m.root_get(h)).unwrap();
    assert_eq!(old.word(8), old.word(16));
    assert!(!m.context().store_needs_barrier(0));
    m.verify(&mut NoRoots).unwrap();
}

#[test]
fn threshold_follows_live_bytes_and_growth_limit() {
    let (mut m, node) = setup(64 << 10);
    let min_heap = 8 * (64 << 10);
    let list = m.root(0);
    for _ in 0..200_000 {
        let o = m.alloc(node).unwrap();
        o.set_word(8, m.root_get(list));
        m.root_set(list, o.to_word());
        m.safepoint(&mut NoRoots);
    }
    m.collect(CollectRequest::Major, &mut NoRoots);
    let th = |m: &mut Mutator| -> usize {
        let s = m.collector_mut().settings();
        let v = &s
            .iter()
            .find(|(k, _)| *k == "next-major-threshold")
            .unwrap()
            .1;
        gc_api::config::parse_size(v).unwrap()
    };
    let t1 = th(&mut m);
    let live = m.stats().heap_bytes as usize;
    assert!(t1 >= min_heap);
    assert!(
        t1 as f64 <= live as f64 * 1.82 + 4096.0,
        "{t1} vs live {live}"
    );
    m.root_set(list, 0);
    m.collect(CollectRequest::Major, &mut NoRoots);
    assert_eq!(
        th(&mut m),
        min_heap,
        "an empty heap falls back to the minimum"
    );
    assert!(m.stats().major_collections >= 2);
}

#[test]
fn capabilities_and_settings() {
    let (mut m, _) = setup(128 << 10);
    let c = m.capabilities();
    assert!(c.moves_objects && c.generational && c.incremental && c.card_marking);
    assert!(c.needs_write_barrier && !c.needs_satb && c.supports_pinning && c.reclaims);
    let s = m.collector_mut().settings();
    assert!(s.iter().any(|(k, v)| *k == "nursery" && v == "128KB"));
    assert_eq!(m.collector_name(), "incminimark");
}

#[test]
fn pretenured_objects_keep_unbarriered_young_referents() {
    let (mut m, node) = setup(128 << 10);
    let y = m.alloc(node).unwrap();
    let hy = m.root(y.to_word());
    m.pretenure_enter();
    assert!(
        m.context().safepoint_pending(),
        "young objects exist: the region asks for a minor collection"
    );
    let p = m.alloc(node).unwrap();
    let hp = m.root(p.to_word());
    assert_eq!(p.header() & TRACK_YOUNG_PTRS, 0, "remembered at allocation");
    p.set_word(8, y.to_word()); // initializing store: no barrier
    m.pretenure_exit();
    m.collect(CollectRequest::Minor, &mut NoRoots);
    assert_eq!(m.root_get(hp), p.to_word(), "pretenured objects don't move");
    let y2 = m.root_get(hy);
    assert_ne!(y2, y.to_word(), "the young object was copied");
    assert_eq!(p.word(8), y2, "the pretenured object's slot was updated");
    assert_ne!(p.header() & TRACK_YOUNG_PTRS, 0, "re-armed");
    m.verify(&mut NoRoots).unwrap();
}

#[test]
fn pretenured_objects_after_a_minor_are_plain_old_objects() {
    let (mut m, node) = setup(128 << 10);
    m.pretenure_enter();
    m.collect(CollectRequest::Minor, &mut NoRoots);
    let p = m.alloc(node).unwrap();
    let hp = m.root(p.to_word());
    assert_ne!(p.header() & TRACK_YOUNG_PTRS, 0, "not remembered");
    m.pretenure_exit();
    let y = m.alloc(node).unwrap();
    let hy = m.root(y.to_word());
    m.write_ref(p, 16, y.to_word()); // the barrier remembers it
    assert_eq!(p.header() & TRACK_YOUNG_PTRS, 0);
    m.collect(CollectRequest::Minor, &mut NoRoots);
    assert_eq!(m.root_get(hp), p.to_word());
    assert_eq!(p.word(16), m.root_get(hy));
    m.verify(&mut NoRoots).unwrap();
    // Unreachable pretenured objects die at the next major collection.
    m.root_set(hp, 0);
    m.root_set(hy, 0);
    let before = m.stats().heap_bytes;
    m.pretenure_enter();
    for _ in 0..10_000 {
        m.alloc(node).unwrap();
    }
    m.pretenure_exit();
    assert!(m.stats().heap_bytes >= before + 10_000 * 24);
    m.collect(CollectRequest::Major, &mut NoRoots);
    assert!(m.stats().heap_bytes <= before, "{}", m.stats().heap_bytes);
}

#[test]
fn a_pretenuring_region_stops_at_its_limit() {
    let (mut m, node) = setup(128 << 10);
    m.pretenure_enter();
    m.collect(CollectRequest::Minor, &mut NoRoots);
    let first = m.alloc(node).unwrap();
    let h = m.root(first.to_word());
    for _ in 0..(pretenure::PRETENURE_LIMIT / 24) {
        m.alloc(node).unwrap();
    }
    let y = m.alloc(node).unwrap();
    first.set_word(8, y.to_word()); // allocated since the last safepoint
    let hy = m.root(y.to_word());
    assert_ne!(y.to_word(), 0);
    m.pretenure_exit();
    m.collect(CollectRequest::Minor, &mut NoRoots);
    assert_ne!(m.root_get(hy), y.to_word(), "past the limit, young again");
    assert_eq!(first.word(8), m.root_get(hy));
    assert_eq!(m.root_get(h), first.to_word());
    m.verify(&mut NoRoots).unwrap();
}
