//! The runtime helpers compiled code calls. Compiled code keeps the frame
//! exactly as the interpreter would have it before each call (value stack
//! flushed to the heap frame, `FRAME_PC` one past the instruction,
//! `FRAME_SP`), so a helper runs the interpreter's own code for one
//! instruction on the heap frame and writes its results there. Every helper
//! stores the (possibly moved) current frame in [`JitCtx::frame`] before it
//! returns; compiled code reloads the frame and its stack from there.
//!
//! Return words: `0` means a Python exception is set (compiled code returns
//! to the interpreter at once, which unwinds it with the right traceback
//! line); otherwise `1`, or for `FOR_ITER` `2` when the iterator is
//! exhausted, and for truth tests `1` false / `2` true. A Rust panic inside
//! a helper is caught and parked in the context; the host resumes it after
//! compiled code returned, so nothing unwinds through compiled frames.

use super::JitCtx;
use crate::compile::bytecode::*;
use crate::object::layout::*;
use crate::object::list::L_ITEMS;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::call::{CO_CACHE, CO_INFO, CO_NAMES, ME_FUNC, ME_SELF};
use crate::vm::{PyResult, Vm, R_FRAME};
use gc_api::ObjRef;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Runs `f` on the VM behind `ctx`; records the current frame afterwards
/// and turns a panic into an exception-like return parked in the context.
fn with_vm(ctx: *mut JitCtx, f: impl FnOnce(&mut Vm) -> PyResult<u64>) -> u64 {
    // SAFETY: compiled code only passes back the context pointer that
    // `Vm::jit_run` made from a live `JitCtx` on its stack; `vm` in it was
    // derived from the `&mut Vm` that jit_run holds unused while compiled
    // code runs, so this is the only live access path to both.
    let c = unsafe { &mut *ctx };
    // SAFETY: see above.
    let vm = unsafe { &mut *c.vm };
    let r = catch_unwind(AssertUnwindSafe(|| f(vm)));
    c.frame = vm.root(R_FRAME).0;
    c.builtins = vm.root(crate::vm::R_BUILTINS).0;
    match r {
        Ok(Ok(v)) => v,
        Ok(Err(_)) => 0,
        Err(p) => {
            c.panic = Some(p);
            0
        }
    }
}

fn frame(vm: &Vm) -> ObjRef {
    vm.root(R_FRAME).obj().expect("frame")
}

/// Executes instruction `pc` of the current frame on its heap stack.
pub(super) extern "C" fn jit_op(ctx: *mut JitCtx, pc: u64) -> u64 {
    with_vm(ctx, |vm| vm.jit_op(pc as usize))
}

/// Truth of the value on top of the heap stack: 1 false, 2 true.
pub(super) extern "C" fn jit_truthy(ctx: *mut JitCtx) -> u64 {
    with_vm(ctx, |vm| {
        let f = frame(vm);
        let v = Vm::fget(f, f.word(FRAME_SP) - 1);
        Ok(if vm.truthy(v)? { 2 } else { 1 })
    })
}

/// The back-edge safepoint, as the interpreter takes it.
pub(super) extern "C" fn jit_safepoint(ctx: *mut JitCtx) -> u64 {
    with_vm(ctx, |vm| {
        let f = frame(vm);
        vm.clear_stack(f, f.word(FRAME_SP), f.word(FRAME_LEN));
        vm.safepoint();
        vm.memory_error_due()?;
        Ok(1)
    })
}

/// The write barrier's slow path for a frame item store.
pub(super) extern "C" fn jit_fset(ctx: *mut JitCtx, f: u64, i: u64, v: u64) -> u64 {
    with_vm(ctx, |vm| {
        let f = ObjRef::from_word(f as usize).expect("frame");
        vm.fset(f, i as usize, Value(v as usize));
        Ok(1)
    })
}

impl Vm {
    pub(super) fn jit_name(f: ObjRef, arg: u32) -> Value {
        let co = Value(f.word(FRAME_CODE)).obj().expect("code");
        Vm::item(Vm::get(co, CO_NAMES).obj().expect("names"), arg as usize)
    }

    fn jit_cache(f: ObjRef) -> ObjRef {
        let co = Value(f.word(FRAME_CODE)).obj().expect("code");
        Vm::get(co, CO_CACHE).obj().expect("cache")
    }

