//! The dispatch loop. Python→Python calls push a frame and continue in the
//! same loop; the current frame lives in the root slot `R_FRAME` and every
//! cached raw pointer (`St`) is re-read after anything that can reach a
//! safepoint (calls, dunder-dispatching operations, back-edges).

use super::call::*;
use super::{Exc, PyResult, Vm, R_EXC, R_FRAME, R_HANDLED};
use crate::compile::bytecode::*;
use crate::object::layout::*;
use crate::object::list::{L_ITEMS, L_LEN};
use crate::object::value::Value;
use crate::object::T;
use gc_api::ObjRef;
use std::rc::Rc;

/// How a run of the loop ended.
pub enum Outcome {
    Return(Value),
    Yield(Value),
}

pub(crate) struct St {
    pub(super) f: ObjRef,
    pub(super) code: Rc<CodeInfo>,
    pub(super) consts: ObjRef,
    pub(super) names: ObjRef,
    pub(super) cache: ObjRef,
    pub(super) pc: usize,
    pub(super) sp: usize,
}

// The value stack of the current frame (`st.f`'s items below `st.sp`).
#[inline(always)]
pub(super) fn push(vm: &mut Vm, st: &mut St, v: Value) {
    let sp = st.sp;
    vm.m.write_item(st.f, sp, FRAME_ITEMS + 8 * sp, v.0);
    st.sp = sp + 1;
}
#[inline(always)]
pub(super) fn pop(st: &mut St) -> Value {
    st.sp -= 1;
    Value(st.f.word(FRAME_ITEMS + 8 * st.sp))
}
#[inline(always)]
pub(super) fn top(st: &St) -> Value {
    Value(st.f.word(FRAME_ITEMS + 8 * (st.sp - 1)))
}
#[inline(always)]
pub(super) fn peek(st: &St, n: usize) -> Value {
    Value(st.f.word(FRAME_ITEMS + 8 * (st.sp - n)))
}
#[inline(always)]
pub(super) fn set_top(vm: &mut Vm, st: &mut St, v: Value) {
    let i = st.sp - 1;
    vm.m.write_item(st.f, i, FRAME_ITEMS + 8 * i, v.0);
}

impl Vm {
    pub(super) fn load_st(&self) -> St {
        let f = self.root(R_FRAME).obj().expect("frame");
        let code = Value(f.word(FRAME_CODE));
        let co = code.obj().expect("code");
        St {
            f,
            code: self.code_info(code),
            consts: Vm::get(co, CO_CONSTS).obj().expect("consts"),
            names: Vm::get(co, CO_NAMES).obj().expect("names"),
            cache: Vm::get(co, CO_CACHE).obj().expect("cache"),
            pc: f.word(FRAME_PC),
            sp: f.word(FRAME_SP),
        }
    }
    #[inline(always)]
    pub(super) fn refresh(&self, st: &mut St) {
        let f = self.root(R_FRAME).obj().expect("frame");
        let co = Value(f.word(FRAME_CODE)).obj().expect("code");
        st.f = f;
        st.consts = Vm::get(co, CO_CONSTS).obj().expect("consts");
        st.names = Vm::get(co, CO_NAMES).obj().expect("names");
        st.cache = Vm::get(co, CO_CACHE).obj().expect("cache");
    }
    /// Counts a call or back-edge for the JIT and runs compiled code from
    /// `st.pc` when the function is compiled; `st` then says where the
    /// interpreter continues (or where the exception was raised).
    #[inline(always)]
    pub(super) fn jit_hook(&mut self, st: &mut St) -> PyResult<()> {
        if !self.jit.cfg.on {
            return Ok(());
        }
        Vm::save_st(st);
        match self.jit_enter(st.pc, st.sp) {
            crate::jit::Entered::No => Ok(()),
            crate::jit::Entered::Ran(r) => {
                self.refresh(st);
                st.pc = st.f.word(FRAME_PC);
                st.sp = st.f.word(FRAME_SP);
                r
            }
        }
    }
    #[inline(always)]
    pub(super) fn save_st(st: &St) {
        st.f.set_word(FRAME_PC, st.pc);
        st.f.set_word(FRAME_SP, st.sp);
    }

