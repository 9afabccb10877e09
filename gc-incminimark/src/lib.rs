//! # incminimark: PyPy's incremental generational mark-sweep collector
//!
//! A reimplementation of the design of PyPy's `incminimark` (nursery +
//! incremental mark-sweep old generation) over pygc's [`gc_api`] interface.
//! The reusable pieces live in [`gc_parts`]: the nursery, the size-class
//! arena allocator, the large-object space, the mark stack and card bits,
//! and the young-generation parts it shares with the generational
//! collector (header-flag layout, remembered set and barrier slow paths,
//! pins, identity shadows, young-object lists, allocation helpers).
//!
//! ## Young generation: the nursery
//! Objects are bump-allocated inline by the mutator in `ctx.alloc_top ..
//! ctx.alloc_limit`, a window into the nursery, a reserved virtual region of
//! several GiB whose first `PYGC_NURSERY` bytes are the nursery proper; "is
//! young" is one range check on the whole region. The window is handed out in
//! 64 KiB chunks zeroed just before use (cache-hot, like PyPy's
//! `nursery_cleanup`). When the nominal part is used up, allocation does not
//! collect: the slow path keeps extending the window into the rest of the
//! region and requests a safepoint, where the minor collection runs.
//!
//! Objects of at least `ctx.max_inline_size` bytes (`min(32KB, nursery/8)`)
//! are allocated directly in the large-object space, marked `YOUNG_LARGE`
//! and listed as young (PyPy's "young rawmalloced objects"): a minor
//! collection promotes the reachable ones in place and frees the rest.
//! Objects with light finalizers or weak slots take the slow path, which
//! bumps them into the nursery and lists them.
//!
//! **Pretenuring** (`Collector::set_pretenure`, see [`pretenure`]): while
//! the VM says what it allocates will live long (its start-up and module
//! imports), every allocation takes the slow path and is placed in the
//! old generation directly (up to 16 MB per region), so the interpreter's
//! ~3 MB of start-up objects and what imports build are never copied by a
//! minor collection. Such objects are remembered only while young objects
//! may exist (the region began with a non-empty nursery: a safepoint is
//! requested, whose minor collection empties it).
//!
//! ## Minor collection
//! At a safepoint: every root, the remembered old objects, the dirty cards
//! of large arrays, the old objects that point to pinned objects and the
//! young objects with full finalizers are scanned; each young object they
//! reach is copied out (Cheney-style, with an explicit stack) into the
//! arena (`<= 512` bytes) or the large space, its old copy marked `FORWARDED`
//! with the new address in the word after the header. Copies get
//! `TRACK_YOUNG_PTRS`. The cost is proportional to the survivors (plus the
//! zeroing of the used part of the nursery, done lazily).
//!
//! **Pinned** nursery objects (`pin`) are not copied: they are traced in
//! place, and stay in the nursery, which afterwards allocates in the gaps
//! between them. Old objects pointing to them are re-scanned at the next
//! minor collection (PyPy's `old_objects_pointing_to_pinned`).
//!
//! **Identity** of a young object (`id()`): PyPy's shadow scheme. The first
//! `identity()` reserves the object's future old-space cell (a "shadow",
//! `SHADOW_CELL` until filled) and returns its address; the minor collection
//! copies the object into its shadow. Old objects never move: their address
//! is their identity.
//!
//! ## Write barrier and cards
//! `ctx.barrier_mask = TRACK_YOUNG_PTRS`; `barrier_active` is always 0. The
//! slow path clears the flag and appends the object to the remembered list,
//! so each old object is remembered once per minor cycle. Large arrays of
//! references (`>= 256` items, in the large space) carry one card bit per
//! 128 items before their header (`HAS_CARDS`): the array barrier marks the
//! card and lists the array once (`CARDS_SET`), keeping `TRACK_YOUNG_PTRS`;
//! the minor collection scans only the dirty cards. Bulk writes remember the
//! whole object.
//!
//! ## Incremental major collection
//! States (each [`Phase`] of the events): **scanning** (idle; the next step
//! greys the roots, the finalizer queue and the young objects with
//! finalizers, then marks) → **marking** → **sweeping** → **finalizing** →
//! scanning. A step runs at a safepoint right after a minor collection, so
//! the nursery holds only pinned objects then; it does about
//! `PYGC_INCREMENT_STEP` bytes of marking or sweeping work (at least twice
//! the bytes the minor collection promoted).
//!
//! Marking is incremental update (Dijkstra/Steele style, as PyPy):
//! * every minor collection during marking greys the old objects the roots
//!   reference (roots have no barrier);
//! * objects promoted during marking are `VISITED` (black) and the minor
//!   collection scans them anyway, greying the old white objects they
//!   reference;
//! * a store into a black object takes the barrier (all old objects have
//!   `TRACK_YOUNG_PTRS` after each minor collection); the remembered object
//!   (or its dirty cards) is re-scanned by the next minor collection, which
//!   greys the white objects found there.
//!
//! So marking ends (mark stack empty after the minor collection of the same
//! safepoint) with no black→white edge. Arrays of more than 4096 items are
//! scanned 4096 items per chunk, so a huge array does not make a huge step.
//! Grey pinned nursery objects wait on a list of their own: one that is
//! unpinned and moved is dropped from it by the minor collection (its copy
//! is black and was scanned as a promoted object). Then, non-incrementally: full
//! finalizers are ordered (below), weak slots to unmarked objects are set to
//! 0, light finalizers of unmarked old objects run, and the sweep starts.
//! Sweeping walks arena pages and large objects a budget at a time, freeing
//! unmarked cells (poisoned in verify/torture mode) and clearing `VISITED`
//! on survivors; objects promoted meanwhile go to pages the sweep does not
//! visit. Empty arenas return to the OS. Finalizing queues the finalizers
//! chosen at the end of marking and sets the next threshold.
//!
//! **Pause target** (`PYGC_PAUSE_TARGET`, default 2 ms; see [`pacing`]):
//! the nursery is resized after every minor collection from the measured
//! copy speed and the highest survival rate seen recently, so that a minor
//! collection takes about 40 % of the target (an explicit `PYGC_NURSERY` is
//! kept fixed; otherwise the maximum is the smaller of `PYGC_NURSERY`'s
//! default and 1 byte per ns of target, what a minor collection copies in
//! the target when everything survives: 2 MB for 2 ms; the nursery starts
//! at 512 KB and grows by at most 1.5x per collection). Nursery pages up to the maximum
//! stay committed when it shrinks (no page faults to grow back); each major step gets what
//! is left of the target after the minor collection it follows, and does
//! at least the work that keeps marking and sweeping ahead of promotion
//! (the cycle must end before the old generation grows by one threshold),
//! at most twice that. The minimum heap defaults to [`PACED_MIN_HEAP`]
//! (16 MB). With the target off (`0`/`off`) the old behaviour applies:
//! fixed nursery, steps of `PYGC_INCREMENT_STEP` bytes (at least twice the
//! bytes promoted), and a safety valve (a cycle still running when the old
//! generation passes twice the threshold is finished in one step).
//!
//! **Pacing**: a cycle starts when old bytes (arena + large) plus memory
//! pressure (`add_memory_pressure`, and the VM's raw bytes when
//! `PYGC_PRESSURE=1`) reach the threshold. After a cycle the threshold is
//! `live × PYGC_MAJOR_COLLECT`, at most `PYGC_GROWTH_LIMIT ×` the previous
//! one, at least `PYGC_MIN_HEAP`. A heap limit (`PYGC_MAX_HEAP`,
//! `set_heap_limit`) makes allocation fail with `AllocError::HeapLimit` once
//! old + young bytes would exceed it, and requests a full collection at the
//! next safepoint.
//!
//! **Full finalizers** (PyPy's ordering): at the end of marking each
//! unmarked registered object `x` is marked together with everything it
//! reaches, then flagged `FIN_CANDIDATE`; a later such marking that reaches
//! a candidate clears its flag. Candidates are queued (an object reachable
//! from another finalizable object waits for a later cycle; in a cycle of
//! finalizable objects one is finalized first). Young objects with
//! finalizers survive minor collections until a major cycle decides.
//! Weak references to queued objects are cleared with those to dead ones
//! (objects kept alive only for a finalizer keep their weak references).
//! **Light finalizers** run when the object dies: at the minor collection
//! for young objects, at the end of marking for old ones. **Weak slots** are
//! cleared (set to 0) when their target dies, in both collections.
//!
//! ## Header flags (collector bits)
//! | bit | flag | meaning |
//! |---|---|---|
//! | 0 | `TRACK_YOUNG_PTRS` | old, not remembered: stores take the barrier |
//! | 1 | `VISITED` | marked in this major cycle |
//! | 2 | `HAS_CARDS` | large array with card bits |
//! | 3 | `CARDS_SET` | has dirty cards, listed |
//! | 4 | `FORWARDED` | copied out of the nursery; new address in word 1 |
//! | 5 | `PINNED` | pinned nursery object |
//! | 6 | `PINNED_SEEN` | pinned object reached by this minor collection |
//! | 7 | `YOUNG_LARGE` | young object in the large space |
//! | 8 | `HAS_SHADOW` | young object with a reserved old copy (identity) |
//! | 9 | `SHADOW_CELL` | reserved old cell not yet filled |
//! | 10 | `HAS_FINALIZER` | registered full finalizer |
//! | 11 | `FIN_CANDIDATE` | finalizer ordering, transient |
//!
//! ## Invariants (checked by `verify`)
//! * An old object without `TRACK_YOUNG_PTRS` is in the remembered list; an
//!   old object referencing a young one is remembered, or the slot's card is
//!   dirty, or the object is listed as pointing to pinned objects (its
//!   targets were pinned at the last minor collection).
//! * While marking, an old black object (marked, not on the mark stack, not
//!   remembered) references no unmarked object outside dirty cards.
//! * Every reference (roots, slots, weak slots) designates a live object:
//!   a parsed nursery object, a pinned object, an allocated arena cell or a
//!   large object, with a registered type id and no `FORWARDED` flag.
//!
//! ## Variables
//! | variable | default | effect |
//! |---|---|---|
//! | `PYGC_NURSERY` | half the LLC, 1MB..16MB | nominal nursery size |
//! | `PYGC_MAJOR_COLLECT` | 1.82 | next threshold = live × this |
//! | `PYGC_GROWTH_LIMIT` | 1.4 | the threshold grows at most by this factor per cycle |
//! | `PYGC_PAUSE_TARGET` | 2ms | pause goal (`off`: fixed nursery, byte-budgeted steps) |
//! | `PYGC_MIN_HEAP` | 16MB (8 × nursery without a pause target) | no major cycle below this heap size |
//! | `PYGC_MAX_HEAP` | unlimited | hard limit: allocation returns `HeapLimit` |
//! | `PYGC_INCREMENT_STEP` | 2 × nursery | bytes of major work per step (pause target off) |
//! | `PYGC_PRESSURE` | 1 | count raw memory toward the next major cycle |
//! | `PYGC_VERIFY` | 0 | 1/2: verify after major / every collection; poison freed memory |
//! | `PYGC_TORTURE` | 0 | collect every Nth safepoint, verify, poison freed memory |

