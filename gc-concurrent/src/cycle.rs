//! The cycle state machine: the two kinds of handshake and the bookkeeping
//! around them. Everything here runs on the mutator thread; handshakes run
//! at safepoints with the mutator stopped.

use crate::collector::{clock, Concurrent, CycleInfo, PAUSE_DEADLINE, STEP_SLOTS};
use crate::mark::{self, Counters, Task};
use crate::shared::{IDLE, MARKING, SWEEPING};
use crate::{sweep, verify};
use gc_api::{is_ref, EventKind, GcEvent, MutatorContext, ObjRef, Phase, RootSet};
use std::sync::atomic::Ordering;
use std::time::Instant;

impl Concurrent {
    fn event(
        &self,
        kind: EventKind,
        phase: Phase,
        start_ns: u64,
        duration_ns: u64,
        pause: bool,
    ) -> GcEvent {
        let mut ev = GcEvent::new(kind, start_ns);
        ev.phase = phase;
        ev.duration_ns = duration_ns;
        ev.pause = pause;
        let used = self.shared.used() as u64;
        ev.bytes_before = used;
        ev.bytes_after = used;
        ev.raw_bytes = self.raw.live();
        ev
    }

    /// Start handshake: flip the mark sense, turn the barrier on, grey the
    /// roots. O(roots + pending finalizer queue).
    pub(crate) fn start_cycle(&mut self, ctx: &mut MutatorContext, roots: &mut dyn RootSet) {
        debug_assert!(self.shared.phase() == IDLE && self.shared.sweep_done());
        // Empty the nursery first: the snapshot then holds no young object,
        // so the markers never need to trace one (see the crate manual).
        self.minor(ctx, roots);
        let (t0, start_ns) = clock();
        let used_before = self.usage();
        self.pace.heap_at_start = self.pacing_heap(ctx);
        self.pace.alloc_at_start = self.total_allocated(ctx);
        if self.verify > 0 && self.verify_error.is_none() {
            // After the previous cycle every reachable object must be a
            // live, marked (current sense) object: nothing reachable was
            // freed or poisoned. O(live heap): verify mode only.
            // The same walk records the snapshot for the SATB check.
            let extra: Vec<usize> = self.to_finalize.iter().copied().collect();
            let mut snap = std::mem::take(&mut self.snapshot);
            snap.clear();
            let r = verify::trace_reachable(
                &self.shared,
                roots,
                &extra,
                None,
                true,
                false,
                Some(&mut snap),
            );
            if let Err(e) = r {
                self.verify_error = Some(format!("after the previous cycle: {e}"));
                snap.clear();
            }
            self.snapshot = snap;
        }
        self.shared.flip_sense();
        ctx.barrier_active = 1;
        self.shared.marked_bytes.store(0, Ordering::Relaxed);
        self.shared.mutator_marked.store(0, Ordering::Relaxed);
        self.shared.mark_ns.store(0, Ordering::Relaxed);
        self.shared.drained.store(false, Ordering::Release);
        self.finalizers_scanned = false;
        self.finalizers.reset();
        self.weakrefs.reset();
        self.pressure = 0;
        let shared = self.shared.clone();
        let mut c = Counters::default();
        let mut grey = |w: usize| {
            if is_ref(w) && mark::try_mark(&shared, w, &mut c) {
                shared.injector.push(Task::whole(w));
            }
        };
        roots.trace_roots(&mut |w: &mut usize| grey(*w));
        for &w in &self.to_finalize {
            grey(w);
        }
        c.flush(&shared);
        self.shared.phase.store(MARKING, Ordering::Release);
        self.wake_pending = true;
        self.cycle = CycleInfo {
            start_ns,
            used_before,
            mark_start: Instant::now(),
            sweep_start: Instant::now(),
            sweep_start_ns: start_ns,
        };
        let ev = self.event(
            EventKind::Handshake,
            Phase::Marking,
            start_ns,
            t0.elapsed().as_nanos() as u64,
            true,
        );
        self.events.emit(ev);
    }

