//! # nogc: the bump-only baseline collector
//!
//! ## Algorithm
//! Memory comes from one reserved region (64 GiB of address space, or the
//! heap limit if smaller), handed to the mutator in 256 KiB allocation
//! buffers; objects of at least `max_inline_size` bytes are carved directly
//! from the same region by the slow path. Nothing is ever freed, moved,
//! finalized or cleared: the heap grows until the process exits or the heap
//! limit (`PYGC_MAX_HEAP`) is reached, when allocation fails with
//! [`AllocError::HeapLimit`] (the interpreter's `MemoryError`).
//!
//! ## Finalization without reclamation
//! nogc never collects on its own, but a requested major collection
//! (`gc.collect()`; a minor one only when the program registered
//! finalizers) marks from the roots, queues the unreachable
//! finalizable objects (PyPy's ordering), clears weak references to dead
//! objects and flags the dead so heap walks skip them, still without freeing
//! or reusing a byte (see [`finalize`]). Light finalizers never run: they
//! free raw memory.
//!
//! ## Cheap fresh memory
//! Because nothing is reused, every allocation lands on memory never
//! touched before: with plain 4 KiB demand paging that is one page fault
//! per 4 KiB allocated (binary-trees depth 18: 390 000 faults for 1.6 GB).
//! nogc therefore pre-faults its region ahead of the allocation frontier in
//! 32 MiB chunks with one `madvise(MADV_POPULATE_WRITE)` (Linux 5.14+; on
//! older kernels the first failure turns it off and pages fault on demand),
//! so the mutator finds mapped, zeroed pages. What remains is the kernel
//! zeroing the pages, about 0.4 s of system time per GB on the project
//! machine, which no mapping flag avoids. Measured on that machine
//! (`NOGC` variants of gcbench-report binary-trees, alternating, CPU
//! user+sys): plain demand paging 0.94 s, pre-faulting 0.92 s at depth 18;
//! `MADV_HUGEPAGE` on the region made it 3-6x *worse* (2 GiB touch test:
//! 0.8 s -> 1.6-4.9 s of system time, from direct compaction of 2 MiB
//! pages on a busy machine), so transparent huge pages are not requested.
//! The lower-bound overhead in `pygc-lab` therefore takes the smallest
//! GC-free cost over all collectors (Cai et al., ISPASS 2022), not nogc's
//! time alone.
//!
//! It measures the mutator's own cost: the difference between a program's
//! time under nogc and under a real collector is that collector's overhead.
//! It is also the template for a new collector: the smallest complete
//! implementation of [`Collector`].
//!
//! ## Flags and invariants
//! No header flags are used; `barrier_mask` and `barrier_active` are 0, so no
//! store ever takes the barrier slow path. Used ranges of the region are
//! recorded so the heap can be walked object by object.
//!
//! ## Variables
//! | variable | default | effect |
//! |---|---|---|
//! | `PYGC_MAX_HEAP` | unlimited | hard limit on allocated bytes |
//! | `PYGC_VERIFY`, `PYGC_TORTURE` | 0 | verify walks everything reachable |

use gc_api::{
    make_header, AllocError, Capabilities, CollectOutcome, CollectRequest, Collector, CollectorEnv,
    ConfigError, EventKind, EventLog, GcConfig, GcEvent, GcStats, MutatorContext, ObjRef, RootSet,
    Subscriber, TypeId, TypeTable,
};
use gc_parts::Region;
use std::sync::Arc;

pub mod finalize;
use finalize::{Watch, DEAD};

const RESERVE: usize = 64 << 30;
const BUFFER: usize = 256 << 10;
const MAX_INLINE: usize = 32 << 10;
/// Alignment of the heap's start and of pre-faulted chunks (the x86-64
/// huge-page size, so a kernel with THP "always" can use huge pages).
const HUGE: usize = 2 << 20;
/// Memory is pre-faulted this far ahead of the frontier, in one system call.
const PREFAULT: usize = 32 << 20;

