//! Complex numbers: `[type][re: f64][im: f64]`, arithmetic following
//! CPython's `complexobject.c` (division, integer and general powers,
//! repr, hash, string parsing).

use super::layout::*;
use super::value::Value;
use super::{N, T};
use crate::compile::bytecode::*;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};

/// Offsets of the two parts.
const RE_OFF: usize = 16;
const IM_OFF: usize = 24;

/// A complex value as a pair.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct C {
    pub re: f64,
    pub im: f64,
}

impl C {
    pub fn new(re: f64, im: f64) -> C {
        C { re, im }
    }
}

pub fn c_add(a: C, b: C) -> C {
    C::new(a.re + b.re, a.im + b.im)
}
pub fn c_sub(a: C, b: C) -> C {
    C::new(a.re - b.re, a.im - b.im)
}
pub fn c_mul(a: C, b: C) -> C {
    C::new(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
}
/// `a / b`; None on division by zero.
pub fn c_div(a: C, b: C) -> Option<C> {
    let abs_br = b.re.abs();
    let abs_bi = b.im.abs();
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return None;
        }
        let ratio = b.im / b.re;
        let denom = b.re + b.im * ratio;
        Some(C::new(
            (a.re + a.im * ratio) / denom,
            (a.im - a.re * ratio) / denom,
        ))
    } else if abs_bi >= abs_br {
        let ratio = b.re / b.im;
        let denom = b.re * ratio + b.im;
        Some(C::new(
            (a.re * ratio + a.im) / denom,
            (a.im * ratio - a.re) / denom,
        ))
    } else {
        Some(C::new(f64::NAN, f64::NAN))
    }
}

fn c_powu(x: C, n: i64) -> C {
    let mut r = C::new(1.0, 0.0);
    let mut p = x;
    let mut mask: i64 = 1;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = c_mul(r, p);
        }
        mask <<= 1;
        p = c_mul(p, p);
    }
    r
}

/// `a ** b`; Err(true) for a zero-division domain error, Err(false) for overflow.
pub fn c_pow(a: C, b: C) -> Result<C, bool> {
    let r = if b.im == 0.0 && b.re == b.re.floor() && b.re.abs() <= 100.0 {
        let n = b.re as i64;
        if n > 0 {
            c_powu(a, n)
        } else {
            c_div(C::new(1.0, 0.0), c_powu(a, -n)).ok_or(true)?
        }
    } else if b.re == 0.0 && b.im == 0.0 {
        C::new(1.0, 0.0)
    } else if a.re == 0.0 && a.im == 0.0 {
        if b.im != 0.0 || b.re < 0.0 {
            return Err(true);
        }
        C::new(0.0, 0.0)
    } else {
        let vabs = a.re.hypot(a.im);
        let mut len = vabs.powf(b.re);
        let at = a.im.atan2(a.re);
        let mut phase = at * b.re;
        if b.im != 0.0 {
            len /= (at * b.im).exp();
            phase += b.im * vabs.ln();
        }
        C::new(len * phase.cos(), len * phase.sin())
    };
    if r.re.is_infinite() || r.im.is_infinite() {
        return Err(false);
    }
    Ok(r)
}

/// `repr(float)` without a trailing `.0` (CPython's 'r' format, no flags).
fn part_repr(f: f64) -> String {
    let s = crate::vm::repr::float_repr(f);
    match s.strip_suffix(".0") {
        Some(t) => t.to_string(),
        None => s,
    }
}

/// `repr(complex)`.
pub fn complex_repr(c: C) -> String {
    if c.re == 0.0 && c.re.is_sign_positive() {
        return format!("{}j", part_repr(c.im));
    }
    let im = part_repr(c.im);
    let im = if im.starts_with('-') {
        im
    } else {
        format!("+{im}")
    };
    format!("({}{}j)", part_repr(c.re), im)
}

