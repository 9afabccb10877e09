//! The rest of `math` on the exact algorithms of `support::mathfn` and
//! `support::pymath` (CPython's own code where it has its own, the platform
//! libm's `erf`/`erfc`, `remainder`/`frexp` from the `libm` crate): erf, erfc,
//! gamma, lgamma, comb, perm, lcm, gcd, dist, hypot, fsum, nextafter, ulp,
//! remainder, frexp, ldexp, modf, cbrt, exp2, asinh/acosh/atanh, factorial,
//! isqrt, log2/log10 of big ints.

use crate::object::value::Value;
use crate::object::T;
use crate::support::{mathfn, pymath};
use crate::vm::rooted::Args;
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;

// The platform libm (glibc), which CPython's erf/erfc call: the `libm`
// crate's port differs from glibc in the last bit for some inputs.
use super::rawos::{erf, erfc};

fn int_arg(vm: &mut Vm, v: Value) -> PyResult<BigInt> {
    if Vm::is_intlike(v) {
        return Ok(Vm::to_big(v));
    }
    if Vm::is_float(v) {
        let m = "'float' object cannot be interpreted as an integer";
        return Err(vm.raise_msg(T::TypeError, m));
    }
    let i = vm.index_of(v)?;
    Ok(BigInt::from(i))
}

fn float_list(vm: &mut Vm, v: Value) -> PyResult<Vec<f64>> {
    let items = vm.collect(v)?;
    items.into_iter().map(|x| vm.to_f64(x)).collect()
}

