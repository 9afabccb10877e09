//! The `cmath` module (finite-argument algorithms of CPython's cmathmodule.c).

use crate::object::complex::{c_div, C};
use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::Args;
use crate::vm::{PyResult, Vm};

const LARGE_DOUBLE: f64 = f64::MAX / 4.0;
const LOG_LARGE_DOUBLE: f64 = 708.396_418_532_264_1;

fn arg(vm: &mut Vm, args: Args<'_>, name: &str, n: usize) -> PyResult<C> {
    args.check(vm, name, n, n)?;
    vm.to_complex(args.v(vm, 0))
}

fn c_log(z: C) -> C {
    let (ax, ay) = (z.re.abs(), z.im.abs());
    let re = if ax > LARGE_DOUBLE || ay > LARGE_DOUBLE {
        (ax / 2.0).hypot(ay / 2.0).ln() + std::f64::consts::LN_2
    } else if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        if ax > 0.0 || ay > 0.0 {
            let s = 2f64.powi(53);
            (ax * s).hypot(ay * s).ln() - 53.0 * std::f64::consts::LN_2
        } else {
            f64::NEG_INFINITY
        }
    } else {
        let h = ax.hypot(ay);
        if (0.71..=1.73).contains(&h) {
            let (am, an) = if ax > ay { (ax, ay) } else { (ay, ax) };
            ((am - 1.0) * (am + 1.0) + an * an).ln_1p() / 2.0
        } else {
            h.ln()
        }
    };
    C::new(re, z.im.atan2(z.re))
}

fn c_sqrt(z: C) -> C {
    if z.re == 0.0 && z.im == 0.0 {
        return C::new(0.0, z.im);
    }
    let (mut ax, ay) = (z.re.abs(), z.im.abs());
    let s = if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        ax *= 2f64.powi(53);
        (ax + ax.hypot(ay * 2f64.powi(53))).sqrt() * 2f64.powi(-27)
    } else {
        ax /= 8.0;
        2.0 * (ax + ax.hypot(ay / 8.0)).sqrt()
    };
    let d = ay / (2.0 * s);
    if z.re >= 0.0 {
        C::new(s, d.copysign(z.im))
    } else {
        C::new(d, s.copysign(z.im))
    }
}

fn c_exp(z: C) -> C {
    if z.re > LOG_LARGE_DOUBLE {
        let l = (z.re - 1.0).exp();
        C::new(
            l * z.im.cos() * std::f64::consts::E,
            l * z.im.sin() * std::f64::consts::E,
        )
    } else {
        let l = z.re.exp();
        C::new(l * z.im.cos(), l * z.im.sin())
    }
}

fn ret(vm: &mut Vm, c: C, finite_in: bool) -> PyResult {
    if finite_in && (c.re.is_infinite() || c.im.is_infinite()) {
        return Err(vm.raise_msg(T::OverflowError, "math range error"));
    }
    Ok(vm.new_complex(c.re, c.im))
}

