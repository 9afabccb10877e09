//! The operations a stress case is made of, and their proptest strategies.

use crate::vm::Kind;
use gc_api::CollectRequest;
use proptest::prelude::*;

/// Number of VM root slots the operations address (indices are taken modulo this).
pub const ROOTS: usize = 8;

/// One mutator operation. Root and field indices are taken modulo the number
/// of roots / reference slots, so every generated sequence is valid.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// Allocate an object into root `dst`; its reference slots start out as
    /// copies of roots `init[i % 3]` (initialising stores, no barrier).
    Alloc {
        /// What to allocate (`Weak` allocates a weakref to `init[0]`).
        kind: Kind,
        /// Destination root.
        dst: u8,
        /// Items, for arrays and blobs.
        len: u16,
        /// Roots to copy into the new object's slots.
        init: [u8; 3],
    },
    /// `roots[obj].field = roots[src]` through the write barrier.
    Store {
        /// Root holding the object written to.
        obj: u8,
        /// Slot index.
        field: u16,
        /// Root holding the value.
        src: u8,
    },
    /// Store a tagged integer.
    StoreInt {
        /// Root holding the object written to.
        obj: u8,
        /// Slot index.
        field: u16,
        /// The integer.
        val: u32,
    },
    /// Store null (unlink an edge).
    Unlink {
        /// Root holding the object written to.
        obj: u8,
        /// Slot index.
        field: u16,
    },
    /// `roots[dst] = roots[obj].field` (walk into the graph).
    Load {
        /// Root holding the object read.
        obj: u8,
        /// Slot index.
        field: u16,
        /// Destination root.
        dst: u8,
    },
    /// `roots[dst] = roots[src]`.
    Root {
        /// Source root.
        src: u8,
        /// Destination root.
        dst: u8,
    },
    /// `roots[dst] = null`.
    Unroot {
        /// The root cleared.
        dst: u8,
    },
    /// Poll the safepoint (collects only if the collector asked).
    Safepoint,
    /// An explicit collection.
    Collect(CollectRequest),
    /// Allocate `n` short-lived objects in chains, polling safepoints, so
    /// collections happen on their own.
    Churn {
        /// How many objects.
        n: u16,
        /// Give them light finalizers.
        light: bool,
    },
    /// Report raw memory pressure.
    Pressure(u32),
    /// Pin the object in a root (kept rooted while pinned).
    Pin(u8),
    /// Unpin the most recently pinned object.
    Unpin,
    /// Register a full finalizer for the object in a root.
    Finalizer(u8),
    /// `before_bulk_write`, then rotate an array's items by one without
    /// per-slot barriers (a memmove).
    BulkRotate(u8),
    /// Ask for the identity (`id()`) of the object in a root: stable for
    /// the object's life, distinct from every other reachable object's.
    Identity(u8),
    /// `roots[dst] = weakref in roots[obj]`'s referent, read through
    /// `Mutator::read_weak` (may bring an unreachable referent back).
    WeakGet {
        /// Root holding the weakref.
        obj: u8,
        /// Destination root.
        dst: u8,
    },
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        4 => Just(Kind::Node),
        3 => Just(Kind::Leaf),
        2 => Just(Kind::Light),
        2 => Just(Kind::Weak),
        3 => Just(Kind::Array),
        1 => Just(Kind::Blob),
    ]
}

fn len() -> impl Strategy<Value = u16> {
    prop_oneof![
        12 => 0u16..24,
        2 => 200u16..600,
        1 => 2000u16..5000,
    ]
}

fn request() -> impl Strategy<Value = CollectRequest> {
    prop_oneof![
        3 => Just(CollectRequest::Minor),
        2 => Just(CollectRequest::Major),
        3 => Just(CollectRequest::Step),
    ]
}

fn root() -> impl Strategy<Value = u8> {
    0u8..ROOTS as u8
}

/// One random operation.
pub fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        14 => (kind(), root(), len(), [root(), root(), root()])
            .prop_map(|(kind, dst, len, init)| Op::Alloc { kind, dst, len, init }),
        12 => (root(), any::<u16>(), root()).prop_map(|(obj, field, src)| Op::Store { obj, field, src }),
        2 => (root(), any::<u16>(), any::<u32>()).prop_map(|(obj, field, val)| Op::StoreInt { obj, field, val }),
        4 => (root(), any::<u16>()).prop_map(|(obj, field)| Op::Unlink { obj, field }),
        6 => (root(), any::<u16>(), root()).prop_map(|(obj, field, dst)| Op::Load { obj, field, dst }),
        3 => (root(), root()).prop_map(|(src, dst)| Op::Root { src, dst }),
        4 => root().prop_map(|dst| Op::Unroot { dst }),
        3 => Just(Op::Safepoint),
        5 => request().prop_map(Op::Collect),
        3 => (1u16..3000, any::<bool>()).prop_map(|(n, light)| Op::Churn { n, light }),
        1 => (1u32..(8 << 20)).prop_map(Op::Pressure),
        2 => root().prop_map(Op::Pin),
        1 => Just(Op::Unpin),
        2 => root().prop_map(Op::Finalizer),
        1 => root().prop_map(Op::BulkRotate),
        2 => root().prop_map(Op::Identity),
        3 => (root(), root()).prop_map(|(obj, dst)| Op::WeakGet { obj, dst }),
    ]
}

/// A whole case: a nursery size (64KB..256KB), a torture setting (0 = off,
/// else every Nth safepoint collects) and up to `max_ops` operations.
pub fn case(max_ops: usize) -> impl Strategy<Value = (usize, u32, Vec<Op>)> {
    (
        prop_oneof![Just(64usize << 10), Just(128 << 10), Just(256 << 10)],
        prop_oneof![3 => Just(0u32), 1 => Just(3u32)],
        prop::collection::vec(op(), 1..max_ops),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    #[test]
    fn strategy_generates_every_operation_kind() {
        let mut runner = TestRunner::deterministic();
        let mut seen = std::collections::HashSet::new();
        for _ in 0..2000 {
            let o = op().new_tree(&mut runner).unwrap().current();
            seen.insert(std::mem::discriminant(&o));
        }
        assert_eq!(seen.len(), 17, "some operation kinds are never generated");
    }
}
