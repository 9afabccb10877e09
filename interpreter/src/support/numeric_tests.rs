//! Tests for `numeric`.  `numeric_cases.txt` (generated with CPython 3.11)
//! has one case per line:
//! - `D a b q m`: `divmod(a, b) == (q, m)` for floats (bits in hex), or
//!   `ZD ZD` for ZeroDivisionError;
//! - `P a b r`: `a ** b` for floats; `r` is bits, `ZD`, `OV` (overflow) or
//!   `C` (complex result);
//! - `T i off sa j sb r`: `(sa * (3**i + off)) / (sb * 7**j)` for ints,
//!   where `off` is an int or `pN` for `2**N`;
//! - `F m s low neg r`: `float(±((m << s) + low))`.

use super::*;

fn bits(s: &str) -> f64 {
    f64::from_bits(u64::from_str_radix(s, 16).unwrap())
}

fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

#[test]
fn cpython_case_table() {
    let mut counts = [0usize; 4];
    for line in include_str!("numeric_cases.txt").lines() {
        let f: Vec<&str> = line.split(' ').collect();
        match f[0] {
            "D" => {
                let (a, b) = (bits(f[1]), bits(f[2]));
                counts[0] += 1;
                if f[3] == "ZD" {
                    assert_eq!(float_divmod(a, b).unwrap_err().msg, "float divmod()");
                    assert_eq!(
                        float_floordiv(a, b).unwrap_err().kind,
                        ExcKind::ZeroDivisionError
                    );
                    assert_eq!(float_mod(a, b).unwrap_err().msg, "float modulo");
                    continue;
                }
                let (q, m) = float_divmod(a, b).unwrap();
                assert!(same(q, bits(f[3])), "{a:e} // {b:e} = {q:e}");
                assert!(same(m, bits(f[4])), "{a:e} % {b:e} = {m:e}");
                assert!(same(float_floordiv(a, b).unwrap(), q));
                assert!(same(float_mod(a, b).unwrap(), m), "{a:e} % {b:e}");
            }
            "P" => {
                let (a, b) = (bits(f[1]), bits(f[2]));
                counts[1] += 1;
                let got = float_pow(a, b);
                match f[3] {
                    "ZD" => assert_eq!(
                        got,
                        Err(FloatPowError::Exc(SupportError::zero_div(
                            "0.0 cannot be raised to a negative power"
                        )))
                    ),
                    "OV" => assert!(
                        matches!(&got, Err(FloatPowError::Exc(e)) if e.kind == ExcKind::OverflowError),
                        "{a:e} ** {b:e}"
                    ),
                    "C" => assert_eq!(got, Err(FloatPowError::NeedsComplex), "{a:e} ** {b:e}"),
                    r => assert!(
                        same(got.clone().unwrap(), bits(r)),
                        "{a:e} ** {b:e} = {got:?}"
                    ),
                }
            }
            "T" => {
                counts[2] += 1;
                let i: u32 = f[1].parse().unwrap();
                let off = match f[2].strip_prefix('p') {
                    Some(p) => BigInt::one() << p.parse::<u32>().unwrap(),
                    None => BigInt::from(f[2].parse::<i64>().unwrap()),
                };
                let sa: i32 = f[3].parse().unwrap();
                let j: u32 = f[4].parse().unwrap();
                let sb: i32 = f[5].parse().unwrap();
                let a = (num_traits::pow(BigInt::from(3), i as usize) + off) * sa;
                let b = num_traits::pow(BigInt::from(7), j as usize) * sb;
                let got = int_truediv(&a, &b);
                if f[6] == "OV" {
                    assert_eq!(
                        got.unwrap_err().msg,
                        "integer division result too large for a float"
                    );
                } else {
                    let g = got.unwrap();
                    assert!(
                        same(g, bits(f[6])),
                        "{line}: got {g:e} want {:e}",
                        bits(f[6])
                    );
                }
            }
            "F" => {
                counts[3] += 1;
                let m = BigInt::from(u64::from_str_radix(f[1], 16).unwrap());
                let s: u32 = f[2].parse().unwrap();
                let low: i32 = f[3].parse().unwrap();
                let mut x = (m << s) + low;
                if f[4] == "1" {
                    x = -x;
                }
                let got = int_to_f64(&x);
                if f[5] == "OV" {
                    assert_eq!(got.unwrap_err().msg, "int too large to convert to float");
                } else {
                    assert!(same(got.unwrap(), bits(f[5])), "{line}");
                }
            }
            _ => {}
        }
    }
    assert_eq!(counts, [324, 400, 500, 300]);
}

