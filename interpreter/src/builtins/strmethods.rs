//! Methods of str, including `str.format`.

use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::support::{casing, unicode};
use crate::vm::rooted::{Args, Scope};
use crate::vm::{NativeFn, PyResult, Vm};

fn s<'a>(v: Value) -> &'a str {
    Vm::as_str(v)
}

fn opt_chars(vm: &Vm, a: Args<'_>, i: usize) -> Option<String> {
    a.opt_v(vm, i)
        .filter(|v| !v.is_none())
        .map(|v| s(v).to_string())
}

/// The `Str` methods defined here and in the per-type files.
const STR_METHODS: &[(&str, NativeFn)] = &[
    ("join", str_join),
    ("split", str_split),
    ("rsplit", str_rsplit),
    ("splitlines", str_splitlines),
    ("replace", str_replace),
    ("count", str_count),
    ("isascii", str_isascii),
    ("isupper", str_isupper),
    ("islower", str_islower),
    ("istitle", str_istitle),
    ("isidentifier", str_isidentifier),
    ("zfill", str_zfill),
    ("encode", str_encode),
    ("expandtabs", str_expandtabs),
    ("__format__", str_dunder_format),
    ("__len__", str_len),
    ("__getitem__", str_getitem),
    ("__contains__", str_contains),
    ("__add__", str_add),
    ("__mod__", str_mod),
    ("translate", str_translate),
];

/// The `Str` classmethods defined here and in the per-type files.
const STR_CLASSMETHODS: &[(&str, NativeFn)] = &[("maketrans", str_maketrans)];

pub(super) fn register(vm: &mut Vm) {
    for &(name, f) in STR_METHODS {
        vm.add_native_method(T::Str, name, f);
    }
    for &(name, f) in STR_CLASSMETHODS {
        vm.add_native_classmethod(T::Str, name, f);
    }
    macro_rules! strip {
        ($name:expr, $f:ident, $g:ident) => {
            vm.add_native_method(T::Str, $name, |vm, _s, a| {
                a.check(vm, $name, 1, 2)?;
                let t = s(a.v(vm, 0));
                let r = match opt_chars(vm, a, 1) {
                    None => t.$f().to_string(),
                    Some(cs) => t.$g(|c| cs.contains(c)).to_string(),
                };
                Ok(vm.new_string(r))
            });
        };
    }
    strip!("strip", trim, trim_matches);
    strip!("lstrip", trim_start, trim_start_matches);
    strip!("rstrip", trim_end, trim_end_matches);
    vm.add_native_method(T::Str, "startswith", |vm, _s, a| prefix_test(vm, a, true));
    vm.add_native_method(T::Str, "endswith", |vm, _s, a| prefix_test(vm, a, false));
    vm.add_native_method(T::Str, "find", |vm, _s, a| find(vm, a, false, false));
    vm.add_native_method(T::Str, "rfind", |vm, _s, a| find(vm, a, true, false));
    vm.add_native_method(T::Str, "index", |vm, _s, a| find(vm, a, false, true));
    vm.add_native_method(T::Str, "rindex", |vm, _s, a| find(vm, a, true, true));
    macro_rules! map_str {
        ($name:expr, $e:expr) => {
            vm.add_native_method(T::Str, $name, |vm, _s, a| {
                no_args(vm, &a, $name)?;
                let f: fn(&str) -> String = $e;
                let r = f(s(a.v(vm, 0)));
                Ok(vm.new_string(r))
            });
        };
    }
    map_str!("upper", casing::upper);
    map_str!("lower", casing::lower);
    map_str!("casefold", casing::casefold);
    map_str!("swapcase", casing::swapcase);
    map_str!("capitalize", casing::capitalize);
    map_str!("title", casing::title);
    macro_rules! pred {
        ($name:expr, $e:expr) => {
            vm.add_native_method(T::Str, $name, |vm, _s, a| {
                no_args(vm, &a, $name)?;
                let f: fn(char) -> bool = $e;
                let t = s(a.v(vm, 0));
                Ok(Value::bool(!t.is_empty() && t.chars().all(f)))
            });
        };
    }
    pred!("isdigit", unicode::is_digit);
    pred!("isdecimal", unicode::is_decimal);
    pred!("isnumeric", unicode::is_numeric);
    pred!("isalpha", unicode::is_alpha);
    pred!("isalnum", unicode::is_alnum);
    pred!("isspace", unicode::is_space);
    vm.add_native_method(T::Str, "ljust", |vm, _s, a| pad(vm, a, 0));
    vm.add_native_method(T::Str, "rjust", |vm, _s, a| pad(vm, a, 1));
    vm.add_native_method(T::Str, "center", |vm, _s, a| pad(vm, a, 2));
    vm.add_native_method(T::Str, "partition", |vm, _s, a| partition(vm, a, false));
    vm.add_native_method(T::Str, "rpartition", |vm, _s, a| partition(vm, a, true));
    vm.add_native_method(T::Str, "format", str_format);
}

