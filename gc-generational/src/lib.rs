//! # generational: stop-the-world generational collector, parallel marking
//!
//! The throughput-oriented reference point: a copying young generation with
//! optional aging and a stop-the-world mark-sweep old generation whose
//! marking and sweeping run on `PYGC_THREADS` threads — the design of
//! HotSpot's Parallel GC and of OCaml's runtime, over pygc's [`gc_api`]
//! interface and the shared parts in [`gc_parts`] (nursery, size-class
//! arena, large-object space, card bits, work-stealing queues, and the
//! young-generation parts shared with incminimark: header-flag layout,
//! remembered set and barrier slow paths, pins, identity shadows,
//! young-object lists, allocation helpers).
//!
//! ## Spaces
//! * **Nursery** (eden): [`gc_parts::Nursery`], a reserved region whose first
//!   `PYGC_NURSERY` bytes are the nursery proper. The mutator bump-allocates
//!   inline in `ctx.alloc_top .. ctx.alloc_limit`. When the nominal part is
//!   used up the slow path keeps extending into the rest of the reservation
//!   and requests a safepoint: **allocation never collects**.
//! * **Survivor semispaces** (only when `PYGC_TENURE` = K > 1): two halves
//!   of the nursery's size. An object that survives a minor collection and
//!   is younger than K is copied into the *to* half with its age (4 header
//!   bits) incremented; once it has survived K collections it is promoted.
//!   If the to half is full, survivors are promoted early (overflow).
//! * **Old generation**: objects up to 512 bytes in the size-class
//!   [`gc_parts::Arena`], bigger ones in the [`gc_parts::LargeSpace`]. Old
//!   objects never move, so their address is their identity.
//! * **Young large objects**: objects of at least `ctx.max_inline_size`
//!   (`min(32KB, nursery/8)`) bytes are allocated directly in the large
//!   space, flagged `YOUNG_LARGE`, and promoted in place at their first
//!   survival (aging would buy nothing: they never move) or freed by the
//!   minor collection that finds them dead. Objects with light finalizers or
//!   weak slots go through the slow path, which bump-allocates them in the
//!   nursery and lists them.
//!
//! ## Minor collection (at a safepoint, one thread)
//! Roots, remembered old objects, dirty cards of large arrays, and young
//! objects with full finalizers are scanned; each young object they reach is
//! evacuated (explicit stack, Cheney-like): to its reserved identity
//! *shadow* if it has one, else to the survivor space if `age + 1 < K`, else
//! to the old generation (flag `TRACK_YOUNG_PTRS` set). The old copy is
//! marked `FORWARDED` with the new address in the word after the header.
//! Pinned nursery objects are traced in place and the nursery then
//! allocates in the gaps between them. An old object (remembered, or just
//! promoted) that still references a young object after its scan (a
//! survivor, or a pinned object) is put back in the remembered set (or its
//! card is marked again), so the invariant below holds between collections.
//! Young objects that died: their light finalizers run, weak slots pointing
//! to them are cleared, their identity shadows are freed. Cost: proportional
//! to the survivors.
//!
//! ## Write barrier and cards
//! `ctx.barrier_mask = TRACK_YOUNG_PTRS`, `barrier_active = 0`; the same
//! contract as incminimark. The slow path clears the flag and appends the
//! object to the remembered list (so it is remembered once per cycle).
//! Arrays of references with at least 256 items placed in the large space
//! carry one card bit per 128 items before their header (`HAS_CARDS`): the
//! array barrier marks the card and lists the array once (`CARDS_SET`); the
//! minor collection scans only dirty cards. Bulk writes remember the object.
//!
//! ## Major collection (stop-the-world, parallel)
//! Phases (the [`Phase`] of the events):
//! 1. **scanning**: a minor collection that promotes every survivor
//!    whatever its age, so the young generation holds only pinned objects;
//!    then the roots, the finalizer queue and the pinned objects with
//!    finalizers are marked (`MARKED`, set with
//!    [`ObjRef::fetch_or_flags`]) and put on a shared injector;
//! 2. **marking**: `PYGC_THREADS` workers ([`gc_parts::WorkStealing`]: a
//!    LIFO crossbeam deque each, stealing batches from the injector and from
//!    each other) trace the old generation; an atomic `fetch_or` on the
//!    header decides which worker owns a newly reached object, so each is
//!    scanned once. The workers run on a rayon pool of `PYGC_THREADS`
//!    threads (inline, same code, when it is 1);
//! 3. **finalizing** (one thread): full finalizers in PyPy's order (each
//!    unmarked registered object marks what it reaches; objects reached by
//!    another finalizable object wait for a later collection), weak slots to
//!    unmarked objects set to 0, light finalizers of unmarked old objects
//!    run, the collector's lists filtered;
//! 4. **sweeping**: arena pages are swept in parallel chunks on the rayon
//!    pool ([`gc_parts::Arena::sweep_page`]), freeing unmarked cells
//!    (poisoned in verify/torture mode) and clearing `MARKED` on survivors;
//!    large objects are swept on one thread (few, and `free` is the cost);
//!    empty arenas go back to the OS.
//!
//! With one thread the algorithm is the same and the results identical (a
//! trace visits the same set; only the order differs).
//!
//! ## Compaction: none (mark-sweep)
//! The old generation is never compacted. Throughput collectors usually
//! compact (HotSpot's full GC is mark-compact) to fight fragmentation and
//! keep allocation a bump; here old allocation is a size-class free list,
//! which is already fast, and objects of one size class share pages, so
//! fragmentation is bounded per class: a page with one live cell stays
//! mapped, and free cells are only reused by objects of the same size. The
//! worst case (a phase of many small objects of one size, of which one in
//! a page survives) wastes up to 8 KB per survivor until the page empties.
//! In exchange, old objects never move: `identity()` is the address,
//! pinning old objects is free, the barrier never needs to know about
//! moving old objects, and major pauses are mark + sweep only. The
//! `measure` example prints the arena's mapped/live ratio after keeping one
//! object in eight (the settings `arena-live-bytes` / `arena-mapped-bytes`
//! show it for any run). A compacting mode would evacuate sparse arena
//! pages during marking (Immix style); it is not implemented.
//!
//! ## Pacing
//! A major collection runs at the safepoint where old bytes (arena + large)
//! plus memory pressure ([`Collector::add_memory_pressure`] and, when
//! `PYGC_PRESSURE=1`, the VM's live raw bytes) reach the threshold. After a
//! major collection the threshold is `max(live × PYGC_MAJOR_COLLECT,
//! PYGC_MIN_HEAP)` (no growth limit: a throughput collector lets the heap
//! follow the live size at once). The hard heap limit (`PYGC_MAX_HEAP`,
//! [`Collector::set_heap_limit`]) makes `alloc_slow` fail with
//! [`AllocError::HeapLimit`] once nursery + survivors + old bytes would pass
//! it, and requests a major collection at the next safepoint.
//!
//! **Identity** of a young object: PyPy's shadow scheme. The first
//! `identity()` reserves its future old-space cell (`SHADOW_CELL` until
//! filled) and returns that address; the next minor collection promotes the
//! object there whatever its age. **Pinning**: nursery objects pin in place
//! (at most 1024 at once); survivor-space objects cannot be pinned (`pin`
//! returns false); old and young large objects never move (`pin` is free).
//!
//! ## Header flags (collector bits)
//! | bit | flag | meaning |
//! |---|---|---|
//! | 0 | `TRACK_YOUNG_PTRS` | old, not remembered: stores take the barrier |
//! | 1 | `MARKED` | marked by the running major collection |
//! | 2 | `HAS_CARDS` | large array with card bits |
//! | 3 | `CARDS_SET` | has dirty cards, listed |
//! | 4 | `FORWARDED` | copied; new address in word 1 |
//! | 5 | `PINNED` | pinned nursery object |
//! | 6 | `PINNED_SEEN` | pinned object reached by this minor collection |
//! | 7 | `YOUNG_LARGE` | young object in the large space |
//! | 8 | `HAS_SHADOW` | young object with a reserved old copy (identity) |
//! | 9 | `SHADOW_CELL` | reserved old cell not yet filled |
//! | 10 | `HAS_FINALIZER` | registered full finalizer not yet queued |
//! | 11 | `FIN_CANDIDATE` | finalizer ordering, transient |
//! | 12..16 | age | minor collections survived (young objects) |
//!
//! ## Invariants (checked by `verify`)
//! * Between collections no object has `MARKED`, `FORWARDED`,
//!   `PINNED_SEEN` or `FIN_CANDIDATE`, and every young object's age is
//!   below the tenure.
//! * An old object without `TRACK_YOUNG_PTRS` is in the remembered list; an
//!   old object referencing a young one is remembered or the slot's card is
//!   dirty.
//! * Every reference (roots, slots, weak slots, finalizer queue) designates
//!   a live object: a parsed nursery object, a pinned object, a survivor, an
//!   allocated arena cell or a large object, with a registered type id.
//!
//! ## Variables
//! | variable | default | effect |
//! |---|---|---|
//! | `PYGC_NURSERY` | half the LLC, 1MB..16MB | nominal nursery size (and each survivor half) |
//! | `PYGC_TENURE` | 1 | minor collections survived before promotion (1..15) |
//! | `PYGC_THREADS` | cores | marking and sweeping threads |
//! | `PYGC_MAJOR_COLLECT` | 1.82 | next major threshold = live × this |
//! | `PYGC_MIN_HEAP` | 8 × nursery | no major collection below this old size |
//! | `PYGC_MAX_HEAP` | unlimited | hard limit: allocation returns `HeapLimit` |
//! | `PYGC_PRESSURE` | 1 | count raw memory toward the next major collection |
//! | `PYGC_VERIFY` | 0 | 1/2: verify after major / every collection; poison freed memory |
//! | `PYGC_TORTURE` | 0 | collect every Nth safepoint, verify, poison freed memory |
//!
//! `PYGC_GROWTH_LIMIT` and `PYGC_INCREMENT_STEP` are accepted but unused
//! (no growth limit, no increments).

