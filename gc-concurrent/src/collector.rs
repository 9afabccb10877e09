//! The mutator-side half: the `Collector` implementation, allocation, the
//! SATB barrier and the handshakes. The cycle state machine is in
//! [`crate::cycle`].

use crate::heap::BLOCK;
use crate::mark::{self, Task};
use crate::pacing::Pacer;
use crate::shared::{Shared, IDLE, MARKING, SWEEPING};
use crate::{sweep, verify};
use gc_api::events::now_ns;
use gc_api::{
    is_ref, make_header, AllocError, Capabilities, CollectOutcome, CollectRequest, Collector,
    EventLog, GcStats, MutatorContext, ObjRef, RawMemory, RootSet, Subscriber, TypeId, TypeTable,
};
use std::collections::VecDeque;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Instant;

/// Objects of this size or more take the allocation slow path.
pub const MAX_INLINE: usize = 16 << 10;
/// Objects of this size or more are large objects (own mapping).
pub const LARGE: usize = 64 << 10;
/// SATB entries buffered by the mutator before they are flushed to markers.
pub const SATB_BUFFER: usize = 1024;
/// Marking work (slots) the mutator may do inside one termination handshake.
pub const PAUSE_BUDGET: usize = 16 << 10;
/// ... and the time it may spend on it (cache misses make slots uneven).
pub const PAUSE_DEADLINE: std::time::Duration = std::time::Duration::from_micros(150);
/// Blocks one allocation slow path may sweep before taking a free block.
pub const LAZY_SWEEP_BLOCKS: usize = 8;
/// Marking work (slots) of one `CollectRequest::Step`.
pub const STEP_SLOTS: usize = 4096;
/// Finalizer / weakref entries pre-scanned per allocation slow path.
pub const PRESCAN_CHUNK: usize = 8192;

/// Per-cycle bookkeeping for events.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CycleInfo {
    pub start_ns: u64,
    pub used_before: usize,
    pub mark_start: Instant,
    pub sweep_start: Instant,
    pub sweep_start_ns: u64,
}

/// What the pacer measures the heap with (see `Concurrent::pacing_heap`).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct PaceInfo {
    /// Bytes live after the last marking (marked + allocated during it).
    pub live: usize,
    /// `total_allocated` when the last marking ended.
    pub alloc_at_mark_end: u64,
    /// `total_allocated` when the running cycle started.
    pub alloc_at_start: u64,
    /// `pacing_heap` when the running cycle started.
    pub heap_at_start: usize,
}

