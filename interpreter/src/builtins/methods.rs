//! Methods of list, dict, set, tuple, int, float, bytes, generators and iterators.

use super::{kwarg, positional};
use crate::compile::bytecode::*;
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::iter::*;
use crate::vm::{PyResult, Vm};

fn self_list(vm: &mut Vm, a: &[Value], name: &str, min: usize, max: usize) -> PyResult<Value> {
    vm.check_args(name, a, min + 1, max + 1)?;
    Ok(a[0])
}

pub(super) fn register(vm: &mut Vm) {
    // ---- list
    vm.add_method(T::List, "append", |vm, a, _| {
        let l = self_list(vm, a, "append", 1, 1)?;
        vm.list_append(l, a[1]);
        Ok(Value::NONE)
    });
    vm.add_method(T::List, "pop", |vm, a, _| {
        let l = self_list(vm, a, "pop", 0, 1)?;
        let n = Vm::list_len(l);
        if n == 0 {
            return Err(vm.raise_msg(T::IndexError, "pop from empty list"));
        }
        let mut i = match a.get(1) {
            Some(v) => vm.index_of(*v)?,
            None => n as i64 - 1,
        };
        if i < 0 {
            i += n as i64;
        }
        if i < 0 || i >= n as i64 {
            return Err(vm.raise_msg(T::IndexError, "pop index out of range"));
        }
        Ok(vm.list_remove_at(l, i as usize))
    });
    vm.add_method(T::List, "insert", |vm, a, _| {
        let l = self_list(vm, a, "insert", 2, 2)?;
        let n = Vm::list_len(l) as i64;
        let mut i = vm.index_of(a[1])?;
        if i < 0 {
            i = (i + n).max(0);
        }
        vm.list_insert(l, i.min(n) as usize, a[2]);
        Ok(Value::NONE)
    });
    vm.add_method(T::List, "extend", |vm, a, _| {
        let l = self_list(vm, a, "extend", 1, 1)?;
        vm.list_extend(l, a[1])?;
        Ok(Value::NONE)
    });
    vm.add_method(T::List, "__iadd__", |vm, a, k| {
        let l = self_list(vm, a, "__iadd__", 1, 1)?;
        vm.with_args(&[l, a[1]], k, |vm, _s, args| {
            vm.list_extend(args.get(vm, 0).value(), args.get(vm, 1).value())?;
            Ok(args.get(vm, 0).value())
        })
    });
    vm.add_method(T::List, "remove", |vm, a, k| {
        self_list(vm, a, "remove", 1, 1)?;
        vm.with_args(a, k, |vm, _s, args| {
            let (l, x) = (args.get(vm, 0).value(), args.get(vm, 1).value());
            match seq_index(vm, l, x)? {
                Some(i) => {
                    // __eq__ may have shrunk the list: like CPython's
                    // slice deletion, an index past the end removes nothing
                    let l = args.get(vm, 0).value();
                    if i < Vm::list_len(l) {
                        vm.list_remove_at(l, i);
                    }
                    Ok(Value::NONE)
                }
                None => Err(vm.raise_msg(T::ValueError, "list.remove(x): x not in list")),
            }
        })
    });
    vm.add_method(T::List, "index", |vm, a, k| {
        vm.check_args("index", a, 2, 4)?;
        vm.with_args(a, k, |vm, _s, args| match seq_index_in(vm, args)? {
            Some(i) => Ok(Value::int(i as i64)),
            None => {
                let r = vm.repr_string(args.get(vm, 1).value())?;
                Err(vm.raise_msg(T::ValueError, &format!("{r} is not in list")))
            }
        })
    });
    vm.add_method(T::List, "count", |vm, a, _| {
        vm.check_args("count", a, 2, 2)?;
        seq_count(vm, a[0], a[1])
    });
    vm.add_method(T::List, "reverse", |vm, a, _| {
        self_list(vm, a, "reverse", 0, 0)?;
        vm.list_reverse(a[0]);
        Ok(Value::NONE)
    });
    vm.add_method(T::List, "copy", |vm, a, _| {
        let v = Vm::list_items(a[0]);
        Ok(vm.new_list(&v))
    });
    vm.add_method(T::List, "clear", |vm, a, _| {
        if Vm::list_len(a[0]) != 0 {
            vm.list_set_items(a[0], &[]);
        }
        Ok(Value::NONE)
    });
    vm.add_method(T::List, "sort", |vm, a, k| {
        let p = positional(a, k);
        vm.check_args("sort", p, 1, 1)?;
        let key = kwarg(a, k, "key").unwrap_or(Value::NONE);
        let rev = kwarg(a, k, "reverse").unwrap_or(Value::FALSE);
        let rev = rev == Value::TRUE || Vm::int_as_i64(rev).unwrap_or(0) != 0;
        vm.sort_list(p[0], key, rev)?;
        vm.root_last_sorted();
        Ok(Value::NONE)
    });
    vm.add_method(T::List, "__len__", |vm, a, _| {
        let _ = vm;
        Ok(Value::int(Vm::list_len(a[0]) as i64))
    });
    vm.add_method(T::List, "__getitem__", |vm, a, _| {
        vm.check_args("__getitem__", a, 2, 2)?;
        let lt = vm.ty(T::List);
        list_item_as(vm, a[0], a[1], lt)
    });
    vm.add_method(T::List, "__setitem__", |vm, a, _| {
        vm.check_args("__setitem__", a, 3, 3)?;
        if !Vm::is_kind(a[1], Kind::Slice) {
            // `__index__` runs first; the list is read after it.
            let hv = vm.push_root(a[2]);
            let r = vm.plain_key(a[0], a[1]);
            let v = vm.root(hv);
            vm.pop_roots(hv);
            let (l, k) = r?;
            let n = Vm::list_len(l);
            let mut i = vm.index_of(k)?;
            if i < 0 {
                i += n as i64;
            }
            if i < 0 || i >= n as i64 {
                return Err(vm.raise_msg(T::IndexError, "list assignment index out of range"));
            }
            vm.list_set(l, i as usize, v);
            return Ok(Value::NONE);
        }
        let l = a[0];
        let tmp = vm.new_list(&Vm::list_items(l));
        let h = vm.push_root(l);
        let ht = vm.push_root(tmp);
        let r = vm.setitem(tmp, a[1], a[2]);
        let (l, tmp) = (vm.root(h), vm.root(ht));
        vm.pop_roots(h);
        r?;
        vm.list_set_items(l, &Vm::list_items(tmp));
        Ok(Value::NONE)
    });
    vm.add_method(T::List, "__iter__", |vm, a, _| {
        let ty = vm.ty(T::Iterator);
        Ok(vm.new_iter(ty, IT_LIST, a[0], Value::int(0), Value::NULL, Value::NULL))
    });
    vm.add_method(T::List, "__contains__", |vm, a, _| {
        Ok(Value::bool(seq_index(vm, a[0], a[1])?.is_some()))
    });
    vm.add_method(T::List, "__repr__", |vm, a, _| {
        let l = vm.new_list(&Vm::list_items(a[0]));
        vm.repr(l)
    });
    vm.add_method(T::Dict, "__repr__", |vm, a, _| {
        let d = vm.dict_copy(a[0])?;
        vm.repr(d)
    });
    // ---- tuple
    vm.add_method(T::Tuple, "index", |vm, a, k| {
        vm.check_args("index", a, 2, 4)?;
        vm.with_args(a, k, |vm, _s, args| match seq_index_in(vm, args)? {
            Some(i) => Ok(Value::int(i as i64)),
            None => Err(vm.raise_msg(T::ValueError, "tuple.index(x): x not in tuple")),
        })
    });
    vm.add_method(T::Tuple, "count", |vm, a, _| {
        vm.check_args("count", a, 2, 2)?;
        seq_count(vm, a[0], a[1])
    });
    // ---- dict
    vm.add_method(T::Dict, "get", |vm, a, k| {
        vm.check_args("get", a, 2, 3)?;
        vm.with_args(a, k, |vm, _s, args| {
            // __hash__/__eq__ may run Python: the default is read after
            let (d, key) = (args.get(vm, 0).value(), args.get(vm, 1).value());
            let found = vm.dict_get(d, key)?;
            Ok(found.unwrap_or_else(|| match args.len() {
                3 => args.get(vm, 2).value(),
                _ => Value::NONE,
            }))
        })
    });
    vm.add_method(T::Dict, "setdefault", |vm, a, _| {
        vm.check_args("setdefault", a, 2, 3)?;
        let d = if a.len() > 2 { a[2] } else { Value::NONE };
        vm.dict_setdefault(a[0], a[1], d)
    });
    vm.add_method(T::Dict, "pop", |vm, a, k| {
        vm.check_args("pop", a, 2, 3)?;
        if Vm::dict_len(a[0]) == 0 {
            // CPython answers an empty dict without hashing the key
            return match a.get(2) {
                Some(&d) => Ok(d),
                None => Err(vm.raise_key_error(a[1])),
            };
        }
        if a.len() == 2 {
            return vm.dict_delitem(a[0], a[1]);
        }
        vm.with_args(a, k, |vm, _s, args| {
            let (d, key) = (args.get(vm, 0).value(), args.get(vm, 1).value());
            let found = vm.dict_del(d, key)?;
            Ok(found.unwrap_or_else(|| args.get(vm, 2).value()))
        })
    });
    vm.add_method(T::Dict, "popitem", |vm, a, _| {
        match vm.dict_pop_last(a[0]) {
            Some((k, v)) => Ok(vm.new_tuple(&[k, v])),
            None => Err(vm.raise_msg(T::KeyError, "popitem(): dictionary is empty")),
        }
    });
    vm.add_method(T::Dict, "keys", |vm, a, _| {
        Ok(dict_view(vm, a[0], T::DictKeys))
    });
    vm.add_method(T::Dict, "values", |vm, a, _| {
        Ok(dict_view(vm, a[0], T::DictValues))
    });
    vm.add_method(T::Dict, "items", |vm, a, _| {
        Ok(dict_view(vm, a[0], T::DictItems))
    });
    vm.add_method(T::Dict, "update", |vm, a, k| {
        let npos = positional(a, k).len();
        if npos > 2 {
            let m = format!("update expected at most 1 argument, got {}", npos - 1);
            return Err(vm.raise_msg(T::TypeError, &m));
        }
        vm.with_args(a, k, |vm, _s, args| {
            if npos == 2 {
                let (d, other) = (args.get(vm, 0).value(), args.get(vm, 1).value());
                vm.dict_update(d, other)?;
            }
            let Some(names) = args.kwnames(vm).map(|t| t.value()) else {
                return Ok(Value::NONE);
            };
            for i in 0..Vm::tuple_len(names) {
                // names and values are rooted; dict_set_str runs no Python
                let names = args.kwnames(vm).map_or(Value::NULL, |t| t.value());
                let (d, key, v) = (
                    args.get(vm, 0).value(),
                    Vm::tuple_get(names, i),
                    args.get(vm, npos + i).value(),
                );
                vm.dict_set_str(d, key, v);
            }
            Ok(Value::NONE)
        })
    });
    vm.add_method(T::Dict, "copy", |vm, a, _| vm.dict_copy(a[0]));
    vm.add_method(T::Dict, "clear", |vm, a, _| {
        vm.dict_clear(a[0]);
        Ok(Value::NONE)
    });
    vm.add_classmethod(T::Dict, "fromkeys", |vm, a, k| {
        vm.check_args("fromkeys", a, 2, 3)?;
        vm.with_args(a, k, |vm, s, args| {
            let value = match args.len() {
                3 => args.rooted(2),
                _ => s.root_value(vm, Value::NONE),
            };
            let keys = {
                let items = vm.collect(args.get(vm, 1).value())?;
                let l = vm.new_list(&items);
                s.root_value(vm, l)
            };
            let cls = args.get(vm, 0).value();
            let d = match cls == vm.ty(T::Dict) {
                true => vm.new_dict(),
                false => vm.call0(cls, &[])?,
            };
            let d = s.root_value(vm, d);
            let mut i = 0;
            // the key list is private, but setitem runs Python: re-read it
            while i < Vm::list_len(keys.get(vm).value()) {
                let key = Vm::list_get(keys.get(vm).value(), i);
                vm.setitem(d.get(vm).value(), key, value.get(vm).value())?;
                i += 1;
            }
            Ok(d.get(vm).value())
        })
    });
    vm.add_method(T::Dict, "__getitem__", |vm, a, _| {
        vm.check_args("__getitem__", a, 2, 2)?;
        if !Vm::is_kind(a[0], Kind::Dict) {
            return Err(vm.raise_msg(
                T::TypeError,
                "descriptor '__getitem__' requires a 'dict' object",
            ));
        }
        vm.dict_subscript(a[0], a[1])
    });
    vm.add_method(T::Dict, "__setitem__", |vm, a, _| {
        vm.check_args("__setitem__", a, 3, 3)?;
        vm.dict_set(a[0], a[1], a[2])?;
        Ok(Value::NONE)
    });
    vm.add_method(T::Dict, "__delitem__", |vm, a, _| {
        vm.check_args("__delitem__", a, 2, 2)?;
        vm.dict_delitem(a[0], a[1]).map(|_| Value::NONE)
    });
    vm.add_method(T::Dict, "__contains__", |vm, a, _| {
        Ok(Value::bool(vm.dict_get(a[0], a[1])?.is_some()))
    });
    vm.add_method(T::Dict, "__len__", |_, a, _| {
        Ok(Value::int(Vm::dict_len(a[0]) as i64))
    });
    vm.add_method(T::Dict, "__iter__", |vm, a, _| {
        let ty = vm.ty(T::Iterator);
        Ok(vm.new_iter(ty, IT_DKEYS, a[0], Value::int(0), Value::NULL, Value::NULL))
    });
    for t in [T::DictKeys, T::DictValues, T::DictItems] {
        vm.add_method(t, "__len__", |_, a, _| {
            Ok(Value::int(
                Vm::dict_len(Vm::get(a[0].obj().expect("v"), 1)) as i64
            ))
        });
        vm.add_method(t, "__iter__", |vm, a, _| vm.get_iter(a[0]));
    }
    vm.add_method(T::DictKeys, "__contains__", |vm, a, _| {
        let d = Vm::get(a[0].obj().expect("v"), 1);
        Ok(Value::bool(vm.dict_get(d, a[1])?.is_some()))
    });
    // ---- set
    vm.add_method(T::Set, "add", |vm, a, _| {
        vm.check_args("add", a, 2, 2)?;
        vm.set_add(a[0], a[1])?;
        Ok(Value::NONE)
    });
    vm.add_method(T::Set, "remove", |vm, a, _| {
        vm.check_args("remove", a, 2, 2)?;
        vm.dict_delitem(a[0], a[1]).map(|_| Value::NONE)
    });
    vm.add_method(T::Set, "discard", |vm, a, _| {
        vm.check_args("discard", a, 2, 2)?;
        vm.dict_del(a[0], a[1])?;
        Ok(Value::NONE)
    });
    vm.add_method(T::Set, "pop", |vm, a, _| match vm.dict_pop_last(a[0]) {
        Some((k, _)) => Ok(k),
        None => Err(vm.raise_msg(T::KeyError, "pop from an empty set")),
    });
    vm.add_method(T::Set, "clear", |vm, a, _| {
        vm.dict_clear(a[0]);
        Ok(Value::NONE)
    });
    vm.add_method(T::Set, "update", |vm, a, k| {
        vm.with_args(a, k, |vm, _s, args| {
            // each update runs __hash__/__eq__/__iter__: every argument is
            // read from its root after the previous one
            for i in 1..args.len() {
                let (set, other) = (args.get(vm, 0).value(), args.get(vm, i).value());
                vm.set_update(set, other)?;
            }
            Ok(Value::NONE)
        })
    });
    vm.add_method(T::Set, "copy", |vm, a, _| {
        let t = vm.type_of(a[0]);
        vm.set_from(t, a[0])
    });
    for (name, op) in [
        ("union", B_OR),
        ("intersection", B_AND),
        ("difference", B_SUB),
        ("symmetric_difference", B_XOR),
    ] {
        let f: crate::vm::BuiltinFn = match op {
            B_OR => |vm, a, _| set_op_multi(vm, a, B_OR),
            B_AND => |vm, a, _| set_op_multi(vm, a, B_AND),
            B_SUB => |vm, a, _| set_op_multi(vm, a, B_SUB),
            _ => |vm, a, _| set_op_multi(vm, a, B_XOR),
        };
        vm.add_method(T::Set, name, f);
        vm.add_method(T::FrozenSet, name, f);
    }
    vm.add_method(T::Set, "issubset", |vm, a, k| set_relation(vm, a, k, C_LE));
    vm.add_method(T::Set, "issuperset", |vm, a, k| {
        set_relation(vm, a, k, C_GE)
    });
    vm.add_method(T::Set, "isdisjoint", |vm, a, k| {
        vm.check_args("isdisjoint", a, 2, 2)?;
        vm.with_args(a, k, |vm, s, args| {
            // building the set runs __iter__/__hash__: self is read after
            let st = vm.ty(T::Set);
            let o = vm.set_from(st, args.get(vm, 1).value())?;
            let o = s.root_value(vm, o);
            let r = vm.set_binary(args.get(vm, 0).value(), o.get(vm).value(), B_AND)?;
            Ok(Value::bool(Vm::dict_len(r) == 0))
        })
    });
    vm.add_method(T::Set, "__contains__", |vm, a, _| {
        Ok(Value::bool(vm.dict_get(a[0], a[1])?.is_some()))
    });
    vm.add_method(T::Set, "__len__", |_, a, _| {
        Ok(Value::int(Vm::dict_len(a[0]) as i64))
    });
    vm.add_method(T::Set, "__iter__", |vm, a, _| {
        let ty = vm.ty(T::Iterator);
        Ok(vm.new_iter(ty, IT_DKEYS, a[0], Value::int(0), Value::NULL, Value::NULL))
    });
    // ---- generators and iterators
    for t in [T::Generator, T::Coroutine] {
        vm.add_method(t, "send", |vm, a, _| {
            vm.check_args("send", a, 2, 2)?;
            match vm.gen_resume(a[0], a[1], false)? {
                crate::vm::interp::Outcome::Yield(v) => Ok(v),
                crate::vm::interp::Outcome::Return(r) => Err(vm.raise_stop(r)),
            }
        });
        vm.add_method(t, "throw", |vm, a, _| {
            vm.check_args("throw", a, 2, 4)?;
            let e = if a.len() >= 3 && Vm::is_type(a[1]) && !a[2].is_none() {
                if vm.isinstance(a[2], a[1]) {
                    a[2]
                } else if Vm::is_kind(a[2], Kind::Tuple) {
                    let args = Vm::tuple_items(a[2]);
                    vm.call0(a[1], &args)?
                } else {
                    vm.call0(a[1], &[a[2]])?
                }
            } else {
                a[1]
            };
            vm.gen_throw(a[0], e)
        });
        vm.add_method(t, "close", |vm, a, _| vm.gen_close(a[0]));
        vm.add_method(t, "__next__", |vm, a, _| {
            match vm.gen_resume(a[0], Value::NONE, false)? {
                crate::vm::interp::Outcome::Yield(v) => Ok(v),
                crate::vm::interp::Outcome::Return(r) => Err(vm.raise_stop(r)),
            }
        });
        vm.add_method(t, "__iter__", |_, a, _| Ok(a[0]));
    }
    vm.add_method(T::Coroutine, "__await__", |_, a, _| Ok(a[0]));
    for t in [
        T::Iterator,
        T::Map,
        T::Filter,
        T::Zip,
        T::Enumerate,
        T::Reversed,
        T::Count,
    ] {
        vm.add_method(t, "__next__", |vm, a, _| match vm.iter_next(a[0])? {
            Some(v) => Ok(v),
            None => Err(vm.raise_stop(Value::NONE)),
        });
        vm.add_method(t, "__iter__", |_, a, _| Ok(a[0]));
    }
    // ---- int / float
    vm.add_method(T::Int, "bit_length", |vm, a, _| {
        let b = Vm::to_big(a[0]);
        let _ = vm;
        Ok(Value::int(b.bits() as i64))
    });
    vm.add_method(T::Int, "to_bytes", |vm, a, k| {
        let p = positional(a, k);
        let len = p
            .get(1)
            .copied()
            .or_else(|| kwarg(a, k, "length"))
            .and_then(Vm::int_as_i64)
            .unwrap_or(1) as usize;
        let order = p
            .get(2)
            .copied()
            .or_else(|| kwarg(a, k, "byteorder"))
            .map(|v| Vm::as_str(v).to_string())
            .unwrap_or_else(|| "big".into());
        let signed = kwarg(a, k, "signed") == Some(Value::TRUE);
        let b = Vm::to_big(a[0]);
        let mut bytes = if signed {
            b.to_signed_bytes_le()
        } else {
            b.to_bytes_le().1
        };
        let fill = if signed && b < num_bigint::BigInt::from(0) {
            0xff
        } else {
            0
        };
        if bytes.len() > len {
            return Err(vm.raise_msg(T::OverflowError, "int too big to convert"));
        }
        bytes.resize(len, fill);
        if order == "big" {
            bytes.reverse();
        }
        Ok(vm.new_bytes(&bytes))
    });
    vm.add_classmethod(T::Int, "from_bytes", |vm, a, k| {
        let p = positional(a, k);
        let order = p
            .get(2)
            .copied()
            .or_else(|| kwarg(a, k, "byteorder"))
            .map(|v| Vm::as_str(v).to_string())
            .unwrap_or_else(|| "big".into());
        let signed = kwarg(a, k, "signed") == Some(Value::TRUE);
        let src = p.get(1).copied().or_else(|| kwarg(a, k, "bytes"));
        let Some(src) = src else {
            let m = "from_bytes() missing required argument 'bytes' (pos 1)";
            return Err(vm.raise_msg(T::TypeError, m));
        };
        let mut b = super::extra_attrs::bytes_of_iterable(vm, src)?;
        if order != "big" && order != "little" {
            return Err(vm.raise_msg(T::ValueError, "byteorder must be either 'little' or 'big'"));
        }
        if order == "big" {
            b.reverse();
        }
        let n = if signed {
            num_bigint::BigInt::from_signed_bytes_le(&b)
        } else {
            num_bigint::BigInt::from_bytes_le(num_bigint::Sign::Plus, &b)
        };
        let n = vm.new_int_big(&n);
        if a[0] != vm.ty(T::Int) && Vm::is_type(a[0]) {
            // a subclass (bool, IntEnum, ...) converts the int
            return vm.call(a[0], &[n], Value::NULL);
        }
        Ok(n)
    });
    vm.add_method(T::Int, "__index__", |vm, a, _| {
        vm.check_args("__index__", a, 1, 1)?;
        Ok(vm.new_int_big(&Vm::to_big(a[0])))
    });
    vm.add_method(T::Int, "conjugate", |vm, a, _| {
        vm.check_args("conjugate", a, 1, 1)?;
        Ok(vm.new_int_big(&Vm::to_big(a[0])))
    });
    vm.add_method(T::Int, "bit_count", |vm, a, _| {
        vm.check_args("bit_count", a, 1, 1)?;
        let ones: u64 = Vm::to_big(a[0])
            .magnitude()
            .iter_u64_digits()
            .map(|d| d.count_ones() as u64)
            .sum();
        Ok(Value::int(ones as i64))
    });
    vm.add_method(T::Float, "is_integer", |_, a, _| {
        Ok(Value::bool(Vm::float_val(a[0]).fract() == 0.0))
    });
    vm.add_method(T::Float, "__int__", |vm, a, _| {
        let t = vm.ty(T::Int);
        vm.call0(t, &[a[0]])
    });
    vm.add_method(T::Float, "__float__", |vm, a, _| {
        vm.check_args("__float__", a, 1, 1)?;
        Ok(if Vm::is_exact_float(a[0]) {
            a[0]
        } else {
            vm.new_float(Vm::float_val(a[0]))
        })
    });
    vm.add_method(T::Float, "__getnewargs__", |vm, a, _| {
        vm.check_args("__getnewargs__", a, 1, 1)?;
        let f = vm.new_float(Vm::float_val(a[0]));
        Ok(vm.new_tuple(&[f]))
    });
    vm.add_method(T::Int, "__float__", |vm, a, _| {
        let f = vm.to_f64(a[0])?;
        Ok(vm.new_float(f))
    });
    // ---- code
    // `co_positions()`: one (line, end line, column, end column) tuple per
    // instruction. pygc keeps no column table, and `tb_lasti` is 0, so every
    // entry is (None, None, None, None): `traceback` then falls back to
    // `tb_lineno` and prints no carets, as CPython does without positions.
    vm.add_method(T::Code, "co_positions", |vm, a, _| {
        let n = vm.code_info(a[0]).instrs.len().max(1);
        let none = vm.new_tuple(&[Value::NONE; 4]);
        let items = vec![none; n];
        let l = vm.new_list(&items);
        vm.get_iter(l)
    });
    // ---- bytes
    vm.add_method(T::Bytes, "hex", |vm, a, _| {
        let s: String = Vm::as_bytes(a[0])
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok(vm.new_string(s))
    });
    vm.add_method(T::Bytes, "join", |vm, a, _| {
        vm.check_args("join", a, 2, 2)?;
        let h = vm.push_root(a[0]);
        let items = vm.collect(a[1]);
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
    });
    vm.add_method(T::Bytes, "decode", |vm, a, _| {
        let s = String::from_utf8_lossy(Vm::as_bytes(a[0])).to_string();
        Ok(vm.new_string(s))
    });
    vm.add_classmethod(T::Bytes, "fromhex", |vm, a, _| {
        let s: String = Vm::as_str(a[1])
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
    });
}

