//! The GC fast paths as free functions on a plain `FunctionBuilder`, for
//! hosts that build their own Cranelift functions (the Python method JIT in
//! the interpreter) and keep GC references in heap frames rather than in
//! [`crate::JitRuntime`]'s stack maps. Each reads gc-api's context data
//! through `ctx`, the address of the mutator's
//! [`gc_api::MutatorContext`]; nothing here names a collector.

use crate::runtime::{native_flags, JitError};
use crate::WORD;
use cranelift_codegen::ir::{InstBuilder, MemFlagsData, Value};
use cranelift_codegen::isa::OwnedTargetIsa;
use cranelift_codegen::settings;
use cranelift_frontend::FunctionBuilder;
use gc_api::context::offsets;

fn flags() -> MemFlagsData {
    MemFlagsData::trusted()
}

/// Non-zero when a reference store into `obj` must take the barrier's slow
/// path: `header & barrier_mask | barrier_active`.
pub fn barrier_test(b: &mut FunctionBuilder<'_>, ctx: Value, obj: Value) -> Value {
    let header = b.ins().load(WORD, flags(), obj, 0);
    let mask = b
        .ins()
        .load(WORD, flags(), ctx, offsets::BARRIER_MASK as i32);
    let hit = b.ins().band(header, mask);
    let active = b
        .ins()
        .load(WORD, flags(), ctx, offsets::BARRIER_ACTIVE as i32);
    b.ins().bor(hit, active)
}

/// Non-zero when the collector asked for a safepoint.
pub fn safepoint_requested(b: &mut FunctionBuilder<'_>, ctx: Value) -> Value {
    b.ins()
        .load(WORD, flags(), ctx, offsets::SAFEPOINT_REQUESTED as i32)
}

/// The target ISA compiled GC code uses (frame pointers kept, optimised for
/// speed, not PIC), for hosts that make their own `JITModule`.
pub fn native_isa() -> Result<OwnedTargetIsa, JitError> {
    let f = native_flags()?;
    cranelift_native::builder()
        .map_err(|e| JitError::Setup(e.to_string()))?
        .finish(settings::Flags::new(f))
        .map_err(|e| JitError::Setup(e.to_string()))
}
