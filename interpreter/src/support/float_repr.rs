//! Python's float → text conversions, matching CPython 3.11's
//! `PyOS_double_to_string` / `format_float_short` exactly.
//!
//! Digits come from Rust's float formatting, which is correctly rounded
//! (round-half-even on exact ties, like David Gay's dtoa used by CPython):
//! `{:e}` gives the shortest round-trip digits (dtoa mode 0), `{:.N$e}`
//! gives N+1 significant digits (mode 2) and `{:.N$}` gives N digits after
//! the point (mode 3).  The digits are then laid out with CPython's rules.
//!
//! Entry points:
//! - [`repr`]: `repr(x)` / `str(x)`.
//! - [`format_float`]: printf-style `e E f F g G` with precision and `#`.
//! - [`double_to_string`]: the general routine with all CPython flags
//!   (used by the format-spec and `%` engines).

/// Options of [`double_to_string`] (CPython's `Py_DTSF_*` flags).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DtsFlags {
    /// `Py_DTSF_SIGN`: always emit a sign (`+` for non-negative values).
    pub sign: bool,
    /// `Py_DTSF_ADD_DOT_0`: make integral results look like floats
    /// (`1.0` rather than `1`) when no exponent is used.
    pub add_dot_0: bool,
    /// `Py_DTSF_ALT`: the `#` alternate form (keep trailing zeros in `g`,
    /// always keep the decimal point).
    pub alt: bool,
}

/// Digits of `|x|` (finite) and the decimal point position: the value is
/// `0.DIGITS × 10^decpt`.  Trailing zeros are stripped, zero gives ("0", 1).
fn parse_sci(s: &str) -> (Vec<u8>, i32) {
    // s looks like "1.2345e-7" or "5e3".
    let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut digits: Vec<u8> = mant.bytes().filter(|b| b.is_ascii_digit()).collect();
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
    if digits == b"0" {
        return (digits, 1);
    }
    (digits, exp + 1)
}

/// Whether the exact decimal expansion of finite `a > 0` has at most 18
/// significant digits (a precondition for a tie between two shortest
/// candidates, which have at most 17 digits).
fn has_short_exact_decimal(a: f64) -> bool {
    const LIMIT: u128 = 1_000_000_000_000_000_000;
    let bits = a.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (mut m, mut e) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), biased - 1075)
    };
    if m == 0 {
        return true;
    }
    let tz = m.trailing_zeros();
    m >>= tz;
    e += tz as i64;
    let m = m as u128;
    if e < 0 {
        // a * 10**-e == m * 5**-e, an integer without trailing zeros.
        return -e <= 26 && m * 5u128.pow((-e) as u32) < LIMIT;
    }
    // a == m * 2**e: strip the factors of ten it contains.
    let mut q = m;
    let mut t = 0;
    while q.is_multiple_of(5) && t < e {
        q /= 5;
        t += 1;
    }
    let shift = e - t;
    shift < 64 && q.checked_shl(shift as u32).is_some_and(|v| v < LIMIT)
}

/// dtoa mode 0: shortest digits that round-trip; among several shortest
/// candidates the one nearest the true value (ties to even), as Gay's dtoa.
/// Rust's shortest formatter can pick the other candidate on exact ties, so
/// the correctly rounded string of the same length is preferred whenever
/// it also round-trips.
fn digits_shortest(a: f64) -> (Vec<u8>, i32) {
    let short = format!("{a:e}");
    let (digits, decpt) = parse_sci(&short);
    // Two shortest candidates can only both round-trip when they are closer
    // together than an ulp, which needs at least 16 significant digits, and
    // the value must then lie exactly halfway between them.
    if digits.len() >= 16 && has_short_exact_decimal(a) {
        let rounded = format!("{:.*e}", digits.len() - 1, a);
        if rounded != short && rounded.parse::<f64>() == Ok(a) {
            return parse_sci(&rounded);
        }
    }
    (digits, decpt)
}

/// Beyond this many digits a double's decimal expansion is always exact
/// (at most 1074 fractional / 767 significant digits), so requests for more
/// digits are served with this many (Rust's formatter also rejects
/// precisions above 65535).
const EXACT_DIGITS: usize = 1100;

