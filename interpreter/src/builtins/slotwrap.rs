//! Operator slot wrappers of the builtin types: `int.__add__`,
//! `(1).__lt__(2)`, `set.__or__`, `float.__floor__`, ... Each performs the
//! native operation on the operands the native code knows and returns
//! `NotImplemented` otherwise, as CPython's slot wrappers do. They never call
//! back into the generic protocol (`compare`, `len`, ...) for operands that
//! protocol would answer by looking the wrapper up again (no recursion for
//! subclasses that call `super().__lt__`). Installed only where the type
//! does not define the name already.

use crate::compile::bytecode::*;
use crate::object::layout::Kind;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{NativeFn, PyResult, Vm};
use num_bigint::BigInt;
use num_traits::{FromPrimitive, Signed};

fn bin(vm: &mut Vm, a: Args<'_>, op: u32, refl: bool, name: &str) -> PyResult {
    a.check(vm, name, 2, 2)?;
    let (x, y) = if refl {
        (a.v(vm, 1), a.v(vm, 0))
    } else {
        (a.v(vm, 0), a.v(vm, 1))
    };
    // an int's operator leaves a float (a float's a complex) to the other
    let wider = if Vm::is_intlike(a.v(vm, 0)) {
        Vm::is_float(a.v(vm, 1)) || Vm::is_complex(a.v(vm, 1))
    } else {
        Vm::is_float(a.v(vm, 0)) && Vm::is_complex(a.v(vm, 1))
    };
    if wider {
        return Ok(Value::NOT_IMPL);
    }
    Ok(vm.native_binary(x, y, op)?.unwrap_or(Value::NOT_IMPL))
}

macro_rules! binops {
    ($($f:ident $rf:ident $op:ident $n:literal $rn:literal;)*) => {
        $(
            fn $f<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
                bin(vm, a, $op, false, $n)
            }
            fn $rf<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
                bin(vm, a, $op, true, $rn)
            }
        )*
    };
}

binops! {
    add radd B_ADD "__add__" "__radd__";
    sub rsub B_SUB "__sub__" "__rsub__";
    mul rmul B_MUL "__mul__" "__rmul__";
    truediv rtruediv B_TRUEDIV "__truediv__" "__rtruediv__";
    floordiv rfloordiv B_FLOORDIV "__floordiv__" "__rfloordiv__";
    modulo rmodulo B_MOD "__mod__" "__rmod__";
    pow rpow B_POW "__pow__" "__rpow__";
    lshift rlshift B_LSHIFT "__lshift__" "__rlshift__";
    rshift rrshift B_RSHIFT "__rshift__" "__rrshift__";
    and rand B_AND "__and__" "__rand__";
    or ror B_OR "__or__" "__ror__";
    xor rxor B_XOR "__xor__" "__rxor__";
}

fn num(v: Value) -> bool {
    Vm::is_intlike(v) || Vm::is_float(v)
}

/// Can `compare` answer `a op b` natively (without a dunder lookup)?
fn native_cmp(a: Value, b: Value, op: u32) -> bool {
    let eq = matches!(op, C_EQ | C_NE);
    if num(a) && num(b) {
        return true;
    }
    if (Vm::is_complex(a) || num(a)) && (Vm::is_complex(b) || num(b)) {
        return eq;
    }
    let (ka, kb) = (Vm::kind(a), Vm::kind(b));
    match ka {
        Some(Kind::Str | Kind::Bytes | Kind::Tuple | Kind::List | Kind::Set) => ka == kb,
        Some(Kind::Dict) => ka == kb && eq,
        _ => false,
    }
}

fn cmp(vm: &mut Vm, a: Args<'_>, op: u32, name: &str) -> PyResult {
    a.check(vm, name, 2, 2)?;
    if !native_cmp(a.v(vm, 0), a.v(vm, 1), op) {
        return Ok(Value::NOT_IMPL);
    }
    if matches!(Vm::kind(a.v(vm, 0)), Some(Kind::List | Kind::Tuple)) {
        // (compare would look a subclass's own operator up again)
        return vm.seq_compare(a.v(vm, 0), a.v(vm, 1), op);
    }
    if Vm::is_kind(a.v(vm, 0), Kind::Str) {
        // (likewise: a str subclass may define the reflected operator)
        let o = Vm::as_str(a.v(vm, 0)).cmp(Vm::as_str(a.v(vm, 1)));
        let r = match op {
            C_LT => o.is_lt(),
            C_LE => o.is_le(),
            C_EQ => o.is_eq(),
            C_NE => o.is_ne(),
            C_GT => o.is_gt(),
            _ => o.is_ge(),
        };
        return Ok(Value::bool(r));
    }
    // (and a dict/set/bytes subclass may override the operator in Python)
    if let Some(r) = vm.kind_compare(a.v(vm, 0), a.v(vm, 1), op) {
        return r;
    }
    vm.compare(a.v(vm, 0), a.v(vm, 1), op)
}