mod alloc;
mod flags;
mod major;
mod minor;
mod paced;
pub mod pacing;
pub mod pretenure;
mod verify;

use gc_api::{
    AllocError, Capabilities, CollectOutcome, CollectRequest, Collector, CollectorEnv, ConfigError,
    EventKind, EventLog, GcConfig, GcEvent, GcStats, MutatorContext, ObjRef, Phase, RawMemory,
    RootSet, Subscriber, TypeId, TypeTable,
};
use gc_parts::arena::MAX_SMALL;
use gc_parts::young_alloc::{bump, object_size, set_length};
use gc_parts::{
    Arena, Cards, LargeSpace, MarkStack, Nursery, OldLists, Pins, Remembered, Shadows, TypeFacts,
    YoungLists,
};
use std::collections::VecDeque;
use std::sync::Arc;

/// Address space reserved beyond the nominal nursery for its extension.
const NURSERY_EXTENSION: usize = 8 << 30;
/// Zeroing chunk of the nursery.
const NURSERY_CHUNK: usize = 64 << 10;

/// The major-cycle state (PyPy's `gc_state`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Idle: the next step scans the roots and starts marking.
    Scanning,
    Marking,
    Sweeping,
    Finalizing,
}

/// Totals of the running major cycle.
#[derive(Clone, Copy, Default)]
struct Cycle {
    start_ns: u64,
    bytes_before: u64,
    freed: u64,
    steps: u64,
}

