//! Methods of list, dict, set, tuple, int, float, bytes, generators and iterators.

use crate::compile::bytecode::*;
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::iter::*;
use crate::vm::rooted::Args;
use crate::vm::{PyResult, Vm};

fn self_list(vm: &mut Vm, a: Args<'_>, name: &str, min: usize, max: usize) -> PyResult<Value> {
    a.check(vm, name, min + 1, max + 1)?;
    Ok(a.v(vm, 0))
}

pub(super) fn register(vm: &mut Vm) {
    // ---- list
    vm.add_native_method(T::List, "append", |vm, _s, a| {
        let l = self_list(vm, a, "append", 1, 1)?;
        vm.list_append(l, a.v(vm, 1));
        Ok(Value::NONE)
    });
    vm.add_native_method(T::List, "pop", |vm, _s, a| {
        let l = self_list(vm, a, "pop", 0, 1)?;
        let n = Vm::list_len(l);
        if n == 0 {
            return Err(vm.raise_msg(T::IndexError, "pop from empty list"));
        }
        let mut i = match a.opt_v(vm, 1) {
            Some(v) => vm.index_of(v)?,
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
    vm.add_native_method(T::List, "insert", |vm, _s, a| {
        let l = self_list(vm, a, "insert", 2, 2)?;
        let n = Vm::list_len(l) as i64;
        let mut i = vm.index_of(a.v(vm, 1))?;
        if i < 0 {
            i = (i + n).max(0);
        }
        vm.list_insert(l, i.min(n) as usize, a.v(vm, 2));
        Ok(Value::NONE)
    });
    vm.add_native_method(T::List, "extend", |vm, _s, a| {
        let l = self_list(vm, a, "extend", 1, 1)?;
        vm.list_extend(l, a.v(vm, 1))?;
        Ok(Value::NONE)
    });
    vm.add_native_method(T::List, "__iadd__", |vm, _s, a| {
        let l = self_list(vm, a, "__iadd__", 1, 1)?;
        vm.with_args(&[l, a.v(vm, 1)], a.kwnames_v(vm), |vm, _s, args| {
            vm.list_extend(args.get(vm, 0).value(), args.get(vm, 1).value())?;
            Ok(args.get(vm, 0).value())
        })
    });
    vm.add_native_method(T::List, "remove", |vm, _s, a| {
        self_list(vm, a, "remove", 1, 1)?;
        {
            let args = a;
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
        }
    });
    vm.add_native_method(T::List, "index", |vm, _s, a| {
        a.check(vm, "index", 2, 4)?;
        {
            let args = a;
            match seq_index_in(vm, args)? {
                Some(i) => Ok(Value::int(i as i64)),
                None => {
                    let r = vm.repr_string(args.get(vm, 1).value())?;
                    Err(vm.raise_msg(T::ValueError, &format!("{r} is not in list")))
                }
            }
        }
    });
    vm.add_native_method(T::List, "count", |vm, _s, a| {
        a.check(vm, "count", 2, 2)?;
        seq_count(vm, a.v(vm, 0), a.v(vm, 1))
    });
    vm.add_native_method(T::List, "reverse", |vm, _s, a| {
        a.check(vm, "reverse", 1, 1)?;
        vm.list_reverse(a.v(vm, 0));
        Ok(Value::NONE)
    });
    vm.add_native_method(T::List, "copy", |vm, _s, a| {
        a.check(vm, "copy", 1, 1)?;
        let v = Vm::list_items(a.v(vm, 0));
        Ok(vm.new_list(&v))
    });
    vm.add_native_method(T::List, "clear", |vm, _s, a| {
        a.check(vm, "clear", 1, 1)?;
        if Vm::list_len(a.v(vm, 0)) != 0 {
            vm.list_set_items(a.v(vm, 0), &[]);
        }
        Ok(Value::NONE)
    });
    vm.add_native_method(T::List, "sort", |vm, _s, a| {
        let p = a.pos();
        p.check(vm, "sort", 1, 1)?;
        let key = a.kwarg_v(vm, "key").unwrap_or(Value::NONE);
        let rev = a.kwarg_v(vm, "reverse").unwrap_or(Value::FALSE);
        let rev = rev == Value::TRUE || Vm::int_as_i64(rev).unwrap_or(0) != 0;
        vm.sort_list(p.v(vm, 0), key, rev)?;
        vm.root_last_sorted();
        Ok(Value::NONE)
    });
    vm.add_native_method(T::List, "__len__", |vm, _s, a| {
        let _ = vm;
        Ok(Value::int(Vm::list_len(a.v(vm, 0)) as i64))
    });
    vm.add_native_method(T::List, "__getitem__", |vm, _s, a| {
        a.check(vm, "__getitem__", 2, 2)?;
        let lt = vm.ty(T::List);
        list_item_as(vm, a.v(vm, 0), a.v(vm, 1), lt)
    });
    vm.add_native_method(T::List, "__setitem__", |vm, _s, a| {
        a.check(vm, "__setitem__", 3, 3)?;
        if !Vm::is_kind(a.v(vm, 1), Kind::Slice) {
            // `__index__` runs first; the list is read after it.
            let hv = vm.push_root(a.v(vm, 2));
            let r = vm.plain_key(a.v(vm, 0), a.v(vm, 1));
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
        let l = a.v(vm, 0);
        let tmp = vm.new_list(&Vm::list_items(l));
        let h = vm.push_root(l);
        let ht = vm.push_root(tmp);
        let r = vm.setitem(tmp, a.v(vm, 1), a.v(vm, 2));
        let (l, tmp) = (vm.root(h), vm.root(ht));
        vm.pop_roots(h);
        r?;
        vm.list_set_items(l, &Vm::list_items(tmp));
        Ok(Value::NONE)
    });
    vm.add_native_method(T::List, "__iter__", |vm, _s, a| {
        let ty = vm.ty(T::Iterator);
        Ok(vm.new_iter(
            ty,
            IT_LIST,
            a.v(vm, 0),
            Value::int(0),
            Value::NULL,
            Value::NULL,
        ))
    });
    vm.add_native_method(T::List, "__contains__", |vm, _s, a| {
        Ok(Value::bool(
            seq_index(vm, a.v(vm, 0), a.v(vm, 1))?.is_some(),
        ))
    });
    vm.add_native_method(T::List, "__repr__", |vm, _s, a| {
        let l = vm.new_list(&Vm::list_items(a.v(vm, 0)));
        vm.repr(l)
    });
    vm.add_native_method(T::Dict, "__repr__", |vm, _s, a| {
        let d = vm.dict_copy(a.v(vm, 0))?;
        vm.repr(d)
    });
    // ---- tuple
    vm.add_native_method(T::Tuple, "index", |vm, _s, a| {
        a.check(vm, "index", 2, 4)?;
        {
            let args = a;
            match seq_index_in(vm, args)? {
                Some(i) => Ok(Value::int(i as i64)),
                None => Err(vm.raise_msg(T::ValueError, "tuple.index(x): x not in tuple")),
            }
        }
    });
    vm.add_native_method(T::Tuple, "count", |vm, _s, a| {
        a.check(vm, "count", 2, 2)?;
        seq_count(vm, a.v(vm, 0), a.v(vm, 1))
    });
    // ---- dict
    vm.add_native_method(T::Dict, "get", |vm, _s, a| {
        a.check(vm, "get", 2, 3)?;
        {
            let args = a;
            // __hash__/__eq__ may run Python: the default is read after
            let (d, key) = (args.get(vm, 0).value(), args.get(vm, 1).value());
            let found = vm.dict_get(d, key)?;
            Ok(found.unwrap_or_else(|| match args.len() {
                3 => args.get(vm, 2).value(),
                _ => Value::NONE,
            }))
        }
    });
    vm.add_native_method(T::Dict, "setdefault", |vm, _s, a| {
        a.check(vm, "setdefault", 2, 3)?;
        let d = if a.len() > 2 { a.v(vm, 2) } else { Value::NONE };
        vm.dict_setdefault(a.v(vm, 0), a.v(vm, 1), d)
    });
    vm.add_native_method(T::Dict, "pop", |vm, _s, a| {
        a.check(vm, "pop", 2, 3)?;
        if Vm::dict_len(a.v(vm, 0)) == 0 {
            // CPython answers an empty dict without hashing the key
            return match a.opt_v(vm, 2) {
                Some(d) => Ok(d),
                None => Err(vm.raise_key_error(a.v(vm, 1))),
            };
        }
        if a.len() == 2 {
            return vm.dict_delitem(a.v(vm, 0), a.v(vm, 1));
        }
        {
            let args = a;
            let (d, key) = (args.get(vm, 0).value(), args.get(vm, 1).value());
            let found = vm.dict_del(d, key)?;
            Ok(found.unwrap_or_else(|| args.get(vm, 2).value()))
        }
    });
    vm.add_native_method(T::Dict, "popitem", |vm, _s, a| {
        match vm.dict_pop_last(a.v(vm, 0)) {
            Some((k, v)) => Ok(vm.new_tuple(&[k, v])),
            None => Err(vm.raise_msg(T::KeyError, "popitem(): dictionary is empty")),
        }
    });
    vm.add_native_method(T::Dict, "keys", |vm, _s, a| {
        a.check(vm, "keys", 1, 1)?;
        Ok(dict_view(vm, a.v(vm, 0), T::DictKeys))
    });
    vm.add_native_method(T::Dict, "values", |vm, _s, a| {
        a.check(vm, "values", 1, 1)?;
        Ok(dict_view(vm, a.v(vm, 0), T::DictValues))
    });
    vm.add_native_method(T::Dict, "items", |vm, _s, a| {
        a.check(vm, "items", 1, 1)?;
        Ok(dict_view(vm, a.v(vm, 0), T::DictItems))
    });
    vm.add_native_method(T::Dict, "update", |vm, _s, a| {
        let npos = a.npos();
        if npos > 2 {
            let m = format!("update expected at most 1 argument, got {}", npos - 1);
            return Err(vm.raise_msg(T::TypeError, &m));
        }
        {
            let args = a;
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
        }
    });
    vm.add_native_method(T::Dict, "copy", |vm, _s, a| {
        a.check(vm, "copy", 1, 1)?;
        vm.dict_copy(a.v(vm, 0))
    });
    vm.add_native_method(T::Dict, "clear", |vm, _s, a| {
        a.check(vm, "clear", 1, 1)?;
        vm.dict_clear(a.v(vm, 0));
        Ok(Value::NONE)
    });
    vm.add_native_classmethod(T::Dict, "fromkeys", |vm, _s, a| {
        a.check(vm, "fromkeys", 2, 3)?;
        {
            let s = _s;
            let args = a;
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
        }
    });
    vm.add_native_method(T::Dict, "__getitem__", |vm, _s, a| {
        a.check(vm, "__getitem__", 2, 2)?;
        if !Vm::is_kind(a.v(vm, 0), Kind::Dict) {
            return Err(vm.raise_msg(
                T::TypeError,
                "descriptor '__getitem__' requires a 'dict' object",
            ));
        }
        vm.dict_subscript(a.v(vm, 0), a.v(vm, 1))
    });
    vm.add_native_method(T::Dict, "__setitem__", |vm, _s, a| {
        a.check(vm, "__setitem__", 3, 3)?;
        vm.dict_set(a.v(vm, 0), a.v(vm, 1), a.v(vm, 2))?;
        Ok(Value::NONE)
    });
    vm.add_native_method(T::Dict, "__delitem__", |vm, _s, a| {
        a.check(vm, "__delitem__", 2, 2)?;
        vm.dict_delitem(a.v(vm, 0), a.v(vm, 1)).map(|_| Value::NONE)
    });
    vm.add_native_method(T::Dict, "__contains__", |vm, _s, a| {
        Ok(Value::bool(vm.dict_get(a.v(vm, 0), a.v(vm, 1))?.is_some()))
    });
    vm.add_native_method(T::Dict, "__len__", |vm, _s, a| {
        Ok(Value::int(Vm::dict_len(a.v(vm, 0)) as i64))
    });
    vm.add_native_method(T::Dict, "__iter__", |vm, _s, a| {
        let ty = vm.ty(T::Iterator);
        Ok(vm.new_iter(
            ty,
            IT_DKEYS,
            a.v(vm, 0),
            Value::int(0),
            Value::NULL,
            Value::NULL,
        ))
    });
    for t in [T::DictKeys, T::DictValues, T::DictItems] {
        vm.add_native_method(t, "__len__", |vm, _s, a| {
            Ok(Value::int(
                Vm::dict_len(Vm::get(a.v(vm, 0).obj().expect("v"), 1)) as i64,
            ))
        });
        vm.add_native_method(t, "__iter__", |vm, _s, a| vm.get_iter(a.v(vm, 0)));
    }
    vm.add_native_method(T::DictKeys, "__contains__", |vm, _s, a| {
        let d = Vm::get(a.v(vm, 0).obj().expect("v"), 1);
        Ok(Value::bool(vm.dict_get(d, a.v(vm, 1))?.is_some()))
    });
    // ---- set
    vm.add_native_method(T::Set, "add", |vm, _s, a| {
        a.check(vm, "add", 2, 2)?;
        vm.set_add(a.v(vm, 0), a.v(vm, 1))?;
        Ok(Value::NONE)
    });
    vm.add_native_method(T::Set, "remove", |vm, _s, a| {
        a.check(vm, "remove", 2, 2)?;
        vm.dict_delitem(a.v(vm, 0), a.v(vm, 1)).map(|_| Value::NONE)
    });
    vm.add_native_method(T::Set, "discard", |vm, _s, a| {
        a.check(vm, "discard", 2, 2)?;
        vm.dict_del(a.v(vm, 0), a.v(vm, 1))?;
        Ok(Value::NONE)
    });
    vm.add_native_method(T::Set, "pop", |vm, _s, a| {
        match vm.dict_pop_last(a.v(vm, 0)) {
            Some((k, _)) => Ok(k),
            None => Err(vm.raise_msg(T::KeyError, "pop from an empty set")),
        }
    });
    vm.add_native_method(T::Set, "clear", |vm, _s, a| {
        a.check(vm, "clear", 1, 1)?;
        vm.dict_clear(a.v(vm, 0));
        Ok(Value::NONE)
    });
    vm.add_native_method(T::Set, "update", |vm, _s, a| {
        {
            let args = a;
            // each update runs __hash__/__eq__/__iter__: every argument is
            // read from its root after the previous one
            for i in 1..args.len() {
                let (set, other) = (args.get(vm, 0).value(), args.get(vm, i).value());
                vm.set_update(set, other)?;
            }
            Ok(Value::NONE)
        }
    });
    vm.add_native_method(T::Set, "copy", |vm, _s, a| {
        a.check(vm, "copy", 1, 1)?;
        let t = vm.type_of(a.v(vm, 0));
        vm.set_from(t, a.v(vm, 0))
    });
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
    vm.add_native_method(T::Set, "isdisjoint", |vm, _s, a| {
        a.check(vm, "isdisjoint", 2, 2)?;
        {
            let s = _s;
            let args = a;
            // building the set runs __iter__/__hash__: self is read after
            let st = vm.ty(T::Set);
            let o = vm.set_from(st, args.get(vm, 1).value())?;
            let o = s.root_value(vm, o);
            let r = vm.set_binary(args.get(vm, 0).value(), o.get(vm).value(), B_AND)?;
            Ok(Value::bool(Vm::dict_len(r) == 0))
        }
    });
    vm.add_native_method(T::Set, "__contains__", |vm, _s, a| {
        Ok(Value::bool(vm.dict_get(a.v(vm, 0), a.v(vm, 1))?.is_some()))
    });
    vm.add_native_method(T::Set, "__len__", |vm, _s, a| {
        Ok(Value::int(Vm::dict_len(a.v(vm, 0)) as i64))
    });
    vm.add_native_method(T::Set, "__iter__", |vm, _s, a| {
        let ty = vm.ty(T::Iterator);
        Ok(vm.new_iter(
            ty,
            IT_DKEYS,
            a.v(vm, 0),
            Value::int(0),
            Value::NULL,
            Value::NULL,
        ))
    });
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
    vm.add_native_method(T::Int, "bit_length", |vm, _s, a| {
        a.check(vm, "bit_length", 1, 1)?;
        let b = Vm::to_big(a.v(vm, 0));
        Ok(Value::int(b.bits() as i64))
    });
    vm.add_native_method(T::Int, "to_bytes", |vm, _s, a| {
        let p = a.pos();
        let len = p
            .opt_v(vm, 1)
            .or_else(|| a.kwarg_v(vm, "length"))
            .and_then(Vm::int_as_i64)
            .unwrap_or(1) as usize;
        let order = p
            .opt_v(vm, 2)
            .or_else(|| a.kwarg_v(vm, "byteorder"))
            .map(|v| Vm::as_str(v).to_string())
            .unwrap_or_else(|| "big".into());
        let signed = a.kwarg_v(vm, "signed") == Some(Value::TRUE);
        let b = Vm::to_big(a.v(vm, 0));
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
    vm.add_native_classmethod(T::Int, "from_bytes", |vm, _s, a| {
        let p = a.pos();
        let order = p
            .opt_v(vm, 2)
            .or_else(|| a.kwarg_v(vm, "byteorder"))
            .map(|v| Vm::as_str(v).to_string())
            .unwrap_or_else(|| "big".into());
        let signed = a.kwarg_v(vm, "signed") == Some(Value::TRUE);
        let src = p.opt_v(vm, 1).or_else(|| a.kwarg_v(vm, "bytes"));
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
        if a.v(vm, 0) != vm.ty(T::Int) && Vm::is_type(a.v(vm, 0)) {
            // a subclass (bool, IntEnum, ...) converts the int
            return vm.call(a.v(vm, 0), &[n], Value::NULL);
        }
        Ok(n)
    });
    vm.add_native_method(T::Int, "__index__", |vm, _s, a| {
        a.check(vm, "__index__", 1, 1)?;
        Ok(vm.new_int_big(&Vm::to_big(a.v(vm, 0))))
    });
    vm.add_native_method(T::Int, "conjugate", |vm, _s, a| {
        a.check(vm, "conjugate", 1, 1)?;
        Ok(vm.new_int_big(&Vm::to_big(a.v(vm, 0))))
    });
    vm.add_native_method(T::Int, "bit_count", |vm, _s, a| {
        a.check(vm, "bit_count", 1, 1)?;
        let ones: u64 = Vm::to_big(a.v(vm, 0))
            .magnitude()
            .iter_u64_digits()
            .map(|d| d.count_ones() as u64)
            .sum();
        Ok(Value::int(ones as i64))
    });
    vm.add_native_method(T::Float, "is_integer", |vm, _s, a| {
        Ok(Value::bool(Vm::float_val(a.v(vm, 0)).fract() == 0.0))
    });
    vm.add_native_method(T::Float, "__int__", |vm, _s, a| {
        let t = vm.ty(T::Int);
        vm.call0(t, &[a.v(vm, 0)])
    });
    vm.add_native_method(T::Float, "__float__", |vm, _s, a| {
        a.check(vm, "__float__", 1, 1)?;
        let x = a.v(vm, 0);
        Ok(if Vm::is_exact_float(x) {
            x
        } else {
            vm.new_float(Vm::float_val(x))
        })
    });
    vm.add_native_method(T::Float, "__getnewargs__", |vm, _s, a| {
        a.check(vm, "__getnewargs__", 1, 1)?;
        let f = vm.new_float(Vm::float_val(a.v(vm, 0)));
        Ok(vm.new_tuple(&[f]))
    });
    vm.add_native_method(T::Int, "__float__", |vm, _s, a| {
        let f = vm.to_f64(a.v(vm, 0))?;
        Ok(vm.new_float(f))
    });
    // ---- code
    // `co_positions()`: one (line, end line, column, end column) tuple per
    // instruction. pygc keeps no column table, and `tb_lasti` is 0, so every
    // entry is (None, None, None, None): `traceback` then falls back to
    // `tb_lineno` and prints no carets, as CPython does without positions.
    vm.add_native_method(T::Code, "co_positions", |vm, _s, a| {
        let n = vm.code_info(a.v(vm, 0)).instrs.len().max(1);
        let none = vm.new_tuple(&[Value::NONE; 4]);
        let items = vec![none; n];
        let l = vm.new_list(&items);
        vm.get_iter(l)
    });
    // ---- bytes
    vm.add_native_method(T::Bytes, "hex", |vm, _s, a| {
        let s: String = Vm::as_bytes(a.v(vm, 0))
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok(vm.new_string(s))
    });
    vm.add_native_method(T::Bytes, "join", |vm, _s, a| {
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
    });
    vm.add_native_method(T::Bytes, "decode", |vm, _s, a| {
        let s = String::from_utf8_lossy(Vm::as_bytes(a.v(vm, 0))).to_string();
        Ok(vm.new_string(s))
    });
    vm.add_native_classmethod(T::Bytes, "fromhex", |vm, _s, a| {
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
    });
}

fn set_op_multi(vm: &mut Vm, a: Args<'_>, op: u32) -> PyResult {
    // set_multi roots the operands first thing
    vm.set_multi(&a.values(vm), op)
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
fn set_relation(vm: &mut Vm, a: Args<'_>, op: u32) -> PyResult {
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
