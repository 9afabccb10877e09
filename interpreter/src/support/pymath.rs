//! The parts of CPython 3.11's `math` module whose exact algorithms matter
//! for bit-identical results: `fsum` (Shewchuk partials with CPython's
//! special cases), `hypot`/`dist` (the scaled, compensated `vector_norm`),
//! logarithms of arbitrarily large ints, and the integer functions
//! `isqrt`, `factorial`, `comb`, `perm`, `gcd`, `lcm`.

use super::error::{SResult, SupportError};
use super::numeric::{int_truediv, ldexp};
use num_bigint::{BigInt, BigUint};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

fn domain() -> SupportError {
    SupportError::value("math domain error")
}

/// Streaming `math.fsum`: feed floats with [`FSum::add`], then
/// [`FSum::finish`].  Exactly CPython's algorithm, including
/// `OverflowError("intermediate overflow in fsum")` and
/// `ValueError("-inf + inf in fsum")`.
#[derive(Clone, Debug, Default)]
pub struct FSum {
    partials: Vec<f64>,
    special_sum: f64,
    inf_sum: f64,
}

impl FSum {
    /// An empty sum.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add one term.
    pub fn add(&mut self, x: f64) -> SResult<()> {
        let xsave = x;
        let mut x = x;
        let mut i = 0;
        for j in 0..self.partials.len() {
            let mut y = self.partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let yr = hi - x;
            let lo = y - yr;
            if lo != 0.0 {
                self.partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        self.partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                if xsave.is_finite() {
                    return Err(SupportError::overflow("intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    self.inf_sum += xsave;
                }
                self.special_sum += xsave;
                self.partials.clear();
            } else {
                self.partials.push(x);
            }
        }
        Ok(())
    }

    /// The correctly rounded sum.
    pub fn finish(&self) -> SResult<f64> {
        if self.special_sum != 0.0 {
            if self.inf_sum.is_nan() {
                return Err(SupportError::value("-inf + inf in fsum"));
            }
            return Ok(self.special_sum);
        }
        let p = &self.partials;
        let mut n = p.len();
        let mut hi = 0.0;
        if n > 0 {
            n -= 1;
            hi = p[n];
            let mut lo = 0.0;
            while n > 0 {
                let x = hi;
                n -= 1;
                let y = p[n];
                hi = x + y;
                let yr = hi - x;
                lo = y - yr;
                if lo != 0.0 {
                    break;
                }
            }
            if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
                let y = lo * 2.0;
                let x = hi + y;
                let yr = x - hi;
                if y == yr {
                    hi = x;
                }
            }
        }
        Ok(hi)
    }
}

/// `math.fsum(values)`.
pub fn fsum(values: impl IntoIterator<Item = f64>) -> SResult<f64> {
    let mut s = FSum::new();
    for v in values {
        s.add(v)?;
    }
    s.finish()
}

/// Add `x` to the compensated sum `(csum, frac)` (CPython's inner step).
fn acc(csum: &mut f64, frac: &mut f64, x: f64) {
    let old = *csum;
    *csum += x;
    *frac += (old - *csum) + x;
}

/// Split `x` into high and low halves (Veltkamp, T27 = 2**27 + 1).
fn split(x: f64) -> (f64, f64) {
    let t = x * 134_217_729.0;
    let hi = t - (t - x);
    (hi, x - hi)
}

/// CPython 3.11 `vector_norm` over absolute values with maximum `max`.
fn vector_norm(vec: &mut [f64], max: f64, found_nan: bool) -> f64 {
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let max_e = super::numhash::frexp(max).1;
    if max_e < -1023 {
        for v in vec.iter_mut() {
            *v /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(vec, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = ldexp(1.0, -(max_e as i64));
    let (mut csum, mut frac) = (1.0f64, 0.0f64);
    for &v in vec.iter() {
        let (hi, lo) = split(v * scale);
        acc(&mut csum, &mut frac, hi * hi);
        acc(&mut csum, &mut frac, 2.0 * hi * lo);
        acc(&mut csum, &mut frac, lo * lo);
    }
    let h = (csum - 1.0 + frac).sqrt();
    let (hi, lo) = split(h);
    acc(&mut csum, &mut frac, -hi * hi);
    acc(&mut csum, &mut frac, -2.0 * hi * lo);
    acc(&mut csum, &mut frac, -lo * lo);
    let x = csum - 1.0 + frac;
    (h + x / (2.0 * h)) / scale
}

fn norm_of(mut v: Vec<f64>) -> f64 {
    let mut max = 0.0f64;
    let mut found_nan = false;
    for x in v.iter_mut() {
        *x = x.abs();
        found_nan |= x.is_nan();
        if *x > max {
            max = *x;
        }
    }
    vector_norm(&mut v, max, found_nan)
}

/// `math.hypot(*coords)`.
pub fn hypot(coords: &[f64]) -> f64 {
    norm_of(coords.to_vec())
}

/// `math.dist(p, q)`; the VM checks that both have the same length
/// (`ValueError("both points must have the same number of dimensions")`).
pub fn dist(p: &[f64], q: &[f64]) -> f64 {
    norm_of(p.iter().zip(q).map(|(a, b)| a - b).collect())
}

/// Which logarithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogKind {
    /// `math.log` (natural)
    Ln,
    /// `math.log2`
    Log2,
    /// `math.log10`
    Log10,
}

fn raw_log(x: f64, kind: LogKind) -> f64 {
    match kind {
        LogKind::Ln => x.ln(),
        LogKind::Log2 => x.log2(),
        LogKind::Log10 => x.log10(),
    }
}

/// Logarithm of a float with CPython's `m_log` rules: `ValueError("math
/// domain error")` for zero and negative inputs, `log(inf) = inf`,
/// `log(nan) = nan`.
pub fn log_float(x: f64, kind: LogKind) -> SResult<f64> {
    if x.is_nan() || x == f64::INFINITY {
        return Ok(x);
    }
    if x > 0.0 {
        return Ok(raw_log(x, kind));
    }
    Err(domain())
}

/// `_PyLong_Frexp`: `n = x * 2**e` with `0.5 <= |x| < 1`, `x` correctly
/// rounded to 53 bits (n != 0).
pub fn frexp_int(n: &BigInt) -> (f64, i64) {
    let bits = n.bits();
    let den = BigInt::one() << bits;
    let mut x = int_truediv(&n.abs(), &den).unwrap_or(0.5);
    let mut e = bits as i64;
    if x == 1.0 {
        x = 0.5;
        e += 1;
    }
    (if n.is_negative() { -x } else { x }, e)
}

/// Logarithm of an int of any size (CPython `loghelper`): exact
/// conversion when it fits a float, else `log(x) + log(2) * e` from
/// [`frexp_int`].  Non-positive ints give "math domain error".
pub fn log_int(n: &BigInt, kind: LogKind) -> SResult<f64> {
    if !n.is_positive() {
        return Err(domain());
    }
    match n.to_f64().filter(|x| x.is_finite()) {
        Some(x) => log_float(x, kind),
        None => {
            let (x, e) = frexp_int(n);
            Ok(raw_log(x, kind) + raw_log(2.0, kind) * e as f64)
        }
    }
}

/// `math.log(x, base)` once both logarithms are known: `num / den` with
/// `ZeroDivisionError("float division by zero")` for base 1.
pub fn log_with_base(num: f64, den: f64) -> SResult<f64> {
    if den == 0.0 {
        return Err(SupportError::zero_div("float division by zero"));
    }
    Ok(num / den)
}

/// `math.isqrt(n)`.
pub fn isqrt(n: &BigInt) -> SResult<BigInt> {
    if n.is_negative() {
        return Err(SupportError::value("isqrt() argument must be nonnegative"));
    }
    Ok(BigInt::from(n.magnitude().sqrt()))
}

/// Product of the integers in `lo..hi` (balanced tree for big ranges).
fn range_product(lo: u64, hi: u64) -> BigUint {
    if hi <= lo {
        return BigUint::one();
    }
    if hi - lo <= 16 {
        let mut p = BigUint::one();
        for k in lo..hi {
            p *= k;
        }
        return p;
    }
    let mid = lo + (hi - lo) / 2;
    range_product(lo, mid) * range_product(mid, hi)
}

/// `math.factorial(n)`.
pub fn factorial(n: &BigInt) -> SResult<BigInt> {
    if n.is_negative() {
        return Err(SupportError::value(
            "factorial() not defined for negative values",
        ));
    }
    let k = n
        .to_u64()
        .filter(|&k| k <= i64::MAX as u64)
        .ok_or_else(|| {
            SupportError::overflow("factorial() argument should not exceed 9223372036854775807")
        })?;
    Ok(BigInt::from(range_product(1, k.saturating_add(1))))
}

fn non_negative(n: &BigInt, name: &str) -> SResult<()> {
    if n.is_negative() {
        return Err(SupportError::value(format!(
            "{name} must be a non-negative integer"
        )));
    }
    Ok(())
}

/// `math.perm(n, k)`; `k == None` means `factorial(n)`.
pub fn perm(n: &BigInt, k: Option<&BigInt>) -> SResult<BigInt> {
    non_negative(n, "n")?;
    let Some(k) = k else {
        return factorial(n);
    };
    non_negative(k, "k")?;
    if k > n {
        return Ok(BigInt::zero());
    }
    match (n.to_u64(), k.to_u64()) {
        (Some(nn), Some(kk)) => Ok(BigInt::from(range_product(nn - kk + 1, nn + 1))),
        _ => {
            // Astronomically large arguments: multiply term by term.
            let mut r = BigInt::one();
            let mut i = BigInt::zero();
            while &i < k {
                r *= n - &i;
                i += 1;
            }
            Ok(r)
        }
    }
}

/// `math.comb(n, k)`.
pub fn comb(n: &BigInt, k: &BigInt) -> SResult<BigInt> {
    non_negative(n, "n")?;
    non_negative(k, "k")?;
    if k > n {
        return Ok(BigInt::zero());
    }
    let k2 = n - k;
    let k = if &k2 < k { &k2 } else { k };
    let num = perm(n, Some(k))?;
    Ok(num / factorial(k)?)
}

/// `math.gcd(*ints)` (0 for no arguments; always non-negative).
pub fn gcd(values: &[BigInt]) -> BigInt {
    values.iter().fold(BigInt::zero(), |a, b| a.gcd(b))
}

/// `math.lcm(*ints)` (1 for no arguments; 0 if any is 0; non-negative).
pub fn lcm(values: &[BigInt]) -> BigInt {
    values.iter().fold(BigInt::one(), |a, b| {
        if a.is_zero() || b.is_zero() {
            BigInt::zero()
        } else {
            a.lcm(b)
        }
    })
}

#[cfg(test)]
#[path = "pymath_tests.rs"]
mod tests;
