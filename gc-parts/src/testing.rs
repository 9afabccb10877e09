//! The mock mutator shared by the collectors' integration tests (cargo
//! feature `testing`, enabled by their dev-dependency on this crate): a
//! type table of nodes with two pointer fields and a checksummed payload,
//! pointer arrays, byte strings, weak references and objects with light
//! finalizers; helpers that build, churn and check object graphs; and the
//! scenarios every copying collector runs.

use gc_api::{
    CollectRequest, Collector, CollectorEnv, ConfigError, GcConfig, Mutator, NoRoots, ObjRef,
    RawMemory, TypeId, TypeInfo, TypeTable, VarLayout,
};
use std::cell::Cell;
use std::sync::Arc;

/// node: header, left @8, right @16, payload @24, serial @32.
pub const LEFT: usize = 8;
/// See [`LEFT`].
pub const RIGHT: usize = 16;
/// See [`LEFT`].
pub const PAYLOAD: usize = 24;
/// See [`LEFT`].
pub const SERIAL: usize = 32;
/// arr: header, length @8, checksum @16, items (refs) from 24.
pub const ARR_LEN: usize = 8;
/// See [`ARR_LEN`].
pub const ARR_ITEMS: usize = 24;
/// weak: header, weak slot @8, strong slot @16.
pub const WEAK_SLOT: usize = 8;

thread_local! {
    static LIGHT_RUN: Cell<usize> = const { Cell::new(0) };
    static LIGHT_SUM: Cell<usize> = const { Cell::new(0) };
}

fn light_fin(o: ObjRef) {
    LIGHT_RUN.with(|c| c.set(c.get() + 1));
    let v = o.word(8);
    LIGHT_SUM.with(|c| c.set(c.get() + v));
}

/// Light finalizers run on this thread so far.
pub fn light_runs() -> usize {
    LIGHT_RUN.with(|c| c.get())
}

/// Sum of word 1 of the objects whose light finalizers ran on this thread.
pub fn light_sum() -> usize {
    LIGHT_SUM.with(|c| c.get())
}

/// The type ids of [`table`].
#[derive(Clone, Copy, Debug)]
pub struct Types {
    pub node: TypeId,
    pub arr: TypeId,
    pub bytes: TypeId,
    pub weak: TypeId,
    pub light: TypeId,
}

/// Registers a pointer array type ("arr", items from offset `fixed`) and a
/// byte string type ("bytes", same layout); both have their length at 8.
pub fn register_arrays(t: &mut TypeTable, fixed: u32) -> (TypeId, TypeId) {
    let arr = t.register(TypeInfo::var_size(
        "arr",
        fixed,
        vec![],
        VarLayout {
            length_offset: 8,
            item_size: 8,
            item_ref_offsets: vec![0],
        },
    ));
    let bytes = t.register(TypeInfo::var_size(
        "bytes",
        fixed,
        vec![],
        VarLayout {
            length_offset: 8,
            item_size: 1,
            item_ref_offsets: vec![],
        },
    ));
    (arr, bytes)
}

/// The mock type table.
pub fn table() -> (TypeTable, Types) {
    let mut t = TypeTable::new();
    let node = t.register(TypeInfo::fixed("node", 40, vec![LEFT as u32, RIGHT as u32]));
    let (arr, bytes) = register_arrays(&mut t, ARR_ITEMS as u32);
    let weak = t.register(TypeInfo::fixed("weak", 24, vec![16]).with_weak_slot(8));
    let light = t.register(TypeInfo::fixed("light", 24, vec![16]).with_light_finalizer(light_fin));
    (
        t,
        Types {
            node,
            arr,
            bytes,
            weak,
            light,
        },
    )
}

/// A configuration with a `nursery`-byte nursery and verification after
/// each major collection.
pub fn config(nursery: usize) -> GcConfig {
    let mut cfg = GcConfig::with_nursery(nursery);
    cfg.verify = 1;
    cfg
}

/// The constructor of a collector (each collector crate's `build`).
pub type Build = fn(&GcConfig, CollectorEnv) -> Result<Box<dyn Collector>, ConfigError>;