macro_rules! cmps {
    ($($f:ident $op:ident $n:literal;)*) => {
        $(
            fn $f<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
                cmp(vm, a, $op, $n)
            }
        )*
    };
}

cmps! {
    lt C_LT "__lt__"; le C_LE "__le__"; eq C_EQ "__eq__";
    ne C_NE "__ne__"; gt C_GT "__gt__"; ge C_GE "__ge__";
}

fn not_impl<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "comparison", 2, 2)?;
    Ok(Value::NOT_IMPL)
}

fn unary(vm: &mut Vm, a: Args<'_>, op: u32, name: &str) -> PyResult {
    a.check(vm, name, 1, 1)?;
    let ok = match op {
        U_INVERT => Vm::is_intlike(a.v(vm, 0)),
        _ => num(a.v(vm, 0)) || Vm::is_complex(a.v(vm, 0)),
    };
    if !ok {
        let msg = format!(
            "bad operand type for {name}: '{}'",
            vm.type_name_of(a.v(vm, 0))
        );
        return Err(vm.raise_msg(T::TypeError, &msg));
    }
    vm.unary(a.v(vm, 0), op)
}

fn neg<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    unary(vm, a, U_NEG, "__neg__")
}
fn pos<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    unary(vm, a, U_POS, "__pos__")
}
fn invert<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    unary(vm, a, U_INVERT, "__invert__")
}

fn abs<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "__abs__", 1, 1)?;
    let v = a.v(vm, 0);
    if Vm::is_intlike(v) {
        return Ok(vm.new_int_big(&Vm::to_big(v).abs()));
    }
    if Vm::is_float(v) {
        return Ok(vm.new_float(Vm::float_val(v).abs()));
    }
    if Vm::is_complex(v) {
        let c = Vm::complex_val(v);
        return Ok(vm.new_float(c.re.hypot(c.im)));
    }
    Ok(Value::NOT_IMPL)
}

fn bool_<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "__bool__", 1, 1)?;
    if !(num(a.v(vm, 0)) || Vm::is_complex(a.v(vm, 0))) {
        return Ok(Value::NOT_IMPL);
    }
    Ok(Value::bool(vm.truthy(a.v(vm, 0))?))
}

/// `int(self)` of an int (a plain int even for bool and subclasses).
fn int_self<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "__int__", 1, 1)?;
    if !Vm::is_intlike(a.v(vm, 0)) {
        return Ok(Value::NOT_IMPL);
    }
    Ok(vm.new_int_big(&Vm::to_big(a.v(vm, 0))))
}

/// `int.__round__(self, ndigits=None)`: round half to even at 10**-ndigits.
fn int_round<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "__round__", 1, 2)?;
    let x = Vm::to_big(a.v(vm, 0));
    let nd = match a.opt_v(vm, 1) {
        None => 0,
        Some(v) if v.is_none() => 0,
        Some(v) => match Vm::int_as_i64(v) {
            Some(n) => n,
            None => {
                let msg = format!(
                    "'{}' object cannot be interpreted as an integer",
                    vm.type_name_of(v)
                );
                return Err(vm.raise_msg(T::TypeError, &msg));
            }
        },
    };
    if nd >= 0 {
        return Ok(vm.new_int_big(&x));
    }
    if nd < -4300 {
        return Ok(Value::int(0));
    }
    let p = num_traits::pow(BigInt::from(10), (-nd) as usize);
    let (q, r) = num_integer::Integer::div_mod_floor(&x, &p);
    let twice = &r * 2;
    let up = twice > p || (twice == p && num_integer::Integer::is_odd(&q));
    let q = if up { q + 1 } else { q };
    Ok(vm.new_int_big(&(q * p)))
}

