//! Generators and coroutines: a generator owns a suspended frame and each
//! resume runs it in a nested dispatch loop until it yields or returns.

use super::call::*;
use super::interp::Outcome;
use super::{PyResult, Vm, R_EXC};
use crate::compile::bytecode::{Op, CO_COROUTINE};
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::{N, T};
use gc_api::ObjRef;

pub const G_FRAME: usize = 1;
pub const G_STATE: usize = 2;
pub const G_NAME: usize = 3;
pub const G_QUALNAME: usize = 4;
pub const G_FLAGS: usize = 5;

const CREATED: i64 = 0;
const SUSPENDED: i64 = 1;
const RUNNING: i64 = 2;
const DONE: i64 = 3;

impl Vm {
    /// Wraps a fresh frame in a generator (or coroutine) object.
    pub fn new_generator(&mut self, f: ObjRef, func: Value, flags: u32) -> Value {
        let fo = func.obj().expect("func");
        let ty = if flags & CO_COROUTINE != 0 && flags & crate::compile::bytecode::CO_GENERATOR != 0
        {
            self.ty(T::AsyncGenerator)
        } else if flags & CO_COROUTINE != 0 {
            self.ty(T::Coroutine)
        } else {
            self.ty(T::Generator)
        };
        let g = self.alloc_rec(Kind::Generator, ty);
        Vm::init(g, G_FRAME, Value::from_obj(f));
        Vm::init(g, G_STATE, Value::int(CREATED));
        Vm::init(g, G_NAME, Vm::get(fo, FN_NAME));
        Vm::init(g, G_QUALNAME, Vm::get(fo, FN_QUALNAME));
        Vm::init(g, G_FLAGS, Value::int(flags as i64));
        Value::from_obj(g)
    }

    fn gen_state(g: ObjRef) -> i64 {
        Vm::get(g, G_STATE).as_int()
    }
    fn set_state(g: ObjRef, s: i64) {
        g.set_word(slot(G_STATE), Value::int(s).0);
    }

    /// Resumes a generator with `v` (or raising the exception in R_EXC
    /// when `throw`). Ok(Yield) / Ok(Return) / Err.
    pub fn gen_resume(&mut self, gen: Value, v: Value, throw: bool) -> PyResult<Outcome> {
        let g = gen.obj().expect("gen");
        let state = Vm::gen_state(g);
        if state == RUNNING {
            return Err(self.raise_msg(T::ValueError, "generator already executing"));
        }
        if state == DONE {
            if throw {
                return Err(super::Exc);
            }
            if Vm::get(g, G_FLAGS).as_int() & CO_COROUTINE as i64 != 0 {
                return Err(
                    self.raise_msg(T::RuntimeError, "cannot reuse already awaited coroutine")
                );
            }
            return Ok(Outcome::Return(Value::NONE));
        }
        if state == CREATED && !throw && !v.is_none() {
            return Err(self.raise_msg(
                T::TypeError,
                "can't send non-None value to a just-started generator",
            ));
        }
        let f = Vm::get(g, G_FRAME).obj().expect("frame");
        if state == SUSPENDED && !throw {
            let sp = f.word(FRAME_SP);
            self.fset(f, sp, v);
            f.set_word(FRAME_SP, sp + 1);
        }
        Vm::set_state(g, RUNNING);
        let h = self.push_root(gen);
        let r = self.run_frame(f, throw);
        let g = self.root(h).obj().expect("gen");
        self.pop_roots(h);
        match &r {
            Ok(Outcome::Yield(_)) => Vm::set_state(g, SUSPENDED),
            _ => Vm::set_state(g, DONE),
        }
        if r.is_err() && self.exc_is(T::StopIteration) {
            let msg = if Vm::get(g, G_FLAGS).as_int() & CO_COROUTINE as i64 != 0 {
                "coroutine raised StopIteration"
            } else {
                "generator raised StopIteration"
            };
            return Err(self.raise_msg(T::RuntimeError, msg));
        }
        r
    }

    /// `next(gen)`: Some(value) or None when finished (no StopIteration set).
    pub fn gen_next(&mut self, gen: Value) -> PyResult<Option<Value>> {
        match self.gen_resume(gen, Value::NONE, false)? {
            Outcome::Yield(v) => Ok(Some(v)),
            Outcome::Return(_) => Ok(None),
        }
    }

    /// One step of `yield from` / `await` on `it` with `sent`.
    pub fn send_to(&mut self, it: Value, sent: Value) -> PyResult<Outcome> {
        if Vm::is_kind(it, Kind::Generator) {
            return self.gen_resume(it, sent, false);
        }
        let r = if sent.is_none() {
            self.iter_next(it)?
        } else {
            let send = self.intern("send");
            let m = self.getattr(it, send)?;
            match self.call0(m, &[sent]) {
                Ok(v) => Some(v),
                Err(e) => {
                    if self.exc_is(T::StopIteration) {
                        let ex = self.take_exc();
                        let v = Vm::get(ex.obj().expect("exc"), crate::vm::exc::EX_VALUE);
                        return Ok(Outcome::Return(v));
                    }
                    return Err(e);
                }
            }
        };
        match r {
            Some(v) => Ok(Outcome::Yield(v)),
            None => {
                let v = self.last_stop_value();
                Ok(Outcome::Return(v))
            }
        }
    }

