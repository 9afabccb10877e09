//! The format-spec mini-language of `format(x, spec)`, `str.format` and
//! f-strings, matching CPython 3.11's `Python/formatter_unicode.c`:
//!
//! `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`
//!
//! Entry points (all return CPython's exact exception text on error):
//! - [`format_int`]: `int.__format__` (types `b c d o x X n`, none, and the
//!   float types `e E f F g G %` which convert to float first).
//! - [`format_float`]: `float.__format__` (types `e E f F g G n %`, none).
//! - [`format_str`]: `str.__format__` (type `s`, none).
//! - [`parse_spec`]: the parser alone.
//!
//! An empty spec means `str(x)` in CPython; the VM should handle that case
//! itself (it matters for `bool` and subclasses), although these functions
//! also accept it.  The `n` type behaves as in the C locale (no grouping).

use super::error::{ExcKind, SResult, SupportError};
use super::float_repr::{double_to_string, DtsFlags};
use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

/// A parsed format spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatSpec {
    /// Fill character (default space; `0` when the `0` flag is used).
    pub fill: char,
    /// One of `< > = ^` (after defaults are applied).
    pub align: char,
    /// `+`, `-`, or ` ` if given.
    pub sign: Option<char>,
    /// The `z` flag (coerce negative zero to zero).
    pub no_neg_0: bool,
    /// The `#` flag.
    pub alternate: bool,
    /// Minimum width.
    pub width: Option<usize>,
    /// `,` or `_` grouping.
    pub grouping: Option<char>,
    /// Precision.
    pub precision: Option<usize>,
    /// The presentation type (the default type if none was given; `None`
    /// for floats without a type).
    pub ty: Option<char>,
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

/// Largest width/precision accepted; CPython's limit is `Py_ssize_t`, but
/// the result has to be allocated, so absurd widths are refused early.
const MAX_WIDTH: usize = 1 << 28;

/// Parse `spec` (CPython `parse_internal_render_format_spec`).
/// `default_type`: `'d'` for int, `'s'` for str, `None` for float;
/// `default_align`: `'>'` for numbers, `'<'` for str; `type_name` is used in
/// the "Invalid format specifier" message.
pub fn parse_spec(
    spec: &str,
    default_type: Option<char>,
    default_align: char,
    type_name: &str,
) -> SResult<FormatSpec> {
    let s: Vec<char> = spec.chars().collect();
    let end = s.len();
    let mut pos = 0;
    let mut f = FormatSpec {
        fill: ' ',
        align: default_align,
        sign: None,
        no_neg_0: false,
        alternate: false,
        width: None,
        grouping: None,
        precision: None,
        ty: default_type,
    };
    let mut fill_specified = false;
    let mut align_specified = false;
    if end - pos >= 2 && is_align(s[pos + 1]) {
        f.align = s[pos + 1];
        f.fill = s[pos];
        fill_specified = true;
        align_specified = true;
        pos += 2;
    } else if end - pos >= 1 && is_align(s[pos]) {
        f.align = s[pos];
        align_specified = true;
        pos += 1;
    }
    if pos < end && matches!(s[pos], '+' | '-' | ' ') {
        f.sign = Some(s[pos]);
        pos += 1;
    }
    if pos < end && s[pos] == 'z' {
        f.no_neg_0 = true;
        pos += 1;
    }
    if pos < end && s[pos] == '#' {
        f.alternate = true;
        pos += 1;
    }
    if !fill_specified && pos < end && s[pos] == '0' {
        f.fill = '0';
        if !align_specified && default_align == '>' {
            f.align = '=';
        }
        pos += 1;
    }
    let too_many = || SupportError::value("Too many decimal digits in format string");
    let read_int = |pos: &mut usize| -> SResult<Option<usize>> {
        let start = *pos;
        let mut v: usize = 0;
        while *pos < end && s[*pos].is_ascii_digit() {
            let d = s[*pos] as usize - '0' as usize;
            v = v
                .checked_mul(10)
                .and_then(|v| v.checked_add(d))
                .filter(|&v| v <= i64::MAX as usize)
                .ok_or_else(too_many)?;
            *pos += 1;
        }
        Ok(if *pos == start { None } else { Some(v) })
    };
    f.width = read_int(&mut pos)?;
    let both = || SupportError::value("Cannot specify both ',' and '_'.");
    if pos < end && s[pos] == ',' {
        f.grouping = Some(',');
        pos += 1;
    }
    if pos < end && s[pos] == '_' {
        if f.grouping.is_some() {
            return Err(both());
        }
        f.grouping = Some('_');
        pos += 1;
    }
    if pos < end && s[pos] == ',' {
        return Err(both());
    }
    if pos < end && s[pos] == '.' {
        pos += 1;
        f.precision = read_int(&mut pos)?;
        if f.precision.is_none() {
            return Err(SupportError::value("Format specifier missing precision"));
        }
    }
    if end - pos > 1 {
        return Err(SupportError::value(format!(
            "Invalid format specifier '{spec}' for object of type '{type_name}'"
        )));
    }
    if end - pos == 1 {
        f.ty = Some(s[pos]);
    }
    if let Some(g) = f.grouping {
        let ok = match f.ty {
            None => true,
            Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => true,
            Some('b' | 'o' | 'x' | 'X') => g == '_',
            Some(_) => false,
        };
        if !ok {
            let t = f.ty.unwrap_or(' ');
            return Err(SupportError::value(format!(
                "Cannot specify '{g}' with {}.",
                quote_code(t)
            )));
        }
    }
    if f.width.unwrap_or(0) > MAX_WIDTH || f.precision.unwrap_or(0) > MAX_WIDTH {
        return Err(SupportError::value("width or precision too large"));
    }
    Ok(f)
}

