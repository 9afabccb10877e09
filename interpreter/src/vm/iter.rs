//! Iteration: builtin iterator objects (`[type][mode][seq][index][c][d]`).

use super::{PyResult, Vm, R_MISC};
use crate::object::layout::*;
use crate::object::list::{L_ITEMS, L_LEN};
use crate::object::value::Value;
use crate::object::{N, T};

pub const IT_MODE: usize = 1;
pub const IT_SEQ: usize = 2;
pub const IT_IDX: usize = 3;
pub const IT_C: usize = 4;
pub const IT_D: usize = 5;

pub const IT_LIST: i64 = 0;
pub const IT_TUPLE: i64 = 1;
pub const IT_RANGE: i64 = 2;
pub const IT_STR: i64 = 3;
pub const IT_DKEYS: i64 = 4;
pub const IT_DVALUES: i64 = 5;
pub const IT_DITEMS: i64 = 6;
pub const IT_REVLIST: i64 = 8;
pub const IT_ENUM: i64 = 9;
pub const IT_ZIP: i64 = 10;
pub const IT_MAP: i64 = 11;
pub const IT_FILTER: i64 = 12;
pub const IT_COUNT: i64 = 13;
pub const IT_ISLICE: i64 = 14;
pub const IT_CALLABLE: i64 = 15;
pub const IT_BYTES: i64 = 16;
pub const IT_REPEAT: i64 = 17;
pub const IT_CHAIN: i64 = 18;
pub const IT_REVSEQ: i64 = 19;
pub const IT_ARRAY: i64 = 20;

impl Vm {
    /// A new builtin iterator.
    pub fn new_iter(
        &mut self,
        ty: Value,
        mode: i64,
        seq: Value,
        idx: Value,
        c: Value,
        d: Value,
    ) -> Value {
        // Dict and set iterators remember the size they started with
        // (CPython's `di_used`): a change raises RuntimeError.
        let c = if matches!(mode, IT_DKEYS | IT_DVALUES | IT_DITEMS) && c.is_null() {
            Value::int(Vm::dict_len(seq) as i64)
        } else {
            c
        };
        let it = self.alloc_rec(Kind::Iter, ty);
        Vm::init(it, IT_MODE, Value::int(mode));
        Vm::init(it, IT_SEQ, seq);
        Vm::init(it, IT_IDX, idx);
        Vm::init(it, IT_C, c);
        Vm::init(it, IT_D, d);
        Value::from_obj(it)
    }

