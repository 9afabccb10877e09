//! Operator, jump and iteration opcodes of the dispatch loop: fast paths
//! inline, the general protocol (which can run Python code) after them.

use super::interp::St;
use super::{PyResult, Vm};
use crate::compile::bytecode::*;
use crate::object::layout::*;
use crate::object::value::Value;

impl Vm {
    /// `Binary / Inplace`.
    #[inline(always)]
    pub(super) fn op_binary(&mut self, st: &mut St, op: Op, arg: u32) -> PyResult<()> {
        let b = st.pop();
        let a = st.top();
        let r = match self.fast_binary(a, b, arg) {
            Some(r) => r,
            None => {
                let r = if op == Op::Binary {
                    self.binary(a, b, arg)?
                } else {
                    self.inplace(a, b, arg)?
                };
                self.refresh(st);
                r
            }
        };
        self.set_top(st, r);
        Ok(())
    }

    /// `Unary`.
    #[inline(always)]
    pub(super) fn op_unary(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let a = st.top();
        let r = self.unary(a, arg)?;
        self.refresh(st);
        self.set_top(st, r);
        Ok(())
    }

    /// `Compare`.
    #[inline(always)]
    pub(super) fn op_compare(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let b = st.pop();
        let a = st.top();
        let r = match self.fast_compare(a, b, arg) {
            Some(r) => Value::bool(r),
            None => {
                let r = self.compare(a, b, arg)?;
                self.refresh(st);
                r
            }
        };
        self.set_top(st, r);
        Ok(())
    }

    /// `ContainsOp`.
    #[inline(always)]
    pub(super) fn op_contains_op(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let b = st.pop();
        let a = st.top();
        let r = self.contains(b, a)?;
        self.refresh(st);
        self.set_top(st, Value::bool(r != (arg == 1)));
        Ok(())
    }

    /// `Subscr`.
    #[inline(always)]
    pub(super) fn op_subscr(&mut self, st: &mut St) -> PyResult<()> {
        let k = st.pop();
        let o = st.top();
        let r = match self.fast_getitem(o, k) {
            Some(r) => r,
            None => {
                let r = self.getitem(o, k)?;
                self.refresh(st);
                r
            }
        };
        self.set_top(st, r);
        Ok(())
    }

    /// `StoreSubscr`.
    #[inline(always)]
    pub(super) fn op_store_subscr(&mut self, st: &mut St) -> PyResult<()> {
        let k = st.pop();
        let o = st.pop();
        let v = st.pop();
        if !self.fast_setitem(o, k, v) {
            self.setitem(o, k, v)?;
            self.refresh(st);
        }
        Ok(())
    }

    /// `DeleteSubscr`.
    #[inline(never)]
    pub(super) fn op_delete_subscr(&mut self, st: &mut St) -> PyResult<()> {
        let k = st.pop();
        let o = st.pop();
        self.delitem(o, k)?;
        self.refresh(st);
        Ok(())
    }

    /// `Jump`.
    #[inline(always)]
    pub(super) fn op_jump(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let t = arg as usize;
        if t < st.pc && (self.m.safepoint_pending() || self.torture()) {
            self.clear_stack(st.f, st.sp, st.f.word(FRAME_LEN));
            self.safepoint();
            self.refresh(st);
            self.memory_error_due()?;
        }
        let back = t < st.pc;
        st.pc = t;
        if back {
            self.jit_hook(st)?;
        }
        Ok(())
    }

    /// `PopJumpIfFalse / PopJumpIfTrue`.
    #[inline(always)]
    pub(super) fn op_pop_jump_if_false(&mut self, st: &mut St, op: Op, arg: u32) -> PyResult<()> {
        let v = st.pop();
        let b = match v {
            Value::TRUE => true,
            Value::FALSE => false,
            _ => {
                let b = self.truthy(v)?;
                self.refresh(st);
                b
            }
        };
        if b == (op == Op::PopJumpIfTrue) {
            st.pc = arg as usize;
        }
        Ok(())
    }

    /// `JumpIfFalseOrPop / JumpIfTrueOrPop`.
    #[inline(always)]
    pub(super) fn op_jump_if_false_or_pop(
        &mut self,
        st: &mut St,
        op: Op,
        arg: u32,
    ) -> PyResult<()> {
        let v = st.top();
        let b = self.truthy(v)?;
        self.refresh(st);
        if b == (op == Op::JumpIfTrueOrPop) {
            st.pc = arg as usize;
        } else {
            st.sp -= 1;
        }
        Ok(())
    }

    /// `GetIter`.
    #[inline(always)]
    pub(super) fn op_get_iter(&mut self, st: &mut St) -> PyResult<()> {
        let v = st.top();
        let it = self.get_iter(v)?;
        self.refresh(st);
        self.set_top(st, it);
        Ok(())
    }

    /// `ForIter`.
    #[inline(always)]
    pub(super) fn op_for_iter(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let it = st.top();
        match self.fast_next(it) {
            Some(Some(v)) => self.push(st, v),
            Some(None) => {
                st.sp -= 1;
                st.pc = arg as usize;
            }
            None => {
                Vm::save_st(st);
                let r = self.iter_next(it)?;
                self.refresh(st);
                match r {
                    Some(v) => self.push(st, v),
                    None => {
                        st.sp -= 1;
                        st.pc = arg as usize;
                    }
                }
            }
        }
        Ok(())
    }
}
