//! The printf-style `str % args` engine (CPython 3.11 `PyUnicode_Format`).
//!
//! The engine parses the format, keeps CPython's argument bookkeeping and
//! lays out every conversion; the VM supplies the arguments through the
//! [`PercentArgs`] trait, which keeps every call into Python code
//! (`__str__`, `__repr__`, `__index__`, `__float__`, `__getitem__`) in the
//! VM.  Usage:
//!
//! ```ignore
//! struct VmArgs<'a> { vm: &'a mut Vm, args: PyRef, key_value: Option<PyRef> }
//! impl PercentArgs for VmArgs<'_> { type Error = PyErr; /* ... */ }
//! let s: Result<String, PyErr> = percent_format(fmt, &mut VmArgs { ... });
//! ```
//!
//! Argument model (exactly CPython's): if the right operand is a tuple,
//! conversions consume `args[0]`, `args[1]`, ... ([`ArgRef::Index`]);
//! otherwise the operand itself is the single argument ([`ArgRef::Whole`]).
//! `%(key)` looks `key` up in the operand (which must be a mapping) and the
//! *next* argument fetched is that value ([`ArgRef::Keyed`]).
//!
//! What [`PercentArgs::convert`] must return for each conversion char:
//! - `s` / `r` / `a`: `PercentArg::Str(str(v) / repr(v) / ascii(v))`.
//! - `d` `i` `u`: `PercentArg::Int(int(v))` for ints, or
//!   `PercentArg::Float(x)` for floats (the engine truncates exactly and
//!   raises CPython's errors for NaN/infinity); otherwise
//!   `TypeError("%d format: a real number is required, not str")` (with
//!   the actual conversion char).
//! - `o` `x` `X`: `PercentArg::Int(v.__index__())`, otherwise
//!   `TypeError("%x format: an integer is required, not float")`.
//! - `e E f F g G`: `PercentArg::Float(float(v))`, otherwise
//!   `TypeError("must be real number, not str")`; ints too large give
//!   `OverflowError("int too large to convert to float")`.
//! - `c`: `PercentArg::Int(v)` for ints, `PercentArg::Str(s)` for str,
//!   otherwise `TypeError("%c requires int or char")` (the engine checks the
//!   range and the string length).
//!
//! Errors produced by the engine itself come as [`SupportError`] converted
//! into the VM's error type through `From`.

use super::error::{ExcKind, SupportError};
use super::float_repr::{double_to_string, DtsFlags};
use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

/// A converted argument, as produced by [`PercentArgs::convert`].
#[derive(Clone, Debug, PartialEq)]
pub enum PercentArg {
    /// An integer (for `d i u o x X c`).
    Int(BigInt),
    /// A float (for `e E f F g G`).
    Float(f64),
    /// Text (for `s r a`, or a one-character string for `c`).
    Str(String),
}

/// Which argument a conversion refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgRef {
    /// Item `i` of the tuple operand.
    Index(usize),
    /// The (non-tuple) operand itself.
    Whole,
    /// The value found by the latest [`PercentArgs::lookup_key`].
    Keyed,
}

/// The VM side of `%` formatting.  See the module docs for the contract.
pub trait PercentArgs {
    /// The VM's exception type.
    type Error: From<SupportError>;
    /// `Some(len)` if the right operand is a tuple, `None` otherwise.
    fn tuple_len(&self) -> Option<usize>;
    /// Whether the right operand counts as a mapping (CPython:
    /// `PyMapping_Check(args) && !tuple && !str`, so lists count too).
    fn is_mapping(&self) -> bool;
    /// `%(key)`: evaluate `operand[key]` and remember it as
    /// [`ArgRef::Keyed`] (errors such as `KeyError` propagate).
    fn lookup_key(&mut self, key: &str) -> Result<(), Self::Error>;
    /// Convert argument `arg` for conversion `conv` (see module docs).
    fn convert(&mut self, arg: ArgRef, conv: char) -> Result<PercentArg, Self::Error>;
    /// The value of a `*` width (`is_precision == false`) or precision.
    /// Must raise `TypeError("* wants int")` for non-ints and CPython's
    /// `OverflowError` ("Python int too large to convert to C ssize_t" /
    /// "... C int") when it does not fit.
    fn star(&mut self, arg: ArgRef, is_precision: bool) -> Result<i64, Self::Error>;
}

/// Bound on widths/precisions to keep allocations sane; CPython would
/// attempt the allocation and raise MemoryError.
const MAX_FIELD: i64 = 1 << 28;

/// CPython's argument cursor (`arglen`, `argidx`).
struct Cursor {
    arglen: i64,
    argidx: i64,
    keyed: bool,
}

impl Cursor {
    fn next(&mut self) -> Result<ArgRef, SupportError> {
        if self.argidx < self.arglen {
            let idx = self.argidx;
            self.argidx += 1;
            if self.arglen < 0 {
                return Ok(if self.keyed {
                    ArgRef::Keyed
                } else {
                    ArgRef::Whole
                });
            }
            return Ok(ArgRef::Index(idx as usize));
        }
        Err(SupportError::type_error(
            "not enough arguments for format string",
        ))
    }
}

