//! Float functions of CPython 3.11's `math` module with its exact error
//! semantics (`ValueError("math domain error")`, `OverflowError("math range
//! error")`), plus ports of the algorithms CPython and glibc use where
//! Rust's standard library differs: `gamma`/`lgamma` (CPython's own
//! Lanczos code) and `cbrt`/`asinh`/`acosh`/`atanh` (glibc's, which Rust does not
//! call).  Everything else goes through the platform libm, as in CPython.

// Constants are written with the digits of the C sources they mirror.
#![allow(clippy::excessive_precision)]

use super::error::{SResult, SupportError};

/// C `errno` outcomes of a libm-style computation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Errno {
    Ok,
    Dom,
    Range,
}

fn domain() -> SupportError {
    SupportError::value("math domain error")
}

fn range() -> SupportError {
    SupportError::overflow("math range error")
}

/// CPython `is_error`: EDOM is a domain error; ERANGE only counts when
/// the result is large (underflow is ignored).
fn check(r: f64, e: Errno) -> SResult<f64> {
    match e {
        Errno::Ok => Ok(r),
        Errno::Dom => Err(domain()),
        Errno::Range if r.abs() < 1.5 => Ok(r),
        Errno::Range => Err(range()),
    }
}

/// CPython `math_1`: NaN from a non-NaN input is a domain error; an
/// infinity from a finite input is a range error if `can_overflow`, else a
/// domain error (a singularity).
pub fn math_1(x: f64, f: fn(f64) -> f64, can_overflow: bool) -> SResult<f64> {
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range() } else { domain() });
    }
    Ok(r)
}

/// A `math` function of one float, by name (`"sqrt"`, `"exp"`, `"sin"`,
/// `"asinh"`, `"gamma"`, ...); `None` for unknown names.  `log`/`log2`/
/// `log10` live in [`super::pymath`] (they accept big ints).
pub fn call1(name: &str, x: f64) -> Option<SResult<f64>> {
    Some(match name {
        "sqrt" => math_1(x, f64::sqrt, false),
        "exp" => math_1(x, f64::exp, true),
        "exp2" => math_1(x, f64::exp2, true),
        "expm1" => math_1(x, f64::exp_m1, true),
        "log1p" => math_1(x, f64::ln_1p, false),
        "sin" => math_1(x, f64::sin, false),
        "cos" => math_1(x, f64::cos, false),
        "tan" => math_1(x, f64::tan, false),
        "asin" => math_1(x, f64::asin, false),
        "acos" => math_1(x, f64::acos, false),
        "atan" => math_1(x, f64::atan, false),
        "sinh" => math_1(x, f64::sinh, true),
        "cosh" => math_1(x, f64::cosh, true),
        "tanh" => math_1(x, f64::tanh, false),
        "asinh" => math_1(x, asinh, false),
        "acosh" => math_1(x, acosh, false),
        "atanh" => math_1(x, atanh, false),
        "cbrt" => math_1(x, cbrt, false),
        "fabs" => math_1(x, f64::abs, false),
        "gamma" => gamma(x),
        "lgamma" => lgamma(x),
        _ => return None,
    })
}

const LN2: f64 = std::f64::consts::LN_2;

/// glibc `cbrt` (Rust's `f64::cbrt` can differ from it in the last bit).
pub fn cbrt(x: f64) -> f64 {
    const CBRT2: f64 = 1.2599210498948731648;
    const SQR_CBRT2: f64 = 1.5874010519681994748;
    const FACTOR: [f64; 5] = [1.0 / SQR_CBRT2, 1.0 / CBRT2, 1.0, CBRT2, SQR_CBRT2];
    if x == 0.0 || !x.is_finite() {
        return x + x;
    }
    let (xm, xe) = super::numhash::frexp(x.abs());
    let u = 0.354895765043919860
        + ((1.50819193781584896
            + ((-2.11499494167371287
                + ((2.44693122563534430
                    + ((-1.83469277483613086
                        + (0.784932344976639262 - 0.145263899385486377 * xm) * xm)
                        * xm))
                    * xm))
                * xm))
            * xm);
    let t2 = u * u * u;
    let ym = u * (t2 + 2.0 * xm) / (2.0 * t2 + xm) * FACTOR[(2 + xe % 3) as usize];
    super::numeric::ldexp(if x > 0.0 { ym } else { -ym }, (xe / 3) as i64)
}

/// glibc/fdlibm `asinh`.
pub fn asinh(x: f64) -> f64 {
    let ix = (x.to_bits() >> 32) as u32 & 0x7fff_ffff;
    if ix < 0x3e30_0000 {
        return x; // |x| < 2**-28
    }
    let xa = x.abs();
    let w = if ix > 0x41b0_0000 {
        if ix >= 0x7ff0_0000 {
            return x + x;
        }
        xa.ln() + LN2
    } else if ix > 0x4000_0000 {
        (2.0 * xa + 1.0 / ((xa * xa + 1.0).sqrt() + xa)).ln()
    } else {
        let t = xa * xa;
        (xa + t / (1.0 + (1.0 + t).sqrt())).ln_1p()
    };
    w.copysign(x)
}