/// Length of the float literal starting at `i` (sign included), if any.
fn scan_float(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    if matches!(b.get(j), Some(b'+' | b'-')) {
        j += 1;
    }
    let rest = &b[j..];
    let lower: Vec<u8> = rest
        .iter()
        .take(8)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    for w in [&b"infinity"[..], b"inf", b"nan"] {
        if lower.starts_with(w) {
            return Some(j + w.len() - i);
        }
    }
    let digits = |b: &[u8], mut k: usize| {
        let s = k;
        while k < b.len() && (b[k].is_ascii_digit() || (b[k] == b'_' && k > s)) {
            k += 1;
        }
        k
    };
    let k0 = j;
    let mut k = digits(b, j);
    let int_digits = k > k0;
    let mut frac = false;
    if b.get(k) == Some(&b'.') {
        let k2 = digits(b, k + 1);
        frac = k2 > k + 1;
        k = k2;
    }
    if !int_digits && !frac {
        return None;
    }
    if matches!(b.get(k), Some(b'e' | b'E')) {
        let mut e = k + 1;
        if matches!(b.get(e), Some(b'+' | b'-')) {
            e += 1;
        }
        let e2 = digits(b, e);
        if e2 > e {
            k = e2;
        }
    }
    Some(k - i)
}

/// Parses `complex(str)`; None when malformed.
pub fn parse_complex(s: &str) -> Option<C> {
    let t = s.trim();
    let t = match t.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        Some(x) => x.trim(),
        None => t,
    };
    let b = t.as_bytes();
    if b.is_empty() {
        return None;
    }
    let num = |a: usize, n: usize| crate::support::numparse::parse_float(&t[a..a + n]);
    let is_j = |c: Option<&u8>| matches!(c, Some(b'j' | b'J'));
    match scan_float(b, 0) {
        Some(n) => {
            let x = num(0, n)?;
            let e = n;
            if e == b.len() {
                return Some(C::new(x, 0.0));
            }
            if is_j(b.get(e)) && e + 1 == b.len() {
                return Some(C::new(0.0, x));
            }
            if matches!(b[e], b'+' | b'-') {
                if let Some(m) = scan_float(b, e) {
                    if m > 1 && is_j(b.get(e + m)) && e + m + 1 == b.len() {
                        return Some(C::new(x, num(e, m)?));
                    }
                }
                if is_j(b.get(e + 1)) && e + 2 == b.len() {
                    return Some(C::new(x, if b[e] == b'-' { -1.0 } else { 1.0 }));
                }
            }
            None
        }
        None => match t {
            "j" | "J" | "+j" | "+J" => Some(C::new(0.0, 1.0)),
            "-j" | "-J" => Some(C::new(0.0, -1.0)),
            _ => None,
        },
    }
}

impl Vm {
    /// A new complex.
    pub fn new_complex(&mut self, re: f64, im: f64) -> Value {
        let ty = self.ty(T::Complex);
        let o = self.alloc_rec(Kind::Complex, ty);
        o.set_f64_at(RE_OFF, re);
        o.set_f64_at(IM_OFF, im);
        Value::from_obj(o)
    }
    /// Is `v` a complex (or subclass instance)?
    pub fn is_complex(v: Value) -> bool {
        Vm::is_kind(v, Kind::Complex)
    }
    /// The parts of a complex object.
    pub fn complex_val(v: Value) -> C {
        v.obj()
            .map(|o| C::new(o.f64_at(RE_OFF), o.f64_at(IM_OFF)))
            .unwrap_or(C::new(0.0, 0.0))
    }
    fn new_c(&mut self, c: C) -> Value {
        self.new_complex(c.re, c.im)
    }

    /// int / float / complex as a complex; None for anything else.
    fn as_c(&mut self, v: Value) -> PyResult<Option<C>> {
        if Vm::is_complex(v) {
            return Ok(Some(Vm::complex_val(v)));
        }
        if Vm::is_float(v) || Vm::is_intlike(v) {
            return Ok(Some(C::new(self.to_f64(v)?, 0.0)));
        }
        Ok(None)
    }

