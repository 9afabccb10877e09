//! Parsing numbers from text as CPython 3.11's `float(x)` and `int(x, base)`.
//!
//! Both first map the text to ASCII like
//! `_PyUnicode_TransformDecimalAndSpaceToASCII`: Unicode whitespace becomes
//! a space, Unicode decimal digits (category Nd) become `0`-`9`, and any
//! other non-ASCII character makes the input invalid.  `bytes` input skips
//! that step ([`parse_float_bytes`], [`parse_int_bytes`]).
//!
//! Error messages need the Python `repr` of the argument, which the VM
//! owns; [`float_error_message`] and [`int_error`] build the exact text.

use super::error::SupportError;
use num_bigint::BigInt;

/// CPython's default `sys.get_int_max_str_digits()`.
pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;
/// Below this many digits the limit is never checked (CPython threshold).
const MAX_STR_DIGITS_THRESHOLD: usize = 640;

/// First code point (digit zero) of every Unicode 14.0 Nd block; each block
/// holds the ten digits 0-9 consecutively.
const DECIMAL_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66,
    0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90,
    0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10,
    0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650,
    0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50,
    0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/// Value of a Unicode decimal digit (`unicodedata.decimal`), if any.
pub fn unicode_decimal(c: char) -> Option<u32> {
    let c = c as u32;
    let i = DECIMAL_ZEROS.partition_point(|&z| z <= c);
    let zero = *DECIMAL_ZEROS.get(i.checked_sub(1)?)?;
    (c - zero < 10).then_some(c - zero)
}

/// `str.isspace()` for one character (CPython `Py_UNICODE_ISSPACE`).
pub fn is_unicode_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\x1c'..='\x1f'
            | ' '
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// `_PyUnicode_TransformDecimalAndSpaceToASCII`; stops with `?` at the
/// first character that is neither ASCII, whitespace nor a decimal digit.
fn to_ascii(s: &str) -> std::borrow::Cow<'_, [u8]> {
    if s.is_ascii() {
        return std::borrow::Cow::Borrowed(s.as_bytes());
    }
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        if (c as u32) < 127 {
            out.push(c as u8);
        } else if is_unicode_space(c) {
            out.push(b' ');
        } else if let Some(d) = unicode_decimal(c) {
            out.push(b'0' + d as u8);
        } else {
            out.push(b'?');
            break;
        }
    }
    std::borrow::Cow::Owned(out)
}

/// CPython `Py_ISSPACE` (ASCII whitespace only).
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

fn trim(b: &[u8]) -> &[u8] {
    let start = b.iter().position(|&c| !is_space(c)).unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|&c| !is_space(c))
        .map_or(start, |e| e + 1);
    &b[start..end]
}

/// `_Py_string_to_number_with_underscores`: underscores only between
/// digits; returns the text without them, or `None` if misplaced.
fn strip_underscores(b: &[u8]) -> Option<std::borrow::Cow<'_, [u8]>> {
    if !b.contains(&b'_') {
        return Some(std::borrow::Cow::Borrowed(b));
    }
    let mut out = Vec::with_capacity(b.len());
    let mut prev = 0u8;
    for &c in b {
        if c == b'_' {
            if !prev.is_ascii_digit() {
                return None;
            }
        } else {
            if prev == b'_' && !c.is_ascii_digit() {
                return None;
            }
            out.push(c);
        }
        prev = c;
    }
    (prev != b'_').then_some(std::borrow::Cow::Owned(out))
}

/// `float(s)` for a str: `None` when CPython raises ValueError.
pub fn parse_float(s: &str) -> Option<f64> {
    parse_float_bytes(&to_ascii(s))
}

