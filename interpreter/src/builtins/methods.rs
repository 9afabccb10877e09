//! Methods of list, dict, set, tuple, int, float, bytes, generators and iterators.

use super::{dict_methods, list_methods, num_methods, set_methods};
use crate::compile::bytecode::*;
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::{Args, Scope};
use crate::vm::NativeFn;
use crate::vm::{PyResult, Vm};

pub(super) fn self_list(
    vm: &mut Vm,
    a: Args<'_>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<Value> {
    a.check(vm, name, min + 1, max + 1)?;
    Ok(a.v(vm, 0))
}

/// The `List` methods defined here and in the per-type files.
const LIST_METHODS: &[(&str, NativeFn)] = &[
    ("append", list_methods::list_append),
    ("pop", list_methods::list_pop),
    ("insert", list_methods::list_insert),
    ("extend", list_methods::list_extend),
    ("__iadd__", list_methods::list_iadd),
    ("remove", list_methods::list_remove),
    ("index", list_methods::list_index),
    ("count", list_methods::list_count),
    ("reverse", list_methods::list_reverse),
    ("copy", list_methods::list_copy),
    ("clear", list_methods::list_clear),
    ("sort", list_methods::list_sort),
    ("__len__", list_methods::list_len),
    ("__getitem__", list_methods::list_getitem),
    ("__setitem__", list_methods::list_setitem),
    ("__iter__", list_methods::list_iter),
    ("__contains__", list_methods::list_contains),
    ("__repr__", list_methods::list_repr),
];

/// The `Dict` methods defined here and in the per-type files.
const DICT_METHODS: &[(&str, NativeFn)] = &[
    ("__repr__", dict_methods::dict_repr),
    ("get", dict_methods::dict_get),
    ("setdefault", dict_methods::dict_setdefault),
    ("pop", dict_methods::dict_pop),
    ("popitem", dict_methods::dict_popitem),
    ("keys", dict_methods::dict_keys),
    ("values", dict_methods::dict_values),
    ("items", dict_methods::dict_items),
    ("update", dict_methods::dict_update),
    ("clear", dict_methods::dict_clear),
    ("__getitem__", dict_methods::dict_getitem),
    ("__setitem__", dict_methods::dict_setitem),
    ("__delitem__", dict_methods::dict_delitem),
    ("__contains__", dict_methods::dict_contains),
    ("__len__", dict_methods::dict_len),
    ("__iter__", dict_methods::dict_iter),
];

/// The `Tuple` methods defined here and in the per-type files.
const TUPLE_METHODS: &[(&str, NativeFn)] = &[("index", tuple_index), ("count", tuple_count)];

/// The `Dict` classmethods defined here and in the per-type files.
const DICT_CLASSMETHODS: &[(&str, NativeFn)] = &[("fromkeys", dict_methods::dict_fromkeys)];

/// The `DictKeys` methods defined here and in the per-type files.
const DICTKEYS_METHODS: &[(&str, NativeFn)] = &[("__contains__", dict_keys_contains)];

/// The `Set` methods defined here and in the per-type files.
const SET_METHODS: &[(&str, NativeFn)] = &[
    ("add", set_methods::set_add),
    ("remove", set_methods::set_remove),
    ("discard", set_methods::set_discard),
    ("pop", set_methods::set_pop),
    ("clear", set_methods::set_clear),
    ("update", set_methods::set_update),
    ("copy", set_methods::set_copy),
    ("isdisjoint", set_methods::set_isdisjoint),
    ("__contains__", set_methods::set_contains),
    ("__len__", set_methods::set_len),
    ("__iter__", set_methods::set_iter),
];

/// The `Int` methods defined here and in the per-type files.
const INT_METHODS: &[(&str, NativeFn)] = &[
    ("bit_length", num_methods::int_bit_length),
    ("to_bytes", num_methods::int_to_bytes),
    ("__index__", num_methods::int_index),
    ("conjugate", num_methods::int_conjugate),
    ("bit_count", num_methods::int_bit_count),
    ("__float__", num_methods::int_float),
];

/// The `Int` classmethods defined here and in the per-type files.
const INT_CLASSMETHODS: &[(&str, NativeFn)] = &[("from_bytes", num_methods::int_from_bytes)];

/// The `Float` methods defined here and in the per-type files.
const FLOAT_METHODS: &[(&str, NativeFn)] = &[
    ("is_integer", num_methods::float_is_integer),
    ("__int__", num_methods::float_int),
    ("__float__", num_methods::float_float),
    ("__getnewargs__", num_methods::float_getnewargs),
];