fn pad(vm: &mut Vm, a: Args<'_>, mode: u8) -> PyResult {
    a.check(vm, "ljust", 2, 3)?;
    let w = Vm::int_as_i64(a.v(vm, 1)).unwrap_or(0).max(0) as usize;
    let fill = a
        .opt_v(vm, 2)
        .map(|f| s(f).chars().next().unwrap_or(' '))
        .unwrap_or(' ');
    let t = s(a.v(vm, 0));
    let n = t.chars().count();
    if n >= w {
        return Ok(a.v(vm, 0));
    }
    let total = w - n;
    let (l, r) = match mode {
        0 => (0, total),
        1 => (total, 0),
        _ => {
            let l = total / 2 + (total & w & 1);
            (l, total - l)
        }
    };
    let f = fill.to_string();
    let out = format!("{}{}{}", f.repeat(l), t, f.repeat(r));
    Ok(vm.new_string(out))
}

fn partition(vm: &mut Vm, a: Args<'_>, rev: bool) -> PyResult {
    a.check(vm, "partition", 2, 2)?;
    let (t, sep) = (s(a.v(vm, 0)).to_string(), s(a.v(vm, 1)).to_string());
    let pos = if rev { t.rfind(&sep) } else { t.find(&sep) };
    let parts = match pos {
        Some(i) => (
            t[..i].to_string(),
            sep.clone(),
            t[i + sep.len()..].to_string(),
        ),
        None => {
            if rev {
                (String::new(), String::new(), t.clone())
            } else {
                (t.clone(), String::new(), String::new())
            }
        }
    };
    let x = vm.new_string(parts.0);
    let y = vm.new_string(parts.1);
    let z = vm.new_string(parts.2);
    Ok(vm.new_tuple(&[x, y, z]))
}

fn char_to_byte(t: &str, ci: i64) -> usize {
    if ci <= 0 {
        return 0;
    }
    t.char_indices()
        .nth(ci as usize)
        .map(|(b, _)| b)
        .unwrap_or(t.len())
}

fn norm(i: Option<i64>, n: i64, dflt: i64) -> i64 {
    match i {
        None => dflt,
        Some(i) if i < 0 => (i + n).max(0),
        Some(i) => i.min(n),
    }
}

fn find(vm: &mut Vm, a: Args<'_>, rev: bool, raise: bool) -> PyResult {
    a.check(vm, "find", 2, 4)?;
    need_str(vm, a.v(vm, 1), "must be str")?;
    let t = s(a.v(vm, 0));
    let n = Vm::str_nchars(a.v(vm, 0)) as i64;
    let start = norm(
        a.opt_v(vm, 2)
            .filter(|v| !v.is_none())
            .and_then(Vm::int_as_i64),
        n,
        0,
    );
    let end = norm(
        a.opt_v(vm, 3)
            .filter(|v| !v.is_none())
            .and_then(Vm::int_as_i64),
        n,
        n,
    );
    let (bs, be) = (char_to_byte(t, start), char_to_byte(t, end));
    let sub = s(a.v(vm, 1));
    let hay = if bs <= be { &t[bs..be] } else { "" };
    let r = if bs > be {
        None
    } else if rev {
        hay.rfind(sub)
    } else {
        hay.find(sub)
    };
    match r {
        Some(b) => {
            let ci = t[..bs + b].chars().count();
            Ok(Value::int(ci as i64))
        }
        None => {
            if raise {
                Err(vm.raise_msg(T::ValueError, "substring not found"))
            } else {
                Ok(Value::int(-1))
            }
        }
    }
}

