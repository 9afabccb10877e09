//! The str-like methods of `bytes` (CPython's `bytes_methods.c` semantics).
//!
//! Most methods map each byte to the code point of the same value
//! (latin-1), run the str method of the same name and map the result back;
//! the case and class methods, which are ASCII-only for bytes, are native.

use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::Args;
use crate::vm::{PyResult, Vm};

/// Bytes as a str of the code points 0..=255.
pub fn latin1_str(b: &[u8]) -> String {
    b.iter().map(|&c| c as char).collect()
}

/// A str of code points < 256 back to bytes.
fn str_latin1(s: &str) -> Vec<u8> {
    s.chars().map(|c| c as u32 as u8).collect()
}

/// Converts one argument of a bytes method for the str method.
fn conv_arg(vm: &mut Vm, v: Value, int_ok: bool) -> PyResult {
    if Vm::is_kind(v, Kind::Bytes) {
        let s = latin1_str(Vm::as_bytes(v));
        return Ok(vm.new_string(s));
    }
    if Vm::is_str(v) {
        let msg = "a bytes-like object is required, not 'str'";
        return Err(vm.raise_msg(T::TypeError, msg));
    }
    if int_ok && Vm::is_intlike(v) {
        let i = Vm::int_as_i64(v).unwrap_or(-1);
        if !(0..256).contains(&i) {
            return Err(vm.raise_msg(T::ValueError, "byte must be in range(0, 256)"));
        }
        return Ok(vm.new_string((i as u8 as char).to_string()));
    }
    if Vm::is_kind(v, Kind::Tuple) {
        let items: Vec<Value> = (0..Vm::tuple_len(v)).map(|i| Vm::tuple_get(v, i)).collect();
        let mut out = vec![];
        for x in items {
            out.push(conv_arg(vm, x, false)?);
        }
        return Ok(vm.new_tuple(&out));
    }
    let n = vm.type_name_of(v);
    if matches!(n.as_str(), "bytearray" | "memoryview") {
        let b = crate::modules::util::buf(vm, v)?;
        return Ok(vm.new_string(latin1_str(&b)));
    }
    Ok(v)
}

/// Maps a str method's result back to bytes.
fn conv_result(vm: &mut Vm, r: Value) -> PyResult {
    if Vm::is_str(r) {
        let b = str_latin1(Vm::as_str(r));
        return Ok(vm.new_bytes(&b));
    }
    let is_list = Vm::is_kind(r, Kind::List);
    if is_list || Vm::is_kind(r, Kind::Tuple) {
        let items = if is_list {
            Vm::list_items(r)
        } else {
            (0..Vm::tuple_len(r)).map(|i| Vm::tuple_get(r, i)).collect()
        };
        let out: Vec<Value> = items
            .into_iter()
            .map(|x| {
                if Vm::is_str(x) {
                    let b = str_latin1(Vm::as_str(x));
                    vm.new_bytes(&b)
                } else {
                    x
                }
            })
            .collect();
        return Ok(if is_list {
            vm.new_list(&out)
        } else {
            vm.new_tuple(&out)
        });
    }
    Ok(r)
}

fn delegate(vm: &mut Vm, name: &str, a: Args<'_>, int_ok: bool) -> PyResult {
    vm.scope(|vm, s| {
        let me = latin1_str(Vm::as_bytes(a.v(vm, 0)));
        let me = vm.new_string(me);
        let mut hs = vec![s.root_value(vm, me)];
        for i in 1..a.len() {
            let c = conv_arg(vm, a.v(vm, i), int_ok && i == 1)?;
            hs.push(s.root_value(vm, c));
        }
        let n = vm.intern(name);
        let m = vm.getattr(hs[0].get(vm).value(), n)?;
        let args: Vec<Value> = hs[1..].iter().map(|h| h.get(vm).value()).collect();
        let r = vm.call(m, &args, a.kwnames_v(vm))?;
        conv_result(vm, r)
    })
}

macro_rules! deleg {
    ($vm:expr, $($name:literal $int:literal),*) => {
        $( $vm.add_native_method(T::Bytes, $name, |vm, _s, a| delegate(vm, $name, a, $int)); )*
    };
}

fn ascii_map(vm: &mut Vm, a: Args<'_>, f: fn(&[u8]) -> Vec<u8>) -> PyResult {
    let out = f(Vm::as_bytes(a.v(vm, 0)));
    Ok(vm.new_bytes(&out))
}

fn title(b: &[u8]) -> Vec<u8> {
    let mut prev_cased = false;
    b.iter()
        .map(|&c| {
            let r = if prev_cased {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            };
            prev_cased = c.is_ascii_alphabetic();
            r
        })
        .collect()
}

fn istitle(b: &[u8]) -> bool {
    let (mut cased, mut prev) = (false, false);
    for &c in b {
        if c.is_ascii_uppercase() {
            if prev {
                return false;
            }
            prev = true;
            cased = true;
        } else if c.is_ascii_lowercase() {
            if !prev {
                return false;
            }
            prev = true;
            cased = true;
        } else {
            prev = false;
        }
    }
    cased
}

