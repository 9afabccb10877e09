//! The `math` module.

use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::Args;
use crate::vm::{PyResult, Vm};
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

fn f1(vm: &mut Vm, args: Args<'_>, name: &str, f: fn(f64) -> f64) -> PyResult {
    args.check(vm, name, 1, 1)?;
    let x = vm.to_f64(args.v(vm, 0))?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(vm.raise_msg(T::ValueError, "math domain error"));
    }
    if r.is_infinite() && x.is_finite() && !matches!(name, "exp" | "cosh" | "sinh") {
        return Err(vm.raise_msg(T::ValueError, "math domain error"));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(vm.raise_msg(T::OverflowError, "math range error"));
    }
    Ok(vm.new_float(r))
}

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    let h = vm.push_root(d);
    macro_rules! f {
        ($name:expr, $f:expr) => {{
            let d = vm.root(h);
            vm.add_native_fn(d, $name, $f);
        }};
    }
    macro_rules! unary {
        ($name:expr, $f:expr) => {
            f!($name, |vm, _s, args| f1(vm, args, $name, $f))
        };
    }
    unary!("sin", f64::sin);
    unary!("cos", f64::cos);
    unary!("tan", f64::tan);
    unary!("asin", f64::asin);
    unary!("acos", f64::acos);
    unary!("atan", f64::atan);
    unary!("sinh", f64::sinh);
    unary!("cosh", f64::cosh);
    unary!("tanh", f64::tanh);
    unary!("exp", f64::exp);
    unary!("fabs", f64::abs);
    unary!("log2", f64::log2);
    unary!("log10", f64::log10);
    unary!("log1p", f64::ln_1p);
    unary!("expm1", f64::exp_m1);
    unary!("degrees", f64::to_degrees);
    unary!("radians", f64::to_radians);
    f!("sqrt", |vm, _s, args| {
        args.check(vm, "sqrt", 1, 1)?;
        let x = vm.to_f64(args.v(vm, 0))?;
        if x < 0.0 {
            return Err(vm.raise_msg(T::ValueError, "math domain error"));
        }
        Ok(vm.new_float(x.sqrt()))
    });
    f!("log", |vm, _s, args| {
        args.check(vm, "log", 1, 2)?;
        let x = if Vm::is_bigint(args.v(vm, 0)) {
            let b = Vm::to_big(args.v(vm, 0));
            if !b.is_positive() {
                return Err(vm.raise_msg(T::ValueError, "math domain error"));
            }
            let bits = b.bits();
            let shift = bits.saturating_sub(60);
            let top = (b >> shift).to_f64().unwrap_or(1.0);
            top.ln() + shift as f64 * std::f64::consts::LN_2
        } else {
            let x = vm.to_f64(args.v(vm, 0))?;
            if x <= 0.0 {
                return Err(vm.raise_msg(T::ValueError, "math domain error"));
            }
            x.ln()
        };
        if args.len() == 2 {
            let b = vm.to_f64(args.v(vm, 1))?;
            return Ok(vm.new_float(x / b.ln()));
        }
        Ok(vm.new_float(x))
    });
    f!("atan2", |vm, _s, args| {
        args.check(vm, "atan2", 2, 2)?;
        let (y, x) = (vm.to_f64(args.v(vm, 0))?, vm.to_f64(args.v(vm, 1))?);
        Ok(vm.new_float(y.atan2(x)))
    });
    f!("hypot", |vm, _s, args| {
        let mut s = 0.0f64;
        for i in 0..args.len() {
            let x = vm.to_f64(args.v(vm, i))?;
            s = s.hypot(x);
        }
        Ok(vm.new_float(s))
    });
    f!("pow", |vm, _s, args| {
        args.check(vm, "pow", 2, 2)?;
        let (x, y) = (vm.to_f64(args.v(vm, 0))?, vm.to_f64(args.v(vm, 1))?);
        let r = x.powf(y);
        if r.is_nan() && !x.is_nan() && !y.is_nan() {
            return Err(vm.raise_msg(T::ValueError, "math domain error"));
        }
        Ok(vm.new_float(r))
    });
    f!("fmod", |vm, _s, args| {
        args.check(vm, "fmod", 2, 2)?;
        let (x, y) = (vm.to_f64(args.v(vm, 0))?, vm.to_f64(args.v(vm, 1))?);
        if y == 0.0 {
            return Err(vm.raise_msg(T::ValueError, "math domain error"));
        }
        Ok(vm.new_float(x % y))
    });
    f!("copysign", |vm, _s, args| {
        let (x, y) = (vm.to_f64(args.v(vm, 0))?, vm.to_f64(args.v(vm, 1))?);
        Ok(vm.new_float(x.copysign(y)))
    });
    for (name, kind) in [("floor", 0u8), ("ceil", 1), ("trunc", 2)] {
        let f: crate::vm::NativeFn = match kind {
            0 => |vm, _s, args| round_int(vm, args, f64::floor),
            1 => |vm, _s, args| round_int(vm, args, f64::ceil),
            _ => |vm, _s, args| round_int(vm, args, f64::trunc),
        };
        let d = vm.root(h);
        vm.add_native_fn(d, name, f);
    }
    f!("isnan", |vm, _s, args| Ok(Value::bool(
        vm.to_f64(args.v(vm, 0))?.is_nan()
    )));
    f!("isinf", |vm, _s, args| Ok(Value::bool(
        vm.to_f64(args.v(vm, 0))?.is_infinite()
    )));
    f!("isfinite", |vm, _s, args| Ok(Value::bool(
        vm.to_f64(args.v(vm, 0))?.is_finite()
    )));
    f!("isclose", |vm, _s, args| {
        let (x, y) = (vm.to_f64(args.v(vm, 0))?, vm.to_f64(args.v(vm, 1))?);
        let rt = args
            .kwarg_v(vm, "rel_tol")
            .map(Vm::float_val)
            .unwrap_or(1e-9);
        let at = args
            .kwarg_v(vm, "abs_tol")
            .map(|v| {
                if v.is_int() {
                    v.as_int() as f64
                } else {
                    Vm::float_val(v)
                }
            })
            .unwrap_or(0.0);
        Ok(Value::bool(
            x == y || (x - y).abs() <= (rt * x.abs().max(y.abs())).max(at),
        ))
    });
    f!("factorial", |vm, _s, args| {
        args.check(vm, "factorial", 1, 1)?;
        let n = match Vm::int_as_i64(args.v(vm, 0)) {
            Some(n) if n >= 0 => n,
            Some(_) => {
                return Err(
                    vm.raise_msg(T::ValueError, "factorial() not defined for negative values")
                )
            }
            None => {
                return Err(vm.raise_msg(T::TypeError, "factorial() only accepts integral values"))
            }
        };
        let mut r = num_bigint::BigInt::from(1);
        for i in 2..=n {
            r *= i;
        }
        Ok(vm.new_int_big(&r))
    });
    f!("gcd", |vm, _s, args| {
        let mut g = num_bigint::BigInt::zero();
        for i in 0..args.len() {
            g = g.gcd(&Vm::to_big(args.v(vm, i)));
        }
        Ok(vm.new_int_big(&g))
    });
    f!("isqrt", |vm, _s, args| {
        let n = Vm::to_big(args.v(vm, 0));
        if n.is_negative() {
            return Err(vm.raise_msg(T::ValueError, "isqrt() argument must be nonnegative"));
        }
        Ok(vm.new_int_big(&n.sqrt()))
    });
    f!("fsum", |vm, _s, args| {
        let items = vm.collect(args.v(vm, 0))?;
        let mut parts: Vec<f64> = vec![];
        for v in items {
            let mut x = vm.to_f64(v)?;
            let mut i = 0;
            for j in 0..parts.len() {
                let mut y = parts[j];
                if x.abs() < y.abs() {
                    std::mem::swap(&mut x, &mut y);
                }
                let hi = x + y;
                let lo = y - (hi - x);
                if lo != 0.0 {
                    parts[i] = lo;
                    i += 1;
                }
                x = hi;
            }
            parts.truncate(i);
            parts.push(x);
        }
        Ok(vm.new_float(parts.iter().sum()))
    });
    f!("prod", |vm, _s, args| {
        let items = vm.collect(args.v(vm, 0))?;
        let l = vm.new_list(&items);
        let hl = vm.push_root(l);
        let hacc = vm.push_root(Value::int(1));
        for i in 0..items.len() {
            let x = Vm::list_get(vm.root(hl), i);
            let acc = vm.root(hacc);
            match vm.binary(acc, x, crate::compile::bytecode::B_MUL) {
                Ok(r) => vm.set_root(hacc, r),
                Err(e) => {
                    vm.pop_roots(hl);
                    return Err(e);
                }
            }
        }
        let r = vm.root(hacc);
        vm.pop_roots(hl);
        Ok(r)
    });
    let d = vm.root(h);
    let pi = vm.new_float(std::f64::consts::PI);
    vm.set_str_item(d, "pi", pi);
    let e = vm.new_float(std::f64::consts::E);
    vm.set_str_item(d, "e", e);
    let tau = vm.new_float(std::f64::consts::TAU);
    vm.set_str_item(d, "tau", tau);
    let inf = vm.new_float(f64::INFINITY);
    vm.set_str_item(d, "inf", inf);
    let nan = vm.new_float(f64::NAN);
    vm.set_str_item(d, "nan", nan);
    let d = vm.root(h);
    vm.pop_roots(h);
    crate::modules::math_extra::init(vm, d)
}

fn round_int(vm: &mut Vm, args: Args<'_>, f: fn(f64) -> f64) -> PyResult {
    args.check(vm, "floor", 1, 1)?;
    if Vm::is_intlike(args.v(vm, 0)) {
        let b = Vm::to_big(args.v(vm, 0));
        return Ok(vm.new_int_big(&b));
    }
    let x = vm.to_f64(args.v(vm, 0))?;
    if !x.is_finite() {
        return Err(vm.raise_msg(T::OverflowError, "cannot convert float infinity to integer"));
    }
    let r = f(x);
    if r.abs() < 9e18 {
        Ok(vm.new_int(r as i64))
    } else {
        use num_traits::FromPrimitive;
        let b = num_bigint::BigInt::from_f64(r).unwrap_or_default();
        Ok(vm.new_int_big(&b))
    }
}
