//! State shared between the mutator-side collector and the GC threads.

use crate::heap::Heap;
use crate::large::LargeSpace;
use crate::mark::Task;
use crossbeam_deque::{Injector, Stealer};
use gc_api::{gc_flag, ObjRef, TypeTable};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::Thread;
use std::time::Duration;

/// The mark bit. An object is marked when `header & MARK == sense()`.
pub const MARK: u64 = gc_flag(0);

/// No cycle running.
pub const IDLE: u8 = 0;
/// Concurrent marking.
pub const MARKING: u8 = 1;
/// Concurrent sweeping.
pub const SWEEPING: u8 = 2;

/// Everything the GC threads see.
pub struct Shared {
    /// The layouts.
    pub types: Arc<TypeTable>,
    /// Small-object blocks.
    pub heap: Heap,
    /// Large objects.
    pub large: LargeSpace,
    /// IDLE / MARKING / SWEEPING (written only by the mutator, in handshakes).
    pub phase: AtomicU8,
    /// The header value of MARK that means "marked" this cycle (0 or MARK).
    sense: AtomicU64,
    /// Grey objects from roots, SATB buffers and overflow.
    pub injector: Injector<Task>,
    /// Stealers of every GC thread's deque (set once, when they start).
    pub stealers: OnceLock<Vec<Stealer<Task>>>,
    /// Markers (GC threads and assisting mutator) currently holding or
    /// looking for work. 0 with an empty injector = no grey object left.
    pub active: AtomicUsize,
    /// Hint: marking looked finished (the mutator checks in a handshake).
    pub drained: AtomicBool,
    /// The running cycle was started by `CollectRequest::Step`: its marking
    /// advances only in steps, assists and handshakes (GC threads leave it
    /// alone), like an incremental collector's, so that a caller driving the
    /// collection step by step interleaves mutation with marking.
    pub step_driven: AtomicBool,
    /// Bytes of objects marked this cycle.
    pub marked_bytes: AtomicUsize,
    /// ... of which the mutator marked (assists, handshakes, steps).
    pub mutator_marked: AtomicUsize,
    /// Next block index to sweep, and the end of the sweep range.
    pub sweep_cursor: AtomicUsize,
    /// One past the last block index to sweep.
    pub sweep_limit: AtomicUsize,
    /// Blocks still to sweep this cycle.
    pub sweep_pending: AtomicUsize,
    /// 0 = large objects not swept yet, 1 = claimed, 2 = done.
    pub large_sweep: AtomicU8,
    /// Bytes of dead objects freed this cycle.
    pub freed_bytes: AtomicUsize,
    /// Nanoseconds GC threads spent marking / sweeping this cycle.
    pub mark_ns: AtomicU64,
    /// Nanoseconds spent sweeping this cycle.
    pub sweep_ns: AtomicU64,
    /// Light finalizers run (total).
    pub light_run: AtomicU64,
    /// CPU time of the GC threads (total).
    pub cpu: gc_api::accounting::CpuMeter,
    /// Poison freed memory.
    pub poison: bool,
    /// First heap corruption seen by a GC thread (reported by verify).
    pub corruption: Mutex<Option<String>>,
    /// Stop the GC threads.
    pub shutdown: AtomicBool,
    /// A GC thread died (see `corruption`); the mutator must not wait for it.
    pub broken: AtomicBool,
    /// The GC threads, to unpark them (lock-free: a handshake never
    /// blocks on a lock a low-priority GC thread might hold).
    pub threads: OnceLock<Vec<Thread>>,
    /// The nursery's address range (`start`, `len`): young objects are not
    /// marked, traced or swept by the GC threads (see `young`).
    young: (usize, usize),
}

