//! A work-stealing queue of object addresses for parallel tracing.
//!
//! [`WorkStealing`] distributes grey objects over `n` workers: each worker
//! has a LIFO [`crossbeam_deque::Worker`] deque (depth-first, cache
//! friendly), idle workers steal batches from the shared injector (where the
//! roots go) and from each other's deques. The caller runs
//! [`WorkStealing::run_worker`] once on each of `n` threads (a rayon
//! broadcast, scoped threads, or inline when `n == 1`) with its own `scan`
//! function; the part knows nothing about objects or mark bits: `scan(addr,
//! push)` traces one object and pushes the children it newly marked.
//!
//! Pushes go to a private stack first (plain `Vec` operations: most objects
//! never touch an atomic); every 64 objects a worker whose deque is empty
//! moves the older half of its stack to the deque if some worker is idle.
//!
//! **Termination**: a worker that finds no work anywhere announces itself
//! idle and waits until either every worker is idle (the trace is complete:
//! only busy workers push, and a worker goes idle only once its own stack
//! and deque are empty) or some queue is non-empty again (it leaves the
//! idle count and tries to steal).

use crossbeam_deque::{Injector, Steal, Stealer, Worker};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Statistics of one worker's part of a trace.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WorkerStats {
    /// Objects scanned.
    pub scanned: usize,
    /// Successful steals (from the injector or other workers).
    pub steals: usize,
    /// CPU time of the worker's thread during the trace, ns (waiting for
    /// work included; 0 where the clock is unavailable).
    pub cpu_ns: u64,
}

/// CPU time consumed by the calling thread, ns.
fn thread_cpu_ns() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through the valid pointer
    // we pass; CLOCK_THREAD_CPUTIME_ID needs no other precondition.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return 0;
    }
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

/// The queues of one parallel trace.
pub struct WorkStealing {
    injector: Injector<usize>,
    stealers: Vec<Stealer<usize>>,
    workers: Vec<Mutex<Option<Worker<usize>>>>,
    idle: AtomicUsize,
}

impl std::fmt::Debug for WorkStealing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WorkStealing")
            .field("workers", &self.workers.len())
            .finish()
    }
}

/// The handle a worker's `scan` function pushes newly grey objects to.
///
/// Pushes go to a private stack (no atomics); when another worker is idle
/// the older half of it moves to the worker's stealable deque.
pub struct Local<'a> {
    deque: &'a Worker<usize>,
    stack: Vec<usize>,
}

impl Local<'_> {
    /// Queues `addr` for scanning (by this worker or a thief).
    #[inline(always)]
    pub fn push(&mut self, addr: usize) {
        self.stack.push(addr)
    }

    #[inline(always)]
    fn pop(&mut self) -> Option<usize> {
        self.stack.pop().or_else(|| self.deque.pop())
    }

    /// Moves the older half of the private stack to the stealable deque.
    fn share(&mut self) {
        let half = self.stack.len().div_ceil(2);
        for a in self.stack.drain(..half) {
            self.deque.push(a);
        }
    }
}

/// Objects scanned between checks for idle workers to feed.
const SHARE_CHECK: usize = 64;

impl WorkStealing {
    /// Queues for `n >= 1` workers.
    pub fn new(n: usize) -> WorkStealing {
        let n = n.max(1);
        let deques: Vec<Worker<usize>> = (0..n).map(|_| Worker::new_lifo()).collect();
        WorkStealing {
            injector: Injector::new(),
            stealers: deques.iter().map(|d| d.stealer()).collect(),
            workers: deques.into_iter().map(|d| Mutex::new(Some(d))).collect(),
            idle: AtomicUsize::new(0),
        }
    }

    /// Number of workers.
    pub fn workers(&self) -> usize {
        self.workers.len()
    }

    /// Adds an initial grey object (before the workers start).
    pub fn push_root(&self, addr: usize) {
        self.injector.push(addr)
    }

    fn has_work(&self) -> bool {
        !self.injector.is_empty() || self.stealers.iter().any(|s| !s.is_empty())
    }