/// The incminimark collector.
pub struct IncMiniMark {
    types: Arc<TypeTable>,
    facts: Vec<TypeFacts>,
    raw: Arc<RawMemory>,
    // settings
    nursery_size: usize,
    major_factor: f64,
    growth_limit: f64,
    min_heap: usize,
    increment_step: usize,
    pressure_on: bool,
    poison: bool,
    max_inline: usize,
    heap_limit: Option<usize>,
    // spaces
    nursery: Nursery,
    arena: Arena,
    large: LargeSpace,
    // minor-collection state
    remembered: Remembered,
    old_to_pinned: Vec<usize>,
    minor_stack: Vec<usize>,
    young: YoungLists,
    shadows: Shadows,
    pinned: Pins,
    /// Objects left in place by the last minor collection (pinned then).
    holes: Vec<(usize, usize)>,
    marking: bool,
    promoted: usize,
    // major-collection state
    state: State,
    mark_stack: MarkStack,
    /// Grey pinned nursery objects (see `push_grey`).
    young_grey: Vec<usize>,
    /// Big arrays being marked a chunk at a time: (array, next item).
    array_chunks: Vec<(usize, usize)>,
    old: OldLists,
    pending_finalize: Vec<usize>,
    finalizer_queue: VecDeque<usize>,
    threshold: usize,
    pressure_bytes: usize,
    full_requested: bool,
    cycle: Cycle,
    // accounting
    events: EventLog,
    slow_allocated: u64,
    /// Allocation in the old generation (`set_pretenure`).
    pretenure: pretenure::Pretenure,
    // pause target
    pacer: Option<pacing::Pacer>,
    /// Duration of the last minor collection, ns.
    last_minor_ns: u64,
    /// Old bytes + pressure at the last major step (promotion since then).
    pace_mark: usize,
}