    /// Binary arithmetic when either side is complex (None: not handled).
    pub fn complex_binary(&mut self, a: Value, b: Value, op: u32) -> PyResult<Option<Value>> {
        if !Vm::is_complex(a) && !Vm::is_complex(b) {
            return Ok(None);
        }
        let (Some(x), Some(y)) = (self.as_c(a)?, self.as_c(b)?) else {
            return Ok(None);
        };
        let r = match op {
            B_ADD => c_add(x, y),
            B_SUB => c_sub(x, y),
            B_MUL => c_mul(x, y),
            B_TRUEDIV => match c_div(x, y) {
                Some(r) => r,
                None => {
                    return Err(self.raise_msg(T::ZeroDivisionError, "complex division by zero"))
                }
            },
            B_POW => match c_pow(x, y) {
                Ok(r) => r,
                Err(true) => {
                    return Err(
                        self.raise_msg(T::ZeroDivisionError, "0.0 to a negative or complex power")
                    )
                }
                Err(false) => {
                    return Err(self.raise_msg(T::OverflowError, "complex exponentiation"))
                }
            },
            _ => return Ok(None),
        };
        Ok(Some(self.new_c(r)))
    }

    /// `float ** float` with a negative base and a fractional exponent.
    pub fn complex_from_float_pow(&mut self, x: f64, y: f64) -> PyResult {
        match c_pow(C::new(x, 0.0), C::new(y, 0.0)) {
            Ok(r) => Ok(self.new_c(r)),
            Err(_) => Err(self.raise_msg(T::OverflowError, "complex exponentiation")),
        }
    }

    /// `==` / `!=` when either side is complex (None: not handled).
    pub fn complex_compare(&mut self, a: Value, b: Value, op: u32) -> PyResult<Option<Value>> {
        if !Vm::is_complex(a) && !Vm::is_complex(b) {
            return Ok(None);
        }
        if op != C_EQ && op != C_NE {
            return Ok(None);
        }
        let (x, y) = (self.as_c(a)?, self.as_c(b)?);
        let (Some(x), Some(y)) = (x, y) else {
            return Ok(None);
        };
        // big ints compare exactly against the real part
        let eq = if Vm::is_bigint(a) || Vm::is_bigint(b) {
            let (c, i) = if Vm::is_bigint(a) { (y, a) } else { (x, b) };
            c.im == 0.0 && c.re.is_finite() && {
                let f = c.re;
                f.fract() == 0.0 && num_bigint::BigInt::from(f as i128) == Vm::to_big(i)
                    || (f.abs() >= 1e38
                        && num_traits::ToPrimitive::to_f64(&Vm::to_big(i)) == Some(f))
            }
        } else {
            x == y
        };
        Ok(Some(Value::bool(eq == (op == C_EQ))))
    }

    /// `hash(complex)`.
    pub fn complex_hash(v: Value) -> i64 {
        let c = Vm::complex_val(v);
        let f = |x: f64| crate::support::numhash::hash_float(x).unwrap_or(0);
        crate::vm::hashing::complex_hash(f(c.re), f(c.im))
    }

    /// `-c`, `+c`.
    pub fn complex_unary(&mut self, a: Value, op: u32) -> Option<Value> {
        if !Vm::is_complex(a) {
            return None;
        }
        let c = Vm::complex_val(a);
        match op {
            U_NEG => Some(self.new_complex(-c.re, -c.im)),
            U_POS => Some(self.new_complex(c.re, c.im)),
            _ => None,
        }
    }

    /// Argument conversion for cmath functions.
    pub fn to_complex(&mut self, v: Value) -> PyResult<C> {
        if let Some(c) = self.as_c(v)? {
            return Ok(c);
        }
        let t = self.type_of(v);
        let cn = self.intern("__complex__");
        if self.type_lookup(t, cn).is_some() {
            return self.complex_arg(v, true);
        }
        self.to_f64(v).map(|f| C::new(f, 0.0))
    }

