//! The checker must fail on broken collectors: otherwise the suite proves nothing.

use gc_api::CollectRequest::{Major, Minor, Step};
use stress::broken::{
    claims_to_reclaim, clears_weakrefs, corrupting, drops_barriers, hides_root, wrap,
};
use stress::suite::run_suite;
use stress::{run_case, stress_config, Kind, Op};

/// Objects in roots, an edge between them, a collection.
fn small_graph() -> Vec<Op> {
    vec![
        Op::Alloc {
            kind: Kind::Leaf,
            dst: 0,
            len: 0,
            init: [7, 7, 7],
        },
        Op::Alloc {
            kind: Kind::Node,
            dst: 1,
            len: 0,
            init: [0, 7, 0],
        },
        Op::Unroot { dst: 0 },
        Op::Collect(Minor),
    ]
}

/// Garbage of every kind the liveness checks see.
fn garbage() -> Vec<Op> {
    vec![
        Op::Alloc {
            kind: Kind::Light,
            dst: 0,
            len: 0,
            init: [7, 7, 7],
        },
        Op::Alloc {
            kind: Kind::Weak,
            dst: 1,
            len: 0,
            init: [0, 0, 0],
        },
        Op::Unroot { dst: 0 },
        Op::Churn {
            n: 100,
            light: false,
        },
        Op::Collect(Major),
    ]
}

#[test]
fn corrupting_wrapper_fails_the_checker_on_every_collector() {
    for entry in gc_registry::COLLECTORS {
        let build = wrap(entry, corrupting);
        let err = run_case(&build, &stress_config(64 << 10), &small_graph())
            .expect_err("a collector that wipes a live object passed the checker");
        assert!(
            err.contains("damaged") || err.contains("corrupted") || err.contains("should"),
            "{}: {err}",
            entry.name
        );
        // ...and the random suite finds it too, shrinking to a short case.
        let err = run_suite(&build, 200, 30, 1).expect_err("the suite missed a wiped live object");
        eprintln!("{} wrapped in Corrupting: {err}", entry.name);
        assert!(err.contains("minimal failing case"), "{err}");
    }
}

#[test]
fn the_same_cases_pass_on_the_real_collectors() {
    for entry in gc_registry::COLLECTORS {
        let mut cfg = stress_config(64 << 10);
        cfg.collector = entry.name.to_string();
        run_case(&entry.build, &cfg, &small_graph()).unwrap();
        run_case(&entry.build, &cfg, &garbage()).unwrap();
    }
}

#[test]
fn never_freeing_collector_that_claims_to_reclaim_fails() {
    let mut tested = 0;
    for entry in gc_registry::COLLECTORS {
        let env = gc_api::CollectorEnv {
            types: std::sync::Arc::new(stress::vm::Types::table().0),
            raw: Default::default(),
        };
        let caps = (entry.build)(&stress_config(64 << 10), env)
            .unwrap()
            .capabilities();
        if caps.reclaims {
            continue; // only a collector that really never frees can play this part
        }
        tested += 1;
        let build = wrap(entry, claims_to_reclaim);
        let err = run_case(&build, &stress_config(64 << 10), &garbage())
            .expect_err("a never-freeing collector claiming to reclaim passed");
        // nogc hides the dead from heap walks after a requested collection
        // but never frees raw memory: the lie shows as a light finalizer
        // that never ran (or, for a collector that does not mark, as
        // garbage still in the heap).
        assert!(
            err.contains("still in the heap")
                || err.contains("not queued")
                || err.contains("light finalizer never ran"),
            "{err}"
        );
        let err = run_suite(&build, 200, 30, 2)
            .expect_err("the suite missed a collector that never frees");
        eprintln!("{} wrapped in ClaimsToReclaim: {err}", entry.name);
        assert!(err.contains("minimal failing case"), "{err}");
    }
    assert!(tested > 0, "no non-reclaiming collector registered to wrap");
}

#[test]
fn clearing_live_weakrefs_fails_the_checker_on_every_collector() {
    let ops = vec![
        Op::Alloc {
            kind: Kind::Node,
            dst: 0,
            len: 0,
            init: [7, 7, 7],
        },
        Op::Alloc {
            kind: Kind::Weak,
            dst: 1,
            len: 0,
            init: [0, 0, 0],
        },
        Op::Collect(Major),
    ];
    for entry in gc_registry::COLLECTORS {
        let build = wrap(entry, clears_weakrefs);
        let err = run_case(&build, &stress_config(64 << 10), &ops)
            .expect_err("live weakref cleared, checker passed");
        assert!(
            err.contains("cleared while its target"),
            "{}: {err}",
            entry.name
        );
        let mut cfg = stress_config(64 << 10);
        cfg.collector = entry.name.to_string();
        run_case(&entry.build, &cfg, &ops).unwrap();
    }
}

