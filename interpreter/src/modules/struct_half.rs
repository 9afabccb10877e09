//! IEEE 754 half precision (`struct`'s `e`), rounding half to even as
//! CPython's `PyFloat_Pack2`.

/// The half-precision bits of `x`, or None when it is too large.
pub fn f64_to_half(x: f64) -> Option<u16> {
    let sign: u16 = if x.is_sign_negative() { 0x8000 } else { 0 };
    if x.is_nan() {
        return Some(sign | 0x7e00);
    }
    let a = x.abs();
    if a.is_infinite() {
        return Some(sign | 0x7c00);
    }
    if a == 0.0 {
        return Some(sign);
    }
    // Scale to units of the smallest subnormal (2^-24) or of the mantissa.
    let e = a.log2().floor() as i32;
    let (exp, unit) = if e < -14 { (0, -24) } else { (e + 15, e - 10) };
    let m = a / 2f64.powi(unit);
    let mut r = m.round();
    if (m - m.floor() - 0.5).abs() == 0.0 && r % 2.0 != 0.0 {
        r -= 1.0;
    }
    let mut bits = r as u32;
    let mut exp = exp as u32;
    if exp == 0 {
        if bits >= 0x400 {
            exp = 1;
            bits -= 0x400;
        }
    } else {
        if bits >= 0x800 {
            bits >>= 1;
            exp += 1;
        }
        bits -= 0x400;
    }
    if exp >= 31 {
        return None;
    }
    Some(sign | (exp as u16) << 10 | bits as u16)
}

/// The f64 value of half-precision bits.
pub fn half_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = (h >> 10 & 0x1f) as i32;
    let man = (h & 0x3ff) as f64;
    sign * match exp {
        0 => man * 2f64.powi(-24),
        31 if man == 0.0 => f64::INFINITY,
        31 => f64::NAN,
        _ => (1.0 + man / 1024.0) * 2f64.powi(exp - 15),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn half_round_trip() {
        for (x, h) in [
            (1.0, 0x3c00u16),
            (-2.0, 0xc000),
            (65504.0, 0x7bff),
            (5.960464477539063e-08, 1),
        ] {
            assert_eq!(f64_to_half(x), Some(h));
            assert_eq!(half_to_f64(h), x);
        }
        assert_eq!(f64_to_half(65520.0), None);
        assert_eq!(f64_to_half(1.0 + 1.0 / 2048.0), Some(0x3c00));
    }
}
