//! Tests for `numparse`; expected values generated with CPython 3.11.

use super::*;

#[test]
fn float_cases_match_cpython() {
    // (input, Some(bits of float(input))) or None where CPython raises.
    let cases: &[(&str, Option<u64>)] = &[
        ("1", Some(0x3ff0000000000000)),
        ("1.5", Some(0x3ff8000000000000)),
        (" 1.5 ", Some(0x3ff8000000000000)),
        ("\u{9}-2.5e3\u{a}", Some(0xc0a3880000000000)),
        ("1_000.5", Some(0x408f440000000000)),
        ("1__0", None),
        ("_1", None),
        ("1_", None),
        ("1_.5", None),
        ("1._5", None),
        ("1.5_", None),
        ("1e1_0", Some(0x4202a05f20000000)),
        ("1e_10", None),
        (".5", Some(0x3fe0000000000000)),
        ("5.", Some(0x4014000000000000)),
        (".", None),
        ("e5", None),
        ("1e", None),
        ("1e+", None),
        ("+1e-5", Some(0x3ee4f8b588e368f1)),
        ("inf", Some(0x7ff0000000000000)),
        ("-Infinity", Some(0xfff0000000000000)),
        ("+nan", Some(0x7ff8000000000000)),
        ("NaN", Some(0x7ff8000000000000)),
        ("-nan", Some(0xfff8000000000000)),
        ("infinit", None),
        ("infinityx", None),
        ("nan(1)", None),
        ("", None),
        ("   ", None),
        ("0x10", None),
        ("1e400", Some(0x7ff0000000000000)),
        ("-1e400", Some(0xfff0000000000000)),
        ("1e-400", Some(0x0000000000000000)),
        ("2.2250738585072011e-308", Some(0x000fffffffffffff)),
        ("0.1", Some(0x3fb999999999999a)),
        ("\u{661}\u{662}\u{663}.\u{665}", Some(0x405ee00000000000)),
        ("\u{a0}1.0\u{3000}", Some(0x3ff0000000000000)),
        ("1\u{a0}", Some(0x3ff0000000000000)),
        ("\u{ff11}\u{ff12}", Some(0x4028000000000000)),
        ("1 2", None),
        ("++1", None),
        ("+-1", None),
        ("- 1", None),
        ("1.5j", None),
        (
            "0.000000000000000000000000000001e30",
            Some(0x3ff0000000000000),
        ),
        ("123456789012345678901234567890", Some(0x45f8ee90ff6c373e)),
        ("9007199254740993", Some(0x4340000000000000)),
        ("1.7976931348623157e308", Some(0x7fefffffffffffff)),
        ("1.7976931348623159e308", Some(0x7ff0000000000000)),
        ("4.9406564584124654e-324", Some(0x0000000000000001)),
        ("2.4703282292062328e-324", Some(0x0000000000000001)),
        ("2.4703282292062327e-324", Some(0x0000000000000000)),
        ("1_2.3_4e1_5", Some(0x4345eb951243a000)),
        ("iNfInItY", Some(0x7ff0000000000000)),
        ("+.5e-3", Some(0x3f40624dd2f1a9fc)),
        ("-0", Some(0x8000000000000000)),
        ("-0.0", Some(0x8000000000000000)),
        ("00012", Some(0x4028000000000000)),
        ("1e0001", Some(0x4024000000000000)),
        ("\u{661}_\u{662}", Some(0x4028000000000000)),
    ];
    for &(s, want) in cases {
        let got = parse_float(s);
        match (got, want) {
            (Some(x), Some(bits)) => {
                let w = f64::from_bits(bits);
                assert!(
                    x.to_bits() == bits || (x.is_nan() && w.is_nan()),
                    "float({s:?}) = {x:e}, want {w:e}"
                );
            }
            (None, None) => {}
            _ => panic!("float({s:?}) = {got:?}, want {want:?}"),
        }
    }
}

fn long_input(i: usize) -> String {
    match i {
        65 => "7".repeat(5000),
        66 => "1".repeat(5000),
        67 => format!("{}1", "1_".repeat(4300)),
        _ => "0".repeat(5000),
    }
}