    /// Stores the result `r` at stack position `i` (absolute) of the
    /// current frame and sets the stack pointer to `sp`.
    pub(super) fn jit_put(&mut self, i: usize, r: Value, sp: usize) {
        let f = frame(self);
        self.fset(f, i, r);
        f.set_word(FRAME_SP, sp);
    }

    fn jit_op(&mut self, pc: usize) -> PyResult<u64> {
        let f = frame(self);
        // the instruction is copied out (no Rc clone on this hot path)
        let co = Value(f.word(FRAME_CODE)).obj().expect("code");
        let ci = Vm::get(co, CO_INFO).as_int() as usize;
        let ins = self.codes[ci].instrs[pc];
        let arg = ins.arg;
        let sp = f.word(FRAME_SP);
        let top = |k: usize| Vm::fget(f, sp - k);
        match ins.op {
            Op::LoadFast => {
                let v = Vm::fget(f, arg as usize);
                if v.is_null() {
                    let name = self.codes[ci].varnames[arg as usize].clone();
                    return Err(self.raise_msg(
                        T::UnboundLocalError,
                        &format!("cannot access local variable '{name}' where it is not associated with a value"),
                    ));
                }
                self.jit_put(sp, v, sp + 1);
            }
            Op::LoadGlobal => {
                let name = Vm::jit_name(f, arg);
                let g = Value(f.word(FRAME_GLOBALS));
                let v = match self.ic_load_global(Vm::jit_cache(f), ins.ic as usize, g, name) {
                    Some(v) => v,
                    None => {
                        let msg = format!("name '{}' is not defined", Vm::as_str(name));
                        return Err(self.raise_msg(T::NameError, &msg));
                    }
                };
                self.jit_put(sp, v, sp + 1);
            }
            Op::LoadAttr => {
                let name = Vm::jit_name(f, arg);
                let o = top(1);
                let v = match self.ic_load_attr(Vm::jit_cache(f), ins.ic as usize, o, name) {
                    Some(v) => v,
                    None => self.getattr(o, name)?,
                };
                self.jit_put(sp - 1, v, sp);
            }
            Op::StoreAttr => {
                let name = Vm::jit_name(f, arg);
                let (o, v) = (top(1), top(2));
                f.set_word(FRAME_SP, sp - 2);
                if !self.ic_store_attr(Vm::jit_cache(f), ins.ic as usize, o, name, v) {
                    self.setattr(o, name, v)?;
                }
            }
            Op::LoadMethod => {
                let name = Vm::jit_name(f, arg);
                let o = top(1);
                let (m, s) = match self.ic_load_method(Vm::jit_cache(f), ins.ic as usize, o, name) {
                    Some(r) => r,
                    None => self.load_method(o, name)?,
                };
                let h = self.push_root(s);
                self.jit_put(sp - 1, m, sp);
                let s = self.root(h);
                self.pop_roots(h);
                self.jit_put(sp, s, sp + 1);
            }
            Op::Call | Op::CallKw => self.jit_call(ins.op, arg as usize, sp)?,
            Op::Binary | Op::Inplace => {
                let (a, b) = (top(2), top(1));
                let r = match self.fast_binary(a, b, arg) {
                    Some(r) => r,
                    None if ins.op == Op::Binary => self.binary(a, b, arg)?,
                    None => self.inplace(a, b, arg)?,
                };
                self.jit_put(sp - 2, r, sp - 1);
            }
            Op::Unary => {
                let r = self.unary(top(1), arg)?;
                self.jit_put(sp - 1, r, sp);
            }
            Op::Compare => {
                let (a, b) = (top(2), top(1));
                let r = match self.fast_compare(a, b, arg) {
                    Some(r) => Value::bool(r),
                    None => self.compare(a, b, arg)?,
                };
                self.jit_put(sp - 2, r, sp - 1);
            }
            Op::ContainsOp => {
                let (a, b) = (top(2), top(1));
                let r = self.contains(b, a)?;
                self.jit_put(sp - 2, Value::bool(r != (arg == 1)), sp - 1);
            }
            Op::Subscr => {
                let (o, k) = (top(2), top(1));
                let r = match self.fast_getitem(o, k) {
                    Some(r) => r,
                    None => self.getitem(o, k)?,
                };
                self.jit_put(sp - 2, r, sp - 1);
            }
            Op::StoreSubscr => {
                let (k, o, v) = (top(1), top(2), top(3));
                f.set_word(FRAME_SP, sp - 3);
                if !self.fast_setitem(o, k, v) {
                    self.setitem(o, k, v)?;
                }
            }
            Op::BuildTuple | Op::BuildList => {
                let n = arg as usize;
                let items: Vec<Value> = (0..n).map(|i| Vm::fget(f, sp - n + i)).collect();
                let v = if ins.op == Op::BuildTuple {
                    self.new_tuple(&items)
                } else {
                    self.new_list(&items)
                };
                self.jit_put(sp - n, v, sp - n + 1);
            }
            Op::GetIter => {
                let it = self.get_iter(top(1))?;
                self.jit_put(sp - 1, it, sp);
            }
            Op::ForIter => {
                let it = top(1);
                let r = match self.fast_next(it) {
                    Some(r) => r,
                    None => self.iter_next(it)?,
                };
                return Ok(match r {
                    Some(v) => {
                        self.jit_put(sp, v, sp + 1);
                        1
                    }
                    None => {
                        frame(self).set_word(FRAME_SP, sp - 1);
                        2
                    }
                });
            }
            Op::UnpackSequence => self.jit_unpack(arg as usize, sp)?,
            op => {
                let nl = self.codes[ci].nlocals as usize;
                if !self.jit_op_more(op, arg, nl)? {
                    panic!("jit_op: {op:?} has no helper")
                }
            }
        }
        Ok(1)
    }

