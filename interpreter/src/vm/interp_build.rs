//! Opcodes that build containers, strings and functions, and unpack
//! sequences of unknown shape.

use super::interp::{peek, pop, push, set_top, top, St};
use super::{Exc, PyResult, Vm, R_FRAME};
use crate::compile::bytecode::*;
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;

impl Vm {
    /// `BUILD_SET` (with constant folding and merging).
    #[inline(never)]
    pub(super) fn op_build_set(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        // Allocation sites (tracemalloc) read the line from the frame.
        st.f.set_word(FRAME_PC, st.pc);
        let n = (arg & !(BUILD_SET_CONST | BUILD_SET_MERGE)) as usize;
        let base = st.sp - n;
        let s = self.new_set();
        let h = self.push_root(s);
        for i in 0..n {
            let f = self.root(R_FRAME).obj().expect("f");
            let x = Vm::fget(f, base + i);
            let s = self.root(h);
            let r = self.set_add(s, x);
            if r.is_err() {
                self.pop_roots(h);
                return Err(Exc);
            }
        }
        let mut s = self.root(h);
        if arg & BUILD_SET_CONST != 0 {
            match self.set_const_fold(s, arg & BUILD_SET_MERGE != 0) {
                Ok(x) => s = x,
                Err(e) => {
                    self.pop_roots(h);
                    return Err(e);
                }
            }
        }
        self.pop_roots(h);
        self.refresh(st);
        st.sp = base;
        push(self, st, s);
        Ok(())
    }

    /// `BUILD_MAP`.
    #[inline(never)]
    pub(super) fn op_build_map(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        // Allocation sites (tracemalloc) read the line from the frame.
        st.f.set_word(FRAME_PC, st.pc);
        let n = arg as usize;
        let base = st.sp - 2 * n;
        let d = self.new_dict();
        let h = self.push_root(d);
        for i in 0..n {
            let f = self.root(R_FRAME).obj().expect("f");
            let k = Vm::fget(f, base + 2 * i);
            let v = Vm::fget(f, base + 2 * i + 1);
            let d = self.root(h);
            if self.dict_set(d, k, v).is_err() {
                self.pop_roots(h);
                return Err(Exc);
            }
        }
        let d = self.root(h);
        self.pop_roots(h);
        self.refresh(st);
        st.sp = base;
        push(self, st, d);
        Ok(())
    }

    /// `BUILD_STRING`.
    #[inline(never)]
    pub(super) fn op_build_string(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let n = arg as usize;
        let base = st.sp - n;
        let mut s = String::new();
        for i in 0..n {
            s.push_str(Vm::as_str(Vm::fget(st.f, base + i)));
        }
        let v = self.new_string(s);
        st.sp = base;
        push(self, st, v);
        Ok(())
    }

    /// `SET_ADD` (set comprehensions).
    #[inline(never)]
    pub(super) fn op_set_add(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let v = pop(st);
        let s = peek(st, arg as usize);
        self.set_add(s, v)?;
        self.refresh(st);
        Ok(())
    }

    /// `MAP_ADD` (dict comprehensions).
    #[inline(never)]
    pub(super) fn op_map_add(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let v = pop(st);
        let k = pop(st);
        let d = peek(st, arg as usize);
        self.dict_set(d, k, v)?;
        self.refresh(st);
        Ok(())
    }

    /// `LIST_EXTEND`.
    #[inline(never)]
    pub(super) fn op_list_extend(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let it = pop(st);
        let l = peek(st, arg as usize);
        self.list_extend(l, it)?;
        self.refresh(st);
        Ok(())
    }

    /// `SET_UPDATE`.
    #[inline(never)]
    pub(super) fn op_set_update(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let it = pop(st);
        let s = peek(st, arg as usize);
        self.set_update(s, it)?;
        self.refresh(st);
        Ok(())
    }

    /// `DICT_UPDATE`.
    #[inline(never)]
    pub(super) fn op_dict_update(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let it = pop(st);
        let d = peek(st, arg as usize);
        self.dict_update(d, it)?;
        self.refresh(st);
        Ok(())
    }

    /// `LIST_TO_TUPLE`.
    #[inline(never)]
    pub(super) fn op_list_to_tuple(&mut self, st: &mut St, _arg: u32) -> PyResult<()> {
        let l = top(st);
        let t = self.new_tuple(&Vm::list_items(l));
        set_top(self, st, t);
        Ok(())
    }

    /// `FORMAT_VALUE` (f-strings).
    #[inline(never)]
    pub(super) fn op_format_value(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let spec = if arg & 4 != 0 { pop(st) } else { Value::NULL };
        let v = top(st);
        let r = self.format_value(v, arg & 3, spec)?;
        self.refresh(st);
        set_top(self, st, r);
        Ok(())
    }

    /// `UNPACK_EX`: `a, *b, c = v` (and sequence patterns).
    #[inline(never)]
    pub(super) fn op_unpack_ex(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let v = pop(st);
        let before = (arg & 0xff) as usize;
        let after = ((arg >> 8) & 0xff) as usize;
        let items = if arg >> 16 != 0 {
            self.unpack_by_len(v)?
        } else {
            self.unpack(v, usize::MAX)?
        };
        self.refresh(st);
        if items.len() < before + after {
            let msg = format!(
                "not enough values to unpack (expected at least {}, got {})",
                before + after,
                items.len()
            );
            return Err(self.raise_msg(T::ValueError, &msg));
        }
        let mid = self.new_list(&items[before..items.len() - after]);
        for x in items[items.len() - after..].iter().rev() {
            push(self, st, *x);
        }
        push(self, st, mid);
        for x in items[..before].iter().rev() {
            push(self, st, *x);
        }
        Ok(())
    }

    /// `MAKE_FUNCTION`.
    #[inline(never)]
    pub(super) fn op_make_function(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        // Allocation sites (tracemalloc) read the line from the frame.
        st.f.set_word(FRAME_PC, st.pc);
        let code = pop(st);
        let closure = if arg & MF_CLOSURE != 0 {
            pop(st)
        } else {
            Value::NULL
        };
        let kwd = if arg & MF_KWDEFAULTS != 0 {
            pop(st)
        } else {
            Value::NULL
        };
        let defs = if arg & MF_DEFAULTS != 0 {
            pop(st)
        } else {
            Value::NULL
        };
        let g = Value(st.f.word(FRAME_GLOBALS));
        let f = self.make_function(code, g, defs, kwd, closure);
        push(self, st, f);
        Ok(())
    }
}
