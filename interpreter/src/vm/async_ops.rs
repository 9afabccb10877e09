//! `async for`, `async with` and async generators.
//!
//! An async generator is a generator object (type `async_generator`) whose
//! `yield`s wrap their value (`AsyncGenWrap`). `__anext__()` / `asend()` /
//! `athrow()` / `aclose()` return an `async_generator_asend` awaitable that
//! resumes the generator frame: a wrapped value completes the awaitable
//! (StopIteration(value)); any other yield comes from an `await` inside the
//! generator and is passed through to whoever drives the awaitable.

use super::interp::Outcome;
use super::{PyResult, Vm};
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::{N, T};

const AS_GEN: usize = 1;
const AS_VAL: usize = 2;
const AS_STATE: usize = 3;
const AS_MODE: usize = 4;

const ST_INIT: i64 = 0;
const ST_RUNNING: i64 = 1;
const ST_DONE: i64 = 2;

const MODE_SEND: i64 = 0;
const MODE_THROW: i64 = 1;
const MODE_CLOSE: i64 = 2;

impl Vm {
    fn lookup_str(&mut self, t: Value, name: &str) -> Option<Value> {
        let n = self.intern(name);
        self.type_lookup(t, n)
    }

    /// `GetAIter`: `type(v).__aiter__(v)`.
    pub fn get_aiter(&mut self, v: Value) -> PyResult {
        let t = self.type_of(v);
        let Some(f) = self.lookup_str(t, "__aiter__") else {
            let msg = format!(
                "'async for' requires an object with __aiter__ method, got {}",
                self.type_name_of(v)
            );
            return Err(self.raise_msg(T::TypeError, &msg));
        };
        let it = self.call_with_self(f, v, &[], Value::NULL)?;
        let ti = self.type_of(it);
        if self.lookup_str(ti, "__anext__").is_none() {
            let msg = format!(
                "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                self.type_name_of(it)
            );
            return Err(self.raise_msg(T::TypeError, &msg));
        }
        Ok(it)
    }

    /// `GetANext`: the awaitable of `type(it).__anext__(it)`.
    pub fn get_anext(&mut self, it: Value) -> PyResult {
        let t = self.type_of(it);
        let Some(f) = self.lookup_str(t, "__anext__") else {
            let msg = format!(
                "'async for' requires an iterator with __anext__ method, got {}",
                self.type_name_of(it)
            );
            return Err(self.raise_msg(T::TypeError, &msg));
        };
        let r = self.call_with_self(f, it, &[], Value::NULL)?;
        if Vm::is_kind(r, Kind::Generator) {
            return Ok(r);
        }
        let tr = self.type_of(r);
        if self.type_lookup_n(tr, N::Await).is_none() {
            let msg = format!(
                "'async for' received an invalid object from __anext__: {}",
                self.type_name_of(r)
            );
            return Err(self.raise_msg(T::TypeError, &msg));
        }
        self.get_awaitable(r)
    }

    /// `BeforeAsyncWith`: (bound `__aexit__`, awaitable of `__aenter__()`).
    pub fn before_async_with(&mut self, mgr: Value) -> PyResult<(Value, Value)> {
        let t = self.type_of(mgr);
        let enter = self.lookup_str(t, "__aenter__");
        let exit = self.lookup_str(t, "__aexit__");
        let Some(enter) = enter else {
            let msg = format!(
                "'{}' object does not support the asynchronous context manager protocol",
                self.type_name_of(mgr)
            );
            return Err(self.raise_msg(T::TypeError, &msg));
        };
        let Some(exit) = exit else {
            let msg = format!(
                "'{}' object does not support the asynchronous context manager protocol (missed __aexit__ method)",
                self.type_name_of(mgr)
            );
            return Err(self.raise_msg(T::TypeError, &msg));
        };
        let base = self.root_depth();
        let hm = self.push_root(mgr);
        let he = self.push_root(enter);
        let (exit, selfv) = match self.bind_descr(exit, mgr, t) {
            Ok(x) => x,
            Err(e) => {
                self.pop_roots(base);
                return Err(e);
            }
        };
        let bound = if selfv.is_null() {
            exit
        } else {
            self.new_method(exit, selfv)
        };
        let hx = self.push_root(bound);
        let (enter, mgr) = (self.root(he), self.root(hm));
        let r = self.call_with_self(enter, mgr, &[], Value::NULL);
        let r = r.and_then(|a| self.get_awaitable(a));
        let bound = self.root(hx);
        self.pop_roots(base);
        Ok((bound, r?))
    }

