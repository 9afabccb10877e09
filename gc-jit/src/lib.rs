//! # gc-jit: machine code on the GC interface
//!
//! This crate is the part of a JIT that talks to the garbage collector. It
//! compiles functions with Cranelift and gives them the three things compiled
//! code needs from any collector, emitted inline from gc-api's context data
//! ([`gc_api::MutatorContext`] and [`gc_api::offsets`]), never from a
//! collector's name:
//!
//! * **Allocation** ([`JitFunction::alloc`], [`JitFunction::alloc_var`]):
//!   bump `alloc_top` up to `alloc_limit` when the object is smaller than
//!   `max_inline_size` and its type needs no slow allocation (finalizers,
//!   weak slots); the header is the type id OR-ed with `new_object_flags`
//!   (for example "allocated black" during concurrent marking). Otherwise a
//!   call to the slow path, [`gc_api::Mutator::alloc`]. Allocation never
//!   collects (rule 1): a full buffer only *requests* a safepoint.
//! * **Write barrier** ([`JitFunction::write_ref`], [`JitFunction::write_item`]):
//!   the store is plain when `header & barrier_mask == 0` and
//!   `barrier_active == 0`; otherwise the slow path
//!   ([`gc_api::Mutator::write_ref`] / `write_item`) does the store and the
//!   collector's barrier (remembered set, cards, SATB log). Fresh objects are
//!   initialised with [`JitFunction::init_ref`] (no barrier) before the next
//!   safepoint, as the interpreter does.
//! * **Safepoint polls** ([`JitFunction::poll`]): a load of
//!   `safepoint_requested`; when set, a call through the safepoint
//!   trampoline into [`gc_api::Mutator::safepoint`]. Torture mode keeps the
//!   word set, so compiled code collects at every poll too.
//!
//! ## GC references in compiled frames: stack maps
//!
//! Every GC reference a compiled function holds is a Cranelift value declared
//! with `declare_value_needs_stack_map`. Cranelift spills such values to
//! stack slots before every call that they are live across, records a *user
//! stack map* at the call's return address (the SP-relative offsets of those
//! slots), and reloads them after the call. cranelift-jit does not keep the
//! maps, so [`JitRuntime`] reads them right after `define_function` and
//! files them in a [`CodeTable`] by code address once the code is finalized.
//!
//! At a safepoint the trampoline (itself a Cranelift function) reads its frame
//! pointer, hands the walker the return address into its caller and the
//! caller's SP and frame pointer, and the walker follows the frame-pointer
//! chain (every compiled function keeps frame pointers) through all compiled
//! frames down to the first frame that is not compiled code (the host that
//! called [`JitRuntime::invoke`]). Each compiled frame's stack-map slots are
//! reported to the collector as root words, together with the host's own
//! roots; a moving collector rewrites the slots, and the code reloads the new
//! addresses after the call. So compiled code keeps GC references in
//! registers between safepoints and pays nothing for them there.
//!
//! Why stack maps rather than spilling to a heap frame around every call:
//! Cranelift already computes liveness and does the spills only across
//! calls, the maps are exact (no stale slots to clear), and the cost is zero
//! on paths without calls, which is what a JIT's hot loops are.
//!
//! ## Failure
//!
//! Compiled functions share one error word at offset 0 of the [`JitEnv`]:
//! an allocation failure (heap limit) or a panic in a slow path (a verify
//! failure under torture) sets it, the function returns 0 at once, and every
//! compiled caller checks the word after each call and returns too, so
//! [`JitRuntime::invoke`] reports the error as a `Result`. Nothing unwinds
//! through compiled frames.
//!
//! ## Unsafe
//!
//! Only where the crate crosses into machine code: calling a finalized
//! function pointer ([`JitRuntime::invoke`]), reading frame records and
//! stack-map slots ([`frames`]), and the slow paths reconstructing the
//! environment from the pointer compiled code passes back. Each block argues
//! its case in a `// SAFETY:` comment.

mod emit;
mod env;
pub mod frames;
pub mod inline;
mod runtime;
mod slowpath;

pub use emit::JitFunction;
pub use env::{JitEnv, RunInfo};
pub use frames::CodeTable;
pub use runtime::{CompileRecord, JitError, JitRuntime};

/// The Cranelift types used by compiled code: every word is an `i64`.
pub use cranelift_codegen::ir::types::I64 as WORD;