    fn complex_arg(&mut self, v: Value, first: bool) -> PyResult<C> {
        if let Some(c) = self.as_c(v)? {
            return Ok(c);
        }
        let t = self.type_of(v);
        let cn = self.intern("__complex__");
        if let Some(f) = self.type_lookup(t, cn) {
            let r = self.call_with_self(f, v, &[], Value::NULL)?;
            if Vm::is_complex(r) {
                return Ok(Vm::complex_val(r));
            }
            let msg = format!(
                "__complex__ returned non-complex (type {})",
                self.type_name_of(r)
            );
            return Err(self.raise_msg(T::TypeError, &msg));
        }
        if self.type_lookup_n(t, N::FloatD).is_some() || self.type_lookup_n(t, N::Index).is_some() {
            return Ok(C::new(self.to_f64(v)?, 0.0));
        }
        let msg = if first {
            format!(
                "complex() first argument must be a string or a number, not '{}'",
                self.type_name_of(v)
            )
        } else {
            format!(
                "complex() second argument must be a number, not '{}'",
                self.type_name_of(v)
            )
        };
        Err(self.raise_msg(T::TypeError, &msg))
    }
}

fn complex_new<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    // argument 0 is the type; keywords real= / imag=; the indices of the
    // real and imag arguments (read through `a`: rooted across calls)
    let npos = a.npos() - 1;
    let (mut real, mut imag) = (None, None);
    if npos > 2 {
        let msg = format!(
            "complex() takes at most 2 arguments ({} given)",
            a.len() - 1
        );
        return Err(vm.raise_msg(T::TypeError, &msg));
    }
    if npos >= 1 {
        real = Some(1);
    }
    if npos >= 2 {
        imag = Some(2);
    }
    for i in 0..a.nkw() {
        let names = a.kwnames_v(vm);
        let name = Vm::as_str(Vm::tuple_get(names, i)).to_string();
        let v = Some(1 + npos + i);
        match name.as_str() {
            "real" if real.is_none() => real = v,
            "imag" if imag.is_none() => imag = v,
            "real" | "imag" => {
                let msg = format!(
                    "argument for complex() given by name ('{name}') and position ({})",
                    if name == "real" { 1 } else { 2 }
                );
                return Err(vm.raise_msg(T::TypeError, &msg));
            }
            _ => {
                let msg = format!("'{name}' is an invalid keyword argument for complex()");
                return Err(vm.raise_msg(T::TypeError, &msg));
            }
        }
    }
    let real_v = real.map_or(Value::int(0), |i| a.v(vm, i));
    if Vm::is_str(real_v) {
        if imag.is_some() {
            return Err(vm.raise_msg(
                T::TypeError,
                "complex() can't take second arg if first is a string",
            ));
        }
        return match parse_complex(Vm::as_str(real_v)) {
            Some(c) => Ok(vm.new_complex(c.re, c.im)),
            None => Err(vm.raise_msg(T::ValueError, "complex() arg is a malformed string")),
        };
    }
    if imag.is_some_and(|i| Vm::is_str(a.v(vm, i))) {
        return Err(vm.raise_msg(T::TypeError, "complex() second arg can't be a string"));
    }
    if imag.is_none() && Vm::is_complex(real_v) && vm.type_of(real_v) == vm.ty(T::Complex) {
        return Ok(real_v);
    }
    let r_complex = Vm::is_complex(real_v);
    let r = vm.complex_arg(real_v, true)?;
    let Some(imag) = imag else {
        return Ok(vm.new_complex(r.re, r.im));
    };
    let mut cr = r;
    let i_complex = Vm::is_complex(a.v(vm, imag));
    let mut ci = vm.complex_arg(a.v(vm, imag), false)?;
    if i_complex {
        cr.re -= ci.im;
    }
    if r_complex {
        ci.re += cr.im;
    }
    Ok(vm.new_complex(cr.re, ci.re))
}