#[test]
fn int_division_and_modulo() {
    let b = |x: i64| BigInt::from(x);
    let cases = [
        (7, 2),
        (-7, 2),
        (7, -2),
        (-7, -2),
        (6, 3),
        (-6, 3),
        (0, -5),
        (i64::MIN, -1),
    ];
    for (x, y) in cases {
        // Reference: floor semantics computed in i128.
        let (x1, y1) = (x as i128, y as i128);
        let q = x1.div_euclid(y1)
            - if y1 < 0 && x1.rem_euclid(y1) != 0 {
                1
            } else {
                0
            };
        let m = x1 - q * y1;
        assert_eq!(
            int_floordiv(&b(x), &b(y)).unwrap(),
            BigInt::from(q),
            "{x} // {y}"
        );
        assert_eq!(int_mod(&b(x), &b(y)).unwrap(), BigInt::from(m), "{x} % {y}");
        assert_eq!(
            int_divmod(&b(x), &b(y)).unwrap(),
            (BigInt::from(q), BigInt::from(m))
        );
        assert_eq!(
            floordiv_i64(x, y).map(i128::from),
            i64::try_from(q).ok().map(i128::from)
        );
        assert_eq!(mod_i64(x, y), Some(m as i64));
    }
    // Python: -7 // 2 == -4, -7 % 2 == 1, 7 % -2 == -1
    assert_eq!(floordiv_i64(-7, 2), Some(-4));
    assert_eq!(mod_i64(-7, 2), Some(1));
    assert_eq!(mod_i64(7, -2), Some(-1));
    assert_eq!(floordiv_i64(1, 0), None);
    assert_eq!(
        int_floordiv(&b(1), &b(0)).unwrap_err().msg,
        "integer division or modulo by zero"
    );
    assert_eq!(
        int_mod(&b(1), &b(0)).unwrap_err().msg,
        "integer modulo by zero"
    );
    assert_eq!(
        int_divmod(&b(1), &b(0)).unwrap_err().msg,
        "integer division or modulo by zero"
    );
}

#[test]
fn int_true_division_small_and_signs() {
    let b = |x: i64| BigInt::from(x);
    assert_eq!(int_truediv(&b(1), &b(3)).unwrap(), 1.0 / 3.0);
    assert!(int_truediv(&b(0), &b(-5)).unwrap().is_sign_negative());
    assert_eq!(
        int_truediv(&b(1), &b(0)).unwrap_err().msg,
        "division by zero"
    );
    // 1 / 10**400 underflows to 0.0 (python3: 0.0)
    let big = num_traits::pow(BigInt::from(10), 400);
    assert_eq!(int_truediv(&b(1), &big).unwrap(), 0.0);
    assert_eq!(
        int_truediv(&big, &b(3)).unwrap_err().msg,
        "integer division result too large for a float"
    );
    // (2**1100) / (2**60) overflows (python3: OverflowError)
    let p = |e: u32| BigInt::one() << e;
    assert!(int_truediv(&p(1100), &p(60)).is_err());
    assert_eq!(int_truediv(&p(1000), &p(60)).unwrap(), 2f64.powi(940));
    // (2**53 + 1) / 1 rounds to even: 9007199254740992.0
    assert_eq!(
        int_truediv(&(p(53) + 1), &b(1)).unwrap(),
        9007199254740992.0
    );
    // Subnormal result: 1 / 2**1074 == 5e-324
    assert_eq!(int_truediv(&b(1), &p(1074)).unwrap(), 5e-324);
    assert_eq!(int_truediv(&b(1), &p(1075)).unwrap(), 0.0);
    assert_eq!(int_truediv(&b(3), &p(1075)).unwrap(), 1e-323);
}

#[test]
fn int_powers() {
    let b = |x: i64| BigInt::from(x);
    assert_eq!(int_pow(&b(2), &b(10)).unwrap(), IntPow::Int(b(1024)));
    assert_eq!(int_pow(&b(2), &b(-1)).unwrap(), IntPow::Float(0.5));
    assert_eq!(int_pow(&b(2), &b(-2000)).unwrap(), IntPow::Float(0.0));
    assert_eq!(
        int_pow(&b(-1), &(BigInt::one() << 100u32)).unwrap(),
        IntPow::Int(b(1))
    );
    assert_eq!(
        int_pow(&b(-1), &((BigInt::one() << 100u32) + 1)).unwrap(),
        IntPow::Int(b(-1))
    );
    assert_eq!(int_pow(&b(0), &b(0)).unwrap(), IntPow::Int(b(1)));
    assert_eq!(
        int_pow(&b(0), &b(-1)).unwrap_err().msg,
        "0.0 cannot be raised to a negative power"
    );
    let huge = BigInt::one() << 2000u32;
    assert_eq!(
        int_pow(&huge, &b(-1)).unwrap_err().msg,
        "int too large to convert to float"
    );
    assert_eq!(
        int_pow(&b(3), &(BigInt::one() << 70u32)).unwrap_err().kind,
        ExcKind::MemoryError
    );
    assert_eq!(pow_i64(3, 4), Some(81));
    assert_eq!(pow_i64(2, 63), None);
    assert_eq!(pow_i64(2, -1), None);
    // python3: pow(3, 200)
    let want = "265613988875874769338781322035779626829233452653394495974574961739092490901302182994384699044001";
    assert_eq!(
        int_pow(&b(3), &b(200)).unwrap(),
        IntPow::Int(want.parse().unwrap())
    );
}

