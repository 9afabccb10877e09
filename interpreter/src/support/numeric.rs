//! Python arithmetic semantics on `BigInt` / `i64` / `f64`, following
//! CPython 3.11 (`Objects/longobject.c`, `Objects/floatobject.c`):
//! floor division and modulo with Python's sign rules, `divmod`, correctly
//! rounded int true division, int/float conversions, `**` and 3-argument
//! `pow`, exact int/float comparison, C `ldexp`, and `int.to_bytes` /
//! `int.from_bytes`.  Rounding, hashing and
//! `as_integer_ratio` live in [`super::numhash`].
//!
//! Every function returns CPython's exception class and message on error.

use super::error::{ExcKind, SResult, SupportError};
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{FromPrimitive, One, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;

// ---------------------------------------------------------------- floats

/// `a / b` for floats.
pub fn float_truediv(a: f64, b: f64) -> SResult<f64> {
    if b == 0.0 {
        return Err(SupportError::zero_div("float division by zero"));
    }
    Ok(a / b)
}

/// CPython `_float_div_mod`: (floor quotient, modulo); `b != 0`.
fn float_div_mod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

/// `a // b` for floats.
pub fn float_floordiv(a: f64, b: f64) -> SResult<f64> {
    if b == 0.0 {
        return Err(SupportError::zero_div("float floor division by zero"));
    }
    Ok(float_div_mod(a, b).0)
}

/// `a % b` for floats (result has the sign of `b`; zero results are
/// `copysign(0.0, b)`).
pub fn float_mod(a: f64, b: f64) -> SResult<f64> {
    if b == 0.0 {
        return Err(SupportError::zero_div("float modulo"));
    }
    let m = a % b;
    Ok(if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m + b
        } else {
            m
        }
    } else {
        0.0f64.copysign(b)
    })
}

/// `divmod(a, b)` for floats.
pub fn float_divmod(a: f64, b: f64) -> SResult<(f64, f64)> {
    if b == 0.0 {
        return Err(SupportError::zero_div("float divmod()"));
    }
    Ok(float_div_mod(a, b))
}

/// Why a float power has no float result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FloatPowError {
    /// A Python exception (ZeroDivisionError / OverflowError).
    Exc(SupportError),
    /// Negative base with a non-integral exponent: CPython returns a
    /// complex number; the VM decides what to do (`complex` support or an
    /// error).
    NeedsComplex,
}

/// CPython `DOUBLE_IS_ODD_INTEGER`: `fmod(fabs(x), 2.0) == 1.0`.
fn is_odd_integer(x: f64) -> bool {
    x.abs() % 2.0 == 1.0
}

/// `a ** b` for floats (CPython `float_pow`, including its special cases;
/// overflow raises `OverflowError((34, 'Numerical result out of range'))`,
/// whose `str` is the message here).
pub fn float_pow(iv: f64, iw: f64) -> Result<f64, FloatPowError> {
    if iw == 0.0 {
        return Ok(1.0);
    }
    if iv.is_nan() {
        return Ok(iv);
    }
    if iw.is_nan() {
        return Ok(if iv == 1.0 { 1.0 } else { iw });
    }
    if iw.is_infinite() {
        let a = iv.abs();
        return Ok(if a == 1.0 {
            1.0
        } else if (iw > 0.0) == (a > 1.0) {
            iw.abs()
        } else {
            0.0
        });
    }
    if iv.is_infinite() {
        let odd = is_odd_integer(iw);
        return Ok(if iw > 0.0 {
            if odd {
                iv
            } else {
                iv.abs()
            }
        } else if odd {
            0.0f64.copysign(iv)
        } else {
            0.0
        });
    }
    if iv == 0.0 {
        if iw < 0.0 {
            return Err(FloatPowError::Exc(SupportError::zero_div(
                "0.0 cannot be raised to a negative power",
            )));
        }
        return Ok(if is_odd_integer(iw) { iv } else { 0.0 });
    }
    let mut base = iv;
    let mut negate = false;
    if base < 0.0 {
        if iw != iw.floor() {
            return Err(FloatPowError::NeedsComplex);
        }
        base = -base;
        negate = is_odd_integer(iw);
    }
    if base == 1.0 {
        return Ok(if negate { -1.0 } else { 1.0 });
    }
    let r = base.powf(iw);
    if r.is_infinite() {
        return Err(FloatPowError::Exc(SupportError::overflow(
            "(34, 'Numerical result out of range')",
        )));
    }
    Ok(if negate { -r } else { r })
}