/// The concurrent collector.
pub struct Concurrent {
    pub(crate) shared: Arc<Shared>,
    pub(crate) threads: Vec<JoinHandle<()>>,
    pub(crate) types: Arc<TypeTable>,
    pub(crate) raw: Arc<RawMemory>,
    pub(crate) events: EventLog,
    pub(crate) pacer: Pacer,
    pub(crate) limit: Option<usize>,
    pub(crate) satb: Vec<usize>,
    pub(crate) finalizers: crate::lists::Tracked,
    pub(crate) finalizers_scanned: bool,
    pub(crate) to_finalize: VecDeque<usize>,
    pub(crate) weakrefs: crate::lists::Tracked,
    pub(crate) pressure: usize,
    pub(crate) slow_bytes: u64,
    pub(crate) cycle: CycleInfo,
    pub(crate) pace: PaceInfo,
    pub(crate) verify: u32,
    pub(crate) verify_error: Option<String>,
    /// Verify mode: the objects reachable at the start handshake, each with
    /// the slot it was first reached from (the SATB check at the end of
    /// marking: every one of them must be marked).
    pub(crate) snapshot: Vec<verify::Reached>,
    pub(crate) settings: Vec<(&'static str, String)>,
    pub(crate) weak_cleared_cycle: u64,
    pub(crate) queued_cycle: u64,
    pub(crate) wake_pending: bool,
    /// Torture mode (`PYGC_TORTURE`): minor requests also step the cycle.
    pub(crate) torture: bool,
    /// The young generation.
    pub(crate) young: crate::young::Young,
    /// The open old-space allocation buffer `(top, limit)` (promotion and
    /// direct old allocation; the mutator's context buffer is the nursery).
    pub(crate) obuf: (usize, usize),
    /// Test knob: drop SATB entries (to show the SATB test can fail).
    #[cfg(test)]
    pub(crate) satb_disabled: bool,
    /// Test knob: allocate everything in the old space (tests of the
    /// old-space cycle that hold raw addresses across collections).
    #[cfg(test)]
    pub(crate) old_only: bool,
    /// Allocation in the old space (`set_pretenure`).
    pub(crate) pretenure: crate::pretenure::Pretenure,
}

impl Drop for Concurrent {
    fn drop(&mut self) {
        self.shared.shutdown.store(true, Ordering::Release);
        self.shared.wake_all();
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

impl Concurrent {
    /// Heap bytes plus one-shot memory pressure since the cycle began.
    pub(crate) fn usage(&self) -> usize {
        self.shared.used() + self.pressure
    }

    /// The heap size the pacer works with: the bytes the last marking left
    /// live (marked plus allocated black during marking) plus the bytes
    /// allocated since (Go's heapMarked + allocations). Unlike `used()` it
    /// does not count free holes too small to be listed, which a fragmented
    /// heap (an LRU cache interleaved with short-lived garbage) has plenty
    /// of: measured against `used()`, cycles ran back to back with the heap
    /// permanently past the goal and mark assists at their maximum. With a
    /// soft memory limit the real footprint counts (the larger of the two).
    pub(crate) fn pacing_heap(&self, ctx: &MutatorContext) -> usize {
        let since = self
            .total_allocated(ctx)
            .saturating_sub(self.pace.alloc_at_mark_end);
        let est = self.pace.live + since as usize;
        let est = if self.pacer.has_memory_limit() {
            est.max(self.shared.used())
        } else {
            est
        };
        est + self.pressure
    }

    /// Has the heap or the memory pressure reached its trigger?
    pub(crate) fn cycle_due(&self, ctx: &MutatorContext) -> bool {
        let heap = self.pacing_heap(ctx) - self.pressure;
        self.pacer.cycle_due(heap, self.pressure)
    }

    /// Bytes allocated in the old space (directly or by promotion): what
    /// the pacer counts.
    pub(crate) fn total_allocated(&self, _ctx: &MutatorContext) -> u64 {
        self.slow_bytes + self.young.promoted_total
    }

    /// Closes the open old-space buffer so every block parses.
    pub(crate) fn retire_buffer(&mut self, _ctx: &mut MutatorContext) {
        self.retire_old_buffer();
    }

    /// Closes the open old-space buffer so every block parses.
    pub(crate) fn retire_old_buffer(&mut self) {
        let (top, limit) = std::mem::take(&mut self.obuf);
        if limit > top {
            self.shared.heap.retire(top, limit);
        }
    }

    /// Old-space memory for `size` bytes (zeroed): the open buffer, a large
    /// object, or a new buffer. `limit` is the hard heap limit to respect
    /// (None for promotion, which must not fail).
    pub(crate) fn old_alloc_raw(
        &mut self,
        size: usize,
        limit: Option<usize>,
    ) -> Result<usize, AllocError> {
        let (top, lim) = self.obuf;
        if size < LARGE && top != 0 && top + size <= lim {
            self.obuf.0 = top + size;
            return Ok(top);
        }
        if size >= LARGE {
            self.alloc_large(size, limit)
        } else {
            self.alloc_small(size, limit)
        }
    }

    /// Cheap bookkeeping on the allocation path (never collects): closes a
    /// finished sweep, asks for a handshake when one is due.
    pub(crate) fn poll(&mut self, ctx: &mut MutatorContext) {
        match self.shared.phase() {
            SWEEPING if self.shared.sweep_done() => self.finish_cycle(),
            _ => {}
        }
        match self.shared.phase() {
            IDLE if self.cycle_due(ctx) => ctx.request_safepoint(),
            // Pre-scan (bounded) before asking for the termination handshake.
            MARKING
                if self.shared.drained.load(Ordering::Acquire)
                    && self.prescan_lists(PRESCAN_CHUNK) =>
            {
                ctx.request_safepoint()
            }
            _ => {}
        }
    }

    /// Pre-scans the finalizer and weakref lists (bounded work, outside any
    /// pause); true when both are done.
    pub(crate) fn prescan_lists(&mut self, max: usize) -> bool {
        let shared = &self.shared;
        let types = &self.types;
        let marked = |a: usize| {
            // SAFETY: listed objects are live (or unmarked but not yet
            // swept) until the end-of-mark handshake processes them.
            shared.is_marked(unsafe { ObjRef::from_addr_unchecked(a) })
        };
        let fin_done = self.finalizers.prescan(max, |a| !marked(a));
        let weak_done = self.weakrefs.prescan(max, |a| {
            if !marked(a) {
                return true;
            }
            // SAFETY: as above.
            let obj = unsafe { ObjRef::from_addr_unchecked(a) };
            let off = types.get(obj.tid()).weak_offset.unwrap_or(0) as usize;
            let t = obj.word(off);
            is_ref(t) && !marked(t)
        });
        fin_done && weak_done
    }

    /// Pushes the SATB buffer to the markers. It does not wake them: a GC
    /// thread out of work naps at most 500 us during marking, while a
    /// wake-up of a normal-priority GC thread on a busy machine can hand it
    /// the mutator's CPU in the middle of the barrier.
    pub(crate) fn flush_satb(&mut self) {
        if self.satb.is_empty() {
            return;
        }
        for w in self.satb.drain(..) {
            self.shared.injector.push(Task::logged(w));
        }
        self.shared.drained.store(false, Ordering::Release);
    }

    /// Records a reference overwritten (or about to be) during marking.
    #[inline]
    fn log_old(&mut self, ctx: &mut MutatorContext, old: usize) {
        #[cfg(test)]
        if self.satb_disabled {
            return;
        }
        if !is_ref(old) || self.is_young(old) {
            return;
        }
        // SAFETY: `old` was in a slot of a live object an instant ago, so it
        // designates an object that is reachable from the snapshot or was
        // allocated since (black); either way it is not freed this cycle.
        let old_obj = unsafe { ObjRef::from_addr_unchecked(old) };
        if self.shared.is_marked(old_obj) {
            return;
        }
        self.satb.push(old);
        if self.satb.len() >= SATB_BUFFER {
            self.flush_satb();
            if self.shared.drained.load(Ordering::Acquire) {
                ctx.request_safepoint();
            }
        }
    }

    /// Mark assist: the shortfall of marking against the heap's growth.
    fn assist(&mut self, ctx: &mut MutatorContext) {
        let marked = self.shared.marked_bytes.load(Ordering::Relaxed);
        let mut slots =
            self.pacer
                .assist_slots(marked, self.pacing_heap(ctx), self.pace.heap_at_start);
        if self.shared.step_driven.load(Ordering::Acquire) {
            // No GC thread marks a step-driven cycle: allocation must.
            slots = slots.max(1024);
        }
        if slots < 256 {
            return;
        }
        self.flush_satb();
        let mut stack = Vec::new();
        mark::mutator_mark(&self.shared, &mut stack, slots);
        if self.shared.drained.load(Ordering::Acquire) {
            ctx.request_safepoint();
        }
    }

    /// Takes memory for a small or medium object of `size` bytes: a listed
    /// run, a lazily swept one, or a fresh block. The object goes at the
    /// start; the rest of the run becomes the bump buffer.
    fn alloc_small(&mut self, size: usize, limit: Option<usize>) -> Result<usize, AllocError> {
        self.retire_old_buffer();
        let mut tried_finish = false;
        let mut lazy_swept = 0;
        let (start, len) = loop {
            if let Some(r) = self.shared.heap.take_run(size) {
                break r;
            }
            // Lazy sweeping, bounded per call: blocks found entirely dead go
            // to the pool, where take_block finds them next.
            if lazy_swept < LAZY_SWEEP_BLOCKS
                && self.shared.phase() == SWEEPING
                && !self.shared.sweep_done()
                && sweep::sweep_some(&self.shared, 1)
            {
                lazy_swept += 1;
                continue;
            }
            match self
                .shared
                .heap
                .take_block(limit, self.shared.large.bytes())
            {
                Ok(b) => break (b, BLOCK),
                Err(AllocError::HeapLimit { .. })
                    if !tried_finish && self.shared.phase() == SWEEPING =>
                {
                    tried_finish = true;
                    self.finish_sweep_now();
                }
                Err(e) => return Err(e),
            }
        };
        self.obuf = (start + size, start + len);
        Ok(start)
    }

    fn alloc_large(&mut self, size: usize, limit: Option<usize>) -> Result<usize, AllocError> {
        let over = |s: &Self| {
            limit
                .map(|l| s.shared.heap.committed() + s.shared.large.bytes() + size > l)
                .unwrap_or(false)
        };
        if over(self) && self.shared.phase() == SWEEPING {
            self.finish_sweep_now();
        }
        if over(self) {
            return Err(AllocError::HeapLimit {
                requested: size,
                limit: limit.unwrap_or(0),
            });
        }
        self.shared
            .large
            .alloc(size)
            .map_err(|_| AllocError::OutOfMemory { requested: size })
    }

    /// Sweeps everything left on the mutator thread (used when memory is
    /// short or a caller needs the sweep finished) and closes the cycle.
    pub(crate) fn finish_sweep_now(&mut self) {
        while self.shared.phase() == SWEEPING {
            if self.shared.sweep_done() {
                self.finish_cycle();
            } else if !sweep::sweep_some(&self.shared, 64) {
                self.shared.check_broken();
                std::thread::yield_now();
            }
        }
    }
}

impl Collector for Concurrent {
    fn name(&self) -> &'static str {
        "concurrent"
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            moves_objects: true,
            needs_write_barrier: true,
            needs_satb: true,
            generational: true,
            incremental: false,
            concurrent: true,
            parallel: self.threads.len() > 1,
            supports_pinning: true,
            card_marking: false,
            reclaims: true,
        }
    }

