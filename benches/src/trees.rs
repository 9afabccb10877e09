//! binary-trees (the Computer Language Benchmarks Game program), on the mock
//! VM and with `Box` as the reference.
//!
//! For `max_depth` N: build and check one stretch tree of depth N+1, build a
//! long-lived tree of depth N, then for d = 4, 6, ..., N build and check
//! 2^(N-d+4) trees of depth d; finally check the long-lived tree. Tree nodes
//! are `pair` objects (header + two references, 24 bytes).
//!
//! The VM version polls the safepoint before every allocation, as an
//! interpreter would, and keeps the subtrees it holds across polls in the
//! mutator's shadow stack.

use gc_api::{AllocError, ObjRef};
use stress::vm::{MockVm, PAIR_LEFT, PAIR_RIGHT};

/// The smallest depth of the iterated trees.
pub const MIN_DEPTH: u32 = 4;

/// What a run computed: nodes allocated and the sum of all tree checks
/// (the same for every implementation, so runs can be compared).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Objects allocated.
    pub objects: u64,
    /// Sum of every `item_check`.
    pub checksum: u64,
}

/// The depths of the iterated trees and how many trees of each.
pub fn schedule(max_depth: u32) -> impl Iterator<Item = (u32, u64)> {
    let max_depth = max_depth.max(MIN_DEPTH + 2);
    (MIN_DEPTH..=max_depth)
        .step_by(2)
        .map(move |d| (d, 1u64 << (max_depth - d + MIN_DEPTH)))
}

/// Nodes allocated by a run at `max_depth`.
pub fn nodes_for(max_depth: u32) -> u64 {
    let max_depth = max_depth.max(MIN_DEPTH + 2);
    let tree = |d: u32| (1u64 << (d + 1)) - 1;
    tree(max_depth + 1)
        + tree(max_depth)
        + schedule(max_depth).map(|(d, n)| n * tree(d)).sum::<u64>()
}

/// Builds a tree of `depth` bottom-up, polling the safepoint before every
/// allocation.
pub fn make(vm: &mut MockVm, depth: u32) -> Result<ObjRef, AllocError> {
    if depth == 0 {
        vm.safepoint();
        return vm.alloc_pair(0, 0);
    }
    let mark = vm.mutator.root_mark();
    let l = make(vm, depth - 1)?;
    let hl = vm.mutator.root(l.to_word());
    let r = make(vm, depth - 1)?;
    let hr = vm.mutator.root(r.to_word());
    vm.safepoint();
    let (l, r) = (vm.mutator.root_get(hl), vm.mutator.root_get(hr));
    vm.mutator.root_release(mark);
    vm.alloc_pair(l, r)
}

fn check(t: ObjRef) -> u64 {
    match ObjRef::from_word(t.word(PAIR_LEFT)) {
        None => 1,
        Some(l) => {
            let r =
                ObjRef::from_word(t.word(PAIR_RIGHT)).expect("a pair has both children or none");
            1 + check(l) + check(r)
        }
    }
}

/// Runs binary-trees on the mock VM.
pub fn run_vm(vm: &mut MockVm, max_depth: u32) -> Result<Outcome, AllocError> {
    let max_depth = max_depth.max(MIN_DEPTH + 2);
    let mut sum = 0;
    let t = make(vm, max_depth + 1)?;
    sum += check(t);
    let mark = vm.mutator.root_mark();
    let long = make(vm, max_depth)?;
    let hl = vm.mutator.root(long.to_word());
    for (d, n) in schedule(max_depth) {
        for _ in 0..n {
            let t = make(vm, d)?;
            sum += check(t);
        }
    }
    let long = ObjRef::from_word(vm.mutator.root_get(hl)).expect("rooted long-lived tree");
    sum += check(long);
    vm.mutator.root_release(mark);
    Ok(Outcome {
        objects: nodes_for(max_depth),
        checksum: sum,
    })
}

/// A `Box` tree node.
#[derive(Debug)]
pub struct Tree {
    children: Option<(Box<Tree>, Box<Tree>)>,
}

fn make_box(depth: u32) -> Box<Tree> {
    if depth == 0 {
        Box::new(Tree { children: None })
    } else {
        Box::new(Tree {
            children: Some((make_box(depth - 1), make_box(depth - 1))),
        })
    }
}

fn check_box(t: &Tree) -> u64 {
    match &t.children {
        None => 1,
        Some((l, r)) => 1 + check_box(l) + check_box(r),
    }
}

/// Runs binary-trees with `Box` (malloc/free): the reference.
pub fn run_box(max_depth: u32) -> Outcome {
    let max_depth = max_depth.max(MIN_DEPTH + 2);
    let mut sum = check_box(&make_box(max_depth + 1));
    let long = make_box(max_depth);
    for (d, n) in schedule(max_depth) {
        for _ in 0..n {
            sum += check_box(&make_box(d));
        }
    }
    sum += check_box(&long);
    Outcome {
        objects: nodes_for(max_depth),
        checksum: sum,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gc_api::GcConfig;

    #[test]
    fn every_collector_agrees_with_box() {
        let expect = run_box(8);
        assert_eq!(
            expect.checksum, expect.objects,
            "every node is checked once"
        );
        for entry in gc_registry::COLLECTORS {
            let mut cfg = GcConfig::with_nursery(64 << 10);
            cfg.verify = 2;
            let mut vm = MockVm::for_entry(entry, &cfg).unwrap();
            assert_eq!(run_vm(&mut vm, 8).unwrap(), expect, "{}", entry.name);
            assert_eq!(vm.mutator.root_count(), 0);
        }
    }
}