fn float_to_int(vm: &mut Vm, f: f64) -> PyResult {
    if f.is_nan() {
        return Err(vm.raise_msg(T::ValueError, "cannot convert float NaN to integer"));
    }
    match BigInt::from_f64(f) {
        Some(b) => Ok(vm.new_int_big(&b)),
        None => Err(vm.raise_msg(T::OverflowError, "cannot convert float infinity to integer")),
    }
}

fn float_round_fn(vm: &mut Vm, a: Args<'_>, name: &str, g: fn(f64) -> f64) -> PyResult {
    a.check(vm, name, 1, 1)?;
    if !Vm::is_float(a.v(vm, 0)) {
        return Ok(Value::NOT_IMPL);
    }
    float_to_int(vm, g(Vm::float_val(a.v(vm, 0))))
}
fn float_trunc<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    float_round_fn(vm, a, "__trunc__", f64::trunc)
}
fn float_floor<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    float_round_fn(vm, a, "__floor__", f64::floor)
}
fn float_ceil<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    float_round_fn(vm, a, "__ceil__", f64::ceil)
}

fn divmod_of(vm: &mut Vm, x: Value, y: Value) -> PyResult {
    let base = vm.root_depth();
    let (hx, hy) = (vm.push_root(x), vm.push_root(y));
    let q = match vm.native_binary(x, y, B_FLOORDIV)? {
        Some(q) => q,
        None => {
            vm.pop_roots(base);
            return Ok(Value::NOT_IMPL);
        }
    };
    let hq = vm.push_root(q);
    let r = vm.native_binary(vm.root(hx), vm.root(hy), B_MOD)?;
    let q = vm.root(hq);
    vm.pop_roots(base);
    match r {
        Some(r) => Ok(vm.new_tuple(&[q, r])),
        None => Ok(Value::NOT_IMPL),
    }
}
fn divmod<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "__divmod__", 2, 2)?;
    if !num(a.v(vm, 1)) {
        return Ok(Value::NOT_IMPL);
    }
    divmod_of(vm, a.v(vm, 0), a.v(vm, 1))
}
fn rdivmod<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "__rdivmod__", 2, 2)?;
    if !num(a.v(vm, 1)) {
        return Ok(Value::NOT_IMPL);
    }
    divmod_of(vm, a.v(vm, 1), a.v(vm, 0))
}

fn inplace_set(vm: &mut Vm, a: Args<'_>, op: u32, name: &str) -> PyResult {
    a.check(vm, name, 2, 2)?;
    Ok(vm
        .set_inplace(a.v(vm, 0), a.v(vm, 1), op)?
        .unwrap_or(Value::NOT_IMPL))
}
fn iand<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    inplace_set(vm, a, B_AND, "__iand__")
}
fn ior_set<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    inplace_set(vm, a, B_OR, "__ior__")
}
fn isub<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    inplace_set(vm, a, B_SUB, "__isub__")
}
fn ixor<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    inplace_set(vm, a, B_XOR, "__ixor__")
}

fn list_iadd<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "__iadd__", 2, 2)?;
    if !Vm::is_kind(a.v(vm, 0), Kind::List) {
        return Ok(Value::NOT_IMPL);
    }
    vm.inplace(a.v(vm, 0), a.v(vm, 1), B_ADD)
}

fn dict_ior<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "__ior__", 2, 2)?;
    if !Vm::is_kind(a.v(vm, 0), Kind::Dict) {
        return Ok(Value::NOT_IMPL);
    }
    let h = vm.push_root(a.v(vm, 0));
    let r = vm.dict_update(a.v(vm, 0), a.v(vm, 1));
    let d = vm.root(h);
    vm.pop_roots(h);
    r?;
    Ok(d)
}

const CMPS: [(&str, NativeFn); 6] = [
    ("__lt__", lt),
    ("__le__", le),
    ("__eq__", eq),
    ("__ne__", ne),
    ("__gt__", gt),
    ("__ge__", ge),
];

const ARITH: [(&str, NativeFn); 14] = [
    ("__add__", add),
    ("__radd__", radd),
    ("__sub__", sub),
    ("__rsub__", rsub),
    ("__mul__", mul),
    ("__rmul__", rmul),
    ("__truediv__", truediv),
    ("__rtruediv__", rtruediv),
    ("__pow__", pow),
    ("__rpow__", rpow),
    ("__neg__", neg),
    ("__pos__", pos),
    ("__abs__", abs),
    ("__bool__", bool_),
];

