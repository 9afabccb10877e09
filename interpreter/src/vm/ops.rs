//! Binary and unary operator dispatch: the int/float fast path, dunder
//! methods and reflected operands. The numeric, sequence and comparison
//! families live in `ops_num`, `ops_seq` and `ops_cmp`.

use super::{PyResult, Vm};
use crate::compile::bytecode::*;
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::{N, T};
use num_integer::Integer;

pub use super::ops_num::{big_true_div, fdiv_py, fmod_py};

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

impl Vm {
    /// Calls the operator method `f` as `recv.__op__(other)`: `None` when it
    /// returns `NotImplemented` (the protocol goes on), else its result.
    pub(super) fn dunder_result(
        &mut self,
        f: Value,
        recv: Value,
        other: Value,
    ) -> Option<PyResult> {
        match self.call_with_self(f, recv, &[other], Value::NULL) {
            Ok(v) if v == Value::NOT_IMPL => None,
            r => Some(r),
        }
    }

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
                if let Some(r) = self.dunder_result(f, b, a) {
                    self.pop_roots(base);
                    return r;
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
                if let Some(r) = self.dunder_result(f, b, a) {
                    self.pop_roots(base);
                    return r;
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
}
