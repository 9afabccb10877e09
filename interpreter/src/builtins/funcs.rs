//! Builtin functions (`print`, `len`, `sorted`, ...).

use super::{kwarg, positional};
use crate::compile::bytecode::*;
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::{N, T};
use crate::vm::iter::*;
use crate::vm::{PyResult, Vm, R_BUILTINS, R_FRAME};
use num_traits::{Signed, ToPrimitive};

pub(super) fn register(vm: &mut Vm) {
    let b = vm.root(R_BUILTINS);
    let h = vm.push_root(b);
    macro_rules! f {
        ($name:expr, $f:expr) => {{
            let d = vm.root(h);
            vm.add_fn(d, $name, $f);
        }};
    }
    f!("print", bi_print);
    f!("len", |vm, a, _| {
        vm.check_args("len", a, 1, 1)?;
        let n = vm.len(a[0])?;
        Ok(Value::int(n as i64))
    });
    f!("repr", |vm, a, _| {
        vm.check_args("repr", a, 1, 1)?;
        vm.repr(a[0])
    });
    f!("ascii", |vm, a, _| {
        vm.check_args("ascii", a, 1, 1)?;
        vm.repr(a[0])
    });
    f!("isinstance", |vm, a, _| {
        vm.check_args("isinstance", a, 2, 2)?;
        Ok(Value::bool(super::instcheck::isinstance_any(
            vm, a[0], a[1],
        )?))
    });
    f!("issubclass", |vm, a, _| {
        vm.check_args("issubclass", a, 2, 2)?;
        Ok(Value::bool(super::instcheck::issubclass_any(
            vm, a[0], a[1],
        )?))
    });
    f!("hasattr", |vm, a, _| {
        vm.check_args("hasattr", a, 2, 2)?;
        let n = vm.intern_value(a[1]);
        match vm.getattr(a[0], n) {
            Ok(_) => Ok(Value::TRUE),
            Err(e) => {
                if vm.exc_is(T::AttributeError) {
                    vm.take_exc();
                    Ok(Value::FALSE)
                } else {
                    Err(e)
                }
            }
        }
    });
    f!("getattr", |vm, a, _| {
        vm.check_args("getattr", a, 2, 3)?;
        if !Vm::is_str(a[1]) {
            return Err(vm.raise_msg(T::TypeError, "attribute name must be string"));
        }
        let n = vm.intern_value(a[1]);
        let dflt = a.get(2).copied();
        let h = vm.push_root(dflt.unwrap_or(Value::NULL));
        let r = vm.getattr(a[0], n);
        let d = vm.root(h);
        vm.pop_roots(h);
        match r {
            Ok(v) => Ok(v),
            Err(e) => {
                if dflt.is_some() && vm.exc_is(T::AttributeError) {
                    vm.take_exc();
                    Ok(d)
                } else {
                    Err(e)
                }
            }
        }
    });
    f!("setattr", |vm, a, _| {
        vm.check_args("setattr", a, 3, 3)?;
        let n = vm.intern_value(a[1]);
        vm.setattr(a[0], n, a[2])?;
        Ok(Value::NONE)
    });
    f!("delattr", |vm, a, _| {
        vm.check_args("delattr", a, 2, 2)?;
        let n = vm.intern_value(a[1]);
        vm.delattr(a[0], n)?;
        Ok(Value::NONE)
    });
    f!("id", |vm, a, _| {
        vm.check_args("id", a, 1, 1)?;
        Ok(match a[0].obj() {
            Some(o) => {
                let id = vm.m.identity(o);
                vm.new_int(id as i64)
            }
            None => Value::int(a[0].0 as i64 >> 1),
        })
    });
    f!("hash", |vm, a, _| {
        vm.check_args("hash", a, 1, 1)?;
        let h = vm.hash_full(a[0])?;
        Ok(vm.new_int(h))
    });
    f!("iter", |vm, a, _| {
        vm.check_args("iter", a, 1, 2)?;
        if a.len() == 2 {
            let ty = vm.ty(T::Iterator);
            return Ok(vm.new_iter(ty, IT_CALLABLE, a[0], Value::int(0), a[1], Value::NULL));
        }
        vm.get_iter(a[0])
    });
    f!("next", |vm, a, _| {
        vm.check_args("next", a, 1, 2)?;
        let h = vm.push_root(a.get(1).copied().unwrap_or(Value::NULL));
        if !matches!(Vm::kind(a[0]), Some(Kind::Iter | Kind::Generator))
            && vm.type_lookup_n(vm.type_of(a[0]), N::Next).is_none()
        {
            vm.pop_roots(h);
            let msg = format!("'{}' object is not an iterator", vm.type_name_of(a[0]));
            return Err(vm.raise_msg(T::TypeError, &msg));
        }
        let r = vm.iter_next(a[0]);
        let d = vm.root(h);
        vm.pop_roots(h);
        match r? {
            Some(v) => Ok(v),
            None => {
                if !d.is_null() {
                    Ok(d)
                } else {
                    let v = vm.root(crate::vm::R_MISC);
                    vm.set_root(crate::vm::R_MISC, Value::NONE);
                    Err(vm.raise_stop(if v.is_null() { Value::NONE } else { v }))
                }
            }
        }
    });
    f!("ord", |vm, a, _| {
        vm.check_args("ord", a, 1, 1)?;
        if Vm::is_kind(a[0], Kind::Bytes) && Vm::as_bytes(a[0]).len() == 1 {
            return Ok(Value::int(Vm::as_bytes(a[0])[0] as i64));
        }
        let s = Vm::as_str(a[0]);
        let mut it = s.chars();
        match (Vm::is_str(a[0]), it.next(), it.next()) {
            (true, Some(c), None) => Ok(Value::int(c as i64)),
            (true, _, _) => {
                let msg = format!(
                    "ord() expected a character, but string of length {} found",
                    Vm::str_nchars(a[0])
                );
                Err(vm.raise_msg(T::TypeError, &msg))
            }
            _ => {
                let msg = format!(
                    "ord() expected string of length 1, but {} found",
                    vm.type_name_of(a[0])
                );
                Err(vm.raise_msg(T::TypeError, &msg))
            }
        }
    });
    f!("chr", |vm, a, _| {
        vm.check_args("chr", a, 1, 1)?;
        let n = vm.index_of(a[0])?;
        match char::from_u32(n as u32) {
            Some(c) if (0..=0x10ffff).contains(&n) => {
                let mut buf = [0u8; 4];
                Ok(vm.new_str(c.encode_utf8(&mut buf)))
            }
            _ => Err(vm.raise_msg(T::ValueError, "chr() arg not in range(0x110000)")),
        }
    });
    f!("abs", |vm, a, _| {
        vm.check_args("abs", a, 1, 1)?;
        let v = a[0];
        if v.is_int() {
            return Ok(vm.new_int(v.as_int().abs()));
        }
        if Vm::is_float(v) {
            return Ok(vm.new_float(Vm::float_val(v).abs()));
        }
        if Vm::is_intlike(v) {
            let b = Vm::to_big(v).abs();
            return Ok(vm.new_int_big(&b));
        }
        match vm.call_method_n(v, N::Abs, &[])? {
            Some(r) => Ok(r),
            None => {
                let msg = format!("bad operand type for abs(): '{}'", vm.type_name_of(v));
                Err(vm.raise_msg(T::TypeError, &msg))
            }
        }
    });
    f!("callable", |vm, a, _| {
        vm.check_args("callable", a, 1, 1)?;
        let v = a[0];
        let c = matches!(
            Vm::kind(v),
            Some(Kind::Function | Kind::Builtin | Kind::Method | Kind::Type)
        ) || vm.type_lookup_n(vm.type_of(v), N::Call).is_some();
        Ok(Value::bool(c))
    });
    f!("any", |vm, a, _| any_all(vm, a, true));
    f!("all", |vm, a, _| any_all(vm, a, false));
    f!("sum", bi_sum);
    f!("min", |vm, a, k| min_max(vm, a, k, true));
    f!("max", |vm, a, k| min_max(vm, a, k, false));
    f!("sorted", |vm, a, k| {
        let p = positional(a, k);
        vm.check_args("sorted", p, 1, 1)?;
        let key = kwarg(a, k, "key").unwrap_or(Value::NONE);
        let rev = kwarg(a, k, "reverse").unwrap_or(Value::FALSE);
        let hk = vm.push_root(key);
        vm.push_root(rev);
        let items = vm.collect_hinted(p[0]);
        let (key, rev) = (vm.root(hk), vm.root(hk + 1));
        vm.pop_roots(hk);
        let l = vm.new_list(&items?);
        let rev = vm.truthy(rev)?;
        vm.sort_list(l, key, rev)?;
        Ok(vm.root_last_sorted())
    });
    f!("divmod", |vm, a, _| {
        vm.check_args("divmod", a, 2, 2)?;
        let h = vm.push_root(a[0]);
        let h2 = vm.push_root(a[1]);
        let q = vm.binary(a[0], a[1], B_FLOORDIV);
        let q = match q {
            Ok(q) => q,
            Err(e) => {
                vm.pop_roots(h);
                return Err(e);
            }
        };
        let hq = vm.push_root(q);
        let (x, y) = (vm.root(h), vm.root(h2));
        let r = vm.binary(x, y, B_MOD);
        let q = vm.root(hq);
        vm.pop_roots(h);
        let r = r?;
        Ok(vm.new_tuple(&[q, r]))
    });
    f!("pow", |vm, a, _| {
        vm.check_args("pow", a, 2, 3)?;
        if a.len() == 3 && !a[2].is_none() {
            if !Vm::is_intlike(a[0]) || !Vm::is_intlike(a[1]) || !Vm::is_intlike(a[2]) {
                return Err(vm.raise_msg(
                    T::TypeError,
                    "pow() 3rd argument not allowed unless all arguments are integers",
                ));
            }
            let (b, e, m) = (Vm::to_big(a[0]), Vm::to_big(a[1]), Vm::to_big(a[2]));
            return match crate::support::numeric::int_pow_mod(&b, &e, &m) {
                Ok(r) => Ok(vm.new_int_big(&r)),
                Err(err) => Err(vm.support_err(err)),
            };
        }
        vm.binary(a[0], a[1], B_POW)
    });
    f!("round", |vm, a, _| {
        vm.check_args("round", a, 1, 2)?;
        let nd = a.get(1).copied().filter(|v| !v.is_none());
        let v = a[0];
        if Vm::is_intlike(v) {
            if let Some(nd) = nd {
                let n = Vm::int_as_i64(nd).unwrap_or(0);
                if n < 0 {
                    let p = num_bigint::BigInt::from(10).pow((-n) as u32);
                    let x = Vm::to_big(v);
                    let q = round_half_even_div(&x, &p) * p;
                    return Ok(vm.new_int_big(&q));
                }
            }
            return Ok(if v.is_int() {
                v
            } else {
                let b = Vm::to_big(v);
                vm.new_int_big(&b)
            });
        }
        if Vm::is_float(v) {
            let f = Vm::float_val(v);
            match nd {
                None => {
                    if !f.is_finite() {
                        return Err(vm.raise_msg(
                            if f.is_nan() {
                                T::ValueError
                            } else {
                                T::OverflowError
                            },
                            if f.is_nan() {
                                "cannot convert float NaN to integer"
                            } else {
                                "cannot convert float infinity to integer"
                            },
                        ));
                    }
                    let r = round_half_even(f);
                    return Ok(if r.abs() < 4e18 {
                        vm.new_int(r as i64)
                    } else {
                        let b = num_bigint::BigInt::from(r as i128);
                        vm.new_int_big(&b)
                    });
                }
                Some(nd) => {
                    let n = Vm::int_as_i64(nd).unwrap_or(0);
                    let s = crate::support::float_repr::format_float(
                        f,
                        'f',
                        Some(n.clamp(0, 300) as usize),
                        false,
                    );
                    let r: f64 = if n >= 0 {
                        s.parse().unwrap_or(f)
                    } else {
                        let p = 10f64.powi((-n) as i32);
                        round_half_even(f / p) * p
                    };
                    return Ok(vm.new_float(r));
                }
            }
        }
        let args: Vec<Value> = nd.into_iter().collect();
        match vm.call_method_n(v, N::Round, &args)? {
            Some(r) => Ok(r),
            None => {
                let msg = format!(
                    "type {} doesn't define __round__ method",
                    vm.type_name_of(v)
                );
                Err(vm.raise_msg(T::TypeError, &msg))
            }
        }
    });
    f!("hex", |vm, a, _| radix(vm, a, 16, "0x"));
    f!("oct", |vm, a, _| radix(vm, a, 8, "0o"));
    f!("bin", |vm, a, _| radix(vm, a, 2, "0b"));
    f!("format", |vm, a, _| {
        vm.check_args("format", a, 1, 2)?;
        let spec = a
            .get(1)
            .map(|s| Vm::as_str(*s).to_string())
            .unwrap_or_default();
        let s = vm.format(a[0], &spec)?;
        Ok(vm.new_string(s))
    });
    f!("globals", |vm, _a, _| {
        let f = vm.root(R_FRAME).obj().expect("frame");
        Ok(Value(f.word(FRAME_GLOBALS)))
    });
    f!("locals", super::dir_vars::bi_locals);
    f!("vars", super::dir_vars::bi_vars);
    f!("dir", super::dir_vars::bi_dir);
    f!("input", |vm, a, _| {
        if let Some(p) = a.first() {
            let s = vm.str_of(*p)?;
            vm.write_out(s.as_bytes());
        }
        vm.flush_out();
        let mut line = String::new();
        match std::io::stdin().read_line(&mut line) {
            Ok(0) | Err(_) => Err(vm.raise_msg(T::EOFError, "EOF when reading a line")),
            Ok(_) => {
                if line.ends_with('\n') {
                    line.pop();
                }
                Ok(vm.new_string(line))
            }
        }
    });
    f!("open", bi_open);
    f!("exit", bi_exit);
    f!("quit", bi_exit);
    f!("__build_class__", crate::builtins::types::build_class);
    f!("__import__", |vm, a, _| {
        vm.check_args("__import__", a, 1, 5)?;
        let n = vm.intern_value(a[0]);
        let fl = a.get(3).copied().unwrap_or(Value::NONE);
        let level = match a.get(4) {
            Some(l) => vm.index_of(*l)?,
            None => 0,
        };
        vm.import_name(n, fl, level)
    });
    vm.pop_roots(h);
}