const REAL: [(&str, NativeFn); 6] = [
    ("__floordiv__", floordiv),
    ("__rfloordiv__", rfloordiv),
    ("__mod__", modulo),
    ("__rmod__", rmodulo),
    ("__divmod__", divmod),
    ("__rdivmod__", rdivmod),
];

const INT: [(&str, NativeFn); 17] = [
    ("__lshift__", lshift),
    ("__rlshift__", rlshift),
    ("__rshift__", rshift),
    ("__rrshift__", rrshift),
    ("__and__", and),
    ("__rand__", rand),
    ("__or__", or),
    ("__ror__", ror),
    ("__xor__", xor),
    ("__rxor__", rxor),
    ("__invert__", invert),
    ("__int__", int_self),
    ("__index__", int_self),
    ("__trunc__", int_self),
    ("__floor__", int_self),
    ("__ceil__", int_self),
    ("__round__", int_round),
];

const FLOAT: [(&str, NativeFn); 3] = [
    ("__trunc__", float_trunc),
    ("__floor__", float_floor),
    ("__ceil__", float_ceil),
];

const SEQ: [(&str, NativeFn); 3] = [("__add__", add), ("__mul__", mul), ("__rmul__", rmul)];

const SET: [(&str, NativeFn); 8] = [
    ("__and__", and),
    ("__rand__", rand),
    ("__or__", or),
    ("__ror__", ror),
    ("__sub__", sub),
    ("__rsub__", rsub),
    ("__xor__", xor),
    ("__rxor__", rxor),
];

const SET_INPLACE: [(&str, NativeFn); 4] = [
    ("__iand__", iand),
    ("__ior__", ior_set),
    ("__isub__", isub),
    ("__ixor__", ixor),
];

/// `str.__hash__`, `int.__hash__`, ...: the builtin base's hash.
fn base_hash<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "__hash__", 1, 1)?;
    let h = vm.hash_base(a.v(vm, 0))?;
    Ok(vm.new_int_big(&BigInt::from(h)))
}

/// Adds `name` to builtin type `t` unless its own dict has it.
fn add_missing(vm: &mut Vm, t: T, defs: &[(&'static str, NativeFn)]) {
    for (name, f) in defs {
        let ty = vm.ty(t);
        let d = Vm::tyf(ty, crate::object::types::TY_DICT);
        let n = vm.intern(name);
        if vm.dict_get_str(d, n).is_none() {
            vm.add_native_method(t, name, *f);
        }
    }
}

pub(super) fn register(vm: &mut Vm) {
    for t in [T::Int, T::Float, T::Complex] {
        add_missing(vm, t, &ARITH);
    }
    for t in [T::Int, T::Float] {
        add_missing(vm, t, &REAL);
        add_missing(vm, t, &CMPS);
    }
    add_missing(vm, T::Complex, &CMPS[2..4]);
    add_missing(vm, T::Int, &INT);
    add_missing(vm, T::Float, &FLOAT);
    for t in [T::Str, T::Bytes, T::List, T::Tuple] {
        add_missing(vm, t, &SEQ);
        add_missing(vm, t, &CMPS);
    }
    add_missing(vm, T::Str, &[("__mod__", modulo)]);
    // the base types' own hashes, found before a mixin's `__hash__` later in
    // the MRO (`class E(str, Enum)` hashes as its str value)
    for t in [
        T::Str,
        T::Int,
        T::Float,
        T::Complex,
        T::Tuple,
        T::Bytes,
        T::FrozenSet,
        T::Range,
    ] {
        add_missing(vm, t, &[("__hash__", base_hash)]);
    }
    add_missing(vm, T::List, &[("__iadd__", list_iadd)]);
    for t in [T::Set, T::FrozenSet] {
        add_missing(vm, t, &SET);
        add_missing(vm, t, &CMPS);
    }
    add_missing(vm, T::Set, &SET_INPLACE);
    add_missing(vm, T::Dict, &CMPS[2..4]);
    add_missing(
        vm,
        T::Dict,
        &[("__or__", or), ("__ror__", ror), ("__ior__", dict_ior)],
    );
    add_missing(
        vm,
        T::Object,
        &[
            ("__lt__", not_impl),
            ("__le__", not_impl),
            ("__gt__", not_impl),
            ("__ge__", not_impl),
        ],
    );
}
