//! `str.format` / `str.format_map` templates, following CPython 3.11's
//! `Objects/stringlib/unicode_format.h`: literal text with `{{`/`}}`
//! escapes, replacement fields `{name.attr[key]!conv:spec}`, automatic and
//! manual numbering, nested fields inside the spec (two levels), and the
//! exact `ValueError` texts.
//!
//! [`str_format`] renders a template, calling back into the VM through
//! [`FormatArgs`] for every lookup, conversion and `format()` call, in the
//! same order as CPython (a field is parsed only after the previous one is
//! rendered).  [`MarkupIter`] and [`split_field_name`] expose the parser
//! itself (`_string.formatter_parser`, `_string.formatter_field_name_split`).

use super::error::SupportError;
use super::numparse::unicode_decimal;

/// One replacement field as written in the template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawField {
    /// The field name (`0`, `name.attr[key]`, or empty).
    pub name: String,
    /// The conversion char after `!`, if any (not validated yet).
    pub conversion: Option<char>,
    /// The format spec after `:` (may contain nested fields).
    pub spec: String,
    /// Whether `spec` contains `{` and must be rendered first.
    pub spec_needs_expanding: bool,
}

/// Iterator over `(literal text, optional field)` pairs of a template.
#[derive(Clone, Debug)]
pub struct MarkupIter {
    s: Vec<char>,
    pos: usize,
    failed: bool,
}

impl MarkupIter {
    /// Start parsing `template`.
    pub fn new(template: &str) -> Self {
        MarkupIter {
            s: template.chars().collect(),
            pos: 0,
            failed: false,
        }
    }

    fn parse_field(&mut self) -> Result<RawField, SupportError> {
        let s = &self.s;
        let end = s.len();
        let name_start = self.pos;
        let mut c = '\0';
        while self.pos < end {
            c = s[self.pos];
            self.pos += 1;
            match c {
                '{' => return Err(SupportError::value("unexpected '{' in field name")),
                '[' => {
                    while self.pos < end && s[self.pos] != ']' {
                        self.pos += 1;
                    }
                    continue;
                }
                '}' | ':' | '!' => break,
                _ => continue,
            }
        }
        let mut field = RawField {
            name: String::new(),
            conversion: None,
            spec: String::new(),
            spec_needs_expanding: false,
        };
        if c == '!' || c == ':' {
            field.name = s[name_start..self.pos - 1].iter().collect();
            if c == '!' {
                if self.pos >= end {
                    return Err(SupportError::value(
                        "end of string while looking for conversion specifier",
                    ));
                }
                field.conversion = Some(s[self.pos]);
                self.pos += 1;
                if self.pos < end {
                    let c2 = s[self.pos];
                    self.pos += 1;
                    if c2 == '}' {
                        return Ok(field);
                    }
                    if c2 != ':' {
                        return Err(SupportError::value(
                            "expected ':' after conversion specifier",
                        ));
                    }
                }
            }
            let spec_start = self.pos;
            let mut count = 1;
            while self.pos < end {
                let c3 = s[self.pos];
                self.pos += 1;
                if c3 == '{' {
                    field.spec_needs_expanding = true;
                    count += 1;
                } else if c3 == '}' {
                    count -= 1;
                    if count == 0 {
                        field.spec = s[spec_start..self.pos - 1].iter().collect();
                        return Ok(field);
                    }
                }
            }
            return Err(SupportError::value("unmatched '{' in format spec"));
        }
        if c != '}' {
            return Err(SupportError::value("expected '}' before end of string"));
        }
        field.name = s[name_start..self.pos - 1].iter().collect();
        Ok(field)
    }

    fn step(&mut self) -> Result<(String, Option<RawField>), SupportError> {
        let end = self.s.len();
        let start = self.pos;
        let mut c = '\0';
        let mut markup = false;
        while self.pos < end {
            c = self.s[self.pos];
            self.pos += 1;
            if c == '{' || c == '}' {
                markup = true;
                break;
            }
        }
        let at_end = self.pos >= end;
        let mut len = self.pos - start;
        if c == '}' && markup && (at_end || self.s[self.pos] != '}') {
            return Err(SupportError::value(
                "Single '}' encountered in format string",
            ));
        }
        if at_end && c == '{' && markup {
            return Err(SupportError::value(
                "Single '{' encountered in format string",
            ));
        }
        if markup && !at_end {
            if self.s[self.pos] == c {
                self.pos += 1;
                markup = false;
            } else {
                len -= 1;
            }
        }
        let literal: String = self.s[start..start + len].iter().collect();
        if !markup {
            return Ok((literal, None));
        }
        let field = self.parse_field()?;
        Ok((literal, Some(field)))
    }
}