fn round_half_even(f: f64) -> f64 {
    let r = f.round();
    if (f - f.trunc()).abs() == 0.5 {
        2.0 * (f / 2.0).round()
    } else {
        r
    }
}

fn round_half_even_div(x: &num_bigint::BigInt, p: &num_bigint::BigInt) -> num_bigint::BigInt {
    use num_integer::Integer;
    let (q, r) = x.div_mod_floor(p);
    let twice = &r * 2;
    if &twice > p || (&twice == p && q.is_odd()) {
        q + 1
    } else {
        q
    }
}

fn radix(vm: &mut Vm, a: &[Value], base: u32, prefix: &str) -> PyResult {
    vm.check_args("hex", a, 1, 1)?;
    let v = if Vm::is_intlike(a[0]) {
        a[0]
    } else {
        Value::int(vm.index_of(a[0])?)
    };
    let b = Vm::to_big(v);
    let s = if b.is_negative() {
        format!("-{}{}", prefix, (-b).to_str_radix(base))
    } else {
        format!("{}{}", prefix, b.to_str_radix(base))
    };
    Ok(vm.new_string(s))
}

fn bi_print(vm: &mut Vm, a: &[Value], k: Value) -> PyResult {
    let p = positional(a, k);
    let sep = kwarg(a, k, "sep").filter(|v| !v.is_none());
    let end = kwarg(a, k, "end").filter(|v| !v.is_none());
    let file = kwarg(a, k, "file").filter(|v| !v.is_none());
    let flush = kwarg(a, k, "flush");
    let sep = sep
        .map(|s| Vm::as_str(s).to_string())
        .unwrap_or_else(|| " ".into());
    let end = end
        .map(|s| Vm::as_str(s).to_string())
        .unwrap_or_else(|| "\n".into());
    let base = vm.root_depth();
    let hs: Vec<usize> = p.iter().map(|v| vm.push_root(*v)).collect();
    let hf = vm.push_root(file.unwrap_or(Value::NULL));
    let mut out = String::new();
    for (i, h) in hs.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        let v = vm.root(*h);
        match vm.str_of(v) {
            Ok(s) => out.push_str(&s),
            Err(e) => {
                vm.pop_roots(base);
                return Err(e);
            }
        }
    }
    out.push_str(&end);
    let file = vm.root(hf);
    vm.pop_roots(base);
    if file.is_ref() {
        let w = vm.intern("write");
        let wf = vm.getattr(file, w)?;
        let s = vm.new_string(out);
        vm.call0(wf, &[s])?;
        return Ok(Value::NONE);
    }
    vm.write_out(out.as_bytes());
    if flush.map(|f| f == Value::TRUE).unwrap_or(false) {
        vm.flush_out();
    }
    Ok(Value::NONE)
}