#[test]
fn int_cases_match_cpython() {
    // (input, base, "Ok"/"Err", value or CPython's ValueError text).
    let cases: Vec<(String, i64, &str, &str)> = vec![
        ("0".to_string(), 10, "Ok", "0"),
        ("  42  ".to_string(), 10, "Ok", "42"),
        ("-42".to_string(), 10, "Ok", "-42"),
        ("+7".to_string(), 10, "Ok", "7"),
        ("1_000".to_string(), 10, "Ok", "1000"),
        ("1__0".to_string(), 10, "Err", "invalid literal for int() with base 10: '1__0'"),
        ("_1".to_string(), 10, "Err", "invalid literal for int() with base 10: '_1'"),
        ("1_".to_string(), 10, "Err", "invalid literal for int() with base 10: '1_'"),
        ("0x1f".to_string(), 16, "Ok", "31"),
        ("0x1f".to_string(), 0, "Ok", "31"),
        ("0X1F".to_string(), 0, "Ok", "31"),
        ("1f".to_string(), 16, "Ok", "31"),
        ("0x_1f".to_string(), 16, "Ok", "31"),
        ("0x_1f".to_string(), 0, "Ok", "31"),
        ("0_x1f".to_string(), 0, "Err", "invalid literal for int() with base 0: '0_x1f'"),
        ("0b101".to_string(), 0, "Ok", "5"),
        ("0o17".to_string(), 0, "Ok", "15"),
        ("017".to_string(), 0, "Err", "invalid literal for int() with base 0: '017'"),
        ("00".to_string(), 0, "Ok", "0"),
        ("0_0".to_string(), 0, "Ok", "0"),
        ("0".to_string(), 0, "Ok", "0"),
        ("010".to_string(), 8, "Ok", "8"),
        ("0o10".to_string(), 8, "Ok", "8"),
        ("0b".to_string(), 0, "Err", "invalid literal for int() with base 0: '0b'"),
        ("0x".to_string(), 16, "Err", "invalid literal for int() with base 16: '0x'"),
        ("z".to_string(), 36, "Ok", "35"),
        ("Z".to_string(), 36, "Ok", "35"),
        ("zz".to_string(), 35, "Err", "invalid literal for int() with base 35: 'zz'"),
        ("12".to_string(), 2, "Err", "invalid literal for int() with base 2: '12'"),
        ("abc".to_string(), 10, "Err", "invalid literal for int() with base 10: 'abc'"),
        ("".to_string(), 10, "Err", "invalid literal for int() with base 10: ''"),
        (" ".to_string(), 10, "Err", "invalid literal for int() with base 10: ' '"),
        ("-".to_string(), 10, "Err", "invalid literal for int() with base 10: '-'"),
        ("1 2".to_string(), 10, "Err", "invalid literal for int() with base 10: '1 2'"),
        ("\u{661}\u{662}\u{663}".to_string(), 10, "Ok", "123"),
        ("\u{ff11}\u{ff12}".to_string(), 10, "Ok", "12"),
        ("\u{a0}12\u{2003}".to_string(), 10, "Ok", "12"),
        ("12".to_string(), 1, "Err", "int() base must be >= 2 and <= 36, or 0"),
        ("12".to_string(), 37, "Err", "int() base must be >= 2 and <= 36, or 0"),
        ("12".to_string(), -1, "Err", "int() base must be >= 2 and <= 36, or 0"),
        ("123456789012345678901234567890".to_string(), 10, "Ok", "123456789012345678901234567890"),
        ("-ffffffffffffffffffffffff".to_string(), 16, "Ok", "-79228162514264337593543950335"),
        ("9223372036854775807".to_string(), 10, "Ok", "9223372036854775807"),
        ("9223372036854775808".to_string(), 10, "Ok", "9223372036854775808"),
        ("-9223372036854775808".to_string(), 10, "Ok", "-9223372036854775808"),
        ("-9223372036854775809".to_string(), 10, "Ok", "-9223372036854775809"),
        ("0b1_0".to_string(), 2, "Ok", "2"),
        ("0o1_7".to_string(), 0, "Ok", "15"),
        ("1e5".to_string(), 10, "Err", "invalid literal for int() with base 10: '1e5'"),
        ("1.0".to_string(), 10, "Err", "invalid literal for int() with base 10: '1.0'"),
        ("--1".to_string(), 10, "Err", "invalid literal for int() with base 10: '--1'"),
        ("+-1".to_string(), 10, "Err", "invalid literal for int() with base 10: '+-1'"),
        ("0x".to_string(), 0, "Err", "invalid literal for int() with base 0: '0x'"),
        ("0b2".to_string(), 0, "Err", "invalid literal for int() with base 0: '0b2'"),
        ("9".to_string(), 8, "Err", "invalid literal for int() with base 8: '9'"),
        ("\u{663}".to_string(), 16, "Ok", "3"),
        ("0_".to_string(), 0, "Err", "invalid literal for int() with base 0: '0_'"),
        ("00_1".to_string(), 0, "Err", "invalid literal for int() with base 0: '00_1'"),
        ("0_1".to_string(), 0, "Err", "invalid literal for int() with base 0: '0_1'"),
        ("0_0_0".to_string(), 0, "Ok", "0"),
        ("1_2_3".to_string(), 0, "Ok", "123"),
        ("0b_".to_string(), 0, "Err", "invalid literal for int() with base 0: '0b_'"),
        ("+0x10".to_string(), 0, "Ok", "16"),
        ("-0b11".to_string(), 2, "Ok", "-3"),
        (" -0o7 ".to_string(), 8, "Ok", "-7"),
        (long_input(65), 10, "Err", "Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit"),
        (long_input(66), 2, "Ok", "big:1506"),
        (long_input(67), 10, "Err", "Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; use sys.set_int_max_str_digits() to increase the limit"),
        (long_input(68), 10, "Err", "Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit"),
    ];
    assert!(cases.len() > 60);
    for (s, base, kind, want) in cases {
        let got = parse_int(&s, base, DEFAULT_MAX_STR_DIGITS);
        let short: String = s.chars().take(30).collect();
        match (got, kind) {
            (Ok(v), "Ok") => {
                if let Some(len) = want.strip_prefix("big:") {
                    assert_eq!(
                        v.to_string().len().to_string(),
                        len,
                        "int({short:?}, {base})"
                    );
                } else {
                    assert_eq!(v.to_string(), want, "int({short:?}, {base})");
                }
            }
            (Err(e), "Err") => {
                // The VM supplies repr(s); emulate it for these ASCII-ish inputs.
                let repr = python_repr_for_test(&s);
                let msg = int_error(&e, base, &repr, DEFAULT_MAX_STR_DIGITS).msg;
                assert_eq!(msg, want, "int({short:?}, {base})");
            }
            (got, _) => panic!("int({short:?}, {base}) = {got:?}, want {kind} {want}"),
        }
    }
}

