//! The dispatch loop. Python→Python calls push a frame and continue in the
//! same loop; the current frame lives in the root slot `R_FRAME` and every
//! cached raw pointer (`St`) is re-read after anything that can reach a
//! safepoint (calls, dunder-dispatching operations, back-edges).

use super::call::*;
use super::{Exc, PyResult, Vm, R_FRAME, R_HANDLED};
use crate::compile::bytecode::*;
use crate::object::layout::*;
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

    pub(super) fn name_at(st: &St, i: u32) -> Value {
        Vm::item(st.names, i as usize)
    }

    /// The loop: one `match` arm per opcode, each a line or a call of the
    /// opcode's handler in the file of its family (`interp_stack`: value
    /// stack, locals and cells; `interp_names`: globals, names, attributes,
    /// imports; `interp_call`: calls, returns, yields; `interp_ops`:
    /// operators, jumps, iteration; `interp_build`: builders and unpacking;
    /// `interp_exc`: exceptions and `with`; `interp_ext`: `match` and async).
    /// Handlers of frequent opcodes are `#[inline(always)]`, so the compiled
    /// loop is the one a single function gave; rare, heavy ones stay out of
    /// line to keep the loop small. A handler that can run Python code
    /// re-reads `st` (`refresh`) before it touches the frame again.
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
                    let v = st.top();
                    self.push(st, v);
                }
                Op::DupTop2 => self.op_dup_top2(st),
                Op::RotTwo => self.op_rot_two(st),
                Op::RotThree => self.op_rot_three(st),
                Op::RotFour => self.op_rot_four(st),
                Op::PushNull => self.push(st, Value::NULL),
                Op::LoadConst => self.push(st, Vm::item(st.consts, arg as usize)),
                Op::LoadFast => self.op_load_fast(st, arg)?,
                Op::StoreFast => {
                    let v = st.pop();
                    self.fset(st.f, arg as usize, v);
                }
                Op::DeleteFast => {
                    self.fset(st.f, arg as usize, Value::NULL);
                }
                Op::LoadDeref | Op::LoadClassDeref => self.op_load_deref(st, ins.op, arg)?,
                Op::StoreDeref | Op::DeleteDeref => self.op_store_deref(st, ins.op, arg),
                Op::LoadClosure => {
                    let nl = st.code.nlocals as usize;
                    self.push(st, Vm::fget(st.f, nl + arg as usize));
                }
                Op::LoadGlobal => self.op_load_global(st, arg, ins.ic)?,
                Op::StoreGlobal => self.op_store_global(st, arg),
                Op::DeleteGlobal => self.op_delete_global(st, arg)?,
                Op::LoadName => self.op_load_name(st, arg)?,
                Op::StoreName => self.op_store_name(st, arg)?,
                Op::DeleteName => self.op_delete_name(st, arg)?,
                Op::LoadAttr => self.op_load_attr(st, arg, ins.ic)?,
                Op::StoreAttr => self.op_store_attr(st, arg, ins.ic)?,
                Op::DeleteAttr => self.op_delete_attr(st, arg)?,
                Op::LoadMethod => self.op_load_method(st, arg, ins.ic)?,
                Op::Call | Op::CallKw | Op::CallEx => self.op_call(st, ins.op, arg)?,
                Op::Return => {
                    if let Some(o) = self.op_return(st)? {
                        return Ok(o);
                    }
                }
                Op::YieldValue => {
                    if let Some(o) = self.op_yield_value(st)? {
                        return Ok(o);
                    }
                }
                Op::YieldFrom => {
                    if let Some(o) = self.op_yield_from(st)? {
                        return Ok(o);
                    }
                }
                Op::GetYieldFromIter => self.op_get_yield_from_iter(st)?,
                Op::GetAwaitable => self.op_get_awaitable(st)?,
                Op::Binary | Op::Inplace => self.op_binary(st, ins.op, arg)?,
                Op::Unary => self.op_unary(st, arg)?,
                Op::Compare => self.op_compare(st, arg)?,
                Op::IsOp => {
                    let b = st.pop();
                    let a = st.top();
                    self.set_top(st, Value::bool((a == b) != (arg == 1)));
                }
                Op::ContainsOp => self.op_contains_op(st, arg)?,
                Op::Subscr => self.op_subscr(st)?,
                Op::StoreSubscr => self.op_store_subscr(st)?,
                Op::DeleteSubscr => self.op_delete_subscr(st)?,
                Op::BuildSlice => self.op_build_slice(st, arg),
                Op::BuildTuple | Op::BuildList => self.op_build_tuple(st, ins.op, arg),
                Op::BuildSet => self.op_build_set(st, arg)?,
                Op::BuildMap => self.op_build_map(st, arg)?,
                Op::BuildString => self.op_build_string(st, arg),
                Op::ListAppend => {
                    let v = st.pop();
                    let l = st.peek(arg as usize);
                    self.list_append(l, v);
                }
                Op::SetAdd => self.op_set_add(st, arg)?,
                Op::MapAdd => self.op_map_add(st, arg)?,
                Op::ListExtend => self.op_list_extend(st, arg)?,
                Op::SetUpdate => self.op_set_update(st, arg)?,
                Op::DictUpdate => self.op_dict_update(st, arg)?,
                Op::ListToTuple => {
                    let l = st.top();
                    let t = self.new_tuple(&Vm::list_items(l));
                    self.set_top(st, t);
                }
                Op::FormatValue => self.op_format_value(st, arg)?,
                Op::Jump => self.op_jump(st, arg)?,
                Op::PopJumpIfFalse | Op::PopJumpIfTrue => {
                    self.op_pop_jump_if_false(st, ins.op, arg)?
                }
                Op::JumpIfFalseOrPop | Op::JumpIfTrueOrPop => {
                    self.op_jump_if_false_or_pop(st, ins.op, arg)?
                }
                Op::GetIter => self.op_get_iter(st)?,
                Op::ForIter => self.op_for_iter(st, arg)?,
                Op::UnpackSequence => self.op_unpack_sequence(st, arg)?,
                Op::UnpackEx => self.op_unpack_ex(st, arg)?,
                Op::MakeFunction => self.op_make_function(st, arg),
                Op::LoadBuildClass => {
                    let b = self.builtin_value("__build_class__");
                    self.push(st, b);
                }
                Op::Raise => self.op_raise(st, arg)?,
                Op::Reraise => self.op_reraise(st)?,
                Op::PushExcInfo => self.op_push_exc_info(st),
                Op::PopExcept => {
                    let prev = st.pop();
                    self.set_root(R_HANDLED, prev);
                }
                Op::CheckExcMatch => self.op_check_exc_match(st)?,
                Op::BeforeWith => self.op_before_with(st)?,
                Op::WithExitNormal => self.op_with_exit_normal(st)?,
                Op::WithExcept => self.op_with_except(st, arg)?,
                Op::ImportName => self.op_import_name(st, arg)?,
                Op::ImportFrom => self.op_import_from(st, arg)?,
                Op::ImportStar => self.op_import_star(st)?,
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
                Op::LoadAssertionError => self.push(st, self.ty(T::AssertionError)),
                Op::SetupAnnotations => {}
                Op::PrintExpr => self.op_print_expr(st)?,
            }
        }
    }
}
