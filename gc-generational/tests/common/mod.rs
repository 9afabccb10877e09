//! A small mock mutator for the integration tests (the same as
//! gc-incminimark's, on the generational collector): nodes with two pointer
//! fields and a checksummed payload, pointer arrays, byte strings, weak
//! references and objects with light finalizers.
#![allow(dead_code)]

use gc_api::{
    CollectorEnv, GcConfig, Mutator, ObjRef, RawMemory, TypeId, TypeInfo, TypeTable, VarLayout,
};
use std::cell::Cell;
use std::sync::Arc;

/// node: header, left @8, right @16, payload @24, serial @32.
pub const LEFT: usize = 8;
pub const RIGHT: usize = 16;
pub const PAYLOAD: usize = 24;
pub const SERIAL: usize = 32;
/// arr: header, length @8, checksum @16, items (refs) from 24.
pub const ARR_LEN: usize = 8;
pub const ARR_ITEMS: usize = 24;
/// weak: header, weak slot @8, strong slot @16.
pub const WEAK_SLOT: usize = 8;

thread_local! {
    pub static LIGHT_RUN: Cell<usize> = const { Cell::new(0) };
    pub static LIGHT_SUM: Cell<usize> = const { Cell::new(0) };
}

fn light_fin(o: ObjRef) {
    LIGHT_RUN.with(|c| c.set(c.get() + 1));
    let v = o.word(8);
    LIGHT_SUM.with(|c| c.set(c.get() + v));
}

pub fn light_runs() -> usize {
    LIGHT_RUN.with(|c| c.get())
}

pub fn light_sum() -> usize {
    LIGHT_SUM.with(|c| c.get())
}

#[derive(Clone, Copy)]
pub struct Types {
    pub node: TypeId,
    pub arr: TypeId,
    pub bytes: TypeId,
    pub weak: TypeId,
    pub light: TypeId,
}

pub fn table() -> (TypeTable, Types) {
    let mut t = TypeTable::new();
    let node = t.register(TypeInfo::fixed("node", 40, vec![LEFT as u32, RIGHT as u32]));
    let arr = t.register(TypeInfo::var_size(
        "arr",
        24,
        vec![],
        VarLayout {
            length_offset: 8,
            item_size: 8,
            item_ref_offsets: vec![0],
        },
    ));
    let bytes = t.register(TypeInfo::var_size(
        "bytes",
        24,
        vec![],
        VarLayout {
            length_offset: 8,
            item_size: 1,
            item_ref_offsets: vec![],
        },
    ));
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

pub fn config(nursery: usize) -> GcConfig {
    let mut cfg = GcConfig::with_nursery(nursery);
    cfg.collector = "generational".into();
    cfg.verify = 1;
    cfg
}

/// `config` with `threads` marking threads and tenure `tenure`.
pub fn config_with(nursery: usize, threads: usize, tenure: u32) -> GcConfig {
    let mut cfg = config(nursery);
    cfg.threads = threads;
    cfg.tenure = tenure;
    cfg
}

pub fn mutator(cfg: &GcConfig) -> (Mutator, Types) {
    let (t, ty) = table();
    let env = CollectorEnv {
        types: Arc::new(t),
        raw: Arc::new(RawMemory::default()),
    };
    let c = gc_generational::build(cfg, env.clone()).expect("build");
    (Mutator::new(c, &env, cfg), ty)
}

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

/// Builds a complete binary tree of `depth`; returns the root and the
/// number of nodes. Safepoints are polled between nodes with the partial
/// results rooted.
pub fn tree(m: &mut Mutator, ty: &Types, depth: u32, serial: &mut usize) -> usize {
    if depth == 0 {
        return 0;
    }
    let mark = m.root_mark();
    let l = tree(m, ty, depth - 1, serial);
    let hl = m.root(l);
    let r = tree(m, ty, depth - 1, serial);
    let hr = m.root(r);
    m.safepoint(&mut gc_api::NoRoots);
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
            m.safepoint(&mut gc_api::NoRoots);
            prev = 0;
        }
    }
}
