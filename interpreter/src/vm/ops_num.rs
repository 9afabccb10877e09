//! Numeric operators: int and float arithmetic with full semantics.

use super::{PyResult, Vm};
use crate::compile::bytecode::*;
use crate::object::value::Value;
use crate::object::{N, T};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

/// Python float floor-mod.
pub fn fmod_py(a: f64, b: f64) -> f64 {
    let m = a % b;
    if m != 0.0 && ((b < 0.0) != (m < 0.0)) {
        m + b
    } else if m == 0.0 {
        0.0f64.copysign(b)
    } else {
        m
    }
}

/// Python float floor division.
pub fn fdiv_py(a: f64, b: f64) -> f64 {
    let m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 && ((b < 0.0) != (m < 0.0)) {
        div -= 1.0;
    }
    if div != 0.0 {
        let fl = div.floor();
        if div - fl > 0.5 {
            fl + 1.0
        } else {
            fl
        }
    } else {
        0.0f64.copysign(a / b)
    }
}
impl Vm {
    pub(super) fn numeric_binary(
        &mut self,
        a: Value,
        b: Value,
        op: u32,
    ) -> PyResult<Option<Value>> {
        let is_bool = |v: Value| v == Value::TRUE || v == Value::FALSE;
        if is_bool(a) && is_bool(b) && matches!(op, B_AND | B_OR | B_XOR) {
            let (x, y) = (a == Value::TRUE, b == Value::TRUE);
            return Ok(Some(Value::bool(match op {
                B_AND => x & y,
                B_OR => x | y,
                _ => x ^ y,
            })));
        }
        if let Some(r) = self.complex_binary(a, b, op)? {
            return Ok(Some(r));
        }
        let ai = Vm::is_intlike(a);
        let bi = Vm::is_intlike(b);
        if ai && bi {
            return self.int_binary(a, b, op).map(Some);
        }
        let af = Vm::is_float(a);
        let bf = Vm::is_float(b);
        if (af || ai) && (bf || bi) && (af || bf) {
            let x = self.to_f64(a)?;
            let y = self.to_f64(b)?;
            return self.float_binary(x, y, op).map(Some);
        }
        Ok(None)
    }

    /// Converts an int-like or float to f64.
    pub fn to_f64(&mut self, v: Value) -> PyResult<f64> {
        if v.is_int() {
            return Ok(v.as_int() as f64);
        }
        if Vm::is_float(v) {
            return Ok(Vm::float_val(v));
        }
        if Vm::is_intlike(v) {
            let f = Vm::to_big(v).to_f64().unwrap_or(f64::INFINITY);
            if f.is_infinite() {
                return Err(self.raise_msg(T::OverflowError, "int too large to convert to float"));
            }
            return Ok(f);
        }
        let t = self.type_of(v);
        if let Some(f) = self.type_lookup_n(t, N::FloatD) {
            let r = self.call_with_self(f, v, &[], Value::NULL)?;
            return Ok(Vm::float_val(r));
        }
        let msg = format!("must be real number, not {}", self.type_name_of(v));
        Err(self.raise_msg(T::TypeError, &msg))
    }

    fn float_binary(&mut self, x: f64, y: f64, op: u32) -> PyResult {
        let r = match op {
            B_ADD => x + y,
            B_SUB => x - y,
            B_MUL => x * y,
            B_TRUEDIV => {
                if y == 0.0 {
                    return Err(self.raise_msg(T::ZeroDivisionError, "float division by zero"));
                }
                x / y
            }
            B_FLOORDIV => {
                if y == 0.0 {
                    return Err(
                        self.raise_msg(T::ZeroDivisionError, "float floor division by zero")
                    );
                }
                fdiv_py(x, y)
            }
            B_MOD => {
                if y == 0.0 {
                    return Err(self.raise_msg(T::ZeroDivisionError, "float modulo"));
                }
                fmod_py(x, y)
            }
            B_POW => {
                if x == 0.0 && y < 0.0 {
                    return Err(self.raise_msg(
                        T::ZeroDivisionError,
                        "0.0 cannot be raised to a negative power",
                    ));
                }
                if x < 0.0 && y.fract() != 0.0 {
                    return self.complex_from_float_pow(x, y);
                }
                x.powf(y)
            }
            _ => {
                let msg = format!(
                    "unsupported operand type(s) for {}: 'float' and 'float'",
                    BIN_NAMES[op as usize]
                );
                return Err(self.raise_msg(T::TypeError, &msg));
            }
        };
        Ok(self.new_float(r))
    }