fn set_op_multi(vm: &mut Vm, a: &[Value], op: u32) -> PyResult {
    vm.set_multi(a, op)
}

fn dict_view(vm: &mut Vm, d: Value, t: T) -> Value {
    let ty = vm.ty(t);
    let o = vm.alloc_rec(Kind::Misc, ty);
    Vm::init(o, 1, d);
    Value::from_obj(o)
}

fn list_item_as(vm: &mut Vm, l: Value, k: Value, _t: Value) -> PyResult {
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

fn seq_get_len(s: Value) -> usize {
    match Vm::is_kind(s, Kind::List) {
        true => Vm::list_len(s),
        false => Vm::tuple_len(s),
    }
}

fn seq_get(s: Value, i: usize) -> Option<Value> {
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

fn seq_index(vm: &mut Vm, s: Value, x: Value) -> PyResult<Option<usize>> {
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
fn seq_index_in(vm: &mut Vm, args: crate::vm::rooted::Args<'_>) -> PyResult<Option<usize>> {
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

fn seq_count(vm: &mut Vm, s: Value, x: Value) -> PyResult {
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
fn set_relation(vm: &mut Vm, a: &[Value], k: Value, op: u32) -> PyResult {
    let name = if op == C_LE { "issubset" } else { "issuperset" };
    vm.check_args(name, a, 2, 2)?;
    vm.with_args(a, k, |vm, s, args| {
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
