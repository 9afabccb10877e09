//! Big ints (`[type][len][sign][u32 digits]`) and boxed floats (`[type][f64]`).

use super::layout::*;
use super::value::Value;
use super::T;
use crate::vm::Vm;
use num_bigint::{BigInt, Sign};
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
    /// Is `v` a float object?
    #[inline(always)]
    pub fn is_float(v: Value) -> bool {
        Vm::is_kind(v, Kind::Float)
    }
    /// The f64 of a float object.
    #[inline(always)]
    pub fn float_val(v: Value) -> f64 {
        v.obj().map(|o| o.f64_at(16)).unwrap_or(0.0)
    }
    /// An int from a BigInt (small when it fits).
    pub fn new_int_big(&mut self, b: &BigInt) -> Value {
        if let Some(n) = b.to_i64() {
            if let Some(v) = Value::try_int(n) {
                return v;
            }
        }
        let ty = self.ty(T::Int);
        self.new_int_big_of(b, ty)
    }
    /// A BigInt object of type `ty` (int subclasses: never a tagged small int).
    pub fn new_int_big_of(&mut self, b: &BigInt, ty: Value) -> Value {
        let (sign, digits) = b.to_u32_digits();
        let o = self.alloc_var(Kind::BigInt, ty, digits.len());
        o.set_word(BIG_SIGN_OFF, if sign == Sign::Minus { 1 } else { 0 });
        o.set_word(BIG_ATTRS_OFF, 0);
        init_big_digits(o, &digits);
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
            Some(o) if kind_of(o) == Kind::BigInt => {
                let sign = if o.word(BIG_SIGN_OFF) == 1 {
                    Sign::Minus
                } else {
                    Sign::Plus
                };
                BigInt::from_biguint(sign, num_bigint::BigUint::new(big_digits(o)))
            }
            _ => BigInt::from(0),
        }
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
            return Vm::to_big(v).to_i64();
        }
        None
    }
}