/// The `Code` methods defined here and in the per-type files.
const CODE_METHODS: &[(&str, NativeFn)] = &[("co_positions", code_co_positions)];

/// The `Bytes` methods defined here and in the per-type files.
const BYTES_METHODS: &[(&str, NativeFn)] = &[
    ("hex", bytes_hex),
    ("join", bytes_join),
    ("decode", bytes_decode),
];

/// The `Bytes` classmethods defined here and in the per-type files.
const BYTES_CLASSMETHODS: &[(&str, NativeFn)] = &[("fromhex", bytes_fromhex)];

pub(super) fn register(vm: &mut Vm) {
    for &(name, f) in LIST_METHODS {
        vm.add_native_method(T::List, name, f);
    }
    for &(name, f) in DICT_METHODS {
        vm.add_native_method(T::Dict, name, f);
    }
    for &(name, f) in TUPLE_METHODS {
        vm.add_native_method(T::Tuple, name, f);
    }
    for &(name, f) in DICT_CLASSMETHODS {
        vm.add_native_classmethod(T::Dict, name, f);
    }
    for &(name, f) in DICTKEYS_METHODS {
        vm.add_native_method(T::DictKeys, name, f);
    }
    for &(name, f) in SET_METHODS {
        vm.add_native_method(T::Set, name, f);
    }
    for &(name, f) in INT_METHODS {
        vm.add_native_method(T::Int, name, f);
    }
    for &(name, f) in INT_CLASSMETHODS {
        vm.add_native_classmethod(T::Int, name, f);
    }
    for &(name, f) in FLOAT_METHODS {
        vm.add_native_method(T::Float, name, f);
    }
    for &(name, f) in CODE_METHODS {
        vm.add_native_method(T::Code, name, f);
    }
    for &(name, f) in BYTES_METHODS {
        vm.add_native_method(T::Bytes, name, f);
    }
    for &(name, f) in BYTES_CLASSMETHODS {
        vm.add_native_classmethod(T::Bytes, name, f);
    }
    // ---- list
    // ---- tuple
    // ---- dict
    vm.add_native_method(T::Dict, "copy", |vm, _s, a| vm.dict_copy(a.v(vm, 0)));
    for t in [T::DictKeys, T::DictValues, T::DictItems] {
        vm.add_native_method(t, "__len__", |vm, _s, a| {
            Ok(Value::int(
                Vm::dict_len(Vm::get(a.v(vm, 0).obj().expect("v"), 1)) as i64,
            ))
        });
        vm.add_native_method(t, "__iter__", |vm, _s, a| vm.get_iter(a.v(vm, 0)));
    }
    // ---- set
    for (name, op) in [
        ("union", B_OR),
        ("intersection", B_AND),
        ("difference", B_SUB),
        ("symmetric_difference", B_XOR),
    ] {
        let f: crate::vm::NativeFn = match op {
            B_OR => |vm, _s, a| set_op_multi(vm, a, B_OR),
            B_AND => |vm, _s, a| set_op_multi(vm, a, B_AND),
            B_SUB => |vm, _s, a| set_op_multi(vm, a, B_SUB),
            _ => |vm, _s, a| set_op_multi(vm, a, B_XOR),
        };
        vm.add_native_method(T::Set, name, f);
        vm.add_native_method(T::FrozenSet, name, f);
    }
    vm.add_native_method(T::Set, "issubset", |vm, _s, a| set_relation(vm, a, C_LE));
    vm.add_native_method(T::Set, "issuperset", |vm, _s, a| set_relation(vm, a, C_GE));
    // ---- generators and iterators
    for t in [T::Generator, T::Coroutine] {
        vm.add_native_method(t, "send", |vm, _s, a| {
            a.check(vm, "send", 2, 2)?;
            match vm.gen_resume(a.v(vm, 0), a.v(vm, 1), false)? {
                crate::vm::interp::Outcome::Yield(v) => Ok(v),
                crate::vm::interp::Outcome::Return(r) => Err(vm.raise_stop(r)),
            }
        });
        vm.add_native_method(t, "throw", |vm, _s, a| {
            a.check(vm, "throw", 2, 4)?;
            let e = if a.len() >= 3 && Vm::is_type(a.v(vm, 1)) && !a.v(vm, 2).is_none() {
                if vm.isinstance(a.v(vm, 2), a.v(vm, 1)) {
                    a.v(vm, 2)
                } else if Vm::is_kind(a.v(vm, 2), Kind::Tuple) {
                    let args = Vm::tuple_items(a.v(vm, 2));
                    vm.call0(a.v(vm, 1), &args)?
                } else {
                    vm.call0(a.v(vm, 1), &[a.v(vm, 2)])?
                }
            } else {
                a.v(vm, 1)
            };
            vm.gen_throw(a.v(vm, 0), e)
        });
        vm.add_native_method(t, "close", |vm, _s, a| vm.gen_close(a.v(vm, 0)));
        vm.add_native_method(t, "__next__", |vm, _s, a| {
            match vm.gen_resume(a.v(vm, 0), Value::NONE, false)? {
                crate::vm::interp::Outcome::Yield(v) => Ok(v),
                crate::vm::interp::Outcome::Return(r) => Err(vm.raise_stop(r)),
            }
        });
        vm.add_native_method(t, "__iter__", |vm, _s, a| Ok(a.v(vm, 0)));
    }
    vm.add_native_method(T::Coroutine, "__await__", |vm, _s, a| Ok(a.v(vm, 0)));
    for t in [
        T::Iterator,
        T::Map,
        T::Filter,
        T::Zip,
        T::Enumerate,
        T::Reversed,
        T::Count,
    ] {
        vm.add_native_method(t, "__next__", |vm, _s, a| {
            match vm.iter_next(a.v(vm, 0))? {
                Some(v) => Ok(v),
                None => Err(vm.raise_stop(Value::NONE)),
            }
        });
        vm.add_native_method(t, "__iter__", |vm, _s, a| Ok(a.v(vm, 0)));
    }
    // ---- int / float
    // ---- code
    // `co_positions()`: one (line, end line, column, end column) tuple per
    // instruction. pygc keeps no column table, and `tb_lasti` is 0, so every
    // entry is (None, None, None, None): `traceback` then falls back to
    // `tb_lineno` and prints no carets, as CPython does without positions.
    // ---- bytes
}

