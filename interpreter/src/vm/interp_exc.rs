//! Exception and `with` opcodes of the dispatch loop.

use super::interp::St;
use super::{Exc, PyResult, Vm, R_EXC, R_HANDLED};
use crate::object::value::Value;
use crate::object::T;

impl Vm {
    /// `Raise`.
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
                Err(Exc)
            }
            1 => {
                let e = st.pop();
                Err(self.raise_value(e, Value::NULL))
            }
            _ => {
                let cause = st.pop();
                let e = st.pop();
                Err(self.raise_value(e, if cause.is_none() { Value::NONE } else { cause }))
            }
        }
    }

    /// `Reraise`.
    #[inline(never)]
    pub(super) fn op_reraise(&mut self, st: &mut St) -> PyResult<()> {
        let e = st.pop();
        self.set_root(R_EXC, e);
        self.reraise = true;
        Err(Exc)
    }

    /// `PushExcInfo`.
    #[inline(always)]
    pub(super) fn op_push_exc_info(&mut self, st: &mut St) {
        let e = st.pop();
        let prev = self.root(R_HANDLED);
        self.push(st, prev);
        self.push(st, e);
        self.set_root(R_HANDLED, e);
        // The exception is handled: R_EXC must not keep it (and
        // its traceback's frames) alive after the handler.
        self.set_root(R_EXC, Value::NULL);
    }

    /// `CheckExcMatch`.
    #[inline(always)]
    pub(super) fn op_check_exc_match(&mut self, st: &mut St) -> PyResult<()> {
        let t = st.pop();
        let e = st.top();
        let r = self.exc_matches(e, t)?;
        self.push(st, Value::bool(r));
        Ok(())
    }

    /// `BeforeWith`.
    #[inline(never)]
    pub(super) fn op_before_with(&mut self, st: &mut St) -> PyResult<()> {
        let mgr = st.top();
        let (exit, res) = self.before_with(mgr)?;
        self.refresh(st);
        self.set_top(st, exit);
        self.push(st, res);
        Ok(())
    }

    /// `WithExitNormal`.
    #[inline(never)]
    pub(super) fn op_with_exit_normal(&mut self, st: &mut St) -> PyResult<()> {
        let exit = st.pop();
        self.call0(exit, &[Value::NONE, Value::NONE, Value::NONE])?;
        self.refresh(st);
        Ok(())
    }

    /// `WithExcept`.
    #[inline(never)]
    pub(super) fn op_with_except(&mut self, st: &mut St, arg: u32) -> PyResult<()> {
        let e = st.pop();
        let exit = st.pop();
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

    /// `PrintExpr`.
    #[inline(never)]
    pub(super) fn op_print_expr(&mut self, st: &mut St) -> PyResult<()> {
        let v = st.pop();
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
