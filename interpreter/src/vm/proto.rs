//! Object protocols: truth, hashing, length, containment, subscripts.

use super::{PyResult, Vm};
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::{N, T};
use num_traits::{Signed, ToPrimitive, Zero};

pub const SL_START: usize = 1;
pub const SL_STOP: usize = 2;
pub const SL_STEP: usize = 3;

const HASH_MOD: i64 = (1i64 << 61) - 1;

impl Vm {
    /// `bool(v)`.
    pub fn truthy(&mut self, v: Value) -> PyResult<bool> {
        if v.is_int() {
            return Ok(v.as_int() != 0);
        }
        match v {
            Value::TRUE => return Ok(true),
            Value::FALSE | Value::NONE => return Ok(false),
            _ => {}
        }
        let Some(o) = v.obj() else { return Ok(true) };
        if matches!(
            kind_of(o),
            Kind::Str | Kind::BigInt | Kind::Tuple | Kind::FloatSub
        ) && Vm::has_flag_heap(self.type_of(v))
        {
            // subclass instances: a Python __bool__ / __len__ wins (Flag, ...)
            let t = self.type_of(v);
            for n in [N::Bool, N::Len] {
                if let Some(f) = self.type_lookup_n(t, n) {
                    if Vm::is_kind(f, Kind::Function) {
                        let r = self.call_with_self(f, v, &[], Value::NULL)?;
                        return Ok(if n == N::Bool {
                            self.bool_result(r)?
                        } else {
                            Vm::int_as_i64(r).unwrap_or(0) != 0
                        });
                    }
                }
            }
        }
        let Some(o) = v.obj() else { return Ok(true) };
        match kind_of(o) {
            Kind::Float | Kind::FloatSub => Ok(Vm::float_val(v) != 0.0),
            Kind::Complex => {
                let c = Vm::complex_val(v);
                Ok(c.re != 0.0 || c.im != 0.0)
            }
            Kind::Str => Ok(o.word(LEN_OFF) != 0),
            Kind::Bytes => Ok(o.word(LEN_OFF) != 0),
            Kind::BigInt => Ok(!num_traits::Zero::is_zero(&Vm::to_big(v))),
            Kind::Tuple => Ok(Vm::var_len(o) != 0),
            Kind::List if self.type_of(v) == self.ty(T::List) => Ok(Vm::list_len(v) != 0),
            Kind::Dict | Kind::Set if !Vm::has_flag_heap(self.type_of(v)) => {
                Ok(Vm::dict_len(v) != 0)
            }
            Kind::Range => Ok(self.len(v)? != 0),
            Kind::Deque if self.type_of(v) == self.ty(T::Deque) => Ok(Vm::deque_len(v) != 0),
            _ => {
                let t = self.type_of(v);
                if let Some(f) = self.type_lookup_n(t, N::Bool) {
                    let r = self.call_with_self(f, v, &[], Value::NULL)?;
                    return self.bool_result(r);
                }
                if self.type_lookup_n(t, N::Len).is_some() {
                    return Ok(self.len(v)? != 0);
                }
                Ok(true)
            }
        }
    }

    /// The result of a `__bool__`: True/False, else TypeError.
    fn bool_result(&mut self, r: Value) -> PyResult<bool> {
        match r {
            Value::TRUE => Ok(true),
            Value::FALSE => Ok(false),
            _ => {
                let msg = format!(
                    "__bool__ should return bool, returned {}",
                    self.type_name_of(r)
                );
                Err(self.raise_msg(T::TypeError, &msg))
            }
        }
    }

    pub(super) fn has_flag_heap(t: Value) -> bool {
        Vm::type_flags(t) & crate::object::types::F_HEAP != 0
    }

    /// `hash(v)` folded to 62 bits (sign-extended from bit 61), the form
    /// dicts store; the low bits, and so every probe position, equal
    /// CPython's. `hash()` itself returns [`Vm::hash_full`].
    #[inline]
    pub fn hash(&mut self, v: Value) -> PyResult<i64> {
        if v.is_int() {
            return Ok(hash_i64(v.as_int()));
        }
        Ok(crate::vm::hashing::fold62(self.hash_full(v)?))
    }