mod alloc;
mod flags;
mod major;
mod minor;
mod survivor;
mod verify;

use gc_api::{
    AllocError, Capabilities, CollectOutcome, CollectRequest, Collector, CollectorEnv, ConfigError,
    EventKind, EventLog, GcConfig, GcEvent, GcStats, MutatorContext, ObjRef, Phase, RawMemory,
    RootSet, Subscriber, TypeId, TypeTable,
};
use gc_parts::arena::MAX_SMALL;
use gc_parts::young_alloc::{bump, object_size, set_length};
use gc_parts::{
    Arena, Cards, LargeSpace, Nursery, OldLists, Pins, Remembered, Shadows, TypeFacts, YoungLists,
    YoungSpace,
};
use std::collections::VecDeque;
use std::sync::Arc;
use survivor::{Spaces, Survivors};

/// Address space reserved beyond the nominal nursery for its extension.
const NURSERY_EXTENSION: usize = 8 << 30;
/// Zeroing chunk of the nursery.
const NURSERY_CHUNK: usize = 64 << 10;
/// The generational collector.
pub struct Generational {
    types: Arc<TypeTable>,
    facts: Arc<Vec<TypeFacts>>,
    raw: Arc<RawMemory>,
    // settings
    nursery_size: usize,
    tenure: u32,
    threads: usize,
    major_factor: f64,
    min_heap: usize,
    pressure_on: bool,
    poison: bool,
    max_inline: usize,
    heap_limit: Option<usize>,
    // spaces
    nursery: Nursery,
    survivors: Survivors,
    arena: Arena,
    large: LargeSpace,
    // minor-collection state
    remembered: Remembered,
    minor_stack: Vec<usize>,
    young: YoungLists,
    shadows: Shadows,
    pinned: Pins,
    promote_all: bool,
    promoted: usize,
    // major-collection state
    pool: Option<rayon::ThreadPool>,
    /// CPU time of the pool's threads in GC work.
    gc_cpu: gc_api::accounting::CpuMeter,
    old: OldLists,
    finalizer_queue: VecDeque<usize>,
    threshold: usize,
    pressure_bytes: usize,
    full_requested: bool,
    phase: Phase,
    // accounting
    events: EventLog,
    slow_allocated: u64,
    last_mark_stats: Vec<gc_parts::work_stealing::WorkerStats>,
    last_phase_ns: [u64; 3],
}

