//! The mutator side: inline fast paths over [`MutatorContext`], slow paths
//! through `dyn Collector`, the shadow stack, and torture mode.

use crate::accounting::{ticks, GcWork, BARRIER_SAMPLE};
use crate::collector::{
    AllocError, Capabilities, CollectOutcome, CollectRequest, Collector, CollectorEnv, RawMemory,
};
use crate::config::GcConfig;
use crate::context::MutatorContext;
use crate::events::GcStats;
use crate::header::{make_header, ObjRef, TypeId};
use crate::roots::{ChainRoots, Handle, RootMark, RootSet, ShadowStack};
use crate::types::TypeTable;
use std::sync::Arc;

/// Every Nth torture collection is a major one.
const TORTURE_MAJOR_EVERY: u64 = 8;

/// One mutator thread's view of the heap.
pub struct Mutator {
    ctx: Box<MutatorContext>,
    collector: Box<dyn Collector>,
    types: Arc<TypeTable>,
    raw: Arc<RawMemory>,
    shadow: ShadowStack,
    caps: Capabilities,
    pressure: bool,
    torture: u32,
    verify: u32,
    torture_tick: u32,
    torture_collections: u64,
    work: GcWork,
    /// Nesting depth of pretenuring regions.
    pretenure_depth: u32,
}

impl std::fmt::Debug for Mutator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mutator")
            .field("collector", &self.collector.name())
            .finish()
    }
}

impl Mutator {
    /// Attaches a mutator to `collector`, built from `env` and `config`.
    pub fn new(
        mut collector: Box<dyn Collector>,
        env: &CollectorEnv,
        config: &GcConfig,
    ) -> Mutator {
        let mut ctx = Box::new(MutatorContext::new());
        collector.attach(&mut ctx);
        if config.torture != 0 {
            // Inline polls (compiled code) read only the context word.
            ctx.request_safepoint();
        }
        let caps = collector.capabilities();
        let work = GcWork::new();
        let pauses = work.pause_ns.clone();
        collector.subscribe(Box::new(move |ev| {
            if ev.pause {
                pauses.fetch_add(ev.duration_ns, std::sync::atomic::Ordering::Relaxed);
            }
        }));
        Mutator {
            ctx,
            collector,
            types: env.types.clone(),
            raw: env.raw.clone(),
            shadow: ShadowStack::new(),
            caps,
            pressure: config.pressure,
            torture: config.torture,
            verify: config.verify,
            torture_tick: 0,
            torture_collections: 0,
            work,
            pretenure_depth: 0,
        }
    }

    /// The context's address, for compiled code that tests and bumps its
    /// words directly (see [`crate::context::offsets`]). The context is
    /// boxed: the address is stable for the mutator's lifetime. Only the
    /// fast-path protocol of the crate docs may be applied through it.
    pub fn context_ptr(&mut self) -> *mut MutatorContext {
        &mut *self.ctx
    }

    /// The layouts.
    #[inline(always)]
    pub fn types(&self) -> &TypeTable {
        &self.types
    }

    /// The shared layouts.
    pub fn types_arc(&self) -> &Arc<TypeTable> {
        &self.types
    }

    /// The collector's capabilities.
    #[inline(always)]
    pub fn capabilities(&self) -> Capabilities {
        self.caps
    }

    /// The fast-path words (for JIT code: its address is stable).
    pub fn context(&self) -> &MutatorContext {
        &self.ctx
    }