    /// `len(v)`.
    pub fn len(&mut self, v: Value) -> PyResult<usize> {
        if let Some(o) = v.obj() {
            match kind_of(o) {
                Kind::Str => return Ok(Vm::str_nchars(v)),
                Kind::Bytes => return Ok(Vm::var_len(o)),
                Kind::Tuple => return Ok(Vm::var_len(o)),
                Kind::Deque if !Vm::has_flag_heap(self.type_of(v)) => return Ok(Vm::deque_len(v)),
                Kind::List if self.type_of(v) == self.ty(T::List) => return Ok(Vm::list_len(v)),
                Kind::Dict | Kind::Set if !Vm::has_flag_heap(self.type_of(v)) => {
                    return Ok(Vm::dict_len(v))
                }
                Kind::Range => {
                    let (a, b, s) = (
                        Vm::to_big(Vm::get(o, 1)),
                        Vm::to_big(Vm::get(o, 2)),
                        Vm::to_big(Vm::get(o, 3)),
                    );
                    let n = range_len(&a, &b, &s);
                    return Ok(n.to_usize().unwrap_or(usize::MAX));
                }
                _ => {}
            }
        }
        let t = self.type_of(v);
        if let Some(f) = self.type_lookup_n(t, N::Len) {
            let r = self.call_with_self(f, v, &[], Value::NULL)?;
            return match Vm::int_as_i64(r) {
                Some(n) if n >= 0 => Ok(n as usize),
                Some(_) => Err(self.raise_msg(T::ValueError, "__len__() should return >= 0")),
                None => Err(self.raise_msg(
                    T::TypeError,
                    "'float' object cannot be interpreted as an integer",
                )),
            };
        }
        if let Some(o) = v.obj() {
            match kind_of(o) {
                Kind::List => return Ok(Vm::list_len(v)),
                Kind::Dict | Kind::Set => return Ok(Vm::dict_len(v)),
                _ => {}
            }
        }
        let msg = format!("object of type '{}' has no len()", self.type_name_of(v));
        Err(self.raise_msg(T::TypeError, &msg))
    }

    /// `item in container`.
    pub fn contains(&mut self, container: Value, item: Value) -> PyResult<bool> {
        match Vm::kind(container) {
            Some(Kind::Dict) | Some(Kind::Set) => {
                return Ok(self.dict_get(container, item)?.is_some())
            }
            Some(Kind::Str) => {
                if !Vm::is_str(item) {
                    let msg = format!(
                        "'in <string>' requires string as left operand, not {}",
                        self.type_name_of(item)
                    );
                    return Err(self.raise_msg(T::TypeError, &msg));
                }
                return Ok(Vm::as_str(container).contains(Vm::as_str(item)));
            }
            Some(Kind::Bytes) => {
                if let Some(b) = Vm::int_as_i64(item) {
                    return Ok(Vm::as_bytes(container).contains(&(b as u8)));
                }
                let needle = Vm::as_bytes(item);
                return Ok(Vm::as_bytes(container)
                    .windows(needle.len().max(1))
                    .any(|w| w == needle));
            }
            Some(Kind::Range) if Vm::is_intlike(item) => {
                let o = container.obj().expect("r");
                let (a, b, s) = (
                    Vm::to_big(Vm::get(o, 1)),
                    Vm::to_big(Vm::get(o, 2)),
                    Vm::to_big(Vm::get(o, 3)),
                );
                let x = Vm::to_big(item);
                let inr = if s.is_positive() {
                    x >= a && x < b
                } else {
                    x <= a && x > b
                };
                return Ok(inr && ((x - a) % s).is_zero());
            }
            Some(Kind::Tuple) | Some(Kind::List)
                if self
                    .type_lookup_n(self.type_of(container), N::Contains)
                    .is_none_or(|f| Vm::is_kind(f, Kind::Builtin))
                    || self.type_of(container) == self.ty(T::List) =>
            {
                let h = self.push_root(container);
                let hi = self.push_root(item);
                let mut i = 0;
                loop {
                    let c = self.root(h);
                    let n = if Vm::is_kind(c, Kind::List) {
                        Vm::list_len(c)
                    } else {
                        Vm::tuple_len(c)
                    };
                    if i >= n {
                        self.pop_roots(h);
                        return Ok(false);
                    }
                    let x = if Vm::is_kind(c, Kind::List) {
                        Vm::list_get(c, i)
                    } else {
                        Vm::tuple_get(c, i)
                    };
                    let item = self.root(hi);
                    match self.eq_bool(x, item) {
                        Ok(true) => {
                            self.pop_roots(h);
                            return Ok(true);
                        }
                        Ok(false) => {}
                        Err(e) => {
                            self.pop_roots(h);
                            return Err(e);
                        }
                    }
                    i += 1;
                }
            }
            _ => {}
        }
        let t = self.type_of(container);
        // a native type's builtin `__contains__` calls back into `contains`:
        // its generic case is the linear search below
        let native = |f: Value| {
            Vm::is_kind(f, Kind::Builtin) && Vm::type_flags(t) & crate::object::types::F_HEAP == 0
        };
        if let Some(f) = self.type_lookup_n(t, N::Contains).filter(|f| !native(*f)) {
            let r = self.call_with_self(f, container, &[item], Value::NULL)?;
            return self.truthy(r);
        }
        self.scope(|vm, s| {
            let h = s.root_value(vm, item);
            let items = vm.collect(container)?;
            let l = vm.new_list(&items);
            let item = h.get(vm).value();
            vm.contains(l, item)
        })
    }