/// Builds a generational collector.
pub fn build(config: &GcConfig, env: CollectorEnv) -> Result<Box<dyn Collector>, ConfigError> {
    Ok(Box::new(Generational::new(config, env)?))
}

/// Aborts the process: memory ran out where no error can be returned
/// (inside a collection). Never reached on bad user input.
#[cold]
pub(crate) fn out_of_memory(what: &str) -> ! {
    eprintln!("generational: out of memory {what}");
    std::process::abort()
}

/// The object at `addr`.
#[inline(always)]
pub(crate) fn obj(addr: usize) -> ObjRef {
    // SAFETY: callers pass addresses of objects: references found in roots
    // and slots, or entries of the collector's own lists.
    unsafe { ObjRef::from_addr_unchecked(addr) }
}

impl Generational {
    /// A collector for `config` and `env`.
    pub fn new(config: &GcConfig, env: CollectorEnv) -> Result<Generational, ConfigError> {
        let mut nursery = Nursery::new(
            config.nursery_size,
            config.nursery_size + NURSERY_EXTENSION,
            NURSERY_CHUNK,
        )
        .map_err(|e| ConfigError(format!("generational: cannot reserve the nursery: {e}")))?;
        nursery.set_debug(config.nursery_debug);
        let nominal = nursery.nominal();
        let tenure = config.tenure.clamp(1, 15);
        let survivors = Survivors::new(if tenure > 1 { nominal } else { 0 }).map_err(|e| {
            ConfigError(format!(
                "generational: cannot reserve the survivor space: {e}"
            ))
        })?;
        let facts = TypeFacts::table(&env.types);
        Ok(Generational {
            types: env.types,
            facts: Arc::new(facts),
            raw: env.raw,
            nursery_size: nominal,
            tenure,
            threads: config.threads.clamp(1, 256),
            major_factor: config.major_factor.max(1.0),
            min_heap: config.min_heap,
            pressure_on: config.pressure,
            poison: config.verify > 0 || config.torture > 0,
            max_inline: (32 << 10).min(nominal / 8).max(MAX_SMALL + 8),
            heap_limit: config.max_heap,
            nursery,
            survivors,
            arena: Arena::new(),
            large: LargeSpace::new(),
            remembered: Remembered::new(),
            minor_stack: Vec::new(),
            young: YoungLists::new(),
            shadows: Shadows::new(),
            pinned: Pins::new(),
            promote_all: false,
            promoted: 0,
            pool: None,
            gc_cpu: gc_api::accounting::CpuMeter::new(),
            old: OldLists::new(),
            finalizer_queue: VecDeque::new(),
            threshold: config.min_heap,
            pressure_bytes: 0,
            full_requested: false,
            phase: Phase::Idle,
            events: EventLog::new(),
            slow_allocated: 0,
            last_mark_stats: Vec::new(),
            last_phase_ns: [0; 3],
        })
    }