pub(super) fn set_op_multi(vm: &mut Vm, a: Args<'_>, op: u32) -> PyResult {
    // set_multi roots the operands first thing
    vm.set_multi(&a.values(vm), op)
}

pub(super) fn dict_view(vm: &mut Vm, d: Value, t: T) -> Value {
    let ty = vm.ty(t);
    let o = vm.alloc_rec(Kind::Misc, ty);
    Vm::init(o, 1, d);
    Value::from_obj(o)
}

pub(super) fn list_item_as(vm: &mut Vm, l: Value, k: Value, _t: Value) -> PyResult {
    let n = Vm::list_len(l);
    if Vm::is_kind(k, Kind::Slice) {
        let (start, _, step, cnt) = vm.slice_indices(k, n)?;
        let v: Vec<Value> = (0..cnt)
            .map(|i| Vm::list_get(l, (start + i as i64 * step) as usize))
            .collect();
        return Ok(vm.new_list(&v));
    }
    let mut i = vm.index_of(k)?;
    if i < 0 {
        i += n as i64;
    }
    if i < 0 || i >= n as i64 {
        return Err(vm.raise_msg(T::IndexError, "list index out of range"));
    }
    Ok(Vm::list_get(l, i as usize))
}

pub(super) fn seq_get_len(s: Value) -> usize {
    match Vm::is_kind(s, Kind::List) {
        true => Vm::list_len(s),
        false => Vm::tuple_len(s),
    }
}

pub(super) fn seq_get(s: Value, i: usize) -> Option<Value> {
    if Vm::is_kind(s, Kind::List) {
        if i < Vm::list_len(s) {
            Some(Vm::list_get(s, i))
        } else {
            None
        }
    } else if i < Vm::tuple_len(s) {
        Some(Vm::tuple_get(s, i))
    } else {
        None
    }
}

pub(super) fn seq_index(vm: &mut Vm, s: Value, x: Value) -> PyResult<Option<usize>> {
    vm.scope(|vm, sc| {
        // __eq__ runs Python: the sequence may move, shrink or grow
        let (s, x) = (sc.root_value(vm, s), sc.root_value(vm, x));
        let mut i = 0;
        while let Some(y) = seq_get(s.get(vm).value(), i) {
            if vm.eq_bool(y, x.get(vm).value())? {
                return Ok(Some(i));
            }
            i += 1;
        }
        Ok(None)
    })
}

