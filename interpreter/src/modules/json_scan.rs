//! `_json`'s decoder half: `scanstring` and the scanner behind
//! `make_scanner` (CPython's Modules/_json.c semantics: the same grammar,
//! error messages and positions, `StopIteration(idx)` when no value starts
//! at `idx`, hooks called as the C scanner calls them).
//!
//! The text is scanned as UTF-8 bytes (every JSON delimiter is ASCII, so a
//! byte search never stops inside a character); positions are converted to
//! character indices only where Python sees them (the returned end index,
//! error positions). Every call into Python code (hooks, custom
//! `parse_float`/`parse_int`, `int()` of a long literal) may move objects:
//! the text, the container being filled and the pending key live in root
//! slots and are re-read after each.

use crate::object::layout::Kind;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{Exc, PyResult, Vm};
use std::collections::HashMap;

/// The scanner's state for one `scan_once` call.
struct Cx {
    /// Root slot of the text.
    hs: usize,
    /// Root slots of object_hook, object_pairs_hook, parse_float,
    /// parse_int, parse_constant (consecutive).
    hooks: usize,
    strict: bool,
    std_float: bool,
    std_int: bool,
    /// Root slot of a list holding the memoized keys.
    hmemo: usize,
    memo: HashMap<Box<[u8]>, usize>,
}

const H_OBJ: usize = 0;
const H_PAIRS: usize = 1;
const H_FLOAT: usize = 2;
const H_INT: usize = 3;
const H_CONST: usize = 4;

impl Cx {
    /// The text's bytes: valid until the next call that can run Python code.
    fn text<'a>(&self, vm: &Vm) -> &'a [u8] {
        Vm::as_str(vm.root(self.hs)).as_bytes()
    }
    fn hook(&self, vm: &Vm, i: usize) -> Value {
        vm.root(self.hooks + i)
    }
}

/// A decoded JSON string: a slice of the text (no escapes) or new text.
enum Txt {
    Raw(usize, usize),
    Own(String),
}

/// The character index of byte offset `b` of `s`.
fn char_pos(s: &[u8], b: usize) -> i64 {
    let b = b.min(s.len());
    s[..b].iter().filter(|c| (**c & 0xC0) != 0x80).count() as i64
}

/// `json.decoder.JSONDecodeError(msg, text, pos)` raised; `pos` in characters.
fn raise_errmsg(vm: &mut Vm, hs: usize, msg: &str, pos: i64) -> Exc {
    let m = match vm.import_module("json.decoder") {
        Ok(m) => m,
        Err(e) => return e,
    };
    let name = vm.intern("JSONDecodeError");
    let cls = match vm.getattr(m, name) {
        Ok(c) => c,
        Err(e) => return e,
    };
    let h = vm.push_root(cls);
    let msg = vm.new_str(msg);
    let hm = vm.push_root(msg);
    let args = [vm.root(hm), vm.root(hs), Value::int(pos)];
    let r = vm.call(vm.root(h), &args, Value::NULL);
    vm.pop_roots(h);
    match r {
        Ok(exc) => vm.raise_value(exc, Value::NULL),
        Err(e) => e,
    }
}

/// As [`raise_errmsg`] with a byte offset.
fn err_at(vm: &mut Vm, hs: usize, msg: &str, b: usize) -> Exc {
    let pos = char_pos(Vm::as_str(vm.root(hs)).as_bytes(), b);
    raise_errmsg(vm, hs, msg, pos)
}

fn stop_iteration(vm: &mut Vm, hs: usize, b: usize) -> Exc {
    let pos = char_pos(Vm::as_str(vm.root(hs)).as_bytes(), b);
    let t = vm.ty(T::StopIteration);
    vm.raise_type_args(t, &[Value::int(pos)])
}

fn hex4(s: &[u8]) -> Option<u32> {
    let mut c = 0u32;
    for d in s {
        c = (c << 4) | (*d as char).to_digit(16)?;
    }
    Some(c)
}