fn prefix_test(vm: &mut Vm, a: Args<'_>, start: bool) -> PyResult {
    a.check(vm, "startswith", 2, 4)?;
    let t = s(a.v(vm, 0));
    let n = Vm::str_nchars(a.v(vm, 0)) as i64;
    let st = norm(a.opt_v(vm, 2).and_then(Vm::int_as_i64), n, 0);
    let en = norm(a.opt_v(vm, 3).and_then(Vm::int_as_i64), n, n);
    let (bs, be) = (char_to_byte(t, st), char_to_byte(t, en));
    let hay = if bs <= be {
        &t[bs..be]
    } else {
        return Ok(Value::FALSE);
    };
    let cands: Vec<Value> = if Vm::is_kind(a.v(vm, 1), Kind::Tuple) {
        Vm::tuple_items(a.v(vm, 1))
    } else {
        vec![a.v(vm, 1)]
    };
    for c in cands {
        if !Vm::is_str(c) {
            let msg = format!(
                "{} first arg must be str or a tuple of str, not {}",
                if start { "startswith" } else { "endswith" },
                vm.type_name_of(c)
            );
            return Err(vm.raise_msg(T::TypeError, &msg));
        }
        let ok = if start {
            hay.starts_with(s(c))
        } else {
            hay.ends_with(s(c))
        };
        if ok {
            return Ok(Value::TRUE);
        }
    }
    Ok(Value::FALSE)
}

/// `str.format(*args, **kwargs)`.
fn str_format<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let p = a.pos();
    let fmt = s(p.v(vm, 0)).to_string();
    let npos = p.len();
    let kwn: Vec<String> = if a.kwnames_v(vm).is_ref() {
        Vm::tuple_items(a.kwnames_v(vm))
            .iter()
            .map(|x| s(*x).to_string())
            .collect()
    } else {
        vec![]
    };
    let mut out = String::new();
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    let mut auto = 0;
    let r: PyResult<()> = (|| {
        while i < chars.len() {
            let c = chars[i];
            if c == '{' {
                if i + 1 < chars.len() && chars[i + 1] == '{' {
                    out.push('{');
                    i += 2;
                    continue;
                }
                let mut j = i + 1;
                let mut depth = 1;
                while j < chars.len() {
                    if chars[j] == '{' {
                        depth += 1;
                    } else if chars[j] == '}' {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    j += 1;
                }
                if j >= chars.len() {
                    return Err(
                        vm.raise_msg(T::ValueError, "Single '{' encountered in format string")
                    );
                }
                let field: String = chars[i + 1..j].iter().collect();
                i = j + 1;
                let (name_conv, spec) = match field.find(':') {
                    Some(x) => (field[..x].to_string(), field[x + 1..].to_string()),
                    None => (field.clone(), String::new()),
                };
                let (name, conv) = match name_conv.find('!') {
                    Some(x) => (name_conv[..x].to_string(), name_conv[x + 1..].to_string()),
                    None => (name_conv, String::new()),
                };
                let (first, rest) = match name.find(['.', '[']) {
                    Some(x) => (name[..x].to_string(), name[x..].to_string()),
                    None => (name.clone(), String::new()),
                };
                let mut v = if first.is_empty() {
                    let idx = auto;
                    auto += 1;
                    if idx + 1 >= npos {
                        return Err(vm.raise_msg(
                            T::IndexError,
                            &format!(
                                "Replacement index {idx} out of range for positional args tuple"
                            ),
                        ));
                    }
                    a.v(vm, idx + 1)
                } else if let Ok(idx) = first.parse::<usize>() {
                    if idx + 1 >= npos {
                        return Err(vm.raise_msg(
                            T::IndexError,
                            &format!(
                                "Replacement index {idx} out of range for positional args tuple"
                            ),
                        ));
                    }
                    a.v(vm, idx + 1)
                } else {
                    match kwn.iter().position(|x| *x == first) {
                        Some(ki) => a.v(vm, a.len() - kwn.len() + ki),
                        None => {
                            let kv = vm.new_str(&first);
                            return Err(vm.raise_key_error(kv));
                        }
                    }
                };
                // attribute / index chains
                let mut r = rest.as_str();
                while !r.is_empty() {
                    if let Some(stripped) = r.strip_prefix('.') {
                        let end = stripped.find(['.', '[']).unwrap_or(stripped.len());
                        let an = vm.intern(&stripped[..end]);
                        v = vm.getattr(v, an)?;
                        r = &stripped[end..];
                    } else if let Some(stripped) = r.strip_prefix('[') {
                        let end = stripped.find(']').unwrap_or(stripped.len());
                        let key = &stripped[..end];
                        let kv = match key.parse::<i64>() {
                            Ok(n) => Value::int(n),
                            Err(_) => vm.new_str(key),
                        };
                        v = vm.getitem(v, kv)?;
                        r = stripped.get(end + 1..).unwrap_or("");
                    } else {
                        break;
                    }
                }
                let v = match conv.as_str() {
                    "r" | "a" => vm.repr(v)?,
                    "s" => vm.to_str(v)?,
                    _ => v,
                };
                // nested replacement fields in the spec
                let spec = if spec.contains('{') {
                    let sv = vm.new_str(&spec);
                    let mut args2 = vec![sv];
                    args2.extend(a.values_from(vm, 1));
                    let r = vm.call_native(str_format, Value::NULL, &args2, a.kwnames_v(vm))?;
                    s(r).to_string()
                } else {
                    spec
                };
                let f = vm.format(v, &spec)?;
                out.push_str(&f);
            } else if c == '}' {
                if i + 1 < chars.len() && chars[i + 1] == '}' {
                    out.push('}');
                    i += 2;
                    continue;
                }
                return Err(vm.raise_msg(T::ValueError, "Single '}' encountered in format string"));
            } else {
                out.push(c);
                i += 1;
            }
        }
        Ok(())
    })();
    r?;
    Ok(vm.new_string(out))
}

