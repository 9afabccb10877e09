//! Name, global, attribute and import opcodes of the dispatch loop.

use super::interp::St;
use super::{PyResult, Vm, R_BUILTINS};
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;

impl Vm {
    /// `LoadGlobal`.
    #[inline(always)]
    pub(super) fn op_load_global(&mut self, st: &mut St, arg: u32, ic: u16) -> PyResult<()> {
        let name = Vm::name_at(st, arg);
        let g = Value(st.f.word(FRAME_GLOBALS));
        let v = match self.ic_load_global(st.cache, ic as usize, g, name) {
            Some(v) => v,
            None => {
                let msg = format!("name '{}' is not defined", Vm::as_str(name));
                return Err(self.raise_msg(T::NameError, &msg));
            }
        };
        self.push(st, v);
        Ok(())
    }

    /// `StoreGlobal`.
    #[inline(always)]
    pub(super) fn op_store_global(&mut self, st: &mut St, arg: u32) {
        let name = Vm::name_at(st, arg);
        let v = st.pop();
        let g = Value(st.f.word(FRAME_GLOBALS));
        self.dict_set_str(g, name, v);
    }

    /// `DeleteGlobal`.
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

    /// `LoadName`.
    #[inline(always)]
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
            Some(v) => self.push(st, v),
            None => {
                let msg = format!("name '{}' is not defined", Vm::as_str(name));
                return Err(self.raise_msg(T::NameError, &msg));
            }
        }
        Ok(())
    }

    /// `StoreName`.
    #[inline(always)]
    pub(super) fn op_store_name(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let name = Vm::name_at(st, arg);
        let v = st.pop();
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

    /// `DeleteName`.
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

    /// `LoadAttr`.
    #[inline(always)]
    pub(super) fn op_load_attr(&mut self, st: &mut St, arg: u32, ic: u16) -> PyResult<()> {
        let name = Vm::name_at(st, arg);
        let o = st.top();
        let v = match self.ic_load_attr(st.cache, ic as usize, o, name) {
            Some(v) => v,
            None => {
                let v = self.getattr(o, name)?;
                self.refresh(st);
                v
            }
        };
        self.set_top(st, v);
        Ok(())
    }

    /// `StoreAttr`.
    #[inline(always)]
    pub(super) fn op_store_attr(&mut self, st: &mut St, arg: u32, ic: u16) -> PyResult<()> {
        let name = Vm::name_at(st, arg);
        let o = st.pop();
        let v = st.pop();
        if !self.ic_store_attr(st.cache, ic as usize, o, name, v) {
            self.setattr(o, name, v)?;
            self.refresh(st);
        }
        Ok(())
    }

    /// `DeleteAttr`.
    #[inline(never)]
    pub(super) fn op_delete_attr(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let name = Vm::name_at(st, arg);
        let o = st.pop();
        self.delattr(o, name)?;
        self.refresh(st);
        Ok(())
    }

    /// `LoadMethod`.
    #[inline(always)]
    pub(super) fn op_load_method(&mut self, st: &mut St, arg: u32, ic: u16) -> PyResult<()> {
        let name = Vm::name_at(st, arg);
        let o = st.top();
        let (m, s) = match self.ic_load_method(st.cache, ic as usize, o, name) {
            Some(r) => r,
            None => {
                let r = self.load_method(o, name)?;
                self.refresh(st);
                r
            }
        };
        self.set_top(st, m);
        self.push(st, s);
        Ok(())
    }

    /// `ImportName`.
    #[inline(never)]
    pub(super) fn op_import_name(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let fromlist = st.pop();
        let level = st.pop();
        let name = Vm::name_at(st, arg);
        Vm::save_st(st);
        let m = self.import_name(name, fromlist, level.as_int())?;
        self.refresh(st);
        self.push(st, m);
        Ok(())
    }

    /// `ImportFrom`.
    #[inline(never)]
    pub(super) fn op_import_from(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let name = Vm::name_at(st, arg);
        let m = st.top();
        let v = self.import_from(m, name)?;
        self.refresh(st);
        self.push(st, v);
        Ok(())
    }

    /// `ImportStar`.
    #[inline(never)]
    pub(super) fn op_import_star(&mut self, st: &mut St) -> PyResult<()> {
        let m = st.pop();
        let g = Value(st.f.word(FRAME_GLOBALS));
        self.import_star(m, g)?;
        self.refresh(st);
        Ok(())
    }
}
