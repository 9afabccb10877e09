//! Hashing, rounding and exact-representation helpers for Python numbers,
//! matching CPython 3.11: `hash(int)`, `hash(float)` (modulus `2**61 - 1`,
//! `hash(-1) == -2`), `round(float[, ndigits])`, `round(int, ndigits)`,
//! `float.as_integer_ratio`, `float.is_integer`, `float.hex`,
//! `int.bit_length`.

use super::error::{SResult, SupportError};
use super::numeric::{float_to_int, int_to_f64, int_truediv};
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// Bits of the hash modulus.
pub const HASH_BITS: u32 = 61;
/// `sys.hash_info.modulus` = `2**61 - 1`.
pub const HASH_MODULUS: u64 = (1 << HASH_BITS) - 1;
/// `sys.hash_info.inf` (hash of `inf`; `-inf` hashes to its negation).
pub const HASH_INF: i64 = 314159;

fn fix_minus_one(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `hash(n)` for an int: `sign(n) * (|n| mod (2**61 - 1))`, with -1 → -2.
pub fn hash_int(n: &BigInt) -> i64 {
    let m = (n.magnitude() % BigUint::from(HASH_MODULUS))
        .to_u64()
        .unwrap_or(0) as i64;
    fix_minus_one(if n.sign() == Sign::Minus { -m } else { m })
}

/// `hash(n)` for a machine int (same value as [`hash_int`]).
pub fn hash_i64(n: i64) -> i64 {
    let m = (n.unsigned_abs() % HASH_MODULUS) as i64;
    fix_minus_one(if n < 0 { -m } else { m })
}

/// `math.frexp`: `x = m * 2**e` with `0.5 <= |m| < 1` (x finite, nonzero;
/// zero/inf/nan come back unchanged with `e = 0`).
pub fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(x * f64::from_bits(0x43f0_0000_0000_0000)); // 2**64
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// `hash(x)` for a float (CPython `_Py_HashDouble`).  Returns `None` for
/// NaN: since 3.10 CPython hashes a NaN by object identity, which only the
/// VM knows.  Integral floats hash like the equal int.
pub fn hash_float(v: f64) -> Option<i64> {
    if v.is_nan() {
        return None;
    }
    if v.is_infinite() {
        return Some(if v > 0.0 { HASH_INF } else { -HASH_INF });
    }
    let (mut m, mut e) = frexp(v);
    let mut sign: i64 = 1;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & HASH_MODULUS) | (x >> (HASH_BITS - 28));
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= HASH_MODULUS {
            x -= HASH_MODULUS;
        }
    }
    let bits = HASH_BITS as i32;
    let e = if e >= 0 {
        e % bits
    } else {
        bits - 1 - ((-1 - e) % bits)
    } as u32;
    x = ((x << e) & HASH_MODULUS) | (x >> (HASH_BITS - e));
    Some(fix_minus_one((x as i64).wrapping_mul(sign)))
}

/// `round(x)` (no ndigits): round half to even, as an int.  NaN gives
/// ValueError, infinities OverflowError.
pub fn round_float_to_int(x: f64) -> SResult<BigInt> {
    float_to_int(x.round_ties_even())
}

/// `round(x, ndigits)` for a float (CPython `double_round`): the exact
/// value of `x` is rounded half-even to `ndigits` decimal places and the
/// decimal result converted back correctly rounded.  `ndigits` beyond the
/// i64 range should be clamped by the caller (CPython clips it too).
pub fn round_float(x: f64, ndigits: i64) -> SResult<f64> {
    const NDIGITS_MAX: i64 = 323;
    const NDIGITS_MIN: i64 = -308;
    if !x.is_finite() || ndigits > NDIGITS_MAX {
        return Ok(x);
    }
    if ndigits < NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    if ndigits >= 0 {
        let s = format!("{:.*}", ndigits as usize, x);
        return s
            .parse::<f64>()
            .map_err(|_| SupportError::value("round(): internal conversion error"));
    }
    // Negative ndigits: round the exact value to a multiple of 10**k.
    let k = (-ndigits) as usize;
    let t = x.trunc();
    let frac_nonzero = t != x;
    let ti = float_to_int(t)?.abs();
    let p = num_traits::pow(BigInt::from(10), k);
    let (mut q, r) = ti.div_rem(&p);
    let twice: BigInt = r * 2;
    if twice > p || (twice == p && (frac_nonzero || q.is_odd())) {
        q += 1;
    }
    let mag = int_to_f64(&(q * p))
        .map_err(|_| SupportError::overflow("rounded value too large to represent"))?;
    if mag.is_infinite() {
        return Err(SupportError::overflow(
            "rounded value too large to represent",
        ));
    }
    Ok(mag.copysign(x))
}

/// `round(n, ndigits)` for an int: unchanged for `ndigits >= 0`, otherwise
/// rounded half-even to a multiple of `10**-ndigits`.
pub fn round_int(n: &BigInt, ndigits: &BigInt) -> BigInt {
    if !ndigits.is_negative() {
        return n.clone();
    }
    // 10**k > 2 * |n| means the result is 0; |n| < 2**bits <= 10**(bits*0.302+1).
    let limit = n.bits() as f64 * std::f64::consts::LOG10_2 + 2.0;
    let k = match (-ndigits).to_u64() {
        Some(k) if (k as f64) <= limit => k as usize,
        _ => return BigInt::zero(),
    };
    let p = num_traits::pow(BigInt::from(10), k);
    let (mut q, r) = n.div_mod_floor(&p);
    let twice: BigInt = r * 2;
    if twice > p || (twice == p && q.is_odd()) {
        q += 1;
    }
    q * p
}

