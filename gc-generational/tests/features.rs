//! Aging, cards, large objects, pinning, weak references, finalizers,
//! identity, memory pressure and the heap limit.

mod common;
use common::*;
use gc_api::{AllocError, CollectRequest, GcEvent, NoRoots, ObjRef};
use std::sync::{Arc, Mutex};

fn events(m: &mut gc_api::Mutator) -> Arc<Mutex<Vec<GcEvent>>> {
    let log = Arc::new(Mutex::new(Vec::new()));
    let l2 = log.clone();
    m.collector_mut()
        .subscribe(Box::new(move |e| l2.lock().unwrap().push(e.clone())));
    log
}

#[test]
fn tenure_k_promotes_after_k_survivals() {
    for k in [1u32, 2, 3, 5] {
        let cfg = config_with(256 << 10, 1, k);
        let (mut m, ty) = mutator(&cfg);
        let o = node(&mut m, &ty, 7, 0, 0);
        let h = m.root(o.to_word());
        let mut promoted_at = None;
        for minor in 1..=k + 1 {
            m.collect(CollectRequest::Minor, &mut NoRoots);
            let s = m.stats();
            if promoted_at.is_none() && s.promoted_bytes > 0 {
                promoted_at = Some(minor);
            }
            let now = ObjRef::from_word(m.root_get(h)).unwrap();
            assert_eq!(now.word(PAYLOAD), checksum(7));
            m.verify(&mut NoRoots).unwrap();
        }
        assert_eq!(
            promoted_at,
            Some(k),
            "tenure {k}: promoted at minor {promoted_at:?}"
        );
        // Once old, it stays put.
        let at = m.root_get(h);
        m.collect(CollectRequest::Minor, &mut NoRoots);
        assert_eq!(m.root_get(h), at);
    }
}

#[test]
fn survivors_move_until_tenured_and_ages_are_verified() {
    let cfg = config_with(256 << 10, 2, 4);
    let (mut m, ty) = mutator(&cfg);
    let mut serial = 0;
    let t = tree(&mut m, &ty, 10, &mut serial);
    let h = m.root(t);
    let mut addrs = vec![m.root_get(h)];
    for _ in 0..5 {
        m.collect(CollectRequest::Minor, &mut NoRoots);
        addrs.push(m.root_get(h));
        assert_eq!(check_tree(m.root_get(h)), (1 << 10) - 1);
        m.verify(&mut NoRoots).unwrap();
    }
    // Copied at each of the first 4 minors (survivor, survivor, survivor,
    // old), then stable.
    for i in 0..4 {
        assert_ne!(
            addrs[i],
            addrs[i + 1],
            "minor {} did not move the root",
            i + 1
        );
    }
    assert_eq!(addrs[4], addrs[5]);
}

#[test]
fn old_to_survivor_pointers_stay_remembered() {
    // An old object points to a young one that survives into the survivor
    // space: the old object must be scanned again at the next minor.
    let cfg = config_with(256 << 10, 1, 3);
    let (mut m, ty) = mutator(&cfg);
    let old = node(&mut m, &ty, 1, 0, 0);
    let h = m.root(old.to_word());
    for _ in 0..3 {
        m.collect(CollectRequest::Minor, &mut NoRoots);
    }
    let old = ObjRef::from_word(m.root_get(h)).unwrap();
    let young = node(&mut m, &ty, 2, 0, 0);
    m.write_ref(old, LEFT, young.to_word());
    for i in 0..4 {
        m.collect(CollectRequest::Minor, &mut NoRoots);
        churn(&mut m, &ty, 5_000);
        m.verify(&mut NoRoots)
            .unwrap_or_else(|e| panic!("minor {i}: {e}"));
        let old = ObjRef::from_word(m.root_get(h)).unwrap();
        let y = ObjRef::from_word(old.word(LEFT)).unwrap();
        assert_eq!(y.word(PAYLOAD), checksum(2));
    }
}

