//! Large live heap: the workload for pause-versus-heap-size comparisons.
//!
//! Builds long-lived binary trees (depth 16, `pair` nodes of 24 bytes, about
//! 3 MB per tree) until `live_mb` MB are live, all held in VM roots; then
//! churns medium-lived trees of depth 12 until three times the live size has
//! been allocated (at least 64 MB). The last [`RING_TREES`] churned trees
//! (about 40 MB) stay reachable, more than any default nursery holds, so
//! churned trees are promoted before they die and every collector runs
//! several major cycles with the whole live heap in place. Finally every
//! long-lived tree is checked. A collector whose pauses grow with the heap shows it
//! here; one whose pauses don't, doesn't.

use crate::trees;
use gc_api::{AllocError, ObjRef};
use stress::vm::{MockVm, PAIR_LEFT, PAIR_RIGHT};

/// Depth of each long-lived tree.
pub const LONG_DEPTH: u32 = 16;
/// Depth of each short-lived tree.
pub const SHORT_DEPTH: u32 = 12;
/// Churned trees kept reachable at any time (a ring of roots).
pub const RING_TREES: usize = 200;
const PAIR_BYTES: usize = 24;

fn tree_nodes(d: u32) -> u64 {
    (1u64 << (d + 1)) - 1
}

/// Long-lived trees for `live_mb` MB (at least one).
pub fn long_trees(live_mb: usize) -> u64 {
    let per_tree = tree_nodes(LONG_DEPTH) as usize * PAIR_BYTES;
    ((live_mb << 20) / per_tree).max(1) as u64
}

/// Short-lived trees churned for `live_mb` MB.
pub fn short_trees(live_mb: usize) -> u64 {
    let per_tree = tree_nodes(SHORT_DEPTH) as usize * PAIR_BYTES;
    ((3 * (live_mb.max(22) << 20)) / per_tree) as u64
}

/// Objects a run allocates.
pub fn objects(live_mb: usize) -> u64 {
    long_trees(live_mb) * tree_nodes(LONG_DEPTH) + short_trees(live_mb) * tree_nodes(SHORT_DEPTH)
}

fn count(t: ObjRef) -> u64 {
    let mut n = 0;
    let mut stack = vec![t];
    while let Some(o) = stack.pop() {
        n += 1;
        for slot in [PAIR_LEFT, PAIR_RIGHT] {
            if let Some(c) = ObjRef::from_word(o.word(slot)) {
                stack.push(c);
            }
        }
    }
    n
}

/// Runs the workload; returns objects allocated. Panics if a long-lived
/// tree lost a node (a collector bug).
pub fn run_vm(vm: &mut MockVm, live_mb: usize) -> Result<u64, AllocError> {
    let first = vm.roots.len();
    for _ in 0..long_trees(live_mb) {
        let t = trees::make(vm, LONG_DEPTH)?;
        vm.roots.push(t.to_word());
    }
    let ring = vm.roots.len();
    vm.roots.resize(ring + RING_TREES, 0);
    for i in 0..short_trees(live_mb) as usize {
        let t = trees::make(vm, SHORT_DEPTH)?;
        vm.roots[ring + i % RING_TREES] = t.to_word();
    }
    vm.roots.truncate(ring);
    let mut nodes = 0;
    for &w in &vm.roots[first..] {
        nodes += count(ObjRef::from_word(w).expect("rooted tree"));
    }
    vm.roots.truncate(first);
    assert_eq!(
        nodes,
        long_trees(live_mb) * tree_nodes(LONG_DEPTH),
        "long-lived trees damaged"
    );
    Ok(objects(live_mb))
}

#[cfg(test)]
mod tests {
    use super::*;
    use gc_api::GcConfig;

    #[test]
    fn every_collector_keeps_the_live_trees() {
        for entry in gc_registry::COLLECTORS {
            let mut cfg = GcConfig::with_nursery(256 << 10);
            cfg.verify = 1;
            cfg.min_heap = 1 << 20;
            let mut vm = MockVm::for_entry(entry, &cfg).unwrap();
            assert_eq!(run_vm(&mut vm, 4).unwrap(), objects(4), "{}", entry.name);
            assert!(vm.roots.is_empty() && vm.mutator.root_count() == 0);
        }
    }
}