    /// `iter(v)`.
    pub fn get_iter(&mut self, v: Value) -> PyResult {
        let it_ty = self.ty(T::Iterator);
        let zero = Value::int(0);
        match Vm::kind(v) {
            Some(Kind::List) => {
                if self.type_of(v) != self.ty(T::List) {
                    let t = self.type_of(v);
                    if let Some(f) = self.type_lookup_n(t, N::Iter) {
                        if Vm::is_kind(f, Kind::Function) {
                            return self.call_with_self(f, v, &[], Value::NULL);
                        }
                    }
                }
                Ok(self.new_iter(it_ty, IT_LIST, v, zero, Value::NULL, Value::NULL))
            }
            Some(Kind::Tuple) => {
                Ok(self.new_iter(it_ty, IT_TUPLE, v, zero, Value::NULL, Value::NULL))
            }
            Some(Kind::Str) => Ok(self.new_iter(it_ty, IT_STR, v, zero, Value::NULL, Value::NULL)),
            Some(Kind::Bytes) => {
                Ok(self.new_iter(it_ty, IT_BYTES, v, zero, Value::NULL, Value::NULL))
            }
            Some(Kind::Dict) | Some(Kind::Set) => {
                if Vm::is_kind(v, Kind::Dict) && self.type_of(v) != self.ty(T::Dict) {
                    let t = self.type_of(v);
                    if let Some(f) = self.type_lookup_n(t, N::Iter) {
                        if Vm::is_kind(f, Kind::Function) {
                            return self.call_with_self(f, v, &[], Value::NULL);
                        }
                    }
                }
                Ok(self.new_iter(it_ty, IT_DKEYS, v, zero, Value::NULL, Value::NULL))
            }
            Some(Kind::Deque) if self.type_of(v) == self.ty(T::Deque) => {
                Ok(crate::modules::deque::deque_iter(self, v))
            }
            Some(Kind::Range) => {
                let o = v.obj().expect("range");
                let (start, stop, step) = (Vm::get(o, 1), Vm::get(o, 2), Vm::get(o, 3));
                Ok(self.new_iter(it_ty, IT_RANGE, Value::NONE, start, stop, step))
            }
            Some(Kind::Iter) | Some(Kind::Generator) => {
                if Vm::is_kind(v, Kind::Generator) && self.type_of(v) != self.ty(T::Generator) {
                    let msg = format!("'{}' object is not iterable", self.type_name_of(v));
                    return Err(self.raise_msg(T::TypeError, &msg));
                }
                Ok(v)
            }
            Some(Kind::Misc)
                if self.type_of(v) == self.ty(T::DictKeys)
                    || self.type_of(v) == self.ty(T::DictValues)
                    || self.type_of(v) == self.ty(T::DictItems) =>
            {
                let o = v.obj().expect("view");
                let d = Vm::get(o, 1);
                let mode = if self.type_of(v) == self.ty(T::DictKeys) {
                    IT_DKEYS
                } else if self.type_of(v) == self.ty(T::DictValues) {
                    IT_DVALUES
                } else {
                    IT_DITEMS
                };
                Ok(self.new_iter(it_ty, mode, d, zero, Value::NULL, Value::NULL))
            }
            _ => {
                let t = self.type_of(v);
                if let Some(f) = self.type_lookup_n(t, N::Iter) {
                    let r = self.call_with_self(f, v, &[], Value::NULL)?;
                    return Ok(r);
                }
                if self.type_lookup_n(t, N::GetItem).is_some() {
                    // old-style sequence iteration
                    return Ok(self.new_iter(
                        it_ty,
                        IT_REVSEQ + 100,
                        v,
                        zero,
                        Value::NULL,
                        Value::NULL,
                    ));
                }
                let msg = format!("'{}' object is not iterable", self.type_name_of(v));
                Err(self.raise_msg(T::TypeError, &msg))
            }
        }
    }

    /// Next item without calls: Some(Some(v)), Some(None) when exhausted,
    /// None when the general path is needed.
    #[inline(always)]
    pub fn fast_next(&mut self, it: Value) -> Option<Option<Value>> {
        let o = it.obj()?;
        if kind_of(o) != Kind::Iter {
            return None;
        }
        let mode = Vm::get(o, IT_MODE).as_int();
        match mode {
            IT_LIST => {
                let l = Vm::get(o, IT_SEQ).obj()?;
                let i = Vm::get(o, IT_IDX).as_int();
                if i < Vm::get(l, L_LEN).as_int() {
                    o.set_word(slot(IT_IDX), Value::int(i + 1).0);
                    Some(Some(Vm::item(Vm::get(l, L_ITEMS).obj()?, i as usize)))
                } else {
                    o.set_word(slot(IT_IDX), Value::int(i64::MAX >> 2).0);
                    Some(None)
                }
            }
            IT_TUPLE => {
                let t = Vm::get(o, IT_SEQ).obj()?;
                let i = Vm::get(o, IT_IDX).as_int();
                if (i as usize) < Vm::var_len(t) {
                    o.set_word(slot(IT_IDX), Value::int(i + 1).0);
                    Some(Some(Vm::item(t, i as usize)))
                } else {
                    Some(None)
                }
            }
            IT_RANGE => {
                let cur = Vm::get(o, IT_IDX);
                let stop = Vm::get(o, IT_C);
                let step = Vm::get(o, IT_D);
                if !(cur.is_int() && stop.is_int() && step.is_int()) {
                    return None;
                }
                let (c, s, st) = (cur.as_int(), stop.as_int(), step.as_int());
                if (st > 0 && c < s) || (st < 0 && c > s) {
                    let n = c + st;
                    o.set_word(slot(IT_IDX), Value::try_int(n).unwrap_or(stop).0);
                    Some(Some(cur))
                } else {
                    Some(None)
                }
            }
            crate::modules::deque::IT_DEQUE => {
                let d = Vm::get(o, IT_SEQ);
                let i = Vm::get(o, IT_IDX).as_int() as usize;
                if Vm::deque_state(d) != Vm::get(o, IT_C).as_int() {
                    return None;
                }
                if i < Vm::deque_len(d) {
                    o.set_word(slot(IT_IDX), Value::int(i as i64 + 1).0);
                    Some(Some(Vm::deque_get(d, i)))
                } else {
                    Some(None)
                }
            }
            _ => None,
        }
    }