#[test]
fn garbage_is_reclaimed_by_minor_and_major() {
    let cfg = config_with(256 << 10, 2, 2);
    let (mut m, ty) = mutator(&cfg);
    let log = events(&mut m);
    churn(&mut m, &ty, 400_000);
    m.collect(CollectRequest::Major, &mut NoRoots);
    let s = m.stats();
    assert!(s.minor_collections >= 10, "{s:?}");
    assert!(s.heap_bytes < 1 << 20, "garbage stays: {s:?}");
    // A big live tree, then dropped: a major collection frees it.
    let mut serial = 0;
    let t = tree(&mut m, &ty, 15, &mut serial);
    let h = m.root(t);
    m.collect(CollectRequest::Major, &mut NoRoots);
    let live = m.stats().heap_bytes;
    assert!(live >= 40 * ((1 << 15) - 1), "{live}");
    m.root_set(h, 0);
    m.collect(CollectRequest::Major, &mut NoRoots);
    assert!(m.stats().heap_bytes < live / 10);
    let log = log.lock().unwrap();
    let major = log
        .iter()
        .rfind(|e| e.kind == gc_api::EventKind::Major)
        .unwrap();
    assert!(major.freed >= 40 * ((1 << 15) - 1) as u64, "{major:?}");
    assert!(major.bytes_before > major.bytes_after);
    assert!(log
        .iter()
        .any(|e| e.kind == gc_api::EventKind::Minor && e.promoted > 0));
}

#[test]
fn cards_on_large_old_arrays() {
    let cfg = config_with(256 << 10, 2, 2);
    let (mut m, ty) = mutator(&cfg);
    let n = 5000;
    let arr = m.alloc_var(ty.arr, n).unwrap();
    let h = m.root(arr.to_word());
    m.collect(CollectRequest::Minor, &mut NoRoots);
    for round in 0..6 {
        let arr = ObjRef::from_word(m.root_get(h)).unwrap();
        // Young objects stored into a few items of the (old) array.
        for i in (0..n).step_by(997) {
            let o = node(&mut m, &ty, round * 10_000 + i, 0, 0);
            m.write_item(arr, i, ARR_ITEMS + 8 * i, o.to_word());
        }
        m.verify(&mut NoRoots).unwrap();
        churn(&mut m, &ty, 20_000);
        if round == 3 {
            m.collect(CollectRequest::Major, &mut NoRoots);
        }
        let arr = ObjRef::from_word(m.root_get(h)).unwrap();
        for i in (0..n).step_by(997) {
            let o = ObjRef::from_word(arr.word(ARR_ITEMS + 8 * i)).unwrap();
            assert_eq!(o.word(PAYLOAD), checksum(round * 10_000 + i));
        }
        m.verify(&mut NoRoots).unwrap();
    }
}

#[test]
fn large_objects_young_and_old() {
    let cfg = config_with(256 << 10, 2, 1);
    let (mut m, ty) = mutator(&cfg);
    // Short-lived large byte strings are freed by minor collections.
    for _ in 0..200 {
        let b = m.alloc_var(ty.bytes, 100_000).unwrap();
        b.set_word(24, 0xfeed);
        m.safepoint(&mut NoRoots);
    }
    m.collect(CollectRequest::Minor, &mut NoRoots);
    assert!(m.stats().heap_bytes < 1 << 20, "{:?}", m.stats());
    let keep = m.alloc_var(ty.bytes, 100_000).unwrap();
    keep.set_word(24, 0xbeef);
    let at = keep.addr();
    let h = m.root(keep.to_word());
    m.collect(CollectRequest::Major, &mut NoRoots);
    assert_eq!(m.root_get(h), at, "large objects never move");
    assert_eq!(ObjRef::from_word(m.root_get(h)).unwrap().word(24), 0xbeef);
    m.root_set(h, 0);
    m.collect(CollectRequest::Major, &mut NoRoots);
    assert!(m.stats().heap_bytes < 64 << 10);
}

#[test]
fn pinned_young_objects_stay_in_place() {
    let cfg = config_with(256 << 10, 2, 3);
    let (mut m, ty) = mutator(&cfg);
    let child = node(&mut m, &ty, 2, 0, 0);
    let p = node(&mut m, &ty, 1, child.to_word(), 0);
    assert!(m.pin(p));
    let at = p.addr();
    let h = m.root(at);
    for round in 0..6 {
        churn(&mut m, &ty, 30_000);
        if round == 2 {
            m.collect(CollectRequest::Major, &mut NoRoots);
        }
        assert_eq!(m.root_get(h), at, "pinned object moved");
        let p = ObjRef::from_word(at).unwrap();
        assert_eq!(p.word(PAYLOAD), checksum(1));
        let c = ObjRef::from_word(p.word(LEFT)).unwrap();
        assert_eq!(c.word(PAYLOAD), checksum(2));
        m.verify(&mut NoRoots).unwrap();
    }
    m.unpin(ObjRef::from_word(at).unwrap());
    m.collect(CollectRequest::Minor, &mut NoRoots);
    let moved = ObjRef::from_word(m.root_get(h)).unwrap();
    assert_eq!(moved.word(PAYLOAD), checksum(1));
    // A survivor can't be pinned (it moves at every minor collection).
    let s = node(&mut m, &ty, 3, 0, 0);
    let hs = m.root(s.to_word());
    m.collect(CollectRequest::Minor, &mut NoRoots);
    assert!(!m.pin(ObjRef::from_word(m.root_get(hs)).unwrap()));
}