/// `float.as_integer_ratio()`: the exact value as a reduced fraction with
/// a positive denominator.
pub fn as_integer_ratio(x: f64) -> SResult<(BigInt, BigInt)> {
    if x.is_nan() {
        return Err(SupportError::value("cannot convert NaN to integer ratio"));
    }
    if x.is_infinite() {
        return Err(SupportError::overflow(
            "cannot convert Infinity to integer ratio",
        ));
    }
    if x == 0.0 {
        return Ok((BigInt::zero(), BigInt::one()));
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (mut mant, mut exp) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), biased - 1075)
    };
    let tz = mant.trailing_zeros() as i64;
    mant >>= tz;
    exp += tz;
    let mut num = BigInt::from(mant);
    if x < 0.0 {
        num = -num;
    }
    if exp >= 0 {
        Ok((num << exp as u64, BigInt::one()))
    } else {
        Ok((num, BigInt::one() << (-exp) as u64))
    }
}

/// `float.is_integer()`.
pub fn is_integer(x: f64) -> bool {
    x.is_finite() && x.trunc() == x
}

/// `int.bit_length()`.
pub fn bit_length(n: &BigInt) -> u64 {
    n.bits()
}

/// `float.hex()`: `0x1.<13 hex digits>p<exp>` (`0x0.…p-1022` for
/// subnormals, `0x0.0p+0` for zero, `inf`/`nan` as is).
pub fn float_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (lead, exp) = if biased == 0 {
        (0, -1022)
    } else {
        (1, biased - 1023)
    };
    let esign = if exp < 0 { '-' } else { '+' };
    format!("{sign}0x{lead}.{frac:013x}p{esign}{}", exp.abs())
}

/// `float.fromhex(s)`: `[ws][sign](inf|infinity|nan|[0x]hex[.hex][p[sign]dec])[ws]`,
/// correctly rounded (ties to even).  Errors: `ValueError("invalid
/// hexadecimal floating-point string")`, `OverflowError("hexadecimal value
/// too large to represent as a float")`.
pub fn float_fromhex(s: &str) -> SResult<f64> {
    let invalid = || SupportError::value("invalid hexadecimal floating-point string");
    let overflow = || SupportError::overflow("hexadecimal value too large to represent as a float");
    let is_ws = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    let b = s.as_bytes();
    let start = b.iter().position(|&c| !is_ws(c)).unwrap_or(b.len());
    let end = b.iter().rposition(|&c| !is_ws(c)).map_or(start, |e| e + 1);
    let t = &b[start..end];
    let (negative, t) = match t.first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let signed = |x: f64| if negative { -x } else { x };
    let lower = t.to_ascii_lowercase();
    match lower.as_slice() {
        b"inf" | b"infinity" => return Ok(signed(f64::INFINITY)),
        b"nan" => return Ok(signed(f64::NAN)),
        _ => {}
    }
    let mut t: &[u8] = &lower;
    if t.starts_with(b"0x") {
        t = &t[2..];
    }
    let int_len = t.iter().take_while(|c| c.is_ascii_hexdigit()).count();
    let mut digits: Vec<u8> = t[..int_len].to_vec();
    t = &t[int_len..];
    let mut frac_len = 0usize;
    if t.first() == Some(&b'.') {
        frac_len = t[1..].iter().take_while(|c| c.is_ascii_hexdigit()).count();
        digits.extend_from_slice(&t[1..1 + frac_len]);
        t = &t[1 + frac_len..];
    }
    if digits.is_empty() {
        return Err(invalid());
    }
    let mut exp: i64 = 0;
    if t.first() == Some(&b'p') {
        t = &t[1..];
        let neg_exp = match t.first() {
            Some(b'-') => {
                t = &t[1..];
                true
            }
            Some(b'+') => {
                t = &t[1..];
                false
            }
            _ => false,
        };
        let n = t.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return Err(invalid());
        }
        for &c in &t[..n] {
            exp = exp.saturating_mul(10).saturating_add((c - b'0') as i64);
        }
        exp = exp.min(1 << 50);
        if neg_exp {
            exp = -exp;
        }
        t = &t[n..];
    }
    if !t.is_empty() {
        return Err(invalid());
    }
    let m = BigUint::parse_bytes(&digits, 16).ok_or_else(invalid)?;
    if m.is_zero() {
        return Ok(signed(0.0));
    }
    let e2 = exp - 4 * frac_len as i64;
    let top = m.bits() as i64 + e2;
    if top > 1024 {
        return Err(overflow());
    }
    if top < -1076 {
        return Ok(signed(0.0));
    }
    let m = BigInt::from(m);
    let x = if e2 >= 0 {
        int_to_f64(&(m << e2 as u64)).map_err(|_| overflow())?
    } else {
        int_truediv(&m, &(BigInt::one() << (-e2) as u64)).map_err(|_| overflow())?
    };
    Ok(signed(x))
}

#[cfg(test)]
#[path = "numhash_tests.rs"]
mod tests;
