//! The `Collector` trait: every slow path, behind `dyn Collector`.

use crate::context::MutatorContext;
use crate::events::{GcStats, Subscriber};
use crate::header::{ObjRef, TypeId};
use crate::roots::RootSet;
use crate::types::TypeTable;
use std::fmt;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Arc;

/// What a collector can do and what it needs from the mutator. The VM and the
/// JIT branch on these, never on a collector's name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Capabilities {
    /// Objects may move at a safepoint: the VM must not keep raw addresses
    /// across one, and `id()` must come from [`Collector::identity`].
    pub moves_objects: bool,
    /// Reference stores must perform the inline barrier test.
    pub needs_write_barrier: bool,
    /// The barrier slow path needs the overwritten value (snapshot at the
    /// beginning): bulk overwrites must call [`Collector::bulk_barrier_slow`]
    /// first.
    pub needs_satb: bool,
    /// There is a young generation.
    pub generational: bool,
    /// Major collections are done in increments at safepoints.
    pub incremental: bool,
    /// Collector threads run while the mutator runs.
    pub concurrent: bool,
    /// Collection work is spread over several threads.
    pub parallel: bool,
    /// [`Collector::pin`] can succeed.
    pub supports_pinning: bool,
    /// Large var-size objects get card marking
    /// ([`Collector::array_write_barrier_slow`] is cheaper than the plain one).
    pub card_marking: bool,
    /// The collector ever frees memory (false only for the no-op baseline).
    pub reclaims: bool,
}

/// What [`Collector::collect`] should do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CollectRequest {
    /// A young-generation collection (a full one for non-generational collectors).
    Minor,
    /// A complete major collection, finishing any cycle in progress.
    Major,
    /// One increment of major work (starts a cycle if none is running).
    Step,
}

/// Whether a unit of collection work finished a cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CollectOutcome {
    /// A major cycle is still in progress.
    Continue,
    /// The requested work is complete (no major cycle in progress).
    Complete,
}

/// Why an allocation failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AllocError {
    /// The heap limit would be exceeded (the VM raises `MemoryError`).
    HeapLimit {
        /// The size requested, bytes.
        requested: usize,
        /// The limit in force, bytes.
        limit: usize,
    },
    /// The operating system refused memory.
    OutOfMemory {
        /// The size requested, bytes.
        requested: usize,
    },
    /// The request itself is impossible (negative or overflowing length).
    TooLarge {
        /// The size requested, bytes (saturated).
        requested: usize,
    },
}

impl fmt::Display for AllocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AllocError::HeapLimit { requested, limit } => {
                write!(
                    f,
                    "GC heap limit of {limit} bytes reached (allocating {requested} bytes)"
                )
            }
            AllocError::OutOfMemory { requested } => {
                write!(f, "out of memory allocating {requested} bytes")
            }
            AllocError::TooLarge { requested } => {
                write!(f, "object too large ({requested} bytes)")
            }
        }
    }
}

impl std::error::Error for AllocError {}

/// Raw memory held outside the GC heap by objects (numpy buffers, ...).
///
/// The VM adds to it when it allocates a raw buffer and subtracts in the light
/// finalizer that frees it; collectors read it to pace major collections.
#[derive(Debug, Default)]
pub struct RawMemory {
    live: AtomicI64,
    peak: AtomicU64,
}

impl RawMemory {
    /// Records `bytes` of raw memory allocated.
    pub fn allocated(&self, bytes: usize) {
        let now = self.live.fetch_add(bytes as i64, Ordering::Relaxed) + bytes as i64;
        self.peak.fetch_max(now.max(0) as u64, Ordering::Relaxed);
    }

    /// Records `bytes` of raw memory freed.
    pub fn freed(&self, bytes: usize) {
        self.live.fetch_sub(bytes as i64, Ordering::Relaxed);
    }

    /// Raw bytes live now.
    pub fn live(&self) -> u64 {
        self.live.load(Ordering::Relaxed).max(0) as u64
    }

    /// The most raw bytes ever live at once.
    pub fn peak(&self) -> u64 {
        self.peak.load(Ordering::Relaxed)
    }
}

/// What a collector is built from.
#[derive(Clone, Debug)]
pub struct CollectorEnv {
    /// The frozen layouts.
    pub types: Arc<TypeTable>,
    /// Raw memory accounting shared with the VM.
    pub raw: Arc<RawMemory>,
}

/// A garbage collector. Object-safe: the VM holds a `Box<dyn Collector>`.
///
/// Every method runs on the mutator thread (collectors may run their own
/// threads internally). Methods that take a [`RootSet`] may collect, move
/// objects and rewrite the roots; all others must not free or move anything
/// (allocation never collects: when room runs out it takes more room and sets
/// [`MutatorContext::request_safepoint`]).
pub trait Collector: Send {
    /// The registry name (`"incminimark"`, ...).
    fn name(&self) -> &'static str;

    /// What this collector does and needs.
    fn capabilities(&self) -> Capabilities;

    /// Sets up the fast-path words of a fresh context (buffer, masks). Called
    /// once by [`crate::Mutator::new`].
    fn attach(&mut self, ctx: &mut MutatorContext);