    /// A slice object.
    pub fn new_slice(&mut self, start: Value, stop: Value, step: Value) -> Value {
        let ty = self.ty(T::Slice);
        let s = self.alloc_rec(Kind::Slice, ty);
        Vm::init(s, SL_START, start);
        Vm::init(s, SL_STOP, stop);
        Vm::init(s, SL_STEP, step);
        Value::from_obj(s)
    }

    /// Resolves a slice against a length: (start, stop, step, count).
    /// `len` must be taken after `__index__` ran: callers whose container can
    /// change normalise the slice first ([`Vm::plain_key`]).
    pub fn slice_indices(&mut self, s: Value, len: usize) -> PyResult<(i64, i64, i64, usize)> {
        let s = self.plain_slice(s)?;
        let o = s.obj().expect("slice");
        let len = len as i64;
        let step = match Vm::get(o, SL_STEP) {
            Value::NONE => 1,
            v => self.index_of(v)?,
        };
        if step == 0 {
            return Err(self.raise_msg(T::ValueError, "slice step cannot be zero"));
        }
        let (lo, hi) = if step < 0 { (-1, len - 1) } else { (0, len) };
        let conv = |vm: &mut Vm, v: Value, def: i64| -> PyResult<i64> {
            if v.is_none() {
                return Ok(def);
            }
            let mut i = vm.index_of(v)?;
            if i < 0 {
                i += len;
                if i < lo {
                    i = lo;
                }
            } else if i > hi {
                i = hi;
            }
            Ok(i)
        };
        let start = conv(self, Vm::get(o, SL_START), if step < 0 { hi } else { lo })?;
        let stop = conv(self, Vm::get(o, SL_STOP), if step < 0 { lo } else { hi })?;
        let count = if step > 0 {
            if stop > start {
                ((stop - start - 1) / step + 1) as usize
            } else {
                0
            }
        } else if start > stop {
            ((start - stop - 1) / (-step) + 1) as usize
        } else {
            0
        };
        Ok((start, stop, step, count))
    }

    /// `s` itself when its bounds are ints or None; otherwise a new slice
    /// whose `__index__`-able bounds are converted (running Python code).
    #[inline(always)]
    pub(super) fn plain_slice(&mut self, s: Value) -> PyResult<Value> {
        if !Vm::slice_runs_code(s) {
            return Ok(s);
        }
        self.plain_slice_slow(s)
    }

    /// Whether a slice has a bound that is not an int or None (converting
    /// it runs Python code).
    #[inline(always)]
    fn slice_runs_code(s: Value) -> bool {
        match s.obj() {
            Some(so) => (0..3).any(|i| Vm::is_kind(Vm::get(so, SL_START + i), Kind::Instance)),
            None => false,
        }
    }

    #[inline(never)]
    fn plain_slice_slow(&mut self, s: Value) -> PyResult<Value> {
        let needs = |x: Value| Vm::is_kind(x, Kind::Instance);
        self.scope(|vm, sc| {
            let h = sc.root_value(vm, s);
            let mut parts = [Value::NONE; 3];
            // CPython's order: the step first (a zero step raises before the
            // bounds' `__index__` run), then start and stop.
            for i in [2, 0, 1] {
                let v = Vm::get(h.get(vm).value().obj().expect("slice"), SL_START + i);
                parts[i] = if needs(v) {
                    match vm.index_of(v) {
                        Ok(n) => Value::int(n),
                        Err(e) => return Err(e),
                    }
                } else {
                    v
                };
                if i == 2 && parts[2] == Value::int(0) {
                    return Err(vm.raise_msg(T::ValueError, "slice step cannot be zero"));
                }
            }
            Ok(vm.new_slice(parts[0], parts[1], parts[2]))
        })
    }

    /// Converts a key that runs Python code to become an index (an object
    /// with `__index__`, or a slice with such bounds) before the container
    /// `o` is inspected: that code may mutate or move `o`. Returns `o` (re-read)
    /// and the plain key.
    #[inline(always)]
    pub fn plain_key(&mut self, o: Value, k: Value) -> PyResult<(Value, Value)> {
        // ints and slices of ints and None run no Python code
        match k.obj() {
            None => Ok((o, k)),
            Some(ko) if kind_of(ko) == Kind::Slice && !Vm::slice_runs_code(k) => Ok((o, k)),
            Some(ko) if !matches!(kind_of(ko), Kind::Slice | Kind::Instance) => Ok((o, k)),
            Some(_) => self.plain_key_slow(o, k),
        }
    }