fn one(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult<f64> {
    args.check(vm, name, 1, 1)?;
    vm.to_f64(args.v(vm, 0))
}

fn ret(vm: &mut Vm, r: crate::support::error::SResult<f64>) -> PyResult {
    match r {
        Ok(x) => Ok(vm.new_float(x)),
        Err(e) => Err(vm.support_err(e)),
    }
}

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    let h = vm.push_root(d);
    macro_rules! f {
        ($name:expr, $f:expr) => {{
            let d = vm.root(h);
            vm.add_native_fn(d, $name, $f);
        }};
    }
    macro_rules! call1 {
        ($($name:literal),*) => {$(
            f!($name, |vm, _s, args| {
                let x = one(vm, args, $name)?;
                let r = mathfn::call1($name, x).unwrap_or(Ok(f64::NAN));
                ret(vm, r)
            });
        )*};
    }
    call1!("gamma", "lgamma", "cbrt", "exp2", "asinh", "acosh", "atanh", "expm1", "log1p");
    f!("erf", |vm, _s, args| {
        let x = one(vm, args, "erf")?;
        Ok(vm.new_float(erf(x)))
    });
    f!("erfc", |vm, _s, args| {
        let x = one(vm, args, "erfc")?;
        Ok(vm.new_float(erfc(x)))
    });
    f!("comb", |vm, _s, args| {
        args.check(vm, "comb", 2, 2)?;
        let (n, k) = (int_arg(vm, args.v(vm, 0))?, int_arg(vm, args.v(vm, 1))?);
        let r = pymath::comb(&n, &k).map_err(|e| vm.support_err(e))?;
        Ok(vm.new_int_big(&r))
    });
    f!("perm", |vm, _s, args| {
        args.check(vm, "perm", 1, 2)?;
        let n = int_arg(vm, args.v(vm, 0))?;
        let k = match args.opt_v(vm, 1) {
            Some(v) if !v.is_none() => Some(int_arg(vm, v)?),
            _ => None,
        };
        let r = pymath::perm(&n, k.as_ref()).map_err(|e| vm.support_err(e))?;
        Ok(vm.new_int_big(&r))
    });
    f!("factorial", |vm, _s, args| {
        args.check(vm, "factorial", 1, 1)?;
        if Vm::is_float(args.v(vm, 0)) {
            let m = "'float' object cannot be interpreted as an integer";
            return Err(vm.raise_msg(T::TypeError, m));
        }
        let n = int_arg(vm, args.v(vm, 0))?;
        let r = pymath::factorial(&n).map_err(|e| vm.support_err(e))?;
        Ok(vm.new_int_big(&r))
    });
    f!("gcd", |vm, _s, args| {
        let mut v = vec![];
        for i in 0..args.len() {
            v.push(int_arg(vm, args.v(vm, i))?);
        }
        Ok(vm.new_int_big(&pymath::gcd(&v)))
    });
    f!("lcm", |vm, _s, args| {
        let mut v = vec![];
        for i in 0..args.len() {
            v.push(int_arg(vm, args.v(vm, i))?);
        }
        Ok(vm.new_int_big(&pymath::lcm(&v)))
    });
    f!("isqrt", |vm, _s, args| {
        args.check(vm, "isqrt", 1, 1)?;
        let n = int_arg(vm, args.v(vm, 0))?;
        let r = pymath::isqrt(&n).map_err(|e| vm.support_err(e))?;
        Ok(vm.new_int_big(&r))
    });
    f!("fsum", |vm, _s, args| {
        args.check(vm, "fsum", 1, 1)?;
        let xs = float_list(vm, args.v(vm, 0))?;
        ret(vm, pymath::fsum(xs))
    });
    f!("hypot", |vm, _s, args| {
        let mut xs = vec![];
        for i in 0..args.len() {
            xs.push(vm.to_f64(args.v(vm, i))?);
        }
        Ok(vm.new_float(pymath::hypot(&xs)))
    });
    f!("dist", |vm, _s, args| {
        args.check(vm, "dist", 2, 2)?;
        let p = float_list(vm, args.v(vm, 0))?;
        let q = float_list(vm, args.v(vm, 1))?;
        if p.len() != q.len() {
            let m = "both points must have the same number of dimensions";
            return Err(vm.raise_msg(T::ValueError, m));
        }
        Ok(vm.new_float(pymath::dist(&p, &q)))
    });
    f!("nextafter", |vm, _s, args| {
        args.check(vm, "nextafter", 2, 2)?;
        let (x, y) = (vm.to_f64(args.v(vm, 0))?, vm.to_f64(args.v(vm, 1))?);
        Ok(vm.new_float(mathfn::nextafter(x, y)))
    });
    f!("ulp", |vm, _s, args| {
        let x = one(vm, args, "ulp")?;
        Ok(vm.new_float(mathfn::ulp(x)))
    });
    f!("remainder", |vm, _s, args| {
        args.check(vm, "remainder", 2, 2)?;
        let (x, y) = (vm.to_f64(args.v(vm, 0))?, vm.to_f64(args.v(vm, 1))?);
        if x.is_nan() || y.is_nan() {
            return Ok(vm.new_float(f64::NAN));
        }
        if x.is_infinite() || y == 0.0 {
            return Err(vm.raise_msg(T::ValueError, "math domain error"));
        }
        if y.is_infinite() {
            return Ok(vm.new_float(x));
        }
        Ok(vm.new_float(libm::remainder(x, y)))
    });
    f!("frexp", |vm, _s, args| {
        let x = one(vm, args, "frexp")?;
        let (m, e) = if x == 0.0 || !x.is_finite() {
            (x, 0)
        } else {
            libm::frexp(x)
        };
        let mv = vm.new_float(m);
        let h = vm.push_root(mv);
        let mv = vm.root(h);
        vm.pop_roots(h);
        Ok(vm.new_tuple(&[mv, Value::int(e as i64)]))
    });
    f!("ldexp", |vm, _s, args| {
        args.check(vm, "ldexp", 2, 2)?;
        let x = vm.to_f64(args.v(vm, 0))?;
        if Vm::is_float(args.v(vm, 1)) {
            return Err(vm.raise_msg(T::TypeError, "Expected an int as second argument to ldexp."));
        }
        let i = int_arg(vm, args.v(vm, 1))?;
        let i =
            num_traits::ToPrimitive::to_i64(&i).unwrap_or(if i.sign() == num_bigint::Sign::Minus {
                i64::MIN / 2
            } else {
                i64::MAX / 2
            });
        ret(vm, mathfn::ldexp(x, i))
    });
    f!("modf", |vm, _s, args| {
        let x = one(vm, args, "modf")?;
        let (fr, ip) = mathfn::modf(x);
        let fv = vm.new_float(fr);
        let h = vm.push_root(fv);
        let iv = vm.new_float(ip);
        let fv = vm.root(h);
        vm.pop_roots(h);
        Ok(vm.new_tuple(&[fv, iv]))
    });
    for (name, kind) in [("log2", 0u8), ("log10", 1)] {
        let f: crate::vm::NativeFn = if kind == 0 {
            |vm, _s, args| log_kind(vm, args, pymath::LogKind::Log2)
        } else {
            |vm, _s, args| log_kind(vm, args, pymath::LogKind::Log10)
        };
        let d = vm.root(h);
        vm.add_native_fn(d, name, f);
    }
    vm.pop_roots(h);
    Ok(())
}

fn log_kind(vm: &mut Vm, args: Args<'_>, kind: pymath::LogKind) -> PyResult {
    args.check(vm, "log", 1, 1)?;
    let r = if Vm::is_intlike(args.v(vm, 0)) {
        pymath::log_int(&Vm::to_big(args.v(vm, 0)), kind)
    } else {
        let x = vm.to_f64(args.v(vm, 0))?;
        pymath::log_float(x, kind)
    };
    ret(vm, r)
}