// ----------------------------------------------------------- conversions

/// `float(n)` for an int: correctly rounded (ties to even);
/// `OverflowError("int too large to convert to float")` past `f64::MAX`.
pub fn int_to_f64(n: &BigInt) -> SResult<f64> {
    // num-bigint rounds to nearest-even using a sticky bit, and gives
    // infinity on overflow.
    n.to_f64()
        .filter(|x| x.is_finite())
        .ok_or_else(|| SupportError::overflow("int too large to convert to float"))
}

/// `int(x)` for a float: truncation toward zero, exact for huge values.
pub fn float_to_int(x: f64) -> SResult<BigInt> {
    if x.is_nan() {
        return Err(SupportError::value("cannot convert float NaN to integer"));
    }
    BigInt::from_f64(x.trunc())
        .ok_or_else(|| SupportError::overflow("cannot convert float infinity to integer"))
}

/// Exact comparison of an int with a float (as Python's `<`, `==`, ...).
/// `None` when `x` is NaN (every comparison is false, `!=` is true).
pub fn cmp_int_float(n: &BigInt, x: f64) -> Option<Ordering> {
    if x.is_nan() {
        return None;
    }
    if x.is_infinite() {
        return Some(if x > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let fl = x.floor();
    let fi = BigInt::from_f64(fl)?;
    Some(match n.cmp(&fi) {
        Ordering::Equal if x != fl => Ordering::Less,
        o => o,
    })
}

/// C `ldexp`: `x * 2**e` correctly rounded (ties to even) in a single
/// rounding, including subnormal results; overflow gives ±inf.
pub fn ldexp(x: f64, e: i64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let bits = x.to_bits();
    let sign = bits & (1 << 63);
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (mut m, mut k) = if biased == 0 {
        (frac, -1074i64)
    } else {
        (frac | (1 << 52), biased - 1075)
    };
    // Normalise so that m has exactly 53 significant bits.
    let shift = m.leading_zeros() as i64 - 11;
    m <<= shift;
    k -= shift;
    let ne = k.saturating_add(e);
    if ne > 1023 - 52 {
        return f64::from_bits(sign | f64::INFINITY.to_bits());
    }
    if ne >= -1074 {
        let b = (ne + 1075) as u64;
        return f64::from_bits(sign | (b << 52) | (m & ((1 << 52) - 1)));
    }
    // Subnormal (or zero) result: shift right with round-half-even.
    let s = -1074 - ne;
    if s > 54 {
        return f64::from_bits(sign);
    }
    let q = m >> s;
    let rem = m & ((1u64 << s) - 1);
    let half = 1u64 << (s - 1);
    let rounded = if rem > half || (rem == half && q & 1 == 1) {
        q + 1
    } else {
        q
    };
    f64::from_bits(sign | rounded)
}

// ------------------------------------------------------------------ ints

/// `a // b` for ints.
pub fn int_floordiv(a: &BigInt, b: &BigInt) -> SResult<BigInt> {
    if b.is_zero() {
        return Err(SupportError::zero_div("integer division or modulo by zero"));
    }
    Ok(a.div_floor(b))
}

/// `a % b` for ints (result has the sign of `b`).
pub fn int_mod(a: &BigInt, b: &BigInt) -> SResult<BigInt> {
    if b.is_zero() {
        return Err(SupportError::zero_div("integer modulo by zero"));
    }
    Ok(a.mod_floor(b))
}

/// `divmod(a, b)` for ints.
pub fn int_divmod(a: &BigInt, b: &BigInt) -> SResult<(BigInt, BigInt)> {
    if b.is_zero() {
        return Err(SupportError::zero_div("integer division or modulo by zero"));
    }
    Ok(a.div_mod_floor(b))
}

/// Fast path `a // b` on i64: `None` if `b == 0` or on overflow
/// (`i64::MIN // -1`); the caller then uses the BigInt version.
pub fn floordiv_i64(a: i64, b: i64) -> Option<i64> {
    if b == 0 {
        return None;
    }
    let q = a.checked_div(b)?;
    Some(if (a % b != 0) && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    })
}

/// Fast path `a % b` on i64: `None` if `b == 0`.
pub fn mod_i64(a: i64, b: i64) -> Option<i64> {
    if b == 0 {
        return None;
    }
    let r = a.checked_rem(b).unwrap_or(0);
    Some(if r != 0 && ((r < 0) != (b < 0)) {
        r + b
    } else {
        r
    })
}

/// `a / b` for ints, correctly rounded (CPython `long_true_divide`).
pub fn int_truediv(a: &BigInt, b: &BigInt) -> SResult<f64> {
    if b.is_zero() {
        return Err(SupportError::zero_div("division by zero"));
    }
    let negate = (a.sign() == Sign::Minus) != (b.sign() == Sign::Minus);
    let signed = |x: f64| if negate { -x } else { x };
    if a.is_zero() {
        return Ok(signed(0.0));
    }
    const EXACT: u64 = 1 << 53;
    let (am, bm) = (a.magnitude(), b.magnitude());
    if let (Some(x), Some(y)) = (am.to_u64(), bm.to_u64()) {
        if x <= EXACT && y <= EXACT {
            return Ok(signed(x as f64 / y as f64));
        }
    }
    const MANT: i64 = 53;
    const MIN_EXP: i64 = -1021;
    const MAX_EXP: i64 = 1024;
    let overflow = || SupportError::overflow("integer division result too large for a float");
    let diff = am.bits() as i64 - bm.bits() as i64;
    if diff > MAX_EXP {
        return Err(overflow());
    }
    if diff < MIN_EXP - MANT - 1 {
        return Ok(signed(0.0));
    }
    let shift = diff.max(MIN_EXP) - MANT - 2;
    let mut inexact = false;
    let x: BigUint = if shift <= 0 {
        am << ((-shift) as u64)
    } else {
        let s = shift as u64;
        let mask = (BigUint::one() << s) - 1u32;
        inexact = !(am & mask).is_zero();
        am >> s
    };
    let (q, r) = x.div_rem(bm);
    inexact |= !r.is_zero();
    // q has at most 56 significant bits here.
    let mut q = q.to_u64().unwrap_or(u64::MAX);
    let x_bits = 64 - q.leading_zeros() as i64;
    let extra = x_bits.max(MIN_EXP - shift) - MANT;
    let mask = 1u64 << (extra - 1);
    let low = q | inexact as u64;
    if (low & mask) != 0 && (low & (3 * mask - 1)) != 0 {
        q += mask;
    }
    q &= !(2 * mask - 1);
    let dx = q as f64;
    if shift + x_bits >= MAX_EXP && (shift + x_bits > MAX_EXP || dx == ldexp(1.0, x_bits)) {
        return Err(overflow());
    }
    Ok(signed(ldexp(dx, shift)))
}

/// Result of int `**`: an int, or a float for negative exponents.
#[derive(Clone, Debug, PartialEq)]
pub enum IntPow {
    /// Non-negative exponent.
    Int(BigInt),
    /// Negative exponent (computed as float `**`).
    Float(f64),
}

/// Results above this many bits are refused with MemoryError instead of
/// exhausting memory (CPython would try and fail the same way).
const MAX_POW_BITS: u64 = 1 << 34;

/// `base ** exp` for ints (2-argument `pow`).
pub fn int_pow(base: &BigInt, exp: &BigInt) -> SResult<IntPow> {
    if exp.is_negative() {
        let b = int_to_f64(base)?;
        let e = int_to_f64(exp)?;
        return match float_pow(b, e) {
            Ok(x) => Ok(IntPow::Float(x)),
            Err(FloatPowError::Exc(e)) => Err(e),
            // Unreachable: an int exponent is integral.
            Err(FloatPowError::NeedsComplex) => Err(SupportError::value("complex result")),
        };
    }
    if base.is_zero() {
        return Ok(IntPow::Int(if exp.is_zero() {
            BigInt::one()
        } else {
            BigInt::zero()
        }));
    }
    if base.magnitude().is_one() {
        let odd = exp.is_odd();
        return Ok(IntPow::Int(if base.is_negative() && odd {
            -BigInt::one()
        } else {
            BigInt::one()
        }));
    }
    let e = exp
        .to_u64()
        .filter(|&e| e.saturating_mul(base.bits()) <= MAX_POW_BITS);
    let Some(e) = e else {
        return Err(SupportError::new(ExcKind::MemoryError, ""));
    };
    let e32 = u32::try_from(e).map_err(|_| SupportError::new(ExcKind::MemoryError, ""))?;
    Ok(IntPow::Int(num_traits::pow::Pow::pow(base, e32)))
}

/// Fast path `base ** exp` on i64 for `exp >= 0`: `None` on overflow or
/// negative exponent.
pub fn pow_i64(base: i64, exp: i64) -> Option<i64> {
    let e = u32::try_from(exp).ok()?;
    base.checked_pow(e)
}

/// Modular inverse of `a` modulo `m` (`m > 0`), if it exists.
fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let (mut old_r, mut r) = (a.mod_floor(m), m.clone());
    let (mut old_s, mut s) = (BigInt::one(), BigInt::zero());
    while !r.is_zero() {
        let q = old_r.div_floor(&r);
        let nr = &old_r - &q * &r;
        old_r = std::mem::replace(&mut r, nr);
        let ns = &old_s - &q * &s;
        old_s = std::mem::replace(&mut s, ns);
    }
    old_r.is_one().then(|| old_s.mod_floor(m))
}