    #[inline(always)]
    pub(crate) fn facts(&self, tid: TypeId) -> TypeFacts {
        self.facts[tid.0 as usize]
    }

    /// Old-generation bytes (arena cells and large objects, young large
    /// objects included).
    pub(crate) fn old_bytes(&self) -> usize {
        self.arena.bytes() + self.large.bytes()
    }

    /// Everything in use: old generation, survivors and the filled part of
    /// the nursery.
    pub(crate) fn heap_in_use(&self, ctx: &MutatorContext) -> usize {
        self.old_bytes() + self.survivors.used() + self.nursery.used_bytes(ctx.alloc_top)
    }

    fn raw_pressure(&self) -> usize {
        if self.pressure_on {
            self.pressure_bytes + self.raw.live() as usize
        } else {
            0
        }
    }

    fn major_due(&self) -> bool {
        self.full_requested || self.old_bytes() + self.raw_pressure() >= self.threshold
    }

    /// Is `addr` in the nursery or a survivor half (objects that move)?
    #[inline(always)]
    pub(crate) fn in_young_space(&self, addr: usize) -> bool {
        self.nursery.contains(addr) || self.survivors.contains(addr)
    }

    /// The moving young spaces, for the shared young-generation parts.
    #[inline(always)]
    pub(crate) fn spaces(&self) -> Spaces<'_> {
        Spaces {
            nursery: &self.nursery,
            survivors: &self.survivors,
        }
    }

    /// Is the object at `addr` young (nursery, survivor or young large)?
    pub(crate) fn is_young(&self, addr: usize) -> bool {
        self.spaces().is_young(addr)
    }

    /// Whether a `len`-item object of type `tid` placed in the large space
    /// gets card bits.
    pub(crate) fn wants_cards(&self, tid: TypeId, len: usize) -> bool {
        gc_parts::remembered::wants_cards(self.facts(tid).item_refs, len)
    }

    /// The card bits of a `HAS_CARDS` object.
    pub(crate) fn cards_of(&self, obj: ObjRef) -> Cards {
        gc_parts::remembered::cards_of(&self.types, obj)
    }

    pub(crate) fn start_event(&self, kind: EventKind, ctx: &MutatorContext) -> GcEvent {
        let mut ev = GcEvent::new(kind, gc_api::events::now_ns());
        ev.bytes_before = self.heap_in_use(ctx) as u64;
        ev
    }

    pub(crate) fn finish_event(&mut self, mut ev: GcEvent, ctx: &MutatorContext) {
        ev.duration_ns = gc_api::events::now_ns().saturating_sub(ev.start_ns);
        ev.bytes_after = self.heap_in_use(ctx) as u64;
        ev.phase = self.phase;
        ev.pinned = self.pinned.len() as u64;
        ev.raw_bytes = self.raw.live();
        self.events.emit(ev);
    }

    /// A minor collection, and a major one when due.
    fn collect_paced(&mut self, ctx: &mut MutatorContext, roots: &mut dyn RootSet) {
        if self.major_due() {
            self.full(ctx, roots);
            return;
        }
        self.minor(ctx, roots, false);
        if self.major_due() {
            self.full(ctx, roots);
        }
    }

    /// A major collection, preceded by the minor collection that empties
    /// the young generation.
    fn full(&mut self, ctx: &mut MutatorContext, roots: &mut dyn RootSet) {
        self.full_requested = false;
        self.minor(ctx, roots, true);
        self.major(ctx, roots);
    }

    /// The tenure (minor collections survived before promotion).
    pub fn tenure(&self) -> u32 {
        self.tenure
    }

    /// Objects scanned by each marking thread in the last major collection
    /// (for tests and tuning: shows the work was shared).
    pub fn last_mark_work(&self) -> Vec<usize> {
        self.last_mark_stats.iter().map(|s| s.scanned).collect()
    }

    /// Durations in ns of the last major collection's marking, finalizing
    /// (ordering, weak refs, light finalizers) and sweeping phases.
    pub fn last_phase_ns(&self) -> [u64; 3] {
        self.last_phase_ns
    }
}