    /// Runs `f` (and every frame it pushes) until it returns or yields.
    /// With `throw`, starts by raising the exception in `R_EXC` inside `f`.
    pub fn run_frame(&mut self, f: ObjRef, throw: bool) -> PyResult<Outcome> {
        if self.depth >= self.rec_limit {
            return Err(self.raise_msg(T::RecursionError, "maximum recursion depth exceeded"));
        }
        // `f` may be an old frame (a resumed generator): barrier store.
        let back = self.root(R_FRAME);
        self.m.write_ref(f, FRAME_BACK, back.0);
        f.set_word(FRAME_FLAGS, f.word(FRAME_FLAGS) | FF_ENTRY);
        self.set_root(R_FRAME, Value::from_obj(f));
        self.depth += 1;
        let mut st = self.load_st();
        if throw && !self.handle_exception(&mut st) {
            self.depth -= 1;
            return Err(Exc);
        }
        if !throw && st.pc == 0 && self.jit_hook(&mut st).is_err() {
            self.refresh(&mut st);
            if !self.handle_exception(&mut st) {
                self.depth -= 1;
                return Err(Exc);
            }
        }
        loop {
            match self.dispatch(&mut st) {
                Ok(o) => {
                    self.depth -= 1;
                    return Ok(o);
                }
                Err(_) => {
                    // the failing call may have moved the frame (moving GC)
                    self.refresh(&mut st);
                    if !self.handle_exception(&mut st) {
                        self.depth -= 1;
                        return Err(Exc);
                    }
                }
            }
        }
    }