/// Minimal `repr(str)` for the test inputs (single quotes, `\xNN` for
/// control characters, other characters kept).
fn python_repr_for_test(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f || ('\u{80}'..='\u{a0}').contains(&c) => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

#[test]
fn bytes_inputs() {
    assert_eq!(parse_int_bytes(b" 0x1f ", 0, 0), Ok(BigInt::from(31)));
    assert_eq!(
        parse_int_bytes(b"\xa012", 10, 0),
        Err(IntParseError::Invalid)
    );
    assert_eq!(parse_float_bytes(b"\xa012"), None);
    assert_eq!(parse_float_bytes(b" -1_5.25e1 "), Some(-152.5));
}

#[test]
fn limit_and_errors() {
    // Digits beyond the limit but with trailing junk: limit error first.
    let s = format!("{}x", "7".repeat(5000));
    assert_eq!(
        parse_int(&s, 10, 4300),
        Err(IntParseError::TooManyDigits(5000))
    );
    // A trailing underscore is reported before the limit.
    let s = format!("{}_", "7".repeat(5000));
    assert_eq!(parse_int(&s, 10, 4300), Err(IntParseError::Invalid));
    // Unlimited.
    assert!(parse_int(&"7".repeat(5000), 10, 0).is_ok());
    let long = "x".repeat(300);
    let msg = int_error(&IntParseError::Invalid, 10, &format!("'{long}'"), 4300).msg;
    assert_eq!(msg.len(), 240);
    assert_eq!(
        float_error_message("'abc'"),
        "could not convert string to float: 'abc'"
    );
}

#[test]
fn fast_path() {
    assert_eq!(parse_i64(" -123 "), Some(-123));
    assert_eq!(parse_i64("+999999999999999999"), Some(999999999999999999));
    assert_eq!(parse_i64("9999999999999999999"), None);
    assert_eq!(parse_i64("1_0"), None);
    assert_eq!(parse_i64(""), None);
    assert_eq!(parse_i64("-"), None);
    for s in ["0", "42", "-7", "  12\n"] {
        assert_eq!(parse_i64(s).map(BigInt::from), parse_int(s, 10, 0).ok());
    }
}

#[test]
fn unicode_tables() {
    assert_eq!(unicode_decimal('7'), Some(7));
    assert_eq!(unicode_decimal('\u{663}'), Some(3));
    assert_eq!(unicode_decimal('\u{1fbf9}'), Some(9));
    assert_eq!(unicode_decimal('\u{1fbfa}'), None);
    assert_eq!(unicode_decimal('a'), None);
    assert_eq!(unicode_decimal('\u{2f}'), None);
    assert!(
        is_unicode_space('\u{3000}') && is_unicode_space('\x1c') && !is_unicode_space('\u{200b}')
    );
}

#[test]
fn int_to_str_digit_limit() {
    let big: BigInt = num_traits::pow(BigInt::from(10), 4300);
    let below: BigInt = &big - 1;
    // python3: len(str(10**4300 - 1)) == 4300; str(10**4300) raises.
    assert!(check_int_str_digits(&below, 4300).is_ok());
    assert!(check_int_str_digits(&-below, 4300).is_ok());
    assert_eq!(
        check_int_str_digits(&big, 4300).unwrap_err().msg,
        "Exceeds the limit (4300 digits) for integer string conversion; \
         use sys.set_int_max_str_digits() to increase the limit"
    );
    assert!(check_int_str_digits(&(BigInt::from(1) << 100_000u32), 4300).is_err());
    assert!(check_int_str_digits(&big, 0).is_ok());
    assert!(check_int_str_digits(&BigInt::from(0), 4300).is_ok());
}