/// Minimum heap before the first major cycle when a pause target is set
/// and `min-heap` was not: small enough that programs with a few hundred
/// MB of allocation run incremental majors.
pub const PACED_MIN_HEAP: usize = 16 << 20;

/// Builds an incminimark collector.
pub fn build(config: &GcConfig, env: CollectorEnv) -> Result<Box<dyn Collector>, ConfigError> {
    Ok(Box::new(IncMiniMark::new(config, env)?))
}

/// Aborts the process: memory ran out where no error can be returned
/// (inside a collection). Never reached on bad user input.
#[cold]
fn out_of_memory(what: &str) -> ! {
    eprintln!("incminimark: out of memory {what}");
    std::process::abort()
}

impl IncMiniMark {
    /// A collector for `config` and `env`.
    pub fn new(config: &GcConfig, env: CollectorEnv) -> Result<IncMiniMark, ConfigError> {
        // Reserve a big extension; fall back to smaller ones where the OS
        // refuses large reservations (strict overcommit).
        let mut nursery = Err(std::io::Error::other("no reservation tried"));
        for ext in [NURSERY_EXTENSION, 1 << 30, config.nursery_size] {
            nursery = Nursery::new(
                config.nursery_size,
                config.nursery_size + ext,
                NURSERY_CHUNK,
            );
            if nursery.is_ok() {
                break;
            }
        }
        let mut nursery = nursery
            .map_err(|e| ConfigError(format!("incminimark: cannot reserve the nursery: {e}")))?;
        nursery.set_debug(config.nursery_debug);
        let facts = TypeFacts::table(&env.types);
        let mut nominal = nursery.nominal();
        let adaptive = config.pause_target_ns.is_some() && !config.nursery_explicit;
        if let (true, Some(t)) = (adaptive, config.pause_target_ns) {
            // The most a minor collection can copy within the target when
            // everything survives (a burst the survival history did not
            // predict).
            nominal = pacing::burst_max_nursery(t).min(nominal);
            nursery.set_retained(nominal);
        }
        let pacer = config
            .pause_target_ns
            .map(|t| pacing::Pacer::new(t, nominal, adaptive));
        let mut nursery = nursery;
        if adaptive {
            // Start small (the start-up objects survive); the pacer grows
            // it as the survival rate allows.
            nursery.set_nominal(pacing::MIN_NURSERY.min(nominal));
        }
        let min_heap = if pacer.is_some() && !config.min_heap_explicit {
            PACED_MIN_HEAP
        } else {
            config.min_heap
        };
        Ok(IncMiniMark {
            types: env.types,
            facts,
            raw: env.raw,
            nursery_size: nominal,
            major_factor: config.major_factor,
            growth_limit: config.growth_limit,
            min_heap,
            increment_step: config.increment_step.max(4096),
            pressure_on: config.pressure,
            poison: config.verify > 0 || config.torture > 0,
            max_inline: (nominal / 8).clamp(MAX_SMALL + 8, 32 << 10),
            heap_limit: config.max_heap,
            nursery,
            arena: Arena::new(),
            large: LargeSpace::new(),
            remembered: Remembered::new(),
            old_to_pinned: Vec::new(),
            minor_stack: Vec::with_capacity(1024),
            young: YoungLists::new(),
            shadows: Shadows::new(),
            pinned: Pins::new(),
            holes: Vec::new(),
            marking: false,
            promoted: 0,
            state: State::Scanning,
            mark_stack: MarkStack::new(),
            young_grey: Vec::new(),
            array_chunks: Vec::new(),
            old: OldLists::new(),
            pending_finalize: Vec::new(),
            finalizer_queue: VecDeque::new(),
            threshold: min_heap,
            pressure_bytes: 0,
            full_requested: false,
            cycle: Cycle::default(),
            events: EventLog::new(),
            slow_allocated: 0,
            pretenure: Default::default(),
            pacer,
            last_minor_ns: 0,
            pace_mark: 0,
        })
    }