    /// `WithExceptStart`: `exit(type(e), e, tb)`.
    pub fn with_except_start(&mut self, exit: Value, e: Value) -> PyResult {
        let t = self.type_of(e);
        let tb = self.exc_traceback(e);
        self.call0(exit, &[t, e, tb])
    }

    /// `AsyncGenWrap`: marks a value yielded by an async generator.
    pub fn async_gen_wrap(&mut self, v: Value) -> Value {
        let ty = self.ty(T::AsyncGenWrapped);
        let o = self.alloc_rec(Kind::Misc, ty);
        Vm::init(o, 1, v);
        Value::from_obj(o)
    }

    fn new_asend(&mut self, agen: Value, v: Value, mode: i64) -> Value {
        let ty = self.ty(T::AsyncGenASend);
        let o = self.alloc_rec(Kind::Misc, ty);
        Vm::init(o, AS_GEN, agen);
        Vm::init(o, AS_VAL, v);
        Vm::init(o, AS_STATE, Value::int(ST_INIT));
        Vm::init(o, AS_MODE, Value::int(mode));
        Value::from_obj(o)
    }

    fn agen_done(agen: Value) -> bool {
        let g = agen.obj().expect("agen");
        Vm::get(g, crate::vm::gen::G_STATE).as_int() == 3
    }

    /// One step of an asend/athrow/aclose awaitable. `throw`: raise the
    /// exception in `v` into the generator instead of sending `v`.
    fn asend_step(&mut self, aw: Value, v: Value, throw: bool) -> PyResult {
        let o = aw.obj().expect("asend");
        let state = Vm::get(o, AS_STATE).as_int();
        let mode = Vm::get(o, AS_MODE).as_int();
        if state == ST_DONE {
            return Err(self.raise_msg(
                T::RuntimeError,
                "cannot reuse already awaited __anext__()/asend()",
            ));
        }
        let agen = Vm::get(o, AS_GEN);
        let mut v = v;
        let mut throw = throw;
        if state == ST_INIT {
            o.set_word(slot(AS_STATE), Value::int(ST_RUNNING).0);
            if Vm::agen_done(agen) {
                o.set_word(slot(AS_STATE), Value::int(ST_DONE).0);
                return Err(match mode {
                    MODE_CLOSE => self.raise_stop(Value::NONE),
                    _ => self.raise_type_args(self.ty(T::StopAsyncIteration), &[]),
                });
            }
            match mode {
                MODE_SEND if v.is_none() => v = Vm::get(o, AS_VAL),
                MODE_THROW if !throw => {
                    v = Vm::get(o, AS_VAL);
                    throw = true;
                }
                MODE_CLOSE if !throw => {
                    let t = self.ty(T::GeneratorExit);
                    v = self.new_exc(t, &[]);
                    throw = true;
                }
                _ => {}
            }
        }
        let h = self.push_root(aw);
        let r = if throw {
            match self.gen_throw(agen, v) {
                Ok(y) => Ok(Outcome::Yield(y)),
                Err(e) => {
                    if self.exc_is(T::StopIteration) {
                        self.take_exc();
                        Ok(Outcome::Return(Value::NONE))
                    } else {
                        Err(e)
                    }
                }
            }
        } else {
            self.gen_resume(agen, v, false)
        };
        let aw = self.root(h);
        self.pop_roots(h);
        let o = aw.obj().expect("asend");
        let done = |o: gc_api::ObjRef| o.set_word(slot(AS_STATE), Value::int(ST_DONE).0);
        match r {
            Ok(Outcome::Yield(y)) => {
                if self.type_of(y) == self.ty(T::AsyncGenWrapped) {
                    done(o);
                    if mode == MODE_CLOSE {
                        return Err(self
                            .raise_msg(T::RuntimeError, "async generator ignored GeneratorExit"));
                    }
                    let inner = Vm::get(y.obj().expect("wrapped"), 1);
                    return Err(self.raise_stop_value(inner));
                }
                Ok(y)
            }
            Ok(Outcome::Return(_)) => {
                done(o);
                if mode == MODE_CLOSE {
                    return Err(self.raise_stop(Value::NONE));
                }
                let t = self.ty(T::StopAsyncIteration);
                Err(self.raise_type_args(t, &[]))
            }
            Err(e) => {
                done(o);
                if mode == MODE_CLOSE
                    && (self.exc_is(T::GeneratorExit) || self.exc_is(T::StopAsyncIteration))
                {
                    self.take_exc();
                    return Err(self.raise_stop(Value::NONE));
                }
                Err(e)
            }
        }
    }

