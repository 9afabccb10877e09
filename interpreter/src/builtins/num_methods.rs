//! The methods of `int` and `float`.

use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};

pub(super) fn int_bit_length<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let b = Vm::to_big(a.v(vm, 0));
    let _ = vm;
    Ok(Value::int(b.bits() as i64))
}

pub(super) fn int_to_bytes<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let p = a.pos();
    let len = p
        .opt_v(vm, 1)
        .or_else(|| a.kwarg_v(vm, "length"))
        .and_then(Vm::int_as_i64)
        .unwrap_or(1) as usize;
    let order = p
        .opt_v(vm, 2)
        .or_else(|| a.kwarg_v(vm, "byteorder"))
        .map(|v| Vm::as_str(v).to_string())
        .unwrap_or_else(|| "big".into());
    let signed = a.kwarg_v(vm, "signed") == Some(Value::TRUE);
    let b = Vm::to_big(a.v(vm, 0));
    let mut bytes = if signed {
        b.to_signed_bytes_le()
    } else {
        b.to_bytes_le().1
    };
    let fill = if signed && b < num_bigint::BigInt::from(0) {
        0xff
    } else {
        0
    };
    if bytes.len() > len {
        return Err(vm.raise_msg(T::OverflowError, "int too big to convert"));
    }
    bytes.resize(len, fill);
    if order == "big" {
        bytes.reverse();
    }
    Ok(vm.new_bytes(&bytes))
}

pub(super) fn int_from_bytes<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let p = a.pos();
    let order = p
        .opt_v(vm, 2)
        .or_else(|| a.kwarg_v(vm, "byteorder"))
        .map(|v| Vm::as_str(v).to_string())
        .unwrap_or_else(|| "big".into());
    let signed = a.kwarg_v(vm, "signed") == Some(Value::TRUE);
    let src = p.opt_v(vm, 1).or_else(|| a.kwarg_v(vm, "bytes"));
    let Some(src) = src else {
        let m = "from_bytes() missing required argument 'bytes' (pos 1)";
        return Err(vm.raise_msg(T::TypeError, m));
    };
    let mut b = super::extra_attrs::bytes_of_iterable(vm, src)?;
    if order != "big" && order != "little" {
        return Err(vm.raise_msg(T::ValueError, "byteorder must be either 'little' or 'big'"));
    }
    if order == "big" {
        b.reverse();
    }
    let n = if signed {
        num_bigint::BigInt::from_signed_bytes_le(&b)
    } else {
        num_bigint::BigInt::from_bytes_le(num_bigint::Sign::Plus, &b)
    };
    let n = vm.new_int_big(&n);
    if a.v(vm, 0) != vm.ty(T::Int) && Vm::is_type(a.v(vm, 0)) {
        // a subclass (bool, IntEnum, ...) converts the int
        return vm.call(a.v(vm, 0), &[n], Value::NULL);
    }
    Ok(n)
}

pub(super) fn int_index<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "__index__", 1, 1)?;
    Ok(vm.new_int_big(&Vm::to_big(a.v(vm, 0))))
}

pub(super) fn int_conjugate<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "conjugate", 1, 1)?;
    Ok(vm.new_int_big(&Vm::to_big(a.v(vm, 0))))
}

pub(super) fn int_bit_count<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "bit_count", 1, 1)?;
    let ones: u64 = Vm::to_big(a.v(vm, 0))
        .magnitude()
        .iter_u64_digits()
        .map(|d| d.count_ones() as u64)
        .sum();
    Ok(Value::int(ones as i64))
}

pub(super) fn float_is_integer<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    Ok(Value::bool(Vm::float_val(a.v(vm, 0)).fract() == 0.0))
}

pub(super) fn float_int<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let t = vm.ty(T::Int);
    vm.call0(t, &[a.v(vm, 0)])
}

pub(super) fn float_float<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "__float__", 1, 1)?;
    let x = a.v(vm, 0);
    Ok(if Vm::is_exact_float(x) {
        x
    } else {
        vm.new_float(Vm::float_val(x))
    })
}

pub(super) fn float_getnewargs<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "__getnewargs__", 1, 1)?;
    let f = vm.new_float(Vm::float_val(a.v(vm, 0)));
    Ok(vm.new_tuple(&[f]))
}

pub(super) fn int_float<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let f = vm.to_f64(a.v(vm, 0))?;
    Ok(vm.new_float(f))
}