#[test]
fn identity_is_stable_across_moves() {
    let cfg = config_with(256 << 10, 1, 3);
    let (mut m, ty) = mutator(&cfg);
    let a = node(&mut m, &ty, 1, 0, 0);
    let b = node(&mut m, &ty, 2, 0, 0);
    let (ia, ib) = (m.identity(a), m.identity(b));
    assert_ne!(ia, ib);
    let ha = m.root(a.to_word());
    let hb = m.root(b.to_word());
    m.collect(CollectRequest::Minor, &mut NoRoots);
    let (a, b) = (
        ObjRef::from_word(m.root_get(ha)).unwrap(),
        ObjRef::from_word(m.root_get(hb)).unwrap(),
    );
    assert_eq!(m.identity(a), ia);
    assert_eq!(m.identity(b), ib);
    // A survivor (not yet old) takes its identity later.
    let c = node(&mut m, &ty, 3, 0, 0);
    let hc = m.root(c.to_word());
    m.collect(CollectRequest::Minor, &mut NoRoots);
    let ic = m.identity(ObjRef::from_word(m.root_get(hc)).unwrap());
    for _ in 0..4 {
        m.collect(CollectRequest::Minor, &mut NoRoots);
        churn(&mut m, &ty, 10_000);
        let c = ObjRef::from_word(m.root_get(hc)).unwrap();
        assert_eq!(m.identity(c), ic);
        assert_eq!(c.word(PAYLOAD), checksum(3));
    }
    m.collect(CollectRequest::Major, &mut NoRoots);
    let a = ObjRef::from_word(m.root_get(ha)).unwrap();
    assert_eq!(m.identity(a), ia);
    m.verify(&mut NoRoots).unwrap();
}

#[test]
fn weakrefs_cleared_in_minor_and_major() {
    let cfg = config_with(256 << 10, 2, 2);
    let (mut m, ty) = mutator(&cfg);
    let target = node(&mut m, &ty, 1, 0, 0);
    let ht = m.root(target.to_word());
    let w1 = m.alloc(ty.weak).unwrap();
    w1.set_word(WEAK_SLOT, target.to_word());
    let h1 = m.root(w1.to_word());
    let dying = node(&mut m, &ty, 2, 0, 0);
    let w2 = m.alloc(ty.weak).unwrap();
    w2.set_word(WEAK_SLOT, dying.to_word());
    let h2 = m.root(w2.to_word());
    m.collect(CollectRequest::Minor, &mut NoRoots);
    let w1 = ObjRef::from_word(m.root_get(h1)).unwrap();
    let w2 = ObjRef::from_word(m.root_get(h2)).unwrap();
    assert_eq!(
        w1.word(WEAK_SLOT),
        m.root_get(ht),
        "weak slot follows its target"
    );
    assert_eq!(w2.word(WEAK_SLOT), 0, "cleared by the minor collection");
    // Let target and weakref get old, then drop the target: the major clears.
    for _ in 0..3 {
        m.collect(CollectRequest::Minor, &mut NoRoots);
    }
    m.root_set(ht, 0);
    m.collect(CollectRequest::Minor, &mut NoRoots);
    let w1 = ObjRef::from_word(m.root_get(h1)).unwrap();
    assert_ne!(w1.word(WEAK_SLOT), 0, "old target lives until a major");
    m.collect(CollectRequest::Major, &mut NoRoots);
    let w1 = ObjRef::from_word(m.root_get(h1)).unwrap();
    assert_eq!(w1.word(WEAK_SLOT), 0, "cleared by the major collection");
    assert!(m.stats().weakrefs_cleared >= 2);
}

