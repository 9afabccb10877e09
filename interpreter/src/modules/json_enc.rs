//! `_json`'s encoder half: `encode_basestring(_ascii)` and the encoder
//! behind `make_encoder` (CPython's Modules/_json.c semantics: the same
//! type tests in the same order, `int.__repr__`/`float.__repr__` ignoring
//! subclass overrides, `markers` circularity checks, `default` for other
//! objects, `sort_keys` sorting the item pairs, `skipkeys`, `allow_nan`).
//!
//! The output is built in one Rust `String`. Containers being walked live
//! in root slots and are re-read (with their lengths) after every call
//! that can run Python code: `default`, a custom string encoder, sorting.

use crate::object::layout::Kind;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};
use std::fmt::Write;

/// `encode_basestring_ascii`'s escaping of `s` (with the quotes).
pub fn escape_ascii(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            ' '..='~' if c != '\\' && c != '"' => out.push(c),
            _ => escape_char(out, c, true),
        }
    }
    out.push('"');
}

/// `encode_basestring`'s escaping of `s` (with the quotes).
pub fn escape_unicode(out: &mut String, s: &str) {
    out.push('"');
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        if b == b'"' || b == b'\\' || b < 0x20 {
            out.push_str(&s[from..i]);
            escape_char(out, b as char, false);
            from = i + 1;
        }
    }
    out.push_str(&s[from..]);
    out.push('"');
}

fn escape_char(out: &mut String, c: char, ascii: bool) {
    match c {
        '\\' => out.push_str("\\\\"),
        '"' => out.push_str("\\\""),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        _ if !ascii || (c as u32) < 0x10000 => {
            let _ = write!(out, "\\u{:04x}", c as u32);
        }
        _ => {
            let v = c as u32 - 0x10000;
            let (hi, lo) = (0xd800 | (v >> 10), 0xdc00 | (v & 0x3ff));
            let _ = write!(out, "\\u{hi:04x}\\u{lo:04x}");
        }
    }
}

fn str_arg(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult<String> {
    args.check(vm, name, 1, 1)?;
    if !Vm::is_str(args.v(vm, 0)) {
        let m = format!(
            "first argument must be a string, not {}",
            vm.type_name_of(args.v(vm, 0))
        );
        return Err(vm.raise_msg(T::TypeError, &m));
    }
    Ok(String::with_capacity(Vm::as_str(args.v(vm, 0)).len() + 2))
}

/// `encode_basestring_ascii(s)`.
pub fn encode_basestring_ascii<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let mut out = str_arg(vm, args, "encode_basestring_ascii")?;
    escape_ascii(&mut out, Vm::as_str(args.v(vm, 0)));
    Ok(vm.new_string(out))
}

/// `encode_basestring(s)`.
pub fn encode_basestring<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let mut out = str_arg(vm, args, "encode_basestring")?;
    escape_unicode(&mut out, Vm::as_str(args.v(vm, 0)));
    Ok(vm.new_string(out))
}

/// One encoding run.
struct Enc {
    out: String,
    /// Root slots: markers (dict or None), default, encoder.
    hm: usize,
    fast: i64,
    key_sep: String,
    item_sep: String,
    sort_keys: bool,
    skipkeys: bool,
    allow_nan: bool,
}

impl Enc {
    fn markers(&self, vm: &Vm) -> Value {
        vm.root(self.hm)
    }
}

fn enter(vm: &mut Vm) -> PyResult<()> {
    if vm.depth >= vm.rec_limit {
        let m = "maximum recursion depth exceeded while encoding a JSON object";
        return Err(vm.raise_msg(T::RecursionError, m));
    }
    vm.depth += 1;
    Ok(())
}

/// `float.__repr__` of `v`, or the JSON names of the non-finite values.
fn float_str(vm: &mut Vm, e: &Enc, v: Value) -> PyResult<String> {
    let f = Vm::float_val(v);
    if f.is_finite() {
        return Ok(crate::vm::repr::float_repr(f));
    }
    if !e.allow_nan {
        let m = "Out of range float values are not JSON compliant";
        return Err(vm.raise_msg(T::ValueError, m));
    }
    Ok(if f > 0.0 {
        "Infinity"
    } else if f < 0.0 {
        "-Infinity"
    } else {
        "NaN"
    }
    .into())
}

fn is_int(v: Value) -> bool {
    v.is_int() || Vm::is_kind(v, Kind::BigInt)
}

/// Writes the encoded form of the str `s` (rooted by the caller when the
/// encoder is a Python function).
fn write_str(vm: &mut Vm, e: &mut Enc, s: Value) -> PyResult<()> {
    match e.fast {
        1 => escape_ascii(&mut e.out, Vm::as_str(s)),
        2 => escape_unicode(&mut e.out, Vm::as_str(s)),
        _ => {
            let f = vm.root(e.hm + 2);
            let r = vm.call(f, &[s], Value::NULL)?;
            if !Vm::is_str(r) {
                let m = format!("encoder() must return a string, not {}", vm.type_name_of(r));
                return Err(vm.raise_msg(T::TypeError, &m));
            }
            e.out.push_str(Vm::as_str(r));
        }
    }
    Ok(())
}