#[test]
fn hiding_a_root_fails_the_checker_on_every_reclaiming_collector() {
    // Only the hidden root holds the leaf; the node in root 1 keeps the heap non-empty.
    let ops = vec![
        Op::Alloc {
            kind: Kind::Leaf,
            dst: 0,
            len: 0,
            init: [7, 7, 7],
        },
        Op::Alloc {
            kind: Kind::Node,
            dst: 1,
            len: 0,
            init: [7, 7, 7],
        },
        Op::Collect(Major),
        Op::Collect(Major),
    ];
    let mut tested = 0;
    for entry in gc_registry::COLLECTORS {
        let mut cfg = stress_config(64 << 10);
        cfg.collector = entry.name.to_string();
        let vm = stress::MockVm::for_entry(entry, &cfg).unwrap();
        if !vm.mutator.capabilities().reclaims {
            continue; // hiding a root from a collector that never frees changes nothing
        }
        drop(vm);
        tested += 1;
        let build = wrap(entry, hides_root);
        let err = run_case(&build, &cfg, &ops)
            .expect_err("a collector that skips a root passed the checker");
        eprintln!("{} wrapped in HidesRoot: {err}", entry.name);
        // Without the collector's own verify, the model comparison alone catches it.
        let mut quiet = cfg.clone();
        quiet.verify = 0;
        let err = run_case(&build, &quiet, &ops)
            .expect_err("checker without verify missed a skipped root");
        assert!(!err.contains("verify"), "{err}");
        eprintln!("{} wrapped in HidesRoot, verify off: {err}", entry.name);
        run_case(&entry.build, &cfg, &ops).unwrap();
    }
    eprintln!("{tested} reclaiming collectors tested");
}

#[test]
fn dropping_write_barriers_is_found_on_every_collector_that_needs_them() {
    let mut tested = 0;
    for entry in gc_registry::COLLECTORS {
        let vm = stress::MockVm::for_entry(entry, &stress_config(64 << 10)).unwrap();
        let caps = vm.mutator.capabilities();
        drop(vm);
        let build = wrap(entry, drops_barriers);
        if caps.needs_satb {
            // A referent read out of a weakref while a snapshot cycle marks
            // must be kept (the random suite shrank to this case).
            let ops = [
                Op::Alloc {
                    kind: Kind::Node,
                    dst: 4,
                    len: 0,
                    init: [0, 0, 0],
                },
                Op::Alloc {
                    kind: Kind::Weak,
                    dst: 7,
                    len: 0,
                    init: [4, 0, 0],
                },
                // Promote the referent (a collector with a young
                // generation would otherwise clear it as young garbage at
                // the start of the cycle, before any weak read).
                Op::Collect(Minor),
                Op::Alloc {
                    kind: Kind::Node,
                    dst: 4,
                    len: 0,
                    init: [0, 0, 0],
                },
                Op::Collect(Step),
                Op::WeakGet { obj: 7, dst: 0 },
                Op::Alloc {
                    kind: Kind::Node,
                    dst: 0,
                    len: 0,
                    init: [0, 0, 0],
                },
            ];
            let mut cfg = stress_config(64 << 10);
            cfg.collector = entry.name.to_string();
            run_case(&entry.build, &cfg, &ops).unwrap();
            let err = run_case(&build, &cfg, &ops).expect_err("dropped weak-load barrier passed");
            eprintln!(
                "{} wrapped in DropsBarriers (weak read while marking): {err}",
                entry.name
            );
            tested += 1;
        }
        // Generational barriers matter at every minor collection, so a short
        // random search finds their loss.
        if !(caps.needs_write_barrier && caps.reclaims && caps.generational) {
            continue;
        }
        tested += 1;
        let err = run_suite(&build, 1000, 60, 3)
            .expect_err("the suite missed a collector without write barriers");
        eprintln!("{} wrapped in DropsBarriers: {err}", entry.name);
    }
    eprintln!("{tested} collectors with write barriers tested");
}

/// The barrier check: an old object gets a young referent through a store
/// whose barrier was dropped; the verify before the next minor collection
/// must name the unremembered slot and both types (before the collection,
/// not as a dangling reference after it).
#[test]
fn barrier_check_names_the_unremembered_slot() {
    let ops = [
        Op::Alloc {
            kind: Kind::Node,
            dst: 0,
            len: 0,
            init: [9, 9, 9],
        },
        Op::Collect(Minor),
        Op::Alloc {
            kind: Kind::Node,
            dst: 1,
            len: 0,
            init: [9, 9, 9],
        },
        Op::Store {
            obj: 0,
            field: 1,
            src: 1,
        },
        Op::Collect(Minor),
    ];
    let mut tested = 0;
    for entry in gc_registry::COLLECTORS {
        let vm = stress::MockVm::for_entry(entry, &stress_config(64 << 10)).unwrap();
        let caps = vm.mutator.capabilities();
        drop(vm);
        if !(caps.needs_write_barrier && caps.generational) {
            continue;
        }
        tested += 1;
        let mut cfg = stress_config(64 << 10);
        cfg.collector = entry.name.to_string();
        run_case(&entry.build, &cfg, &ops).unwrap();
        let err = run_case(&wrap(entry, drops_barriers), &cfg, &ops)
            .expect_err("a dropped write barrier passed the barrier check");
        assert!(
            err.contains("before Minor")
                && err.contains("unremembered old->young pointer")
                && err.matches("(node)").count() == 2,
            "{}: {err}",
            entry.name
        );
        eprintln!("{} wrapped in DropsBarriers: {err}", entry.name);
    }
    assert!(
        tested >= 2,
        "incminimark and generational have write barriers"
    );
}