impl Shared {
    /// Builds the shared state.
    pub fn new(types: Arc<TypeTable>, heap: Heap, poison: bool) -> Shared {
        Shared {
            types,
            heap,
            large: LargeSpace::new(),
            phase: AtomicU8::new(IDLE),
            sense: AtomicU64::new(MARK),
            injector: Injector::new(),
            stealers: OnceLock::new(),
            active: AtomicUsize::new(0),
            drained: AtomicBool::new(false),
            step_driven: AtomicBool::new(false),
            marked_bytes: AtomicUsize::new(0),
            mutator_marked: AtomicUsize::new(0),
            sweep_cursor: AtomicUsize::new(0),
            sweep_limit: AtomicUsize::new(0),
            sweep_pending: AtomicUsize::new(0),
            large_sweep: AtomicU8::new(2),
            freed_bytes: AtomicUsize::new(0),
            mark_ns: AtomicU64::new(0),
            sweep_ns: AtomicU64::new(0),
            light_run: AtomicU64::new(0),
            cpu: gc_api::accounting::CpuMeter::new(),
            poison,
            corruption: Mutex::new(None),
            shutdown: AtomicBool::new(false),
            broken: AtomicBool::new(false),
            threads: OnceLock::new(),
            young: (0, 0),
        }
    }

    /// Sets the nursery range (before the state is shared).
    pub fn with_young(mut self, start: usize, end: usize) -> Shared {
        self.young = (start, end - start);
        self
    }

    /// Is `addr` in the nursery?
    #[inline(always)]
    pub fn is_young(&self, addr: usize) -> bool {
        addr.wrapping_sub(self.young.0) < self.young.1
    }

    /// The current phase.
    #[inline]
    pub fn phase(&self) -> u8 {
        self.phase.load(Ordering::Acquire)
    }

    /// The value of the MARK bit that means "marked" in this cycle.
    #[inline(always)]
    pub fn sense(&self) -> u64 {
        self.sense.load(Ordering::Acquire)
    }

    /// Flips the sense: every object becomes white. Start handshake only.
    pub fn flip_sense(&self) -> u64 {
        let new = self.sense() ^ MARK;
        self.sense.store(new, Ordering::Release);
        new
    }

    /// Is the object with this header marked this cycle?
    #[inline(always)]
    pub fn is_marked_header(&self, header: u64) -> bool {
        header & MARK == self.sense()
    }

    /// Is `obj` marked this cycle? Young objects count as marked: they
    /// were allocated after the start of marking (the start handshake
    /// empties the nursery) and live until a minor collection decides.
    #[inline(always)]
    pub fn is_marked(&self, obj: ObjRef) -> bool {
        self.is_young(obj.addr()) || self.is_marked_header(obj.header())
    }

    /// Bytes counted toward the heap size: blocks in use minus listed free
    /// runs, plus large objects.
    pub fn used(&self) -> usize {
        self.heap.used() + self.large.bytes()
    }

    /// Is the sweep of this cycle complete?
    pub fn sweep_done(&self) -> bool {
        self.sweep_pending.load(Ordering::Acquire) == 0
            && self.large_sweep.load(Ordering::Acquire) == 2
    }

    /// Panics on the mutator thread if a GC thread died: waiting for it
    /// would hang forever.
    pub fn check_broken(&self) {
        if self.broken.load(Ordering::Acquire) {
            let what = self.corruption.lock().unwrap().clone().unwrap_or_default();
            panic!("concurrent GC: a GC thread failed ({what})");
        }
    }

    /// Records the first corruption found.
    pub fn report_corruption(&self, what: String) {
        let mut c = self.corruption.lock().unwrap();
        if c.is_none() {
            *c = Some(what);
        }
    }

    /// Wakes every GC thread.
    pub fn wake_all(&self) {
        for t in self.threads.get().map(|v| v.as_slice()).unwrap_or(&[]) {
            t.unpark();
        }
    }

    /// The stealers of the GC threads' deques.
    pub fn stealers(&self) -> &[Stealer<Task>] {
        self.stealers.get().map(|v| v.as_slice()).unwrap_or(&[])
    }

    /// Sleeps (GC threads only) until woken or `timeout` passes.
    pub fn nap(&self, timeout: Duration) {
        std::thread::park_timeout(timeout);
    }
}