/// Registers the `complex` methods.
pub fn register(vm: &mut Vm) {
    vm.add_native_method(T::Complex, "__new__", complex_new);
    vm.add_native_method(T::Complex, "conjugate", |vm, _s, a| {
        a.check(vm, "conjugate", 1, 1)?;
        let c = Vm::complex_val(a.v(vm, 0));
        Ok(vm.new_complex(c.re, -c.im))
    });
    vm.add_native_method(T::Complex, "__abs__", |vm, _s, a| {
        let c = Vm::complex_val(a.v(vm, 0));
        let r = c.re.hypot(c.im);
        if r.is_infinite() && c.re.is_finite() && c.im.is_finite() {
            return Err(vm.raise_msg(T::OverflowError, "absolute value too large"));
        }
        Ok(vm.new_float(r))
    });
    vm.add_native_method(T::Complex, "__complex__", |vm, _s, a| {
        let c = Vm::complex_val(a.v(vm, 0));
        Ok(vm.new_complex(c.re, c.im))
    });
    vm.add_native_method(T::Complex, "__getnewargs__", |vm, _s, a| {
        let c = Vm::complex_val(a.v(vm, 0));
        let (r, i) = (vm.new_float(c.re), vm.new_float(c.im));
        Ok(vm.new_tuple(&[r, i]))
    });
}

/// `format(complex, spec)` (CPython's `format_complex_internal`).
pub fn format_complex(c: C, spec: &str) -> crate::support::error::SResult<String> {
    use crate::support::error::SupportError;
    use crate::support::float_repr::{double_to_string, DtsFlags};
    let f = crate::support::format_spec::parse_spec(spec, None, '>', "complex")?;
    if f.fill == '0' && spec.contains('0') && f.align == '=' && !spec.contains("0=") {
        return Err(SupportError::value(
            "Zero padding is not allowed in complex format specifier",
        ));
    }
    if f.align == '=' {
        return Err(SupportError::value(
            "'=' alignment flag is not allowed in complex format specifier",
        ));
    }
    let (mut ty, mut skip_re, mut parens) = (f.ty, false, false);
    let mut precision = f.precision.unwrap_or(6);
    match ty {
        None => {
            if f.precision.is_none() {
                precision = 0;
                ty = Some('r');
            } else {
                ty = Some('g');
            }
            if c.re == 0.0 && c.re.is_sign_positive() {
                skip_re = true;
            } else {
                parens = true;
            }
        }
        Some('n') => ty = Some('g'),
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G') => {}
        Some(x) => {
            return Err(SupportError::value(format!(
                "Unknown format code '{x}' for object of type 'complex'"
            )))
        }
    }
    let code = ty.unwrap_or('r');
    let flags = DtsFlags {
        alt: f.alternate,
        ..DtsFlags::default()
    };
    let signed = |s: String, force: bool| -> String {
        if s.starts_with('-') {
            s
        } else if force || f.sign == Some('+') {
            format!("+{s}")
        } else if f.sign == Some(' ') {
            format!(" {s}")
        } else {
            s
        }
    };
    let mut out = String::new();
    if parens {
        out.push('(');
    }
    if !skip_re {
        out.push_str(&signed(
            double_to_string(c.re, code, precision, flags),
            false,
        ));
    }
    out.push_str(&signed(
        double_to_string(c.im, code, precision, flags),
        !skip_re,
    ));
    out.push('j');
    if parens {
        out.push(')');
    }
    let n = out.chars().count();
    let width = f.width.unwrap_or(0);
    if n >= width {
        return Ok(out);
    }
    let pad = width - n;
    let fill = |k: usize| f.fill.to_string().repeat(k);
    Ok(match f.align {
        '<' => format!("{out}{}", fill(pad)),
        '^' => format!("{}{out}{}", fill(pad / 2), fill(pad - pad / 2)),
        _ => format!("{}{out}", fill(pad)),
    })
}

/// Is `v` a complex object?
pub fn is_complex_value(v: Value) -> bool {
    Vm::is_complex(v)
}