/// `'c'` for printable ASCII codes, `'\xNN'` otherwise (CPython style).
fn quote_code(c: char) -> String {
    let n = c as u32;
    if n > 32 && n < 128 {
        format!("'{c}'")
    } else {
        format!("'\\x{n:x}'")
    }
}

fn unknown_code(c: char, type_name: &str) -> SupportError {
    SupportError::value(format!(
        "Unknown format code {} for object of type '{type_name}'",
        quote_code(c)
    ))
}

/// Insert grouping separators into `digits`, padding with zeros up to
/// `min_width` (CPython `_PyUnicode_InsertThousandsGrouping`).
fn group_digits(digits: &[char], min_width: i64, sep: Option<(char, i64)>) -> Vec<char> {
    let mut rev: Vec<char> = Vec::new();
    let mut remaining = digits.len() as i64;
    let mut min_width = min_width;
    let mut pos = digits.len();
    let mut use_sep = false;
    let emit = |rev: &mut Vec<char>, l: i64, remaining: i64, pos: &mut usize, use_sep: bool| {
        let n_zeros = (l - remaining).max(0);
        let n_chars = remaining.min(l).max(0) as usize;
        if use_sep {
            if let Some((c, _)) = sep {
                rev.push(c);
            }
        }
        rev.extend(digits[*pos - n_chars..*pos].iter().rev());
        *pos -= n_chars;
        rev.extend(std::iter::repeat_n('0', n_zeros as usize));
        n_chars as i64
    };
    if let Some((_, size)) = sep {
        loop {
            let l = size.min(remaining.max(min_width).max(1));
            remaining -= emit(&mut rev, l, remaining, &mut pos, use_sep);
            min_width -= l;
            if remaining <= 0 && min_width <= 0 {
                rev.reverse();
                return rev;
            }
            min_width -= 1;
            use_sep = true;
        }
    }
    let l = remaining.max(min_width).max(1);
    emit(&mut rev, l, remaining, &mut pos, use_sep);
    rev.reverse();
    rev
}

/// The pieces of a formatted number before padding.
struct NumParts {
    negative: bool,
    prefix: &'static str,
    /// ASCII digits.
    digits: String,
    /// Text after the digits, including the decimal point if any.
    remainder: String,
}