/// dtoa mode 2: `n >= 1` significant digits, correctly rounded.
fn digits_significant(a: f64, n: usize) -> (Vec<u8>, i32) {
    let n = n.min(EXACT_DIGITS);
    parse_sci(&format!("{:.*e}", n.saturating_sub(1), a))
}

/// dtoa mode 3: digits up to `n` places after the decimal point.
fn digits_fixed(a: f64, n: usize) -> (Vec<u8>, i32) {
    let n = n.min(EXACT_DIGITS);
    let s = format!("{a:.n$}");
    let (int_part, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut digits: Vec<u8> = int_part.bytes().chain(frac.bytes()).collect();
    let mut decpt = int_part.len() as i32;
    let lead = digits.iter().take_while(|&&b| b == b'0').count();
    digits.drain(..lead);
    decpt -= lead as i32;
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
    if digits.is_empty() {
        return (b"0".to_vec(), 1);
    }
    (digits, decpt)
}

/// `PyOS_double_to_string(x, code, precision, flags)`.
///
/// `code` is one of `e E f F g G r` (anything else is treated as `r`);
/// `precision` is ignored for `r`.  Upper-case codes give `E` exponents and
/// `INF`/`NAN`.  NaN never gets a `-` sign (CPython ignores its sign bit).
pub fn double_to_string(x: f64, code: char, precision: usize, flags: DtsFlags) -> String {
    let upper = code.is_ascii_uppercase();
    let lower = code.to_ascii_lowercase();
    let negative = x.is_sign_negative() && !x.is_nan();
    let mut out = String::new();
    if negative {
        out.push('-');
    } else if flags.sign {
        out.push('+');
    }
    if !x.is_finite() {
        let word = if x.is_nan() { "nan" } else { "inf" };
        if upper {
            out.push_str(&word.to_ascii_uppercase());
        } else {
            out.push_str(word);
        }
        return out;
    }
    let a = x.abs();
    let mut precision = precision;
    let (digits, mut decpt) = match lower {
        'e' => {
            precision += 1;
            digits_significant(a, precision)
        }
        'f' => digits_fixed(a, precision),
        'g' => {
            if precision == 0 {
                precision = 1;
            }
            digits_significant(a, precision)
        }
        _ => digits_shortest(a),
    };
    let digits_len = digits.len() as i64;
    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    let p = precision as i64;
    let mut d = decpt as i64;
    match lower {
        'e' => {
            use_exp = true;
            vdigits_end = p;
        }
        'f' => vdigits_end = d + p,
        'g' => {
            let limit = if flags.add_dot_0 { p - 1 } else { p };
            if d <= -4 || d > limit {
                use_exp = true;
            }
            if flags.alt {
                vdigits_end = p;
            }
        }
        _ => {
            if d <= -4 || d > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0i64;
    if use_exp {
        exp = d - 1;
        d = 1;
        decpt = 1;
    }
    let _ = decpt;
    let vdigits_start = if d <= 0 { d - 1 } else { 0 };
    if !use_exp && flags.add_dot_0 {
        vdigits_end = vdigits_end.max(d + 1);
    } else {
        vdigits_end = vdigits_end.max(d);
    }
    let zeros = |out: &mut String, n: i64| {
        for _ in 0..n.max(0) {
            out.push('0');
        }
    };
    let digit_str = |r: std::ops::Range<i64>| -> &str {
        std::str::from_utf8(&digits[r.start as usize..r.end as usize]).unwrap_or("")
    };
    if d <= 0 {
        zeros(&mut out, d - vdigits_start);
        out.push('.');
        zeros(&mut out, -d);
    } else {
        zeros(&mut out, -vdigits_start);
    }
    if 0 < d && d <= digits_len {
        out.push_str(digit_str(0..d));
        out.push('.');
        out.push_str(digit_str(d..digits_len));
    } else {
        out.push_str(digit_str(0..digits_len));
    }
    if digits_len < d {
        zeros(&mut out, d - digits_len);
        out.push('.');
        zeros(&mut out, vdigits_end - d);
    } else {
        zeros(&mut out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !flags.alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        let e = exp.unsigned_abs();
        if e < 10 {
            out.push('0');
        }
        out.push_str(&e.to_string());
    }
    out
}

/// `repr(x)` (and `str(x)`): shortest round-trip digits, exponent form when
/// the decimal exponent is < -4 or >= 16 (`1e+16`, `1.5e-05`, `-0.0`,
/// `inf`, `nan`).
pub fn repr(x: f64) -> String {
    double_to_string(
        x,
        'r',
        0,
        DtsFlags {
            add_dot_0: true,
            ..DtsFlags::default()
        },
    )
}

/// printf-style formatting of one float for conversion `conv`
/// (`e E f F g G`, or `r`/`s` meaning `repr`), with `precision` (default 6)
/// and the `#` flag.  The result includes `-` for negative values (and
/// `-0.0`) but no `+`/space flags and no padding.
pub fn format_float(x: f64, conv: char, precision: Option<usize>, alt: bool) -> String {
    match conv {
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => double_to_string(
            x,
            conv,
            precision.unwrap_or(6),
            DtsFlags {
                alt,
                ..DtsFlags::default()
            },
        ),
        _ => repr(x),
    }
}

#[cfg(test)]
#[allow(clippy::excessive_precision, clippy::approx_constant)]
mod tests {
    use super::*;

    #[test]
    fn repr_matches_cpython() {
        let cases: &[(f64, &str)] = &[
            (1.0, "1.0"),
            (0.1, "0.1"),
            (-0.0, "-0.0"),
            (0.0, "0.0"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (9999999999999998.0, "9999999999999998.0"),
            (1.5e-5, "1.5e-05"),
            (0.0001, "0.0001"),
            (0.00012345, "0.00012345"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (-f64::NAN, "nan"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (123456789.123, "123456789.123"),
            (2.0f64.powi(60), "1.152921504606847e+18"),
            (1.0 / 3.0, "0.3333333333333333"),
            (-2.5e-7, "-2.5e-07"),
            (1e100, "1e+100"),
            (0.1 + 0.2, "0.30000000000000004"),
            // exact ties between two shortest candidates: round half even
            (-1046264590697418.25, "-1046264590697418.2"),
            (12943927224924.8125, "12943927224924.812"),
        ];
        for &(x, want) in cases {
            assert_eq!(repr(x), want, "repr({x:e})");
        }
    }

    fn pf(x: f64, conv: char, prec: Option<usize>, alt: bool) -> String {
        format_float(x, conv, prec, alt)
    }

    #[test]
    fn printf_conversions_match_cpython() {
        // Generated with python3: '%<flags>.<p><conv>' % x
        let cases: &[(f64, char, Option<usize>, bool, &str)] = &[
            (0.5, 'f', Some(0), false, "0"),
            (1.5, 'f', Some(0), false, "2"),
            (2.5, 'f', Some(0), false, "2"),
            (0.125, 'f', Some(2), false, "0.12"),
            (0.125, 'e', Some(1), false, "1.2e-01"),
            (2.5, 'e', Some(0), false, "2e+00"),
            (-0.0, 'f', Some(2), false, "-0.00"),
            (1.0, 'e', Some(0), true, "1.e+00"),
            (1.0, 'g', None, true, "1.00000"),
            (1.5, 'f', Some(0), true, "2."),
            (0.0, 'g', None, false, "0"),
            (123.0, 'g', Some(0), false, "1e+02"),
            (3.14159, 'f', None, false, "3.141590"),
            (3.14159, 'e', None, false, "3.141590e+00"),
            (3.14159, 'E', Some(3), false, "3.142E+00"),
            (1234567.0, 'g', None, false, "1.23457e+06"),
            (123456.0, 'g', None, false, "123456"),
            (0.0001, 'g', None, false, "0.0001"),
            (0.00001, 'g', None, false, "1e-05"),
            (0.00001, 'G', None, false, "1E-05"),
            (1e300, 'g', Some(3), false, "1e+300"),
            (1e-300, 'e', Some(2), false, "1.00e-300"),
            (f64::INFINITY, 'F', None, false, "INF"),
            (f64::NEG_INFINITY, 'f', None, false, "-inf"),
            (f64::NAN, 'G', None, false, "NAN"),
            (-f64::NAN, 'f', None, false, "nan"),
            (100.0, 'g', Some(2), true, "1.0e+02"),
            (0.5, 'g', Some(1), true, "0.5"),
            (10.0, 'g', Some(3), true, "10.0"),
            (1e16, 'r', None, false, "1e+16"),
            (2.0 / 3.0, 's', None, false, "0.6666666666666666"),
            (1e22, 'f', Some(1), false, "10000000000000000000000.0"),
            (1e23, 'f', Some(0), false, "99999999999999991611392"),
            (
                0.1,
                'f',
                Some(30),
                false,
                "0.100000000000000005551115123126",
            ),
            (-1.5, 'g', None, false, "-1.5"),
            (999999.5, 'g', None, false, "1e+06"),
            (0.000123456, 'g', Some(3), true, "0.000123"),
            (5e-324, 'g', Some(20), false, "4.9406564584124654418e-324"),
        ];
        for &(x, c, p, alt, want) in cases {
            assert_eq!(pf(x, c, p, alt), want, "{x:e} {c} {p:?} {alt}");
        }
    }

    #[test]
    fn huge_precisions_are_exact_and_do_not_panic() {
        // python3: '%.1080f' % 0.1 is the exact expansion padded with zeros.
        let exact = "1000000000000000055511151231257827021181583404541015625";
        let want = format!("0.{exact}{}", "0".repeat(1080 - exact.len()));
        assert_eq!(pf(0.1, 'f', Some(1080), false), want);
        // python3: len('%.70000f' % 1.5) == 70002, len(format(1e300, '.70000e')) == 70007
        assert_eq!(pf(1.5, 'f', Some(70000), false).len(), 70002);
        assert_eq!(pf(1e300, 'e', Some(70000), false).len(), 70007);
        assert_eq!(pf(2.5, 'g', Some(70000), false), "2.5");
        assert_eq!(pf(2.5, 'g', Some(70000), true).len(), 70001);
        let e = pf(5e-324, 'e', Some(800), false);
        assert_eq!(e.len(), 807);
        assert!(e.starts_with("4.94065645841246544176568792868221372365059802614324764425585682500675507270208751865299836361635992379796564695445717730926656710355939796398774796010781878126300713190311404527845817167848982103688718636056998730723050006387409153564984387312473397273169615140031715385398074126238565591171026658556686768187039560310624931945271591492455329305456544401127480129709999541931989409080416563324524757147869014726780159355238611550134803526493472019379026810710749170333222684475333572083243193609238289345836806010601150616980975307834227731832924790498252473077637592724787465608477820373446969953364701797267771758512566055119913150489110145103786273816725095583738973359899366480994116420570263709027924276754456522908753868250641971826553344726562500000000000000000000000000"));
        assert!(e.ends_with("0000e-324"));
    }

    #[test]
    fn format_spec_style_flags() {
        let f = |x: f64, code: char, p: usize, sign: bool, dot0: bool, alt: bool| {
            double_to_string(
                x,
                code,
                p,
                DtsFlags {
                    sign,
                    add_dot_0: dot0,
                    alt,
                },
            )
        };
        // format(x, '.Np') style ('g' + ADD_DOT_0).
        assert_eq!(f(10.0, 'g', 2, false, true, false), "1e+01");
        assert_eq!(f(1.0, 'g', 3, false, true, false), "1.0");
        assert_eq!(f(123.0, 'g', 0, false, true, false), "1e+02");
        assert_eq!(f(1e16, 'r', 0, false, true, true), "1.e+16");
        assert_eq!(f(1.0, 'r', 0, true, true, false), "+1.0");
        assert_eq!(f(f64::NAN, 'r', 0, true, true, false), "+nan");
        assert_eq!(f(1.25, 'g', 2, false, true, false), "1.2");
        assert_eq!(f(1234.5, 'g', 5, false, true, false), "1234.5");
        assert_eq!(f(12345.0, 'g', 5, false, true, false), "1.2345e+04");
    }
}