/// `pow(base, exp, modulus)` for ints: the result has the sign of the
/// modulus; a negative exponent uses the modular inverse.
pub fn int_pow_mod(base: &BigInt, exp: &BigInt, modulus: &BigInt) -> SResult<BigInt> {
    if modulus.is_zero() {
        return Err(SupportError::value("pow() 3rd argument cannot be 0"));
    }
    let negative_output = modulus.is_negative();
    let m = modulus.abs();
    if m.is_one() {
        return Ok(BigInt::zero());
    }
    let mut b = base.mod_floor(&m);
    let mut e = exp.clone();
    if e.is_negative() {
        e = -e;
        b = mod_inverse(&b, &m)
            .ok_or_else(|| SupportError::value("base is not invertible for the given modulus"))?;
    }
    let (Some(bu), Some(eu), Some(mu)) = (b.to_biguint(), e.to_biguint(), m.to_biguint()) else {
        return Err(SupportError::value("pow() internal sign error"));
    };
    let r = BigInt::from(bu.modpow(&eu, &mu));
    Ok(if negative_output && !r.is_zero() {
        r - m
    } else {
        r
    })
}

/// `n.to_bytes(length, byteorder, signed=signed)`.  Errors:
/// `ValueError("length argument must be non-negative")`,
/// `OverflowError("can't convert negative int to unsigned")`,
/// `OverflowError("int too big to convert")`.
pub fn int_to_bytes(n: &BigInt, length: i64, little: bool, signed: bool) -> SResult<Vec<u8>> {
    if length < 0 {
        return Err(SupportError::value("length argument must be non-negative"));
    }
    if n.is_negative() && !signed {
        return Err(SupportError::overflow(
            "can't convert negative int to unsigned",
        ));
    }
    let len = length as u64;
    let too_big = || SupportError::overflow("int too big to convert");
    // Bits needed: magnitude bits, plus a sign bit when signed (except for
    // negative powers of two, which fit exactly in two's complement).
    let mut need = n.bits();
    if signed && !n.is_zero() {
        let mag = n.magnitude();
        let neg_pow2 = n.is_negative() && (mag & (mag - 1u32)).is_zero();
        if !neg_pow2 {
            need += 1;
        }
    }
    // CPython quirk: (-1).to_bytes(0, signed=True) == b''.
    let minus_one_quirk = len == 0 && signed && n == &BigInt::from(-1);
    if need > len.saturating_mul(8) && !minus_one_quirk {
        return Err(too_big());
    }
    let len = usize::try_from(len).map_err(|_| too_big())?;
    let mut bytes = n.to_signed_bytes_le();
    let fill = if n.is_negative() { 0xff } else { 0 };
    bytes.resize(len, fill);
    bytes.truncate(len);
    if !little {
        bytes.reverse();
    }
    Ok(bytes)
}

/// `int.from_bytes(b, byteorder, signed=signed)`.
pub fn int_from_bytes(b: &[u8], little: bool, signed: bool) -> BigInt {
    match (little, signed) {
        (true, true) => BigInt::from_signed_bytes_le(b),
        (false, true) => BigInt::from_signed_bytes_be(b),
        (true, false) => BigInt::from_bytes_le(Sign::Plus, b),
        (false, false) => BigInt::from_bytes_be(Sign::Plus, b),
    }
}

#[cfg(test)]
#[path = "numeric_tests.rs"]
mod tests;
