//! Tests for `format_spec`: a table of ~1,900 cases generated with CPython
//! 3.11 (`format_spec_cases.txt`) plus a few targeted checks.

use super::*;

/// Undo the escaping of the case file: `\u{hex}` escapes, `\e` = empty.
/// Lone surrogates (which a Rust `String` cannot hold) become U+FFFD.
fn unescape(s: &str) -> String {
    if s == "\\e" {
        return String::new();
    }
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("\\u{") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 3..];
        let close = after.find('}').expect("bad escape in case file");
        let code = u32::from_str_radix(&after[..close], 16).expect("bad hex");
        out.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

fn check(got: SResult<String>, kind: &str, want: &str, what: &str) -> bool {
    match got {
        Ok(s) if kind == "Ok" => {
            assert_eq!(s, want, "{what}");
            true
        }
        Err(e) if kind != "Ok" => {
            assert_eq!(format!("{:?}", e.kind), kind, "{what}");
            assert_eq!(e.msg, want, "{what}");
            true
        }
        Ok(s) => panic!("{what}: expected {kind}({want:?}), got Ok({s:?})"),
        Err(e) => panic!("{what}: expected Ok({want:?}), got {e}"),
    }
}

#[test]
fn cpython_case_table() {
    let (mut ints, mut floats, mut strs) = (0, 0, 0);
    for line in include_str!("format_spec_cases.txt").lines() {
        if line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split(' ').collect();
        assert_eq!(f.len(), 5, "bad line {line}");
        let (spec, kind, want) = (unescape(f[2]), f[3], unescape(f[4]));
        match f[0] {
            "I" => {
                let n: BigInt = f[1].parse().unwrap();
                // Lone surrogates cannot live in a Rust String.
                if kind == "Ok" && spec.ends_with('c') && n == BigInt::from(0xD800) {
                    continue;
                }
                let what = format!("format({n}, {spec:?})");
                ints += check(format_int(&n, &spec, "int"), kind, &want, &what) as usize;
            }
            "F" => {
                let x = f64::from_bits(u64::from_str_radix(f[1], 16).unwrap());
                let what = format!("format({x:e}, {spec:?})");
                floats += check(format_float(x, &spec), kind, &want, &what) as usize;
            }
            _ => {
                let s = unescape(f[1]);
                let what = format!("format({s:?}, {spec:?})");
                strs += check(format_str(&s, &spec), kind, &want, &what) as usize;
            }
        }
    }
    assert!(
        ints > 900 && floats > 800 && strs > 80,
        "{ints} {floats} {strs}"
    );
}

#[test]
fn surrogate_char_is_an_error_not_a_panic() {
    let e = format_int(&BigInt::from(0xD800), "c", "int").unwrap_err();
    assert_eq!(e.kind, ExcKind::ValueError);
}

#[test]
fn grouping_helper() {
    let d: Vec<char> = "1234".chars().collect();
    let s: String = group_digits(&d, 8, Some((',', 3))).into_iter().collect();
    assert_eq!(s, "0,001,234");
    let s: String = group_digits(&d, 0, None).into_iter().collect();
    assert_eq!(s, "1234");
    let s: String = group_digits(&d, 6, None).into_iter().collect();
    assert_eq!(s, "001234");
}

#[test]
fn parse_fields() {
    let f = parse_spec("*^+z#012_.3f", None, '>', "float").unwrap();
    assert_eq!(f.fill, '*');
    assert_eq!(f.align, '^');
    assert_eq!(f.sign, Some('+'));
    assert!(f.no_neg_0 && f.alternate);
    assert_eq!(f.width, Some(12));
    assert_eq!(f.grouping, Some('_'));
    assert_eq!(f.precision, Some(3));
    assert_eq!(f.ty, Some('f'));
    let g = parse_spec("", Some('d'), '>', "int").unwrap();
    assert_eq!((g.fill, g.align, g.ty), (' ', '>', Some('d')));
}

#[test]
fn huge_width_is_refused_not_allocated() {
    assert!(format_str("x", "999999999999").is_err());
    assert!(format_i64(1, "99999999999999999999", "int").is_err());
    assert_eq!(format_i64(-42, "+08_", "bool").unwrap(), "-000_042");
    assert_eq!(
        format_i64(1, "q", "bool").unwrap_err().msg,
        "Unknown format code 'q' for object of type 'bool'"
    );
}