/// Lay out a number per CPython `calc_number_widths` + `fill_number`.
fn fill_number(f: &FormatSpec, p: NumParts, sep: Option<(char, i64)>) -> String {
    let sign = match (f.sign, p.negative) {
        (_, true) => Some('-'),
        (Some('+'), false) => Some('+'),
        (Some(' '), false) => Some(' '),
        _ => None,
    };
    let n_sign = sign.is_some() as i64;
    let n_prefix = p.prefix.len() as i64;
    let n_rem = p.remainder.chars().count() as i64;
    let width = f.width.map_or(-1, |w| w as i64);
    let non_digit = n_sign + n_prefix + n_rem;
    let min_width = if f.fill == '0' && f.align == '=' {
        width - non_digit
    } else {
        0
    };
    let grouped: std::borrow::Cow<str> = if p.digits.is_empty() {
        "".into()
    } else if sep.is_none() && min_width <= p.digits.len() as i64 {
        p.digits.as_str().into() // nothing to insert
    } else {
        let digits: Vec<char> = p.digits.chars().collect();
        group_digits(&digits, min_width, sep)
            .into_iter()
            .collect::<String>()
            .into()
    };
    let n_padding = width - (non_digit + grouped.chars().count() as i64);
    let (mut lpad, mut spad, mut rpad) = (0, 0, 0);
    if n_padding > 0 {
        match f.align {
            '<' => rpad = n_padding,
            '^' => {
                lpad = n_padding / 2;
                rpad = n_padding - lpad;
            }
            '=' => spad = n_padding,
            _ => lpad = n_padding,
        }
    }
    let mut out = String::with_capacity(grouped.len() + p.remainder.len() + 8);
    let pad = |out: &mut String, n: i64| out.extend(std::iter::repeat_n(f.fill, n as usize));
    pad(&mut out, lpad);
    if let Some(c) = sign {
        out.push(c);
    }
    out.push_str(p.prefix);
    pad(&mut out, spad);
    out.push_str(&grouped);
    out.push_str(&p.remainder);
    pad(&mut out, rpad);
    out
}

/// `format(v, spec)` for an int (`type_name` is `"int"`, or `"bool"` etc.
/// for subclasses, used in error messages).
pub fn format_int(v: &BigInt, spec: &str, type_name: &str) -> SResult<String> {
    format_int_arg(IntArg::Big(v), spec, type_name)
}

/// An int to format: a machine integer (no big-int conversions) or a big one.
#[derive(Clone, Copy)]
enum IntArg<'a> {
    Small(i64),
    Big(&'a BigInt),
}

impl IntArg<'_> {
    fn to_f64(self) -> Option<f64> {
        match self {
            IntArg::Small(n) => Some(n as f64),
            IntArg::Big(b) => b.to_f64(),
        }
    }
    fn to_i64(self) -> Option<i64> {
        match self {
            IntArg::Small(n) => Some(n),
            IntArg::Big(b) => b.to_i64(),
        }
    }
    fn negative(self) -> bool {
        match self {
            IntArg::Small(n) => n < 0,
            IntArg::Big(b) => b.sign() == Sign::Minus,
        }
    }
    /// The digits of the magnitude in `radix` (2, 8, 10 or 16), lowercase.
    fn magnitude_text(self, radix: u32) -> String {
        match self {
            IntArg::Small(n) => {
                let m = n.unsigned_abs();
                match radix {
                    2 => format!("{m:b}"),
                    8 => format!("{m:o}"),
                    16 => format!("{m:x}"),
                    _ => m.to_string(),
                }
            }
            IntArg::Big(b) => b.magnitude().to_str_radix(radix),
        }
    }
}