    fn attach(&mut self, ctx: &mut MutatorContext) {
        ctx.max_inline_size = MAX_INLINE;
        ctx.barrier_mask = crate::young::TRACK;
        ctx.barrier_active = (self.shared.phase() == MARKING) as usize;
        ctx.new_object_flags = 0;
        let start = self.young.nursery.start();
        let (top, limit) = self
            .young
            .nursery
            .refill(start, 0)
            .unwrap_or_else(|| fatal("no room for the nursery"));
        ctx.set_buffer(top, limit);
    }

    fn alloc_slow(
        &mut self,
        ctx: &mut MutatorContext,
        tid: TypeId,
        length: usize,
    ) -> Result<ObjRef, AllocError> {
        let types = self.types.clone();
        let info = types.get(tid);
        let size = match &info.var {
            None => info.fixed_size as usize,
            Some(v) => {
                let max = (isize::MAX as usize - info.fixed_size as usize - 8)
                    / (v.item_size as usize).max(1);
                if length > max {
                    return Err(AllocError::TooLarge {
                        requested: usize::MAX,
                    });
                }
                info.size_for(length)
            }
        };
        self.poll(ctx);
        #[cfg(test)]
        let young_ok = !self.old_only;
        #[cfg(not(test))]
        let young_ok = true;
        let young_ok = young_ok && !self.pretenure.active;
        if young_ok && !info.needs_slow_alloc() && size < MAX_INLINE {
            if let Some(l) = self.limit {
                // The nursery counts toward the hard heap limit.
                let held = self.shared.heap.committed() + self.shared.large.bytes();
                if held + self.young.used(ctx) + size > l {
                    ctx.request_safepoint();
                    return Err(AllocError::HeapLimit {
                        requested: size,
                        limit: l,
                    });
                }
            }
            if let Some(at) = self.refill_young(ctx, size) {
                // SAFETY: `at` is the start of `size` fresh zeroed nursery bytes.
                let obj = unsafe { ObjRef::from_addr_unchecked(at) };
                obj.set_header(make_header(tid, ctx.new_object_flags));
                if let Some(v) = &info.var {
                    obj.set_word(v.length_offset as usize, length);
                }
                if self.shared.phase() == MARKING {
                    self.assist(ctx);
                }
                return Ok(obj);
            }
        }
        let at = match self.old_alloc_raw(size, self.limit) {
            Ok(a) => a,
            Err(e) => {
                ctx.request_safepoint();
                return Err(e);
            }
        };
        // SAFETY: `at` is the start of `size` fresh zeroed bytes we own.
        let obj = unsafe { ObjRef::from_addr_unchecked(at) };
        // Marked (black while marking), and remembered: its initializing
        // stores may put young references in it without a barrier (unless
        // pretenured with no young objects about: see `pretenure`).
        if self.pretenure_alloc(ctx, size) {
            obj.set_header(make_header(tid, self.shared.sense()));
            self.young.remembered.push(at);
        } else {
            obj.set_header(make_header(tid, self.shared.sense() | crate::young::TRACK));
            if info.has_refs() {
                self.pretenure.fresh.push(at);
            }
        }
        if let Some(v) = &info.var {
            obj.set_word(v.length_offset as usize, length);
            if size >= LARGE {
                self.maybe_cards(obj, length);
            }
        }
        if info.weak_offset.is_some() {
            self.weakrefs.push(at);
            self.young.weak.push(at);
        }
        self.slow_bytes += size as u64;
        if self.shared.phase() == MARKING {
            self.assist(ctx);
        }
        Ok(obj)
    }

