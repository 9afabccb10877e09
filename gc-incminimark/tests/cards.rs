mod common;
use common::*;
use gc_api::{CollectRequest, NoRoots, ObjRef};

#[test]
fn card_marked_array_keeps_young_objects_alive() {
    let cfg = config(256 << 10);
    let (mut m, ty) = mutator(&cfg);
    assert!(m.capabilities().card_marking);
    let n = 50_000;
    let arr = m.alloc_var(ty.arr, n).unwrap();
    let h = m.root(arr.to_word());
    m.collect(CollectRequest::Major, &mut NoRoots);
    for round in 0..5usize {
        // Store young nodes into a sparse set of items of the old array.
        for k in 0..200usize {
            let idx = (k * 241 + round * 7) % n;
            let o = node(&mut m, &ty, idx + round * n, 0, 0);
            let arr = ObjRef::from_word(m.root_get(h)).unwrap();
            m.write_item(arr, idx, ARR_ITEMS + idx * 8, o.to_word());
        }
        m.verify(&mut NoRoots).unwrap();
        churn(&mut m, &ty, 30_000);
        m.collect(CollectRequest::Minor, &mut NoRoots);
        let arr = ObjRef::from_word(m.root_get(h)).unwrap();
        for k in 0..200usize {
            let idx = (k * 241 + round * 7) % n;
            let o = ObjRef::from_word(arr.word(ARR_ITEMS + idx * 8)).expect("item lost");
            assert_eq!(o.word(SERIAL), idx + round * n);
            assert_eq!(o.word(PAYLOAD), checksum(idx + round * n));
        }
        m.verify(&mut NoRoots).unwrap();
    }
    m.collect(CollectRequest::Major, &mut NoRoots);
    m.verify(&mut NoRoots).unwrap();
}

#[test]
fn bulk_write_remembers_the_whole_array() {
    let cfg = config(128 << 10);
    let (mut m, ty) = mutator(&cfg);
    let arr = m.alloc_var(ty.arr, 1000).unwrap();
    let h = m.root(arr.to_word());
    m.collect(CollectRequest::Minor, &mut NoRoots);
    let arr = ObjRef::from_word(m.root_get(h)).unwrap();
    m.before_bulk_write(arr);
    for i in 0..1000 {
        let o = node(&mut m, &ty, i, 0, 0);
        arr.set_word(ARR_ITEMS + i * 8, o.to_word());
    }
    m.collect(CollectRequest::Minor, &mut NoRoots);
    let arr = ObjRef::from_word(m.root_get(h)).unwrap();
    for i in 0..1000 {
        let o = ObjRef::from_word(arr.word(ARR_ITEMS + i * 8)).unwrap();
        assert_eq!(o.word(PAYLOAD), checksum(i));
    }
    m.verify(&mut NoRoots).unwrap();
}