/// Registers `obj` in `markers` (ValueError if already there); the id key
/// (NULL without markers).
fn mark(vm: &mut Vm, e: &Enc, obj: Value) -> PyResult<Value> {
    let markers = e.markers(vm);
    if markers.is_none() {
        return Ok(Value::NULL);
    }
    let id = match obj.obj() {
        Some(o) => vm.m.identity(o) as i64,
        None => obj.0 as i64 >> 1,
    };
    let h = vm.push_root(obj);
    let ident = vm.new_int(id);
    let hi = vm.push_root(ident);
    let r = (|| {
        if vm.dict_get(e.markers(vm), vm.root(hi))?.is_some() {
            return Err(vm.raise_msg(T::ValueError, "Circular reference detected"));
        }
        vm.dict_set(e.markers(vm), vm.root(hi), vm.root(h))?;
        Ok(vm.root(hi))
    })();
    vm.pop_roots(h);
    r
}

fn unmark(vm: &mut Vm, e: &Enc, ident: Value) -> PyResult<()> {
    if ident.is_null() {
        return Ok(());
    }
    vm.dict_delitem(e.markers(vm), ident).map(|_| ())
}

/// CPython's `encoder_listencode_obj`.
fn enc_obj(vm: &mut Vm, e: &mut Enc, obj: Value) -> PyResult<()> {
    if obj == Value::NONE {
        e.out.push_str("null");
    } else if obj == Value::TRUE {
        e.out.push_str("true");
    } else if obj == Value::FALSE {
        e.out.push_str("false");
    } else if Vm::is_str(obj) {
        write_str(vm, e, obj)?;
    } else if obj.is_int() {
        let _ = write!(e.out, "{}", obj.as_int());
    } else if is_int(obj) {
        let s = vm.repr_native(obj)?;
        e.out.push_str(&s);
    } else if Vm::is_float(obj) {
        let s = float_str(vm, e, obj)?;
        e.out.push_str(&s);
    } else if Vm::is_kind(obj, Kind::List) || Vm::is_kind(obj, Kind::Tuple) {
        enter(vm)?;
        let base = vm.root_depth();
        let r = enc_list(vm, e, obj);
        vm.pop_roots(base);
        vm.depth -= 1;
        r?;
    } else if Vm::is_kind(obj, Kind::Dict) {
        enter(vm)?;
        let base = vm.root_depth();
        let r = enc_dict(vm, e, obj);
        vm.pop_roots(base);
        vm.depth -= 1;
        r?;
    } else {
        let base = vm.root_depth();
        let h = vm.push_root(obj);
        let r = (|| {
            let ident = mark(vm, e, vm.root(h))?;
            let hi = vm.push_root(ident);
            let f = vm.root(e.hm + 1);
            let newobj = vm.call(f, &[vm.root(h)], Value::NULL)?;
            enter(vm)?;
            let r = enc_obj(vm, e, newobj);
            vm.depth -= 1;
            r?;
            unmark(vm, e, vm.root(hi))
        })();
        vm.pop_roots(base);
        r?;
    }
    Ok(())
}

fn seq_len(v: Value) -> usize {
    if Vm::is_kind(v, Kind::List) {
        Vm::list_len(v)
    } else {
        Vm::tuple_len(v)
    }
}

fn seq_get(v: Value, i: usize) -> Value {
    if Vm::is_kind(v, Kind::List) {
        Vm::list_get(v, i)
    } else {
        Vm::tuple_get(v, i)
    }
}

/// CPython's `encoder_listencode_list` (the caller pops the roots).
fn enc_list(vm: &mut Vm, e: &mut Enc, seq: Value) -> PyResult<()> {
    if seq_len(seq) == 0 {
        e.out.push_str("[]");
        return Ok(());
    }
    let h = vm.push_root(seq);
    let ident = mark(vm, e, seq)?;
    let hi = vm.push_root(ident);
    e.out.push('[');
    let mut i = 0;
    while i < seq_len(vm.root(h)) {
        if i > 0 {
            e.out.push_str(&e.item_sep);
        }
        let item = seq_get(vm.root(h), i);
        enc_obj(vm, e, item)?;
        i += 1;
    }
    unmark(vm, e, vm.root(hi))?;
    e.out.push(']');
    Ok(())
}