#[test]
fn modular_powers() {
    let b = |x: i64| BigInt::from(x);
    let pm = |x, y, z| int_pow_mod(&b(x), &b(y), &b(z));
    assert_eq!(
        pm(2, -1, 4).unwrap_err().msg,
        "base is not invertible for the given modulus"
    );
    assert_eq!(
        pm(2, 3, 0).unwrap_err().msg,
        "pow() 3rd argument cannot be 0"
    );
    assert_eq!(
        pm(0, -1, 5).unwrap_err().msg,
        "base is not invertible for the given modulus"
    );
    assert_eq!(pm(3, -1, 1).unwrap(), b(0));
    assert_eq!(pm(3, -1, -7).unwrap(), b(-2));
    assert_eq!(pm(-3, 5, -7).unwrap(), b(-5));
    assert_eq!(pm(2, 10, -1).unwrap(), b(0));
    // python3: pow(38, -1, 97) == 23, pow(-5, 3, 13) == 5, pow(12345, 678, 1000003) == 617718
    assert_eq!(pm(38, -1, 97).unwrap(), b(23));
    assert_eq!(pm(-5, 3, 13).unwrap(), b(5));
    assert_eq!(pm(12345, 678, 1000003).unwrap(), b(617718));
    assert_eq!(pm(7, 0, 5).unwrap(), b(1));
}

#[test]
fn conversions_and_comparisons() {
    assert_eq!(float_to_int(-3.9).unwrap(), BigInt::from(-3));
    assert_eq!(
        float_to_int(1e20).unwrap().to_string(),
        "100000000000000000000"
    );
    assert_eq!(
        float_to_int(f64::NAN).unwrap_err().msg,
        "cannot convert float NaN to integer"
    );
    assert_eq!(
        float_to_int(f64::NEG_INFINITY).unwrap_err().msg,
        "cannot convert float infinity to integer"
    );
    let b = |x: i64| BigInt::from(x);
    assert_eq!(cmp_int_float(&b(1), 1.0), Some(Ordering::Equal));
    assert_eq!(cmp_int_float(&b(1), 1.5), Some(Ordering::Less));
    assert_eq!(cmp_int_float(&b(-2), -1.5), Some(Ordering::Less));
    assert_eq!(cmp_int_float(&b(-1), -1.5), Some(Ordering::Greater));
    assert_eq!(cmp_int_float(&b(1), f64::NAN), None);
    assert_eq!(
        cmp_int_float(&(BigInt::one() << 2000u32), f64::INFINITY),
        Some(Ordering::Less)
    );
    // 2**53 + 1 > 2.0**53 although float(2**53 + 1) == 2.0**53
    let n = (BigInt::one() << 53u32) + 1;
    assert_eq!(
        cmp_int_float(&n, 9007199254740992.0),
        Some(Ordering::Greater)
    );
    assert_eq!(ldexp(1.0, -1074), 5e-324);
    assert_eq!(ldexp(1.5, 1023), 1.5 * 2f64.powi(1023));
    assert_eq!(ldexp(1.0, 1024), f64::INFINITY);
    assert_eq!(
        float_truediv(1.0, 0.0).unwrap_err().msg,
        "float division by zero"
    );
    assert_eq!(
        float_floordiv(1.0, 0.0).unwrap_err().msg,
        "float floor division by zero"
    );
}

#[test]
fn to_and_from_bytes_match_cpython() {
    let b = |x: i64| BigInt::from(x);
    let hex = |v: Vec<u8>| v.iter().map(|x| format!("{x:02x}")).collect::<String>();
    let ok = |n: BigInt, l: i64, little: bool, signed: bool| {
        hex(int_to_bytes(&n, l, little, signed).unwrap())
    };
    let err = |n: BigInt, l: i64, little: bool, signed: bool| {
        int_to_bytes(&n, l, little, signed).unwrap_err().msg
    };
    assert_eq!(ok(b(255), 1, false, false), "ff");
    assert_eq!(err(b(256), 1, false, false), "int too big to convert");
    assert_eq!(
        err(b(-1), 1, false, false),
        "can't convert negative int to unsigned"
    );
    assert_eq!(ok(b(-1), 1, false, true), "ff");
    assert_eq!(ok(b(-128), 1, true, true), "80");
    assert_eq!(err(b(-129), 1, true, true), "int too big to convert");
    assert_eq!(err(b(128), 1, false, true), "int too big to convert");
    assert_eq!(ok(b(0), 0, false, false), "");
    assert_eq!(ok(b(-1), 0, false, true), "");
    assert_eq!(err(b(-2), 0, false, true), "int too big to convert");
    assert_eq!(err(b(1), 0, false, false), "int too big to convert");
    assert_eq!(ok(b(65535), 4, true, false), "ffff0000");
    assert_eq!(
        ok(-(BigInt::one() << 70u32), 10, false, true),
        "ffc00000000000000000"
    );
    assert_eq!(
        err(b(1), -1, false, false),
        "length argument must be non-negative"
    );
    assert_eq!(int_from_bytes(&[0xff, 0x00], true, true), b(255));
    assert_eq!(int_from_bytes(&[0xff, 0x00], false, true), b(-256));
    assert_eq!(int_from_bytes(&[], false, true), b(0));
    assert_eq!(int_from_bytes(&[1, 0], false, false), b(256));
}