/// Flags and sizes of one conversion.
#[derive(Default)]
struct Spec {
    ljust: bool,
    sign: bool,
    blank: bool,
    alt: bool,
    zero: bool,
    width: Option<i64>,
    prec: Option<i64>,
}

/// Format `fmt % args`.  Errors are CPython's (`ValueError`s for bad
/// formats, `TypeError`s for argument count problems) or whatever the VM's
/// callbacks raise.
pub fn percent_format<A: PercentArgs + ?Sized>(
    fmt: &str,
    args: &mut A,
) -> Result<String, A::Error> {
    let chars: Vec<char> = fmt.chars().collect();
    let n = chars.len();
    let mapping = args.is_mapping();
    let mut cur = match args.tuple_len() {
        Some(len) => Cursor {
            arglen: len as i64,
            argidx: 0,
            keyed: false,
        },
        None => Cursor {
            arglen: -1,
            argidx: -2,
            keyed: false,
        },
    };
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut pos = 0;
    let incomplete = || SupportError::value("incomplete format");
    while pos < n {
        if chars[pos] != '%' {
            out.push(chars[pos]);
            pos += 1;
            continue;
        }
        pos += 1;
        if pos < n && chars[pos] == '%' {
            out.push('%');
            pos += 1;
            continue;
        }
        if pos < n && chars[pos] == '(' {
            if !mapping {
                return Err(SupportError::type_error("format requires a mapping").into());
            }
            pos += 1;
            let start = pos;
            let mut depth = 1;
            while pos < n && depth > 0 {
                match chars[pos] {
                    ')' => depth -= 1,
                    '(' => depth += 1,
                    _ => {}
                }
                pos += 1;
            }
            if depth > 0 {
                return Err(SupportError::value("incomplete format key").into());
            }
            let key: String = chars[start..pos - 1].iter().collect();
            args.lookup_key(&key)?;
            cur = Cursor {
                arglen: -1,
                argidx: -2,
                keyed: true,
            };
        }
        let mut sp = Spec::default();
        while pos < n {
            match chars[pos] {
                '-' => sp.ljust = true,
                '+' => sp.sign = true,
                ' ' => sp.blank = true,
                '#' => sp.alt = true,
                '0' => sp.zero = true,
                _ => break,
            }
            pos += 1;
        }
        if pos < n && chars[pos] == '*' {
            let r = cur.next()?;
            let mut w = args.star(r, false)?;
            if w < 0 {
                sp.ljust = true;
                w = w.saturating_neg();
            }
            sp.width = Some(w);
            pos += 1;
        } else if pos < n && chars[pos].is_ascii_digit() {
            sp.width = Some(read_number(&chars, &mut pos, "width too big")?);
        }
        if pos < n && chars[pos] == '.' {
            pos += 1;
            sp.prec = Some(0);
            if pos < n && chars[pos] == '*' {
                let r = cur.next()?;
                sp.prec = Some(args.star(r, true)?.max(0));
                pos += 1;
            } else if pos < n && chars[pos].is_ascii_digit() {
                let p = read_number(&chars, &mut pos, "precision too big")?;
                if p > i32::MAX as i64 {
                    return Err(SupportError::value("precision too big").into());
                }
                sp.prec = Some(p);
            }
        }
        if pos < n && matches!(chars[pos], 'h' | 'l' | 'L') {
            pos += 1;
        }
        if pos >= n {
            return Err(incomplete().into());
        }
        let conv = chars[pos];
        pos += 1;
        if sp.width.unwrap_or(0) > MAX_FIELD || sp.prec.unwrap_or(0) > MAX_FIELD {
            return Err(
                SupportError::new(ExcKind::ValueError, "width or precision too large").into(),
            );
        }
        let arg = cur.next()?;
        let (body, numeric) = match conv {
            's' | 'r' | 'a' => {
                let s = expect_str(args.convert(arg, conv)?)?;
                match sp.prec {
                    Some(p) => (s.chars().take(p as usize).collect(), false),
                    None => (s, false),
                }
            }
            'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
                let v = match args.convert(arg, conv)? {
                    PercentArg::Int(v) => v,
                    PercentArg::Float(f) => float_to_int(f)?,
                    PercentArg::Str(_) => {
                        return Err(SupportError::type_error(format!(
                            "%{conv} format: a real number is required, not str"
                        ))
                        .into())
                    }
                };
                (format_long(&v, conv, sp.alt, sp.prec), true)
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let x = match args.convert(arg, conv)? {
                    PercentArg::Float(x) => x,
                    PercentArg::Int(v) => {
                        v.to_f64().filter(|x| x.is_finite()).ok_or_else(|| {
                            SupportError::overflow("int too large to convert to float")
                        })?
                    }
                    PercentArg::Str(_) => {
                        return Err(SupportError::type_error("must be real number, not str").into())
                    }
                };
                let flags = DtsFlags {
                    alt: sp.alt,
                    ..DtsFlags::default()
                };
                (
                    double_to_string(x, conv, sp.prec.unwrap_or(6) as usize, flags),
                    true,
                )
            }
            'c' => (format_char(args.convert(arg, conv)?)?, false),
            _ => {
                let shown = if (' '..='~').contains(&conv) {
                    conv
                } else {
                    '?'
                };
                return Err(SupportError::value(format!(
                    "unsupported format character '{shown}' (0x{:x}) at index {}",
                    conv as u32,
                    pos - 1
                ))
                .into());
            }
        };
        output(&mut out, &sp, conv, &body, numeric);
    }
    if cur.argidx < cur.arglen && !mapping {
        return Err(SupportError::type_error(
            "not all arguments converted during string formatting",
        )
        .into());
    }
    Ok(out)
}

