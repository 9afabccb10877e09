//! Python's Unicode character predicates and `repr`/`ascii` of strings,
//! following CPython 3.11 (Unicode 14.0 tables in [`super::unicode_tables`]).
//!
//! Rust's `char::is_alphabetic`/`is_numeric` use different Unicode
//! properties (and a newer Unicode version) than Python's `str.isalpha`,
//! `str.isdigit`, ...; these functions give Python's answers.  The `str_*`
//! helpers apply Python's whole-string rule (non-empty and every
//! character matches; `isprintable` is true for the empty string).

use super::numparse::{is_unicode_space, unicode_decimal};
use super::unicode_tables as t;

fn in_table(table: &[(u32, u32)], c: char) -> bool {
    let c = c as u32;
    let i = table.partition_point(|&(lo, _)| lo <= c);
    i > 0 && c <= table[i - 1].1
}

/// `c.isprintable()`.
pub fn is_printable(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    in_table(t::PRINTABLE, c)
}

/// `c.isalpha()` (categories Lu Ll Lt Lm Lo).
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    in_table(t::ALPHA, c)
}

/// `c.isdecimal()` (category Nd).
pub fn is_decimal(c: char) -> bool {
    unicode_decimal(c).is_some()
}

/// `c.isdigit()` (characters with a digit value, e.g. `'²'`).
pub fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_table(t::DIGIT, c)
}

/// `c.isnumeric()` (characters with a numeric value, e.g. `'½'`, `'五'`).
pub fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_table(t::NUMERIC, c)
}

/// `c.isalnum()` = isalpha or isdecimal or isdigit or isnumeric.
pub fn is_alnum(c: char) -> bool {
    is_alpha(c) || is_numeric(c)
}

/// `c.isspace()`.
pub fn is_space(c: char) -> bool {
    is_unicode_space(c)
}

/// Whether `c` may start an identifier (XID_Start or `_`).
pub fn is_xid_start(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic() || c == '_';
    }
    in_table(t::XID_START, c)
}

/// Whether `c` may continue an identifier (XID_Continue).
pub fn is_xid_continue(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    in_table(t::XID_CONTINUE, c)
}

/// `s.isidentifier()`.
pub fn is_identifier(s: &str) -> bool {
    let mut it = s.chars();
    match it.next() {
        Some(c) if is_xid_start(c) => it.all(is_xid_continue),
        _ => false,
    }
}

/// Python's whole-string rule for `isalpha`/`isdigit`/...: non-empty and
/// every character satisfies `pred`.
pub fn str_all(s: &str, pred: fn(char) -> bool) -> bool {
    !s.is_empty() && s.chars().all(pred)
}

/// `s.isprintable()` (true for the empty string).
pub fn str_is_printable(s: &str) -> bool {
    s.chars().all(is_printable)
}

fn push_escape(out: &mut String, c: char) {
    let n = c as u32;
    if n < 0x100 {
        out.push_str(&format!("\\x{n:02x}"));
    } else if n < 0x10000 {
        out.push_str(&format!("\\u{n:04x}"));
    } else {
        out.push_str(&format!("\\U{n:08x}"));
    }
}

fn quote_and_escape(s: &str, escape_non_ascii: bool) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            c if c.is_ascii() => push_escape(&mut out, c),
            c if !escape_non_ascii && is_printable(c) => out.push(c),
            c => push_escape(&mut out, c),
        }
    }
    out.push(quote);
    out
}

/// `repr(s)`: quotes chosen as CPython does, `\\ \t \n \r` and the quote
/// escaped, other non-printable characters as `\xNN`, `\uNNNN` or
/// `\UNNNNNNNN`.
pub fn repr_str(s: &str) -> String {
    quote_and_escape(s, false)
}

/// `ascii(s)` for a str: like [`repr_str`] with every non-ASCII character
/// escaped.
pub fn ascii_str(s: &str) -> String {
    quote_and_escape(s, true)
}

/// `repr(b)` for bytes: `b'...'` with `\xNN` escapes.
pub fn repr_bytes(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            c if c as char == quote => {
                out.push('\\');
                out.push(quote);
            }
            b' '..=b'~' => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
#[path = "unicode_tests.rs"]
mod tests;