    fn int_binary(&mut self, a: Value, b: Value, op: u32) -> PyResult {
        if let (Some(x), Some(y)) = (Vm::int_as_i64(a), Vm::int_as_i64(b)) {
            let (x, y) = (x as i128, y as i128);
            let r: Option<i128> = match op {
                B_ADD => Some(x + y),
                B_SUB => Some(x - y),
                B_MUL => Some(x * y),
                B_AND => Some(x & y),
                B_OR => Some(x | y),
                B_XOR => Some(x ^ y),
                B_FLOORDIV | B_MOD if y == 0 => {
                    let m = if op == B_MOD {
                        "integer modulo by zero"
                    } else {
                        "integer division or modulo by zero"
                    };
                    return Err(self.raise_msg(T::ZeroDivisionError, m));
                }
                B_FLOORDIV => Some(Integer::div_floor(&x, &y)),
                B_MOD => Some(x.mod_floor(&y)),
                B_TRUEDIV => {
                    if y == 0 {
                        return Err(self.raise_msg(T::ZeroDivisionError, "division by zero"));
                    }
                    return Ok(self.new_float(x as f64 / y as f64));
                }
                B_RSHIFT if y >= 0 => Some(if y >= 127 {
                    if x < 0 {
                        -1
                    } else {
                        0
                    }
                } else {
                    x >> y
                }),
                B_LSHIFT if (0..60).contains(&y) && x.abs() < (1i128 << 64) => Some(x << y),
                _ => None,
            };
            if let Some(r) = r {
                return Ok(self.new_int_i128(r));
            }
        }
        if op == B_POW {
            return self.int_pow(&Vm::to_big(a), &Vm::to_big(b));
        }
        /// What the big-int arithmetic produced (computed on borrowed
        /// values, without the VM).
        enum Out {
            Int(BigInt),
            Float(f64),
            Raise(T, &'static str),
            Unsupported,
        }
        let out = Vm::with_bigs(a, b, |x, y| match op {
            B_ADD => Out::Int(x + y),
            B_SUB => Out::Int(x - y),
            B_MUL => Out::Int(x * y),
            B_AND => Out::Int(x & y),
            B_OR => Out::Int(x | y),
            B_XOR => Out::Int(x ^ y),
            B_FLOORDIV if y.is_zero() => {
                Out::Raise(T::ZeroDivisionError, "integer division or modulo by zero")
            }
            B_MOD if y.is_zero() => Out::Raise(T::ZeroDivisionError, "integer modulo by zero"),
            B_FLOORDIV => Out::Int(x.div_floor(y)),
            B_MOD => Out::Int(x.mod_floor(y)),
            B_TRUEDIV if y.is_zero() => Out::Raise(T::ZeroDivisionError, "division by zero"),
            B_TRUEDIV => Out::Float(big_true_div(x, y)),
            B_LSHIFT | B_RSHIFT if y.is_negative() => {
                Out::Raise(T::ValueError, "negative shift count")
            }
            B_LSHIFT if x.is_zero() => Out::Int(BigInt::zero()),
            B_LSHIFT => match y.to_usize() {
                Some(s) if s <= 1 << 30 => Out::Int(x << s),
                _ => Out::Raise(T::OverflowError, "too many digits in integer"),
            },
            B_RSHIFT => match y.to_usize() {
                Some(s) if s <= 1 << 30 => Out::Int(x >> s),
                _ => Out::Int(BigInt::from(if x.is_negative() { -1 } else { 0 })),
            },
            _ => Out::Unsupported,
        });
        match out {
            Out::Int(r) => Ok(self.new_int_big_owned(r)),
            Out::Float(f) => Ok(self.new_float(f)),
            Out::Raise(t, msg) => Err(self.raise_msg(t, msg)),
            Out::Unsupported => {
                let msg = format!(
                    "unsupported operand type(s) for {}: 'int' and 'int'",
                    BIN_NAMES[op as usize]
                );
                Err(self.raise_msg(T::TypeError, &msg))
            }
        }
    }

    fn int_pow(&mut self, x: &BigInt, y: &BigInt) -> PyResult {
        if y.is_negative() {
            let xf = x.to_f64().unwrap_or(f64::INFINITY);
            let yf = y.to_f64().unwrap_or(f64::NEG_INFINITY);
            if xf == 0.0 {
                return Err(self.raise_msg(
                    T::ZeroDivisionError,
                    "0.0 cannot be raised to a negative power",
                ));
            }
            return Ok(self.new_float(xf.powf(yf)));
        }
        let e = y.to_u32().unwrap_or(u32::MAX);
        if e > 10_000_000 && x.abs() > BigInt::from(1) {
            return Err(self.raise_msg(T::OverflowError, "exponent too large"));
        }
        let r = num_traits::pow::Pow::pow(x, e);
        Ok(self.new_int_big_owned(r))
    }
}

/// Correctly rounded-ish big int true division.
pub fn big_true_div(x: &BigInt, y: &BigInt) -> f64 {
    if let (Some(a), Some(b)) = (x.to_f64(), y.to_f64()) {
        if a.abs() < 9.0e15 && b.abs() < 9.0e15 {
            return a / b;
        }
    }
    // scale to keep 64 significant bits
    let xb = x.bits() as i64;
    let yb = y.bits() as i64;
    let shift = 64 - (xb - yb);
    let q = if shift > 0 {
        (x << shift as usize) / y
    } else {
        x / (y << (-shift) as usize)
    };
    q.to_f64().unwrap_or(0.0) * 2f64.powi(-shift as i32)
}