pub(super) fn register(vm: &mut Vm) {
    deleg!(vm, "split" false, "rsplit" false, "strip" false, "lstrip" false, "rstrip" false,
        "startswith" false, "endswith" false, "find" true, "rfind" true, "index" true,
        "rindex" true, "count" true, "replace" false, "partition" false, "rpartition" false,
        "center" false, "ljust" false, "rjust" false, "zfill" false, "expandtabs" false,
        "splitlines" false, "removeprefix" false, "removesuffix" false);
    vm.add_native_method(T::Bytes, "upper", |vm, _s, a| {
        ascii_map(vm, a, |b| b.to_ascii_uppercase())
    });
    vm.add_native_method(T::Bytes, "lower", |vm, _s, a| {
        ascii_map(vm, a, |b| b.to_ascii_lowercase())
    });
    vm.add_native_method(T::Bytes, "title", |vm, _s, a| ascii_map(vm, a, title));
    vm.add_native_method(T::Bytes, "capitalize", |vm, _s, a| {
        ascii_map(vm, a, |b| {
            let mut v = b.to_ascii_lowercase();
            if let Some(c) = v.first_mut() {
                c.make_ascii_uppercase();
            }
            v
        })
    });
    vm.add_native_method(T::Bytes, "swapcase", |vm, _s, a| {
        ascii_map(vm, a, |b| {
            b.iter()
                .map(|c| {
                    if c.is_ascii_uppercase() {
                        c.to_ascii_lowercase()
                    } else {
                        c.to_ascii_uppercase()
                    }
                })
                .collect()
        })
    });
    macro_rules! pred {
        ($name:literal, $f:expr) => {
            vm.add_native_method(T::Bytes, $name, |vm, _s, a| {
                let b = Vm::as_bytes(a.v(vm, 0));
                let f: fn(&[u8]) -> bool = $f;
                Ok(Value::bool(f(b)))
            });
        };
    }
    pred!("isascii", |b| b.is_ascii());
    pred!("isalpha", |b| !b.is_empty()
        && b.iter().all(u8::is_ascii_alphabetic));
    pred!("isdigit", |b| !b.is_empty()
        && b.iter().all(u8::is_ascii_digit));
    pred!("isalnum", |b| !b.is_empty()
        && b.iter().all(u8::is_ascii_alphanumeric));
    pred!("isspace", |b| !b.is_empty()
        && b.iter().all(|c| matches!(
            c,
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c
        )));
    pred!("islower", |b| b.iter().any(u8::is_ascii_lowercase)
        && !b.iter().any(u8::is_ascii_uppercase));
    pred!("isupper", |b| b.iter().any(u8::is_ascii_uppercase)
        && !b.iter().any(u8::is_ascii_lowercase));
    pred!("istitle", istitle);
    vm.add_native_method(T::Bytes, "translate", |vm, _s, a| {
        let p = a.pos();
        let table = match p.opt_v(vm, 1) {
            Some(t) if !t.is_none() => {
                let t = crate::modules::util::buf(vm, t)?;
                if t.len() != 256 {
                    let m = "translation table must be 256 characters long";
                    return Err(vm.raise_msg(T::ValueError, m));
                }
                Some(t)
            }
            _ => None,
        };
        let del = match p.opt_v(vm, 2).or_else(|| a.kwarg_v(vm, "delete")) {
            Some(d) => crate::modules::util::buf(vm, d)?,
            None => vec![],
        };
        let out: Vec<u8> = Vm::as_bytes(a.v(vm, 0))
            .iter()
            .filter(|c| !del.contains(c))
            .map(|&c| table.as_ref().map_or(c, |t| t[c as usize]))
            .collect();
        Ok(vm.new_bytes(&out))
    });
    let mt: crate::vm::NativeFn = |vm, _s, a| {
        let a = if a.len() == 3 { a.skip(1) } else { a };
        a.check(vm, "maketrans", 2, 2)?;
        let from = crate::modules::util::buf(vm, a.v(vm, 0))?;
        let to = crate::modules::util::buf(vm, a.v(vm, 1))?;
        if from.len() != to.len() {
            let m = "maketrans arguments must have same length";
            return Err(vm.raise_msg(T::ValueError, m));
        }
        let mut t: Vec<u8> = (0..=255u8).collect();
        for (f, x) in from.iter().zip(&to) {
            t[*f as usize] = *x;
        }
        Ok(vm.new_bytes(&t))
    };
    let b = vm.new_native("maketrans", mt);
    let sm_ty = vm.ty(T::StaticMethod);
    let sm = vm.alloc_rec(Kind::StaticMethod, sm_ty);
    Vm::init(sm, 1, b);
    let n = vm.intern("maketrans");
    let ty = vm.ty(T::Bytes);
    vm.type_set_attr(ty, n, Value::from_obj(sm));
}

#[cfg(test)]
mod tests {
    #[test]
    fn title_and_istitle_are_ascii() {
        assert_eq!(super::title(b"hello wORLD"), b"Hello World".to_vec());
        assert!(super::istitle(b"Hello World"));
        assert!(!super::istitle(b"hello"));
    }
}
