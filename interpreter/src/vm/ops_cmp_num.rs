//! Exact comparison of ints with floats, as CPython's `float_richcompare`:
//! no rounding of the int (2**53 + 1 > 2.0**53) and no overflow for huge
//! ints (10**400 > 1.0).

use num_bigint::BigInt;
use num_traits::FromPrimitive;
use std::cmp::Ordering;

/// `i <=> f` exactly; None when `f` is NaN.
pub(crate) fn cmp_i64_f64(i: i64, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if i.unsigned_abs() < 1 << 53 {
        return (i as f64).partial_cmp(&f); // `i` converts exactly
    }
    const TWO63: f64 = 9_223_372_036_854_775_808.0;
    if f >= TWO63 {
        return Some(Ordering::Less);
    }
    if f < -TWO63 {
        return Some(Ordering::Greater);
    }
    let fl = f.floor();
    Some(i.cmp(&(fl as i64)).then(if f > fl {
        Ordering::Less
    } else {
        Ordering::Equal
    }))
}

/// `i <=> f` exactly for a big int; None when `f` is NaN.
pub(crate) fn cmp_big_f64(i: &BigInt, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let fl = f.floor();
    let fb = BigInt::from_f64(fl).expect("a finite float");
    Some(i.cmp(&fb).then(if f > fl {
        Ordering::Less
    } else {
        Ordering::Equal
    }))
}

/// The result of comparison `op` (C_LT...) given the exact order, None
/// meaning unordered (NaN: only `!=` holds).
pub(crate) fn op_holds(o: Option<Ordering>, op: u32) -> bool {
    match o {
        Some(o) => super::ops_cmp::ord_matches(o, op),
        None => op == crate::compile::bytecode::C_NE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints_and_floats_compare_exactly() {
        let p53 = 1i64 << 53;
        assert_eq!(cmp_i64_f64(p53 + 1, p53 as f64), Some(Ordering::Greater));
        assert_eq!(cmp_i64_f64(p53, p53 as f64), Some(Ordering::Equal));
        assert_eq!(cmp_i64_f64(-p53 - 1, -(p53 as f64)), Some(Ordering::Less));
        assert_eq!(
            cmp_i64_f64(i64::MAX, 9.223372036854776e18),
            Some(Ordering::Less)
        );
        assert_eq!(
            cmp_i64_f64(i64::MIN, -9.223372036854776e18),
            Some(Ordering::Equal)
        );
        assert_eq!(cmp_i64_f64(3, 2.5), Some(Ordering::Greater));
        assert_eq!(
            cmp_i64_f64(p53 + 3, (p53 + 2) as f64 + 0.0),
            Some(Ordering::Greater)
        );
        assert_eq!(cmp_i64_f64(1, f64::NAN), None);
        assert_eq!(cmp_i64_f64(p53 * 4, f64::INFINITY), Some(Ordering::Less));
        let big = BigInt::from(10).pow(400);
        assert_eq!(cmp_big_f64(&big, 1e308), Some(Ordering::Greater));
        assert_eq!(cmp_big_f64(&-big, 1e308), Some(Ordering::Less));
        let e20 = BigInt::from(10).pow(20);
        assert_eq!(cmp_big_f64(&e20, 1e20), Some(Ordering::Equal));
        assert_eq!(cmp_big_f64(&(e20 + 1), 1e20), Some(Ordering::Greater));
        assert_eq!(cmp_big_f64(&BigInt::from(-3), -2.5), Some(Ordering::Less));
    }
}
