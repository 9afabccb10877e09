//! Dispatch of the opcodes added for `match` statements and async
//! iteration / context managers (kept out of the main loop's file).

use super::interp::St;
use super::{Exc, PyResult, Vm, R_EXC};
use crate::compile::bytecode::Op;
use crate::object::layout::FRAME_ITEMS;
use crate::object::value::Value;
use crate::object::T;

#[inline(always)]
fn push(vm: &mut Vm, st: &mut St, v: Value) {
    let sp = st.sp;
    vm.m.write_item(st.f, sp, FRAME_ITEMS + 8 * sp, v.0);
    st.sp = sp + 1;
}
#[inline(always)]
fn pop(st: &mut St) -> Value {
    st.sp -= 1;
    Value(st.f.word(FRAME_ITEMS + 8 * st.sp))
}
#[inline(always)]
fn top(st: &St) -> Value {
    Value(st.f.word(FRAME_ITEMS + 8 * (st.sp - 1)))
}
#[inline(always)]
fn peek(st: &St, n: usize) -> Value {
    Value(st.f.word(FRAME_ITEMS + 8 * (st.sp - n)))
}
#[inline(always)]
fn set_top(vm: &mut Vm, st: &mut St, v: Value) {
    let i = st.sp - 1;
    vm.m.write_item(st.f, i, FRAME_ITEMS + 8 * i, v.0);
}

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
                let names = pop(st);
                let cls = pop(st);
                let subj = top(st);
                let r = self.match_class(subj, cls, names, arg as usize)?;
                self.refresh(st);
                set_top(self, st, r);
            }
            Op::MatchSequence => {
                let b = self.match_is_sequence(top(st));
                push(self, st, Value::bool(b));
            }
            Op::MatchMapping => {
                let b = self.match_is_mapping(top(st));
                push(self, st, Value::bool(b));
            }
            Op::MatchKeys => {
                let (subj, keys) = (peek(st, 2), top(st));
                let r = self.match_keys(subj, keys)?;
                self.refresh(st);
                push(self, st, r);
            }
            Op::GetLen => {
                let n = self.len(top(st))?;
                self.refresh(st);
                let v = self.new_int(n as i64);
                push(self, st, v);
            }
            Op::CopyN => push(self, st, peek(st, arg as usize)),
            Op::Swap => {
                let (a, b) = (top(st), peek(st, arg as usize));
                set_top(self, st, b);
                let i = st.sp - arg as usize;
                self.m.write_item(st.f, i, FRAME_ITEMS + 8 * i, a.0);
            }
            Op::RotN => {
                // TOS moves down below the next arg-1 items.
                let n = arg as usize;
                let v = top(st);
                for i in (st.sp - n + 1..st.sp).rev() {
                    let x = Value(st.f.word(FRAME_ITEMS + 8 * (i - 1)));
                    self.m.write_item(st.f, i, FRAME_ITEMS + 8 * i, x.0);
                }
                let i = st.sp - n;
                self.m.write_item(st.f, i, FRAME_ITEMS + 8 * i, v.0);
            }
            Op::CopyDictWithoutKeys => {
                let (subj, keys) = (peek(st, 2), top(st));
                let r = self.copy_dict_without_keys(subj, keys)?;
                self.refresh(st);
                set_top(self, st, r);
            }
            Op::GetAIter => {
                let it = self.get_aiter(top(st))?;
                self.refresh(st);
                set_top(self, st, it);
            }
            Op::GetANext => {
                let aw = self.get_anext(top(st))?;
                self.refresh(st);
                push(self, st, aw);
            }
            Op::EndAsyncFor => {
                let e = pop(st);
                st.sp -= 1;
                if !self.isinstance(e, self.ty(T::StopAsyncIteration)) {
                    self.set_root(R_EXC, e);
                    self.reraise = true;
                    return Err(Exc);
                }
            }
            Op::BeforeAsyncWith => {
                let (exit, aw) = self.before_async_with(top(st))?;
                self.refresh(st);
                set_top(self, st, exit);
                push(self, st, aw);
            }
            Op::WithExceptStart => {
                let r = self.with_except_start(peek(st, 2), top(st))?;
                self.refresh(st);
                push(self, st, r);
            }
            Op::WithExceptFinish => {
                let r = pop(st);
                let b = self.truthy(r)?;
                self.refresh(st);
                let e = pop(st);
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
                let w = self.async_gen_wrap(top(st));
                set_top(self, st, w);
            }
            _ => {}
        }
        Ok(())
    }
}
