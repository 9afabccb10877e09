//! The dispatch loop. Python→Python calls push a frame and continue in the
//! same loop; the current frame lives in the root slot `R_FRAME` and every
//! cached raw pointer (`St`) is re-read after anything that can reach a
//! safepoint (calls, dunder-dispatching operations, back-edges).

use super::call::*;
use super::{Exc, PyResult, Vm, R_BUILTINS, R_EXC, R_FRAME, R_HANDLED};
use crate::compile::bytecode::*;
use crate::object::layout::*;
use crate::object::list::L_ITEMS;
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
    consts: ObjRef,
    names: ObjRef,
    cache: ObjRef,
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

    fn name_at(st: &St, i: u32) -> Value {
        Vm::item(st.names, i as usize)
    }

    #[allow(clippy::cognitive_complexity)]
    fn dispatch(&mut self, st: &mut St) -> PyResult<Outcome> {
        macro_rules! push {
            ($v:expr) => {{
                let v: Value = $v;
                let sp = st.sp;
                self.m.write_item(st.f, sp, FRAME_ITEMS + 8 * sp, v.0);
                st.sp = sp + 1;
            }};
        }
        macro_rules! pop {
            () => {{
                st.sp -= 1;
                Value(st.f.word(FRAME_ITEMS + 8 * st.sp))
            }};
        }
        macro_rules! top {
            () => {
                Value(st.f.word(FRAME_ITEMS + 8 * (st.sp - 1)))
            };
        }
        macro_rules! peek {
            ($n:expr) => {
                Value(st.f.word(FRAME_ITEMS + 8 * (st.sp - $n)))
            };
        }
        macro_rules! set_top {
            ($v:expr) => {{
                let v: Value = $v;
                let i = st.sp - 1;
                self.m.write_item(st.f, i, FRAME_ITEMS + 8 * i, v.0);
            }};
        }
        macro_rules! refresh {
            () => {
                self.refresh(st)
            };
        }
        let stack_limit = Vm::var_len(st.f);
        let _ = stack_limit;
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
                    let v = top!();
                    push!(v);
                }
                Op::DupTop2 => {
                    let a = peek!(2);
                    let b = peek!(1);
                    push!(a);
                    push!(b);
                }
                Op::RotTwo => {
                    let a = pop!();
                    let b = pop!();
                    push!(a);
                    push!(b);
                }
                Op::RotThree => {
                    let a = pop!();
                    let b = pop!();
                    let c = pop!();
                    push!(a);
                    push!(c);
                    push!(b);
                }
                Op::RotFour => {
                    let a = pop!();
                    let b = pop!();
                    let c = pop!();
                    let d = pop!();
                    push!(a);
                    push!(d);
                    push!(c);
                    push!(b);
                }
                Op::PushNull => push!(Value::NULL),
                Op::LoadConst => push!(Vm::item(st.consts, arg as usize)),
                Op::LoadFast => {
                    let v = Vm::fget(st.f, arg as usize);
                    if v.is_null() {
                        let name = st.code.varnames[arg as usize].clone();
                        return Err(self.raise_msg(
                            T::UnboundLocalError,
                            &format!("cannot access local variable '{name}' where it is not associated with a value"),
                        ));
                    }
                    push!(v);
                }
                Op::StoreFast => {
                    let v = pop!();
                    self.fset(st.f, arg as usize, v);
                }
                Op::DeleteFast => {
                    self.fset(st.f, arg as usize, Value::NULL);
                }
                Op::LoadDeref | Op::LoadClassDeref => {
                    let nl = st.code.nlocals as usize;
                    if ins.op == Op::LoadClassDeref {
                        let locals = Value(st.f.word(FRAME_LOCALS));
                        let name = self.cell_name(&st.code, arg as usize);
                        let n = self.intern(&name);
                        if let Some(v) = self.dict_get_str(locals, n) {
                            push!(v);
                            continue;
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
                    push!(v);
                }
                Op::StoreDeref | Op::DeleteDeref => {
                    let v = if ins.op == Op::StoreDeref {
                        pop!()
                    } else {
                        Value::NULL
                    };
                    let nl = st.code.nlocals as usize;
                    let cell = Vm::fget(st.f, nl + arg as usize).obj().expect("cell");
                    self.set(cell, 1, v);
                }
                Op::LoadClosure => {
                    let nl = st.code.nlocals as usize;
                    push!(Vm::fget(st.f, nl + arg as usize));
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
                    push!(v);
                }
                Op::StoreGlobal => {
                    let name = Vm::name_at(st, arg);
                    let v = pop!();
                    let g = Value(st.f.word(FRAME_GLOBALS));
                    self.dict_set_str(g, name, v);
                }
                Op::DeleteGlobal => {
                    let name = Vm::name_at(st, arg);
                    let g = Value(st.f.word(FRAME_GLOBALS));
                    if self.dict_del(g, name)?.is_none() {
                        let msg = format!("name '{}' is not defined", Vm::as_str(name));
                        return Err(self.raise_msg(T::NameError, &msg));
                    }
                    refresh!();
                }
                Op::LoadName => {
                    let name = Vm::name_at(st, arg);
                    let locals = Value(st.f.word(FRAME_LOCALS));
                    let v = if !locals.is_ref() {
                        None
                    } else if self.type_of(locals) == self.ty(T::Dict) {
                        self.dict_get_str(locals, name)
                    } else {
                        Vm::save_st(st);
                        let r = self.getitem(locals, name);
                        refresh!();
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
                        Some(v) => push!(v),
                        None => {
                            let msg = format!("name '{}' is not defined", Vm::as_str(name));
                            return Err(self.raise_msg(T::NameError, &msg));
                        }
                    }
                }
                Op::StoreName => {
                    let name = Vm::name_at(st, arg);
                    let v = pop!();
                    let mut locals = Value(st.f.word(FRAME_LOCALS));
                    if !locals.is_ref() {
                        locals = Value(st.f.word(FRAME_GLOBALS));
                    }
                    if self.type_of(locals) == self.ty(T::Dict) {
                        self.dict_set_str(locals, name, v);
                    } else {
                        Vm::save_st(st);
                        self.setitem(locals, name, v)?;
                        refresh!();
                    }
                }
                Op::DeleteName => {
                    let name = Vm::name_at(st, arg);
                    let mut locals = Value(st.f.word(FRAME_LOCALS));
                    if !locals.is_ref() {
                        locals = Value(st.f.word(FRAME_GLOBALS));
                    }
                    if self.dict_del(locals, name)?.is_none() {
                        let msg = format!("name '{}' is not defined", Vm::as_str(name));
                        return Err(self.raise_msg(T::NameError, &msg));
                    }
                    refresh!();
                }
                Op::LoadAttr => {
                    let name = Vm::name_at(st, arg);
                    let o = top!();
                    let v = match self.ic_load_attr(st.cache, st.pc - 1, o, name) {
                        Some(v) => v,
                        None => {
                            let v = self.getattr(o, name)?;
                            refresh!();
                            v
                        }
                    };
                    set_top!(v);
                }
                Op::StoreAttr => {
                    let name = Vm::name_at(st, arg);
                    let o = pop!();
                    let v = pop!();
                    if !self.ic_store_attr(st.cache, st.pc - 1, o, name, v) {
                        self.setattr(o, name, v)?;
                        refresh!();
                    }
                }
                Op::DeleteAttr => {
                    let name = Vm::name_at(st, arg);
                    let o = pop!();
                    self.delattr(o, name)?;
                    refresh!();
                }
                Op::LoadMethod => {
                    let name = Vm::name_at(st, arg);
                    let o = top!();
                    let (m, s) = match self.ic_load_method(st.cache, st.pc - 1, o, name) {
                        Some(r) => r,
                        None => {
                            let r = self.load_method(o, name)?;
                            refresh!();
                            r
                        }
                    };
                    set_top!(m);
                    push!(s);
                }
                Op::Call | Op::CallKw | Op::CallEx => {
                    // The slots of the callable and arguments are cleared
                    // after the call: stale stack slots must not keep
                    // objects alive (weakrefs, __del__).
                    let call_top = st.sp;
                    // Allocation sites (tracemalloc) read the line from the frame.
                    st.f.set_word(FRAME_PC, st.pc);
                    let (callable, selfv, base);
                    let mut buf: Vec<Value> = Vec::new();
                    let mut small = [Value::NULL; 12];
                    let mut use_small = false;
                    let kwnames;
                    if ins.op == Op::CallEx {
                        let kw = if arg & 1 != 0 { pop!() } else { Value::NULL };
                        let argt = pop!();
                        selfv = pop!();
                        callable = pop!();
                        base = st.sp;
                        buf = Vm::tuple_items(argt);
                        if kw.is_ref() && Vm::dict_len(kw) > 0 {
                            let mut names = vec![];
                            let mut pos = 0;
                            while let Some((k, v)) = Vm::dict_next(kw, &mut pos) {
                                names.push(k);
                                buf.push(v);
                            }
                            if names.iter().any(|k| !Vm::is_str(*k)) {
                                let msg = "keywords must be strings";
                                return Err(self.raise_msg(T::TypeError, msg));
                            }
                            kwnames = self.new_tuple(&names);
                        } else {
                            kwnames = Value::NULL;
                        }
                    } else {
                        kwnames = if ins.op == Op::CallKw {
                            pop!()
                        } else {
                            Value::NULL
                        };
                        let n = arg as usize;
                        base = st.sp - n - 2;
                        callable = Vm::fget(st.f, base);
                        selfv = Vm::fget(st.f, base + 1);
                        if n <= 12 {
                            for (i, slot) in small.iter_mut().enumerate().take(n) {
                                *slot = Vm::fget(st.f, base + 2 + i);
                            }
                            use_small = true;
                        } else {
                            buf = (0..n).map(|i| Vm::fget(st.f, base + 2 + i)).collect();
                        }
                    }
                    let nargs = if ins.op == Op::CallEx {
                        0
                    } else {
                        arg as usize
                    };
                    let buf: &[Value] = if use_small { &small[..nargs] } else { &buf };
                    // Python function: push a frame and continue here.
                    let (func, selfv) = match Vm::kind(callable) {
                        Some(Kind::Method) if selfv.is_null() => {
                            let o = callable.obj().expect("m");
                            (Vm::get(o, ME_FUNC), Vm::get(o, ME_SELF))
                        }
                        _ => (callable, selfv),
                    };
                    if Vm::is_kind(func, Kind::Function) {
                        let nf = self.frame_for_call(func, selfv, buf, kwnames)?;
                        let flags = self.code_info(Value(nf.word(FRAME_CODE))).flags;
                        if flags & (CO_GENERATOR | CO_COROUTINE) != 0 {
                            let g = self.new_generator(nf, func, flags);
                            st.sp = base;
                            push!(g);
                            self.clear_stack(st.f, st.sp, call_top);
                            // A safepoint: `await f()` chains may run without
                            // any other call or back-edge.
                            if self.m.safepoint_pending() || self.torture() {
                                self.clear_stack(st.f, st.sp, st.f.word(FRAME_LEN));
                                self.safepoint();
                                refresh!();
                                self.memory_error_due()?;
                            }
                            continue;
                        }
                        st.sp = base;
                        self.clear_stack(st.f, base, call_top);
                        self.push_frame(st, nf)?;
                        continue;
                    }
                    if let Some(init_frame) = self.fast_new_instance(func, buf, kwnames)? {
                        st.sp = base;
                        self.clear_stack(st.f, base, call_top);
                        self.push_frame(st, init_frame)?;
                        continue;
                    }
                    // gc.collect() may scrub this frame above `call_top`.
                    self.fin.scrub = (st.f.to_word(), call_top);
                    let r = self.call_with_self(func, selfv, buf, kwnames);
                    self.fin.scrub = (0, 0);
                    let r = r?;
                    refresh!();
                    st.sp = base;
                    push!(r);
                    self.clear_stack(st.f, st.sp, call_top);
                    if self.m.safepoint_pending() || self.torture() {
                        self.clear_stack(st.f, st.sp, st.f.word(FRAME_LEN));
                        self.safepoint();
                        refresh!();
                        self.memory_error_due()?;
                    }
                }
                Op::Return => {
                    let mut v = pop!();
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
                    push!(v);
                }
                Op::YieldValue => {
                    let v = pop!();
                    let back = Value(st.f.word(FRAME_BACK));
                    let flags = st.f.word(FRAME_FLAGS);
                    st.f.set_word(FRAME_FLAGS, flags & !FF_ENTRY);
                    Vm::save_st(st);
                    self.set_root(R_FRAME, back);
                    return Ok(Outcome::Yield(v));
                }
                Op::YieldFrom => {
                    let sent = pop!();
                    let it = top!();
                    Vm::save_st(st);
                    match self.send_to(it, sent)? {
                        Outcome::Yield(y) => {
                            refresh!();
                            st.pc -= 1;
                            let back = Value(st.f.word(FRAME_BACK));
                            let flags = st.f.word(FRAME_FLAGS);
                            st.f.set_word(FRAME_FLAGS, flags & !FF_ENTRY);
                            Vm::save_st(st);
                            self.set_root(R_FRAME, back);
                            return Ok(Outcome::Yield(y));
                        }
                        Outcome::Return(r) => {
                            refresh!();
                            set_top!(r);
                        }
                    }
                }
                Op::GetYieldFromIter => {
                    let v = top!();
                    if !Vm::is_kind(v, Kind::Generator) {
                        let it = self.get_iter(v)?;
                        refresh!();
                        set_top!(it);
                    }
                }
                Op::GetAwaitable => {
                    let v = top!();
                    let a = self.get_awaitable(v)?;
                    refresh!();
                    set_top!(a);
                }
                Op::Binary | Op::Inplace => {
                    let b = pop!();
                    let a = top!();
                    let r = match self.fast_binary(a, b, arg) {
                        Some(r) => r,
                        None => {
                            let r = if ins.op == Op::Binary {
                                self.binary(a, b, arg)?
                            } else {
                                self.inplace(a, b, arg)?
                            };
                            refresh!();
                            r
                        }
                    };
                    set_top!(r);
                }
                Op::Unary => {
                    let a = top!();
                    let r = self.unary(a, arg)?;
                    refresh!();
                    set_top!(r);
                }
                Op::Compare => {
                    let b = pop!();
                    let a = top!();
                    let r = match self.fast_compare(a, b, arg) {
                        Some(r) => Value::bool(r),
                        None => {
                            let r = self.compare(a, b, arg)?;
                            refresh!();
                            r
                        }
                    };
                    set_top!(r);
                }
                Op::IsOp => {
                    let b = pop!();
                    let a = top!();
                    set_top!(Value::bool((a == b) != (arg == 1)));
                }
                Op::ContainsOp => {
                    let b = pop!();
                    let a = top!();
                    let r = self.contains(b, a)?;
                    refresh!();
                    set_top!(Value::bool(r != (arg == 1)));
                }
                Op::Subscr => {
                    let k = pop!();
                    let o = top!();
                    let r = match self.fast_getitem(o, k) {
                        Some(r) => r,
                        None => {
                            let r = self.getitem(o, k)?;
                            refresh!();
                            r
                        }
                    };
                    set_top!(r);
                }
                Op::StoreSubscr => {
                    let k = pop!();
                    let o = pop!();
                    let v = pop!();
                    if !self.fast_setitem(o, k, v) {
                        self.setitem(o, k, v)?;
                        refresh!();
                    }
                }
                Op::DeleteSubscr => {
                    let k = pop!();
                    let o = pop!();
                    self.delitem(o, k)?;
                    refresh!();
                }
                Op::BuildSlice => {
                    let step = if arg == 3 { pop!() } else { Value::NONE };
                    let stop = pop!();
                    let start = pop!();
                    let s = self.new_slice(start, stop, step);
                    push!(s);
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
                    push!(v);
                }
                Op::BuildSet => {
                    // Allocation sites (tracemalloc) read the line from the frame.
                    st.f.set_word(FRAME_PC, st.pc);
                    let n = (arg & !(BUILD_SET_CONST | BUILD_SET_MERGE)) as usize;
                    let base = st.sp - n;
                    let s = self.new_set();
                    let h = self.push_root(s);
                    for i in 0..n {
                        let f = self.root(R_FRAME).obj().expect("f");
                        let x = Vm::fget(f, base + i);
                        let s = self.root(h);
                        let r = self.set_add(s, x);
                        if r.is_err() {
                            self.pop_roots(h);
                            return Err(Exc);
                        }
                    }
                    let mut s = self.root(h);
                    if arg & BUILD_SET_CONST != 0 {
                        match self.set_const_fold(s, arg & BUILD_SET_MERGE != 0) {
                            Ok(x) => s = x,
                            Err(e) => {
                                self.pop_roots(h);
                                return Err(e);
                            }
                        }
                    }
                    self.pop_roots(h);
                    refresh!();
                    st.sp = base;
                    push!(s);
                }
                Op::BuildMap => {
                    // Allocation sites (tracemalloc) read the line from the frame.
                    st.f.set_word(FRAME_PC, st.pc);
                    let n = arg as usize;
                    let base = st.sp - 2 * n;
                    let d = self.new_dict();
                    let h = self.push_root(d);
                    for i in 0..n {
                        let f = self.root(R_FRAME).obj().expect("f");
                        let k = Vm::fget(f, base + 2 * i);
                        let v = Vm::fget(f, base + 2 * i + 1);
                        let d = self.root(h);
                        if self.dict_set(d, k, v).is_err() {
                            self.pop_roots(h);
                            return Err(Exc);
                        }
                    }
                    let d = self.root(h);
                    self.pop_roots(h);
                    refresh!();
                    st.sp = base;
                    push!(d);
                }
                Op::BuildString => {
                    let n = arg as usize;
                    let base = st.sp - n;
                    let mut s = String::new();
                    for i in 0..n {
                        s.push_str(Vm::as_str(Vm::fget(st.f, base + i)));
                    }
                    let v = self.new_string(s);
                    st.sp = base;
                    push!(v);
                }
                Op::ListAppend => {
                    let v = pop!();
                    let l = peek!(arg as usize);
                    self.list_append(l, v);
                }
                Op::SetAdd => {
                    let v = pop!();
                    let s = peek!(arg as usize);
                    self.set_add(s, v)?;
                    refresh!();
                }
                Op::MapAdd => {
                    let v = pop!();
                    let k = pop!();
                    let d = peek!(arg as usize);
                    self.dict_set(d, k, v)?;
                    refresh!();
                }
                Op::ListExtend => {
                    let it = pop!();
                    let l = peek!(arg as usize);
                    self.list_extend(l, it)?;
                    refresh!();
                }
                Op::SetUpdate => {
                    let it = pop!();
                    let s = peek!(arg as usize);
                    self.set_update(s, it)?;
                    refresh!();
                }
                Op::DictUpdate => {
                    let it = pop!();
                    let d = peek!(arg as usize);
                    self.dict_update(d, it)?;
                    refresh!();
                }
                Op::ListToTuple => {
                    let l = top!();
                    let t = self.new_tuple(&Vm::list_items(l));
                    set_top!(t);
                }
                Op::FormatValue => {
                    let spec = if arg & 4 != 0 { pop!() } else { Value::NULL };
                    let v = top!();
                    let r = self.format_value(v, arg & 3, spec)?;
                    refresh!();
                    set_top!(r);
                }
                Op::Jump => {
                    let t = arg as usize;
                    if t < st.pc && (self.m.safepoint_pending() || self.torture()) {
                        self.clear_stack(st.f, st.sp, st.f.word(FRAME_LEN));
                        self.safepoint();
                        refresh!();
                        self.memory_error_due()?;
                    }
                    let back = t < st.pc;
                    st.pc = t;
                    if back {
                        self.jit_hook(st)?;
                    }
                }
                Op::PopJumpIfFalse | Op::PopJumpIfTrue => {
                    let v = pop!();
                    let b = match v {
                        Value::TRUE => true,
                        Value::FALSE => false,
                        _ => {
                            let b = self.truthy(v)?;
                            refresh!();
                            b
                        }
                    };
                    if b == (ins.op == Op::PopJumpIfTrue) {
                        st.pc = arg as usize;
                    }
                }
                Op::JumpIfFalseOrPop | Op::JumpIfTrueOrPop => {
                    let v = top!();
                    let b = self.truthy(v)?;
                    refresh!();
                    if b == (ins.op == Op::JumpIfTrueOrPop) {
                        st.pc = arg as usize;
                    } else {
                        st.sp -= 1;
                    }
                }
                Op::GetIter => {
                    let v = top!();
                    let it = self.get_iter(v)?;
                    refresh!();
                    set_top!(it);
                }
                Op::ForIter => {
                    let it = top!();
                    match self.fast_next(it) {
                        Some(Some(v)) => push!(v),
                        Some(None) => {
                            st.sp -= 1;
                            st.pc = arg as usize;
                        }
                        None => {
                            Vm::save_st(st);
                            let r = self.iter_next(it)?;
                            refresh!();
                            match r {
                                Some(v) => push!(v),
                                None => {
                                    st.sp -= 1;
                                    st.pc = arg as usize;
                                }
                            }
                        }
                    }
                }
                Op::UnpackSequence => {
                    let v = pop!();
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
                                push!(Value(o.word(off + 8 * i)));
                            }
                        }
                        None => {
                            let items = self.unpack(v, n)?;
                            refresh!();
                            for x in items.iter().rev() {
                                push!(*x);
                            }
                        }
                    }
                }
                Op::UnpackEx => {
                    let v = pop!();
                    let before = (arg & 0xff) as usize;
                    let after = ((arg >> 8) & 0xff) as usize;
                    let items = if arg >> 16 != 0 {
                        self.unpack_by_len(v)?
                    } else {
                        self.unpack(v, usize::MAX)?
                    };
                    refresh!();
                    if items.len() < before + after {
                        let msg = format!(
                            "not enough values to unpack (expected at least {}, got {})",
                            before + after,
                            items.len()
                        );
                        return Err(self.raise_msg(T::ValueError, &msg));
                    }
                    let mid = self.new_list(&items[before..items.len() - after]);
                    for x in items[items.len() - after..].iter().rev() {
                        push!(*x);
                    }
                    push!(mid);
                    for x in items[..before].iter().rev() {
                        push!(*x);
                    }
                }
                Op::MakeFunction => {
                    // Allocation sites (tracemalloc) read the line from the frame.
                    st.f.set_word(FRAME_PC, st.pc);
                    let code = pop!();
                    let closure = if arg & MF_CLOSURE != 0 {
                        pop!()
                    } else {
                        Value::NULL
                    };
                    let kwd = if arg & MF_KWDEFAULTS != 0 {
                        pop!()
                    } else {
                        Value::NULL
                    };
                    let defs = if arg & MF_DEFAULTS != 0 {
                        pop!()
                    } else {
                        Value::NULL
                    };
                    let g = Value(st.f.word(FRAME_GLOBALS));
                    let f = self.make_function(code, g, defs, kwd, closure);
                    push!(f);
                }
                Op::LoadBuildClass => {
                    let b = self.builtin_value("__build_class__");
                    push!(b);
                }
                Op::Raise => match arg {
                    0 => {
                        let h = self.root(R_HANDLED);
                        if h.is_null() || h.is_none() {
                            return Err(
                                self.raise_msg(T::RuntimeError, "No active exception to reraise")
                            );
                        }
                        self.set_root(R_EXC, h);
                        self.reraise = true;
                        return Err(Exc);
                    }
                    1 => {
                        let e = pop!();
                        return Err(self.raise_value(e, Value::NULL));
                    }
                    _ => {
                        let cause = pop!();
                        let e = pop!();
                        return Err(
                            self.raise_value(e, if cause.is_none() { Value::NONE } else { cause })
                        );
                    }
                },
                Op::Reraise => {
                    let e = pop!();
                    self.set_root(R_EXC, e);
                    self.reraise = true;
                    return Err(Exc);
                }
                Op::PushExcInfo => {
                    let e = pop!();
                    let prev = self.root(R_HANDLED);
                    push!(prev);
                    push!(e);
                    self.set_root(R_HANDLED, e);
                    // The exception is handled: R_EXC must not keep it (and
                    // its traceback's frames) alive after the handler.
                    self.set_root(R_EXC, Value::NULL);
                }
                Op::PopExcept => {
                    let prev = pop!();
                    self.set_root(R_HANDLED, prev);
                }
                Op::CheckExcMatch => {
                    let t = pop!();
                    let e = top!();
                    let r = self.exc_matches(e, t)?;
                    push!(Value::bool(r));
                }
                Op::BeforeWith => {
                    let mgr = top!();
                    let (exit, res) = self.before_with(mgr)?;
                    refresh!();
                    set_top!(exit);
                    push!(res);
                }
                Op::WithExitNormal => {
                    let exit = pop!();
                    self.call0(exit, &[Value::NONE, Value::NONE, Value::NONE])?;
                    refresh!();
                }
                Op::WithExcept => {
                    let e = pop!();
                    let exit = pop!();
                    let h = self.push_root(e);
                    let t = self.type_of(e);
                    let tb = self.exc_traceback(e);
                    let r = self.call0(exit, &[t, e, tb]);
                    let e = self.root(h);
                    self.pop_roots(h);
                    let r = r?;
                    let b = self.truthy(r)?;
                    refresh!();
                    if b {
                        st.pc = arg as usize;
                    } else {
                        self.set_root(R_EXC, e);
                        self.reraise = true;
                        return Err(Exc);
                    }
                }
                Op::ImportName => {
                    let fromlist = pop!();
                    let level = pop!();
                    let name = Vm::name_at(st, arg);
                    Vm::save_st(st);
                    let m = self.import_name(name, fromlist, level.as_int())?;
                    refresh!();
                    push!(m);
                }
                Op::ImportFrom => {
                    let name = Vm::name_at(st, arg);
                    let m = top!();
                    let v = self.import_from(m, name)?;
                    refresh!();
                    push!(v);
                }
                Op::ImportStar => {
                    let m = pop!();
                    let g = Value(st.f.word(FRAME_GLOBALS));
                    self.import_star(m, g)?;
                    refresh!();
                }
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
                Op::LoadAssertionError => push!(self.ty(T::AssertionError)),
                Op::SetupAnnotations => {}
                Op::PrintExpr => {
                    let v = pop!();
                    if !v.is_none() {
                        let r = self.repr(v)?;
                        let mut s = Vm::as_str(r).to_string();
                        s.push('\n');
                        self.write_out(s.as_bytes());
                        self.flush_out();
                        refresh!();
                    }
                }
            }
        }
    }
}