    /// Next item: Ok(None) when exhausted (StopIteration swallowed; its
    /// value kept in R_MISC).
    pub fn iter_next(&mut self, it: Value) -> PyResult<Option<Value>> {
        if let Some(r) = self.fast_next(it) {
            return Ok(r);
        }
        let Some(o) = it.obj() else {
            return self.next_via_dunder(it);
        };
        match kind_of(o) {
            Kind::Generator => match self.gen_resume(it, Value::NONE, false)? {
                super::interp::Outcome::Yield(v) => Ok(Some(v)),
                super::interp::Outcome::Return(r) => {
                    self.set_root(R_MISC, r);
                    Ok(None)
                }
            },
            Kind::Iter => {
                let mode = Vm::get(o, IT_MODE).as_int();
                if mode == crate::modules::deque::IT_DEQUE
                    || mode == crate::modules::deque::IT_DEQUE_REV
                {
                    return crate::modules::deque::iter_next(self, o, mode);
                }
                self.builtin_iter_next(o)
            }
            _ => self.next_via_dunder(it),
        }
    }

    fn next_via_dunder(&mut self, it: Value) -> PyResult<Option<Value>> {
        let t = self.type_of(it);
        let Some(f) = self.type_lookup_n(t, N::Next) else {
            let msg = format!("'{}' object is not an iterator", self.type_name_of(it));
            return Err(self.raise_msg(T::TypeError, &msg));
        };
        match self.call_with_self(f, it, &[], Value::NULL) {
            Ok(v) => Ok(Some(v)),
            Err(e) => {
                if self.exc_is(T::StopIteration) {
                    let v = self.stop_iteration_value();
                    self.set_root(R_MISC, v);
                    Ok(None)
                } else {
                    Err(e)
                }
            }
        }
    }