/// The no-op collector.
pub struct NoGc {
    region: Region,
    /// First usable address (the region's start rounded up to `HUGE`).
    base: usize,
    /// Memory below this address has been pre-faulted (or that was tried).
    prefaulted: usize,
    /// MADV_POPULATE_WRITE works here (cleared on its first failure).
    populate: bool,
    types: Arc<TypeTable>,
    /// Next unused byte of the region.
    frontier: usize,
    /// Ranges holding objects, closed (the open buffer is `ctx`'s).
    used: Vec<(usize, usize)>,
    limit: Option<usize>,
    events: EventLog,
    /// Finalizable objects, weak references and the finalizer queue.
    watch: Watch,
    /// Objects at or above this address were allocated since the last
    /// marking collection (allocation addresses only grow).
    marked_up_to: usize,
}

/// Builds a nogc collector.
pub fn build(config: &GcConfig, env: CollectorEnv) -> Result<Box<dyn Collector>, ConfigError> {
    let reserve = config
        .max_heap
        .map_or(RESERVE, |m| m.clamp(1 << 20, RESERVE) + MAX_INLINE);
    let region = Region::reserve(reserve + HUGE)
        .map_err(|e| ConfigError(format!("nogc: cannot reserve {reserve} bytes: {e}")))?;
    let base = region.start().next_multiple_of(HUGE);
    Ok(Box::new(NoGc {
        base,
        prefaulted: base,
        populate: true,
        region,
        types: env.types,
        frontier: base,
        used: Vec::new(),
        limit: config.max_heap,
        events: EventLog::new(),
        watch: Watch::default(),
        marked_up_to: 0,
    }))
}

impl NoGc {
    fn used_bytes(&self) -> usize {
        self.frontier - self.base
    }

    /// Pre-faults memory up to `PREFAULT` bytes past `end` in one call.
    fn prefault(&mut self, end: usize) {
        if !self.populate || end <= self.prefaulted {
            return;
        }
        let to = (end + PREFAULT)
            .next_multiple_of(HUGE)
            .min(self.region.end());
        let limit = self
            .limit
            .map_or(usize::MAX, |l| self.base.saturating_add(l));
        let to = to.min(limit.next_multiple_of(HUGE)).min(self.region.end());
        if to > self.prefaulted
            && !advise(self.prefaulted, to - self.prefaulted, MADV_POPULATE_WRITE)
        {
            self.populate = false;
        }
        self.prefaulted = to.max(end);
    }

    fn take(&mut self, size: usize) -> Result<usize, AllocError> {
        // The usable space starts at `base` (the region's start rounded up
        // to a huge page), not at the region's start: bounding by the
        // region's length let an overdraft (limit lifted) run past its end.
        let limit = self
            .limit
            .unwrap_or(usize::MAX)
            .min(self.region.end() - self.base);
        if self.used_bytes() + size > limit {
            return Err(AllocError::HeapLimit {
                requested: size,
                limit,
            });
        }
        let at = self.frontier;
        self.frontier += size;
        self.prefault(self.frontier);
        Ok(at)
    }

    fn close_buffer(&mut self, ctx: &MutatorContext) {
        if ctx.alloc_top > ctx.buffer_start {
            self.used.push((ctx.buffer_start, ctx.alloc_top));
        }
    }

    fn each_object(&self, ctx: &MutatorContext, f: &mut dyn FnMut(ObjRef)) {
        self.each_object_from(ctx, 0, f)
    }

    /// The objects at addresses `from` and above (allocated after an
    /// object at `from`: addresses only grow), ranges below skipped whole.
    fn each_object_from(&self, ctx: &MutatorContext, from: usize, f: &mut dyn FnMut(ObjRef)) {
        let open = (ctx.buffer_start, ctx.alloc_top);
        let first = self.used.partition_point(|&(_, end)| end <= from);
        for &(mut at, end) in self.used[first..].iter().chain(std::iter::once(&open)) {
            while at < end {
                // SAFETY: used ranges hold back-to-back objects written by
                // the allocator, so `at` is an object header.
                let obj = unsafe { ObjRef::from_addr_unchecked(at) };
                if at >= from {
                    f(obj);
                }
                at += self.types.size_of(obj);
            }
        }
    }
}

/// `MADV_POPULATE_WRITE` (Linux 5.14): fault pages in, writable, now.
const MADV_POPULATE_WRITE: libc::c_int = 23;