    fn steal(&self, me: usize, local: &Worker<usize>) -> Option<usize> {
        loop {
            let mut retry = false;
            match self.injector.steal_batch_and_pop(local) {
                Steal::Success(a) => return Some(a),
                Steal::Retry => retry = true,
                Steal::Empty => {}
            }
            let n = self.stealers.len();
            for k in 1..n {
                match self.stealers[(me + k) % n].steal_batch_and_pop(local) {
                    Steal::Success(a) => return Some(a),
                    Steal::Retry => retry = true,
                    Steal::Empty => {}
                }
            }
            if !retry {
                return None;
            }
        }
    }

    /// Runs worker `index` (`0..n`, each exactly once per trace) until the
    /// whole trace is complete. `scan(addr, push)` traces one object.
    pub fn run_worker(
        &self,
        index: usize,
        mut scan: impl FnMut(usize, &mut Local<'_>),
    ) -> WorkerStats {
        let n = self.workers.len();
        let deque = self.workers[index % n]
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .expect("each worker runs once per trace");
        let cpu_start = thread_cpu_ns();
        let mut stats = WorkerStats::default();
        let mut local = Local {
            deque: &deque,
            stack: Vec::with_capacity(1024),
        };
        'outer: loop {
            while let Some(a) = local.pop() {
                stats.scanned += 1;
                scan(a, &mut local);
                if n > 1
                    && stats.scanned.is_multiple_of(SHARE_CHECK)
                    && local.stack.len() > 1
                    && deque.is_empty()
                    && self.idle.load(Ordering::Relaxed) > 0
                {
                    local.share();
                }
            }
            if let Some(a) = self.steal(index, &deque) {
                stats.steals += 1;
                stats.scanned += 1;
                scan(a, &mut local);
                continue;
            }
            // Nothing anywhere: go idle until all are idle or work shows up.
            self.idle.fetch_add(1, Ordering::SeqCst);
            let mut spins = 0u32;
            loop {
                if self.idle.load(Ordering::SeqCst) == n {
                    break 'outer;
                }
                if self.has_work() {
                    self.idle.fetch_sub(1, Ordering::SeqCst);
                    continue 'outer;
                }
                spins += 1;
                if spins < 64 {
                    std::hint::spin_loop();
                } else {
                    std::thread::yield_now();
                }
            }
        }
        stats.cpu_ns = thread_cpu_ns().saturating_sub(cpu_start);
        stats
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicU8;

    /// A random graph of `n` nodes with 3 edges each; traces it from node 0
    /// with `threads` workers and returns the visited set.
    fn trace(n: usize, threads: usize) -> Vec<bool> {
        let mut x = 12345u64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let edges: Vec<[usize; 3]> = (0..n)
            .map(|_| {
                [
                    (next() % n as u64) as usize,
                    (next() % (n as u64 * 2)) as usize, // half are "null"
                    (next() % n as u64) as usize,
                ]
            })
            .collect();
        let marks: Vec<AtomicU8> = (0..n).map(|_| AtomicU8::new(0)).collect();
        let ws = WorkStealing::new(threads);
        marks[0].store(1, Ordering::Relaxed);
        ws.push_root(0);
        let scanned = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for i in 0..threads {
                let (ws, edges, marks, scanned) = (&ws, &edges, &marks, &scanned);
                s.spawn(move || {
                    let st = ws.run_worker(i, |a, push| {
                        for &e in &edges[a] {
                            if e < n && marks[e].swap(1, Ordering::AcqRel) == 0 {
                                push.push(e);
                            }
                        }
                    });
                    scanned.fetch_add(st.scanned, Ordering::Relaxed);
                });
            }
        });
        let visited: Vec<bool> = marks
            .iter()
            .map(|m| m.load(Ordering::Relaxed) == 1)
            .collect();
        assert_eq!(
            scanned.load(Ordering::Relaxed),
            visited.iter().filter(|&&v| v).count(),
            "every marked node is scanned exactly once"
        );
        visited
    }

    #[test]
    fn parallel_trace_equals_serial_trace() {
        let one = trace(200_000, 1);
        assert!(one.iter().filter(|&&v| v).count() > 1000);
        for t in [2, 4, 7] {
            assert_eq!(trace(200_000, t), one, "{t} workers");
        }
    }
}