/// A mutator over the mock type table and the collector `build` makes.
pub fn mutator_with(cfg: &GcConfig, build: Build) -> (Mutator, Types) {
    let (t, ty) = table();
    let env = CollectorEnv {
        types: Arc::new(t),
        raw: Arc::new(RawMemory::default()),
    };
    let c = build(cfg, env.clone()).expect("build");
    (Mutator::new(c, &env, cfg), ty)
}

/// The payload of the node with serial number `serial`.
pub fn checksum(serial: usize) -> usize {
    serial.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 3
}

/// A node with a checksummed payload.
pub fn node(m: &mut Mutator, ty: &Types, serial: usize, left: usize, right: usize) -> ObjRef {
    let o = m.alloc(ty.node).expect("alloc node");
    o.set_word(LEFT, left);
    o.set_word(RIGHT, right);
    o.set_word(PAYLOAD, checksum(serial));
    o.set_word(SERIAL, serial);
    o
}

/// Builds a complete binary tree of `depth`; returns the root. Safepoints
/// are polled between nodes with the partial results rooted.
pub fn tree(m: &mut Mutator, ty: &Types, depth: u32, serial: &mut usize) -> usize {
    if depth == 0 {
        return 0;
    }
    let mark = m.root_mark();
    let l = tree(m, ty, depth - 1, serial);
    let hl = m.root(l);
    let r = tree(m, ty, depth - 1, serial);
    let hr = m.root(r);
    m.safepoint(&mut NoRoots);
    *serial += 1;
    let (l, r) = (m.root_get(hl), m.root_get(hr));
    let n = node(m, ty, *serial, l, r);
    m.root_release(mark);
    n.to_word()
}

/// Checks a tree built by [`tree`]; returns the number of nodes.
pub fn check_tree(root: usize) -> usize {
    let Some(o) = ObjRef::from_word(root) else {
        return 0;
    };
    assert_eq!(
        o.word(PAYLOAD),
        checksum(o.word(SERIAL)),
        "payload corrupted at {o:?}"
    );
    1 + check_tree(o.word(LEFT)) + check_tree(o.word(RIGHT))
}

/// Allocates `n` garbage nodes, polling safepoints.
pub fn churn(m: &mut Mutator, ty: &Types, n: usize) {
    let mut prev = 0usize;
    for i in 0..n {
        let o = node(m, ty, i, prev, 0);
        prev = if i % 64 == 0 { 0 } else { o.to_word() };
        if i % 256 == 0 {
            m.safepoint(&mut NoRoots);
            prev = 0;
        }
    }
}

/// Scenario: a rooted tree of depth 14 survives 20 rounds of churn (with a
/// major collection every fifth round), checked and verified each round.
/// Returns the node count of the tree at the end.
pub fn tree_survives_churn(m: &mut Mutator, ty: &Types) -> usize {
    let mut serial = 0;
    let root = tree(m, ty, 14, &mut serial);
    let h = m.root(root);
    for round in 0..20 {
        churn(m, ty, 50_000);
        if round % 5 == 4 {
            m.collect(CollectRequest::Major, &mut NoRoots);
        }
        assert_eq!(check_tree(m.root_get(h)), (1 << 14) - 1);
        m.verify(&mut NoRoots).unwrap();
    }
    let s = m.stats();
    assert!(s.minor_collections > 20, "{s:?}");
    assert!(s.major_collections >= 4, "{s:?}");
    assert!(s.promoted_bytes > 0);
    check_tree(m.root_get(h))
}

/// Scenario: a chain of 100 000 young nodes, each pointing to the previous
/// one, built across many safepoints, survives a minor collection intact.
pub fn young_chain_survives_minor(m: &mut Mutator, ty: &Types) {
    let mut head = 0usize;
    let h = m.root(0);
    for i in 0..100_000 {
        let o = node(m, ty, i, head, 0);
        head = o.to_word();
        m.root_set(h, head);
        if i % 100 == 0 {
            m.safepoint(&mut NoRoots);
            head = m.root_get(h);
        }
    }
    m.collect(CollectRequest::Minor, &mut NoRoots);
    let mut n = 0;
    let mut at = m.root_get(h);
    while let Some(o) = ObjRef::from_word(at) {
        assert_eq!(o.word(PAYLOAD), checksum(o.word(SERIAL)));
        n += 1;
        at = o.word(LEFT);
    }
    assert_eq!(n, 100_000);
    m.verify(&mut NoRoots).unwrap();
}