/// madvise(2) on part of our region; false when the kernel refused.
fn advise(start: usize, len: usize, advice: libc::c_int) -> bool {
    // SAFETY: callers pass a page-aligned range inside the nogc region, an
    // anonymous private mapping we own; MADV_HUGEPAGE only changes how later
    // faults are served and MADV_POPULATE_WRITE only faults zero pages in
    // (no contents change), so no Rust reference is invalidated.
    unsafe { libc::madvise(start as *mut libc::c_void, len, advice) == 0 }
}

impl Collector for NoGc {
    fn name(&self) -> &'static str {
        "nogc"
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            supports_pinning: true,
            ..Capabilities::default()
        }
    }

    fn attach(&mut self, ctx: &mut MutatorContext) {
        ctx.max_inline_size = MAX_INLINE;
        ctx.barrier_mask = 0;
        ctx.barrier_active = 0;
        ctx.set_buffer(0, 0);
    }

    fn alloc_slow(
        &mut self,
        ctx: &mut MutatorContext,
        tid: TypeId,
        length: usize,
    ) -> Result<ObjRef, AllocError> {
        let types = self.types.clone();
        let info = types.get(tid);
        let size = info.size_for(length);
        let at = if size >= MAX_INLINE || info.needs_slow_alloc() {
            // Keep used ranges contiguous: close the open buffer first.
            self.close_buffer(ctx);
            let at = self.take(size)?;
            self.used.push((at, at + size));
            ctx.set_buffer(self.frontier, self.frontier);
            at
        } else {
            self.close_buffer(ctx);
            let start = self.take(BUFFER.max(size))?;
            ctx.set_buffer(start, start + BUFFER.max(size));
            ctx.alloc_top = start + size;
            start
        };
        // SAFETY: `at` is a fresh, zeroed, 8-aligned range of `size` bytes
        // inside our region.
        let obj = unsafe { ObjRef::from_addr_unchecked(at) };
        obj.set_header(make_header(tid, 0));
        if let Some(v) = &info.var {
            obj.set_word(v.length_offset as usize, length);
        }
        if info.weak_offset.is_some() {
            self.watch.weak.push(at);
        }
        Ok(obj)
    }

    fn write_barrier_slow(
        &mut self,
        _: &mut MutatorContext,
        _: ObjRef,
        _: usize,
        _: usize,
        _: usize,
    ) {
    }

    fn bulk_barrier_slow(&mut self, _: &mut MutatorContext, _: ObjRef) {}

    fn safepoint(&mut self, ctx: &mut MutatorContext, _roots: &mut dyn RootSet) {
        ctx.clear_safepoint_request();
    }

    fn collect(
        &mut self,
        ctx: &mut MutatorContext,
        request: CollectRequest,
        roots: &mut dyn RootSet,
    ) -> CollectOutcome {
        let now = gc_api::events::now_ns();
        let mut ev = GcEvent::new(
            if request == CollectRequest::Minor {
                EventKind::Minor
            } else {
                EventKind::Major
            },
            now,
        );
        let used = (self.used_bytes() - (ctx.alloc_limit - ctx.alloc_top)) as u64;
        ev.bytes_before = used;
        ev.bytes_after = used;
        // A major request marks (finding the dead for finalizers, weak
        // references, heap walks and `gc.collect()`'s count); a minor one
        // only when objects with finalizers are registered (torture asks for
        // minor collections at every safepoint, and nearly every program
        // holds weak references: the interpreter's own caches).
        if request != CollectRequest::Minor || !self.watch.finalizers.is_empty() {
            let mut watch = std::mem::take(&mut self.watch);
            let types = self.types.clone();
            let heap = (self.base, self.frontier);
            let from = self.marked_up_to;
            let done = watch.collect(&types, heap, roots, &mut |f| {
                self.each_object_from(ctx, from, f)
            });
            self.watch = watch;
            self.marked_up_to = ctx.alloc_top;
            let stats = self.events.stats_mut();
            stats.finalizers_queued += done.queued;
            stats.weakrefs_cleared += done.cleared;
            ev.duration_ns = gc_api::events::now_ns().saturating_sub(now);
        }
        self.events.emit(ev);
        CollectOutcome::Complete
    }

    fn add_memory_pressure(&mut self, _: &mut MutatorContext, _: usize) {}

    fn register_finalizer(&mut self, _: &mut MutatorContext, obj: ObjRef) {
        self.watch.finalizers.push(obj.addr());
    }

    fn next_finalizable(&mut self) -> Option<ObjRef> {
        self.watch.queue.pop_front().map(finalize::obj)
    }

    fn pin(&mut self, _: ObjRef) -> bool {
        true
    }

    fn unpin(&mut self, _: ObjRef) {}

    fn identity(&mut self, _: &mut MutatorContext, obj: ObjRef) -> usize {
        obj.addr()
    }

    fn set_heap_limit(&mut self, limit: Option<usize>) {
        self.limit = limit;
    }

    fn stats(&self, ctx: &MutatorContext) -> GcStats {
        let mut s = self.events.stats().clone();
        let used = (self.used_bytes() - (ctx.alloc_limit - ctx.alloc_top)) as u64;
        s.heap_bytes = used;
        s.allocated_bytes = used;
        s.peak_heap_bytes = s.peak_heap_bytes.max(used);
        s
    }

    fn subscribe(&mut self, subscriber: Subscriber) {
        self.events.subscribe(subscriber)
    }

    fn walk_heap(
        &mut self,
        ctx: &mut MutatorContext,
        _roots: &mut dyn RootSet,
        f: &mut dyn FnMut(ObjRef),
    ) {
        // Objects a collection found dead are not handed back.
        self.each_object(ctx, &mut |o| {
            if o.header() & DEAD == 0 {
                f(o)
            }
        })
    }

    fn verify(&mut self, ctx: &mut MutatorContext, roots: &mut dyn RootSet) -> Result<(), String> {
        let region = (self.region.start(), self.frontier);
        let types = self.types.clone();
        let check = |w: usize, what: &str| -> Result<(), String> {
            if w < region.0 || w >= region.1 {
                return Err(format!("{what} {w:#x} points outside the heap"));
            }
            // SAFETY: w is inside the allocated part of our region.
            let tid = unsafe { ObjRef::from_addr_unchecked(w) }.tid();
            if !types.contains(tid) {
                return Err(format!("{what} {w:#x} has bad type id {:#x}", tid.0));
            }
            Ok(())
        };
        let mut err = Ok(());
        roots.trace_roots(&mut |w: &mut usize| {
            if err.is_ok() && gc_api::is_ref(*w) {
                err = check(*w, "root");
            }
        });
        err?;
        let mut err = Ok(());
        self.each_object(ctx, &mut |obj| {
            types.for_each_slot(obj, |off| {
                let w = obj.word(off);
                if err.is_ok() && gc_api::is_ref(w) {
                    err = check(w, "slot");
                }
            })
        });
        err
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gc_api::CollectRequest;
    use gc_api::{Mutator, NoRoots, RawMemory, TypeInfo, VarLayout};

    fn setup(max_heap: Option<usize>) -> (Mutator, TypeId, TypeId) {
        let mut t = TypeTable::new();
        let node = t.register(TypeInfo::fixed("node", 24, vec![8, 16]));
        let arr = t.register(TypeInfo::var_size(
            "arr",
            16,
            vec![],
            VarLayout {
                length_offset: 8,
                item_size: 8,
                item_ref_offsets: vec![0],
            },
        ));
        let env = CollectorEnv {
            types: Arc::new(t),
            raw: Arc::new(RawMemory::default()),
        };
        let mut cfg = GcConfig::with_nursery(1 << 20);
        cfg.max_heap = max_heap;
        let c = build(&cfg, env.clone()).unwrap();
        (Mutator::new(c, &env, &cfg), node, arr)
    }

    #[test]
    fn allocates_and_walks() {
        let (mut m, node, arr) = setup(None);
        let mut prev = 0usize;
        for _ in 0..100_000 {
            let o = m.alloc(node).unwrap();
            m.write_ref(o, 8, prev);
            prev = o.to_word();
        }
        let big = m.alloc_var(arr, 10_000).unwrap();
        m.write_item(big, 5, 16 + 5 * 8, prev);
        let mut n = 0;
        m.walk_heap(&mut NoRoots, &mut |_| n += 1);
        assert_eq!(n, 100_001);
        let mut roots = vec![prev, big.to_word()];
        m.verify(&mut roots).unwrap();
    }

    #[test]
    fn heap_limit_is_an_error() {
        let (mut m, _, arr) = setup(Some(4 << 20));
        let mut failed = false;
        for _ in 0..100 {
            if let Err(e) = m.alloc_var(arr, 100_000) {
                assert!(matches!(e, AllocError::HeapLimit { .. }), "{e}");
                failed = true;
                break;
            }
        }
        assert!(failed);
    }

    /// A requested collection finds the unreachable finalizable objects
    /// (PyPy's ordering: one reached from another candidate waits), clears
    /// weak references to dead objects and hides the dead from heap walks,
    /// without freeing anything.
    #[test]
    fn collection_finalizes_and_clears_weak_refs_without_freeing() {
        let mut t = TypeTable::new();
        let node = t.register(TypeInfo::fixed("node", 24, vec![8, 16]));
        let weak = t.register(TypeInfo::fixed("weak", 24, vec![16]).with_weak_slot(8));
        let env = CollectorEnv {
            types: Arc::new(t),
            raw: Arc::new(RawMemory::default()),
        };
        let cfg = GcConfig::with_nursery(1 << 20);
        let mut m = Mutator::new(build(&cfg, env.clone()).unwrap(), &env, &cfg);
        let live = m.alloc(node).unwrap();
        let dead_a = m.alloc(node).unwrap();
        let dead_b = m.alloc(node).unwrap();
        m.write_ref(dead_a, 8, dead_b.to_word()); // a reaches b: b waits
        for o in [live, dead_a, dead_b] {
            m.register_finalizer(o);
        }
        let w_live = m.alloc(weak).unwrap();
        m.write_ref(w_live, 8, live.to_word());
        let w_dead = m.alloc(weak).unwrap();
        m.write_ref(w_dead, 8, dead_a.to_word());
        let w_b = m.alloc(weak).unwrap();
        m.write_ref(w_b, 8, dead_b.to_word());
        let used = m.stats().heap_bytes;
        let mut roots = vec![
            live.to_word(),
            w_live.to_word(),
            w_dead.to_word(),
            w_b.to_word(),
        ];
        m.collect(CollectRequest::Major, &mut roots);
        let mut queued = vec![];
        while let Some(o) = m.next_finalizable() {
            queued.push(o.addr());
        }
        assert_eq!(queued, vec![dead_a.addr()]);
        assert_eq!(m.read_weak(w_live), live.to_word());
        assert_eq!(m.read_weak(w_dead), 0, "a waits for finalization: cleared");
        assert_eq!(m.read_weak(w_b), dead_b.to_word(), "a may still use b");
        // Objects allocated between collections are judged by the next one.
        let kept = m.alloc(node).unwrap();
        m.write_ref(live, 16, kept.to_word());
        let _fresh_garbage = m.alloc(node).unwrap();
        // a is dead after its finalizer ran; b is queued by the next collection.
        m.collect(CollectRequest::Major, &mut roots);
        assert_eq!(m.next_finalizable().map(|o| o.addr()), Some(dead_b.addr()));
        assert_eq!(m.read_weak(w_b), 0);
        assert_eq!(m.next_finalizable(), None);
        m.collect(CollectRequest::Major, &mut roots);
        let mut walked = vec![];
        m.walk_heap(&mut roots, &mut |o| walked.push(o.addr()));
        let expect = vec![
            live.addr(),
            w_live.addr(),
            w_dead.addr(),
            w_b.addr(),
            kept.addr(),
        ];
        assert_eq!(walked, expect);
        assert_eq!(m.stats().heap_bytes, used + 48, "nothing is freed");
        m.verify(&mut roots).unwrap();
    }

    /// With the limit lifted (the interpreter's MemoryError overdraft),
    /// allocation stops at the end of the reservation with an error: it
    /// used to run past it (the usable space starts at the aligned base).
    #[test]
    fn lifted_limit_never_runs_past_the_reservation() {
        let (mut m, node, arr) = setup(Some(4 << 20));
        m.set_heap_limit(None);
        let mut n = 0usize;
        loop {
            let r = if n.is_multiple_of(2) {
                m.alloc_var(arr, 3000).map(|_| ())
            } else {
                m.alloc(node).map(|_| ())
            };
            match r {
                Ok(()) => n += 1,
                Err(e) => {
                    assert!(matches!(e, AllocError::HeapLimit { .. }), "{e}");
                    break;
                }
            }
            assert!(n < 1_000_000, "the reservation should fill up");
        }
        assert!(n > 100);
    }
}