#[test]
fn light_finalizers_run_for_young_and_old() {
    let cfg = config_with(256 << 10, 2, 2);
    let (mut m, ty) = mutator(&cfg);
    let before = light_runs();
    for i in 0..100 {
        let o = m.alloc(ty.light).unwrap();
        o.set_word(8, i);
    }
    m.collect(CollectRequest::Minor, &mut NoRoots);
    assert_eq!(light_runs() - before, 100, "young light finalizers");
    let o = m.alloc(ty.light).unwrap();
    o.set_word(8, 1000);
    let h = m.root(o.to_word());
    for _ in 0..3 {
        m.collect(CollectRequest::Minor, &mut NoRoots);
    }
    assert_eq!(light_runs() - before, 100);
    m.root_set(h, 0);
    m.collect(CollectRequest::Major, &mut NoRoots);
    assert_eq!(light_runs() - before, 101, "old light finalizer");
    assert_eq!(m.stats().light_finalizers_run, 101);
}

#[test]
fn full_finalizers_in_order() {
    let cfg = config_with(256 << 10, 4, 1);
    let (mut m, ty) = mutator(&cfg);
    // a -> b, both finalizable: a first, b in a later collection.
    let b = node(&mut m, &ty, 2, 0, 0);
    let a = node(&mut m, &ty, 1, b.to_word(), 0);
    m.register_finalizer(a);
    m.register_finalizer(b);
    let live = node(&mut m, &ty, 3, 0, 0);
    m.register_finalizer(live);
    let hl = m.root(live.to_word());
    m.collect(CollectRequest::Major, &mut NoRoots);
    let first: Vec<usize> = std::iter::from_fn(|| m.next_finalizable())
        .map(|o| o.word(SERIAL))
        .collect();
    assert_eq!(first, vec![1]);
    m.collect(CollectRequest::Major, &mut NoRoots);
    let second: Vec<usize> = std::iter::from_fn(|| m.next_finalizable())
        .map(|o| o.word(SERIAL))
        .collect();
    assert_eq!(second, vec![2]);
    m.collect(CollectRequest::Major, &mut NoRoots);
    assert!(m.next_finalizable().is_none());
    assert_eq!(ObjRef::from_word(m.root_get(hl)).unwrap().word(SERIAL), 3);
    assert_eq!(m.stats().finalizers_queued, 2);
}

#[test]
fn heap_limit_returns_an_error_and_recovers() {
    let mut cfg = config_with(256 << 10, 2, 1);
    cfg.max_heap = Some(8 << 20);
    let (mut m, ty) = mutator(&cfg);
    let h = m.root(0);
    let mut err = None;
    for i in 0..1_000_000 {
        match m.alloc(ty.node) {
            Ok(o) => {
                o.set_word(LEFT, m.root_get(h));
                o.set_word(PAYLOAD, checksum(i));
                o.set_word(SERIAL, i);
                m.root_set(h, o.to_word());
            }
            Err(e) => {
                err = Some(e);
                break;
            }
        }
        if i % 100 == 0 {
            m.safepoint(&mut NoRoots);
        }
    }
    assert!(
        matches!(err, Some(AllocError::HeapLimit { limit, .. }) if limit == 8 << 20),
        "{err:?}"
    );
    // A large request fails too, without panicking.
    assert!(matches!(
        m.alloc_var(ty.bytes, 64 << 20),
        Err(AllocError::HeapLimit { .. })
    ));
    m.root_set(h, 0);
    m.safepoint(&mut NoRoots);
    m.collect(CollectRequest::Major, &mut NoRoots);
    assert!(
        m.alloc(ty.node).is_ok(),
        "room again after dropping the list"
    );
}

#[test]
fn memory_pressure_triggers_major() {
    let cfg = config_with(256 << 10, 1, 1);
    let (mut m, ty) = mutator(&cfg);
    let before = m.stats().major_collections;
    m.add_memory_pressure(64 << 20);
    node(&mut m, &ty, 1, 0, 0);
    m.safepoint(&mut NoRoots);
    assert_eq!(m.stats().major_collections, before + 1);
}

#[test]
fn settings_and_capabilities() {
    let cfg = config_with(256 << 10, 3, 4);
    let (mut m, _) = mutator(&cfg);
    let caps = m.capabilities();
    assert!(caps.generational && caps.moves_objects && caps.parallel && caps.card_marking);
    assert!(!caps.incremental && !caps.concurrent && !caps.needs_satb);
    let s = m.collector_mut().settings();
    let get = |k: &str| s.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone());
    assert_eq!(get("threads").as_deref(), Some("3"));
    assert_eq!(get("tenure").as_deref(), Some("4"));
    assert_eq!(get("nursery").as_deref(), Some("256KB"));
}
