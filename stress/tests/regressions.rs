//! Minimal cases the random suite once shrank to, replayed on every
//! registered collector (they are valid operation sequences for any of them).

use gc_api::CollectRequest::{Minor, Step};
use stress::{run_case, stress_config, Kind, Op};

fn node(dst: u8) -> Op {
    Op::Alloc {
        kind: Kind::Node,
        dst,
        len: 0,
        init: [0, 0, 0],
    }
}

fn replay(name: &str, ops: &[Op]) {
    let mut failures = Vec::new();
    for entry in gc_registry::COLLECTORS {
        let mut cfg = stress_config(64 << 10);
        cfg.collector = entry.name.to_string();
        if let Err(e) = run_case(&entry.build, &cfg, ops) {
            failures.push(format!("{}: {e}", entry.name));
        }
    }
    assert!(failures.is_empty(), "{name}:\n{}", failures.join("\n"));
}

/// A pinned young object referenced from a young object that a minor
/// collection promotes: the old-to-young edge must be remembered
/// (generational verify: "unremembered old->young pointer").
#[test]
fn pinned_young_target_of_promoted_object() {
    replay(
        "pinned young target",
        &[
            node(2),
            Op::Pin(2),
            node(0),
            Op::Store {
                obj: 0,
                field: 1,
                src: 2,
            },
            Op::Collect(Minor),
            Op::Collect(Minor),
        ],
    );
}

/// A young object with an identity (id shadow) pinned across a minor
/// collection that starts an incremental major cycle, then unpinned: the next
/// minor collection must move it into a live location (incminimark verify:
/// "root: reference ... is not an allocated object"; the object drops out of
/// the heap walk).
#[test]
fn identity_of_pinned_young_object_across_incremental_cycle() {
    replay(
        "id + pin + step + unpin",
        &[
            node(0),
            Op::Identity(0),
            Op::Pin(0),
            Op::Collect(Step),
            Op::Unpin,
            Op::Collect(Minor),
        ],
    );
}

/// A chain of five objects with full finalizers, each reachable from the
/// previous: finalized one link per major collection; the drain must allow it.
#[test]
fn chain_of_finalizers() {
    replay(
        "finalizer chain",
        &[
            node(0),
            node(1),
            node(2),
            Op::Store {
                obj: 0,
                field: 0,
                src: 1,
            },
            Op::Store {
                obj: 1,
                field: 0,
                src: 2,
            },
            Op::Finalizer(0),
            Op::Finalizer(1),
            Op::Finalizer(2),
            Op::Unroot { dst: 1 },
            Op::Unroot { dst: 2 },
        ],
    );
}

/// A weakref is the only path to an object with a full finalizer; an
/// incremental cycle starts; the mutator reads the weakref (it was not
/// cleared) and roots the referent. The collector must then not queue the
/// now strongly reachable referent for finalization (incminimark did).
#[test]
fn weakref_read_during_incremental_cycle_revives_finalizable_referent() {
    replay(
        "weak read revives finalizable",
        &[
            node(6),
            Op::Finalizer(6),
            Op::Alloc {
                kind: Kind::Weak,
                dst: 6,
                len: 0,
                init: [6, 0, 0],
            },
            Op::Collect(Step),
            Op::WeakGet { obj: 6, dst: 0 },
        ],
    );
}
