//! Tests for `unicode`; expected values generated with CPython 3.11.

use super::*;

type Pred = (&'static str, fn(char) -> bool);

#[test]
fn predicates_match_cpython() {
    let preds: [Pred; 9] = [
        ("isprintable", is_printable),
        ("isalpha", is_alpha),
        ("isdecimal", is_decimal),
        ("isdigit", is_digit),
        ("isnumeric", is_numeric),
        ("isalnum", is_alnum),
        ("isspace", is_space),
        ("isidentifier", |c| is_identifier(&c.to_string())),
        ("continues identifier", is_xid_continue),
    ];
    let mut n = 0;
    for line in include_str!("unicode_cases.txt").lines() {
        if line.starts_with('#') {
            continue;
        }
        for item in line.split(' ') {
            let (cp, flags) = item.split_once(':').unwrap();
            let c = char::from_u32(u32::from_str_radix(cp, 16).unwrap()).unwrap();
            let flags = u32::from_str_radix(flags, 16).unwrap();
            for (bit, (name, pred)) in preds.iter().enumerate() {
                let want = flags & (1 << bit) != 0;
                assert_eq!(pred(c), want, "{:?} (U+{:04X}).{name}()", c, c as u32);
            }
            n += 1;
        }
    }
    assert!(n > 1500, "{n}");
}

#[test]
fn repr_and_ascii_match_cpython() {
    // (s, repr(s), ascii(s))
    let cases: &[(&str, &str, &str)] = &[
        ("", "''", "''"),
        ("abc", "'abc'", "'abc'"),
        ("it's", "\"it's\"", "\"it's\""),
        ("say \"hi\"", "'say \"hi\"'", "'say \"hi\"'"),
        ("both ' and \"", "'both \\' and \"'", "'both \\' and \"'"),
        ("tab\u{9}here\u{a}", "'tab\\there\\n'", "'tab\\there\\n'"),
        ("back\\slash", "'back\\\\slash'", "'back\\\\slash'"),
        (
            "\u{0}\u{1f}\u{7f}\u{80}\u{85}\u{a0}\u{ad}\u{ff}",
            "'\\x00\\x1f\\x7f\\x80\\x85\\xa0\\xad\u{ff}'",
            "'\\x00\\x1f\\x7f\\x80\\x85\\xa0\\xad\\xff'",
        ),
        (
            "caf\u{e9} \u{20ac} \u{4e2d}\u{6587}",
            "'caf\u{e9} \u{20ac} \u{4e2d}\u{6587}'",
            "'caf\\xe9 \\u20ac \\u4e2d\\u6587'",
        ),
        (
            "\u{200b}\u{2028}\u{feff}",
            "'\\u200b\\u2028\\ufeff'",
            "'\\u200b\\u2028\\ufeff'",
        ),
        (
            "\u{1f600} \u{e0001} \u{10ffff}",
            "'\u{1f600} \\U000e0001 \\U0010ffff'",
            "'\\U0001f600 \\U000e0001 \\U0010ffff'",
        ),
        ("\u{378}", "'\\u0378'", "'\\u0378'"),
        (
            "mixed \u{e9}\u{9}\u{1f40d}\u{1}",
            "'mixed \u{e9}\\t\u{1f40d}\\x01'",
            "'mixed \\xe9\\t\\U0001f40d\\x01'",
        ),
    ];
    for &(s, r, a) in cases {
        assert_eq!(repr_str(s), r, "repr({s:?})");
        assert_eq!(ascii_str(s), a, "ascii({s:?})");
    }
}

#[test]
fn bytes_repr_matches_cpython() {
    let all: Vec<u8> = (0..=255u8).step_by(17).collect();
    let cases: &[(&[u8], &str)] = &[
        (b"", "b''"),
        (b"abc", "b'abc'"),
        (b"it's", "b\"it's\""),
        (b"\x00\xff\t\n\r\\", "b'\\x00\\xff\\t\\n\\r\\\\'"),
        (b"both ' and \"", "b'both \\' and \"'"),
        (
            &all,
            "b'\\x00\\x11\"3DUfw\\x88\\x99\\xaa\\xbb\\xcc\\xdd\\xee\\xff'",
        ),
    ];
    for &(b, want) in cases {
        assert_eq!(repr_bytes(b), want);
    }
}

#[test]
fn whole_string_rules() {
    assert!(!str_all("", is_alpha));
    assert!(str_all("h\u{e9}llo", is_alpha));
    assert!(!str_all("h3", is_alpha));
    assert!(str_all("\u{b2}3", is_digit) && !str_all("\u{b2}3", is_decimal));
    assert!(str_all("\u{bd}\u{4e94}", is_numeric));
    assert!(str_is_printable("") && !str_is_printable("a\nb"));
    assert!(is_identifier("_x1") && is_identifier("\u{e9}t\u{e9}") && !is_identifier("1x"));
    assert!(!is_identifier("") && !is_identifier("a-b"));
}