    fn set_pretenure(&mut self, ctx: &mut MutatorContext, on: bool) {
        self.pretenure_hint(ctx, on);
    }

    fn write_barrier_slow(
        &mut self,
        ctx: &mut MutatorContext,
        obj: ObjRef,
        _slot: usize,
        old: usize,
        _new: usize,
    ) {
        if self.is_young(obj.addr()) {
            return;
        }
        if ctx.barrier_active != 0 {
            self.log_old(ctx, old);
        }
        self.remember(obj);
    }

    fn array_write_barrier_slow(
        &mut self,
        ctx: &mut MutatorContext,
        obj: ObjRef,
        index: usize,
        _slot: usize,
        old: usize,
        _new: usize,
    ) {
        if self.is_young(obj.addr()) {
            return;
        }
        if ctx.barrier_active != 0 {
            self.log_old(ctx, old);
        }
        self.remember_item(obj, index);
    }

    fn weak_load_slow(&mut self, ctx: &mut MutatorContext, _obj: ObjRef, value: usize) -> usize {
        // The referent may now become strongly reachable from roots only:
        // treat the read like a deletion and keep it alive for this cycle.
        if ctx.barrier_active != 0 {
            self.log_old(ctx, value);
        }
        value
    }

    fn bulk_barrier_slow(&mut self, ctx: &mut MutatorContext, obj: ObjRef) {
        if self.is_young(obj.addr()) {
            return;
        }
        self.remember(obj);
        if ctx.barrier_active == 0 {
            return;
        }
        let types = self.types.clone();
        types.for_each_slot(obj, |off| self.log_old(ctx, obj.word(off)));
    }

