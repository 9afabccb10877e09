//! The dispatch loop's value-stack primitives and its local-variable,
//! cell and stack-shuffle opcodes.

use super::interp::St;
use super::{PyResult, Vm};
use crate::compile::bytecode::*;
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;

impl St {
    /// Pops the top of the value stack.
    #[inline(always)]
    pub(super) fn pop(&mut self) -> Value {
        self.sp -= 1;
        Value(self.f.word(FRAME_ITEMS + 8 * self.sp))
    }
    /// The top of the value stack.
    #[inline(always)]
    pub(super) fn top(&self) -> Value {
        Value(self.f.word(FRAME_ITEMS + 8 * (self.sp - 1)))
    }
    /// The `n`th value from the top (1 is the top).
    #[inline(always)]
    pub(super) fn peek(&self, n: usize) -> Value {
        Value(self.f.word(FRAME_ITEMS + 8 * (self.sp - n)))
    }
}

impl Vm {
    /// Pushes `v` on the value stack (a barrier store: the frame may be old).
    #[inline(always)]
    pub(super) fn push(&mut self, st: &mut St, v: Value) {
        let sp = st.sp;
        self.m.write_item(st.f, sp, FRAME_ITEMS + 8 * sp, v.0);
        st.sp = sp + 1;
    }
    /// Replaces the top of the value stack (a barrier store).
    #[inline(always)]
    pub(super) fn set_top(&mut self, st: &mut St, v: Value) {
        let i = st.sp - 1;
        self.m.write_item(st.f, i, FRAME_ITEMS + 8 * i, v.0);
    }

    /// `DupTop2`.
    #[inline(always)]
    pub(super) fn op_dup_top2(&mut self, st: &mut St) {
        let a = st.peek(2);
        let b = st.peek(1);
        self.push(st, a);
        self.push(st, b);
    }

    /// `RotTwo`.
    #[inline(always)]
    pub(super) fn op_rot_two(&mut self, st: &mut St) {
        let a = st.pop();
        let b = st.pop();
        self.push(st, a);
        self.push(st, b);
    }

    /// `RotThree`.
    #[inline(always)]
    pub(super) fn op_rot_three(&mut self, st: &mut St) {
        let a = st.pop();
        let b = st.pop();
        let c = st.pop();
        self.push(st, a);
        self.push(st, c);
        self.push(st, b);
    }

    /// `RotFour`.
    #[inline(never)]
    pub(super) fn op_rot_four(&mut self, st: &mut St) {
        let a = st.pop();
        let b = st.pop();
        let c = st.pop();
        let d = st.pop();
        self.push(st, a);
        self.push(st, d);
        self.push(st, c);
        self.push(st, b);
    }

    /// `LoadFast`.
    #[inline(always)]
    pub(super) fn op_load_fast(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let v = Vm::fget(st.f, arg as usize);
        if v.is_null() {
            let name = st.code.varnames[arg as usize].clone();
            return Err(self.raise_msg(
                T::UnboundLocalError,
                &format!(
                    "cannot access local variable '{name}' where it is not associated with a value"
                ),
            ));
        }
        self.push(st, v);
        Ok(())
    }

    /// `LoadDeref / LoadClassDeref`.
    #[inline(always)]
    pub(super) fn op_load_deref(&mut self, st: &mut St, op: Op, arg: u32) -> PyResult<()> {
        let nl = st.code.nlocals as usize;
        if op == Op::LoadClassDeref {
            let locals = Value(st.f.word(FRAME_LOCALS));
            let name = self.cell_name(&st.code, arg as usize);
            let n = self.intern(&name);
            if let Some(v) = self.dict_get_str(locals, n) {
                self.push(st, v);
                return Ok(());
            }
        }
        let cell = Vm::fget(st.f, nl + arg as usize);
        let v = Vm::get(cell.obj().expect("cell"), 1);
        if v.is_null() {
            let name = self.cell_name(&st.code, arg as usize);
            return Err(self.raise_msg(
                T::NameError,
                &format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
            ));
        }
        self.push(st, v);
        Ok(())
    }

    /// `StoreDeref / DeleteDeref`.
    #[inline(always)]
    pub(super) fn op_store_deref(&mut self, st: &mut St, op: Op, arg: u32) {
        let v = if op == Op::StoreDeref {
            st.pop()
        } else {
            Value::NULL
        };
        let nl = st.code.nlocals as usize;
        let cell = Vm::fget(st.f, nl + arg as usize).obj().expect("cell");
        self.set(cell, 1, v);
    }
}