    fn last_stop_value(&mut self) -> Value {
        let v = self.root(crate::vm::R_MISC);
        self.set_root(crate::vm::R_MISC, Value::NONE);
        if v.is_null() {
            Value::NONE
        } else {
            v
        }
    }

    /// `gen.throw(exc)`.
    pub fn gen_throw(&mut self, gen: Value, exc: Value) -> PyResult {
        let h = self.push_root(gen);
        // Delegate to a sub-iterator when suspended in `yield from`.
        let g = gen.obj().expect("gen");
        if Vm::gen_state(g) == SUSPENDED {
            let f = Vm::get(g, G_FRAME).obj().expect("frame");
            let info = self.code_info(Value(f.word(FRAME_CODE)));
            let pc = f.word(FRAME_PC);
            if info.instrs.get(pc).map(|i| i.op) == Some(Op::YieldFrom) {
                let sp = f.word(FRAME_SP);
                let sub = Vm::fget(f, sp - 1);
                if Vm::is_kind(sub, Kind::Generator) {
                    let r = self.gen_throw(sub, exc);
                    let gen = self.root(h);
                    self.pop_roots(h);
                    match r {
                        Ok(v) => return Ok(v),
                        Err(_) => {
                            // exception from the sub-generator: raise it in the outer frame
                            let g = gen.obj().expect("gen");
                            let f = Vm::get(g, G_FRAME).obj().expect("frame");
                            f.set_word(FRAME_PC, pc + 1);
                            f.set_word(FRAME_SP, sp - 1);
                            if self.exc_is(T::StopIteration) {
                                let ex = self.take_exc();
                                let v = Vm::get(ex.obj().expect("e"), crate::vm::exc::EX_VALUE);
                                return self.gen_send_value(gen, v);
                            }
                            return self.gen_throw_here(gen);
                        }
                    }
                }
            }
        }
        self.pop_roots(h);
        let _ = self.raise_value(exc, Value::NULL);
        self.gen_throw_here(gen)
    }

    fn gen_send_value(&mut self, gen: Value, v: Value) -> PyResult {
        // resume after the yield-from with its result pushed
        match self.gen_resume(gen, v, false)? {
            Outcome::Yield(y) => Ok(y),
            Outcome::Return(r) => Err(self.raise_stop(r)),
        }
    }

    fn gen_throw_here(&mut self, gen: Value) -> PyResult {
        let g = gen.obj().expect("gen");
        if Vm::gen_state(g) == CREATED {
            Vm::set_state(g, DONE);
            return Err(super::Exc);
        }
        match self.gen_resume(gen, Value::NONE, true)? {
            Outcome::Yield(y) => Ok(y),
            Outcome::Return(r) => Err(self.raise_stop(r)),
        }
    }

    /// `gen.close()`.
    pub fn gen_close(&mut self, gen: Value) -> PyResult {
        let g = gen.obj().expect("gen");
        let st = Vm::gen_state(g);
        if st == DONE || st == CREATED {
            Vm::set_state(g, DONE);
            return Ok(Value::NONE);
        }
        let t = self.ty(T::GeneratorExit);
        let e = self.new_exc(t, &[]);
        match self.gen_throw(gen, e) {
            Ok(_) => Err(self.raise_msg(T::RuntimeError, "generator ignored GeneratorExit")),
            Err(x) => {
                if self.exc_is(T::GeneratorExit) || self.exc_is(T::StopIteration) {
                    self.take_exc();
                    Ok(Value::NONE)
                } else {
                    Err(x)
                }
            }
        }
    }

    /// `await v`: the iterator to delegate to.
    pub fn get_awaitable(&mut self, v: Value) -> PyResult {
        if Vm::is_kind(v, Kind::Generator) {
            return Ok(v);
        }
        match self.call_method_n(v, N::Await, &[])? {
            Some(it) => Ok(it),
            None => {
                let msg = format!(
                    "object {} can't be used in 'await' expression",
                    self.type_name_of(v)
                );
                Err(self.raise_msg(T::TypeError, &msg))
            }
        }
    }

    /// The value carried by the current StopIteration (consumes it).
    pub fn stop_iteration_value(&mut self) -> Value {
        let e = self.take_exc();
        match e.obj() {
            Some(o) if kind_of(o) == Kind::Exception => Vm::get(o, crate::vm::exc::EX_VALUE),
            _ => Value::NONE,
        }
    }
    /// Current exception slot (for builtins).
    pub fn cur_exc(&self) -> Value {
        self.root(R_EXC)
    }
}