/// The `(key, value)` pairs of a dict as a list (`dict.items()` for
/// subclasses, as `PyMapping_Items`).
fn dict_items(vm: &mut Vm, d: Value) -> PyResult {
    if vm.type_of(d) == vm.ty(T::Dict) {
        let mut pos = 0;
        let l = vm.new_list(&[]);
        let h = vm.push_root(l);
        while let Some((k, v)) = Vm::dict_next(d, &mut pos) {
            // allocation never collects: `d` stays valid
            let t = vm.new_tuple(&[k, v]);
            vm.list_append(vm.root(h), t);
        }
        vm.pop_roots(h);
        return Ok(l);
    }
    let name = vm.intern("items");
    let m = vm.getattr(d, name)?;
    let it = vm.call(m, &[], Value::NULL)?;
    let lt = vm.ty(T::List);
    vm.call(lt, &[it], Value::NULL)
}

/// The text of a dict key as a str value, or None to skip it.
fn key_str(vm: &mut Vm, e: &Enc, key: Value) -> PyResult<Option<Value>> {
    if Vm::is_str(key) {
        return Ok(Some(key));
    }
    let s = if Vm::is_float(key) {
        float_str(vm, e, key)?
    } else if key == Value::TRUE {
        "true".into()
    } else if key == Value::FALSE {
        "false".into()
    } else if key == Value::NONE {
        "null".into()
    } else if is_int(key) {
        vm.repr_native(key)?
    } else if e.skipkeys {
        return Ok(None);
    } else {
        let m = format!(
            "keys must be str, int, float, bool or None, not {}",
            vm.type_name_of(key)
        );
        return Err(vm.raise_msg(T::TypeError, &m));
    };
    Ok(Some(vm.new_string(s)))
}

/// CPython's `encoder_listencode_dict` (the caller pops the roots).
fn enc_dict(vm: &mut Vm, e: &mut Enc, d: Value) -> PyResult<()> {
    if Vm::dict_len(d) == 0 {
        e.out.push_str("{}");
        return Ok(());
    }
    let h = vm.push_root(d);
    let ident = mark(vm, e, d)?;
    let hi = vm.push_root(ident);
    e.out.push('{');
    let items = dict_items(vm, vm.root(h))?;
    let hitems = vm.push_root(items);
    if e.sort_keys {
        vm.sort_list(vm.root(hitems), Value::NONE, false)?;
    }
    let mut first = true;
    let mut i = 0;
    while i < Vm::list_len(vm.root(hitems)) {
        let item = Vm::list_get(vm.root(hitems), i);
        i += 1;
        if !Vm::is_kind(item, Kind::Tuple) || Vm::tuple_len(item) != 2 {
            let m = "items must return 2-tuples";
            return Err(vm.raise_msg(T::ValueError, m));
        }
        let hitem = vm.push_root(item);
        let Some(k) = key_str(vm, e, Vm::tuple_get(item, 0))? else {
            vm.pop_roots(hitem);
            continue;
        };
        if first {
            first = false;
        } else {
            e.out.push_str(&e.item_sep);
        }
        write_str(vm, e, k)?;
        e.out.push_str(&e.key_sep);
        let v = Vm::tuple_get(vm.root(hitem), 1);
        enc_obj(vm, e, v)?;
        vm.pop_roots(hitem);
    }
    unmark(vm, e, vm.root(hi))?;
    e.out.push('}');
    Ok(())
}

fn sep_arg(vm: &mut Vm, v: Value, n: usize) -> PyResult<String> {
    if !Vm::is_str(v) {
        let m = format!(
            "make_encoder() argument {n} must be str, not {}",
            vm.type_name_of(v)
        );
        return Err(vm.raise_msg(T::TypeError, &m));
    }
    Ok(Vm::as_str(v).to_string())
}

/// `_encode(obj, markers, default, encoder, fast, key_separator,
/// item_separator, sort_keys, skipkeys, allow_nan)` → the JSON text (the
/// call of a `make_encoder` object; `fast` is 1 when `encoder` is
/// `encode_basestring_ascii`, 2 for `encode_basestring`, 0 otherwise).
pub fn encode_fn<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check(vm, "_encode", 10, 10)?;
    let base = vm.root_depth();
    let hobj = vm.push_root(args.v(vm, 0));
    let hm = vm.push_root(args.v(vm, 1));
    vm.push_root(args.v(vm, 2));
    vm.push_root(args.v(vm, 3));
    let r = (|| {
        let fast = if args.v(vm, 4).is_int() {
            args.v(vm, 4).as_int()
        } else {
            0
        };
        let key_sep = sep_arg(vm, args.v(vm, 5), 5)?;
        let item_sep = sep_arg(vm, args.v(vm, 6), 6)?;
        // the flags come as bools from the Python wrapper
        let (sort_keys, skipkeys) = (args.v(vm, 7) == Value::TRUE, args.v(vm, 8) == Value::TRUE);
        let allow_nan = args.v(vm, 9) == Value::TRUE;
        let mut e = Enc {
            out: String::new(),
            hm,
            fast,
            key_sep,
            item_sep,
            sort_keys,
            skipkeys,
            allow_nan,
        };
        enc_obj(vm, &mut e, vm.root(hobj))?;
        Ok(vm.new_string(e.out))
    })();
    vm.pop_roots(base);
    r
}
