//! Rich comparisons and equality.

use super::ops_cmp_num::{cmp_big_f64, cmp_i64_f64, op_holds};
use super::{PyResult, Vm};
use crate::compile::bytecode::*;
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::{N, T};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use std::cmp::Ordering::Equal;

impl Vm {
    /// Comparison fast path (ints, floats, strs) without calls.
    #[inline(always)]
    pub fn fast_compare(&self, a: Value, b: Value, op: u32) -> Option<bool> {
        let ord = if a.is_int() && b.is_int() {
            a.as_int().cmp(&b.as_int())
        } else if Vm::is_exact_float(a) && Vm::is_exact_float(b) {
            let (x, y) = (Vm::float_val(a), Vm::float_val(b));
            return Some(cmp_f64(x, y, op));
        } else if Vm::is_exact_float(a) && b.is_int() {
            let o = cmp_i64_f64(b.as_int(), Vm::float_val(a)).map(|o| o.reverse());
            return Some(op_holds(o, op));
        } else if a.is_int() && Vm::is_exact_float(b) {
            return Some(op_holds(cmp_i64_f64(a.as_int(), Vm::float_val(b)), op));
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
        } else if Vm::is_intlike(a) && Vm::is_float(b) {
            let o = Vm::with_big(a, |x| cmp_big_f64(x, Vm::float_val(b)));
            return Ok(Value::bool(op_holds(o, op)));
        } else if Vm::is_float(a) && Vm::is_intlike(b) {
            let o = Vm::with_big(b, |y| cmp_big_f64(y, Vm::float_val(a)));
            return Ok(Value::bool(op_holds(o.map(|o| o.reverse()), op)));
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
                if let Some(r) = self.dunder_result(f, b, a) {
                    self.pop_roots(base);
                    return r;
                }
            }
        }
        let (a, b) = (self.root(ha), self.root(hb));
        let ta = self.type_of(a);
        if let Some(f) = self.type_lookup_n(ta, names[op as usize]) {
            if let Some(r) = self.dunder_result(f, a, b) {
                self.pop_roots(base);
                return r;
            }
        }
        let (a, b) = (self.root(ha), self.root(hb));
        let tb = self.type_of(b);
        if let Some(f) = self.type_lookup_n(tb, names[refl[op as usize] as usize]) {
            if let Some(r) = self.dunder_result(f, b, a) {
                self.pop_roots(base);
                return r;
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
            (Some(Kind::Float), None) if b.is_int() => {
                Some(cmp_i64_f64(b.as_int(), Vm::float_val(a)) == Some(Equal))
            }
            (None, Some(Kind::Float)) if a.is_int() => {
                Some(cmp_i64_f64(a.as_int(), Vm::float_val(b)) == Some(Equal))
            }
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

pub(crate) fn ord_matches(o: std::cmp::Ordering, op: u32) -> bool {
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