fn bi_exit(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult {
    let t = vm.ty(T::SystemExit);
    let code = a.first().copied().unwrap_or(Value::NONE);
    let args: Vec<Value> = a.first().copied().into_iter().collect();
    let e = vm.new_exc(t, &args);
    let _ = code;
    Err(vm.raise_value(e, Value::NULL))
}

fn bi_open(vm: &mut Vm, a: &[Value], k: Value) -> PyResult {
    let p = positional(a, k);
    vm.check_args("open", p, 1, 3)?;
    let path = Vm::as_str(p[0]).to_string();
    let mode = p
        .get(1)
        .map(|m| Vm::as_str(*m).to_string())
        .unwrap_or_else(|| "r".into());
    crate::modules::io::open_file(vm, &path, &mode)
}

fn any_all(vm: &mut Vm, a: &[Value], any: bool) -> PyResult {
    vm.check_args(if any { "any" } else { "all" }, a, 1, 1)?;
    let it = vm.get_iter(a[0])?;
    let h = vm.push_root(it);
    loop {
        let it = vm.root(h);
        let r = vm.iter_next(it);
        let v = match r {
            Ok(Some(v)) => v,
            Ok(None) => {
                vm.pop_roots(h);
                return Ok(Value::bool(!any));
            }
            Err(e) => {
                vm.pop_roots(h);
                return Err(e);
            }
        };
        match vm.truthy(v) {
            Ok(b) => {
                if b == any {
                    vm.pop_roots(h);
                    return Ok(Value::bool(any));
                }
            }
            Err(e) => {
                vm.pop_roots(h);
                return Err(e);
            }
        }
    }
}

fn bi_sum(vm: &mut Vm, a: &[Value], k: Value) -> PyResult {
    let p = positional(a, k);
    vm.check_args("sum", p, 1, 2)?;
    let start = p
        .get(1)
        .copied()
        .or_else(|| kwarg(a, k, "start"))
        .unwrap_or(Value::int(0));
    if Vm::is_str(start) {
        return Err(vm.raise_msg(
            T::TypeError,
            "sum() can't sum strings [use ''.join(seq) instead]",
        ));
    }
    let it = vm.get_iter(p[0])?;
    let base = vm.root_depth();
    let hit = vm.push_root(it);
    let hacc = vm.push_root(start);
    loop {
        let it = vm.root(hit);
        let r = vm.iter_next(it);
        let v = match r {
            Ok(Some(v)) => v,
            Ok(None) => break,
            Err(e) => {
                vm.pop_roots(base);
                return Err(e);
            }
        };
        let acc = vm.root(hacc);
        let s = match vm.fast_binary(acc, v, B_ADD) {
            Some(s) => s,
            None => match vm.binary(acc, v, B_ADD) {
                Ok(s) => s,
                Err(e) => {
                    vm.pop_roots(base);
                    return Err(e);
                }
            },
        };
        vm.set_root(hacc, s);
    }
    let acc = vm.root(hacc);
    vm.pop_roots(base);
    Ok(acc)
}

fn min_max(vm: &mut Vm, a: &[Value], k: Value, is_min: bool) -> PyResult {
    let p = positional(a, k);
    let name = if is_min { "min" } else { "max" };
    if p.is_empty() {
        let msg = format!("{name} expected at least 1 argument, got 0");
        return Err(vm.raise_msg(T::TypeError, &msg));
    }
    let key = kwarg(a, k, "key").filter(|v| !v.is_none());
    let dflt = kwarg(a, k, "default");
    let base = vm.root_depth();
    let hkey = vm.push_root(key.unwrap_or(Value::NULL));
    let hd = vm.push_root(dflt.unwrap_or(Value::NULL));
    let items = if p.len() == 1 {
        vm.collect(p[0])
    } else {
        Ok(p.to_vec())
    };
    let items = match items {
        Ok(i) => i,
        Err(e) => {
            vm.pop_roots(base);
            return Err(e);
        }
    };
    if items.is_empty() {
        let d = vm.root(hd);
        vm.pop_roots(base);
        if !d.is_null() {
            return Ok(d);
        }
        let msg = format!("{name}() arg is an empty sequence");
        return Err(vm.raise_msg(T::ValueError, &msg));
    }
    let l = vm.new_list(&items);
    let hl = vm.push_root(l);
    let key = vm.root(hkey);
    let keys = if key.is_null() {
        l
    } else {
        let nl = vm.new_list(&[]);
        let hks = vm.push_root(nl);
        for i in 0..items.len() {
            let x = Vm::list_get(vm.root(hl), i);
            let key = vm.root(hkey);
            match vm.call0(key, &[x]) {
                Ok(kv) => {
                    let kl = vm.root(hks);
                    vm.list_append(kl, kv);
                }
                Err(e) => {
                    vm.pop_roots(base);
                    return Err(e);
                }
            }
        }
        vm.root(hks)
    };
    let hk = vm.push_root(keys);
    let mut best = 0;
    for i in 1..items.len() {
        let ks = vm.root(hk);
        let (x, b) = (Vm::list_get(ks, i), Vm::list_get(ks, best));
        let op = if is_min { C_LT } else { C_GT };
        let better = match vm.fast_compare(x, b, op) {
            Some(r) => r,
            None => match vm.compare(x, b, op).and_then(|r| vm.truthy(r)) {
                Ok(r) => r,
                Err(e) => {
                    vm.pop_roots(base);
                    return Err(e);
                }
            },
        };
        if better {
            best = i;
        }
    }
    let r = Vm::list_get(vm.root(hl), best);
    vm.pop_roots(base);
    Ok(r)
}

impl Vm {
    /// Sorts list `l` in place by `key` (None = identity), stable.
    pub fn sort_list(&mut self, l: Value, key: Value, reverse: bool) -> PyResult<()> {
        let base = self.root_depth();
        let hl = self.push_root(l);
        self.set_root(crate::vm::R_MISC, l);
        // As CPython: the list is empty while keys and comparisons run
        // (they see `len(l) == 0`); the items live in a private list.
        let items = Vm::list_items(l);
        let n = items.len();
        let saved = self.new_list(&items);
        let hsaved = self.push_root(saved);
        self.list_set_items(l, &[]);
        // Puts `order` (indices into the saved items) back into the list;
        // ValueError if Python code added items meanwhile (CPython also
        // notices an append undone by a pop; clearing the empty list is
        // invisible in both).
        let restore = |vm: &mut Vm, order: &[usize]| -> PyResult<()> {
            let l = vm.root(hl);
            let modified = Vm::list_len(l) != 0;
            let saved = Vm::list_items(vm.root(hsaved));
            let sorted: Vec<Value> = order.iter().map(|&i| saved[i]).collect();
            vm.list_set_items(l, &sorted);
            vm.set_root(crate::vm::R_MISC, l);
            if modified {
                return Err(vm.raise_msg(T::ValueError, "list modified during sort"));
            }
            Ok(())
        };
        let keys = if key.is_none() || key.is_null() {
            self.root(hsaved)
        } else {
            let hkey = self.push_root(key);
            let kl = self.new_list(&[]);
            let hk = self.push_root(kl);
            for i in 0..n {
                let x = Vm::list_get(self.root(hsaved), i);
                let key = self.root(hkey);
                match self.call0(key, &[x]) {
                    Ok(kv) => {
                        let kl = self.root(hk);
                        self.list_append(kl, kv);
                    }
                    Err(e) => {
                        let exc = self.take_exc();
                        let _ = restore(self, &(0..n).collect::<Vec<_>>());
                        self.set_root(crate::vm::R_EXC, exc);
                        self.pop_roots(base);
                        return Err(e);
                    }
                }
            }
            self.root(hk)
        };
        let hkeys = self.push_root(keys);
        let mut idx: Vec<usize> = (0..n).collect();
        // Fast path: comparable without calls.
        let kv = Vm::list_items(keys);
        let all_fast = kv
            .windows(2)
            .all(|w| self.fast_compare(w[0], w[1], C_LT).is_some())
            && (n < 2 || self.fast_compare(kv[0], kv[n - 1], C_LT).is_some());
        if all_fast {
            idx.sort_by(|&i, &j| {
                let (a, b) = (kv[i], kv[j]);
                if self.fast_compare(a, b, C_LT) == Some(true) {
                    std::cmp::Ordering::Less
                } else if self.fast_compare(b, a, C_LT) == Some(true) {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            });
        } else {
            let mut err = None;
            merge_sort(&mut idx, &mut |i, j| {
                if err.is_some() {
                    return false;
                }
                let ks = self.root(hkeys);
                let (a, b) = (Vm::list_get(ks, i), Vm::list_get(ks, j));
                match self.compare(a, b, C_LT).and_then(|r| self.truthy(r)) {
                    Ok(r) => r,
                    Err(e) => {
                        err = Some(e);
                        false
                    }
                }
            });
            if let Some(e) = err {
                let exc = self.take_exc();
                let _ = restore(self, &(0..n).collect::<Vec<_>>());
                self.set_root(crate::vm::R_EXC, exc);
                self.pop_roots(base);
                return Err(e);
            }
        }
        if reverse {
            // stable reverse: reverse runs of equal keys preserved by sorting reversed
            idx.reverse();
            let ks = Vm::list_items(self.root(hkeys));
            // restore stability for equal elements
            let mut i = 0;
            while i < idx.len() {
                let mut j = i + 1;
                while j < idx.len() && Vm::eq_fast(ks[idx[i]], ks[idx[j]]) == Some(true) {
                    j += 1;
                }
                idx[i..j].reverse();
                i = j;
            }
        }
        let r = restore(self, &idx);
        self.pop_roots(base);
        r
    }

    /// The list most recently sorted by `sort_list`.
    pub fn root_last_sorted(&mut self) -> Value {
        let v = self.root(crate::vm::R_MISC);
        self.set_root(crate::vm::R_MISC, Value::NONE);
        v
    }
}

fn merge_sort(v: &mut Vec<usize>, lt: &mut dyn FnMut(usize, usize) -> bool) {
    let n = v.len();
    if n < 2 {
        return;
    }
    let mut width = 1;
    let mut buf = v.clone();
    while width < n {
        let mut i = 0;
        while i < n {
            let mid = (i + width).min(n);
            let hi = (i + 2 * width).min(n);
            let (mut a, mut b, mut k) = (i, mid, i);
            while a < mid && b < hi {
                if lt(v[b], v[a]) {
                    buf[k] = v[b];
                    b += 1;
                } else {
                    buf[k] = v[a];
                    a += 1;
                }
                k += 1;
            }
            while a < mid {
                buf[k] = v[a];
                a += 1;
                k += 1;
            }
            while b < hi {
                buf[k] = v[b];
                b += 1;
                k += 1;
            }
            i += 2 * width;
        }
        std::mem::swap(v, &mut buf);
        width *= 2;
    }
}

#[allow(dead_code)]
fn to_usize(v: &num_bigint::BigInt) -> usize {
    v.to_usize().unwrap_or(0)
}
