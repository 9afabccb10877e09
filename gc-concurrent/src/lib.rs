//! # concurrent: young generation + mostly-concurrent mark-sweep (SATB)
//!
//! A bump nursery in front of a non-moving old space that is marked and
//! swept by background GC threads while the mutator runs. The mutator stops
//! only for *minor collections* (copy the nursery's survivors out) and short
//! *handshakes* at safepoints whose cost is O(roots + SATB buffer +
//! unsettled finalizer/weakref entries), never O(old heap).
//!
//! ## Why a young generation
//!
//! Without one, every object was allocated in the old space's free runs and
//! a cycle started only when the heap reached its trigger (128 MB by
//! default): consecutive frames and temporaries landed on cold memory
//! spread over the whole heap. On deltablue the interpreter loop itself then
//! took 2.1x the samples it takes under incminimark — exactly as under
//! `nogc`, which bump-allocates fresh memory and never reuses it — so the
//! collector's own work was not the cost; the cache misses were. The
//! nursery (1 MB by default) is reused after every minor collection and
//! stays cache-resident, and most objects die there without the old space
//! ever seeing them.
//!
//! ## Young generation
//!
//! * **Allocation.** The mutator's context buffer is the nursery
//!   ([`gc_parts::Nursery`]); young objects have no GC flags. Objects of
//!   types that need the slow path (light finalizers, weak slots) and
//!   objects of [`collector::MAX_INLINE`] bytes or more are allocated in the
//!   old space directly, through the collector's own old-space buffer.
//!   Filling the nominal nursery requests a safepoint; the reservation's
//!   extension absorbs allocation until the mutator reaches it.
//! * **Pretenuring** (`Collector::set_pretenure`, see [`pretenure`]): while
//!   the VM says what it allocates will live long (its start-up, module
//!   imports), everything is allocated old (up to 16 MB per region). Those
//!   objects are listed as remembered only while young objects may exist
//!   (a region that begins with a non-empty nursery requests a safepoint,
//!   whose minor collection empties it); afterwards they get TRACK at
//!   allocation like promoted objects.
//! * **Barrier.** Old objects carry [`young::TRACK`] (the context's
//!   `barrier_mask`): the first store into one clears it (an atomic RMW, as
//!   GC threads set the MARK bit of the same word) and lists the object in
//!   the remembered set. Objects allocated directly old are listed at
//!   allocation (their initializing stores have no barrier). While marking,
//!   `barrier_active` sends every store to the slow path, which also does
//!   the SATB logging for old objects.
//! * **Minor collection** (at a safepoint, mutator thread, GC threads keep
//!   running): roots, young finalizable objects and remembered old objects
//!   are scanned; every young object they reach is copied into a fresh
//!   old-space cell (Cheney-style with an explicit stack), marked with the
//!   current sense — black while a cycle is marking, kept by a running
//!   sweep — and armed with TRACK. Weak references allocated since the last
//!   minor (the only ones that can have a young referent: the weak slot is
//!   written at initialization) are updated or cleared. The nursery is then
//!   reset (poisoned in verify/torture mode). Its pause is O(roots +
//!   remembered + survivors); the default 1 MB nursery keeps a minor where
//!   everything survives around 1 ms (copying runs at about 1 byte per ns).
//! * **Identity and pinning.** `identity()` of a young object reserves the
//!   old cell it will be copied to (a [`young::SHADOW`] cell, skipped by heap
//!   walks, freed by the next cycle if the object dies young), so ids never
//!   change. `pin()` refuses young objects (gc-api allows a refusal) and
//!   always succeeds for old ones, which never move.
//!
//! ## Young objects and the concurrent cycle
//!
//! * The **start handshake does a minor collection first**, so the snapshot
//!   holds no young object: every young object is allocated after the
//!   snapshot and needs no tracing by the markers, who skip nursery
//!   addresses (`Shared::is_young`). An old object a young one references
//!   is white only if it predates the snapshot, and since it is reachable
//!   it was reachable at the snapshot, so SATB marks it.
//! * Promoted objects are allocated black while marking; their referents
//!   are covered by the same argument, so promotion never greys anything.
//! * At termination, young objects count as marked (`Shared::is_marked`):
//!   a weak slot with a young referent is left to the minor collection, and
//!   finalizable young objects live in their own list until promoted.
//! * The header word of a reserved (shadow) cell is never copied over
//!   non-atomically: a sweeper may be reading it.
//!
//! ## Old-space layout (how it fits gc-api's bump contract)
//!
//! Objects of *any* size below `max_inline_size` (16 KiB) are bump-allocated
//! into one zeroed buffer, so the buffer cannot be
//! a list of equal-size cells. Instead the old space is made of 256 KiB
//! blocks in which cells (objects and free chunks) lie back to back
//! ([`heap`]). The sweeper coalesces dead objects into *free runs*; runs are
//! kept in segregated free lists by power-of-two length (256 B .. 256 KiB)
//! and each refill hands one whole run to the old-space buffer (promotion
//! and direct old allocation), or an empty block. The sweeper zeroes dead
//! cells (or poisons them in verify/torture mode, and the run is zeroed on
//! hand-out instead), and keeps fully free blocks resident up to a budget.
//! Old objects never move. Objects of
//! 64 KiB or more get their own mapping ([`large`]), unmapped when dead.
//!
//! ## The cycle
//!
//! 1. **Idle.** `barrier_active = 0`. Allocation beyond the pacer's trigger
//!    asks for a safepoint.
//! 2. **Start handshake** (pause): flip the mark *sense* (the value of the
//!    MARK header bit that means "marked"), after a minor collection, so
//!    every object becomes white without a clearing pass (old objects
//!    allocated from now on get the new sense: black), set
//!    `barrier_active = 1`; grey the
//!    roots and the finalizer queue (mark + queue; they are not traced in the
//!    pause); phase = MARKING. The GC threads are woken right after the
//!    pause (a wake-up can hand them the CPU on a small machine).
//! 3. **Concurrent marking**: GC threads drain grey objects with work
//!    stealing ([`mark`]). The mutator's deletion barrier logs every
//!    overwritten reference that is still white into its SATB buffer, flushed
//!    to the markers every 1024 entries. Allocation slow paths do *mark
//!    assists* only when marking lags behind the heap's growth toward the
//!    goal, at most 8 Ki slots each ([`pacing`]).
//! 4. **Termination handshake** (pause, when the markers report drained):
//!    mark the SATB buffer's entries with a bounded budget (16 Ki slots or
//!    150 µs, taking work only from the mutator's own buffer and the
//!    injector); if grey work is
//!    left or a GC thread is still active, resume (back to 3). Otherwise the
//!    first time, unmarked objects with full finalizers are greyed
//!    (resurrected with their referents) and queued in PyPy's order (one
//!    reachable from another finalizable object waits for a later cycle:
//!    `fin_order.rs`), and marking resumes; the second
//!    time marking is complete: weak slots whose referent is unmarked are
//!    cleared, the barrier is turned off, the old-space buffer retired, the
//!    free lists forgotten and a new sweep generation begins (O(1)).
//! 5. **Concurrent sweeping** ([`sweep`]) by the GC threads, and lazily by
//!    allocation slow paths that find no free run (Go's sweepone). A new
//!    cycle cannot start before the sweep completes. Light finalizers run in
//!    the sweeper. When every block is swept the cycle closes (Major event)
//!    and the pacer computes the next trigger.
//!
//! ## Invariants
//!
//! * **SATB**: every object reachable at the start handshake is marked by
//!   the end of marking: it is either reachable through a chain of slots
//!   that were not overwritten (the markers find it) or some slot on the
//!   chain was overwritten during marking, and the barrier logged its old
//!   value. Objects allocated during marking are black. Hence, at
//!   termination, nothing reachable is white — no black→white edge is
//!   unprotected (verify mode checks this in the handshake).
//! * **Parseability**: every byte of an in-use block is in one cell, except
//!   the collector's open old-space buffer, which is retired before any walk and in the
//!   end-of-mark handshake, so a sweeper never sees an open buffer. Cells are
//!   sized from the header and length word, so the VM must not change the
//!   length word of a var-size object after allocation.
//! * **Sense**: the sweep of cycle N finishes before cycle N+1 flips the
//!   sense (a cycle only starts when `sweep_done()`), so a dead object of
//!   cycle N can never look marked in N+1.
//! * Grey objects are marked and queued; `active == 0` with an empty
//!   injector means no grey object exists (see [`mark`]).
//! * **Generational**: between minor collections, an old object that holds
//!   a reference to a young one has TRACK clear and is in the remembered
//!   set (or was allocated old since the last minor, and is listed too);
//!   a weakref with a young referent was allocated since the last minor.
//!   Verify checks this over the whole old space before collecting
//!   (`young_verify.rs`), naming the unremembered slot.
//! * **No young object in the snapshot**: the start handshake empties the
//!   nursery; markers never dereference a nursery address.
//!
//! ## Mutator/collector handshake: who writes what
//!
//! | datum | written by | read by | ordering |
//! |---|---|---|---|
//! | `ctx.*` (buffer, `new_object_flags`, `barrier_active`) | mutator thread only (inside collector calls) | mutator | plain |
//! | `ctx.safepoint_requested` | mutator thread (GC threads never touch `ctx`) | mutator | relaxed |
//! | `phase` | mutator, in handshakes | GC threads | release / acquire |
//! | mark sense | mutator, start handshake, before `phase = MARKING` | everyone | release / acquire |
//! | header MARK bit | markers (`fetch_or` / `fetch_clear`, AcqRel); allocation writes the whole header | markers, sweepers | AcqRel RMW |
//! | reference slots | mutator (relaxed atomic stores) | markers (relaxed atomic loads) | relaxed |
//! | grey queues | markers, mutator (SATB flush, roots) | markers | crossbeam (SeqCst inside) |
//! | `active`, `drained` | markers | mutator in handshakes | SeqCst / release-acquire |
//! | block sweep generation | mutator (acquire block, new generation), sweepers (CAS) | sweepers | AcqRel CAS |
//! | free lists, block pool | sweepers, mutator | under a mutex | mutex |
//!
//! GC threads learn that work exists from `phase` and the queues (they are
//! unparked after each handshake and otherwise nap briefly, 500 us while
//! marking); `cores - 1` of them (at least one) run at normal priority, so
//! the marking and sweeping happen on the cores the mutator does not use,
//! the others at nice +10 (idle CPU only); mark assists absorb any lag.
//! The pacer measures the heap as the bytes the last marking left live plus
//! the bytes allocated since (Go's heapMarked + allocations), not the blocks'
//! occupancy, which counts free holes too small to reuse.
//! The mutator learns that marking drained or sweeping finished by polling in
//! allocation slow paths and barriers, and requests its own safepoint.
//! Platform assumption: a marker that reads a reference to an object the
//! mutator just allocated must see its header; the mutator writes the
//! header before publishing the reference, and x86-64's store order (TSO)
//! makes that visible in order. On weakly ordered CPUs the publishing store
//! would need release ordering (documented gc-api limitation).
//!
//! ## Variables
//!
//! | variable | default | effect |
//! |---|---|---|
//! | `PYGC_THREADS` | cores | GC threads (marking and sweeping) |
//! | `PYGC_NURSERY` | 1 MB | nursery size (fixed) |
//! | `PYGC_GROWTH` | 1.0 | goal: marking ends before the heap reaches live × (1 + growth) |
//! | `PYGC_MEMORY_LIMIT` | unlimited | soft limit: the goal is lowered toward it (not below live × 1.125) |
//! | `PYGC_MAX_HEAP` | unlimited | hard limit on blocks + large objects: `AllocError::HeapLimit` |
//! | `PYGC_MIN_HEAP` | 8 × nursery | no cycle starts before the heap reaches this size |
//! | `PYGC_VERIFY` | 0 | 1+: verify at the end of every marking and after cycles; poison freed cells |
//! | `PYGC_TORTURE` | 0 | a minor collection plus one cycle step at every safepoint, a full collection every 8th (via gc-api), with verify and poisoning |
//! | `PYGC_PRESSURE` | 1 | count `add_memory_pressure` bytes toward the trigger, and start a cycle when they reach the raw trigger (see [`pacing`]) |
//!
//! ## Weak references and finalizers
//! Weak slots are read through `Mutator::read_weak`; while marking, the
//! referent it returns is logged like an overwritten reference (G1's
//! "keep alive on `Reference.get`"), so a referent that becomes strongly
//! reachable only through roots is not lost. Weak slots whose referent is
//! unmarked are cleared in the final termination handshake, with the barrier
//! still on, so no read can observe a dying referent. The finalizer and
//! weakref lists are pre-scanned by the mutator outside any pause once
//! marking looks drained ([`lists`]); the handshake visits only entries not
//! yet settled, so its cost is O(roots + SATB buffer + unsettled entries).

