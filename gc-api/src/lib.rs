//! # gc-api: the one interface between pygc's mutators and its collectors
//!
//! The interface has two directions, as in mmtk-core:
//!
//! * the **object model** the mutator describes to the collector: a one-word
//!   [header](header) per object (type id + flag bits), a frozen
//!   [`TypeTable`] (fixed size, var-size items, where the references are,
//!   light finalizers, weak slots), and [`RootSet`]s;
//! * the **[`Collector`] trait** (object-safe, used as `dyn Collector`) with
//!   every slow path: allocation, write barriers, safepoints, explicit
//!   collection, memory pressure, finalizers, pinning, identity, heap limit,
//!   statistics, events, heap walks and verification.
//!
//! The hot paths are **data**, not calls: a [`MutatorContext`] holds the
//! allocation buffer and the barrier words that the interpreter (through
//! [`Mutator`]) and JIT code test inline. [`Capabilities`] tell the VM what the
//! collector needs — never branch on a collector's name.
//!
//! ## The mutator contract
//!
//! **Allocation** of an object of `size` bytes (from the type table; var-size
//! sizes rounded up to 8):
//! 1. if the type [needs the slow path](TypeInfo::needs_slow_alloc) or
//!    `size >= ctx.max_inline_size`, call [`Collector::alloc_slow`];
//! 2. else if `ctx.alloc_top + size <= ctx.alloc_limit`: the object is at
//!    `alloc_top`; bump `alloc_top`; write the header
//!    `tid | ctx.new_object_flags` (and the length word for var-size types).
//!    The memory is already zeroed, so every reference slot is null;
//! 3. else call [`Collector::alloc_slow`].
//!
//! Allocation never collects. A collector whose buffer runs out takes more
//! room and sets `ctx.safepoint_requested`.
//!
//! **Reference stores** into a heap object `obj` (a word that may be a
//! reference or an immediate):
//! 1. `if (header(obj) & ctx.barrier_mask) != 0 || ctx.barrier_active != 0`,
//!    remember `old = *slot`, store, then call
//!    [`Collector::write_barrier_slow`] (or
//!    [`Collector::array_write_barrier_slow`] for items of var-size objects);
//! 2. otherwise just store.
//!
//! Stores that initialise an object allocated since the last safepoint may
//! skip the barrier. Before overwriting many slots at once without per-slot
//! barriers (memmove, sort, clear), call [`Mutator::before_bulk_write`].
//! Non-reference data (floats, bytes, lengths of non-var fields) needs no
//! barrier. Stores into roots need no barrier.
//!
//! **Weak references** are read with [`Mutator::read_weak`] (which calls
//! [`Collector::weak_load_slow`] while `ctx.barrier_active != 0`), never with
//! a plain load.
//!
//! **Safepoints**: at loop back-edges, calls and JIT polls the mutator tests
//! `ctx.safepoint_requested` and, when set, calls [`Collector::safepoint`]
//! with its roots. That is the only place objects move or die. Rust code that
//! keeps an object across anything that can reach a safepoint roots it in the
//! shadow stack ([`Mutator::root`] → [`Handle`]) and reads it back afterwards.
//!
//! **Words**: a slot holds a reference iff [`is_ref`] (non-zero, low three
//! bits clear); anything else (tagged ints, special constants) is ignored by
//! collectors.
//!
//! ## Torture and verify modes
//!
//! `PYGC_TORTURE=N` makes every Nth safepoint a collection (minor; every
//! eighth a major) followed by [`Collector::verify`]; `PYGC_VERIFY=1/2`
//! verifies after major / all collections. Collectors poison freed memory
//! whenever either is on, so a stale [`ObjRef`] reads an unregistered type id
//! and fails loudly.

#![warn(missing_docs)]

pub mod access;
pub mod accounting;
pub mod collector;
pub mod config;
pub mod context;
pub mod events;
pub mod header;
pub mod mutator;
pub mod registry;
pub mod roots;
pub mod types;

pub use collector::{
    AllocError, Capabilities, CollectOutcome, CollectRequest, Collector, CollectorEnv, RawMemory,
};
pub use config::{ConfigError, GcConfig, OptKind, OptSpec, OPTIONS};
pub use context::MutatorContext;
pub use events::{EventKind, EventLog, GcEvent, GcStats, Phase, Subscriber};
pub use header::{
    gc_flag, header_tid, is_ref, make_header, round_object_size, vm_flag, ObjRef, TypeId,
    HEADER_SIZE, MIN_OBJECT_SIZE,
};
pub use mutator::Mutator;
pub use registry::{lookup, BuildFn, CollectorEntry};
pub use roots::{ChainRoots, Handle, NoRoots, RootMark, RootSet, ShadowStack, SlotVisitor};
pub use types::{LightFinalizer, TypeInfo, TypeTable, VarLayout};