fn format_int_arg(v: IntArg, spec: &str, type_name: &str) -> SResult<String> {
    let f = parse_spec(spec, Some('d'), '>', type_name)?;
    let ty = f.ty.unwrap_or('d');
    match ty {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => {}
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let x = v
                .to_f64()
                .filter(|x| x.is_finite())
                .ok_or_else(|| SupportError::overflow("int too large to convert to float"))?;
            return float_with_spec(x, &f, type_name);
        }
        c => return Err(unknown_code(c, type_name)),
    }
    if f.precision.is_some() {
        return Err(SupportError::value(
            "Precision not allowed in integer format specifier",
        ));
    }
    if f.no_neg_0 {
        return Err(SupportError::value(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    if ty == 'c' {
        if f.sign.is_some() {
            return Err(SupportError::value(
                "Sign not allowed with integer format specifier 'c'",
            ));
        }
        if f.alternate {
            return Err(SupportError::value(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        let n = v
            .to_i64()
            .ok_or_else(|| SupportError::overflow("Python int too large to convert to C long"))?;
        if !(0..0x110000).contains(&n) {
            return Err(SupportError::overflow("%c arg not in range(0x110000)"));
        }
        let c = char::from_u32(n as u32).ok_or_else(|| {
            SupportError::new(
                ExcKind::ValueError,
                format!("%c arg {n:#x} is a surrogate, which this interpreter cannot store"),
            )
        })?;
        let parts = NumParts {
            negative: false,
            prefix: "",
            digits: String::new(),
            remainder: c.to_string(),
        };
        return Ok(fill_number(&f, parts, None));
    }
    let (radix, prefix) = match ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut text = v.magnitude_text(radix);
    if ty == 'X' {
        text.make_ascii_uppercase();
    }
    let sep = match (f.grouping, ty) {
        (Some(g), 'b' | 'o' | 'x' | 'X') => Some((g, 4)),
        (Some(g), _) => Some((g, 3)),
        (None, _) => None,
    };
    let parts = NumParts {
        negative: v.negative(),
        prefix: if f.alternate { prefix } else { "" },
        digits: text,
        remainder: String::new(),
    };
    Ok(fill_number(&f, parts, sep))
}

/// Convenience: [`format_int`] for a machine integer.
pub fn format_i64(v: i64, spec: &str, type_name: &str) -> SResult<String> {
    format_int_arg(IntArg::Small(v), spec, type_name)
}

/// `format(x, spec)` for a float.
pub fn format_float(x: f64, spec: &str) -> SResult<String> {
    let f = parse_spec(spec, None, '>', "float")?;
    float_with_spec(x, &f, "float")
}

fn float_with_spec(x: f64, f: &FormatSpec, type_name: &str) -> SResult<String> {
    let mut flags = DtsFlags {
        alt: f.alternate,
        ..DtsFlags::default()
    };
    let mut precision = f.precision.unwrap_or(6);
    let mut val = x;
    let (code, percent) = match f.ty {
        None => {
            flags.add_dot_0 = true;
            if f.precision.is_none() {
                precision = 0;
                ('r', false)
            } else {
                ('g', false)
            }
        }
        Some('n') => ('g', false),
        Some('%') => {
            val = x * 100.0;
            ('f', true)
        }
        Some(c @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G')) => (c, false),
        Some(c) => return Err(unknown_code(c, type_name)),
    };
    let text = double_to_string(val, code, precision, flags);
    let (mut negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    if f.no_neg_0 && negative {
        let mantissa = body.split(['e', 'E']).next().unwrap_or("");
        if mantissa.chars().all(|c| c == '0' || c == '.') {
            negative = false;
        }
    }
    let n_digits = body.chars().take_while(|c| c.is_ascii_digit()).count();
    let mut remainder = body[n_digits..].to_string();
    if percent {
        remainder.push('%');
    }
    let sep = f.grouping.map(|g| (g, 3));
    let parts = NumParts {
        negative,
        prefix: "",
        digits: body[..n_digits].to_string(),
        remainder,
    };
    Ok(fill_number(f, parts, sep))
}

/// `format(s, spec)` for a str.
pub fn format_str(s: &str, spec: &str) -> SResult<String> {
    let f = parse_spec(spec, Some('s'), '<', "str")?;
    match f.ty {
        Some('s') | None => {}
        Some(c) => return Err(unknown_code(c, "str")),
    }
    if let Some(sign) = f.sign {
        return Err(SupportError::value(if sign == ' ' {
            "Space not allowed in string format specifier"
        } else {
            "Sign not allowed in string format specifier"
        }));
    }
    if f.no_neg_0 {
        return Err(SupportError::value(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if f.alternate {
        return Err(SupportError::value(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    if f.align == '=' {
        return Err(SupportError::value(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    let len = s.chars().count();
    let (body, n) = match f.precision {
        Some(p) if p < len => {
            let cut = s.char_indices().nth(p).map_or(s.len(), |(i, _)| i);
            (&s[..cut], p)
        }
        _ => (s, len),
    };
    let padding = f.width.map_or(0, |w| w.saturating_sub(n));
    let (l, r) = match f.align {
        '>' => (padding, 0),
        '^' => (padding / 2, padding - padding / 2),
        _ => (0, padding),
    };
    let mut out = String::with_capacity(body.len() + padding);
    out.extend(std::iter::repeat_n(f.fill, l));
    out.push_str(body);
    out.extend(std::iter::repeat_n(f.fill, r));
    Ok(out)
}

#[cfg(test)]
#[path = "format_spec_tests.rs"]
mod tests;
