//! GCBench (Hans Boehm's GC benchmark), on the mock VM and with `Box`.
//!
//! A stretch tree of depth 18 is built and dropped; a long-lived tree of depth
//! 16 (built top-down) and an array of 250,000 doubles stay live throughout.
//! Then for depths 4, 6, ..., 16, `2 * size(18) / size(d)` trees are built
//! top-down (allocating children and storing them into their older parent:
//! write barriers) and as many bottom-up. Nodes are `gcb_node` objects:
//! two references and two integers, 40 bytes.

use gc_api::{AllocError, Handle, ObjRef};
use stress::vm::{MockVm, F64_ITEMS, GCB_I, GCB_J, GCB_LEFT, GCB_RIGHT};

/// Depth of the stretch tree.
pub const STRETCH_DEPTH: u32 = 18;
/// Depth of the long-lived tree.
pub const LONG_LIVED_DEPTH: u32 = 16;
/// Doubles in the long-lived array (Boehm's kArraySize / 2).
pub const ARRAY_LEN: usize = 250_000;
/// Smallest iterated depth.
pub const MIN_DEPTH: u32 = 4;
/// Largest iterated depth.
pub const MAX_DEPTH: u32 = 16;

/// What a run did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Objects allocated.
    pub objects: u64,
    /// Nodes of the long-lived tree, counted at the end.
    pub long_lived_nodes: u64,
}

fn tree_size(d: u32) -> u64 {
    (1u64 << (d + 1)) - 1
}

fn iterations(d: u32) -> u64 {
    2 * tree_size(STRETCH_DEPTH) / tree_size(d)
}

/// Objects a run allocates.
pub fn objects() -> u64 {
    let per_depth: u64 = (MIN_DEPTH..=MAX_DEPTH)
        .step_by(2)
        .map(|d| 2 * iterations(d) * tree_size(d))
        .sum();
    tree_size(STRETCH_DEPTH) + tree_size(LONG_LIVED_DEPTH) + 1 + per_depth
}

/// Fills the node in handle `h` top-down: new children stored into it.
fn populate(vm: &mut MockVm, depth: u32, h: Handle) -> Result<(), AllocError> {
    if depth == 0 {
        return Ok(());
    }
    for slot in [GCB_LEFT, GCB_RIGHT] {
        vm.safepoint();
        let child = vm.alloc_gcb_node(0, 0)?;
        let node = ObjRef::from_word(vm.mutator.root_get(h)).expect("rooted node");
        vm.mutator.write_ref(node, slot, child.to_word());
    }
    for slot in [GCB_LEFT, GCB_RIGHT] {
        let mark = vm.mutator.root_mark();
        let node = ObjRef::from_word(vm.mutator.root_get(h)).expect("rooted node");
        let hc = vm.mutator.root(node.word(slot));
        populate(vm, depth - 1, hc)?;
        vm.mutator.root_release(mark);
    }
    Ok(())
}

/// Builds a tree bottom-up.
fn make(vm: &mut MockVm, depth: u32) -> Result<ObjRef, AllocError> {
    if depth == 0 {
        vm.safepoint();
        return vm.alloc_gcb_node(0, 0);
    }
    let mark = vm.mutator.root_mark();
    let l = make(vm, depth - 1)?;
    let hl = vm.mutator.root(l.to_word());
    let r = make(vm, depth - 1)?;
    let hr = vm.mutator.root(r.to_word());
    vm.safepoint();
    let (l, r) = (vm.mutator.root_get(hl), vm.mutator.root_get(hr));
    vm.mutator.root_release(mark);
    vm.alloc_gcb_node(l, r)
}

fn count(t: ObjRef) -> u64 {
    let mut n = 1;
    for slot in [GCB_LEFT, GCB_RIGHT] {
        if let Some(c) = ObjRef::from_word(t.word(slot)) {
            n += count(c);
        }
    }
    n
}