    fn builtin_iter_next(&mut self, o: gc_api::ObjRef) -> PyResult<Option<Value>> {
        let mode = Vm::get(o, IT_MODE).as_int();
        let seq = Vm::get(o, IT_SEQ);
        let idx = Vm::get(o, IT_IDX);
        let c = Vm::get(o, IT_C);
        let it = Value::from_obj(o);
        match mode {
            IT_RANGE => {
                let (cur, stop, step) =
                    (Vm::to_big(idx), Vm::to_big(c), Vm::to_big(Vm::get(o, IT_D)));
                let zero = num_bigint::BigInt::from(0);
                if (step > zero && cur < stop) || (step < zero && cur > stop) {
                    let n = &cur + &step;
                    let nv = self.new_int_big(&n);
                    let o = it.obj().expect("it");
                    self.set(o, IT_IDX, nv);
                    Ok(Some(self.new_int_big(&cur)))
                } else {
                    Ok(None)
                }
            }
            IT_STR => {
                let s = Vm::as_str(seq);
                let i = idx.as_int() as usize;
                if i >= s.len() {
                    return Ok(None);
                }
                let ch = s[i..].chars().next().unwrap_or(' ');
                o.set_word(slot(IT_IDX), Value::int((i + ch.len_utf8()) as i64).0);
                let mut buf = [0u8; 4];
                Ok(Some(self.new_str(ch.encode_utf8(&mut buf))))
            }
            IT_BYTES => {
                let b = Vm::as_bytes(seq);
                let i = idx.as_int() as usize;
                if i >= b.len() {
                    return Ok(None);
                }
                o.set_word(slot(IT_IDX), Value::int(i as i64 + 1).0);
                Ok(Some(Value::int(b[i] as i64)))
            }
            IT_DKEYS | IT_DVALUES | IT_DITEMS => {
                if c.is_int() && c.as_int() != Vm::dict_len(seq) as i64 {
                    // Keep raising on later calls, as CPython does.
                    o.set_word(slot(IT_C), Value::int(-1).0);
                    let msg = if Vm::is_kind(seq, Kind::Set) {
                        "Set changed size during iteration"
                    } else {
                        "dictionary changed size during iteration"
                    };
                    return Err(self.raise_msg(T::RuntimeError, msg));
                }
                let mut pos = idx.as_int() as usize;
                let r = Vm::dict_next(seq, &mut pos);
                o.set_word(slot(IT_IDX), Value::int(pos as i64).0);
                match r {
                    None => {
                        // Exhausted for good (CPython drops its dict).
                        o.set_word(slot(IT_IDX), Value::int(i64::MAX >> 2).0);
                        o.set_word(slot(IT_C), Value::NULL.0);
                        Ok(None)
                    }
                    Some((k, v)) => Ok(Some(match mode {
                        IT_DKEYS => k,
                        IT_DVALUES => v,
                        _ => self.new_tuple(&[k, v]),
                    })),
                }
            }
            IT_REVLIST => {
                let i = idx.as_int();
                let n = if Vm::is_kind(seq, Kind::List) {
                    Vm::list_len(seq)
                } else {
                    Vm::tuple_len(seq)
                } as i64;
                if i < 0 || i >= n {
                    return Ok(None);
                }
                o.set_word(slot(IT_IDX), Value::int(i - 1).0);
                Ok(Some(if Vm::is_kind(seq, Kind::List) {
                    Vm::list_get(seq, i as usize)
                } else {
                    Vm::tuple_get(seq, i as usize)
                }))
            }
            IT_ENUM => {
                let h = self.push_root(it);
                let r = self.iter_next(seq);
                let it = self.root(h);
                self.pop_roots(h);
                match r? {
                    None => Ok(None),
                    Some(v) => {
                        let o = it.obj().expect("it");
                        let i = Vm::get(o, IT_IDX);
                        let n = self.binary(i, Value::int(1), crate::compile::bytecode::B_ADD)?;
                        let o = it.obj().expect("it");
                        self.set(o, IT_IDX, n);
                        Ok(Some(self.new_tuple(&[i, v])))
                    }
                }
            }
            IT_ZIP => {
                let n = Vm::tuple_len(seq);
                if n == 0 {
                    return Ok(None);
                }
                let base = self.root_depth();
                let hs = self.push_root(seq);
                let mut hv = vec![];
                for i in 0..n {
                    let s = self.root(hs);
                    let r = self.iter_next(Vm::tuple_get(s, i));
                    match r {
                        Ok(Some(v)) => hv.push(self.push_root(v)),
                        Ok(None) => {
                            self.pop_roots(base);
                            return Ok(None);
                        }
                        Err(e) => {
                            self.pop_roots(base);
                            return Err(e);
                        }
                    }
                }
                let vals: Vec<Value> = hv.iter().map(|h| self.root(*h)).collect();
                self.pop_roots(base);
                Ok(Some(self.new_tuple(&vals)))
            }
            IT_MAP => {
                let n = Vm::tuple_len(c);
                let base = self.root_depth();
                let hit = self.push_root(it);
                let mut hv = vec![];
                for i in 0..n {
                    let o = self.root(hit).obj().expect("it");
                    let its = Vm::get(o, IT_C);
                    let r = self.iter_next(Vm::tuple_get(its, i));
                    match r {
                        Ok(Some(v)) => hv.push(self.push_root(v)),
                        Ok(None) => {
                            self.pop_roots(base);
                            return Ok(None);
                        }
                        Err(e) => {
                            self.pop_roots(base);
                            return Err(e);
                        }
                    }
                }
                let vals: Vec<Value> = hv.iter().map(|h| self.root(*h)).collect();
                let f = Vm::get(self.root(hit).obj().expect("it"), IT_SEQ);
                self.pop_roots(base);
                match self.call0(f, &vals) {
                    Ok(v) => Ok(Some(v)),
                    // StopIteration from the function ends the map, as
                    // map.__next__ raising it does in CPython.
                    Err(_) if self.exc_is(T::StopIteration) => {
                        let v = self.stop_iteration_value();
                        self.set_root(R_MISC, v);
                        Ok(None)
                    }
                    Err(e) => Err(e),
                }
            }
            IT_FILTER => {
                let base = self.root_depth();
                let hit = self.push_root(it);
                loop {
                    let o = self.root(hit).obj().expect("it");
                    let inner = Vm::get(o, IT_C);
                    let v = match self.iter_next(inner) {
                        Ok(Some(v)) => v,
                        Ok(None) => {
                            self.pop_roots(base);
                            return Ok(None);
                        }
                        Err(e) => {
                            self.pop_roots(base);
                            return Err(e);
                        }
                    };
                    let hv = self.push_root(v);
                    let f = Vm::get(self.root(hit).obj().expect("it"), IT_SEQ);
                    let keep = if f.is_none() {
                        self.truthy(v)
                    } else {
                        self.call0(f, &[v]).and_then(|r| self.truthy(r))
                    };
                    let v = self.root(hv);
                    match keep {
                        Ok(true) => {
                            self.pop_roots(base);
                            return Ok(Some(v));
                        }
                        Ok(false) => self.pop_roots(hv),
                        Err(e) => {
                            self.pop_roots(base);
                            return Err(e);
                        }
                    }
                }
            }
            IT_COUNT => {
                let n = self.binary(idx, c, crate::compile::bytecode::B_ADD)?;
                let o = it.obj().expect("it");
                self.set(o, IT_IDX, n);
                Ok(Some(idx))
            }
            IT_ISLICE => {
                // seq = inner iterator, idx = items consumed, c = next wanted index, d = (stop, step)
                let base = self.root_depth();
                let hit = self.push_root(it);
                loop {
                    let o = self.root(hit).obj().expect("it");
                    let consumed = Vm::get(o, IT_IDX).as_int();
                    let want = Vm::get(o, IT_C).as_int();
                    let d = Vm::get(o, IT_D);
                    let stop = Vm::tuple_get(d, 0);
                    let step = Vm::tuple_get(d, 1).as_int();
                    if !stop.is_none() && want >= stop.as_int() {
                        self.pop_roots(base);
                        return Ok(None);
                    }
                    let inner = Vm::get(o, IT_SEQ);
                    let r = self.iter_next(inner);
                    let v = match r {
                        Ok(Some(v)) => v,
                        Ok(None) => {
                            self.pop_roots(base);
                            return Ok(None);
                        }
                        Err(e) => {
                            self.pop_roots(base);
                            return Err(e);
                        }
                    };
                    let o = self.root(hit).obj().expect("it");
                    o.set_word(slot(IT_IDX), Value::int(consumed + 1).0);
                    if consumed == want {
                        o.set_word(slot(IT_C), Value::int(want + step).0);
                        self.pop_roots(base);
                        return Ok(Some(v));
                    }
                }
            }
            IT_CALLABLE => {
                let h = self.push_root(it);
                let r = self.call0(seq, &[]);
                let it = self.root(h);
                self.pop_roots(h);
                let v = r?;
                let h2 = self.push_root(v);
                let sentinel = Vm::get(it.obj().expect("it"), IT_C);
                let eq = self.eq_bool(v, sentinel);
                let v = self.root(h2);
                self.pop_roots(h2);
                if eq? {
                    Ok(None)
                } else {
                    Ok(Some(v))
                }
            }
            IT_REPEAT => {
                if c.is_none() {
                    return Ok(Some(seq));
                }
                let left = c.as_int();
                if left <= 0 {
                    return Ok(None);
                }
                o.set_word(slot(IT_C), Value::int(left - 1).0);
                Ok(Some(seq))
            }
            IT_CHAIN => {
                let base = self.root_depth();
                let hit = self.push_root(it);
                loop {
                    let o = self.root(hit).obj().expect("it");
                    let cur = Vm::get(o, IT_C);
                    if cur.is_ref() {
                        match self.iter_next(cur) {
                            Ok(Some(v)) => {
                                self.pop_roots(base);
                                return Ok(Some(v));
                            }
                            Ok(None) => {}
                            Err(e) => {
                                self.pop_roots(base);
                                return Err(e);
                            }
                        }
                    }
                    let o = self.root(hit).obj().expect("it");
                    let srcs = Vm::get(o, IT_SEQ);
                    let i = Vm::get(o, IT_IDX).as_int() as usize;
                    if i >= Vm::tuple_len(srcs) {
                        self.pop_roots(base);
                        return Ok(None);
                    }
                    o.set_word(slot(IT_IDX), Value::int(i as i64 + 1).0);
                    let nxt = match self.get_iter(Vm::tuple_get(srcs, i)) {
                        Ok(x) => x,
                        Err(e) => {
                            self.pop_roots(base);
                            return Err(e);
                        }
                    };
                    let o = self.root(hit).obj().expect("it");
                    self.set(o, IT_C, nxt);
                }
            }
            IT_REVSEQ => {
                // reversed(sequence): seq[len-1], ..., seq[0]
                let i = idx.as_int();
                if i < 0 {
                    return Ok(None);
                }
                o.set_word(slot(IT_IDX), Value::int(i - 1).0);
                let r = self.getitem(seq, idx);
                match r {
                    Ok(v) => Ok(Some(v)),
                    Err(e) => {
                        if self.exc_is(T::IndexError) || self.exc_is(T::StopIteration) {
                            self.take_exc();
                            Ok(None)
                        } else {
                            Err(e)
                        }
                    }
                }
            }
            m if m == IT_REVSEQ + 100 => {
                let h = self.push_root(it);
                let r = self.getitem(seq, idx);
                let it = self.root(h);
                self.pop_roots(h);
                match r {
                    Ok(v) => {
                        let o = it.obj().expect("it");
                        o.set_word(slot(IT_IDX), Value::int(idx.as_int() + 1).0);
                        Ok(Some(v))
                    }
                    Err(e) => {
                        if self.exc_is(T::IndexError) || self.exc_is(T::StopIteration) {
                            self.take_exc();
                            Ok(None)
                        } else {
                            Err(e)
                        }
                    }
                }
            }
            IT_ARRAY => {
                let i = idx.as_int();
                let n = self.len(seq)? as i64;
                if i >= n {
                    return Ok(None);
                }
                let o = it.obj().expect("it");
                o.set_word(slot(IT_IDX), Value::int(i + 1).0);
                let seq = Vm::get(o, IT_SEQ);
                Ok(Some(self.getitem(seq, Value::int(i))?))
            }
            _ => Ok(None),
        }
    }