    /// Allocation slow path. `length` is the item count for var-size types
    /// and ignored for fixed-size ones. Returns a zeroed object with its header
    /// (and length word) written. Never collects.
    fn alloc_slow(
        &mut self,
        ctx: &mut MutatorContext,
        tid: TypeId,
        length: usize,
    ) -> Result<ObjRef, AllocError>;

    /// Write-barrier slow path, called *after* `new` was stored at `slot_addr`
    /// inside `obj` (replacing `old`) when the inline test said so.
    fn write_barrier_slow(
        &mut self,
        ctx: &mut MutatorContext,
        obj: ObjRef,
        slot_addr: usize,
        old: usize,
        new: usize,
    );

    /// Slow path for a store into item `index` of a var-size object (card
    /// marking). The default treats it as a plain slot store.
    fn array_write_barrier_slow(
        &mut self,
        ctx: &mut MutatorContext,
        obj: ObjRef,
        index: usize,
        slot_addr: usize,
        old: usize,
        new: usize,
    ) {
        let _ = index;
        self.write_barrier_slow(ctx, obj, slot_addr, old, new)
    }

    /// Called *before* the mutator overwrites many slots of `obj` at once
    /// (memmove, sort, clear) when the inline test says so. A generational
    /// collector remembers the whole object; a SATB collector logs every
    /// current referent.
    fn bulk_barrier_slow(&mut self, ctx: &mut MutatorContext, obj: ObjRef);

    /// Weak-reference read barrier: called by [`crate::Mutator::read_weak`]
    /// when `ctx.barrier_active != 0` and the weak slot of `obj` holds the
    /// reference `value`. Returns the value the VM sees. A snapshot-at-the-
    /// beginning collector keeps `value` alive for the running cycle (a
    /// referent read out of a weak slot during marking may become strongly
    /// reachable through roots only). The default returns `value`.
    fn weak_load_slow(&mut self, ctx: &mut MutatorContext, obj: ObjRef, value: usize) -> usize {
        let _ = (ctx, obj);
        value
    }

    /// Allocation hint: while `on`, the objects allocated are expected to
    /// live long (the interpreter's start-up objects: builtins, type objects,
    /// module dicts), as PyPy's prebuilt objects. A generational collector
    /// may allocate them directly in its old generation (pretenuring), so
    /// no minor collection copies them; it must still find the young
    /// objects they reference (the mutator initializes new objects without
    /// barriers). The default ignores the hint.
    fn set_pretenure(&mut self, ctx: &mut MutatorContext, on: bool) {
        let _ = (ctx, on);
    }

    /// Runs pending collection work (the mutator calls this when
    /// `safepoint_requested` is set). May move objects and rewrite roots.
    fn safepoint(&mut self, ctx: &mut MutatorContext, roots: &mut dyn RootSet);

    /// Explicit collection (`gc.collect()`, torture mode, tests).
    fn collect(
        &mut self,
        ctx: &mut MutatorContext,
        request: CollectRequest,
        roots: &mut dyn RootSet,
    ) -> CollectOutcome;

    /// One-shot memory pressure, as PyPy's `add_memory_pressure`: `bytes` of
    /// raw memory were allocated; count them toward the next major collection.
    fn add_memory_pressure(&mut self, ctx: &mut MutatorContext, bytes: usize);

    /// Registers a full (VM-level) finalizer for `obj`. When `obj` becomes
    /// unreachable it is kept alive (with everything it references) and
    /// queued; the VM takes it with [`Collector::next_finalizable`].
    fn register_finalizer(&mut self, ctx: &mut MutatorContext, obj: ObjRef);

    /// The next object whose full finalizer should run, if any. The VM must
    /// root it while running the finalizer.
    fn next_finalizable(&mut self) -> Option<ObjRef>;

    /// Tries to pin `obj` (it will not move until unpinned). False when the
    /// collector can't pin it now.
    fn pin(&mut self, obj: ObjRef) -> bool;

    /// Undoes one [`Collector::pin`].
    fn unpin(&mut self, obj: ObjRef);

    /// A stable identity for `obj` (for `id()` and identity hashes): the same
    /// for the object's whole life, unique among live objects.
    fn identity(&mut self, ctx: &mut MutatorContext, obj: ObjRef) -> usize;

    /// Sets or removes the hard heap limit in bytes.
    fn set_heap_limit(&mut self, limit: Option<usize>);

    /// A snapshot of the counters.
    fn stats(&self, ctx: &MutatorContext) -> GcStats;

    /// Subscribes to events (see [`crate::events`]).
    fn subscribe(&mut self, subscriber: Subscriber);

    /// Calls `f` on every object in the heap, live or not yet collected.
    /// Runs at a safepoint; it may finish pending work first.
    fn walk_heap(
        &mut self,
        ctx: &mut MutatorContext,
        roots: &mut dyn RootSet,
        f: &mut dyn FnMut(ObjRef),
    );

    /// Checks the heap invariants (verify mode). Returns a description of the
    /// first violation found.
    fn verify(&mut self, ctx: &mut MutatorContext, roots: &mut dyn RootSet) -> Result<(), String>;

    /// The effective settings, as `(key, value)` for summaries.
    fn settings(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
}
