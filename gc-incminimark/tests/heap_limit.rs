mod common;
use common::*;
use gc_api::{AllocError, CollectRequest, NoRoots};

#[test]
fn heap_limit_returns_an_error_and_recovers() {
    let mut cfg = config(128 << 10);
    cfg.max_heap = Some(4 << 20);
    let (mut m, ty) = mutator(&cfg);
    let list = m.alloc_var(ty.arr, 200_000).unwrap();
    let h = m.root(list.to_word());
    let mut err = None;
    for i in 0..200_000usize {
        match m.alloc(ty.node) {
            Ok(o) => {
                let list = gc_api::ObjRef::from_word(m.root_get(h)).unwrap();
                m.write_item(list, i, ARR_ITEMS + i * 8, o.to_word());
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
    match err {
        Some(AllocError::HeapLimit { limit, .. }) => assert_eq!(limit, 4 << 20),
        other => panic!("expected HeapLimit, got {other:?}"),
    }
    // Large allocations fail the same way.
    assert!(matches!(
        m.alloc_var(ty.bytes, 8 << 20),
        Err(AllocError::HeapLimit { .. })
    ));
    // Drop everything: allocation works again after a collection.
    m.root_set(h, 0);
    m.safepoint(&mut NoRoots);
    m.collect(CollectRequest::Major, &mut NoRoots);
    for _ in 0..10_000 {
        m.alloc(ty.node).expect("allocation after freeing");
    }
    m.set_heap_limit(None);
    assert!(m.alloc_var(ty.bytes, 8 << 20).is_ok());
}

#[test]
fn absurd_lengths_are_errors() {
    let cfg = config(128 << 10);
    let (mut m, ty) = mutator(&cfg);
    assert!(m.alloc_var(ty.arr, usize::MAX / 4).is_err());
    assert!(m.alloc_var(ty.bytes, usize::MAX - 100).is_err());
}