/// glibc/fdlibm `acosh`.
pub fn acosh(x: f64) -> f64 {
    let bits = x.to_bits();
    let hx = (bits >> 32) as u32 as i32;
    let lx = bits as u32;
    if hx < 0x3ff0_0000 {
        f64::NAN
    } else if hx >= 0x41b0_0000 {
        if hx >= 0x7ff0_0000 {
            x + x
        } else {
            x.ln() + LN2
        }
    } else if ((hx - 0x3ff0_0000) as u32 | lx) == 0 {
        0.0
    } else if hx > 0x4000_0000 {
        let t = x * x;
        (2.0 * x - 1.0 / (x + (t - 1.0).sqrt())).ln()
    } else {
        let t = x - 1.0;
        (t + (2.0 * t + t * t).sqrt()).ln_1p()
    }
}

/// glibc `atanh`.
pub fn atanh(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let xa = x.abs();
    let t = if xa < 0.5 {
        if xa < f64::from_bits(0x3e30_0000_0000_0000) {
            return x; // |x| < 2**-28
        }
        let t = xa + xa;
        0.5 * (t + t * xa / (1.0 - xa)).ln_1p()
    } else if xa < 1.0 {
        0.5 * ((xa + xa) / (1.0 - xa)).ln_1p()
    } else if xa > 1.0 {
        return f64::NAN;
    } else {
        return f64::INFINITY.copysign(x);
    };
    t.copysign(x)
}

const PI: f64 = std::f64::consts::PI;
const LOGPI: f64 = 1.144_729_885_849_400_174_143_427_351_353_058_711_647;
const LANCZOS_G: f64 = 6.024_680_040_776_729_583_740_234_375;
const LANCZOS_G_MINUS_HALF: f64 = 5.524_680_040_776_729_583_740_234_375;
const LANCZOS_NUM: [f64; 13] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];
const LANCZOS_DEN: [f64; 13] = [
    0.0,
    39916800.0,
    120543840.0,
    150917976.0,
    105258076.0,
    45995730.0,
    13339535.0,
    2637558.0,
    357423.0,
    32670.0,
    1925.0,
    66.0,
    1.0,
];

fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    if x < 5.0 {
        for i in (0..13).rev() {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        for i in 0..13 {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    num / den
}

/// CPython `m_sinpi`: `sin(pi * x)` with exact zeros at integers.
fn sinpi(x: f64) -> f64 {
    let y = x.abs() % 2.0;
    let n = (2.0 * y).round() as i32;
    let r = match n {
        0 => (PI * y).sin(),
        1 => (PI * (y - 0.5)).cos(),
        2 => (PI * (1.0 - y)).sin(),
        3 => -(PI * (y - 1.5)).cos(),
        _ => (PI * (y - 2.0)).sin(),
    };
    1f64.copysign(x) * r
}

fn tgamma_errno(x: f64) -> (f64, Errno) {
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 {
            return (x, Errno::Ok);
        }
        return (f64::NAN, Errno::Dom);
    }
    if x == 0.0 {
        return (f64::INFINITY.copysign(x), Errno::Dom);
    }
    if x == x.floor() {
        if x < 0.0 {
            return (f64::NAN, Errno::Dom);
        }
        if x <= 23.0 {
            let mut f = 1.0f64;
            for k in 2..(x as u32) {
                f *= k as f64;
            }
            return (f, Errno::Ok);
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        let r = 1.0 / x;
        return (
            r,
            if r.is_infinite() {
                Errno::Range
            } else {
                Errno::Ok
            },
        );
    }
    if absx > 200.0 {
        if x < 0.0 {
            return (0.0 / sinpi(x), Errno::Ok);
        }
        return (f64::INFINITY, Errno::Range);
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    let z = if absx > LANCZOS_G_MINUS_HALF {
        let q = y - absx;
        q - LANCZOS_G_MINUS_HALF
    } else {
        let q = y - LANCZOS_G_MINUS_HALF;
        q - absx
    };
    let z = z * LANCZOS_G / y;
    let mut r;
    if x < 0.0 {
        r = -PI / sinpi(absx) / absx * y.exp() / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= y.powf(absx - 0.5);
        } else {
            let sqrtpow = y.powf(absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = lanczos_sum(absx) / y.exp();
        r += z * r;
        if absx < 140.0 {
            r *= y.powf(absx - 0.5);
        } else {
            let sqrtpow = y.powf(absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    (
        r,
        if r.is_infinite() {
            Errno::Range
        } else {
            Errno::Ok
        },
    )
}

/// `math.gamma(x)` (CPython's Lanczos implementation and error rules).
pub fn gamma(x: f64) -> SResult<f64> {
    let (r, e) = tgamma_errno(x);
    check(r, e)
}

fn lgamma_errno(x: f64) -> (f64, Errno) {
    if !x.is_finite() {
        return (if x.is_nan() { x } else { f64::INFINITY }, Errno::Ok);
    }
    if x == x.floor() && x <= 2.0 {
        if x <= 0.0 {
            return (f64::INFINITY, Errno::Dom);
        }
        return (0.0, Errno::Ok);
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return (-absx.ln(), Errno::Ok);
    }
    let mut r = lanczos_sum(absx).ln() - LANCZOS_G;
    r += (absx - 0.5) * ((absx + LANCZOS_G - 0.5).ln() - 1.0);
    if x < 0.0 {
        r = LOGPI - sinpi(absx).abs().ln() - absx.ln() - r;
    }
    (
        r,
        if r.is_infinite() {
            Errno::Range
        } else {
            Errno::Ok
        },
    )
}

/// `math.lgamma(x)`.
pub fn lgamma(x: f64) -> SResult<f64> {
    let (r, e) = lgamma_errno(x);
    check(r, e)
}

/// `math.pow(x, y)` (differs from `**`: `0.0 ** -1` is a domain error,
/// negative ** fractional is a domain error, overflow a range error).
pub fn pow(x: f64, y: f64) -> SResult<f64> {
    let (r, e);
    if !x.is_finite() || !y.is_finite() {
        e = Errno::Ok;
        r = if x.is_nan() {
            if y == 0.0 {
                1.0
            } else {
                x
            }
        } else if y.is_nan() {
            if x == 1.0 {
                1.0
            } else {
                y
            }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && y.abs() % 2.0 == 1.0;
            if y > 0.0 {
                if odd_y {
                    x
                } else {
                    x.abs()
                }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if y > 0.0 && x.abs() > 1.0 {
            y
        } else if y < 0.0 && x.abs() < 1.0 {
            -y
        } else {
            0.0
        };
    } else {
        r = x.powf(y);
        e = if r.is_nan() {
            Errno::Dom
        } else if r.is_infinite() {
            if x == 0.0 {
                Errno::Dom
            } else {
                Errno::Range
            }
        } else {
            Errno::Ok
        };
    }
    check(r, e)
}

/// `math.fmod(x, y)` (C `fmod`; `fmod(x, ±inf) == x` for finite x).
pub fn fmod(x: f64, y: f64) -> SResult<f64> {
    if y.is_infinite() && x.is_finite() {
        return Ok(x);
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain());
    }
    Ok(r)
}

/// `math.atan2(y, x)` (C99 special values, as CPython's `m_atan2`).
pub fn atan2(y: f64, x: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if y.is_infinite() {
        if x.is_infinite() {
            let q = if x.is_sign_positive() { 0.25 } else { 0.75 };
            return (q * PI).copysign(y);
        }
        return (0.5 * PI).copysign(y);
    }
    if x.is_infinite() || y == 0.0 {
        return if x.is_sign_positive() {
            0f64.copysign(y)
        } else {
            PI.copysign(y)
        };
    }
    y.atan2(x)
}

/// `math.ldexp(x, i)` with `OverflowError("math range error")` on overflow
/// (`i` is clamped like CPython does for huge exponents).
pub fn ldexp(x: f64, i: i64) -> SResult<f64> {
    if x == 0.0 || !x.is_finite() {
        return Ok(x);
    }
    let r = super::numeric::ldexp(x, i);
    if r.is_infinite() {
        return Err(range());
    }
    Ok(r)
}

/// `math.modf(x)`: (fractional part, integral part), both with x's sign.
pub fn modf(x: f64) -> (f64, f64) {
    if x.is_infinite() {
        return (0f64.copysign(x), x);
    }
    if x.is_nan() {
        return (x, x);
    }
    let i = x.trunc();
    ((x - i).copysign(x), i)
}

/// `math.isclose(a, b, rel_tol, abs_tol)`; negative tolerances give
/// `ValueError("tolerances must be non-negative")`.
pub fn isclose(a: f64, b: f64, rel_tol: f64, abs_tol: f64) -> SResult<bool> {
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(SupportError::value("tolerances must be non-negative"));
    }
    if a == b {
        return Ok(true);
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(false);
    }
    let diff = (b - a).abs();
    Ok(diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol)
}

/// `math.nextafter(x, y)` (C `nextafter`: `y` itself when equal, so
/// `nextafter(0.0, -0.0) == -0.0`).
pub fn nextafter(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == y {
        return y;
    }
    if x < y {
        x.next_up()
    } else {
        x.next_down()
    }
}

/// `math.ulp(x)`: the value of the least significant bit of `x`.
pub fn ulp(x: f64) -> f64 {
    if x.is_nan() || x.is_infinite() {
        return x.abs();
    }
    let a = x.abs();
    let up = a.next_up();
    if up.is_infinite() {
        return a - a.next_down();
    }
    up - a
}

#[cfg(test)]
#[path = "mathfn_tests.rs"]
mod tests;
