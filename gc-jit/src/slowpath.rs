//! The slow paths compiled code calls: allocation, barriers and the
//! safepoint walk. Each reconstructs the [`JitEnv`] from the pointer compiled
//! code passes back and calls the same gc-api entry point the interpreter
//! uses. None unwinds: a panic (a verify failure under torture) is caught and
//! recorded in the environment's error word.

use crate::env::JitEnv;
use crate::frames::{frame_slots, CallSite, FrameRoots};
use gc_api::{ObjRef, TypeId};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Runs `f` on the environment behind `env`, turning a panic into a failure.
fn with_env<R: Default>(env: usize, f: impl FnOnce(&mut JitEnv<'_>) -> R) -> R {
    // SAFETY: compiled code only ever passes back the pointer that
    // `JitRuntime::invoke` gave it, to a `JitEnv` that outlives the call and
    // that no Rust code touches while compiled code runs (invoke holds it
    // only as this raw pointer until the call returns).
    let env = unsafe { &mut *(env as *mut JitEnv<'_>) };
    match catch_unwind(AssertUnwindSafe(|| f(env))) {
        Ok(r) => r,
        Err(p) => {
            let msg = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "panic in a GC slow path".into());
            env.fail(msg);
            R::default()
        }
    }
}

fn obj(env: &mut JitEnv<'_>, word: usize) -> Option<ObjRef> {
    let o = ObjRef::from_word(word);
    if o.is_none() {
        env.fail(format!(
            "compiled code passed a non-object {word:#x} to a barrier"
        ));
    }
    o
}

pub(crate) extern "C" fn alloc_slow(env: usize, tid: u64) -> usize {
    with_env(env, |env| match env.mutator.alloc(TypeId(tid as u32)) {
        Ok(o) => o.to_word(),
        Err(e) => {
            env.fail(format!("allocation failed: {e:?}"));
            0
        }
    })
}

pub(crate) extern "C" fn alloc_var_slow(env: usize, tid: u64, len: u64) -> usize {
    with_env(env, |env| {
        match env.mutator.alloc_var(TypeId(tid as u32), len as usize) {
            Ok(o) => o.to_word(),
            Err(e) => {
                env.fail(format!("allocation failed: {e:?}"));
                0
            }
        }
    })
}

pub(crate) extern "C" fn write_ref_slow(env: usize, o: usize, offset: u64, value: usize) {
    with_env(env, |env| {
        if let Some(o) = obj(env, o) {
            env.mutator.write_ref(o, offset as usize, value);
        }
    })
}

pub(crate) extern "C" fn write_item_slow(env: usize, o: usize, index: u64, value: usize) {
    with_env(env, |env| {
        if let Some(o) = obj(env, o) {
            let len = env.mutator.types().length_of(o);
            if (index as usize) >= len {
                env.fail(format!("item {index} out of range (length {len})"));
                return;
            }
            let off = env.mutator.types().item_offset(o.tid(), index as usize);
            env.mutator.write_item(o, index as usize, off, value);
        }
    })
}

/// Called by the safepoint trampoline with its caller's call site.
pub(crate) extern "C" fn safepoint_slow(env: usize, sp: usize, ra: usize, fp: usize) {
    with_env(env, |env| {
        let mut slots = Vec::new();
        let frames = frame_slots(env.code, CallSite { sp, ra, fp }, &mut slots);
        env.safepoints += 1;
        env.max_frames = env.max_frames.max(frames);
        let mut roots = FrameRoots {
            slots: &slots,
            host: &mut *env.roots,
        };
        env.mutator.safepoint(&mut roots);
    })
}
