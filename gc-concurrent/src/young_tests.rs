//! Unit tests of the young generation (minor collections, the
//! generational barrier, identity, finalizers and weak references of young
//! objects), driven without GC threads.

use crate::collector::Concurrent;
use crate::shared::MARKING;
use gc_api::{
    CollectRequest, Collector, CollectorEnv, GcConfig, MutatorContext, ObjRef, RawMemory, TypeId,
    TypeInfo, TypeTable,
};
use std::sync::Arc;

struct Env {
    c: Concurrent,
    ctx: Box<MutatorContext>,
    node: TypeId,
    weak: TypeId,
    arr: TypeId,
}

fn env() -> Env {
    let mut t = TypeTable::new();
    let node = t.register(TypeInfo::fixed("node", 32, vec![8, 16]));
    let weak = t.register(TypeInfo::fixed("weak", 16, vec![]).with_weak_slot(8));
    let arr = t.register(TypeInfo::var_size(
        "arr",
        16,
        vec![],
        gc_api::VarLayout {
            length_offset: 8,
            item_size: 8,
            item_ref_offsets: vec![0],
        },
    ));
    let env = CollectorEnv {
        types: Arc::new(t),
        raw: Arc::new(RawMemory::default()),
    };
    let mut cfg = GcConfig::with_nursery(1 << 20);
    cfg.threads = 0;
    cfg.verify = 1;
    cfg.min_heap = 1 << 20;
    let mut c = Concurrent::new(&cfg, env).unwrap();
    let mut ctx = Box::new(MutatorContext::new());
    c.attach(&mut ctx);
    Env {
        c,
        ctx,
        node,
        weak,
        arr,
    }
}

impl Env {
    fn alloc(&mut self, payload: usize) -> ObjRef {
        let o = self.c.alloc_slow(&mut self.ctx, self.node, 0).unwrap();
        o.set_word(24, payload);
        o
    }

    fn store(&mut self, obj: ObjRef, off: usize, v: usize) {
        if self.ctx.store_needs_barrier(obj.header()) {
            let old = obj.word(off);
            obj.set_word(off, v);
            self.c
                .write_barrier_slow(&mut self.ctx, obj, obj.slot_addr(off), old, v);
        } else {
            obj.set_word(off, v);
        }
    }

    fn minor(&mut self, roots: &mut dyn gc_api::RootSet) {
        self.c.minor(&mut self.ctx, roots);
    }
}

fn at(w: usize) -> ObjRef {
    ObjRef::from_word(w).unwrap()
}

#[test]
fn survivors_move_out_and_old_to_young_stores_are_remembered() {
    let mut e = env();
    let a = e.alloc(1);
    assert!(e.c.is_young(a.addr()));
    let mut roots = vec![a.to_word()];
    e.minor(&mut roots);
    let a = at(roots[0]);
    assert!(!e.c.is_young(a.addr()) && a.word(24) == 1);
    // An old -> young store through the barrier keeps the young object.
    let b = e.alloc(2);
    e.store(a, 8, b.to_word());
    let dead = e.alloc(3);
    let w = e.c.alloc_slow(&mut e.ctx, e.weak, 0).unwrap();
    w.set_word(8, dead.to_word());
    roots.push(w.to_word());
    e.minor(&mut roots);
    let b2 = at(a.word(8));
    assert!(!e.c.is_young(b2.addr()) && b2.word(24) == 2);
    assert_eq!(w.word(8), 0, "dead young referent cleared");
    e.c.verify(&mut e.ctx, &mut roots).unwrap();
    assert_eq!(e.c.stats(&e.ctx).minor_collections, 2);
}

#[test]
fn a_store_without_the_barrier_is_reported() {
    let mut e = env();
    let a = e.alloc(1);
    let mut roots = vec![a.to_word()];
    e.minor(&mut roots);
    let a = at(roots[0]);
    let b = e.alloc(2);
    a.set_word(8, b.to_word()); // no barrier
    let err = e.c.verify(&mut e.ctx, &mut roots).unwrap_err();
    assert!(
        err.contains("slot +8") && err.contains("unremembered old->young"),
        "{err}"
    );
}

#[test]
fn identity_is_the_address_after_promotion() {
    let mut e = env();
    let a = e.alloc(5);
    let id = e.c.identity(&mut e.ctx, a);
    assert_eq!(e.c.identity(&mut e.ctx, a), id);
    assert!(!e.c.pin(a), "young objects cannot be pinned");
    let mut roots = vec![a.to_word()];
    e.minor(&mut roots);
    assert_eq!(roots[0], id);
    assert_eq!(at(id).word(24), 5);
    assert!(e.c.pin(at(id)));
    // A dead young object's reserved cell is not walked as an object.
    let d = e.alloc(6);
    let did = e.c.identity(&mut e.ctx, d);
    let mut seen = Vec::new();
    e.c.walk_heap(&mut e.ctx, &mut roots, &mut |o| seen.push(o.addr()));
    assert!(seen.contains(&id) && !seen.contains(&did));
}