fn str_join<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "join", 2, 2)?;
    let h = vm.push_root(a.v(vm, 0));
    let items = vm.collect(a.v(vm, 1));
    let sep = vm.root(h);
    vm.pop_roots(h);
    let items = items?;
    let mut out = String::new();
    for (i, x) in items.iter().enumerate() {
        if !Vm::is_str(*x) {
            let msg = format!(
                "sequence item {i}: expected str instance, {} found",
                vm.type_name_of(*x)
            );
            return Err(vm.raise_msg(T::TypeError, &msg));
        }
        if i > 0 {
            out.push_str(s(sep));
        }
        out.push_str(s(*x));
    }
    Ok(vm.new_string(out))
}

/// The arguments of `split`/`rsplit`: the text, `sep` (None as `None`,
/// else a str) and `maxsplit` (-1 for no limit).
fn split_args(
    vm: &mut Vm,
    a: Args<'_>,
    name: &'static str,
) -> PyResult<(String, Option<Value>, i64)> {
    check_split_args(vm, a, name)?;
    let p = a.pos();
    let sep = p
        .opt_v(vm, 1)
        .or_else(|| a.kwarg_v(vm, "sep"))
        .filter(|v| !v.is_none());
    if let Some(v) = sep {
        need_str(vm, v, "must be str or None")?;
    }
    let maxsplit = p
        .opt_v(vm, 2)
        .or_else(|| a.kwarg_v(vm, "maxsplit"))
        .and_then(Vm::int_as_i64)
        .unwrap_or(-1);
    let text = s(p.v(vm, 0)).to_string();
    Ok((text, sep, maxsplit))
}

fn str_split<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let (text, sep, maxsplit) = split_args(vm, a, "split")?;
    let parts: Vec<String> = match sep {
        None => {
            let mut v = vec![];
            let mut rest = text.trim_start();
            let mut n = 0;
            while !rest.is_empty() {
                if maxsplit >= 0 && n >= maxsplit {
                    v.push(rest.to_string());
                    break;
                }
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                v.push(rest[..end].to_string());
                rest = rest[end..].trim_start();
                n += 1;
            }
            v
        }
        Some(sp) => {
            let sp = s(sp).to_string();
            if sp.is_empty() {
                return Err(vm.raise_msg(T::ValueError, "empty separator"));
            }
            if maxsplit >= 0 {
                text.splitn(maxsplit as usize + 1, sp.as_str())
                    .map(|x| x.to_string())
                    .collect()
            } else {
                text.split(sp.as_str()).map(|x| x.to_string()).collect()
            }
        }
    };
    let vals: Vec<Value> = parts.iter().map(|x| vm.new_str(x)).collect();
    Ok(vm.new_list(&vals))
}