/// `float(b)` for bytes/bytearray: `None` when CPython raises ValueError.
pub fn parse_float_bytes(b: &[u8]) -> Option<f64> {
    let cleaned = strip_underscores(b)?;
    let t = trim(&cleaned);
    let (neg, body) = match t.first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = body.to_ascii_lowercase();
    let special = match lower.as_slice() {
        b"inf" | b"infinity" => Some(f64::INFINITY),
        b"nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(v) = special {
        return Some(if neg { -v } else { v });
    }
    // digits [. digits] | . digits, then optional exponent.
    let mut i = 0;
    let int_digits = body.iter().take_while(|c| c.is_ascii_digit()).count();
    i += int_digits;
    let mut frac_digits = 0;
    if body.get(i) == Some(&b'.') {
        i += 1;
        frac_digits = body[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        i += frac_digits;
    }
    if int_digits + frac_digits == 0 {
        return None;
    }
    if matches!(body.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(body.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp_digits = body[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if exp_digits == 0 {
            return None;
        }
        i += exp_digits;
    }
    if i != body.len() {
        return None;
    }
    // Validated: only ASCII digits, '.', 'e', signs remain.
    let text = std::str::from_utf8(t).ok()?;
    text.parse::<f64>().ok()
}

/// `ValueError` text for a failed `float(x)`; `repr` is `repr(x)`.
pub fn float_error_message(repr: &str) -> String {
    format!("could not convert string to float: {repr}")
}

/// Why `int(x, base)` failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IntParseError {
    /// Base not 0 and not in 2..=36.
    BadBase,
    /// Not a valid literal in that base.
    Invalid,
    /// More decimal digits than `sys.get_int_max_str_digits()` allows.
    TooManyDigits(usize),
}

/// The exact `ValueError` for an [`IntParseError`] (`repr` is `repr(x)`,
/// truncated to 200 characters as CPython's `%.200R` does).
pub fn int_error(
    err: &IntParseError,
    base: i64,
    repr: &str,
    max_str_digits: usize,
) -> SupportError {
    SupportError::value(match err {
        IntParseError::BadBase => "int() base must be >= 2 and <= 36, or 0".to_string(),
        IntParseError::Invalid => {
            let r: String = repr.chars().take(200).collect();
            format!("invalid literal for int() with base {base}: {r}")
        }
        IntParseError::TooManyDigits(n) => format!(
            "Exceeds the limit ({max_str_digits} digits) for integer string conversion: \
             value has {n} digits; use sys.set_int_max_str_digits() to increase the limit"
        ),
    })
}

/// `int(s, base)` for a str.  `max_str_digits` is
/// `sys.get_int_max_str_digits()` (0 = unlimited); it only applies to
/// bases that are not powers of two.
pub fn parse_int(s: &str, base: i64, max_str_digits: usize) -> Result<BigInt, IntParseError> {
    parse_int_bytes(&to_ascii(s), base, max_str_digits)
}

/// `int(b, base)` for bytes/bytearray (see [`parse_int`]).
pub fn parse_int_bytes(
    b: &[u8],
    base: i64,
    max_str_digits: usize,
) -> Result<BigInt, IntParseError> {
    if base != 0 && !(2..=36).contains(&base) {
        return Err(IntParseError::BadBase);
    }
    let mut base = base as u32;
    let mut p = 0;
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    while p < b.len() && is_space(b[p]) {
        p += 1;
    }
    let negative = match at(p) {
        b'+' => {
            p += 1;
            false
        }
        b'-' => {
            p += 1;
            true
        }
        _ => false,
    };
    let mut error_if_nonzero = false;
    if base == 0 {
        base = match (at(p), at(p + 1)) {
            (b'0', b'x' | b'X') => 16,
            (b'0', b'o' | b'O') => 8,
            (b'0', b'b' | b'B') => 2,
            (b'0', _) => {
                error_if_nonzero = true;
                10
            }
            _ => 10,
        };
    }
    if at(p) == b'0' {
        let c = at(p + 1).to_ascii_lowercase();
        if (base == 16 && c == b'x') || (base == 8 && c == b'o') || (base == 2 && c == b'b') {
            p += 2;
            if at(p) == b'_' {
                p += 1;
            }
        }
    }
    if at(p) == b'_' {
        return Err(IntParseError::Invalid);
    }
    let digit = |c: u8| -> Option<u32> { (c as char).to_digit(36).filter(|&d| d < base) };
    let mut digits = Vec::with_capacity(b.len() - p.min(b.len()));
    let mut prev = 0u8;
    while p < b.len() && (digit(b[p]).is_some() || b[p] == b'_') {
        if b[p] == b'_' {
            if prev == b'_' {
                return Err(IntParseError::Invalid);
            }
        } else {
            digits.push(b[p]);
        }
        prev = b[p];
        p += 1;
    }
    if prev == b'_' {
        return Err(IntParseError::Invalid);
    }
    if !base.is_power_of_two()
        && digits.len() > MAX_STR_DIGITS_THRESHOLD
        && max_str_digits > 0
        && digits.len() > max_str_digits
    {
        return Err(IntParseError::TooManyDigits(digits.len()));
    }
    if digits.is_empty() {
        return Err(IntParseError::Invalid);
    }
    if error_if_nonzero && digits.iter().any(|&d| d != b'0') {
        return Err(IntParseError::Invalid);
    }
    while p < b.len() && is_space(b[p]) {
        p += 1;
    }
    if p != b.len() {
        return Err(IntParseError::Invalid);
    }
    let v = BigInt::parse_bytes(&digits, base).ok_or(IntParseError::Invalid)?;
    Ok(if negative { -v } else { v })
}

/// The `ValueError` CPython raises when converting an int with more than
/// `max_str_digits` decimal digits to text (`str`, `repr`, `%d`,
/// `format(n, 'd')`); `max_str_digits == 0` means unlimited.  The VM should
/// call this before every int → decimal text conversion (hex/octal/binary
/// are unlimited).
pub fn check_int_str_digits(n: &BigInt, max_str_digits: usize) -> Result<(), SupportError> {
    if max_str_digits == 0 {
        return Ok(());
    }
    let bits = n.bits();
    // A number of `bits` bits has at least floor((bits-1)*log10(2))+1 digits
    // and at most floor(bits*log10(2))+1.
    let lo = ((bits.saturating_sub(1)) as f64 * std::f64::consts::LOG10_2) as u64 + 1;
    let hi = (bits as f64 * std::f64::consts::LOG10_2) as u64 + 1;
    let too_many = if hi <= max_str_digits as u64 {
        false
    } else if lo > max_str_digits as u64 + 1 {
        true
    } else {
        n.magnitude().to_string().len() > max_str_digits
    };
    if too_many {
        return Err(SupportError::value(format!(
            "Exceeds the limit ({max_str_digits} digits) for integer string conversion; \
             use sys.set_int_max_str_digits() to increase the limit"
        )));
    }
    Ok(())
}

/// Fast path for `int(s)` (base 10): plain ASCII `[ws][sign]digits[ws]`
/// with at most 18 digits.  `None` means "not handled here" (the input may
/// still be valid: call [`parse_int`]).
pub fn parse_i64(s: &str) -> Option<i64> {
    let t = trim(s.as_bytes());
    let (neg, digits) = match t.first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty() || digits.len() > 18 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let v = digits
        .iter()
        .fold(0i64, |acc, &d| acc * 10 + (d - b'0') as i64);
    Some(if neg { -v } else { v })
}

#[cfg(test)]
#[path = "numparse_tests.rs"]
mod tests;