    /// The collector's registry name.
    pub fn collector_name(&self) -> &'static str {
        self.collector.name()
    }

    /// The collector itself (for tools: stats, subscriptions, settings).
    pub fn collector_mut(&mut self) -> &mut dyn Collector {
        &mut *self.collector
    }

    /// Raw memory accounting.
    pub fn raw_memory(&self) -> &Arc<RawMemory> {
        &self.raw
    }

    // ----- allocation --------------------------------------------------

    /// Allocates a fixed-size object. The object is zeroed apart from its
    /// header. Never collects.
    #[inline(always)]
    pub fn alloc(&mut self, tid: TypeId) -> Result<ObjRef, AllocError> {
        let info = self.types.get(tid);
        let size = info.fixed_size as usize;
        if !info.needs_slow_alloc() && size < self.ctx.max_inline_size {
            let top = self.ctx.alloc_top;
            let new_top = top + size;
            if new_top <= self.ctx.alloc_limit {
                self.ctx.alloc_top = new_top;
                // SAFETY: top..new_top lies inside the zeroed allocation
                // buffer the collector handed out; top is 8-aligned and
                // non-zero because the buffer is a real mapping.
                let obj = unsafe { ObjRef::from_addr_unchecked(top) };
                obj.set_header(make_header(tid, self.ctx.new_object_flags));
                return Ok(obj);
            }
        }
        self.alloc_slow(tid, 0)
    }

    /// Allocates a var-size object with `length` items (zeroed, with its
    /// length word written). Never collects.
    #[inline(always)]
    pub fn alloc_var(&mut self, tid: TypeId, length: usize) -> Result<ObjRef, AllocError> {
        let info = self.types.get(tid);
        let var = info.var.as_ref().expect("alloc_var on a fixed-size type");
        let item = var.item_size as usize;
        // Guard against overflow before computing the size.
        if length > (isize::MAX as usize - info.fixed_size as usize) / item.max(1) {
            return Err(AllocError::TooLarge {
                requested: usize::MAX,
            });
        }
        let size = info.size_for(length);
        if !info.needs_slow_alloc() && size < self.ctx.max_inline_size {
            let top = self.ctx.alloc_top;
            let new_top = top + size;
            if new_top <= self.ctx.alloc_limit {
                self.ctx.alloc_top = new_top;
                // SAFETY: as in `alloc`: inside the zeroed buffer, aligned.
                let obj = unsafe { ObjRef::from_addr_unchecked(top) };
                obj.set_header(make_header(tid, self.ctx.new_object_flags));
                obj.set_word(var.length_offset as usize, length);
                return Ok(obj);
            }
        }
        self.alloc_slow(tid, length)
    }

    // ----- barriers ----------------------------------------------------

    /// Stores `value` (a reference or an immediate) in the slot at byte
    /// `offset` of `obj`, with the write barrier.
    #[inline(always)]
    pub fn write_ref(&mut self, obj: ObjRef, offset: usize, value: usize) {
        if self.ctx.store_needs_barrier(obj.header()) {
            let old = obj.word(offset);
            obj.set_word(offset, value);
            self.write_barrier_timed(obj, obj.slot_addr(offset), old, value);
        } else {
            obj.set_word(offset, value);
        }
    }

    /// Stores `value` in item `index` (whose slot is at byte `offset`) of a
    /// var-size object, with the array (card-marking) barrier.
    #[inline(always)]
    pub fn write_item(&mut self, obj: ObjRef, index: usize, offset: usize, value: usize) {
        if self.ctx.store_needs_barrier(obj.header()) {
            let old = obj.word(offset);
            obj.set_word(offset, value);
            self.array_barrier_timed(obj, index, obj.slot_addr(offset), old, value);
        } else {
            obj.set_word(offset, value);
        }
    }

    /// Reads the weak slot of `obj` (its type's `weak_offset`; 0 if the type
    /// has none). VMs must read weak references through this, not with a
    /// plain load: concurrent collectors need to see the read.
    #[inline(always)]
    pub fn read_weak(&mut self, obj: ObjRef) -> usize {
        let Some(off) = self.types.get(obj.tid()).weak_offset else {
            debug_assert!(false, "read_weak on a type without a weak slot");
            return 0;
        };
        let w = obj.word(off as usize);
        if self.ctx.barrier_active != 0 && crate::is_ref(w) {
            self.weak_load_timed(obj, w)
        } else {
            w
        }
    }

    /// Must be called before overwriting many reference slots of `obj`
    /// without per-slot barriers (memmove, sort, clear).
    #[inline(always)]
    pub fn before_bulk_write(&mut self, obj: ObjRef) {
        if self.ctx.store_needs_barrier(obj.header()) {
            self.bulk_barrier_timed(obj);
        }
    }

    // ----- safepoints and collection -------------------------------------

    /// A safepoint: the only place collection happens. `roots` must report
    /// every reference the VM holds outside the heap (the shadow stack is
    /// added automatically).
    #[inline(always)]
    pub fn safepoint(&mut self, roots: &mut dyn RootSet) {
        if self.ctx.safepoint_pending() || self.torture != 0 {
            self.safepoint_slow(roots);
        }
    }

    /// Is a collection pending at the next safepoint?
    #[inline(always)]
    pub fn safepoint_pending(&self) -> bool {
        self.ctx.safepoint_pending()
    }

    #[inline(never)]
    fn safepoint_slow(&mut self, roots: &mut dyn RootSet) {
        self.safepoint_work(roots);
        if self.torture != 0 {
            // Torture mode is a standing request: code that polls the
            // context word inline (compiled code) comes back every time.
            self.ctx.request_safepoint();
        }
    }

    /// The torture collection between two major ones: the collector's
    /// smallest unit of work. A young collection where there is a young
    /// generation (objects move at every safepoint); otherwise, on a
    /// collector whose major work is incremental or concurrent, one
    /// increment (cycles start, run beside the mutator with the SATB barrier
    /// live, and end at arbitrary safepoints: a complete collection at every
    /// safepoint would never let the mutator run while marking, and would
    /// cost a whole-heap mark per safepoint); else a minor request (a full
    /// collection for the rest).
    fn torture_light_request(&self) -> CollectRequest {
        if !self.caps.generational && (self.caps.incremental || self.caps.concurrent) {
            CollectRequest::Step
        } else {
            CollectRequest::Minor
        }
    }

    fn safepoint_work(&mut self, roots: &mut dyn RootSet) {
        if self.torture != 0 {
            self.torture_tick += 1;
            if self.torture_tick >= self.torture {
                self.torture_tick = 0;
                self.torture_collections += 1;
                let req = if self.torture_collections.is_multiple_of(TORTURE_MAJOR_EVERY) {
                    CollectRequest::Major
                } else {
                    self.torture_light_request()
                };
                // Heap checks walk the whole heap: they run around every
                // major torture collection (every 8th), and around every
                // one with PYGC_VERIFY=2. (Two walks per safepoint made
                // torture runs of stdlib-sized programs take minutes;
                // objects still move at every safepoint and freed memory is
                // poisoned, and a skipped barrier or stale root left by a
                // minor collection surfaces at the next check as a
                // dangling reference.)
                let check = req == CollectRequest::Major || self.verify >= 2;
                // Barrier check: before the collection the young objects
                // are still there, so an old->young pointer that no card or
                // remembered-set entry covers (a store that skipped the
                // write barrier) fails here, naming the slot; after the
                // collection it would only show as a dangling reference.
                if check {
                    if let Err(e) = self.verify(roots) {
                        panic!(
                            "GC verify failed ({}) before a collection: {e}",
                            self.collector.name()
                        );
                    }
                }
                self.collect(req, roots);
                if check {
                    self.verify_or_panic(roots);
                }
                return;
            }
        }
        if self.ctx.safepoint_pending() {
            let (t0, p0) = (ticks(), self.work.pauses());
            let mut all = ChainRoots(&mut self.shadow, roots);
            self.collector.safepoint(&mut self.ctx, &mut all);
            let p = self.work.pauses() - p0;
            self.work.add_outside_pauses(ticks().wrapping_sub(t0), p);
            if self.verify >= 2 {
                self.verify_or_panic(roots);
            }
        }
    }

    /// Explicit collection.
    pub fn collect(&mut self, request: CollectRequest, roots: &mut dyn RootSet) -> CollectOutcome {
        let (t0, p0) = (ticks(), self.work.pauses());
        let mut all = ChainRoots(&mut self.shadow, roots);
        let out = self.collector.collect(&mut self.ctx, request, &mut all);
        let p = self.work.pauses() - p0;
        self.work.add_outside_pauses(ticks().wrapping_sub(t0), p);
        if self.verify >= 1 && request == CollectRequest::Major {
            self.verify_or_panic(roots);
        }
        out
    }

    /// Verifies the heap; `Err` describes the first broken invariant.
    pub fn verify(&mut self, roots: &mut dyn RootSet) -> Result<(), String> {
        let mut all = ChainRoots(&mut self.shadow, roots);
        self.collector.verify(&mut self.ctx, &mut all)
    }

    fn verify_or_panic(&mut self, roots: &mut dyn RootSet) {
        if let Err(e) = self.verify(roots) {
            panic!("GC verify failed ({}): {e}", self.collector.name());
        }
    }

    /// Calls `f` on every object in the heap.
    pub fn walk_heap(&mut self, roots: &mut dyn RootSet, f: &mut dyn FnMut(ObjRef)) {
        let mut all = ChainRoots(&mut self.shadow, roots);
        self.collector.walk_heap(&mut self.ctx, &mut all, f)
    }

    // ----- roots ----------------------------------------------------------

    /// Roots a word; read it back with [`Mutator::root_get`] after safepoints.
    #[inline]
    pub fn root(&mut self, word: usize) -> Handle {
        self.shadow.push(word)
    }

    /// The current value of a handle.
    #[inline]
    pub fn root_get(&self, h: Handle) -> usize {
        self.shadow.get(h)
    }

    /// Replaces the value of a handle.
    #[inline]
    pub fn root_set(&mut self, h: Handle, word: usize) {
        self.shadow.set(h, word)
    }

    /// The shadow-stack depth, to release later.
    #[inline]
    pub fn root_mark(&self) -> RootMark {
        self.shadow.mark()
    }

    /// Releases every handle made since `mark`.
    #[inline]
    pub fn root_release(&mut self, mark: RootMark) {
        self.shadow.release(mark)
    }

    /// Visits every handle's word (heap snapshots report them as roots).
    pub fn trace_handles(&mut self, visit: &mut crate::roots::SlotVisitor<'_>) {
        self.shadow.trace_roots(visit)
    }

    /// Number of live handles.
    pub fn root_count(&self) -> usize {
        self.shadow.len()
    }

    // ----- everything else -------------------------------------------------

    /// A stable identity for `obj` (`id()`).
    #[inline]
    pub fn identity(&mut self, obj: ObjRef) -> usize {
        if self.caps.moves_objects {
            self.collector.identity(&mut self.ctx, obj)
        } else {
            obj.addr()
        }
    }

    /// Reports `bytes` of raw memory allocated by an object: counts toward the
    /// next collection (unless pressure is turned off) and toward the raw-bytes
    /// statistics (always).
    pub fn add_memory_pressure(&mut self, bytes: usize) {
        if self.pressure {
            self.collector.add_memory_pressure(&mut self.ctx, bytes);
        }
    }

    /// Registers a full finalizer for `obj`.
    pub fn register_finalizer(&mut self, obj: ObjRef) {
        self.collector.register_finalizer(&mut self.ctx, obj)
    }

    /// The next object whose full finalizer is due.
    pub fn next_finalizable(&mut self) -> Option<ObjRef> {
        self.collector.next_finalizable()
    }

    /// Pins `obj`; false if the collector can't.
    pub fn pin(&mut self, obj: ObjRef) -> bool {
        self.collector.pin(obj)
    }

    /// Unpins `obj`.
    pub fn unpin(&mut self, obj: ObjRef) {
        self.collector.unpin(obj)
    }

    /// Opens a region of the pretenuring hint ([`Collector::set_pretenure`]):
    /// objects allocated until the matching [`Mutator::pretenure_exit`] are
    /// expected to live long (start-up, module imports). Regions nest; the
    /// collector hears only the outermost one. Never collects.
    pub fn pretenure_enter(&mut self) {
        self.pretenure_depth += 1;
        if self.pretenure_depth == 1 {
            self.collector.set_pretenure(&mut self.ctx, true);
        }
    }

    /// Closes a region opened by [`Mutator::pretenure_enter`]. The
    /// collector's work at the end of the outermost region is timed as
    /// mutator-side GC work. Never collects.
    pub fn pretenure_exit(&mut self) {
        debug_assert!(self.pretenure_depth > 0, "unbalanced pretenure_exit");
        self.pretenure_depth = self.pretenure_depth.saturating_sub(1);
        if self.pretenure_depth == 0 {
            let t0 = ticks();
            self.collector.set_pretenure(&mut self.ctx, false);
            self.work.add(ticks().wrapping_sub(t0));
        }
    }

    /// Counters, with raw-memory figures filled in.
    pub fn stats(&self) -> GcStats {
        let mut s = self.collector.stats(&self.ctx);
        s.raw_bytes = self.raw.live();
        s.peak_raw_bytes = self.raw.peak();
        s.mutator_gc_work_ns = self.work.total_ns();
        s.max_mutator_gc_work_ns = self.work.max_ns();
        s
    }

    /// An allocation slow path, timed as mutator-side GC work.
    #[inline(never)]
    fn alloc_slow(&mut self, tid: TypeId, length: usize) -> Result<ObjRef, AllocError> {
        let t0 = ticks();
        let r = self.collector.alloc_slow(&mut self.ctx, tid, length);
        self.work.add(ticks().wrapping_sub(t0));
        r
    }

    /// A barrier slow path; one call in [`BARRIER_SAMPLE`] is timed and
    /// weighted by it (see [`crate::accounting`]).
    #[inline(always)]
    fn sampled<R>(&mut self, f: impl FnOnce(&mut dyn Collector, &mut MutatorContext) -> R) -> R {
        if self.work.sample_barrier() {
            let t0 = ticks();
            let r = f(&mut *self.collector, &mut self.ctx);
            let dt = ticks().wrapping_sub(t0);
            self.work.add_sampled(dt, BARRIER_SAMPLE as u64);
            r
        } else {
            f(&mut *self.collector, &mut self.ctx)
        }
    }

    // The slow paths are out of line with plain arguments, so the inline
    // fast paths in the VM's hot loops stay as small as a direct call.

    #[inline(never)]
    fn write_barrier_timed(&mut self, obj: ObjRef, slot: usize, old: usize, value: usize) {
        self.sampled(|c, ctx| c.write_barrier_slow(ctx, obj, slot, old, value))
    }

    #[inline(never)]
    fn array_barrier_timed(
        &mut self,
        obj: ObjRef,
        index: usize,
        slot: usize,
        old: usize,
        value: usize,
    ) {
        self.sampled(|c, ctx| c.array_write_barrier_slow(ctx, obj, index, slot, old, value))
    }

    #[inline(never)]
    fn weak_load_timed(&mut self, obj: ObjRef, w: usize) -> usize {
        self.sampled(|c, ctx| c.weak_load_slow(ctx, obj, w))
    }

    #[inline(never)]
    fn bulk_barrier_timed(&mut self, obj: ObjRef) {
        self.sampled(|c, ctx| c.bulk_barrier_slow(ctx, obj))
    }

    /// Sets the hard heap limit.
    pub fn set_heap_limit(&mut self, limit: Option<usize>) {
        self.collector.set_heap_limit(limit)
    }
}