    fn jit_unpack(&mut self, n: usize, sp: usize) -> PyResult<()> {
        let f = frame(self);
        let v = Vm::fget(f, sp - 1);
        let src = match v.obj() {
            Some(o) if kind_of(o) == Kind::Tuple && Vm::var_len(o) == n => Some(o),
            Some(o) if kind_of(o) == Kind::List && Vm::list_len(v) == n => {
                Some(Vm::get(o, L_ITEMS).obj().expect("items"))
            }
            _ => None,
        };
        let items = match src {
            Some(o) => (0..n).map(|i| Value(o.word(ITEMS_OFF + 8 * i))).collect(),
            None => {
                f.set_word(FRAME_SP, sp - 1);
                self.unpack(v, n)?
            }
        };
        let f = frame(self);
        for (k, x) in items.iter().rev().enumerate() {
            self.fset(f, sp - 1 + k, *x);
        }
        f.set_word(FRAME_SP, sp - 1 + n);
        Ok(())
    }

    /// CALL / CALL_KW through the general call path (a Python callee runs
    /// in a nested dispatch loop, compiled or not).
    fn jit_call(&mut self, op: Op, n: usize, sp: usize) -> PyResult<()> {
        let f = frame(self);
        let call_top = sp;
        let (kwnames, top) = if op == Op::CallKw {
            (Vm::fget(f, sp - 1), sp - 1)
        } else {
            (Value::NULL, sp)
        };
        let base = top - n - 2;
        let callable = Vm::fget(f, base);
        let selfv = Vm::fget(f, base + 1);
        let mut small = [Value::NULL; 12];
        let big: Vec<Value>;
        let args: &[Value] = if n <= 12 {
            for (i, s) in small.iter_mut().enumerate().take(n) {
                *s = Vm::fget(f, base + 2 + i);
            }
            &small[..n]
        } else {
            big = (0..n).map(|i| Vm::fget(f, base + 2 + i)).collect();
            &big
        };
        let (func, selfv) = match Vm::kind(callable) {
            Some(Kind::Method) if selfv.is_null() => {
                let o = callable.obj().expect("method");
                (Vm::get(o, ME_FUNC), Vm::get(o, ME_SELF))
            }
            _ => (callable, selfv),
        };
        // gc.collect() may scrub this frame above `call_top`.
        self.fin.scrub = (f.to_word(), call_top);
        let r = self.call_with_self(func, selfv, args, kwnames);
        self.fin.scrub = (0, 0);
        let r = r?;
        let f = frame(self);
        self.fset(f, base, r);
        f.set_word(FRAME_SP, base + 1);
        self.clear_stack(f, base + 1, call_top);
        if self.m.safepoint_pending() || self.torture() {
            self.clear_stack(f, base + 1, f.word(FRAME_LEN));
            self.safepoint();
            self.memory_error_due()?;
        }
        Ok(())
    }
}