/// Scans the string whose opening quote is just before byte `end`
/// (CPython's `scanstring_unicode`); returns the text and the byte after
/// the closing quote. Runs no Python code (errors aside).
fn scan_text(vm: &mut Vm, hs: usize, strict: bool, end: usize) -> PyResult<(Txt, usize)> {
    let st = Vm::as_str(vm.root(hs));
    let s = st.as_bytes();
    let len = s.len();
    let unterminated = |vm: &mut Vm| {
        let begin = if end == 0 { -1 } else { char_pos(s, end - 1) };
        raise_errmsg(vm, hs, "Unterminated string starting at", begin)
    };
    let mut out: Option<String> = None;
    let mut pos = end;
    loop {
        let mut next = pos;
        while next < len {
            let d = s[next];
            if d == b'"' || d == b'\\' {
                break;
            }
            if d <= 0x1f && strict {
                return Err(err_at(vm, hs, "Invalid control character at", next));
            }
            next += 1;
        }
        if next >= len {
            return Err(unterminated(vm));
        }
        let c = s[next];
        // delimited by ASCII bytes: character boundaries
        let chunk = &st[pos..next];
        if c == b'"' {
            return Ok(match out {
                None => (Txt::Raw(pos, next), next + 1),
                Some(mut o) => {
                    o.push_str(chunk);
                    (Txt::Own(o), next + 1)
                }
            });
        }
        let o = out.get_or_insert_with(String::new);
        o.push_str(chunk);
        next += 1;
        if next == len {
            return Err(unterminated(vm));
        }
        let c = s[next];
        if c != b'u' {
            pos = next + 1;
            let ch = match c {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                _ => return Err(err_at(vm, hs, "Invalid \\escape", pos - 2)),
            };
            o.push(ch);
            continue;
        }
        next += 1;
        let e = next + 4;
        if e >= len {
            return Err(err_at(vm, hs, "Invalid \\uXXXX escape", next - 1));
        }
        let Some(mut u) = hex4(&s[next..e]) else {
            return Err(err_at(vm, hs, "Invalid \\uXXXX escape", e - 5));
        };
        pos = e;
        if (0xd800..=0xdbff).contains(&u) && e + 6 < len && s[e] == b'\\' && s[e + 1] == b'u' {
            let Some(u2) = hex4(&s[e + 2..e + 6]) else {
                return Err(err_at(vm, hs, "Invalid \\uXXXX escape", e + 1));
            };
            if (0xdc00..=0xdfff).contains(&u2) {
                u = 0x10000 + (((u - 0xd800) << 10) | (u2 - 0xdc00));
                pos = e + 6;
            }
        }
        match char::from_u32(u) {
            Some(ch) => o.push(ch),
            // a lone surrogate: pygc's str holds no surrogates
            None => {
                let m = "chr() arg not in range(0x110000)";
                return Err(vm.raise_msg(T::ValueError, m));
            }
        }
    }
}