    /// Termination handshake: drain the SATB buffer (bounded work), and if
    /// no grey object is left anywhere, finish marking (finalizers, weak
    /// refs) and start the sweep. Returns true when marking ended.
    pub(crate) fn try_terminate(
        &mut self,
        ctx: &mut MutatorContext,
        roots: &mut dyn RootSet,
        budget: usize,
    ) -> bool {
        let (t0, start_ns) = clock();
        let mut stack: Vec<Task> = self.satb.drain(..).map(Task::logged).collect();
        let deadline = (budget != usize::MAX).then(|| t0 + PAUSE_DEADLINE);
        let ran_out = mark::mutator_mark_until(&self.shared, &mut stack, budget, deadline);
        let mut done = ran_out && mark::terminated(&self.shared);
        if done && !self.finalizers_scanned {
            // Unreachable objects with finalizers are queued and kept alive,
            // with everything they reference: grey them and mark on.
            self.finalizers_scanned = true;
            let shared = self.shared.clone();
            let mut c = Counters::default();
            let mut resurrected = false;
            let to_finalize = &mut self.to_finalize;
            let mut queued = 0;
            let order = crate::fin_order::queue_set(&self.types, &shared, self.finalizers.items());
            self.finalizers.finish(|f| {
                // SAFETY: registered objects are live until queued here.
                if shared.is_marked(unsafe { ObjRef::from_addr_unchecked(f) }) {
                    return true;
                }
                // PyPy's ordering: an object reachable from another
                // finalizable one stays registered for a later cycle.
                let now = order.contains(&f);
                if now {
                    to_finalize.push_back(f);
                    queued += 1;
                }
                if mark::try_mark(&shared, f, &mut c) {
                    shared.injector.push(Task::whole(f));
                }
                resurrected = true;
                !now
            });
            self.queued_cycle += queued;
            c.flush(&shared);
            if resurrected {
                done = false;
            }
        }
        if !done {
            self.shared.drained.store(false, Ordering::Release);
            self.wake_pending = true;
            let ev = self.event(
                EventKind::Handshake,
                Phase::Marking,
                start_ns,
                t0.elapsed().as_nanos() as u64,
                true,
            );
            self.events.emit(ev);
            return false;
        }
        self.end_marking(ctx, roots, t0, start_ns);
        true
    }

    fn end_marking(
        &mut self,
        ctx: &mut MutatorContext,
        roots: &mut dyn RootSet,
        t0: Instant,
        start_ns: u64,
    ) {
        let shared = self.shared.clone();
        // Weak references: drop dead weakref objects from the list, clear
        // slots whose referent is unmarked.
        let types = self.types.clone();
        let mut cleared = 0;
        self.weakrefs.finish(|w| {
            // SAFETY: listed weakref objects are live until found unmarked here.
            let obj = unsafe { ObjRef::from_addr_unchecked(w) };
            if !shared.is_marked(obj) {
                return false;
            }
            let off = types.get(obj.tid()).weak_offset.unwrap_or(0) as usize;
            let target = obj.word(off);
            // SAFETY: a weak slot holds an object that was live at the
            // snapshot or allocated since; it is not freed before this sweep.
            if is_ref(target) && !shared.is_marked(unsafe { ObjRef::from_addr_unchecked(target) }) {
                obj.set_word(off, 0);
                cleared += 1;
            }
            true
        });
        self.weak_cleared_cycle += cleared;
        self.prune_cards();
        ctx.barrier_active = 0;
        self.retire_buffer(ctx);
        if self.verify > 0 {
            let extra: Vec<usize> = self.to_finalize.iter().copied().collect();
            if let Err(e) = verify::check_reachable(&shared, roots, &extra, None, true, true) {
                self.verify_error
                    .get_or_insert(format!("at the end of marking: {e}"));
            }
            let snap = std::mem::take(&mut self.snapshot);
            if let Err(e) = verify::check_snapshot(&shared, &snap) {
                self.verify_error.get_or_insert(e);
            }
        }
        let marked = shared.marked_bytes.load(Ordering::Relaxed).max(1);
        let share = shared.mutator_marked.load(Ordering::Relaxed) as f64 / marked as f64;
        let heap = self.pacing_heap(ctx);
        let now = self.total_allocated(ctx);
        self.pace.live = marked + now.saturating_sub(self.pace.alloc_at_start) as usize;
        self.pace.alloc_at_mark_end = now;
        self.pacer.mark_ended(heap, share.min(1.0));
        shared.step_driven.store(false, Ordering::Release);
        shared.heap.clear_lists();
        sweep::begin(&shared);
        shared.phase.store(SWEEPING, Ordering::Release);
        self.wake_pending = true;
        let mark_wall = self.cycle.mark_start.elapsed().as_nanos() as u64;
        let mut mev = self.event(
            EventKind::Concurrent,
            Phase::Marking,
            self.cycle.start_ns,
            mark_wall,
            false,
        );
        mev.bytes_before = self.cycle.used_before as u64;
        self.events.emit(mev);
        self.cycle.sweep_start = Instant::now();
        self.cycle.sweep_start_ns = start_ns;
        let ev = self.event(
            EventKind::Handshake,
            Phase::Sweeping,
            start_ns,
            t0.elapsed().as_nanos() as u64,
            true,
        );
        self.events.emit(ev);
    }