    /// StopIteration carrying `v` (a tuple value is kept as one argument).
    fn raise_stop_value(&mut self, v: Value) -> super::Exc {
        let t = self.ty(T::StopIteration);
        self.raise_type_args(t, &[v])
    }
}

/// Registers the async generator types' methods.
pub fn register(vm: &mut Vm) {
    let ag = T::AsyncGenerator;
    vm.add_native_method(ag, "__aiter__", |vm, _s, a| Ok(a.v(vm, 0)));
    vm.add_native_method(ag, "__anext__", |vm, _s, a| {
        Ok(vm.new_asend(a.v(vm, 0), Value::NONE, MODE_SEND))
    });
    vm.add_native_method(ag, "asend", |vm, _s, a| {
        a.check(vm, "asend", 2, 2)?;
        Ok(vm.new_asend(a.v(vm, 0), a.v(vm, 1), MODE_SEND))
    });
    vm.add_native_method(ag, "athrow", |vm, _s, a| {
        a.check(vm, "athrow", 2, 4)?;
        let e = if Vm::is_type(a.v(vm, 1)) {
            let args: Vec<Value> = a.opt_v(vm, 2).into_iter().collect();
            let h = vm.push_root(a.v(vm, 0));
            let r = vm.call0(a.v(vm, 1), &args);
            let g = vm.root(h);
            vm.pop_roots(h);
            let e = r?;
            return Ok(vm.new_asend(g, e, MODE_THROW));
        } else {
            a.v(vm, 1)
        };
        Ok(vm.new_asend(a.v(vm, 0), e, MODE_THROW))
    });
    vm.add_native_method(ag, "aclose", |vm, _s, a| {
        Ok(vm.new_asend(a.v(vm, 0), Value::NONE, MODE_CLOSE))
    });
    let asend = T::AsyncGenASend;
    vm.add_native_method(asend, "__await__", |vm, _s, a| Ok(a.v(vm, 0)));
    vm.add_native_method(asend, "__iter__", |vm, _s, a| Ok(a.v(vm, 0)));
    vm.add_native_method(asend, "__next__", |vm, _s, a| {
        vm.asend_step(a.v(vm, 0), Value::NONE, false)
    });
    vm.add_native_method(asend, "send", |vm, _s, a| {
        a.check(vm, "send", 2, 2)?;
        vm.asend_step(a.v(vm, 0), a.v(vm, 1), false)
    });
    vm.add_native_method(asend, "throw", |vm, _s, a| {
        a.check(vm, "throw", 2, 4)?;
        let e = if Vm::is_type(a.v(vm, 1)) {
            let args: Vec<Value> = a.opt_v(vm, 2).into_iter().collect();
            let h = vm.push_root(a.v(vm, 0));
            let r = vm.call0(a.v(vm, 1), &args);
            let aw = vm.root(h);
            vm.pop_roots(h);
            let e = r?;
            return vm.asend_step(aw, e, true);
        } else {
            a.v(vm, 1)
        };
        vm.asend_step(a.v(vm, 0), e, true)
    });
    vm.add_native_method(asend, "close", |vm, _s, a| {
        let o = a.v(vm, 0).obj().expect("asend");
        o.set_word(slot(AS_STATE), Value::int(ST_DONE).0);
        let _ = vm;
        Ok(Value::NONE)
    });
}