/// A str object for `t` (a slice of the text at `hs`, or owned text).
fn txt_value(vm: &mut Vm, hs: usize, t: Txt) -> Value {
    match t {
        Txt::Raw(a, b) => {
            // allocation never collects: the text stays put while copied
            let s = Vm::as_str(vm.root(hs));
            vm.new_str(&s[a..b])
        }
        Txt::Own(o) => vm.new_string(o),
    }
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

fn skip_ws(s: &[u8], mut i: usize) -> usize {
    while i < s.len() && is_ws(s[i]) {
        i += 1;
    }
    i
}

/// Enters one level of JSON nesting (a RecursionError past the limit).
fn enter(vm: &mut Vm, what: &str) -> PyResult<()> {
    if vm.depth >= vm.rec_limit {
        let m = format!(
            "maximum recursion depth exceeded while decoding a JSON {what} from a unicode string"
        );
        return Err(vm.raise_msg(T::RecursionError, &m));
    }
    vm.depth += 1;
    Ok(())
}

/// CPython's `scan_once_unicode`: the value starting at byte `idx`.
fn scan_once(vm: &mut Vm, cx: &mut Cx, idx: usize) -> PyResult<(Value, usize)> {
    let s = cx.text(vm);
    let len = s.len();
    if idx >= len {
        return Err(stop_iteration(vm, cx.hs, idx));
    }
    let rest = &s[idx..];
    match s[idx] {
        b'"' => {
            let (t, end) = scan_text(vm, cx.hs, cx.strict, idx + 1)?;
            return Ok((txt_value(vm, cx.hs, t), end));
        }
        b'{' => {
            enter(vm, "object")?;
            let base = vm.root_depth();
            let r = parse_object(vm, cx, idx + 1);
            vm.pop_roots(base);
            vm.depth -= 1;
            return r;
        }
        b'[' => {
            enter(vm, "array")?;
            let base = vm.root_depth();
            let r = parse_array(vm, cx, idx + 1);
            vm.pop_roots(base);
            vm.depth -= 1;
            return r;
        }
        b'n' if rest.starts_with(b"null") => return Ok((Value::NONE, idx + 4)),
        b't' if rest.starts_with(b"true") => return Ok((Value::TRUE, idx + 4)),
        b'f' if rest.starts_with(b"false") => return Ok((Value::FALSE, idx + 5)),
        b'N' if rest.starts_with(b"NaN") => return constant(vm, cx, "NaN", idx),
        b'I' if rest.starts_with(b"Infinity") => return constant(vm, cx, "Infinity", idx),
        b'-' if rest.starts_with(b"-Infinity") => return constant(vm, cx, "-Infinity", idx),
        _ => {}
    }
    match_number(vm, cx, idx)
}

fn constant(vm: &mut Vm, cx: &mut Cx, name: &str, idx: usize) -> PyResult<(Value, usize)> {
    let n = vm.new_str(name);
    let f = cx.hook(vm, H_CONST);
    let v = vm.call(f, &[n], Value::NULL)?;
    Ok((v, idx + name.len()))
}

/// CPython's `_match_number_unicode`.
fn match_number(vm: &mut Vm, cx: &mut Cx, start: usize) -> PyResult<(Value, usize)> {
    let s = cx.text(vm);
    let len = s.len();
    let digit = |i: usize| i < len && s[i].is_ascii_digit();
    let mut idx = start;
    if s[idx] == b'-' {
        idx += 1;
        if idx >= len {
            return Err(stop_iteration(vm, cx.hs, start));
        }
    }
    match s[idx] {
        b'1'..=b'9' => {
            idx += 1;
            while digit(idx) {
                idx += 1;
            }
        }
        b'0' => idx += 1,
        _ => return Err(stop_iteration(vm, cx.hs, start)),
    }
    let mut is_float = false;
    if idx + 1 < len && s[idx] == b'.' && digit(idx + 1) {
        is_float = true;
        idx += 2;
        while digit(idx) {
            idx += 1;
        }
    }
    if idx + 1 < len && (s[idx] == b'e' || s[idx] == b'E') {
        let e_start = idx;
        idx += 1;
        if idx + 1 < len && (s[idx] == b'-' || s[idx] == b'+') {
            idx += 1;
        }
        while digit(idx) {
            idx += 1;
        }
        if s[idx - 1].is_ascii_digit() {
            is_float = true;
        } else {
            idx = e_start;
        }
    }
    let num = std::str::from_utf8(&s[start..idx]).unwrap_or("0");
    let custom = if is_float { !cx.std_float } else { !cx.std_int };
    if custom {
        let n = vm.new_str(num);
        let f = cx.hook(vm, if is_float { H_FLOAT } else { H_INT });
        return Ok((vm.call(f, &[n], Value::NULL)?, idx));
    }
    if is_float {
        let f: f64 = num.parse().unwrap_or(f64::NAN);
        return Ok((vm.new_float(f), idx));
    }
    if num.len() <= 18 {
        if let Ok(n) = num.parse::<i64>() {
            return Ok((Value::int(n), idx));
        }
    }
    // long literals through int(): its digit limit and big-int parsing
    let n = vm.new_str(num);
    let t = vm.ty(T::Int);
    Ok((vm.call(t, &[n], Value::NULL)?, idx))
}

/// The memoized str for key text `t` (repeated keys share one object).
fn memo_key(vm: &mut Vm, cx: &mut Cx, t: Txt) -> Value {
    let s = cx.text(vm);
    let bytes: &[u8] = match &t {
        Txt::Raw(a, b) => &s[*a..*b],
        Txt::Own(o) => o.as_bytes(),
    };
    if let Some(i) = cx.memo.get(bytes) {
        return Vm::list_get(vm.root(cx.hmemo), *i);
    }
    let key: Box<[u8]> = bytes.into();
    let v = txt_value(vm, cx.hs, t);
    let memo = vm.root(cx.hmemo);
    cx.memo.insert(key, Vm::list_len(memo));
    vm.list_append(memo, v);
    v
}

/// CPython's `_parse_object_unicode`; `idx` is just after the `{`. The
/// caller pops the roots this pushes.
fn parse_object(vm: &mut Vm, cx: &mut Cx, idx: usize) -> PyResult<(Value, usize)> {
    let pairs = !cx.hook(vm, H_PAIRS).is_none();
    let rv = if pairs {
        vm.new_list(&[])
    } else {
        vm.new_dict()
    };
    let hr = vm.push_root(rv);
    let hk = vm.push_root(Value::NONE);
    let s = cx.text(vm);
    let mut idx = skip_ws(s, idx);
    if idx >= s.len() || s[idx] != b'}' {
        loop {
            let s = cx.text(vm);
            if idx >= s.len() || s[idx] != b'"' {
                let m = "Expecting property name enclosed in double quotes";
                return Err(err_at(vm, cx.hs, m, idx));
            }
            let (t, next) = scan_text(vm, cx.hs, cx.strict, idx + 1)?;
            let key = memo_key(vm, cx, t);
            vm.set_root(hk, key);
            let s = cx.text(vm);
            idx = skip_ws(s, next);
            if idx >= s.len() || s[idx] != b':' {
                return Err(err_at(vm, cx.hs, "Expecting ':' delimiter", idx));
            }
            idx = skip_ws(s, idx + 1);
            let (val, next) = scan_once(vm, cx, idx)?;
            let (key, rv) = (vm.root(hk), vm.root(hr));
            if pairs {
                let hv = vm.push_root(val);
                let item = vm.new_tuple(&[key, vm.root(hv)]);
                vm.pop_roots(hv);
                vm.list_append(vm.root(hr), item);
            } else {
                vm.dict_set_str(rv, key, val);
            }
            let s = cx.text(vm);
            idx = skip_ws(s, next);
            if idx < s.len() && s[idx] == b'}' {
                break;
            }
            if idx >= s.len() || s[idx] != b',' {
                return Err(err_at(vm, cx.hs, "Expecting ',' delimiter", idx));
            }
            idx = skip_ws(s, idx + 1);
        }
    }
    let rv = vm.root(hr);
    let hook = if pairs {
        cx.hook(vm, H_PAIRS)
    } else {
        cx.hook(vm, H_OBJ)
    };
    if hook.is_none() {
        return Ok((rv, idx + 1));
    }
    Ok((vm.call(hook, &[rv], Value::NULL)?, idx + 1))
}

/// CPython's `_parse_array_unicode`; `idx` is just after the `[`.
fn parse_array(vm: &mut Vm, cx: &mut Cx, idx: usize) -> PyResult<(Value, usize)> {
    let rv = vm.new_list(&[]);
    let hr = vm.push_root(rv);
    let s = cx.text(vm);
    let mut idx = skip_ws(s, idx);
    if idx >= s.len() || s[idx] != b']' {
        loop {
            let (val, next) = scan_once(vm, cx, idx)?;
            vm.list_append(vm.root(hr), val);
            let s = cx.text(vm);
            idx = skip_ws(s, next);
            if idx < s.len() && s[idx] == b']' {
                break;
            }
            if idx >= s.len() || s[idx] != b',' {
                return Err(err_at(vm, cx.hs, "Expecting ',' delimiter", idx));
            }
            idx = skip_ws(s, idx + 1);
        }
    }
    Ok((vm.root(hr), idx + 1))
}

fn not_a_string(vm: &mut Vm, v: Value) -> Exc {
    let m = format!(
        "first argument must be a string, not {}",
        vm.type_name_of(v)
    );
    vm.raise_msg(T::TypeError, &m)
}

/// A `Py_ssize_t` argument (an int; TypeError otherwise).
fn index_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if v.is_int() {
        return Ok(v.as_int());
    }
    if v == Value::TRUE || v == Value::FALSE {
        return Ok((v == Value::TRUE) as i64);
    }
    if Vm::is_kind(v, Kind::BigInt) {
        let m = "Python int too large to convert to C ssize_t";
        return Err(vm.raise_msg(T::OverflowError, m));
    }
    let m = format!(
        "'{}' object cannot be interpreted as an integer",
        vm.type_name_of(v)
    );
    Err(vm.raise_msg(T::TypeError, &m))
}