    /// Unwinds to a handler in the current frame chain (up to the entry
    /// frame). Returns false if the exception leaves the entry frame.
    fn handle_exception(&mut self, st: &mut St) -> bool {
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

    #[inline(always)]
    pub(super) fn name_at(st: &St, i: u32) -> Value {
        Vm::item(st.names, i as usize)
    }

    #[allow(clippy::cognitive_complexity)]
    fn dispatch(&mut self, st: &mut St) -> PyResult<Outcome> {
        loop {
            let ins = st.code.instrs[st.pc];
            st.pc += 1;
            let arg = ins.arg;
            match ins.op {
                Op::Nop => {}
                Op::PopTop => {
                    st.sp -= 1;
                }
                Op::DupTop => {
                    let v = top(st);
                    push(self, st, v);
                }
                Op::DupTop2 => {
                    let a = peek(st, 2);
                    let b = peek(st, 1);
                    push(self, st, a);
                    push(self, st, b);
                }
                Op::RotTwo => {
                    let a = pop(st);
                    let b = pop(st);
                    push(self, st, a);
                    push(self, st, b);
                }
                Op::RotThree => {
                    let a = pop(st);
                    let b = pop(st);
                    let c = pop(st);
                    push(self, st, a);
                    push(self, st, c);
                    push(self, st, b);
                }
                Op::RotFour => {
                    let a = pop(st);
                    let b = pop(st);
                    let c = pop(st);
                    let d = pop(st);
                    push(self, st, a);
                    push(self, st, d);
                    push(self, st, c);
                    push(self, st, b);
                }
                Op::PushNull => push(self, st, Value::NULL),
                Op::LoadConst => {
                    let v = Vm::item(st.consts, arg as usize);
                    push(self, st, v)
                }
                Op::LoadFast => {
                    let v = Vm::fget(st.f, arg as usize);
                    if v.is_null() {
                        let name = st.code.varnames[arg as usize].clone();
                        return Err(self.raise_msg(
                            T::UnboundLocalError,
                            &format!("cannot access local variable '{name}' where it is not associated with a value"),
                        ));
                    }
                    push(self, st, v);
                }
                Op::StoreFast => {
                    let v = pop(st);
                    self.fset(st.f, arg as usize, v);
                }
                Op::DeleteFast => {
                    self.fset(st.f, arg as usize, Value::NULL);
                }
                Op::LoadDeref => {
                    let nl = st.code.nlocals as usize;
                    let cell = Vm::fget(st.f, nl + arg as usize);
                    let v = Vm::get(cell.obj().expect("cell"), 1);
                    if v.is_null() {
                        self.op_load_deref(st, ins.op, arg)?;
                    } else {
                        push(self, st, v);
                    }
                }
                Op::LoadClassDeref => self.op_load_deref(st, ins.op, arg)?,
                Op::StoreDeref => {
                    let v = pop(st);
                    let nl = st.code.nlocals as usize;
                    let cell = Vm::fget(st.f, nl + arg as usize).obj().expect("cell");
                    self.set(cell, 1, v);
                }
                Op::DeleteDeref => self.op_store_deref(st, ins.op, arg)?,
                Op::LoadClosure => {
                    let nl = st.code.nlocals as usize;
                    {
                        let v = Vm::fget(st.f, nl + arg as usize);
                        push(self, st, v)
                    };
                }
                Op::LoadGlobal => {
                    let name = Vm::name_at(st, arg);
                    let g = Value(st.f.word(FRAME_GLOBALS));
                    let v = match self.ic_load_global(st.cache, st.pc - 1, g, name) {
                        Some(v) => v,
                        None => {
                            let msg = format!("name '{}' is not defined", Vm::as_str(name));
                            return Err(self.raise_msg(T::NameError, &msg));
                        }
                    };
                    push(self, st, v);
                }
                Op::StoreGlobal => {
                    let name = Vm::name_at(st, arg);
                    let v = pop(st);
                    let g = Value(st.f.word(FRAME_GLOBALS));
                    self.dict_set_str(g, name, v);
                }
                Op::DeleteGlobal => self.op_delete_global(st, arg)?,
                Op::LoadName => self.op_load_name(st, arg)?,
                Op::StoreName => self.op_store_name(st, arg)?,
                Op::DeleteName => self.op_delete_name(st, arg)?,
                Op::LoadAttr => {
                    let name = Vm::name_at(st, arg);
                    let o = top(st);
                    let v = match self.ic_load_attr(st.cache, st.pc - 1, o, name) {
                        Some(v) => v,
                        None => {
                            let v = self.getattr(o, name)?;
                            self.refresh(st);
                            v
                        }
                    };
                    set_top(self, st, v);
                }
                Op::StoreAttr => {
                    let name = Vm::name_at(st, arg);
                    let o = pop(st);
                    let v = pop(st);
                    if !self.ic_store_attr(st.cache, st.pc - 1, o, name, v) {
                        self.setattr(o, name, v)?;
                        self.refresh(st);
                    }
                }
                Op::DeleteAttr => {
                    let name = Vm::name_at(st, arg);
                    let o = pop(st);
                    self.delattr(o, name)?;
                    self.refresh(st);
                }
                Op::LoadMethod => {
                    let name = Vm::name_at(st, arg);
                    let o = top(st);
                    let (m, s) = match self.ic_load_method(st.cache, st.pc - 1, o, name) {
                        Some(r) => r,
                        None => {
                            let r = self.load_method(o, name)?;
                            self.refresh(st);
                            r
                        }
                    };
                    set_top(self, st, m);
                    push(self, st, s);
                }
                Op::Call | Op::CallKw | Op::CallEx => self.op_call(st, ins.op, arg)?,
                Op::Return => {
                    let mut v = pop(st);
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
                        return Ok(Outcome::Return(v));
                    }
                    self.depth -= 1;
                    *st = self.load_st();
                    push(self, st, v);
                }
                Op::YieldValue => {
                    let v = pop(st);
                    let back = Value(st.f.word(FRAME_BACK));
                    let flags = st.f.word(FRAME_FLAGS);
                    st.f.set_word(FRAME_FLAGS, flags & !FF_ENTRY);
                    Vm::save_st(st);
                    self.set_root(R_FRAME, back);
                    return Ok(Outcome::Yield(v));
                }
                Op::YieldFrom => {
                    let sent = pop(st);
                    let it = top(st);
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
                            return Ok(Outcome::Yield(y));
                        }
                        Outcome::Return(r) => {
                            self.refresh(st);
                            set_top(self, st, r);
                        }
                    }
                }
                Op::GetYieldFromIter => {
                    let v = top(st);
                    if !Vm::is_kind(v, Kind::Generator) {
                        let it = self.get_iter(v)?;
                        self.refresh(st);
                        set_top(self, st, it);
                    }
                }
                Op::GetAwaitable => {
                    let v = top(st);
                    let a = self.get_awaitable(v)?;
                    self.refresh(st);
                    set_top(self, st, a);
                }
                Op::Binary | Op::Inplace => {
                    let b = pop(st);
                    let a = top(st);
                    let r = match self.fast_binary(a, b, arg) {
                        Some(r) => r,
                        None => {
                            let r = if ins.op == Op::Binary {
                                self.binary(a, b, arg)?
                            } else {
                                self.inplace(a, b, arg)?
                            };
                            self.refresh(st);
                            r
                        }
                    };
                    set_top(self, st, r);
                }
                Op::Unary => {
                    let a = top(st);
                    let r = self.unary(a, arg)?;
                    self.refresh(st);
                    set_top(self, st, r);
                }
                Op::Compare => {
                    let b = pop(st);
                    let a = top(st);
                    let r = match self.fast_compare(a, b, arg) {
                        Some(r) => Value::bool(r),
                        None => {
                            let r = self.compare(a, b, arg)?;
                            self.refresh(st);
                            r
                        }
                    };
                    set_top(self, st, r);
                }
                Op::IsOp => {
                    let b = pop(st);
                    let a = top(st);
                    set_top(self, st, Value::bool((a == b) != (arg == 1)));
                }
                Op::ContainsOp => {
                    let b = pop(st);
                    let a = top(st);
                    let r = self.contains(b, a)?;
                    self.refresh(st);
                    set_top(self, st, Value::bool(r != (arg == 1)));
                }
                Op::Subscr => {
                    let k = pop(st);
                    let o = top(st);
                    let r = match self.fast_getitem(o, k) {
                        Some(r) => r,
                        None => {
                            let r = self.getitem(o, k)?;
                            self.refresh(st);
                            r
                        }
                    };
                    set_top(self, st, r);
                }
                Op::StoreSubscr => {
                    let k = pop(st);
                    let o = pop(st);
                    let v = pop(st);
                    if !self.fast_setitem(o, k, v) {
                        self.setitem(o, k, v)?;
                        self.refresh(st);
                    }
                }
                Op::DeleteSubscr => {
                    let k = pop(st);
                    let o = pop(st);
                    self.delitem(o, k)?;
                    self.refresh(st);
                }
                Op::BuildSlice => {
                    let step = if arg == 3 { pop(st) } else { Value::NONE };
                    let stop = pop(st);
                    let start = pop(st);
                    let s = self.new_slice(start, stop, step);
                    push(self, st, s);
                }
                Op::BuildTuple | Op::BuildList => {
                    // Allocation sites (tracemalloc) read the line from the frame.
                    st.f.set_word(FRAME_PC, st.pc);
                    let n = arg as usize;
                    let base = st.sp - n;
                    let items: Vec<Value> = (0..n).map(|i| Vm::fget(st.f, base + i)).collect();
                    let v = if ins.op == Op::BuildTuple {
                        self.new_tuple(&items)
                    } else {
                        self.new_list(&items)
                    };
                    st.sp = base;
                    push(self, st, v);
                }
                Op::BuildSet => self.op_build_set(st, arg)?,
                Op::BuildMap => self.op_build_map(st, arg)?,
                Op::BuildString => self.op_build_string(st, arg)?,
                Op::ListAppend => {
                    let v = pop(st);
                    let l = peek(st, arg as usize);
                    self.list_append(l, v);
                }
                Op::SetAdd => self.op_set_add(st, arg)?,
                Op::MapAdd => self.op_map_add(st, arg)?,
                Op::ListExtend => self.op_list_extend(st, arg)?,
                Op::SetUpdate => self.op_set_update(st, arg)?,
                Op::DictUpdate => self.op_dict_update(st, arg)?,
                Op::ListToTuple => self.op_list_to_tuple(st, arg)?,
                Op::FormatValue => self.op_format_value(st, arg)?,
                Op::Jump => {
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
                }
                Op::PopJumpIfFalse | Op::PopJumpIfTrue => {
                    let v = pop(st);
                    let b = match v {
                        Value::TRUE => true,
                        Value::FALSE => false,
                        _ => {
                            let b = self.truthy(v)?;
                            self.refresh(st);
                            b
                        }
                    };
                    if b == (ins.op == Op::PopJumpIfTrue) {
                        st.pc = arg as usize;
                    }
                }
                Op::JumpIfFalseOrPop | Op::JumpIfTrueOrPop => {
                    let v = top(st);
                    let b = self.truthy(v)?;
                    self.refresh(st);
                    if b == (ins.op == Op::JumpIfTrueOrPop) {
                        st.pc = arg as usize;
                    } else {
                        st.sp -= 1;
                    }
                }
                Op::GetIter => {
                    let v = top(st);
                    let it = self.get_iter(v)?;
                    self.refresh(st);
                    set_top(self, st, it);
                }
                Op::ForIter => {
                    let it = top(st);
                    match self.fast_next(it) {
                        Some(Some(v)) => push(self, st, v),
                        Some(None) => {
                            st.sp -= 1;
                            st.pc = arg as usize;
                        }
                        None => {
                            Vm::save_st(st);
                            let r = self.iter_next(it)?;
                            self.refresh(st);
                            match r {
                                Some(v) => push(self, st, v),
                                None => {
                                    st.sp -= 1;
                                    st.pc = arg as usize;
                                }
                            }
                        }
                    }
                }
                Op::UnpackSequence => {
                    let v = pop(st);
                    let n = arg as usize;
                    let src = match v.obj() {
                        Some(o) if kind_of(o) == Kind::Tuple && Vm::var_len(o) == n => {
                            Some((o, ITEMS_OFF))
                        }
                        Some(o) if kind_of(o) == Kind::List && Vm::list_len(v) == n => {
                            Some((Vm::get(o, L_ITEMS).obj().expect("items"), ITEMS_OFF))
                        }
                        _ => None,
                    };
                    match src {
                        Some((o, off)) => {
                            for i in (0..n).rev() {
                                push(self, st, Value(o.word(off + 8 * i)));
                            }
                        }
                        None => {
                            let items = self.unpack(v, n)?;
                            self.refresh(st);
                            for x in items.iter().rev() {
                                push(self, st, *x);
                            }
                        }
                    }
                }
                Op::UnpackEx => self.op_unpack_ex(st, arg)?,
                Op::MakeFunction => self.op_make_function(st, arg)?,
                Op::LoadBuildClass => {
                    let b = self.builtin_value("__build_class__");
                    push(self, st, b);
                }
                Op::Raise => self.op_raise(st, arg)?,
                Op::Reraise => self.op_reraise(st, arg)?,
                Op::PushExcInfo => self.op_push_exc_info(st, arg)?,
                Op::PopExcept => {
                    let prev = pop(st);
                    self.set_root(R_HANDLED, prev);
                }
                Op::CheckExcMatch => self.op_check_exc_match(st, arg)?,
                Op::BeforeWith => self.op_before_with(st, arg)?,
                Op::WithExitNormal => self.op_with_exit_normal(st, arg)?,
                Op::WithExcept => self.op_with_except(st, arg)?,
                Op::ImportName => self.op_import_name(st, arg)?,
                Op::ImportFrom => self.op_import_from(st, arg)?,
                Op::ImportStar => self.op_import_star(st, arg)?,
                Op::MatchClass
                | Op::MatchSequence
                | Op::MatchMapping
                | Op::MatchKeys
                | Op::GetLen
                | Op::CopyN
                | Op::Swap
                | Op::RotN
                | Op::CopyDictWithoutKeys
                | Op::GetAIter
                | Op::GetANext
                | Op::EndAsyncFor
                | Op::BeforeAsyncWith
                | Op::WithExceptStart
                | Op::WithExceptFinish
                | Op::AsyncGenWrap => self.dispatch_ext(st, ins.op, arg)?,
                Op::LoadAssertionError => {
                    let v = self.ty(T::AssertionError);
                    push(self, st, v)
                }
                Op::SetupAnnotations => {}
                Op::PrintExpr => self.op_print_expr(st, arg)?,
            }
        }
    }

    /// Pushes `nf` as the new current frame (a Python→Python call).
    #[inline(never)]
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
