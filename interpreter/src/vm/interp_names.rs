//! Name and cell opcodes that are off the hot path: cells (`LoadDeref`,
//! `StoreDeref`, ...), `DeleteGlobal` and the `*Name` opcodes of module and
//! class bodies.

use super::interp::{pop, push, St};
use super::{PyResult, Vm, R_BUILTINS};
use crate::compile::bytecode::*;
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;

impl Vm {
    /// `LOAD_DEREF` / `LOAD_CLASSDEREF`.
    #[inline(never)]
    pub(super) fn op_load_deref(&mut self, st: &mut St, op: Op, arg: u32) -> PyResult<()> {
        let nl = st.code.nlocals as usize;
        if op == Op::LoadClassDeref {
            let locals = Value(st.f.word(FRAME_LOCALS));
            let name = self.cell_name(&st.code, arg as usize);
            let n = self.intern(&name);
            if let Some(v) = self.dict_get_str(locals, n) {
                push(self, st, v);
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
        push(self, st, v);
        Ok(())
    }

    /// `STORE_DEREF` / `DELETE_DEREF`.
    #[inline(never)]
    pub(super) fn op_store_deref(&mut self, st: &mut St, op: Op, arg: u32) -> PyResult<()> {
        let v = if op == Op::StoreDeref {
            pop(st)
        } else {
            Value::NULL
        };
        let nl = st.code.nlocals as usize;
        let cell = Vm::fget(st.f, nl + arg as usize).obj().expect("cell");
        self.set(cell, 1, v);
        Ok(())
    }

    /// `DELETE_GLOBAL`.
    #[inline(never)]
    pub(super) fn op_delete_global(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let name = Vm::name_at(st, arg);
        let g = Value(st.f.word(FRAME_GLOBALS));
        if self.dict_del(g, name)?.is_none() {
            let msg = format!("name '{}' is not defined", Vm::as_str(name));
            return Err(self.raise_msg(T::NameError, &msg));
        }
        self.refresh(st);
        Ok(())
    }

    /// `LOAD_NAME`: locals (any mapping), globals, builtins.
    #[inline(never)]
    pub(super) fn op_load_name(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let name = Vm::name_at(st, arg);
        let locals = Value(st.f.word(FRAME_LOCALS));
        let v = if !locals.is_ref() {
            None
        } else if self.type_of(locals) == self.ty(T::Dict) {
            self.dict_get_str(locals, name)
        } else {
            Vm::save_st(st);
            let r = self.getitem(locals, name);
            self.refresh(st);
            match r {
                Ok(v) => Some(v),
                Err(e) => {
                    if !self.exc_is(T::KeyError) {
                        return Err(e);
                    }
                    self.take_exc();
                    None
                }
            }
        };
        let name = Vm::name_at(st, arg);
        let g = Value(st.f.word(FRAME_GLOBALS));
        let v = v
            .or_else(|| self.dict_get_str(g, name))
            .or_else(|| self.dict_get_str(self.root(R_BUILTINS), name));
        match v {
            Some(v) => push(self, st, v),
            None => {
                let msg = format!("name '{}' is not defined", Vm::as_str(name));
                return Err(self.raise_msg(T::NameError, &msg));
            }
        }
        Ok(())
    }

    /// `STORE_NAME`.
    #[inline(never)]
    pub(super) fn op_store_name(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let name = Vm::name_at(st, arg);
        let v = pop(st);
        let mut locals = Value(st.f.word(FRAME_LOCALS));
        if !locals.is_ref() {
            locals = Value(st.f.word(FRAME_GLOBALS));
        }
        if self.type_of(locals) == self.ty(T::Dict) {
            self.dict_set_str(locals, name, v);
        } else {
            Vm::save_st(st);
            self.setitem(locals, name, v)?;
            self.refresh(st);
        }
        Ok(())
    }

    /// `DELETE_NAME`.
    #[inline(never)]
    pub(super) fn op_delete_name(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let name = Vm::name_at(st, arg);
        let mut locals = Value(st.f.word(FRAME_LOCALS));
        if !locals.is_ref() {
            locals = Value(st.f.word(FRAME_GLOBALS));
        }
        if self.dict_del(locals, name)?.is_none() {
            let msg = format!("name '{}' is not defined", Vm::as_str(name));
            return Err(self.raise_msg(T::NameError, &msg));
        }
        self.refresh(st);
        Ok(())
    }
}