/// The byte offset of character `i` of the str at root `hs`.
fn byte_of(vm: &mut Vm, hs: usize, i: usize) -> usize {
    let s = vm.root(hs);
    vm.str_char_offset(s, i)
}

/// `scanstring(string, end, strict=True)` → `(str, end)`.
pub fn scanstring<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    if args.nkw() > 0 {
        return Err(vm.raise_msg(T::TypeError, "scanstring() takes no keyword arguments"));
    }
    args.check(vm, "scanstring", 2, 3)?;
    let strict = match args.opt_v(vm, 2) {
        Some(v) => {
            // may run `__bool__`: the other arguments are read after it
            vm.truthy(v)?
        }
        None => true,
    };
    if !Vm::is_str(args.v(vm, 0)) {
        return Err(not_a_string(vm, args.v(vm, 0)));
    }
    let end = index_arg(vm, args.v(vm, 1))?;
    let n = Vm::str_nchars(args.v(vm, 0)) as i64;
    if end < 0 || end > n {
        return Err(vm.raise_msg(T::ValueError, "end is out of bounds"));
    }
    let hs = vm.push_root(args.v(vm, 0));
    let b = byte_of(vm, hs, end as usize);
    let r = scan_text(vm, hs, strict, b).map(|(t, e)| {
        let v = txt_value(vm, hs, t);
        (v, e)
    });
    let r = r.map(|(v, e)| {
        let hv = vm.push_root(v);
        let pos = char_pos(Vm::as_str(vm.root(hs)).as_bytes(), e);
        vm.new_tuple(&[vm.root(hv), Value::int(pos)])
    });
    vm.pop_roots(hs);
    r
}