    fn safepoint(&mut self, ctx: &mut MutatorContext, roots: &mut dyn RootSet) {
        ctx.clear_safepoint_request();
        if self.shared.phase() == SWEEPING && self.shared.sweep_done() {
            self.finish_cycle();
        }
        // A pretenuring region that began with young objects asked for
        // this minor collection (see `pretenure`).
        if self.young.nursery.over_nominal() || self.pretenure.remember {
            self.minor(ctx, roots);
            self.poll(ctx);
            ctx.clear_safepoint_request();
        }
        match self.shared.phase() {
            IDLE if self.cycle_due(ctx) => self.start_cycle(ctx, roots),
            MARKING => {
                self.try_terminate(ctx, roots, PAUSE_BUDGET);
            }
            _ => {}
        }
        self.after_handshake();
    }

    fn collect(
        &mut self,
        ctx: &mut MutatorContext,
        request: CollectRequest,
        roots: &mut dyn RootSet,
    ) -> CollectOutcome {
        match request {
            CollectRequest::Step => {
                self.step(ctx, roots);
                self.after_handshake();
                if self.shared.phase() == IDLE {
                    CollectOutcome::Complete
                } else {
                    CollectOutcome::Continue
                }
            }
            CollectRequest::Minor => {
                // A young collection; under torture also one increment of
                // the old-space cycle, so that mutation interleaves with
                // marking and sweeping at every safepoint.
                self.minor(ctx, roots);
                if self.torture {
                    self.step(ctx, roots);
                    self.after_handshake();
                }
                CollectOutcome::Complete
            }
            CollectRequest::Major => {
                self.run_to_idle(ctx, roots);
                self.start_cycle(ctx, roots);
                self.after_handshake();
                self.run_to_idle(ctx, roots);
                CollectOutcome::Complete
            }
        }
    }