fn str_rsplit<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let (text, sep, maxsplit) = split_args(vm, a, "rsplit")?;
    let mut parts: Vec<String> = match sep {
        None => {
            let mut v: Vec<String> = text.split_whitespace().map(|x| x.to_string()).collect();
            if maxsplit >= 0 && v.len() > maxsplit as usize + 1 {
                let keep = v.split_off(v.len() - maxsplit as usize);
                let head = text.trim_end();
                let mut cut = head.len();
                for part in keep.iter().rev() {
                    cut = head[..cut].rfind(part.as_str()).unwrap_or(0);
                }
                let mut out = vec![head[..cut].trim_end().to_string()];
                out.extend(keep);
                out.reverse();
                out
            } else {
                v.reverse();
                v
            }
        }
        Some(sp) => {
            let sp = s(sp).to_string();
            if maxsplit >= 0 {
                text.rsplitn(maxsplit as usize + 1, sp.as_str())
                    .map(|x| x.to_string())
                    .collect()
            } else {
                text.rsplit(sp.as_str()).map(|x| x.to_string()).collect()
            }
        }
    };
    parts.reverse();
    let vals: Vec<Value> = parts.iter().map(|x| vm.new_str(x)).collect();
    Ok(vm.new_list(&vals))
}

fn str_splitlines<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let keep = a.opt_v(vm, 1) == Some(Value::TRUE);
    let text = s(a.v(vm, 0)).to_string();
    let mut out = vec![];
    let mut start = 0;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\n' || b[i] == b'\r' {
            let mut end = i + 1;
            if b[i] == b'\r' && i + 1 < b.len() && b[i + 1] == b'\n' {
                end += 1;
            }
            out.push(if keep {
                text[start..end].to_string()
            } else {
                text[start..i].to_string()
            });
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < text.len() {
        out.push(text[start..].to_string());
    }
    let vals: Vec<Value> = out.iter().map(|x| vm.new_str(x)).collect();
    Ok(vm.new_list(&vals))
}

fn str_replace<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "replace", 3, 4)?;
    need_str(vm, a.v(vm, 1), "replace() argument 1 must be str")?;
    need_str(vm, a.v(vm, 2), "replace() argument 2 must be str")?;
    let n = a.opt_v(vm, 3).and_then(Vm::int_as_i64).unwrap_or(-1);
    let r = if n < 0 {
        s(a.v(vm, 0)).replace(s(a.v(vm, 1)), s(a.v(vm, 2)))
    } else {
        s(a.v(vm, 0)).replacen(s(a.v(vm, 1)), s(a.v(vm, 2)), n as usize)
    };
    Ok(vm.new_string(r))
}

fn str_count<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "count", 2, 4)?;
    need_str(vm, a.v(vm, 1), "must be str")?;
    let (t, sub) = (s(a.v(vm, 0)), s(a.v(vm, 1)));
    let n = if sub.is_empty() {
        t.chars().count() + 1
    } else {
        t.matches(sub).count()
    };
    Ok(Value::int(n as i64))
}

fn str_isascii<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    no_args(vm, &a, "isascii")?;
    Ok(Value::bool(s(a.v(vm, 0)).is_ascii()))
}

fn str_isupper<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    no_args(vm, &a, "isupper")?;
    Ok(Value::bool(casing::isupper(s(a.v(vm, 0)))))
}

fn str_islower<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    no_args(vm, &a, "islower")?;
    Ok(Value::bool(casing::islower(s(a.v(vm, 0)))))
}

fn str_istitle<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    no_args(vm, &a, "istitle")?;
    Ok(Value::bool(casing::istitle(s(a.v(vm, 0)))))
}

fn str_isidentifier<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let t = s(a.v(vm, 0));
    let mut c = t.chars();
    Ok(Value::bool(
        c.next()
            .map(|f| f.is_alphabetic() || f == '_')
            .unwrap_or(false)
            && c.all(|x| x.is_alphanumeric() || x == '_'),
    ))
}

fn str_zfill<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let w = Vm::int_as_i64(a.v(vm, 1)).unwrap_or(0) as usize;
    let t = s(a.v(vm, 0));
    let n = t.chars().count();
    if n >= w {
        return Ok(a.v(vm, 0));
    }
    let (sign, rest) = if t.starts_with('-') || t.starts_with('+') {
        t.split_at(1)
    } else {
        ("", t)
    };
    let r = format!("{}{}{}", sign, "0".repeat(w - n), rest);
    Ok(vm.new_string(r))
}

fn str_encode<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let b = s(a.v(vm, 0)).as_bytes().to_vec();
    Ok(vm.new_bytes(&b))
}

fn str_expandtabs<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let ts = a.opt_v(vm, 1).and_then(Vm::int_as_i64).unwrap_or(8) as usize;
    let mut out = String::new();
    let mut col = 0;
    for c in s(a.v(vm, 0)).chars() {
        if c == '\t' {
            let n = if ts == 0 { 0 } else { ts - col % ts };
            out.push_str(&" ".repeat(n));
            col += n;
        } else {
            out.push(c);
            col = if c == '\n' { 0 } else { col + 1 };
        }
    }
    Ok(vm.new_string(out))
}