    /// Collects an iterable into a Vec (rooted while iterating).
    pub fn collect(&mut self, v: Value) -> PyResult<Vec<Value>> {
        match Vm::kind(v) {
            Some(Kind::List) if self.type_of(v) == self.ty(T::List) => {
                return Ok(Vm::list_items(v))
            }
            Some(Kind::Tuple) => return Ok(Vm::tuple_items(v)),
            _ => {}
        }
        let it = self.get_iter(v)?;
        self.collect_iter(it)
    }

    /// The remaining items of iterator `it`.
    pub fn collect_iter(&mut self, it: Value) -> PyResult<Vec<Value>> {
        self.collect_iter_upto(it, usize::MAX)
    }

    /// At most `limit` more items of iterator `it`.
    fn collect_iter_upto(&mut self, it: Value, limit: usize) -> PyResult<Vec<Value>> {
        let acc = self.new_list(&[]);
        let base = self.root_depth();
        let hit = self.push_root(it);
        let hacc = self.push_root(acc);
        loop {
            if Vm::list_len(self.root(hacc)) >= limit {
                break;
            }
            let it = self.root(hit);
            match self.iter_next(it) {
                Ok(Some(x)) => {
                    let acc = self.root(hacc);
                    self.list_append(acc, x);
                }
                Ok(None) => break,
                Err(e) => {
                    self.pop_roots(base);
                    return Err(e);
                }
            }
            if self.m.safepoint_pending() || self.torture() {
                self.safepoint();
                if let Err(e) = self.memory_error_due() {
                    self.pop_roots(base);
                    return Err(e);
                }
            }
        }
        let acc = self.root(hacc);
        self.pop_roots(base);
        Ok(Vm::list_items(acc))
    }

    /// Unpacks exactly `n` items (or all when n == usize::MAX).
    pub fn unpack(&mut self, v: Value, n: usize) -> PyResult<Vec<Value>> {
        let items = match Vm::kind(v) {
            Some(Kind::Tuple) => Vm::tuple_items(v),
            Some(Kind::List) => Vm::list_items(v),
            // starred targets: as CPython's list(iterator), the length
            // hint of the iterator is consulted (its exception propagates)
            _ if n == usize::MAX => self.collect_iterator_hinted(v)?,
            _ => {
                // as CPython: one item past `n` shows there are too many
                // (an iterator is not run to its end)
                let it = self.get_iter(v)?;
                self.collect_iter_upto(it, n + 1)?
            }
        };
        if n != usize::MAX && items.len() != n {
            let msg = if items.len() > n {
                format!("too many values to unpack (expected {n})")
            } else {
                format!(
                    "not enough values to unpack (expected {n}, got {})",
                    items.len()
                )
            };
            return Err(self.raise_msg(T::ValueError, &msg));
        }
        Ok(items)
    }
}