fn fin(c: C) -> bool {
    c.re.is_finite() && c.im.is_finite()
}

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    let h = vm.push_root(d);
    macro_rules! f {
        ($name:expr, $f:expr) => {{
            let d = vm.root(h);
            vm.add_native_fn(d, $name, $f);
        }};
    }
    f!("sqrt", |vm, _s, args| {
        let z = arg(vm, args, "sqrt", 1)?;
        let r = c_sqrt(z);
        Ok(vm.new_complex(r.re, r.im))
    });
    f!("exp", |vm, _s, args| {
        let z = arg(vm, args, "exp", 1)?;
        ret(vm, c_exp(z), fin(z))
    });
    f!("log", |vm, _s, args| {
        args.check(vm, "log", 1, 2)?;
        let z = vm.to_complex(args.v(vm, 0))?;
        if z.re == 0.0 && z.im == 0.0 {
            return Err(vm.raise_msg(T::ValueError, "math domain error"));
        }
        let mut r = c_log(z);
        if args.len() == 2 {
            let b = vm.to_complex(args.v(vm, 1))?;
            match c_div(r, c_log(b)) {
                Some(q) => r = q,
                None => return Err(vm.raise_msg(T::ZeroDivisionError, "complex division by zero")),
            }
        }
        Ok(vm.new_complex(r.re, r.im))
    });
    f!("log10", |vm, _s, args| {
        let z = arg(vm, args, "log10", 1)?;
        if z.re == 0.0 && z.im == 0.0 {
            return Err(vm.raise_msg(T::ValueError, "math domain error"));
        }
        let r = c_log(z);
        let l = std::f64::consts::LN_10;
        Ok(vm.new_complex(r.re / l, r.im / l))
    });
    f!("phase", |vm, _s, args| {
        let z = arg(vm, args, "phase", 1)?;
        Ok(vm.new_float(z.im.atan2(z.re)))
    });
    f!("polar", |vm, _s, args| {
        let z = arg(vm, args, "polar", 1)?;
        let r = z.re.hypot(z.im);
        if r.is_infinite() && fin(z) {
            return Err(vm.raise_msg(T::OverflowError, "math range error"));
        }
        let (x, y) = (vm.new_float(r), vm.new_float(z.im.atan2(z.re)));
        Ok(vm.new_tuple(&[x, y]))
    });
    f!("rect", |vm, _s, args| {
        args.check(vm, "rect", 2, 2)?;
        let r = vm.to_f64(args.v(vm, 0))?;
        let phi = vm.to_f64(args.v(vm, 1))?;
        let c = if phi == 0.0 {
            C::new(r, r * phi)
        } else {
            C::new(r * phi.cos(), r * phi.sin())
        };
        Ok(vm.new_complex(c.re, c.im))
    });
    f!("isfinite", |vm, _s, args| {
        let z = arg(vm, args, "isfinite", 1)?;
        Ok(Value::bool(fin(z)))
    });
    f!("isinf", |vm, _s, args| {
        let z = arg(vm, args, "isinf", 1)?;
        Ok(Value::bool(z.re.is_infinite() || z.im.is_infinite()))
    });
    f!("isnan", |vm, _s, args| {
        let z = arg(vm, args, "isnan", 1)?;
        Ok(Value::bool(z.re.is_nan() || z.im.is_nan()))
    });
    f!("isclose", |vm, _s, args| {
        args.check_pos(vm, "isclose", 2, 2)?;
        let x = vm.to_complex(args.v(vm, 0))?;
        let y = vm.to_complex(args.v(vm, 1))?;
        let rel = match args.kwarg_v(vm, "rel_tol") {
            Some(v) => vm.to_f64(v)?,
            None => 1e-9,
        };
        let abs_tol = match args.kwarg_v(vm, "abs_tol") {
            Some(v) => vm.to_f64(v)?,
            None => 0.0,
        };
        if rel < 0.0 || abs_tol < 0.0 {
            return Err(vm.raise_msg(T::ValueError, "tolerances must be non-negative"));
        }
        if x == y {
            return Ok(Value::TRUE);
        }
        if !fin(x) || !fin(y) {
            return Ok(Value::FALSE);
        }
        let diff = (y.re - x.re).hypot(y.im - x.im);
        let (ax, ay) = (x.re.hypot(x.im), y.re.hypot(y.im));
        Ok(Value::bool(
            diff <= rel * ay || diff <= rel * ax || diff <= abs_tol,
        ))
    });
    for (name, re, im) in [
        ("pi", std::f64::consts::PI, None),
        ("e", std::f64::consts::E, None),
        ("tau", std::f64::consts::TAU, None),
        ("inf", f64::INFINITY, None),
        ("nan", f64::NAN, None),
        ("infj", 0.0, Some(f64::INFINITY)),
        ("nanj", 0.0, Some(f64::NAN)),
    ] {
        let v = match im {
            None => vm.new_float(re),
            Some(i) => vm.new_complex(0.0, i),
        };
        let d = vm.root(h);
        vm.set_str_item(d, name, v);
    }
    vm.pop_roots(h);
    Ok(())
}
