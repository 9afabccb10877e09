mod common;
use common::*;
use gc_api::{CollectRequest, NoRoots, ObjRef};

#[test]
fn large_objects_young_and_old() {
    let cfg = config(256 << 10);
    let (mut m, ty) = mutator(&cfg);
    let mut keep = vec![];
    for i in 0..40usize {
        let len = 40_000 + i * 1000;
        let b = m.alloc_var(ty.bytes, len).unwrap();
        // SAFETY: the payload is inside the object; no safepoint meanwhile.
        unsafe { b.bytes_mut(24, len) }.fill((i % 251) as u8);
        let arr = m.alloc_var(ty.arr, 5000).unwrap();
        let o = node(&mut m, &ty, i, 0, 0);
        m.write_item(arr, 4999, ARR_ITEMS + 4999 * 8, o.to_word());
        m.write_item(arr, 0, ARR_ITEMS, b.to_word());
        if i % 4 == 0 {
            keep.push(m.root(arr.to_word()));
        }
        churn(&mut m, &ty, 2000);
    }
    m.collect(CollectRequest::Major, &mut NoRoots);
    for (k, h) in keep.iter().enumerate() {
        let i = k * 4;
        let arr = ObjRef::from_word(m.root_get(*h)).unwrap();
        let o = ObjRef::from_word(arr.word(ARR_ITEMS + 4999 * 8)).unwrap();
        assert_eq!(o.word(PAYLOAD), checksum(i));
        let b = ObjRef::from_word(arr.word(ARR_ITEMS)).unwrap();
        let len = b.word(8);
        assert_eq!(len, 40_000 + i * 1000);
        // SAFETY: as above.
        assert!(unsafe { b.bytes(24, len) }
            .iter()
            .all(|&x| x == (i % 251) as u8));
    }
    let s = m.stats();
    // 10 kept arrays of 40KB + byte strings of ~60KB: well under 2MB.
    assert!(s.heap_bytes < 2 << 20, "{s:?}");
    m.verify(&mut NoRoots).unwrap();
}

#[test]
fn large_objects_do_not_move() {
    let cfg = config(128 << 10);
    let (mut m, ty) = mutator(&cfg);
    let b = m.alloc_var(ty.bytes, 100_000).unwrap();
    let addr = b.addr();
    let h = m.root(addr);
    for _ in 0..3 {
        churn(&mut m, &ty, 20_000);
        m.collect(CollectRequest::Major, &mut NoRoots);
        assert_eq!(m.root_get(h), addr);
    }
}