/// Read a decimal number at `pos`, failing with `msg` past `isize::MAX`.
fn read_number(chars: &[char], pos: &mut usize, msg: &str) -> Result<i64, SupportError> {
    let mut v: i64 = 0;
    while *pos < chars.len() && chars[*pos].is_ascii_digit() {
        let d = chars[*pos] as i64 - '0' as i64;
        v = v
            .checked_mul(10)
            .and_then(|v| v.checked_add(d))
            .ok_or_else(|| SupportError::value(msg))?;
        *pos += 1;
    }
    Ok(v)
}

fn expect_str(a: PercentArg) -> Result<String, SupportError> {
    match a {
        PercentArg::Str(s) => Ok(s),
        PercentArg::Int(v) => Ok(v.to_string()),
        PercentArg::Float(x) => Ok(super::float_repr::repr(x)),
    }
}

/// Truncate a float to an int as `int(x)` does (for `%d` of a float).
fn float_to_int(f: f64) -> Result<BigInt, SupportError> {
    if f.is_nan() {
        return Err(SupportError::value("cannot convert float NaN to integer"));
    }
    num_traits::FromPrimitive::from_f64(f.trunc())
        .ok_or_else(|| SupportError::overflow("cannot convert float infinity to integer"))
}

/// `%c`: an int code point or a one-character string.
fn format_char(a: PercentArg) -> Result<String, SupportError> {
    match a {
        PercentArg::Int(v) => {
            let code = v
                .to_u32()
                .filter(|&c| c < 0x110000)
                .ok_or_else(|| SupportError::overflow("%c arg not in range(0x110000)"))?;
            char::from_u32(code).map(String::from).ok_or_else(|| {
                SupportError::value(format!(
                    "%c arg {code:#x} is a surrogate, which this interpreter cannot store"
                ))
            })
        }
        PercentArg::Str(s) if s.chars().count() == 1 => Ok(s),
        _ => Err(SupportError::type_error("%c requires int or char")),
    }
}

/// CPython `_PyUnicode_FormatLong`: sign, `0x`/`0o` prefix under `#`,
/// digits zero-extended to the precision.
fn format_long(v: &BigInt, conv: char, alt: bool, prec: Option<i64>) -> String {
    let (radix, prefix) = match conv {
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = v.magnitude().to_str_radix(radix);
    if conv == 'X' {
        digits.make_ascii_uppercase();
    }
    let mut s = String::new();
    if v.sign() == Sign::Minus {
        s.push('-');
    }
    if alt {
        s.push_str(prefix);
    }
    let p = prec.unwrap_or(0).max(0) as usize;
    for _ in digits.len()..p {
        s.push('0');
    }
    s.push_str(&digits);
    s
}

/// CPython `unicode_format_arg_output`: sign, prefix and padding.
fn output(out: &mut String, sp: &Spec, conv: char, body: &str, numeric: bool) {
    let chars: Vec<char> = body.chars().collect();
    let mut idx = 0;
    let mut len = chars.len() as i64;
    let fill = if numeric && sp.zero { '0' } else { ' ' };
    let mut signchar = None;
    if numeric {
        if let Some(&c @ ('-' | '+')) = chars.first() {
            signchar = Some(c);
            len -= 1;
            idx += 1;
        } else if sp.sign {
            signchar = Some('+');
        } else if sp.blank {
            signchar = Some(' ');
        }
    }
    let mut width = sp.width.unwrap_or(-1).max(len);
    if let Some(sc) = signchar {
        if fill != ' ' {
            out.push(sc);
        }
        if width > len {
            width -= 1;
        }
    }
    let has_prefix = numeric && sp.alt && matches!(conv, 'x' | 'X' | 'o');
    if has_prefix {
        if fill != ' ' {
            out.extend(&chars[idx..idx + 2]);
            idx += 2;
        }
        width = (width - 2).max(0);
        len -= 2;
    }
    if width > len && !sp.ljust {
        out.extend(std::iter::repeat_n(fill, (width - len) as usize));
        width = len;
    }
    if fill == ' ' {
        if let Some(sc) = signchar {
            out.push(sc);
        }
        if has_prefix {
            out.extend(&chars[idx..idx + 2]);
            idx += 2;
        }
    }
    out.extend(&chars[idx..]);
    if width > len {
        out.extend(std::iter::repeat_n(' ', (width - len) as usize));
    }
}

#[cfg(test)]
#[path = "percent_tests.rs"]
mod tests;
