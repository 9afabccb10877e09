//! Builder and unpacking opcodes of the dispatch loop (tuples, lists, sets,
//! dicts, strings, slices; sequence unpacking).

use super::interp::St;
use super::{Exc, PyResult, Vm, R_FRAME};
use crate::compile::bytecode::*;
use crate::object::layout::*;
use crate::object::list::L_ITEMS;
use crate::object::value::Value;
use crate::object::T;

impl Vm {
    /// `BuildSlice`.
    #[inline(always)]
    pub(super) fn op_build_slice(&mut self, st: &mut St, arg: u32) {
        let step = if arg == 3 { st.pop() } else { Value::NONE };
        let stop = st.pop();
        let start = st.pop();
        let s = self.new_slice(start, stop, step);
        self.push(st, s);
    }

    /// `BuildTuple / BuildList`.
    #[inline(always)]
    pub(super) fn op_build_tuple(&mut self, st: &mut St, op: Op, arg: u32) {
        // Allocation sites (tracemalloc) read the line from the frame.
        st.f.set_word(FRAME_PC, st.pc);
        let n = arg as usize;
        let base = st.sp - n;
        let items: Vec<Value> = (0..n).map(|i| Vm::fget(st.f, base + i)).collect();
        let v = if op == Op::BuildTuple {
            self.new_tuple(&items)
        } else {
            self.new_list(&items)
        };
        st.sp = base;
        self.push(st, v);
    }

    /// `BuildSet`.
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
        self.push(st, s);
        Ok(())
    }

    /// `BuildMap`.
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
        self.push(st, d);
        Ok(())
    }

    /// `BuildString`.
    #[inline(never)]
    pub(super) fn op_build_string(&mut self, st: &mut St, arg: u32) {
        let n = arg as usize;
        let base = st.sp - n;
        let mut s = String::new();
        for i in 0..n {
            s.push_str(Vm::as_str(Vm::fget(st.f, base + i)));
        }
        let v = self.new_string(s);
        st.sp = base;
        self.push(st, v);
    }

    /// `SetAdd`.
    #[inline(always)]
    pub(super) fn op_set_add(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let v = st.pop();
        let s = st.peek(arg as usize);
        self.set_add(s, v)?;
        self.refresh(st);
        Ok(())
    }

    /// `MapAdd`.
    #[inline(always)]
    pub(super) fn op_map_add(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let v = st.pop();
        let k = st.pop();
        let d = st.peek(arg as usize);
        self.dict_set(d, k, v)?;
        self.refresh(st);
        Ok(())
    }

    /// `ListExtend`.
    #[inline(never)]
    pub(super) fn op_list_extend(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let it = st.pop();
        let l = st.peek(arg as usize);
        self.list_extend(l, it)?;
        self.refresh(st);
        Ok(())
    }

    /// `SetUpdate`.
    #[inline(never)]
    pub(super) fn op_set_update(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let it = st.pop();
        let s = st.peek(arg as usize);
        self.set_update(s, it)?;
        self.refresh(st);
        Ok(())
    }

    /// `DictUpdate`.
    #[inline(never)]
    pub(super) fn op_dict_update(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let it = st.pop();
        let d = st.peek(arg as usize);
        self.dict_update(d, it)?;
        self.refresh(st);
        Ok(())
    }

    /// `FormatValue`.
    #[inline(never)]
    pub(super) fn op_format_value(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let spec = if arg & 4 != 0 { st.pop() } else { Value::NULL };
        let v = st.top();
        let r = self.format_value(v, arg & 3, spec)?;
        self.refresh(st);
        self.set_top(st, r);
        Ok(())
    }

    /// `UnpackSequence`.
    #[inline(always)]
    pub(super) fn op_unpack_sequence(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let v = st.pop();
        let n = arg as usize;
        let src = match v.obj() {
            Some(o) if kind_of(o) == Kind::Tuple && Vm::var_len(o) == n => Some((o, ITEMS_OFF)),
            Some(o) if kind_of(o) == Kind::List && Vm::list_len(v) == n => {
                Some((Vm::get(o, L_ITEMS).obj().expect("items"), ITEMS_OFF))
            }
            _ => None,
        };
        match src {
            Some((o, off)) => {
                for i in (0..n).rev() {
                    self.push(st, Value(o.word(off + 8 * i)));
                }
            }
            None => {
                let items = self.unpack(v, n)?;
                self.refresh(st);
                for x in items.iter().rev() {
                    self.push(st, *x);
                }
            }
        }
        Ok(())
    }

    /// `UnpackEx`.
    #[inline(never)]
    pub(super) fn op_unpack_ex(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let v = st.pop();
        let before = (arg & 0xff) as usize;
        let after = ((arg >> 8) & 0xff) as usize;
        let items = if arg >> 16 != 0 {
            self.unpack_by_len(v)?
        } else {
            self.unpack_starred(v, before)?
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
            self.push(st, *x);
        }
        self.push(st, mid);
        for x in items[..before].iter().rev() {
            self.push(st, *x);
        }
        Ok(())
    }
}