/// Runs GCBench on the mock VM.
pub fn run_vm(vm: &mut MockVm) -> Result<Outcome, AllocError> {
    let mark = vm.mutator.root_mark();
    make(vm, STRETCH_DEPTH)?;
    vm.safepoint();
    let long = vm.alloc_gcb_node(0, 0)?;
    let hlong = vm.mutator.root(long.to_word());
    populate(vm, LONG_LIVED_DEPTH, hlong)?;
    vm.safepoint();
    let arr = vm.alloc_f64_array(ARRAY_LEN)?;
    for i in 0..ARRAY_LEN {
        arr.set_f64_at(F64_ITEMS + 8 * i, 1.0 / i as f64);
    }
    let harr = vm.mutator.root(arr.to_word());
    for d in (MIN_DEPTH..=MAX_DEPTH).step_by(2) {
        for _ in 0..iterations(d) {
            vm.safepoint();
            let t = vm.alloc_gcb_node(0, 0)?;
            t.set_word(GCB_I, d as usize);
            t.set_word(GCB_J, 0);
            let m2 = vm.mutator.root_mark();
            let ht = vm.mutator.root(t.to_word());
            populate(vm, d, ht)?;
            vm.mutator.root_release(m2);
        }
        for _ in 0..iterations(d) {
            make(vm, d)?;
        }
    }
    let arr = ObjRef::from_word(vm.mutator.root_get(harr)).expect("rooted array");
    assert_eq!(
        arr.f64_at(F64_ITEMS + 8 * 1000),
        1.0 / 1000.0,
        "GCBench: the long-lived array was damaged"
    );
    let long = ObjRef::from_word(vm.mutator.root_get(hlong)).expect("rooted tree");
    let long_lived_nodes = count(long);
    vm.mutator.root_release(mark);
    Ok(Outcome {
        objects: objects(),
        long_lived_nodes,
    })
}

/// A `Box` GCBench node.
#[derive(Debug, Default)]
pub struct Node {
    left: Option<Box<Node>>,
    right: Option<Box<Node>>,
    i: usize,
    j: usize,
}

fn populate_box(depth: u32, node: &mut Node) {
    if depth == 0 {
        return;
    }
    node.left = Some(Box::default());
    node.right = Some(Box::default());
    populate_box(depth - 1, node.left.as_mut().expect("just set"));
    populate_box(depth - 1, node.right.as_mut().expect("just set"));
}

fn make_box(depth: u32) -> Box<Node> {
    if depth == 0 {
        Box::default()
    } else {
        Box::new(Node {
            left: Some(make_box(depth - 1)),
            right: Some(make_box(depth - 1)),
            i: 0,
            j: 0,
        })
    }
}

fn count_box(t: &Node) -> u64 {
    1 + t.left.as_deref().map_or(0, count_box) + t.right.as_deref().map_or(0, count_box)
}

/// Runs GCBench with `Box`: the reference.
pub fn run_box() -> Outcome {
    drop(std::hint::black_box(make_box(STRETCH_DEPTH)));
    let mut long = Box::<Node>::default();
    populate_box(LONG_LIVED_DEPTH, &mut long);
    let arr: Vec<f64> = (0..ARRAY_LEN).map(|i| 1.0 / i as f64).collect();
    for d in (MIN_DEPTH..=MAX_DEPTH).step_by(2) {
        for _ in 0..iterations(d) {
            let mut t = Box::new(Node {
                i: d as usize,
                ..Node::default()
            });
            populate_box(d, &mut t);
            std::hint::black_box(&t);
            t.j = t.i;
        }
        for _ in 0..iterations(d) {
            std::hint::black_box(make_box(d));
        }
    }
    assert_eq!(arr[1000], 1.0 / 1000.0);
    Outcome {
        objects: objects(),
        long_lived_nodes: count_box(&long),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(tree_size(0), 1);
        assert_eq!(iterations(MAX_DEPTH), 8);
        assert!(objects() > 10_000_000);
    }
}
