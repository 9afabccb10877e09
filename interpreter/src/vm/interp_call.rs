//! Call, return, yield and function-creation opcodes of the dispatch loop.
//! A call of a Python function pushes its frame and continues in the same
//! loop; `Return` pops back to the caller's frame.

use super::call::*;
use super::interp::{Outcome, St};
use super::{PyResult, Vm, R_FRAME};
use crate::compile::bytecode::*;
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;

impl Vm {
    /// `Call / CallKw / CallEx`.
    #[inline(always)]
    pub(super) fn op_call(&mut self, st: &mut St, op: Op, arg: u32) -> PyResult<()> {
        // The slots of the callable and arguments are cleared
        // after the call: stale stack slots must not keep
        // objects alive (weakrefs, __del__).
        let call_top = st.sp;
        // Allocation sites (tracemalloc) read the line from the frame.
        st.f.set_word(FRAME_PC, st.pc);
        let (callable, selfv, base);
        let mut buf: Vec<Value> = Vec::new();
        let mut small = [Value::NULL; 12];
        let mut use_small = false;
        let kwnames;
        if op == Op::CallEx {
            let kw = if arg & 1 != 0 { st.pop() } else { Value::NULL };
            let argt = st.pop();
            selfv = st.pop();
            callable = st.pop();
            base = st.sp;
            buf = Vm::tuple_items(argt);
            if kw.is_ref() && Vm::dict_len(kw) > 0 {
                let mut names = vec![];
                let mut pos = 0;
                while let Some((k, v)) = Vm::dict_next(kw, &mut pos) {
                    names.push(k);
                    buf.push(v);
                }
                if names.iter().any(|k| !Vm::is_str(*k)) {
                    let msg = "keywords must be strings";
                    return Err(self.raise_msg(T::TypeError, msg));
                }
                kwnames = self.new_tuple(&names);
            } else {
                kwnames = Value::NULL;
            }
        } else {
            kwnames = if op == Op::CallKw {
                st.pop()
            } else {
                Value::NULL
            };
            let n = arg as usize;
            base = st.sp - n - 2;
            callable = Vm::fget(st.f, base);
            selfv = Vm::fget(st.f, base + 1);
            if n <= 12 {
                for (i, slot) in small.iter_mut().enumerate().take(n) {
                    *slot = Vm::fget(st.f, base + 2 + i);
                }
                use_small = true;
            } else {
                buf = (0..n).map(|i| Vm::fget(st.f, base + 2 + i)).collect();
            }
        }
        let nargs = if op == Op::CallEx { 0 } else { arg as usize };
        let buf: &[Value] = if use_small { &small[..nargs] } else { &buf };
        // Python function: push a frame and continue here.
        let (func, selfv) = match Vm::kind(callable) {
            Some(Kind::Method) if selfv.is_null() => {
                let o = callable.obj().expect("m");
                (Vm::get(o, ME_FUNC), Vm::get(o, ME_SELF))
            }
            _ => (callable, selfv),
        };
        if Vm::is_kind(func, Kind::Function) {
            let nf = self.frame_for_call(func, selfv, buf, kwnames)?;
            let flags = self.code_info(Value(nf.word(FRAME_CODE))).flags;
            if flags & (CO_GENERATOR | CO_COROUTINE) != 0 {
                let g = self.new_generator(nf, func, flags);
                st.sp = base;
                self.push(st, g);
                self.clear_stack(st.f, st.sp, call_top);
                // A safepoint: `await f()` chains may run without
                // any other call or back-edge.
                if self.m.safepoint_pending() || self.torture() {
                    self.clear_stack(st.f, st.sp, st.f.word(FRAME_LEN));
                    self.safepoint();
                    self.refresh(st);
                    self.memory_error_due()?;
                }
                return Ok(());
            }
            st.sp = base;
            self.clear_stack(st.f, base, call_top);
            self.push_frame(st, nf)?;
            return Ok(());
        }
        if let Some(init_frame) = self.fast_new_instance(func, buf, kwnames)? {
            st.sp = base;
            self.clear_stack(st.f, base, call_top);
            self.push_frame(st, init_frame)?;
            return Ok(());
        }
        // gc.collect() may scrub this frame above `call_top`.
        self.fin.scrub = (st.f.to_word(), call_top);
        let r = self.call_with_self(func, selfv, buf, kwnames);
        self.fin.scrub = (0, 0);
        let r = r?;
        self.refresh(st);
        st.sp = base;
        self.push(st, r);
        self.clear_stack(st.f, st.sp, call_top);
        if self.m.safepoint_pending() || self.torture() {
            self.clear_stack(st.f, st.sp, st.f.word(FRAME_LEN));
            self.safepoint();
            self.refresh(st);
            self.memory_error_due()?;
        }
        Ok(())
    }