pub mod collector;
mod cycle;
mod fin_order;
pub mod heap;
pub mod large;
pub mod lists;
pub mod mark;
pub mod pacing;
pub mod pretenure;
pub mod shared;
pub mod sweep;
pub mod verify;
mod worker;
pub mod young;
mod young_verify;

pub use collector::Concurrent;

use gc_api::{Collector, CollectorEnv, ConfigError, GcConfig};
use pacing::Pacer;
use shared::Shared;
use std::collections::VecDeque;
use std::sync::Arc;

const RESERVE: usize = 64 << 30;

/// Builds a concurrent collector. `config.threads == 0` (only possible from
/// code, not from `PYGC_THREADS`) runs without GC threads: all work happens
/// in handshakes, assists and explicit collections (deterministic tests).
pub fn build(config: &GcConfig, env: CollectorEnv) -> Result<Box<dyn Collector>, ConfigError> {
    Ok(Box::new(Concurrent::new(config, env)?))
}

impl Concurrent {
    /// A collector with `config.threads` GC threads.
    pub fn new(config: &GcConfig, env: CollectorEnv) -> Result<Concurrent, ConfigError> {
        let reserve = config
            .max_heap
            .map_or(RESERVE, |m| m.clamp(16 << 20, RESERVE) + (16 << 20));
        let poison = config.verify > 0 || config.torture > 0;
        let heap = heap::Heap::new(reserve)
            .map_err(|e| ConfigError(format!("concurrent: cannot reserve {reserve} bytes: {e}")))?
            .with_poison(poison);
        let nursery = if config.nursery_explicit {
            config.nursery_size
        } else {
            young::DEFAULT_NURSERY
        };
        let young = young::Young::new(nursery)
            .map_err(|e| ConfigError(format!("concurrent: cannot reserve the nursery: {e}")))?;
        let shared = Arc::new(
            Shared::new(env.types.clone(), heap, poison)
                .with_young(young.nursery.start(), young.nursery.end()),
        );
        let pacer = Pacer::new(config.growth, config.min_heap, config.memory_limit);
        shared.heap.set_retain_goal(pacer.goal);
        let threads = worker::spawn(&shared, config.threads)
            .map_err(|e| ConfigError(format!("concurrent: cannot start GC threads: {e}")))?;
        let fmt = gc_api::config::format_size;
        let settings = vec![
            ("threads", config.threads.to_string()),
            ("nursery", fmt(nursery)),
            ("growth", format!("{}", config.growth)),
            (
                "memory-limit",
                config.memory_limit.map_or("unlimited".into(), fmt),
            ),
            ("max-heap", config.max_heap.map_or("unlimited".into(), fmt)),
            ("min-heap", fmt(config.min_heap)),
            ("verify", config.verify.to_string()),
            ("torture", config.torture.to_string()),
            ("pressure", (config.pressure as u8).to_string()),
        ];
        let now = std::time::Instant::now();
        Ok(Concurrent {
            shared,
            threads,
            types: env.types,
            raw: env.raw,
            events: gc_api::EventLog::new(),
            pacer,
            limit: config.max_heap,
            satb: Vec::with_capacity(collector::SATB_BUFFER),
            finalizers: lists::Tracked::new(),
            finalizers_scanned: false,
            to_finalize: VecDeque::new(),
            weakrefs: lists::Tracked::new(),
            pressure: 0,
            slow_bytes: 0,
            pace: collector::PaceInfo::default(),
            cycle: collector::CycleInfo {
                start_ns: 0,
                used_before: 0,
                mark_start: now,
                sweep_start: now,
                sweep_start_ns: 0,
            },
            verify: config.verify.max((config.torture > 0) as u32),
            verify_error: None,
            snapshot: Vec::new(),
            settings,
            weak_cleared_cycle: 0,
            queued_cycle: 0,
            wake_pending: false,
            torture: config.torture > 0,
            young,
            obuf: (0, 0),
            #[cfg(test)]
            satb_disabled: false,
            #[cfg(test)]
            old_only: false,
            pretenure: Default::default(),
        })
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod young_tests;
