//! `int`, `bool` and `float` constructors.

use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::{N, T};
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};

pub(super) fn register(vm: &mut Vm) {
    vm.add_native_method(T::Int, "__new__", int_new);
    vm.add_native_method(T::Bool, "__new__", |vm, _s, a| {
        if a.kwnames_v(vm).is_ref() && Vm::tuple_len(a.kwnames_v(vm)) > 0 {
            return Err(vm.raise_msg(T::TypeError, "bool() takes no keyword arguments"));
        }
        a.check(vm, "bool", 1, 2)?;
        if a.len() == 1 {
            return Ok(Value::FALSE);
        }
        Ok(Value::bool(vm.truthy(a.v(vm, 1))?))
    });
    vm.add_native_method(T::Float, "__new__", float_new);
}

fn int_new<'s>(vm: &mut Vm, s: Scope<'s>, a: Args<'s>) -> PyResult {
    let cls = a.opt_v(vm, 0).unwrap_or(Value::NULL);
    if Vm::is_type(cls) && cls != vm.ty(T::Int) && cls != vm.ty(T::Bool) {
        // int subclass: a BigInt object of type cls (argument 0 becomes int)
        let h = s.root_value(vm, cls);
        let t = vm.ty(T::Int);
        a.set(vm, 0, vm.gc(t));
        let b = Vm::to_big(int_new(vm, s, a)?);
        return Ok(vm.new_int_big_of(b, h.get(vm).value()));
    }
    let p = a.pos();
    // int(x, /, base=10): argument clinic's messages, `cls` not counted
    const INT: crate::vm::clinic::Sig = crate::vm::clinic::Sig {
        fname: "int",
        names: &["x", "base"],
        posonly: 1,
        maxpos: 2,
        required: 0,
    };
    INT.bind(vm, a.skip(1))?;
    let base = p.opt_v(vm, 2).or_else(|| a.kwarg_v(vm, "base"));
    if p.len() == 1 {
        return Ok(Value::int(0));
    }
    let v = p.v(vm, 1);
    if let Some(b) = base {
        let b = Vm::int_as_i64(b).unwrap_or(10);
        if !Vm::is_str(v) && !Vm::is_kind(v, Kind::Bytes) {
            if Vm::is_kind(v, Kind::Instance) {
                // bytearray (a Python class here): int(bytearray(b"101"), 2)
                let bt = vm.ty(T::Bytes);
                let bytes = vm.call(bt, &[v], Value::NULL)?;
                let it = vm.ty(T::Int);
                return vm.call_native(
                    int_new,
                    Value::NULL,
                    &[it, bytes, Value::int(b)],
                    Value::NULL,
                );
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

fn float_new<'s>(vm: &mut Vm, s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "float", 1, 2)?;
    let float_t = vm.ty(T::Float);
    if a.v(vm, 0) != float_t {
        return float_subclass_new(vm, s, a);
    }
    if a.len() == 1 {
        return Ok(vm.new_float(0.0));
    }
    let v = a.v(vm, 1);
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
fn float_subclass_new<'s>(vm: &mut Vm, s: Scope<'s>, a: Args<'s>) -> PyResult {
    let cls = a.v(vm, 0);
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
    // float(x) in the argument slots, then the value in an object of cls
    let hcls = s.root(vm, a.get(vm, 0));
    a.set(vm, 0, vm.gc(float_t));
    let f = float_new(vm, s, a)?;
    let cls = hcls.get(vm).value();
    Ok(vm.new_float_of(Vm::float_val(f), cls))
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