    #[inline(always)]
    fn facts(&self, tid: TypeId) -> TypeFacts {
        self.facts[tid.0 as usize]
    }

    /// Old-generation bytes (arena cells and large objects, young large
    /// objects included).
    fn old_bytes(&self) -> usize {
        self.arena.bytes() + self.large.bytes()
    }

    /// Everything in use: old generation plus the filled part of the nursery.
    fn heap_in_use(&self, ctx: &MutatorContext) -> usize {
        self.old_bytes() + self.nursery.used_bytes(ctx.alloc_top)
    }

    fn raw_pressure(&self) -> usize {
        if self.pressure_on {
            self.pressure_bytes + self.raw.live() as usize
        } else {
            0
        }
    }

    fn major_due(&self) -> bool {
        let old = self.old_bytes();
        self.full_requested
            || old + self.raw_pressure() >= self.threshold
            || self.heap_limit.is_some_and(|l| old / 3 >= l / 4)
    }

    fn phase(&self) -> Phase {
        match self.state {
            State::Scanning => Phase::Idle,
            State::Marking => Phase::Marking,
            State::Sweeping => Phase::Sweeping,
            State::Finalizing => Phase::Finalizing,
        }
    }

    /// Whether a `len`-item object of type `tid` placed in the large space
    /// gets card bits.
    fn wants_cards(&self, tid: TypeId, len: usize) -> bool {
        gc_parts::remembered::wants_cards(self.facts(tid).item_refs, len)
    }

    /// The card bits of a `HAS_CARDS` object.
    fn cards_of(&self, obj: ObjRef) -> Cards {
        gc_parts::remembered::cards_of(&self.types, obj)
    }

    /// An event starting now. Until [`IncMiniMark::finish_event`], its
    /// `cpu_ns` holds the thread CPU clock at the start.
    fn start_event(&self, kind: EventKind, ctx: &MutatorContext) -> GcEvent {
        let mut ev = GcEvent::new(kind, gc_api::events::now_ns());
        ev.bytes_before = self.heap_in_use(ctx) as u64;
        if ev.pause {
            ev.cpu_ns = gc_api::accounting::thread_cpu_ns();
        }
        ev
    }