/// `_scan_once(string, idx, strict, object_hook, object_pairs_hook,
/// parse_float, parse_int, parse_constant)` → `(value, end)`: the call of
/// a `make_scanner` object.
pub fn scan_once_fn<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check(vm, "_scan_once", 8, 8)?;
    if !Vm::is_str(args.v(vm, 0)) {
        return Err(not_a_string(vm, args.v(vm, 0)));
    }
    let idx = index_arg(vm, args.v(vm, 1))?;
    if idx < 0 {
        return Err(vm.raise_msg(T::ValueError, "idx cannot be negative"));
    }
    let n = Vm::str_nchars(args.v(vm, 0)) as i64;
    if idx >= n {
        let t = vm.ty(T::StopIteration);
        return Err(vm.raise_type_args(t, &[Value::int(idx)]));
    }
    let base = vm.root_depth();
    let hs = vm.push_root(args.v(vm, 0));
    let hooks = vm.push_root(args.v(vm, 3));
    for i in 4..8 {
        vm.push_root(args.v(vm, i));
    }
    let memo = vm.new_list(&[]);
    let hmemo = vm.push_root(memo);
    let mut cx = Cx {
        hs,
        hooks,
        strict: args.v(vm, 2) == Value::TRUE,
        std_float: args.v(vm, 5) == vm.ty(T::Float),
        std_int: args.v(vm, 6) == vm.ty(T::Int),
        hmemo,
        memo: HashMap::new(),
    };
    let b = byte_of(vm, hs, idx as usize);
    let r = scan_once(vm, &mut cx, b).map(|(v, e)| {
        let hv = vm.push_root(v);
        let pos = char_pos(cx.text(vm), e);
        vm.new_tuple(&[vm.root(hv), Value::int(pos)])
    });
    vm.pop_roots(base);
    r
}
