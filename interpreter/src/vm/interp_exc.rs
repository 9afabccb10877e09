//! Exception, `with` and import opcodes, and `PRINT_EXPR`.

use super::interp::{pop, push, set_top, top, St};
use super::{Exc, PyResult, Vm, R_EXC, R_HANDLED};
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;

impl Vm {
    /// `RAISE`: re-raise (0), raise `e` (1), raise `e from cause` (2).
    #[inline(never)]
    pub(super) fn op_raise(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        match arg {
            0 => {
                let h = self.root(R_HANDLED);
                if h.is_null() || h.is_none() {
                    return Err(self.raise_msg(T::RuntimeError, "No active exception to reraise"));
                }
                self.set_root(R_EXC, h);
                self.reraise = true;
                return Err(Exc);
            }
            1 => {
                let e = pop(st);
                return Err(self.raise_value(e, Value::NULL));
            }
            _ => {
                let cause = pop(st);
                let e = pop(st);
                return Err(self.raise_value(e, if cause.is_none() { Value::NONE } else { cause }));
            }
        }
    }

    /// `RERAISE`.
    #[inline(never)]
    pub(super) fn op_reraise(&mut self, st: &mut St, _arg: u32) -> PyResult<()> {
        let e = pop(st);
        self.set_root(R_EXC, e);
        self.reraise = true;
        Err(Exc)
    }

    /// `PUSH_EXC_INFO`: enter an `except` handler.
    #[inline(never)]
    pub(super) fn op_push_exc_info(&mut self, st: &mut St, _arg: u32) -> PyResult<()> {
        let e = pop(st);
        let prev = self.root(R_HANDLED);
        push(self, st, prev);
        push(self, st, e);
        self.set_root(R_HANDLED, e);
        // The exception is handled: R_EXC must not keep it (and
        // its traceback's frames) alive after the handler.
        self.set_root(R_EXC, Value::NULL);
        Ok(())
    }

    /// `CHECK_EXC_MATCH`.
    #[inline(never)]
    pub(super) fn op_check_exc_match(&mut self, st: &mut St, _arg: u32) -> PyResult<()> {
        let t = pop(st);
        let e = top(st);
        let r = self.exc_matches(e, t)?;
        push(self, st, Value::bool(r));
        Ok(())
    }

    /// `BEFORE_WITH`.
    #[inline(never)]
    pub(super) fn op_before_with(&mut self, st: &mut St, _arg: u32) -> PyResult<()> {
        let mgr = top(st);
        let (exit, res) = self.before_with(mgr)?;
        self.refresh(st);
        set_top(self, st, exit);
        push(self, st, res);
        Ok(())
    }

    /// `WITH_EXIT_NORMAL`: `__exit__(None, None, None)`.
    #[inline(never)]
    pub(super) fn op_with_exit_normal(&mut self, st: &mut St, _arg: u32) -> PyResult<()> {
        let exit = pop(st);
        self.call0(exit, &[Value::NONE, Value::NONE, Value::NONE])?;
        self.refresh(st);
        Ok(())
    }

    /// `WITH_EXCEPT`: `__exit__(t, e, tb)`; a true result swallows `e`.
    #[inline(never)]
    pub(super) fn op_with_except(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let e = pop(st);
        let exit = pop(st);
        let h = self.push_root(e);
        let t = self.type_of(e);
        let tb = self.exc_traceback(e);
        let r = self.call0(exit, &[t, e, tb]);
        let e = self.root(h);
        self.pop_roots(h);
        let r = r?;
        let b = self.truthy(r)?;
        self.refresh(st);
        if b {
            st.pc = arg as usize;
        } else {
            self.set_root(R_EXC, e);
            self.reraise = true;
            return Err(Exc);
        }
        Ok(())
    }

    /// `IMPORT_NAME`.
    #[inline(never)]
    pub(super) fn op_import_name(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let fromlist = pop(st);
        let level = pop(st);
        let name = Vm::name_at(st, arg);
        Vm::save_st(st);
        let m = self.import_name(name, fromlist, level.as_int())?;
        self.refresh(st);
        push(self, st, m);
        Ok(())
    }

    /// `IMPORT_FROM`.
    #[inline(never)]
    pub(super) fn op_import_from(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let name = Vm::name_at(st, arg);
        let m = top(st);
        let v = self.import_from(m, name)?;
        self.refresh(st);
        push(self, st, v);
        Ok(())
    }

    /// `IMPORT_STAR`.
    #[inline(never)]
    pub(super) fn op_import_star(&mut self, st: &mut St, _arg: u32) -> PyResult<()> {
        let m = pop(st);
        let g = Value(st.f.word(FRAME_GLOBALS));
        self.import_star(m, g)?;
        self.refresh(st);
        Ok(())
    }

    /// `PRINT_EXPR` (interactive mode).
    #[inline(never)]
    pub(super) fn op_print_expr(&mut self, st: &mut St, _arg: u32) -> PyResult<()> {
        let v = pop(st);
        if !v.is_none() {
            let r = self.repr(v)?;
            let mut s = Vm::as_str(r).to_string();
            s.push('\n');
            self.write_out(s.as_bytes());
            self.flush_out();
            self.refresh(st);
        }
        Ok(())
    }
}
