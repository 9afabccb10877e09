//! The GC threads: mark while the phase is MARKING, sweep while it is
//! SWEEPING, nap otherwise. They never touch the mutator's context.

use crate::mark::{mark_until_idle, Task};
use crate::shared::{Shared, MARKING, SWEEPING};
use crate::sweep::sweep_some;
use crossbeam_deque::Worker;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Spawns `n` GC threads.
pub fn spawn(shared: &Arc<Shared>, n: usize) -> std::io::Result<Vec<JoinHandle<()>>> {
    let workers: Vec<Worker<Task>> = (0..n).map(|_| Worker::new_lifo()).collect();
    let _ = shared
        .stealers
        .set(workers.iter().map(|w| w.stealer()).collect());
    let mut handles = Vec::with_capacity(n);
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    let normal = cores.saturating_sub(1).max(1);
    for (i, w) in workers.into_iter().enumerate() {
        let s = shared.clone();
        let low = i >= normal;
        let h = std::thread::Builder::new()
            .name(format!("gc-concurrent-{i}"))
            .spawn(move || run(&s, w, low))?;
        handles.push(h);
    }
    let _ = shared
        .threads
        .set(handles.iter().map(|h| h.thread().clone()).collect());
    Ok(handles)
}

fn has_mark_work(shared: &Shared) -> bool {
    if !shared.injector.is_empty() {
        return true;
    }
    shared.stealers().iter().any(|s| !s.is_empty())
}

/// The first `cores - 1` GC threads (at least one) run at normal priority:
/// they have the cores the mutator does not use, so they, not mark assists,
/// do the marking (on 2 cores, one GC thread beside the mutator, like Go's
/// dedicated mark workers). The others run at a lower priority (nice +10),
/// so that waking them (or their timer naps ending) does not preempt the
/// mutator in the middle of a handshake; they only use idle CPU, and when
/// the GC threads fall behind, the pacer's mark assists make up for it.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: gettid and setpriority take no pointers; setpriority on our
        // own thread id only changes this thread's nice value.
        unsafe {
            let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
            let _ = libc::setpriority(libc::PRIO_PROCESS, tid, 10);
        }
    }
}

fn run(shared: &Shared, local: Worker<Task>, low: bool) {
    if low {
        lower_priority();
    }
    // A panic here means heap corruption or a collector bug. Record it so the
    // mutator fails loudly (instead of waiting forever for this thread).
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_loop(shared, &local)));
    if let Err(e) = r {
        let msg = e
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        shared.report_corruption(format!("GC thread panicked: {msg}"));
        shared.broken.store(true, Ordering::Release);
    }
}

fn run_loop(shared: &Shared, local: &Worker<Task>) {
    let mut cpu = shared.cpu.start();
    while !shared.shutdown.load(Ordering::Acquire) {
        shared.cpu.charge(&mut cpu);
        match shared.phase() {
            MARKING => {
                if !shared.step_driven.load(Ordering::Acquire) && has_mark_work(shared) {
                    let t0 = Instant::now();
                    mark_until_idle(shared, local);
                    shared
                        .mark_ns
                        .fetch_add(t0.elapsed().as_nanos() as u64, Ordering::Relaxed);
                } else {
                    shared.nap(Duration::from_micros(500));
                }
            }
            SWEEPING if !shared.sweep_done() => {
                if !sweep_some(shared, 8) {
                    shared.nap(Duration::from_micros(500));
                }
            }
            _ => shared.nap(Duration::from_millis(5)),
        }
    }
}
