//! Dispatch of the opcodes added for `match` statements and async
//! iteration / context managers (kept out of the main loop's file).

use super::interp::St;
use super::{Exc, PyResult, Vm, R_EXC};
use crate::compile::bytecode::Op;
use crate::object::layout::FRAME_ITEMS;
use crate::object::value::Value;
use crate::object::T;

impl Vm {
    /// The items of a match subject (a sequence): `v[0..len(v)]` for other
    /// than lists and tuples, as CPython's sequence patterns read them
    /// (an endless `__iter__` does not matter).
    pub fn unpack_by_len(&mut self, v: Value) -> PyResult<Vec<Value>> {
        use crate::object::layout::Kind;
        if matches!(Vm::kind(v), Some(Kind::List | Kind::Tuple)) {
            return self.unpack(v, usize::MAX);
        }
        let base = self.root_depth();
        let hv = self.push_root(v);
        let n = match self.len(v) {
            Ok(n) => n,
            Err(e) => {
                self.pop_roots(base);
                return Err(e);
            }
        };
        let mut hs = Vec::with_capacity(n);
        for i in 0..n {
            let k = self.new_int(i as i64);
            match self.getitem(self.root(hv), k) {
                Ok(x) => hs.push(self.push_root(x)),
                Err(e) => {
                    self.pop_roots(base);
                    return Err(e);
                }
            }
        }
        let items = hs.iter().map(|h| self.root(*h)).collect();
        self.pop_roots(base);
        Ok(items)
    }

    /// Executes one of the extension opcodes.
    pub(super) fn dispatch_ext(&mut self, st: &mut St, op: Op, arg: u32) -> PyResult<()> {
        match op {
            Op::MatchClass => {
                let names = st.pop();
                let cls = st.pop();
                let subj = st.top();
                let r = self.match_class(subj, cls, names, arg as usize)?;
                self.refresh(st);
                self.set_top(st, r);
            }
            Op::MatchSequence => {
                let b = self.match_is_sequence(st.top());
                self.push(st, Value::bool(b));
            }
            Op::MatchMapping => {
                let b = self.match_is_mapping(st.top());
                self.push(st, Value::bool(b));
            }
            Op::MatchKeys => {
                let (subj, keys) = (st.peek(2), st.top());
                let r = self.match_keys(subj, keys)?;
                self.refresh(st);
                self.push(st, r);
            }
            Op::GetLen => {
                let n = self.len(st.top())?;
                self.refresh(st);
                let v = self.new_int(n as i64);
                self.push(st, v);
            }
            Op::CopyN => self.push(st, st.peek(arg as usize)),
            Op::Swap => {
                let (a, b) = (st.top(), st.peek(arg as usize));
                self.set_top(st, b);
                let i = st.sp - arg as usize;
                self.m.write_item(st.f, i, FRAME_ITEMS + 8 * i, a.0);
            }
            Op::RotN => {
                // TOS moves down below the next arg-1 items.
                let n = arg as usize;
                let v = st.top();
                for i in (st.sp - n + 1..st.sp).rev() {
                    let x = Value(st.f.word(FRAME_ITEMS + 8 * (i - 1)));
                    self.m.write_item(st.f, i, FRAME_ITEMS + 8 * i, x.0);
                }
                let i = st.sp - n;
                self.m.write_item(st.f, i, FRAME_ITEMS + 8 * i, v.0);
            }
            Op::CopyDictWithoutKeys => {
                let (subj, keys) = (st.peek(2), st.top());
                let r = self.copy_dict_without_keys(subj, keys)?;
                self.refresh(st);
                self.set_top(st, r);
            }
            Op::GetAIter => {
                let it = self.get_aiter(st.top())?;
                self.refresh(st);
                self.set_top(st, it);
            }
            Op::GetANext => {
                let aw = self.get_anext(st.top())?;
                self.refresh(st);
                self.push(st, aw);
            }
            Op::EndAsyncFor => {
                let e = st.pop();
                st.sp -= 1;
                if !self.isinstance(e, self.ty(T::StopAsyncIteration)) {
                    self.set_root(R_EXC, e);
                    self.reraise = true;
                    return Err(Exc);
                }
            }
            Op::BeforeAsyncWith => {
                let (exit, aw) = self.before_async_with(st.top())?;
                self.refresh(st);
                self.set_top(st, exit);
                self.push(st, aw);
            }
            Op::WithExceptStart => {
                let r = self.with_except_start(st.peek(2), st.top())?;
                self.refresh(st);
                self.push(st, r);
            }
            Op::WithExceptFinish => {
                let r = st.pop();
                let b = self.truthy(r)?;
                self.refresh(st);
                let e = st.pop();
                st.sp -= 1;
                if b {
                    st.pc = arg as usize;
                } else {
                    self.set_root(R_EXC, e);
                    self.reraise = true;
                    return Err(Exc);
                }
            }
            Op::AsyncGenWrap => {
                let w = self.async_gen_wrap(st.top());
                self.set_top(st, w);
            }
            _ => {}
        }
        Ok(())
    }
}