fn str_dunder_format<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let r = vm.format(a.v(vm, 0), s(a.v(vm, 1)))?;
    Ok(vm.new_string(r))
}

fn str_len<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    Ok(Value::int(Vm::str_nchars(a.v(vm, 0)) as i64))
}

fn str_getitem<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    vm.getitem(a.v(vm, 0), a.v(vm, 1))
}

fn str_contains<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    Ok(Value::bool(vm.contains(a.v(vm, 0), a.v(vm, 1))?))
}

fn str_add<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    // a slot wrapper: the native concatenation or NotImplemented (never
    // the generic operator, which would look this method up again)
    a.check(vm, "__add__", 2, 2)?;
    match vm.native_binary(a.v(vm, 0), a.v(vm, 1), crate::compile::bytecode::B_ADD)? {
        Some(r) => Ok(r),
        None => {
            let msg = format!(
                "can only concatenate str (not \"{}\") to str",
                vm.type_name_of(a.v(vm, 1))
            );
            Err(vm.raise_msg(T::TypeError, &msg))
        }
    }
}

fn str_mod<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    vm.percent_format(a.v(vm, 0), a.v(vm, 1))
}

fn str_maketrans<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let d = vm.new_dict();
    if a.len() >= 3 {
        let (x, y): (Vec<char>, Vec<char>) = (
            s(a.v(vm, 1)).chars().collect(),
            s(a.v(vm, 2)).chars().collect(),
        );
        for (c1, c2) in x.iter().zip(y.iter()) {
            let mut b = [0u8; 4];
            let v = vm.new_str(c2.encode_utf8(&mut b));
            vm.dict_set(d, Value::int(*c1 as i64), v)?;
        }
    }
    Ok(d)
}

fn str_translate<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let t = s(a.v(vm, 0)).to_string();
    let h = vm.push_root(a.v(vm, 1));
    let mut out = String::new();
    for c in t.chars() {
        let tab = vm.root(h);
        match vm.getitem(tab, Value::int(c as i64)) {
            Ok(v) if v.is_none() => {}
            Ok(v) if Vm::is_str(v) => out.push_str(s(v)),
            Ok(v) => {
                if let Some(ch) = Vm::int_as_i64(v).and_then(|n| char::from_u32(n as u32)) {
                    out.push(ch);
                }
            }
            Err(_) => {
                vm.take_exc();
                out.push(c);
            }
        }
    }
    vm.pop_roots(h);
    Ok(vm.new_string(out))
}

/// `str.split`/`rsplit(sep=None, maxsplit=-1)`: argument clinic's binding
/// and messages; a `maxsplit` that is not an int raises as `__index__`
/// conversion does.
fn check_split_args(vm: &mut Vm, a: Args<'_>, name: &'static str) -> PyResult<()> {
    use crate::vm::clinic::Sig;
    let sig = Sig {
        fname: name,
        names: &["sep", "maxsplit"],
        posonly: 0,
        maxpos: 2,
        required: 0,
    };
    let b = sig.bind(vm, a.skip(1))?;
    if let Some(i) = b[1] {
        let m = a.skip(1).v(vm, i);
        if !Vm::is_intlike(m) {
            vm.index_of(m)?;
        }
    }
    Ok(())
}

/// CPython's check for the argument-less str methods: "str.NAME() takes
/// no arguments (N given)".
fn no_args(vm: &mut Vm, a: &Args, name: &str) -> PyResult<()> {
    if a.nkw() > 0 {
        let msg = format!("str.{name}() takes no keyword arguments");
        return Err(vm.raise_msg(T::TypeError, &msg));
    }
    if a.npos() > 1 {
        let n = a.npos() - 1;
        let msg = format!("str.{name}() takes no arguments ({n} given)");
        return Err(vm.raise_msg(T::TypeError, &msg));
    }
    Ok(())
}

/// TypeError "`what`, not TYPE" unless `v` is a str.
fn need_str(vm: &mut Vm, v: Value, what: &str) -> PyResult<()> {
    if Vm::is_str(v) {
        return Ok(());
    }
    let t = vm.type_name_of(v);
    Err(vm.raise_msg(T::TypeError, &format!("{what}, not {t}")))
}
