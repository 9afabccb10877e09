//! Big ints (`[type][box]`, see [`bigbox`]) and boxed floats (`[type][f64]`).

use super::bigbox;
use super::layout::*;
use super::value::Value;
use super::T;
use crate::vm::Vm;
use num_bigint::BigInt;
use num_traits::ToPrimitive;

impl Vm {
    /// A boxed float.
    #[inline(always)]
    pub fn new_float(&mut self, f: f64) -> Value {
        let ty = self.ty(T::Float);
        let o = self.alloc_rec(Kind::Float, ty);
        o.set_f64_at(16, f);
        Value::from_obj(o)
    }
    /// A float of type `ty`, a subclass of float (`float.__new__(F, x)`).
    pub fn new_float_of(&mut self, f: f64, ty: Value) -> Value {
        let o = self.alloc_rec(Kind::FloatSub, ty);
        o.set_f64_at(16, f);
        o.set_word(slot(FLOATSUB_ATTRS), 0);
        Value::from_obj(o)
    }
    /// Is `v` a float (of type float or a subclass)?
    #[inline(always)]
    pub fn is_float(v: Value) -> bool {
        matches!(Vm::kind(v), Some(Kind::Float | Kind::FloatSub))
    }
    /// Is `v` a float of type float exactly (fast paths: a subclass may
    /// override every operator)?
    #[inline(always)]
    pub fn is_exact_float(v: Value) -> bool {
        Vm::is_kind(v, Kind::Float)
    }
    /// The f64 of a float object.
    #[inline(always)]
    pub fn float_val(v: Value) -> f64 {
        v.obj().map(|o| o.f64_at(16)).unwrap_or(0.0)
    }
    /// An int from a BigInt (small when it fits).
    pub fn new_int_big(&mut self, b: &BigInt) -> Value {
        if let Some(v) = b.to_i64().and_then(Value::try_int) {
            return v;
        }
        let ty = self.ty(T::Int);
        self.new_int_big_of(b.clone(), ty)
    }
    /// An int from an owned BigInt (small when it fits): the value moves
    /// into the object's box without copying its digits.
    pub fn new_int_big_owned(&mut self, b: BigInt) -> Value {
        if let Some(v) = b.to_i64().and_then(Value::try_int) {
            return v;
        }
        let ty = self.ty(T::Int);
        self.new_int_big_of(b, ty)
    }
    /// A big int object of type `ty` (int subclasses: never a tagged small
    /// int). The value moves into the object's box.
    pub fn new_int_big_of(&mut self, b: BigInt, ty: Value) -> Value {
        let o = self.alloc_rec(Kind::BigInt, ty);
        o.set_word(BIG_ATTRS_OFF, 0);
        let raw = self.m.raw_memory().clone();
        let bytes = bigbox::install(o, b, &raw);
        self.m.add_memory_pressure(bytes);
        Value::from_obj(o)
    }
    /// An int from an i128.
    pub fn new_int_i128(&mut self, n: i128) -> Value {
        if let Ok(x) = i64::try_from(n) {
            if let Some(v) = Value::try_int(x) {
                return v;
            }
        }
        self.new_int_big(&BigInt::from(n))
    }
    /// An int from an i64.
    #[inline(always)]
    pub fn new_int(&mut self, n: i64) -> Value {
        match Value::try_int(n) {
            Some(v) => v,
            None => self.new_int_big(&BigInt::from(n)),
        }
    }
    /// Is `v` a big int object?
    #[inline(always)]
    pub fn is_bigint(v: Value) -> bool {
        Vm::is_kind(v, Kind::BigInt)
    }
    /// Is `v` an int (small, big or bool)?
    #[inline(always)]
    pub fn is_intlike(v: Value) -> bool {
        v.is_int() || v == Value::TRUE || v == Value::FALSE || Vm::is_bigint(v)
    }
    /// The BigInt value of an int-like value.
    pub fn to_big(v: Value) -> BigInt {
        if v.is_int() {
            return BigInt::from(v.as_int());
        }
        if v == Value::TRUE {
            return BigInt::from(1);
        }
        if v == Value::FALSE {
            return BigInt::from(0);
        }
        match v.obj() {
            Some(o) if kind_of(o) == Kind::BigInt => bigbox::with(o, BigInt::clone),
            _ => BigInt::from(0),
        }
    }
    /// Runs `f` on the BigInt value of an int-like value, borrowed from a
    /// big int object (no copy) or converted from a small int or bool.
    /// `f` gets no VM, so it cannot reach a safepoint.
    #[inline]
    pub fn with_big<R>(v: Value, f: impl FnOnce(&BigInt) -> R) -> R {
        match v.obj() {
            Some(o) if kind_of(o) == Kind::BigInt => bigbox::with(o, f),
            _ => f(&Vm::to_big(v)),
        }
    }
    /// [`Vm::with_big`] for two values.
    #[inline]
    pub fn with_bigs<R>(a: Value, b: Value, f: impl FnOnce(&BigInt, &BigInt) -> R) -> R {
        Vm::with_big(a, |x| Vm::with_big(b, |y| f(x, y)))
    }
    /// An int-like value as i64 if it fits.
    pub fn int_as_i64(v: Value) -> Option<i64> {
        if v.is_int() {
            return Some(v.as_int());
        }
        if v == Value::TRUE {
            return Some(1);
        }
        if v == Value::FALSE {
            return Some(0);
        }
        if Vm::is_bigint(v) {
            return Vm::with_big(v, |b| b.to_i64());
        }
        None
    }
}