    fn finish_event(&mut self, mut ev: GcEvent, ctx: &MutatorContext) {
        ev.duration_ns = gc_api::events::now_ns().saturating_sub(ev.start_ns);
        if ev.pause && ev.cpu_ns != 0 {
            ev.cpu_ns = gc_api::accounting::thread_cpu_ns().saturating_sub(ev.cpu_ns);
        }
        ev.bytes_after = self.heap_in_use(ctx) as u64;
        ev.phase = self.phase();
        ev.pinned = self.pinned.len() as u64;
        ev.raw_bytes = self.raw.live();
        self.events.emit(ev);
    }

    /// A minor collection, then major work if a cycle runs or is due.
    fn collect_paced(&mut self, ctx: &mut MutatorContext, roots: &mut dyn RootSet) {
        self.minor(ctx, roots);
        if self.full_requested {
            self.full_requested = false;
            self.full_major(ctx, roots);
        } else if self.pacer.is_some() && (self.state != State::Scanning || self.major_due()) {
            self.paced_step_event(ctx, roots, false);
        } else if self.state != State::Scanning || self.major_due() {
            // Safety valve (pause target off): if the old generation outgrows twice the
            // threshold while a cycle runs, finish the cycle now.
            let runaway = self.state != State::Scanning
                && self.old_bytes() + self.raw_pressure() > 2 * self.threshold;
            let budget = if runaway {
                usize::MAX
            } else {
                self.increment_step.max(2 * self.promoted)
            };
            self.major_step_event(ctx, roots, budget);
        }
    }
}

impl Collector for IncMiniMark {
    fn name(&self) -> &'static str {
        "incminimark"
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            moves_objects: true,
            needs_write_barrier: true,
            needs_satb: false,
            generational: true,
            incremental: true,
            concurrent: false,
            parallel: false,
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
        if self.pretenure.active {
            if let Some(r) = self.alloc_pretenured(ctx, tid, size, len) {
                let obj = r?;
                set_length(&self.types, obj, tid, len);
                return Ok(obj);
            }
        }
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

    fn set_pretenure(&mut self, ctx: &mut MutatorContext, on: bool) {
        self.pretenure_hint(ctx, on);
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
            CollectRequest::Major => {
                self.minor(ctx, roots);
                self.full_requested = false;
                self.full_major(ctx, roots);
            }
            CollectRequest::Step if self.pacer.is_some() => {
                self.minor(ctx, roots);
                self.paced_step_event(ctx, roots, true);
            }
            CollectRequest::Step => {
                self.minor(ctx, roots);
                let budget = self.increment_step.max(2 * self.promoted);
                self.major_step_event(ctx, roots, budget);
            }
        }
        if self.state == State::Scanning {
            CollectOutcome::Complete
        } else {
            CollectOutcome::Continue
        }
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
        // SAFETY: queued objects are old (never move) and kept alive by the
        // queue until taken.
        self.finalizer_queue
            .pop_front()
            .map(|a| unsafe { ObjRef::from_addr_unchecked(a) })
    }

    fn pin(&mut self, obj: ObjRef) -> bool {
        if !self.nursery.contains(obj.addr()) {
            return true; // old and young large objects never move
        }
        self.pinned.pin(obj)
    }

    fn unpin(&mut self, obj: ObjRef) {
        self.pinned.unpin(obj)
    }

    fn identity(&mut self, _ctx: &mut MutatorContext, obj: ObjRef) -> usize {
        if !self.nursery.contains(obj.addr()) {
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
            ("major-collect", format!("{}", self.major_factor)),
            ("growth-limit", format!("{}", self.growth_limit)),
            ("min-heap", format_size(self.min_heap)),
            (
                "pause-target",
                self.pacer.as_ref().map_or("off".into(), |p| {
                    gc_api::config::format_duration(p.target_ns)
                }),
            ),
            ("nursery-now", format_size(self.nursery.nominal())),
            (
                "max-heap",
                self.heap_limit.map_or("unlimited".into(), format_size),
            ),
            ("increment-step", format_size(self.increment_step)),
            ("pressure", (self.pressure_on as u8).to_string()),
            ("poison", (self.poison as u8).to_string()),
            ("max-inline", format_size(self.max_inline)),
            ("next-major-threshold", format_size(self.threshold)),
        ]
    }
}

#[cfg(test)]
mod tests;
