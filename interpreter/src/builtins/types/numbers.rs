//! `int`, `bool` and `float` constructors.

use crate::builtins::{kwarg, positional};
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::{N, T};
use crate::vm::{PyResult, Vm};

pub(super) fn register(vm: &mut Vm) {
    vm.add_method(T::Int, "__new__", int_new);
    vm.add_method(T::Bool, "__new__", |vm, a, k| {
        if k.is_ref() && Vm::tuple_len(k) > 0 {
            return Err(vm.raise_msg(T::TypeError, "bool() takes no keyword arguments"));
        }
        vm.check_args("bool", a, 1, 2)?;
        if a.len() == 1 {
            return Ok(Value::FALSE);
        }
        Ok(Value::bool(vm.truthy(a[1])?))
    });
    vm.add_method(T::Float, "__new__", float_new);
}

fn int_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult {
    let cls = a.first().copied().unwrap_or(Value::NULL);
    if Vm::is_type(cls) && cls != vm.ty(T::Int) && cls != vm.ty(T::Bool) {
        // int subclass: a BigInt object of type cls
        return vm.scope(|vm, s| {
            let h = s.root_value(vm, cls);
            let mut v = a.to_vec();
            v[0] = vm.ty(T::Int);
            let b = Vm::to_big(int_new(vm, &v, k)?);
            Ok(vm.new_int_big_of(b, h.get(vm).value()))
        });
    }
    let p = positional(a, k);
    vm.check_args("int", p, 1, 3)?;
    let base = p.get(2).copied().or_else(|| kwarg(a, k, "base"));
    if p.len() == 1 {
        return Ok(Value::int(0));
    }
    let v = p[1];
    if let Some(b) = base {
        let b = Vm::int_as_i64(b).unwrap_or(10);
        if !Vm::is_str(v) && !Vm::is_kind(v, Kind::Bytes) {
            if Vm::is_kind(v, Kind::Instance) {
                // bytearray (a Python class here): int(bytearray(b"101"), 2)
                let bt = vm.ty(T::Bytes);
                let bytes = vm.call(bt, &[v], Value::NULL)?;
                let it = vm.ty(T::Int);
                return int_new(vm, &[it, bytes, Value::int(b)], Value::NULL);
            }
            return Err(vm.raise_msg(
                T::TypeError,
                "int() can't convert non-string with explicit base",
            ));
        }
        return crate::modules::int_max_digits::parse_int_obj(vm, v, b);
    }
    if v.is_int() {
        return Ok(v);
    }
    if Vm::is_intlike(v) {
        let b = Vm::to_big(v);
        return Ok(vm.new_int_big(&b));
    }
    if Vm::is_float(v) {
        let f = Vm::float_val(v);
        if f.is_nan() {
            return Err(vm.raise_msg(T::ValueError, "cannot convert float NaN to integer"));
        }
        if f.is_infinite() {
            return Err(vm.raise_msg(T::OverflowError, "cannot convert float infinity to integer"));
        }
        let t = f.trunc();
        if t.abs() < 9e18 {
            return Ok(vm.new_int(t as i64));
        }
        let b = num_bigint::BigInt::from(t as i128);
        let b = if t.abs() < 1.7e38 {
            b
        } else {
            use num_traits::FromPrimitive;
            num_bigint::BigInt::from_f64(t).unwrap_or_default()
        };
        return Ok(vm.new_int_big(&b));
    }
    if Vm::is_str(v) || Vm::is_kind(v, Kind::Bytes) {
        return crate::modules::int_max_digits::parse_int_obj(vm, v, 10);
    }
    for n in [N::IntD, N::Index, N::Trunc] {
        if let Some(r) = vm.call_method_n(v, n, &[])? {
            return Ok(r);
        }
    }
    let msg = format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        vm.type_name_of(v)
    );
    Err(vm.raise_msg(T::TypeError, &msg))
}

fn float_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult {
    vm.check_args("float", a, 1, 2)?;
    let cls = a[0];
    let float_t = vm.ty(T::Float);
    if cls != float_t {
        return float_subclass_new(vm, a, k);
    }
    if a.len() == 1 {
        return Ok(vm.new_float(0.0));
    }
    let v = a[1];
    if Vm::is_exact_float(v) {
        return Ok(v);
    }
    if Vm::is_float(v) {
        // a float subclass: its own __float__ if Python defines one
        let t = vm.type_of(v);
        if let Some(f) = vm.type_lookup_n(t, N::FloatD) {
            if Vm::is_kind(f, Kind::Function) {
                let r = vm.call_with_self(f, v, &[], Value::NULL)?;
                return float_result(vm, v, r);
            }
        }
        return Ok(vm.new_float(Vm::float_val(v)));
    }
    if Vm::is_kind(v, Kind::Bytes) {
        // float(b"1.5"): the bytes as text (bytearray is an instance here)
        let text = String::from_utf8_lossy(Vm::as_bytes(v)).into_owned();
        return match crate::support::numparse::parse_float(&text) {
            Some(f) => Ok(vm.new_float(f)),
            None => {
                let r = crate::vm::repr::repr_bytes(Vm::as_bytes(v));
                let msg = format!("could not convert string to float: {r}");
                Err(vm.raise_msg(T::ValueError, &msg))
            }
        };
    }
    if Vm::is_str(v) {
        let s = Vm::as_str(v);
        return match crate::support::numparse::parse_float(s) {
            Some(f) => Ok(vm.new_float(f)),
            None => {
                let msg =
                    crate::support::numparse::float_error_message(&crate::vm::repr::repr_str(s));
                Err(vm.raise_msg(T::ValueError, &msg))
            }
        };
    }
    if Vm::is_complex(v) {
        return Err(vm.raise_msg(
            T::TypeError,
            "float() argument must be a string or a real number, not 'complex'",
        ));
    }
    let f = vm.to_f64(v)?;
    Ok(vm.new_float(f))
}

/// `float.__new__(cls, x)` for a subclass `cls`: the value `float(x)`
/// computes, in an object of type `cls` (which holds attributes).
fn float_subclass_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult {
    let cls = a[0];
    let float_t = vm.ty(T::Float);
    if !Vm::is_type(cls) {
        let msg = format!(
            "float.__new__(X): X is not a type object ({})",
            vm.type_name_of(cls)
        );
        return Err(vm.raise_msg(T::TypeError, &msg));
    }
    if !Vm::is_subtype(cls, float_t) {
        let n = Vm::type_name(cls);
        let msg = format!("float.__new__({n}): {n} is not a subtype of float");
        return Err(vm.raise_msg(T::TypeError, &msg));
    }
    vm.with_args(a, k, |vm, _s, args| {
        let mut plain = args.values(vm);
        plain[0] = vm.ty(T::Float);
        let f = float_new(vm, &plain, Value::NULL)?;
        let cls = args.get(vm, 0).value();
        Ok(vm.new_float_of(Vm::float_val(f), cls))
    })
}

/// The result of a Python `__float__`: a float (a subclass is deprecated
/// but accepted, as CPython), else TypeError.
fn float_result(vm: &mut Vm, v: Value, r: Value) -> PyResult {
    if Vm::is_float(r) {
        return Ok(vm.new_float(Vm::float_val(r)));
    }
    let msg = format!(
        "{}.__float__ returned non-float (type {})",
        vm.type_name_of(v),
        vm.type_name_of(r)
    );
    Err(vm.raise_msg(T::TypeError, &msg))
}