    fn add_memory_pressure(&mut self, ctx: &mut MutatorContext, bytes: usize) {
        self.pressure = self.pressure.saturating_add(bytes);
        if self.shared.phase() == IDLE && self.cycle_due(ctx) {
            ctx.request_safepoint();
        }
    }

    fn register_finalizer(&mut self, _ctx: &mut MutatorContext, obj: ObjRef) {
        if self.is_young(obj.addr()) {
            self.young.finalizers.push(obj.addr());
        } else {
            self.finalizers.push(obj.addr());
        }
    }

    fn next_finalizable(&mut self) -> Option<ObjRef> {
        // SAFETY: queued objects are kept alive (they are roots) until taken.
        self.to_finalize
            .pop_front()
            .map(|a| unsafe { ObjRef::from_addr_unchecked(a) })
    }

    fn pin(&mut self, obj: ObjRef) -> bool {
        // Old objects never move; young ones move at the next minor
        // collection (callers must cope with a refusal).
        !self.is_young(obj.addr())
    }

    fn unpin(&mut self, _obj: ObjRef) {}

    fn identity(&mut self, _ctx: &mut MutatorContext, obj: ObjRef) -> usize {
        if self.is_young(obj.addr()) {
            self.young_identity(obj)
        } else {
            obj.addr()
        }
    }

    fn set_heap_limit(&mut self, limit: Option<usize>) {
        self.limit = limit;
    }

    fn stats(&self, ctx: &MutatorContext) -> GcStats {
        let mut s = self.events.stats().clone();
        s.heap_bytes = self.shared.used() as u64;
        s.allocated_bytes = ctx.bytes_allocated_inline() as u64 + self.slow_bytes;
        s.peak_heap_bytes = s.peak_heap_bytes.max(s.heap_bytes);
        s.light_finalizers_run = self.shared.light_run.load(Ordering::Relaxed);
        s.gc_threads_cpu_ns = self.shared.cpu.total();
        s
    }

    fn subscribe(&mut self, subscriber: Subscriber) {
        self.events.subscribe(subscriber)
    }

    fn walk_heap(
        &mut self,
        ctx: &mut MutatorContext,
        roots: &mut dyn RootSet,
        f: &mut dyn FnMut(ObjRef),
    ) {
        self.minor(ctx, roots);
        self.finish_sweep_now();
        self.retire_buffer(ctx);
        let walk = verify::walk_objects(&self.shared, |o| {
            if o.header() & crate::young::SHADOW == 0 {
                f(o)
            }
        });
        if let Err(e) = walk {
            self.shared.report_corruption(e);
        }
    }

    fn verify(&mut self, ctx: &mut MutatorContext, roots: &mut dyn RootSet) -> Result<(), String> {
        self.finish_sweep_now();
        self.retire_buffer(ctx);
        if let Some(e) = self.verify_error.take() {
            return Err(e);
        }
        if let Some(e) = self.shared.corruption.lock().unwrap().clone() {
            return Err(e);
        }
        let starts = verify::object_starts(&self.shared)?;
        let extra: Vec<usize> = self.to_finalize.iter().copied().collect();
        let marked = self.shared.phase() == IDLE;
        // Young objects are traced through (not required marked); a
        // reference into the nursery no barrier recorded is reported.
        self.check_remembered()?;
        verify::check_reachable(&self.shared, roots, &extra, Some(&starts), marked, true)?;
        for &w in self.weakrefs.items() {
            if !starts.contains(&w) {
                return Err(format!("weakref {w:#x} is not an object"));
            }
        }
        Ok(())
    }

    fn settings(&self) -> Vec<(&'static str, String)> {
        self.settings.clone()
    }
}

/// Aborts the process: memory ran out where no error can be returned
/// (inside a collection). Never reached on bad user input.
#[cold]
pub(crate) fn fatal(what: &str) -> ! {
    eprintln!("concurrent: out of memory {what}");
    std::process::abort()
}

/// Reads a start time for an event.
pub(crate) fn clock() -> (Instant, u64) {
    (Instant::now(), now_ns())
}