    /// `Return`.
    #[inline(always)]
    pub(super) fn op_return(&mut self, st: &mut St) -> PyResult<Option<Outcome>> {
        let mut v = st.pop();
        let flags = st.f.word(FRAME_FLAGS);
        let back = Value(st.f.word(FRAME_BACK));
        st.f.set_word(FRAME_FLAGS, flags & !FF_ENTRY);
        Vm::save_st(st);
        if flags & FF_INIT != 0 {
            if !v.is_none() {
                let msg = format!(
                    "__init__() should return None, not '{}'",
                    self.type_name_of(v)
                );
                return Err(self.raise_msg(T::TypeError, &msg));
            }
            v = Vm::fget(st.f, 0);
        }
        self.set_root(R_FRAME, back);
        if flags & FF_ENTRY != 0 {
            return Ok(Some(Outcome::Return(v)));
        }
        self.depth -= 1;
        *st = self.load_st();
        self.push(st, v);
        Ok(None)
    }

    /// `YieldValue`.
    #[inline(always)]
    pub(super) fn op_yield_value(&mut self, st: &mut St) -> PyResult<Option<Outcome>> {
        let v = st.pop();
        let back = Value(st.f.word(FRAME_BACK));
        let flags = st.f.word(FRAME_FLAGS);
        st.f.set_word(FRAME_FLAGS, flags & !FF_ENTRY);
        Vm::save_st(st);
        self.set_root(R_FRAME, back);
        Ok(Some(Outcome::Yield(v)))
    }

    /// `YieldFrom`.
    #[inline(never)]
    pub(super) fn op_yield_from(&mut self, st: &mut St) -> PyResult<Option<Outcome>> {
        let sent = st.pop();
        let it = st.top();
        Vm::save_st(st);
        match self.send_to(it, sent)? {
            Outcome::Yield(y) => {
                self.refresh(st);
                st.pc -= 1;
                let back = Value(st.f.word(FRAME_BACK));
                let flags = st.f.word(FRAME_FLAGS);
                st.f.set_word(FRAME_FLAGS, flags & !FF_ENTRY);
                Vm::save_st(st);
                self.set_root(R_FRAME, back);
                return Ok(Some(Outcome::Yield(y)));
            }
            Outcome::Return(r) => {
                self.refresh(st);
                self.set_top(st, r);
            }
        }
        Ok(None)
    }

    /// `GetYieldFromIter`.
    #[inline(never)]
    pub(super) fn op_get_yield_from_iter(&mut self, st: &mut St) -> PyResult<()> {
        let v = st.top();
        if !Vm::is_kind(v, Kind::Generator) {
            let it = self.get_iter(v)?;
            self.refresh(st);
            self.set_top(st, it);
        }
        Ok(())
    }

    /// `GetAwaitable`.
    #[inline(never)]
    pub(super) fn op_get_awaitable(&mut self, st: &mut St) -> PyResult<()> {
        let v = st.top();
        let a = self.get_awaitable(v)?;
        self.refresh(st);
        self.set_top(st, a);
        Ok(())
    }

    /// `MakeFunction`.
    #[inline(never)]
    pub(super) fn op_make_function(&mut self, st: &mut St, arg: u32) {
        // Allocation sites (tracemalloc) read the line from the frame.
        st.f.set_word(FRAME_PC, st.pc);
        let code = st.pop();
        let closure = if arg & MF_CLOSURE != 0 {
            st.pop()
        } else {
            Value::NULL
        };
        let kwd = if arg & MF_KWDEFAULTS != 0 {
            st.pop()
        } else {
            Value::NULL
        };
        let defs = if arg & MF_DEFAULTS != 0 {
            st.pop()
        } else {
            Value::NULL
        };
        let g = Value(st.f.word(FRAME_GLOBALS));
        let f = self.make_function(code, g, defs, kwd, closure);
        self.push(st, f);
    }
}