impl Iterator for MarkupIter {
    type Item = Result<(String, Option<RawField>), SupportError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.pos >= self.s.len() {
            return None;
        }
        let r = self.step();
        self.failed = r.is_err();
        Some(r)
    }
}

/// The first part of a field name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldFirst {
    /// `{}`: automatic numbering.
    Auto,
    /// `{3}`: a positional index (Unicode decimal digits allowed).
    Index(usize),
    /// `{name}`: a keyword.
    Name(String),
}

/// One `.attr` or `[key]` accessor after the first part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldPart {
    /// `.name`
    Attr(String),
    /// `[3]`: an integer index.
    Index(usize),
    /// `[key]`: a string key.
    Key(String),
}

/// CPython `get_integer`: `Ok(None)` if not all decimal digits.
fn get_integer(s: &[char]) -> Result<Option<usize>, SupportError> {
    if s.is_empty() {
        return Ok(None);
    }
    let mut acc: usize = 0;
    for &c in s {
        let Some(d) = unicode_decimal(c) else {
            return Ok(None);
        };
        acc = acc
            .checked_mul(10)
            .and_then(|a| a.checked_add(d as usize))
            .filter(|&a| a <= isize::MAX as usize)
            .ok_or_else(|| SupportError::value("Too many decimal digits in format string"))?;
    }
    Ok(Some(acc))
}

/// Iterator over the accessors of a field name (after the first part);
/// errors surface lazily, in CPython's order.
#[derive(Clone, Debug)]
pub struct FieldParts {
    s: Vec<char>,
    pos: usize,
    failed: bool,
}

impl FieldParts {
    fn step(&mut self) -> Result<FieldPart, SupportError> {
        let s = &self.s;
        let c = s[self.pos];
        self.pos += 1;
        let empty = || SupportError::value("Empty attribute in format string");
        match c {
            '.' => {
                let start = self.pos;
                while self.pos < s.len() && s[self.pos] != '.' && s[self.pos] != '[' {
                    self.pos += 1;
                }
                if start == self.pos {
                    return Err(empty());
                }
                Ok(FieldPart::Attr(s[start..self.pos].iter().collect()))
            }
            '[' => {
                let start = self.pos;
                while self.pos < s.len() && s[self.pos] != ']' {
                    self.pos += 1;
                }
                if self.pos >= s.len() {
                    return Err(SupportError::value("Missing ']' in format string"));
                }
                let key = &s[start..self.pos];
                self.pos += 1;
                if key.is_empty() {
                    return Err(empty());
                }
                Ok(match get_integer(key)? {
                    Some(i) => FieldPart::Index(i),
                    None => FieldPart::Key(key.iter().collect()),
                })
            }
            _ => Err(SupportError::value(
                "Only '.' or '[' may follow ']' in format field specifier",
            )),
        }
    }
}

impl Iterator for FieldParts {
    type Item = Result<FieldPart, SupportError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.pos >= self.s.len() {
            return None;
        }
        let r = self.step();
        self.failed = r.is_err();
        Some(r)
    }
}

/// Split a field name into its first part and an iterator over the
/// accessors (`_string.formatter_field_name_split`).
pub fn split_field_name(name: &str) -> Result<(FieldFirst, FieldParts), SupportError> {
    let s: Vec<char> = name.chars().collect();
    let first_end = s
        .iter()
        .position(|&c| c == '.' || c == '[')
        .unwrap_or(s.len());
    let first = match get_integer(&s[..first_end])? {
        Some(i) => FieldFirst::Index(i),
        None if first_end == 0 => FieldFirst::Auto,
        None => FieldFirst::Name(s[..first_end].iter().collect()),
    };
    let parts = FieldParts {
        s,
        pos: first_end,
        failed: false,
    };
    Ok((first, parts))
}

