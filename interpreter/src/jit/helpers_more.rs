//! More of [`super::helpers`]'s one-instruction helpers: containers,
//! closures, function objects, formatting, `raise`. Each mirrors the
//! interpreter's arm for the instruction on the heap frame, whose
//! `FRAME_SP` compiled code has set; results are written back with the
//! barrier and `FRAME_SP` is updated.

use crate::compile::bytecode::*;
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::{Exc, PyResult, Vm, R_EXC, R_FRAME, R_HANDLED};
use gc_api::ObjRef;

fn frame(vm: &Vm) -> ObjRef {
    vm.root(R_FRAME).obj().expect("frame")
}

impl Vm {
    /// Instructions not handled by `jit_op` itself; `Ok(false)` if `op` is
    /// none of them either.
    pub(super) fn jit_op_more(&mut self, op: Op, arg: u32, nlocals: usize) -> PyResult<bool> {
        let f = frame(self);
        let sp = f.word(FRAME_SP);
        let top = |k: usize| Vm::fget(f, sp - k);
        let set_sp = |vm: &Vm, sp: usize| frame(vm).set_word(FRAME_SP, sp);
        match op {
            Op::ListAppend | Op::SetAdd | Op::ListExtend | Op::SetUpdate | Op::DictUpdate => {
                let v = top(1);
                let c = top(1 + arg as usize);
                set_sp(self, sp - 1);
                match op {
                    Op::ListAppend => self.list_append(c, v),
                    Op::SetAdd => self.set_add(c, v)?,
                    Op::ListExtend => self.list_extend(c, v)?,
                    Op::SetUpdate => self.set_update(c, v)?,
                    _ => self.dict_update(c, v)?,
                }
            }
            Op::MapAdd => {
                let (v, k, d) = (top(1), top(2), top(2 + arg as usize));
                set_sp(self, sp - 2);
                self.dict_set(d, k, v)?;
            }
            Op::ListToTuple => {
                let t = self.new_tuple(&Vm::list_items(top(1)));
                self.fset(f, sp - 1, t);
            }
            Op::BuildMap => {
                let n = arg as usize;
                let base = sp - 2 * n;
                let d = self.new_dict();
                let h = self.push_root(d);
                for i in 0..n {
                    let f = frame(self);
                    let (k, v) = (Vm::fget(f, base + 2 * i), Vm::fget(f, base + 2 * i + 1));
                    let d = self.root(h);
                    if self.dict_set(d, k, v).is_err() {
                        self.pop_roots(h);
                        return Err(Exc);
                    }
                }
                let d = self.root(h);
                self.pop_roots(h);
                self.jit_put(base, d, base + 1);
            }
            Op::BuildSlice => {
                let n = arg as usize;
                let step = if n == 3 { top(1) } else { Value::NONE };
                let (start, stop) = (top(n), top(n - 1));
                let s = self.new_slice(start, stop, step);
                self.jit_put(sp - n, s, sp - n + 1);
            }
            Op::BuildString => {
                let n = arg as usize;
                let mut s = String::new();
                for i in 0..n {
                    s.push_str(Vm::as_str(Vm::fget(f, sp - n + i)));
                }
                let v = self.new_string(s);
                self.jit_put(sp - n, v, sp - n + 1);
            }
            Op::FormatValue => {
                let (spec, k) = if arg & 4 != 0 {
                    (top(1), 2)
                } else {
                    (Value::NULL, 1)
                };
                let v = top(k);
                let r = self.format_value(v, arg & 3, spec)?;
                self.jit_put(sp - k, r, sp - k + 1);
            }
            Op::LoadDeref => {
                let cell = Vm::fget(f, nlocals + arg as usize);
                let v = Vm::get(cell.obj().expect("cell"), 1);
                if v.is_null() {
                    return Err(self.jit_unbound_free(arg as usize));
                }
                self.jit_put(sp, v, sp + 1);
            }
            Op::StoreDeref => {
                let cell = Vm::fget(f, nlocals + arg as usize).obj().expect("cell");
                let v = top(1);
                self.set(cell, 1, v);
                set_sp(self, sp - 1);
            }
            Op::LoadClosure => {
                let c = Vm::fget(f, nlocals + arg as usize);
                self.jit_put(sp, c, sp + 1);
            }
            Op::MakeFunction => self.jit_make_function(arg, sp),
            Op::StoreGlobal => {
                let name = Vm::jit_name(f, arg);
                let v = top(1);
                set_sp(self, sp - 1);
                let g = Value(f.word(FRAME_GLOBALS));
                self.dict_set_str(g, name, v);
            }
            Op::DeleteFast => self.fset(f, arg as usize, Value::NULL),
            Op::LoadAssertionError => {
                let t = self.ty(T::AssertionError);
                self.jit_put(sp, t, sp + 1);
            }
            Op::Raise => return Err(self.jit_raise(arg, sp)),
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn jit_unbound_free(&mut self, i: usize) -> Exc {
        let f = frame(self);
        let code = self.code_info(Value(f.word(FRAME_CODE)));
        let name = if i < code.cellvars.len() {
            code.cellvars[i].clone()
        } else {
            code.freevars
                .get(i - code.cellvars.len())
                .cloned()
                .unwrap_or_default()
        };
        self.raise_msg(
            T::NameError,
            &format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
        )
    }

    fn jit_make_function(&mut self, arg: u32, sp: usize) {
        let f = frame(self);
        let mut k = sp;
        let mut pop = || {
            k -= 1;
            Vm::fget(f, k)
        };
        let code = pop();
        let closure = if arg & MF_CLOSURE != 0 {
            pop()
        } else {
            Value::NULL
        };
        let kwd = if arg & MF_KWDEFAULTS != 0 {
            pop()
        } else {
            Value::NULL
        };
        let defs = if arg & MF_DEFAULTS != 0 {
            pop()
        } else {
            Value::NULL
        };
        let g = Value(f.word(FRAME_GLOBALS));
        let func = self.make_function(code, g, defs, kwd, closure);
        self.jit_put(k, func, k + 1);
    }

    fn jit_raise(&mut self, arg: u32, sp: usize) -> Exc {
        let f = frame(self);
        match arg {
            0 => {
                let h = self.root(R_HANDLED);
                if h.is_null() || h.is_none() {
                    return self.raise_msg(T::RuntimeError, "No active exception to reraise");
                }
                self.set_root(R_EXC, h);
                self.reraise = true;
                Exc
            }
            1 => {
                let e = Vm::fget(f, sp - 1);
                f.set_word(FRAME_SP, sp - 1);
                self.raise_value(e, Value::NULL)
            }
            _ => {
                let (cause, e) = (Vm::fget(f, sp - 1), Vm::fget(f, sp - 2));
                f.set_word(FRAME_SP, sp - 2);
                self.raise_value(e, if cause.is_none() { Value::NONE } else { cause })
            }
        }
    }
}