    #[inline(never)]
    fn plain_key_slow(&mut self, o: Value, k: Value) -> PyResult<(Value, Value)> {
        let slice = Vm::is_kind(k, Kind::Slice);
        let index_obj = !slice
            && Vm::is_kind(k, Kind::Instance)
            && self.type_lookup_n(self.type_of(k), N::Index).is_some();
        if !(slice || index_obj) {
            return Ok((o, k));
        }
        self.scope(|vm, s| {
            let h = s.root_value(vm, o);
            let r = if slice {
                vm.plain_slice(k)
            } else {
                vm.index_of(k).map(Value::int)
            };
            let o = h.get(vm).value();
            Ok((o, r?))
        })
    }

    /// An integer index (via `__index__`).
    pub fn index_of(&mut self, v: Value) -> PyResult<i64> {
        if v.is_int() {
            return Ok(v.as_int());
        }
        if let Some(i) = Vm::int_as_i64(v) {
            return Ok(i);
        }
        if Vm::is_bigint(v) {
            return Err(self.raise_msg(
                T::IndexError,
                "cannot fit 'int' into an index-sized integer",
            ));
        }
        if let Some(r) = self.call_method_n(v, N::Index, &[])? {
            if let Some(i) = Vm::int_as_i64(r) {
                return Ok(i);
            }
        }
        let msg = format!(
            "'{}' object cannot be interpreted as an integer",
            self.type_name_of(v)
        );
        Err(self.raise_msg(T::TypeError, &msg))
    }

    pub(super) fn seq_index(&mut self, k: Value, len: usize, what: &str) -> PyResult<usize> {
        if !Vm::is_intlike(k) && self.type_lookup_n(self.type_of(k), N::Index).is_none() {
            let msg = format!(
                "{what} indices must be integers or slices, not {}",
                self.type_name_of(k)
            );
            return Err(self.raise_msg(T::TypeError, &msg));
        }
        let mut i = self.index_of(k)?;
        if i < 0 {
            i += len as i64;
        }
        if i < 0 || i >= len as i64 {
            let msg = format!("{what} index out of range");
            return Err(self.raise_msg(T::IndexError, &msg));
        }
        Ok(i as usize)
    }

    /// A range object.
    pub fn new_range(&mut self, a: Value, b: Value, s: Value) -> Value {
        let ty = self.ty(T::Range);
        let r = self.alloc_rec(Kind::Range, ty);
        Vm::init(r, 1, a);
        Vm::init(r, 2, b);
        Vm::init(r, 3, s);
        Value::from_obj(r)
    }
}

/// Number of items of range(a, b, s).
pub fn range_len(
    a: &num_bigint::BigInt,
    b: &num_bigint::BigInt,
    s: &num_bigint::BigInt,
) -> num_bigint::BigInt {
    use num_integer::Integer;
    let zero = num_bigint::BigInt::from(0);
    if s.is_positive() {
        if b > a {
            (b - a - 1i32).div_floor(s) + 1i32
        } else {
            zero
        }
    } else if a > b {
        (a - b - 1i32).div_floor(&(-s)) + 1i32
    } else {
        zero
    }
}

/// CPython's int hash.
pub fn hash_i64(n: i64) -> i64 {
    let m = (n.unsigned_abs() % HASH_MOD as u64) as i64;
    let h = if n < 0 { -m } else { m };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// CPython's float hash (integral floats hash like ints).
pub fn hash_f64(f: f64) -> i64 {
    if f.is_nan() {
        return 0;
    }
    if f.is_infinite() {
        return if f > 0.0 { 314159 } else { -314159 };
    }
    if f.fract() == 0.0 && f.abs() < 9.2e18 {
        return hash_i64(f as i64);
    }
    let (mut m, mut e) = frexp(f.abs());
    let mut x: u64 = 0;
    let modulus = HASH_MOD as u64;
    while m != 0.0 {
        x = ((x << 28) & modulus) | (x >> (61 - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= modulus {
            x -= modulus;
        }
    }
    let e = if e >= 0 {
        e % 61
    } else {
        61 - 1 - ((-1 - e) % 61)
    };
    x = ((x << e) & modulus) | (x >> (61 - e));
    let mut h = x as i64;
    if f < 0.0 {
        h = -h;
    }
    if h == -1 {
        -2
    } else {
        h
    }
}

fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 {
        return (0.0, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(x * 2f64.powi(64));
        return (m, e - 64);
    }
    let e = exp - 1022;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, e)
}