/// `seq.index(x[, start[, stop]])` on rooted arguments: start and stop
/// clamp like slice bounds (negative from the end), taken with `__index__`
/// before the search; the length is re-read at every step.
pub(super) fn seq_index_in(
    vm: &mut Vm,
    args: crate::vm::rooted::Args<'_>,
) -> PyResult<Option<usize>> {
    let bound = |vm: &mut Vm, i: usize, default: i64| -> PyResult<i64> {
        if i >= args.len() {
            return Ok(default);
        }
        let v = args.get(vm, i).value();
        let n = vm.index_of(v)?;
        let len = seq_get_len(args.get(vm, 0).value()) as i64;
        Ok(if n < 0 { (n + len).max(0) } else { n })
    };
    let start = bound(vm, 2, 0)? as usize;
    let stop = bound(vm, 3, i64::MAX)?;
    let mut i = start;
    while (i as i64) < stop {
        let Some(y) = seq_get(args.get(vm, 0).value(), i) else {
            return Ok(None);
        };
        if vm.eq_bool(y, args.get(vm, 1).value())? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

pub(super) fn seq_count(vm: &mut Vm, s: Value, x: Value) -> PyResult {
    vm.scope(|vm, sc| {
        let (s, x) = (sc.root_value(vm, s), sc.root_value(vm, x));
        let (mut i, mut n) = (0, 0);
        while let Some(y) = seq_get(s.get(vm).value(), i) {
            if vm.eq_bool(y, x.get(vm).value())? {
                n += 1;
            }
            i += 1;
        }
        Ok(Value::int(n))
    })
}

/// `s.issubset(other)` / `s.issuperset(other)`: `other` as a set first.
pub(super) fn set_relation(vm: &mut Vm, a: Args<'_>, op: u32) -> PyResult {
    let name = if op == C_LE { "issubset" } else { "issuperset" };
    a.check(vm, name, 2, 2)?;
    vm.scope(|vm, s| {
        let args = a;
        let other = args.get(vm, 1).value();
        let o = match Vm::is_kind(other, Kind::Set) {
            true => other,
            false => {
                let st = vm.ty(T::Set);
                vm.set_from(st, other)?
            }
        };
        let o = s.root_value(vm, o);
        vm.set_compare(args.get(vm, 0).value(), o.get(vm).value(), op)
    })
}

pub(super) fn tuple_index<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "index", 2, 4)?;
    {
        let args = a;
        match seq_index_in(vm, args)? {
            Some(i) => Ok(Value::int(i as i64)),
            None => Err(vm.raise_msg(T::ValueError, "tuple.index(x): x not in tuple")),
        }
    }
}

pub(super) fn tuple_count<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "count", 2, 2)?;
    seq_count(vm, a.v(vm, 0), a.v(vm, 1))
}

pub(super) fn dict_keys_contains<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let d = Vm::get(a.v(vm, 0).obj().expect("v"), 1);
    Ok(Value::bool(vm.dict_get(d, a.v(vm, 1))?.is_some()))
}

pub(super) fn code_co_positions<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let n = vm.code_info(a.v(vm, 0)).instrs.len().max(1);
    let none = vm.new_tuple(&[Value::NONE; 4]);
    let items = vec![none; n];
    let l = vm.new_list(&items);
    vm.get_iter(l)
}

pub(super) fn bytes_hex<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let s: String = Vm::as_bytes(a.v(vm, 0))
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(vm.new_string(s))
}

pub(super) fn bytes_join<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "join", 2, 2)?;
    let h = vm.push_root(a.v(vm, 0));
    let items = vm.collect(a.v(vm, 1));
    let sep = vm.root(h);
    vm.pop_roots(h);
    let items = items?;
    let mut out: Vec<u8> = Vec::new();
    for (i, &x) in items.iter().enumerate() {
        if !Vm::is_kind(x, Kind::Bytes) {
            let msg = format!(
                "sequence item {i}: expected a bytes-like object, {} found",
                vm.type_name_of(x)
            );
            return Err(vm.raise_msg(T::TypeError, &msg));
        }
        if i > 0 {
            out.extend_from_slice(Vm::as_bytes(sep));
        }
        out.extend_from_slice(Vm::as_bytes(x));
    }
    Ok(vm.new_bytes(&out))
}

pub(super) fn bytes_decode<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let s = String::from_utf8_lossy(Vm::as_bytes(a.v(vm, 0))).to_string();
    Ok(vm.new_string(s))
}

pub(super) fn bytes_fromhex<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let s: String = Vm::as_str(a.v(vm, 1))
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut out = vec![];
    for i in (0..s.len()).step_by(2) {
        match u8::from_str_radix(s.get(i..i + 2).unwrap_or("zz"), 16) {
            Ok(b) => out.push(b),
            Err(_) => {
                return Err(vm.raise_msg(
                    T::ValueError,
                    "non-hexadecimal number found in fromhex() arg",
                ))
            }
        }
    }
    Ok(vm.new_bytes(&out))
}