impl Drop for Generational {
    /// Frees the large-space blocks the space itself does not track: young
    /// large objects and identity shadows of large young objects.
    fn drop(&mut self) {
        for a in std::mem::take(&mut self.young.large) {
            // SAFETY: an untracked young large object, freed once; the heap
            // is going away, nothing uses it afterwards.
            unsafe { self.large.free(a, false) };
        }
        // The nursery (holding the young objects) is still mapped: fields
        // drop later.
        self.shadows
            .free_large_on_drop(&self.types, &mut self.large);
    }
}

impl Collector for Generational {
    fn name(&self) -> &'static str {
        "generational"
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            moves_objects: true,
            needs_write_barrier: true,
            needs_satb: false,
            generational: true,
            incremental: false,
            concurrent: false,
            parallel: self.threads > 1,
            supports_pinning: true,
            card_marking: true,
            reclaims: true,
        }
    }

    fn attach(&mut self, ctx: &mut MutatorContext) {
        gc_parts::young_alloc::attach(ctx, self.max_inline);
        let buf = self.nursery.reset(&[], false);
        self.install_buffer(ctx, buf);
    }

    fn alloc_slow(
        &mut self,
        ctx: &mut MutatorContext,
        tid: TypeId,
        length: usize,
    ) -> Result<ObjRef, AllocError> {
        let (size, len) = object_size(&self.types, tid, length)?;
        let obj = if size >= self.max_inline {
            self.alloc_large(ctx, tid, size, len)?
        } else {
            if ctx.alloc_top + size > ctx.alloc_limit {
                self.refill(ctx, size)?;
            }
            bump(ctx, tid, size)
        };
        set_length(&self.types, obj, tid, len);
        self.young.add_new(obj, self.facts(tid));
        if !self.nursery.contains(obj.addr()) {
            self.slow_allocated += size as u64;
        }
        Ok(obj)
    }

    fn write_barrier_slow(
        &mut self,
        _ctx: &mut MutatorContext,
        obj: ObjRef,
        _slot: usize,
        _old: usize,
        _new: usize,
    ) {
        self.remembered.remember(obj, &self.facts);
    }

    fn array_write_barrier_slow(
        &mut self,
        _ctx: &mut MutatorContext,
        obj: ObjRef,
        index: usize,
        _slot: usize,
        _old: usize,
        _new: usize,
    ) {
        self.remembered
            .remember_item(obj, index, &self.types, &self.facts);
    }

    fn bulk_barrier_slow(&mut self, ctx: &mut MutatorContext, obj: ObjRef) {
        self.write_barrier_slow(ctx, obj, 0, 0, 0)
    }

    fn safepoint(&mut self, ctx: &mut MutatorContext, roots: &mut dyn RootSet) {
        ctx.clear_safepoint_request();
        self.collect_paced(ctx, roots);
    }

    fn collect(
        &mut self,
        ctx: &mut MutatorContext,
        request: CollectRequest,
        roots: &mut dyn RootSet,
    ) -> CollectOutcome {
        ctx.clear_safepoint_request();
        match request {
            CollectRequest::Minor => self.collect_paced(ctx, roots),
            CollectRequest::Major | CollectRequest::Step => self.full(ctx, roots),
        }
        CollectOutcome::Complete
    }

    fn add_memory_pressure(&mut self, ctx: &mut MutatorContext, bytes: usize) {
        self.pressure_bytes = self.pressure_bytes.saturating_add(bytes);
        if self.major_due() {
            ctx.request_safepoint();
        }
    }

    fn register_finalizer(&mut self, _ctx: &mut MutatorContext, obj: ObjRef) {
        let young = self.is_young(obj.addr());
        self.young.register_finalizer(obj, young, &mut self.old);
    }

    fn next_finalizable(&mut self) -> Option<ObjRef> {
        // Queued objects are old (never move) and kept alive by the queue
        // until taken.
        self.finalizer_queue.pop_front().map(obj)
    }

    fn pin(&mut self, obj: ObjRef) -> bool {
        let a = obj.addr();
        if self.survivors.contains(a) {
            return false; // survivors move at every minor collection
        }
        if !self.nursery.contains(a) {
            return true; // old and young large objects never move
        }
        self.pinned.pin(obj)
    }

    fn unpin(&mut self, obj: ObjRef) {
        self.pinned.unpin(obj)
    }

    fn identity(&mut self, _ctx: &mut MutatorContext, obj: ObjRef) -> usize {
        if !self.in_young_space(obj.addr()) {
            return obj.addr();
        }
        let (arena, large, facts) = (&mut self.arena, &mut self.large, &self.facts);
        self.shadows.identity(obj, &self.types, |tid, size, len| {
            let item_refs = || TypeFacts::of(facts, tid).item_refs;
            match gc_parts::young_alloc::old_alloc(arena, large, size, len, item_refs) {
                Some((shadow, _)) => shadow,
                None => out_of_memory("reserving an identity"),
            }
        })
    }

    fn set_heap_limit(&mut self, limit: Option<usize>) {
        self.heap_limit = limit;
    }

    fn stats(&self, ctx: &MutatorContext) -> GcStats {
        let mut s = self.events.stats().clone();
        s.heap_bytes = self.heap_in_use(ctx) as u64;
        s.allocated_bytes = ctx.bytes_allocated_inline() as u64 + self.slow_allocated;
        s.peak_heap_bytes = s.peak_heap_bytes.max(s.heap_bytes);
        s.pinned_objects = self.pinned.len() as u64;
        s.gc_threads_cpu_ns = self.gc_cpu.total();
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
        self.walk(ctx, roots, f)
    }

    fn verify(&mut self, ctx: &mut MutatorContext, roots: &mut dyn RootSet) -> Result<(), String> {
        self.check(ctx, roots)
    }

    fn settings(&self) -> Vec<(&'static str, String)> {
        use gc_api::config::format_size;
        vec![
            ("nursery", format_size(self.nursery_size)),
            ("tenure", self.tenure.to_string()),
            ("threads", self.threads.to_string()),
            ("major-collect", format!("{}", self.major_factor)),
            ("min-heap", format_size(self.min_heap)),
            (
                "max-heap",
                self.heap_limit.map_or("unlimited".into(), format_size),
            ),
            ("pressure", (self.pressure_on as u8).to_string()),
            ("poison", (self.poison as u8).to_string()),
            ("max-inline", format_size(self.max_inline)),
            ("compaction", "none (mark-sweep)".into()),
            ("next-major-threshold", format_size(self.threshold)),
            ("arena-live-bytes", self.arena.bytes().to_string()),
            ("arena-mapped-bytes", self.arena.mapped_bytes().to_string()),
            (
                "last-major-phases-us",
                self.last_phase_ns
                    .iter()
                    .map(|n| (n / 1000).to_string())
                    .collect::<Vec<_>>()
                    .join("/"),
            ),
            (
                "last-mark-cpu-us",
                self.last_mark_stats
                    .iter()
                    .map(|s| (s.cpu_ns / 1000).to_string())
                    .collect::<Vec<_>>()
                    .join("/"),
            ),
            (
                "last-mark-work",
                self.last_mark_work()
                    .iter()
                    .map(|n| n.to_string())
                    .collect::<Vec<_>>()
                    .join("/"),
            ),
        ]
    }
}