/// The VM side of `str.format`.
pub trait FormatArgs {
    /// A (rooted) Python value handle.
    type Value;
    /// The VM's exception type.
    type Error: From<SupportError>;
    /// `args[index]`, or `Ok(None)` when out of range (the engine raises
    /// the IndexError).  `format_map` should raise
    /// `ValueError("Format string contains positional fields")`.
    fn positional(&mut self, index: usize) -> Result<Option<Self::Value>, Self::Error>;
    /// `kwargs[name]` (raising `KeyError(name)` when missing).
    fn keyword(&mut self, name: &str) -> Result<Self::Value, Self::Error>;
    /// `getattr(obj, name)`.
    fn getattr(&mut self, obj: Self::Value, name: &str) -> Result<Self::Value, Self::Error>;
    /// `obj[index]` with an int index.
    fn getitem_index(&mut self, obj: Self::Value, index: usize)
        -> Result<Self::Value, Self::Error>;
    /// `obj[key]` with a str key.
    fn getitem_key(&mut self, obj: Self::Value, key: &str) -> Result<Self::Value, Self::Error>;
    /// `!r` (`repr`), `!s` (`str`) or `!a` (`ascii`).
    fn convert(&mut self, obj: Self::Value, conversion: char) -> Result<Self::Value, Self::Error>;
    /// `format(obj, spec)`.
    fn format(&mut self, obj: Self::Value, spec: &str) -> Result<String, Self::Error>;
}

/// Auto-numbering state shared by a template and its nested specs.
#[derive(Default)]
struct Numbering {
    state: Option<bool>, // Some(true) = automatic, Some(false) = manual
    next: usize,
}

/// `template.format(*args, **kwargs)`.
pub fn str_format<A: FormatArgs + ?Sized>(
    template: &str,
    args: &mut A,
) -> Result<String, A::Error> {
    let mut numbering = Numbering::default();
    let mut out = String::with_capacity(template.len() + 16);
    build(template, args, 2, &mut numbering, &mut out)?;
    Ok(out)
}

fn build<A: FormatArgs + ?Sized>(
    template: &str,
    args: &mut A,
    depth: u32,
    numbering: &mut Numbering,
    out: &mut String,
) -> Result<(), A::Error> {
    if depth == 0 {
        return Err(SupportError::value("Max string recursion exceeded").into());
    }
    for item in MarkupIter::new(template) {
        let (literal, field) = item?;
        out.push_str(&literal);
        let Some(field) = field else { continue };
        let obj = field_object(&field.name, args, numbering)?;
        let obj = match field.conversion {
            None => obj,
            Some(c @ ('r' | 's' | 'a')) => args.convert(obj, c)?,
            Some(c) => {
                let n = c as u32;
                let msg = if n > 32 && n < 127 {
                    format!("Unknown conversion specifier {c}")
                } else {
                    format!("Unknown conversion specifier \\x{n:x}")
                };
                return Err(SupportError::value(msg).into());
            }
        };
        let spec = if field.spec_needs_expanding {
            let mut s = String::new();
            build(&field.spec, args, depth - 1, numbering, &mut s)?;
            s
        } else {
            field.spec
        };
        out.push_str(&args.format(obj, &spec)?);
    }
    Ok(())
}

fn field_object<A: FormatArgs + ?Sized>(
    name: &str,
    args: &mut A,
    numbering: &mut Numbering,
) -> Result<A::Value, A::Error> {
    let (first, parts) = split_field_name(name)?;
    let index = match first {
        FieldFirst::Auto => {
            if numbering.state == Some(false) {
                return Err(SupportError::value(
                    "cannot switch from manual field specification to automatic field numbering",
                )
                .into());
            }
            numbering.state = Some(true);
            numbering.next += 1;
            Some(numbering.next - 1)
        }
        FieldFirst::Index(i) => {
            if numbering.state == Some(true) {
                return Err(SupportError::value(
                    "cannot switch from automatic field numbering to manual field specification",
                )
                .into());
            }
            numbering.state = Some(false);
            Some(i)
        }
        FieldFirst::Name(_) => None,
    };
    let mut obj = match (index, &first) {
        (Some(i), _) => args.positional(i)?.ok_or_else(|| {
            SupportError::index(format!(
                "Replacement index {i} out of range for positional args tuple"
            ))
        })?,
        (None, FieldFirst::Name(n)) => args.keyword(n)?,
        (None, _) => return Err(SupportError::value("bad field name").into()),
    };
    for part in parts {
        obj = match part? {
            FieldPart::Attr(a) => args.getattr(obj, &a)?,
            FieldPart::Index(i) => args.getitem_index(obj, i)?,
            FieldPart::Key(k) => args.getitem_key(obj, &k)?,
        };
    }
    Ok(obj)
}

#[cfg(test)]
#[path = "strformat_tests.rs"]
mod tests;