    /// Wakes the GC threads if a handshake gave them work. Called after the
    /// handshake, outside the pause: on a machine with few cores the wake-up
    /// may hand the CPU to a GC thread, which must not stretch the pause.
    pub(crate) fn after_handshake(&mut self) {
        if std::mem::take(&mut self.wake_pending) {
            self.shared.wake_all();
        }
    }

    /// The sweep is complete: close the cycle (no pause; no heap access).
    pub(crate) fn finish_cycle(&mut self) {
        debug_assert!(self.shared.sweep_done());
        self.shared.phase.store(IDLE, Ordering::Release);
        self.pacer
            .cycle_done(self.pace.live, self.raw.live() as usize);
        self.shared.heap.set_retain_goal(self.pacer.goal);
        let freed = self.shared.freed_bytes.load(Ordering::Relaxed) as u64;
        let sweep_wall = self.cycle.sweep_start.elapsed().as_nanos() as u64;
        let mut sev = self.event(
            EventKind::Concurrent,
            Phase::Sweeping,
            self.cycle.sweep_start_ns,
            sweep_wall,
            false,
        );
        sev.freed = freed;
        self.events.emit(sev);
        let total = gc_api::events::now_ns().saturating_sub(self.cycle.start_ns);
        let mut ev = self.event(
            EventKind::Major,
            Phase::Idle,
            self.cycle.start_ns,
            total,
            false,
        );
        ev.bytes_before = self.cycle.used_before as u64;
        ev.freed = freed;
        self.events.emit(ev);
        let s = self.events.stats_mut();
        s.weakrefs_cleared += self.weak_cleared_cycle;
        s.finalizers_queued += self.queued_cycle;
        self.weak_cleared_cycle = 0;
        self.queued_cycle = 0;
    }

    /// Finishes whatever cycle is running, doing the work on this thread
    /// (explicit collections).
    pub(crate) fn run_to_idle(&mut self, ctx: &mut MutatorContext, roots: &mut dyn RootSet) {
        if self.shared.step_driven.swap(false, Ordering::AcqRel) {
            self.shared.wake_all();
        }
        loop {
            match self.shared.phase() {
                IDLE => return,
                MARKING => {
                    self.flush_satb();
                    let mut stack = Vec::new();
                    let ran_out = mark::mutator_mark(&self.shared, &mut stack, 1 << 20);
                    if ran_out && mark::terminated(&self.shared) {
                        self.try_terminate(ctx, roots, usize::MAX);
                        self.after_handshake();
                    } else if ran_out {
                        self.shared.check_broken();
                        std::thread::yield_now();
                    }
                }
                _ => self.finish_sweep_now(),
            }
        }
    }

    /// One bounded increment of collection work (`CollectRequest::Step`).
    pub(crate) fn step(&mut self, ctx: &mut MutatorContext, roots: &mut dyn RootSet) {
        match self.shared.phase() {
            IDLE => {
                self.shared.step_driven.store(true, Ordering::Release);
                self.start_cycle(ctx, roots);
            }
            MARKING => {
                self.flush_satb();
                let mut stack = Vec::new();
                if mark::mutator_mark(&self.shared, &mut stack, STEP_SLOTS)
                    && mark::terminated(&self.shared)
                {
                    self.try_terminate(ctx, roots, usize::MAX);
                }
            }
            _ => {
                if self.shared.sweep_done() {
                    self.finish_cycle();
                } else {
                    sweep::sweep_some(&self.shared, 16);
                    if self.shared.sweep_done() {
                        self.finish_cycle();
                    }
                }
            }
        }
    }
}
