//! Support of the dispatch loop kept out of its file: unwinding to a
//! handler, pushing a Python frame, clearing stack slots, and the list/tuple
//! subscript fast paths.

use super::call::FF_ENTRY;
use super::interp::St;
use super::{PyResult, Vm, R_EXC, R_FRAME};
use crate::compile::bytecode::*;
use crate::object::layout::*;
use crate::object::list::{L_ITEMS, L_LEN};
use crate::object::value::Value;
use crate::object::T;
use gc_api::ObjRef;

impl Vm {
    /// Unwinds to a handler in the current frame chain (up to the entry
    /// frame). Returns false if the exception leaves the entry frame.
    pub(super) fn handle_exception(&mut self, st: &mut St) -> bool {
        let mut skip_tb = std::mem::take(&mut self.reraise);
        loop {
            let pc = st.pc.saturating_sub(1);
            if !skip_tb {
                let line = st.code.lines.get(pc).copied().unwrap_or(0);
                let code = Value(st.f.word(FRAME_CODE));
                self.add_traceback(code, line);
            }
            skip_tb = false;
            let h = st.code.handler_of.get(pc).copied().unwrap_or(u32::MAX);
            if h != u32::MAX {
                let hd = st.code.handlers[h as usize];
                st.sp = st.code.stack_base() + hd.depth as usize;
                let exc = self.root(R_EXC);
                self.fset(st.f, st.sp, exc);
                st.sp += 1;
                st.pc = hd.target as usize;
                return true;
            }
            let flags = st.f.word(FRAME_FLAGS);
            let back = Value(st.f.word(FRAME_BACK));
            st.f.set_word(FRAME_FLAGS, flags & !FF_ENTRY);
            Vm::save_st(st);
            self.set_root(R_FRAME, back);
            if flags & FF_ENTRY != 0 {
                return false;
            }
            self.depth -= 1;
            *st = self.load_st();
        }
    }

    /// Pushes `nf` as the new current frame (a Python→Python call).
    pub(super) fn push_frame(&mut self, st: &mut St, nf: ObjRef) -> PyResult<()> {
        if self.depth >= self.rec_limit {
            return Err(self.raise_msg(T::RecursionError, "maximum recursion depth exceeded"));
        }
        Vm::save_st(st);
        self.m.write_ref(nf, FRAME_BACK, st.f.to_word());
        self.set_root(R_FRAME, Value::from_obj(nf));
        self.depth += 1;
        if self.m.safepoint_pending() || self.torture() {
            self.safepoint();
        }
        // A MemoryError decided here is raised at the next call return or
        // back-edge (in the callee's code, not at its first line).
        *st = self.load_st();
        self.jit_hook(st)
    }

    /// Clears the stack slots `from..to` of frame `f` (with the barrier).
    #[inline(always)]
    pub(crate) fn clear_stack(&mut self, f: ObjRef, from: usize, to: usize) {
        for i in from..to {
            let off = FRAME_ITEMS + 8 * i;
            if f.word(off) != 0 {
                self.m.write_item(f, i, off, 0);
            }
        }
    }

    /// True when torture mode makes every safepoint a candidate.
    #[inline(always)]
    pub fn torture(&self) -> bool {
        self.torture_on
    }

    pub(super) fn cell_name(&self, code: &CodeInfo, i: usize) -> String {
        if i < code.cellvars.len() {
            code.cellvars[i].clone()
        } else {
            code.freevars
                .get(i - code.cellvars.len())
                .cloned()
                .unwrap_or_default()
        }
    }

    /// Reads a list/tuple without calls for the Subscr fast path.
    #[inline(always)]
    pub(crate) fn fast_getitem(&self, o: Value, k: Value) -> Option<Value> {
        if !k.is_int() {
            return None;
        }
        let ob = o.obj()?;
        let mut i = k.as_int();
        if Vm::type_flags(Value(ob.word(TYPE_OFF))) & crate::object::types::F_ITEMS != 0 {
            return None;
        }
        match kind_of(ob) {
            Kind::List => {
                let len = Vm::get(ob, L_LEN).as_int();
                if i < 0 {
                    i += len;
                }
                if i < 0 || i >= len {
                    return None;
                }
                Some(Vm::item(Vm::get(ob, L_ITEMS).obj()?, i as usize))
            }
            Kind::Tuple => {
                let len = Vm::var_len(ob) as i64;
                if i < 0 {
                    i += len;
                }
                if i < 0 || i >= len {
                    return None;
                }
                Some(Vm::item(ob, i as usize))
            }
            _ => None,
        }
    }

    #[inline(always)]
    pub(crate) fn fast_setitem(&mut self, o: Value, k: Value, v: Value) -> bool {
        if !k.is_int() || !Vm::is_kind(o, Kind::List) {
            return false;
        }
        let ob = o.obj().expect("list");
        if Vm::type_flags(Value(ob.word(TYPE_OFF))) & crate::object::types::F_ITEMS != 0 {
            return false;
        }
        let len = Vm::get(ob, L_LEN).as_int();
        let mut i = k.as_int();
        if i < 0 {
            i += len;
        }
        if i < 0 || i >= len {
            return false;
        }
        let arr = Vm::get(ob, L_ITEMS).obj().expect("items");
        self.set_item(arr, i as usize, v);
        true
    }
}