#[test]
fn young_finalizable_objects_survive_until_a_cycle() {
    let mut e = env();
    let f = e.alloc(8);
    e.c.register_finalizer(&mut e.ctx, f);
    let mut roots = vec![];
    e.minor(&mut roots);
    assert!(e.c.next_finalizable().is_none());
    e.c.collect(&mut e.ctx, CollectRequest::Major, &mut roots);
    let got = e.c.next_finalizable().expect("queued");
    assert!(!e.c.is_young(got.addr()) && got.word(24) == 8);
}

#[test]
fn minor_collections_during_marking_keep_the_snapshot() {
    let mut e = env();
    let keep = e.alloc(1);
    let mut roots = vec![keep.to_word()];
    e.c.collect(&mut e.ctx, CollectRequest::Step, &mut roots);
    assert_eq!(e.c.shared.phase(), MARKING);
    let old = at(roots[0]);
    // Young objects referenced from an old object, promoted while marking:
    // they are black, and so is what they reach.
    for i in 0..50_000 {
        let n = e.alloc(i);
        let prev = old.word(16);
        e.store(n, 16, prev);
        e.store(old, 16, n.to_word());
        if i % 10_000 == 0 {
            e.minor(&mut roots);
        }
    }
    e.c.run_to_idle(&mut e.ctx, &mut roots);
    e.c.verify(&mut e.ctx, &mut roots).unwrap();
    let mut n = 0;
    let mut p = at(roots[0]).word(16);
    while p != 0 {
        n += 1;
        p = at(p).word(16);
    }
    assert_eq!(n, 50_000);
}

/// Item stores into a large reference array mark cards: the minor
/// collection scans the dirty cards only (a store that skipped the barrier
/// in another card is reported by verify).
#[test]
fn large_arrays_are_scanned_by_card() {
    let mut e = env();
    let n = 20_000;
    let a = e.c.alloc_slow(&mut e.ctx, e.arr, n).unwrap();
    assert!(!e.c.is_young(a.addr()));
    let mut roots = vec![a.to_word()];
    e.minor(&mut roots);
    assert_eq!(roots[0], a.to_word(), "old objects do not move");
    let item = |i: usize| 16 + 8 * i;
    let y = e.alloc(42);
    // The array barrier, as gc_api::Mutator::write_item does it.
    assert!(e.ctx.store_needs_barrier(a.header()));
    a.set_word(item(5), y.to_word());
    e.c.array_write_barrier_slow(&mut e.ctx, a, 5, a.slot_addr(item(5)), 0, y.to_word());
    assert!(
        e.c.young.remembered.is_empty(),
        "carded, not remembered whole"
    );
    e.minor(&mut roots);
    let y2 = at(a.word(item(5)));
    assert!(!e.c.is_young(y2.addr()) && y2.word(24) == 42);
    e.c.verify(&mut e.ctx, &mut roots).unwrap();
    // A barrier-marked store in card 0 does not cover item 10_000.
    let p = e.alloc(1);
    let q = e.alloc(2);
    a.set_word(item(1), p.to_word());
    e.c.array_write_barrier_slow(&mut e.ctx, a, 1, a.slot_addr(item(1)), 0, p.to_word());
    a.set_word(item(10_000), q.to_word());
    let err = e.c.verify(&mut e.ctx, &mut roots).unwrap_err();
    assert!(
        err.contains("slot +80016") && err.contains("unremembered"),
        "{err}"
    );
}

#[test]
fn pretenured_objects_keep_unbarriered_young_referents() {
    let mut e = env();
    let y = e.alloc(7);
    let mut roots = vec![y.to_word()];
    e.c.set_pretenure(&mut e.ctx, true);
    assert!(
        e.ctx.safepoint_pending(),
        "young objects exist: a minor is asked for"
    );
    let p = e.alloc(8);
    assert!(!e.c.is_young(p.addr()), "allocated old");
    assert_eq!(
        p.header() & crate::young::TRACK,
        0,
        "remembered at allocation"
    );
    p.set_word(8, y.to_word()); // initializing store: no barrier
    roots.push(p.to_word());
    // The requested safepoint runs the minor collection.
    e.c.safepoint(&mut e.ctx, &mut roots);
    assert_eq!(e.c.stats(&e.ctx).minor_collections, 1);
    assert_eq!(roots[1], p.to_word(), "old objects don't move");
    assert_ne!(roots[0], y.to_word());
    assert_eq!(p.word(8), roots[0]);
    assert_eq!(at(roots[0]).word(24), 7);
    // Now the nursery is empty: what is pretenured is a plain old object.
    let q = e.alloc(9);
    assert!(!e.c.is_young(q.addr()));
    assert_ne!(q.header() & crate::young::TRACK, 0, "not remembered");
    e.c.set_pretenure(&mut e.ctx, false);
    let z = e.alloc(10);
    assert!(e.c.is_young(z.addr()), "young again after the region");
    e.store(q, 16, z.to_word()); // the barrier remembers q
    roots.push(q.to_word());
    e.minor(&mut roots);
    assert_eq!(at(q.word(16)).word(24), 10);
    e.c.verify(&mut e.ctx, &mut roots).unwrap();
}
