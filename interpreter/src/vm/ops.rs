//! Arithmetic and comparison operators.

use super::{PyResult, Vm};
use crate::compile::bytecode::*;
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::{N, T};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

const DUNDERS: [(N, N, N); 13] = [
    (N::Add, N::RAdd, N::IAdd),
    (N::Sub, N::RSub, N::ISub),
    (N::Mul, N::RMul, N::IMul),
    (N::TrueDiv, N::RTrueDiv, N::ITrueDiv),
    (N::FloorDiv, N::RFloorDiv, N::IFloorDiv),
    (N::Mod, N::RMod, N::IMod),
    (N::Pow, N::RPow, N::IPow),
    (N::LShift, N::RLShift, N::ILShift),
    (N::RShift, N::RRShift, N::IRShift),
    (N::And, N::RAnd, N::IAnd),
    (N::Or, N::ROr, N::IOr),
    (N::Xor, N::RXor, N::IXor),
    (N::MatMul, N::RMatMul, N::IMatMul),
];

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
    /// Int/float fast paths with no allocation beyond the result.
    #[inline(always)]
    pub fn fast_binary(&mut self, a: Value, b: Value, op: u32) -> Option<Value> {
        if a.is_int() && b.is_int() {
            let (x, y) = (a.as_int(), b.as_int());
            let r = match op {
                B_ADD => x + y,
                B_SUB => x - y,
                B_MUL => x.checked_mul(y)?,
                B_FLOORDIV if y != 0 => Integer::div_floor(&x, &y),
                B_MOD if y != 0 => x.mod_floor(&y),
                B_AND => x & y,
                B_OR => x | y,
                B_XOR => x ^ y,
                B_RSHIFT if (0..64).contains(&y) => x >> y,
                B_RSHIFT if y >= 64 => {
                    if x < 0 {
                        -1
                    } else {
                        0
                    }
                }
                B_LSHIFT if (0..62).contains(&y) => {
                    let r = x.checked_shl(y as u32)?;
                    if r >> y != x {
                        return None;
                    }
                    r
                }
                B_TRUEDIV if y != 0 => return Some(self.new_float(x as f64 / y as f64)),
                _ => return None,
            };
            return Value::try_int(r);
        }
        let fa = if Vm::is_exact_float(a) {
            Vm::float_val(a)
        } else if a.is_int() {
            a.as_int() as f64
        } else {
            return None;
        };
        let fb = if Vm::is_exact_float(b) {
            Vm::float_val(b)
        } else if b.is_int() {
            b.as_int() as f64
        } else {
            return None;
        };
        let r = match op {
            B_ADD => fa + fb,
            B_SUB => fa - fb,
            B_MUL => fa * fb,
            B_TRUEDIV if fb != 0.0 => fa / fb,
            _ => return None,
        };
        Some(self.new_float(r))
    }

    /// `a op b` with full semantics.
    pub fn binary(&mut self, a: Value, b: Value, op: u32) -> PyResult {
        self.binary_ex(a, b, op, false)
    }

    fn binary_ex(&mut self, a: Value, b: Value, op: u32, inplace: bool) -> PyResult {
        if a.is_ref() || b.is_ref() {
            let (n, rn, _) = DUNDERS[op as usize];
            let (ta, tb) = (self.type_of(a), self.type_of(b));
            let heap = crate::object::types::F_HEAP;
            let user = |vm: &Vm, t: Value, n: N| {
                Vm::type_flags(t) & heap != 0
                    && vm
                        .type_lookup_n(t, n)
                        .is_some_and(|f| Vm::is_kind(f, Kind::Function))
            };
            if user(self, ta, n) || user(self, tb, rn) {
                return self.dunder_binary(a, b, op, inplace);
            }
        }
        if let Some(r) = self.numeric_binary(a, b, op)? {
            return Ok(r);
        }
        if let Some(r) = self.seq_binary(a, b, op)? {
            return Ok(r);
        }
        if let Some(r) = self.dictview_binary(a, b, op)? {
            return Ok(r);
        }
        self.dunder_binary(a, b, op, inplace)
    }

    /// `a op= b`.
    pub fn inplace(&mut self, a: Value, b: Value, op: u32) -> PyResult {
        if let Some(r) = self.set_inplace(a, b, op)? {
            return Ok(r);
        }
        if Vm::is_kind(a, Kind::List) && op == B_ADD {
            // Iterating `b` can run Python and reach a safepoint: `a` moves.
            let h = self.push_root(a);
            let r = self.list_extend(a, b);
            let a = self.root(h);
            self.pop_roots(h);
            r?;
            return Ok(a);
        }
        if Vm::is_kind(a, Kind::Instance)
            || Vm::is_kind(a, Kind::NdArray)
            || Vm::is_kind(a, Kind::Deque)
            || Vm::is_kind(a, Kind::Dict)
            || Vm::type_flags(self.type_of(a)) & crate::object::types::F_HEAP != 0
        {
            let t = self.type_of(a);
            if let Some(f) = self.type_lookup_n(t, DUNDERS[op as usize].2) {
                let r = self.call_with_self(f, a, &[b], Value::NULL)?;
                if r != Value::NOT_IMPL {
                    return Ok(r);
                }
            }
        }
        self.binary_ex(a, b, op, true)
    }

    pub(crate) fn native_binary(&mut self, a: Value, b: Value, op: u32) -> PyResult<Option<Value>> {
        if let Some(r) = self.numeric_binary(a, b, op)? {
            return Ok(Some(r));
        }
        if let Some(r) = self.seq_binary(a, b, op)? {
            return Ok(Some(r));
        }
        self.dictview_binary(a, b, op)
    }

    fn dunder_binary(&mut self, a: Value, b: Value, op: u32, inplace: bool) -> PyResult {
        let (n, rn, _) = DUNDERS[op as usize];
        let ta = self.type_of(a);
        let tb = self.type_of(b);
        let base = self.root_depth();
        let ha = self.push_root(a);
        let hb = self.push_root(b);
        // a subclass's own reflected operator goes first (CPython's binary_op1)
        if ta != tb && Vm::is_subtype(tb, ta) {
            let rb = self.type_lookup_n(tb, rn);
            if rb.is_some_and(|f| Vm::is_kind(f, Kind::Function))
                && rb != self.type_lookup_n(ta, rn)
            {
                let f = rb.expect("checked");
                match self.call_with_self(f, b, &[a], Value::NULL) {
                    Ok(v) if v != Value::NOT_IMPL => {
                        self.pop_roots(base);
                        return Ok(v);
                    }
                    Ok(_) => {}
                    Err(e) => {
                        self.pop_roots(base);
                        return Err(e);
                    }
                }
            }
        }
        let (a, b) = (self.root(ha), self.root(hb));
        let fa = self.type_lookup_n(ta, n);
        if let Some(f) = fa {
            // a builtin type's own operator is the native operation (its
            // `__add__` calls back into `binary`): run that directly
            let native = Vm::is_kind(f, Kind::Builtin)
                && Vm::type_flags(ta) & crate::object::types::F_HEAP == 0;
            // the builtin types native_binary knows: their operators are
            // slot wrappers around it (calling them again would recurse)
            let known = !a.is_ref()
                || matches!(
                    Vm::kind(a),
                    Some(
                        Kind::Str
                            | Kind::Bytes
                            | Kind::List
                            | Kind::Tuple
                            | Kind::Set
                            | Kind::Dict
                            | Kind::BigInt
                            | Kind::Float
                            | Kind::Complex
                    )
                );
            // (types the native operations don't know, such as ndarray,
            // have real builtin operators: those are called)
            let r = match native {
                true => match self.native_binary(a, b, op) {
                    Ok(Some(v)) => Ok(v),
                    Ok(None) if known => Ok(Value::NOT_IMPL),
                    Ok(None) => {
                        let (a, b) = (self.root(ha), self.root(hb));
                        match self.type_lookup_n(self.type_of(a), n) {
                            Some(f) => self.call_with_self(f, a, &[b], Value::NULL),
                            None => Ok(Value::NOT_IMPL),
                        }
                    }
                    Err(e) => Err(e),
                },
                false => self.call_with_self(f, a, &[b], Value::NULL),
            };
            match r {
                Ok(v) if v != Value::NOT_IMPL => {
                    self.pop_roots(base);
                    return Ok(v);
                }
                Ok(_) => {}
                Err(e) => {
                    self.pop_roots(base);
                    return Err(e);
                }
            }
        }
        let (a, b) = (self.root(ha), self.root(hb));
        let tb2 = self.type_of(b);
        if tb2 != self.type_of(a) || fa.is_none() {
            if let Some(f) = self.type_lookup_n(tb, rn) {
                let r = self.call_with_self(f, b, &[a], Value::NULL);
                match r {
                    Ok(v) if v != Value::NOT_IMPL => {
                        self.pop_roots(base);
                        return Ok(v);
                    }
                    Ok(_) => {}
                    Err(e) => {
                        self.pop_roots(base);
                        return Err(e);
                    }
                }
            }
        }
        let (a, b) = (self.root(ha), self.root(hb));
        self.pop_roots(base);
        let is_seq = |v: Value| {
            matches!(
                Vm::kind(v),
                Some(Kind::Str | Kind::Bytes | Kind::List | Kind::Tuple)
            )
        };
        let msg = if op == B_MUL && (is_seq(a) || is_seq(b)) {
            let other = if is_seq(a) { b } else { a };
            format!(
                "can't multiply sequence by non-int of type '{}'",
                self.type_name_of(other)
            )
        } else if op == B_ADD && matches!(Vm::kind(a), Some(Kind::Str | Kind::List | Kind::Tuple)) {
            format!(
                "can only concatenate {} (not \"{}\") to {}",
                self.type_name_of(a),
                self.type_name_of(b),
                self.type_name_of(a)
            )
        } else if op == B_ADD && Vm::is_kind(a, Kind::Bytes) {
            format!("can't concat {} to bytes", self.type_name_of(b))
        } else if op == B_POW && !inplace {
            format!(
                "unsupported operand type(s) for ** or pow(): '{}' and '{}'",
                self.type_name_of(a),
                self.type_name_of(b)
            )
        } else {
            format!(
                "unsupported operand type(s) for {}{}: '{}' and '{}'",
                BIN_NAMES[op as usize],
                if inplace { "=" } else { "" },
                self.type_name_of(a),
                self.type_name_of(b)
            )
        };
        Err(self.raise_msg(T::TypeError, &msg))
    }

    fn numeric_binary(&mut self, a: Value, b: Value, op: u32) -> PyResult<Option<Value>> {
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

    /// Sequence operators: concatenation, repetition, `%` formatting, sets.
    fn seq_binary(&mut self, a: Value, b: Value, op: u32) -> PyResult<Option<Value>> {
        let ka = Vm::kind(a);
        let kb = Vm::kind(b);
        match (ka, op) {
            (Some(Kind::Str), B_ADD) if kb == Some(Kind::Str) => {
                let mut s = String::with_capacity(Vm::as_str(a).len() + Vm::as_str(b).len());
                s.push_str(Vm::as_str(a));
                s.push_str(Vm::as_str(b));
                Ok(Some(self.new_string(s)))
            }
            (Some(Kind::Str), B_MOD) => self.percent_format(a, b).map(Some),
            (Some(Kind::Str), B_MUL)
            | (Some(Kind::List), B_MUL)
            | (Some(Kind::Tuple), B_MUL)
            | (Some(Kind::Bytes), B_MUL)
                if Vm::is_intlike(b) =>
            {
                self.repeat(a, b).map(Some)
            }
            (_, B_MUL)
                if Vm::is_intlike(a)
                    && matches!(kb, Some(Kind::Str | Kind::List | Kind::Tuple | Kind::Bytes)) =>
            {
                self.repeat(b, a).map(Some)
            }
            (Some(Kind::List), B_ADD) if kb == Some(Kind::List) => {
                let mut v = Vm::list_items(a);
                v.extend(Vm::list_items(b));
                Ok(Some(self.new_list(&v)))
            }
            (Some(Kind::Tuple), B_ADD) if kb == Some(Kind::Tuple) => {
                let mut v = Vm::tuple_items(a);
                v.extend(Vm::tuple_items(b));
                Ok(Some(self.new_tuple(&v)))
            }
            (Some(Kind::Bytes), B_ADD) if kb == Some(Kind::Bytes) => {
                let mut v = Vm::as_bytes(a).to_vec();
                v.extend_from_slice(Vm::as_bytes(b));
                Ok(Some(self.new_bytes(&v)))
            }
            (Some(Kind::Set), B_OR | B_AND | B_SUB | B_XOR) if kb == Some(Kind::Set) => {
                self.set_binary(a, b, op).map(Some)
            }
            (Some(Kind::Dict), B_OR) if kb == Some(Kind::Dict) => {
                let d = self.dict_copy(a)?;
                let h = self.push_root(d);
                self.dict_update(d, b)?;
                let d = self.root(h);
                self.pop_roots(h);
                Ok(Some(d))
            }
            _ => Ok(None),
        }
    }

    fn repeat(&mut self, seq: Value, n: Value) -> PyResult {
        let n = Vm::int_as_i64(n).unwrap_or(0).max(0) as usize;
        let unit = match Vm::kind(seq) {
            Some(Kind::Str | Kind::Bytes) => Vm::var_len(seq.obj().expect("seq")),
            Some(Kind::List) => 8 * Vm::list_len(seq),
            _ => 8 * Vm::tuple_len(seq),
        };
        self.check_alloc_size(unit.checked_mul(n))?;
        match Vm::kind(seq) {
            Some(Kind::Str) => {
                let s = Vm::as_str(seq).repeat(n);
                Ok(self.new_string(s))
            }
            Some(Kind::Bytes) => {
                let s = Vm::as_bytes(seq).repeat(n);
                Ok(self.new_bytes(&s))
            }
            Some(Kind::List) => {
                let items = Vm::list_items(seq);
                let mut v = Vec::with_capacity(items.len() * n);
                for _ in 0..n {
                    v.extend_from_slice(&items);
                }
                Ok(self.new_list(&v))
            }
            _ => {
                let items = Vm::tuple_items(seq);
                let mut v = Vec::with_capacity(items.len() * n);
                for _ in 0..n {
                    v.extend_from_slice(&items);
                }
                Ok(self.new_tuple(&v))
            }
        }
    }

    /// Unary operators.
    pub fn unary(&mut self, a: Value, op: u32) -> PyResult {
        if let Some(r) = self.unary_overridden(a, op) {
            return r;
        }
        self.unary_native(a, op)
    }

    /// `op a` answered natively for numbers (the slot wrappers: a
    /// subclass's `super().__neg__()` must not find its own override).
    pub(crate) fn unary_native(&mut self, a: Value, op: u32) -> PyResult {
        if op == U_NOT {
            return Ok(Value::bool(!self.truthy(a)?));
        }
        if a.is_int() {
            let x = a.as_int();
            return Ok(match op {
                U_NEG => self.new_int(-x),
                U_POS => a,
                _ => self.new_int(!x),
            });
        }
        if a == Value::TRUE || a == Value::FALSE || Vm::is_bigint(a) {
            let x = Vm::to_big(a);
            let r = match op {
                U_NEG => -x,
                U_POS => x,
                _ => !x,
            };
            return Ok(self.new_int_big(&r));
        }
        if Vm::is_float(a) && op != U_INVERT {
            let x = Vm::float_val(a);
            return Ok(match op {
                U_NEG => self.new_float(-x),
                _ if Vm::is_exact_float(a) => a,
                _ => self.new_float(x),
            });
        }
        if let Some(r) = self.complex_unary(a, op) {
            return Ok(r);
        }
        let n = match op {
            U_NEG => N::Neg,
            U_POS => N::Pos,
            _ => N::Invert,
        };
        match self.call_method_n(a, n, &[])? {
            Some(v) => Ok(v),
            None => {
                let sym = ["-", "+", "not", "~"][op as usize];
                let msg = format!(
                    "bad operand type for unary {}: '{}'",
                    sym,
                    self.type_name_of(a)
                );
                Err(self.raise_msg(T::TypeError, &msg))
            }
        }
    }

    /// Comparison fast path (ints, floats, strs) without calls.
    #[inline(always)]
    pub fn fast_compare(&self, a: Value, b: Value, op: u32) -> Option<bool> {
        let ord = if a.is_int() && b.is_int() {
            a.as_int().cmp(&b.as_int())
        } else if Vm::is_exact_float(a) && Vm::is_exact_float(b) {
            let (x, y) = (Vm::float_val(a), Vm::float_val(b));
            return Some(cmp_f64(x, y, op));
        } else if Vm::is_exact_float(a) && b.is_int() {
            return Some(cmp_f64(Vm::float_val(a), b.as_int() as f64, op));
        } else if a.is_int() && Vm::is_exact_float(b) {
            return Some(cmp_f64(a.as_int() as f64, Vm::float_val(b), op));
        } else if Vm::is_str(a)
            && Vm::is_str(b)
            && self.type_of(a) == self.ty(T::Str)
            && self.type_of(b) == self.ty(T::Str)
        {
            if op == C_EQ {
                return Some(Vm::str_eq(a, b));
            }
            if op == C_NE {
                return Some(!Vm::str_eq(a, b));
            }
            Vm::as_str(a).cmp(Vm::as_str(b))
        } else {
            return None;
        };
        Some(ord_matches(ord, op))
    }

    /// (start, length, step) of a range object.
    pub(crate) fn range_parts(r: Value) -> (BigInt, BigInt, BigInt) {
        let o = r.obj().expect("range");
        let (start, stop, step) = (
            Vm::to_big(Vm::get(o, 1)),
            Vm::to_big(Vm::get(o, 2)),
            Vm::to_big(Vm::get(o, 3)),
        );
        let one = BigInt::from(1);
        let n = if step.is_positive() && start < stop {
            (&stop - &start - &one) / &step + &one
        } else if step.is_negative() && start > stop {
            (&start - &stop - &one) / (-&step) + &one
        } else {
            BigInt::zero()
        };
        (start, n, step)
    }

    /// `range == range`: equal as sequences (CPython's range_equals).
    fn range_eq(a: Value, b: Value) -> bool {
        let (sa, na, ta) = Vm::range_parts(a);
        let (sb, nb, tb) = Vm::range_parts(b);
        na == nb && (na.is_zero() || (sa == sb && (na == BigInt::from(1) || ta == tb)))
    }

    /// `a op b` for two numbers (ints, floats, their subclasses), natively.
    pub(crate) fn number_compare(&mut self, a: Value, b: Value, op: u32) -> PyResult {
        let ord = if Vm::is_intlike(a) && Vm::is_intlike(b) {
            Vm::with_bigs(a, b, |x, y| x.cmp(y))
        } else {
            let x = self.to_f64(a)?;
            let y = self.to_f64(b)?;
            return Ok(Value::bool(cmp_f64(x, y, op)));
        };
        Ok(Value::bool(ord_matches(ord, op)))
    }

    /// Rich comparison with full semantics.
    pub fn compare(&mut self, a: Value, b: Value, op: u32) -> PyResult {
        if let Some(r) = self.fast_compare(a, b, op) {
            return Ok(Value::bool(r));
        }
        // exact tuples and lists (sort keys): straight to the sequence order
        let t = self.type_of(a);
        if t == self.type_of(b) && (t == self.ty(T::Tuple) || t == self.ty(T::List)) {
            return self.seq_compare(a, b, op);
        }
        // numbers (subclasses that override the operator in Python go to
        // the protocol below)
        if (Vm::is_intlike(a) || Vm::is_float(a))
            && (Vm::is_intlike(b) || Vm::is_float(b))
            && !self.number_cmp_overridden(a, b, op)
        {
            return self.number_compare(a, b, op);
        }
        if let Some(r) = self.complex_compare(a, b, op)? {
            return Ok(r);
        }
        let ka = Vm::kind(a);
        let kb = Vm::kind(b);
        if ka == kb && matches!(ka, Some(Kind::Tuple | Kind::List)) {
            // subclasses compare as sequences unless they override the operator
            let n = [N::Lt, N::Le, N::Eq, N::Ne, N::Gt, N::Ge][op as usize];
            let (ta, tb) = (self.type_of(a), self.type_of(b));
            let plain = |vm: &Vm, t: Value| {
                vm.type_lookup_n(t, n)
                    .is_none_or(|f| !Vm::is_kind(f, Kind::Function))
            };
            if ta == tb || (plain(self, ta) && plain(self, tb)) {
                return self.seq_compare(a, b, op);
            }
        }
        if ka == kb && ka == Some(Kind::Str) {
            // str subclasses compare as str unless they override the operator
            // (or its reflection) in Python
            let n = [N::Lt, N::Le, N::Eq, N::Ne, N::Gt, N::Ge][op as usize];
            let r = [N::Gt, N::Ge, N::Eq, N::Ne, N::Lt, N::Le][op as usize];
            let (ta, tb) = (self.type_of(a), self.type_of(b));
            let plain = |vm: &Vm, t: Value, n: N| {
                vm.type_lookup_n(t, n)
                    .is_none_or(|f| !Vm::is_kind(f, Kind::Function))
            };
            if plain(self, ta, n) && plain(self, tb, r) {
                let o = Vm::as_str(a).cmp(Vm::as_str(b));
                return Ok(Value::bool(ord_matches(o, op)));
            }
        }
        if let Some(r) = self.compare_overridden(a, b, op) {
            return r;
        }
        if ka == kb && ka == Some(Kind::Bytes) {
            let o = Vm::as_bytes(a).cmp(Vm::as_bytes(b));
            return Ok(Value::bool(ord_matches(o, op)));
        }
        if ka == kb
            && ka == Some(Kind::Set)
            && matches!(op, C_EQ | C_NE | C_LE | C_GE | C_LT | C_GT)
        {
            return self.set_compare(a, b, op);
        }
        if ka == kb && ka == Some(Kind::Range) && matches!(op, C_EQ | C_NE) {
            return Ok(Value::bool(Vm::range_eq(a, b) == (op == C_EQ)));
        }
        if ka == kb && ka == Some(Kind::Dict) && matches!(op, C_EQ | C_NE) {
            let e = self.dict_eq(a, b)?;
            return Ok(Value::bool(e == (op == C_EQ)));
        }
        let names = [N::Lt, N::Le, N::Eq, N::Ne, N::Gt, N::Ge];
        let refl = [C_GT, C_GE, C_EQ, C_NE, C_LT, C_LE];
        let base = self.root_depth();
        let ha = self.push_root(a);
        let hb = self.push_root(b);
        let ta = self.type_of(a);
        let tb = self.type_of(b);
        if ta != tb && Vm::is_subtype(tb, ta) {
            // a subclass's own reflected operator goes first, as CPython
            let rn = names[refl[op as usize] as usize];
            if let Some(f) = self
                .type_lookup_n(tb, rn)
                .filter(|f| Vm::is_kind(*f, Kind::Function))
            {
                match self.call_with_self(f, b, &[a], Value::NULL) {
                    Ok(v) if v != Value::NOT_IMPL => {
                        self.pop_roots(base);
                        return Ok(v);
                    }
                    Ok(_) => {}
                    Err(e) => {
                        self.pop_roots(base);
                        return Err(e);
                    }
                }
            }
        }
        let (a, b) = (self.root(ha), self.root(hb));
        let ta = self.type_of(a);
        if let Some(f) = self.type_lookup_n(ta, names[op as usize]) {
            {
                let r = self.call_with_self(f, a, &[b], Value::NULL);
                match r {
                    Ok(v) if v != Value::NOT_IMPL => {
                        self.pop_roots(base);
                        return Ok(v);
                    }
                    Ok(_) => {}
                    Err(e) => {
                        self.pop_roots(base);
                        return Err(e);
                    }
                }
            }
        }
        let (a, b) = (self.root(ha), self.root(hb));
        let tb = self.type_of(b);
        if let Some(f) = self.type_lookup_n(tb, names[refl[op as usize] as usize]) {
            {
                let r = self.call_with_self(f, b, &[a], Value::NULL);
                match r {
                    Ok(v) if v != Value::NOT_IMPL => {
                        self.pop_roots(base);
                        return Ok(v);
                    }
                    Ok(_) => {}
                    Err(e) => {
                        self.pop_roots(base);
                        return Err(e);
                    }
                }
            }
        }
        let (a, b) = (self.root(ha), self.root(hb));
        self.pop_roots(base);
        match op {
            C_EQ => Ok(Value::bool(a == b)),
            C_NE => {
                // default __ne__ inverts __eq__
                let r = self.compare(a, b, C_EQ)?;
                Ok(Value::bool(!self.truthy(r)?))
            }
            _ => {
                let sym = ["<", "<=", "==", "!=", ">", ">="][op as usize];
                let msg = format!(
                    "'{}' not supported between instances of '{}' and '{}'",
                    sym,
                    self.type_name_of(a),
                    self.type_name_of(b)
                );
                Err(self.raise_msg(T::TypeError, &msg))
            }
        }
    }

    /// Guards a comparison that recurses into items (self-referential
    /// containers): RecursionError past the recursion limit, as CPython.
    pub(crate) fn cmp_guarded(&mut self, f: impl FnOnce(&mut Vm) -> PyResult) -> PyResult {
        if self.depth >= self.rec_limit {
            let m = "maximum recursion depth exceeded in comparison";
            return Err(self.raise_msg(T::RecursionError, m));
        }
        self.depth += 1;
        let r = f(self);
        self.depth -= 1;
        r
    }

    pub(crate) fn seq_compare(&mut self, a: Value, b: Value, op: u32) -> PyResult {
        if let Some(r) = self.seq_compare_fast(a, b, op) {
            return Ok(Value::bool(r));
        }
        self.cmp_guarded(|vm| vm.seq_compare_inner(a, b, op))
    }

    /// Lexicographic comparison when every item pair up to the first
    /// difference compares without calls (ints, floats, strs, ...): no
    /// roots, no recursion guard. None when some pair needs the general path.
    fn seq_compare_fast(&self, a: Value, b: Value, op: u32) -> Option<bool> {
        let list = |v: Value| Vm::is_kind(v, Kind::List);
        let len_of = |v: Value| {
            if list(v) {
                Vm::list_len(v)
            } else {
                Vm::tuple_len(v)
            }
        };
        let get = |v: Value, i: usize| {
            if list(v) {
                Vm::list_get(v, i)
            } else {
                Vm::tuple_get(v, i)
            }
        };
        let (la, lb) = (len_of(a), len_of(b));
        for i in 0..la.min(lb) {
            let (x, y) = (get(a, i), get(b, i));
            if Vm::eq_fast(x, y)? {
                continue;
            }
            return match op {
                C_EQ => Some(false),
                C_NE => Some(true),
                _ => self.fast_compare(x, y, op),
            };
        }
        Some(ord_matches(la.cmp(&lb), op))
    }

    fn seq_compare_inner(&mut self, a: Value, b: Value, op: u32) -> PyResult {
        let base = self.root_depth();
        let ha = self.push_root(a);
        let hb = self.push_root(b);
        let len_of = |v: Value| -> usize {
            if Vm::is_kind(v, Kind::List) {
                Vm::list_len(v)
            } else {
                Vm::tuple_len(v)
            }
        };
        let get = |v: Value, i: usize| -> Value {
            if Vm::is_kind(v, Kind::List) {
                Vm::list_get(v, i)
            } else {
                Vm::tuple_get(v, i)
            }
        };
        let mut i = 0;
        loop {
            let (a, b) = (self.root(ha), self.root(hb));
            let (la, lb) = (len_of(a), len_of(b));
            if i >= la || i >= lb {
                self.pop_roots(base);
                return Ok(Value::bool(ord_matches(la.cmp(&lb), op)));
            }
            let (x, y) = (get(a, i), get(b, i));
            let eq = match self.eq_bool(x, y) {
                Ok(e) => e,
                Err(e) => {
                    self.pop_roots(base);
                    return Err(e);
                }
            };
            if !eq {
                // `__eq__` ran Python code: the items may have moved and the
                // sequences changed; re-read them as CPython does.
                let (a, b) = (self.root(ha), self.root(hb));
                self.pop_roots(base);
                if op == C_EQ {
                    return Ok(Value::FALSE);
                }
                if op == C_NE {
                    return Ok(Value::TRUE);
                }
                let (la, lb) = (len_of(a), len_of(b));
                if i >= la || i >= lb {
                    return Ok(Value::bool(ord_matches(la.cmp(&lb), op)));
                }
                return self.compare(get(a, i), get(b, i), op);
            }
            i += 1;
        }
    }

    /// Equality without calls, when decidable.
    pub fn eq_fast(a: Value, b: Value) -> Option<bool> {
        if a == b {
            return Some(true);
        }
        if a.is_int() && b.is_int() {
            return Some(false);
        }
        // instances of subclasses (str, int, tuple, ... with a Python
        // `__eq__` perhaps) take the full comparison
        let heap = |v: Value| {
            v.obj().is_some_and(|o| {
                Vm::type_flags(Value(o.word(TYPE_OFF))) & crate::object::types::F_HEAP != 0
            })
        };
        if heap(a) || heap(b) {
            return None;
        }
        match (Vm::kind(a), Vm::kind(b)) {
            (Some(Kind::Str), Some(Kind::Str)) => Some(Vm::str_eq(a, b)),
            (Some(Kind::Float), Some(Kind::Float)) => Some(Vm::float_val(a) == Vm::float_val(b)),
            (Some(Kind::Float), None) if b.is_int() => Some(Vm::float_val(a) == b.as_int() as f64),
            (None, Some(Kind::Float)) if a.is_int() => Some(a.as_int() as f64 == Vm::float_val(b)),
            (Some(Kind::BigInt), Some(Kind::BigInt)) => Some(Vm::with_bigs(a, b, |x, y| x == y)),
            // Int-subclass instances are BigInt objects even for small values.
            (Some(Kind::BigInt), None) if Vm::is_intlike(b) => {
                Some(Vm::with_big(a, |x| x.to_i64() == Vm::int_as_i64(b)))
            }
            (None, Some(Kind::BigInt)) if Vm::is_intlike(a) => {
                Some(Vm::with_big(b, |y| y.to_i64() == Vm::int_as_i64(a)))
            }
            (Some(Kind::BigInt), None) | (None, Some(Kind::BigInt)) => Some(false),
            (Some(Kind::Bytes), Some(Kind::Bytes)) => Some(Vm::as_bytes(a) == Vm::as_bytes(b)),
            (Some(Kind::Tuple), Some(Kind::Tuple)) => {
                let (la, lb) = (Vm::tuple_len(a), Vm::tuple_len(b));
                if la != lb {
                    return Some(false);
                }
                for i in 0..la {
                    if !Vm::eq_fast(Vm::tuple_get(a, i), Vm::tuple_get(b, i))? {
                        return Some(false);
                    }
                }
                Some(true)
            }
            (Some(Kind::Str), None) | (None, Some(Kind::Str)) => Some(false),
            (Some(Kind::Str), Some(Kind::Tuple)) | (Some(Kind::Tuple), Some(Kind::Str)) => {
                Some(false)
            }
            (None, None) => {
                // immediates: ints, bools, None...
                let ai = a.is_int() || a == Value::TRUE || a == Value::FALSE;
                let bi = b.is_int() || b == Value::TRUE || b == Value::FALSE;
                if ai && bi {
                    Some(Vm::int_as_i64(a) == Vm::int_as_i64(b))
                } else {
                    Some(false)
                }
            }
            _ => None,
        }
    }

    /// `a == b` as a bool (may call `__eq__`).
    pub fn eq_bool(&mut self, a: Value, b: Value) -> PyResult<bool> {
        if let Some(r) = Vm::eq_fast(a, b) {
            return Ok(r);
        }
        let r = self.compare(a, b, C_EQ)?;
        self.truthy(r)
    }
}

fn cmp_f64(x: f64, y: f64, op: u32) -> bool {
    match op {
        C_LT => x < y,
        C_LE => x <= y,
        C_EQ => x == y,
        C_NE => x != y,
        C_GT => x > y,
        _ => x >= y,
    }
}

fn ord_matches(o: std::cmp::Ordering, op: u32) -> bool {
    use std::cmp::Ordering::*;
    match op {
        C_LT => o == Less,
        C_LE => o != Greater,
        C_EQ => o == Equal,
        C_NE => o != Equal,
        C_GT => o == Greater,
        _ => o != Less,
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
