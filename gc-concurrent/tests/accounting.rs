//! Honest accounting: when the mutator does the collector's work (mark
//! assists during a step-driven cycle, which GC threads leave alone), the
//! statistics report it as mutator-side GC work, not as mutator time.

mod common;

use common::{config, Vm};
use gc_api::CollectRequest;

#[test]
fn assists_are_reported_as_mutator_gc_work() {
    let mut vm = Vm::new(&config(1, 0, 1 << 20));
    // A live linked list of 200k nodes (8 MB) for marking to chew on.
    let mut head = 0usize;
    for i in 0..200_000 {
        head = vm.node(i, head, 0).to_word();
    }
    let mut roots = vec![head];
    // The list was built in the nursery: promote it first (the minor
    // collection is a pause, and not the work this test is about).
    vm.m.collect(CollectRequest::Major, &mut roots);
    let before = vm.m.stats();
    // A step-driven cycle: only steps, assists and handshakes mark it.
    vm.m.collect(CollectRequest::Step, &mut roots);
    // Allocate garbage until the cycle is over: allocation slow paths
    // assist in proportion to what they allocate.
    let mut n = 0;
    while vm.m.stats().major_collections == before.major_collections && n < 5_000_000 {
        vm.node(n, 0, 0);
        n += 1;
        if n % 64 == 0 {
            vm.m.safepoint(&mut roots);
        }
    }
    let s = vm.m.stats();
    assert!(s.major_collections > before.major_collections, "{s:?}");
    let work = s.mutator_gc_work_ns - before.mutator_gc_work_ns;
    // Handshake pauses only: the minor collections of the garbage nodes
    // are pauses too, but do no marking.
    let pauses =
        (s.total_pause_ns - s.minor_pause_ns) - (before.total_pause_ns - before.minor_pause_ns);
    // Marking 200k nodes took the assists well over a millisecond, far
    // more than the handshake pauses (bounded to ~150 us of marking each).
    assert!(
        work > 1_000_000,
        "mutator GC work {work} ns, pauses {pauses} ns"
    );
    assert!(
        work > pauses,
        "mutator GC work {work} ns, pauses {pauses} ns"
    );
}

#[test]
fn gc_thread_cpu_is_reported() {
    let mut vm = Vm::new(&config(2, 0, 1 << 20));
    let mut head = 0usize;
    for i in 0..100_000 {
        head = vm.node(i, head, 0).to_word();
    }
    let mut roots = vec![head];
    vm.m.collect(CollectRequest::Major, &mut roots);
    for i in 0..2_000_000 {
        vm.node(i, 0, 0);
        if i % 64 == 0 {
            vm.m.safepoint(&mut roots);
        }
    }
    vm.m.collect(CollectRequest::Major, &mut roots);
    let s = vm.m.stats();
    assert!(s.major_collections >= 2, "{s:?}");
    assert!(s.gc_threads_cpu_ns > 0, "{s:?}");
}
