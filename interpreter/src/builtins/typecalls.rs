//! Constructors of builtin types and class creation.

use super::{kwarg, positional};
use crate::object::layout::*;
use crate::object::types::*;
use crate::object::value::Value;
use crate::object::{N, T};
use crate::vm::exc::*;
use crate::vm::iter::*;
use crate::vm::{PyResult, Vm, R_FRAME};

pub(super) fn register(vm: &mut Vm) {
    vm.add_method(T::Object, "__new__", object_new);
    vm.add_method(T::Object, "__init__", |vm, a, _| {
        // CPython's object_init: extra arguments are an error unless
        // __new__ is overridden and __init__ is not
        if a.len() > 1 && vm.type_kind_of_obj_is_instance(a[0]) {
            let t = vm.type_of(a[0]);
            let (newf, initf) = (vm.type_lookup_n(t, N::New), vm.type_lookup_n(t, N::Init));
            let o = vm.ty(T::Object);
            let (onew, oinit) = (vm.type_lookup_n(o, N::New), vm.type_lookup_n(o, N::Init));
            if initf != oinit {
                return Err(vm.raise_msg(
                    T::TypeError,
                    "object.__init__() takes exactly one argument (the instance to initialize)",
                ));
            }
            if newf == onew {
                let msg = format!(
                    "{}.__init__() takes exactly one argument (the instance to initialize)",
                    Vm::type_name(t)
                );
                return Err(vm.raise_msg(T::TypeError, &msg));
            }
        }
        Ok(Value::NONE)
    });
    vm.add_method(T::Module, "__init__", module_init);
    vm.add_method(T::Object, "__init_subclass__", |_, _, _| Ok(Value::NONE));
    vm.add_classmethod(T::Object, "__subclasshook__", |_, _, _| Ok(Value::NOT_IMPL));
    vm.add_function_descriptors();
    vm.add_method(T::Type, "__call__", |vm, a, k| {
        if a.is_empty() || !Vm::is_type(a[0]) {
            return Err(vm.raise_msg(
                T::TypeError,
                "descriptor '__call__' requires a 'type' object",
            ));
        }
        vm.call_type(a[0], &a[1..], k)
    });
    // descriptor protocol of functions / classmethod / staticmethod objects
    vm.add_method(T::Function, "__get__", |vm, a, _| {
        vm.check_args("__get__", a, 2, 3)?;
        if a[1].is_none() {
            return Ok(a[0]);
        }
        Ok(vm.new_method(a[0], a[1]))
    });
    vm.add_method(T::ClassMethod, "__get__", |vm, a, _| {
        vm.check_args("__get__", a, 2, 3)?;
        let f = Vm::get(a[0].obj().expect("cm"), 1);
        let owner = match a.get(2) {
            Some(t) if !t.is_none() => *t,
            _ => vm.type_of(a[1]),
        };
        Ok(vm.new_method(f, owner))
    });
    vm.add_method(T::StaticMethod, "__get__", |vm, a, _| {
        vm.check_args("__get__", a, 2, 3)?;
        Ok(Vm::get(a[0].obj().expect("sm"), 1))
    });
    vm.add_method(T::Str, "__str__", |vm, a, _| {
        vm.check_args("__str__", a, 1, 1)?;
        if vm.type_of(a[0]) == vm.ty(T::Str) {
            return Ok(a[0]);
        }
        let s = Vm::as_str(a[0]).to_string();
        Ok(vm.new_string(s))
    });
    for t in [
        T::Int,
        T::Bool,
        T::Float,
        T::Str,
        T::Bytes,
        T::Tuple,
        T::Set,
        T::FrozenSet,
        T::Range,
        T::NoneType,
        T::Complex,
    ] {
        vm.add_method(t, "__repr__", |vm, a, _| {
            vm.check_args("__repr__", a, 1, 1)?;
            let s = vm.repr_native(a[0])?;
            Ok(vm.new_string(s))
        });
    }
    for t in [
        T::Set,
        T::FrozenSet,
        T::Tuple,
        T::Range,
        T::Bytes,
        T::DictKeys,
    ] {
        vm.add_method(t, "__contains__", |vm, a, _| {
            vm.check_args("__contains__", a, 2, 2)?;
            Ok(Value::bool(vm.contains(a[0], a[1])?))
        });
        vm.add_method(t, "__len__", |vm, a, _| {
            vm.check_args("__len__", a, 1, 1)?;
            let n = match Vm::kind(a[0]) {
                Some(Kind::Set) => Vm::dict_len(a[0]),
                Some(Kind::Tuple | Kind::Bytes) => Vm::var_len(a[0].obj().expect("o")),
                _ => vm.len(a[0])?,
            };
            Ok(Value::int(n as i64))
        });
        vm.add_method(t, "__iter__", |vm, a, _| {
            vm.check_args("__iter__", a, 1, 1)?;
            vm.get_iter(a[0])
        });
    }
    vm.add_method(T::Object, "__setattr__", |vm, a, _| {
        vm.check_args("__setattr__", a, 3, 3)?;
        if !Vm::is_str(a[1]) {
            let msg = format!(
                "attribute name must be string, not '{}'",
                vm.type_name_of(a[1])
            );
            return Err(vm.raise_msg(T::TypeError, &msg));
        }
        let n = vm.intern_value(a[1]);
        vm.generic_setattr(a[0], n, a[2])?;
        Ok(Value::NONE)
    });
    vm.add_method(T::Object, "__getattribute__", |vm, a, _| {
        vm.check_args("__getattribute__", a, 2, 2)?;
        if !Vm::is_str(a[1]) {
            let msg = format!(
                "attribute name must be string, not '{}'",
                vm.type_name_of(a[1])
            );
            return Err(vm.raise_msg(T::TypeError, &msg));
        }
        let n = vm.intern_value(a[1]);
        match vm.getattr_opt(a[0], n)? {
            Some(v) => Ok(v),
            None => Err(vm.attr_error(a[0], n)),
        }
    });
    vm.add_method(T::Object, "__repr__", |vm, a, _| {
        let t = vm.type_of(a[0]);
        let m = vm.type_lookup(t, vm.name(N::Module));
        let q = Vm::as_str(Vm::tyf(t, TY_QUALNAME)).to_string();
        let qn = match m {
            Some(m) if Vm::is_str(m) && Vm::as_str(m) != "builtins" => {
                format!("{}.{}", Vm::as_str(m), q)
            }
            _ => q,
        };
        let id = a[0].obj().map(|o| vm.m.identity(o)).unwrap_or(0);
        Ok(vm.new_string(format!("<{qn} object at 0x{id:x}>")))
    });
    vm.add_method(T::Object, "__str__", |vm, a, _| {
        let s = vm.repr_string(a[0])?;
        Ok(vm.new_string(s))
    });
    vm.add_method(T::Object, "__eq__", |_, a, _| {
        Ok(if a[0] == a[1] {
            Value::TRUE
        } else {
            Value::NOT_IMPL
        })
    });
    vm.add_method(T::Object, "__ne__", |vm, a, _| {
        let r = vm.compare(a[0], a[1], crate::compile::bytecode::C_EQ)?;
        Ok(Value::bool(!vm.truthy(r)?))
    });
    vm.add_method(T::Object, "__hash__", |vm, a, _| {
        vm.check_args("__hash__", a, 1, 1)?;
        let h = vm.hash_base(a[0])?;
        Ok(vm.new_int(h))
    });
    vm.add_method(T::Object, "__format__", |vm, a, _| {
        if a.len() > 1 && Vm::is_str(a[1]) && !Vm::as_str(a[1]).is_empty() {
            let msg = format!(
                "unsupported format string passed to {}.__format__",
                vm.type_name_of(a[0])
            );
            return Err(vm.raise_msg(T::TypeError, &msg));
        }
        let s = vm.str_of(a[0])?;
        Ok(vm.new_string(s))
    });
    vm.add_method(T::Object, "__reduce_ex__", |vm, _a, _| {
        Err(vm.raise_msg(T::TypeError, "cannot pickle"))
    });
    vm.add_method(T::Type, "__new__", type_new);
    vm.add_method(T::Type, "__init__", |_, _, _| Ok(Value::NONE));
    vm.add_method(T::Type, "mro", |vm, a, _| {
        let m = Vm::tuple_items(Vm::tyf(a[0], TY_MRO));
        Ok(vm.new_list(&m))
    });
    vm.add_method(T::Type, "__subclasses__", |vm, _a, _| Ok(vm.new_list(&[])));
    vm.add_method(T::Int, "__new__", int_new);
    vm.add_method(T::Bool, "__new__", |vm, a, k| {
        if k.is_ref() && Vm::tuple_len(k) > 0 {
            return Err(vm.raise_msg(T::TypeError, "bool() takes no keyword arguments"));
        }
        vm.check_args("bool", a, 1, 2)?;
        if a.len() == 1 {
            return Ok(Value::FALSE);
        }
        Ok(Value::bool(vm.truthy(a[1])?))
    });
    vm.add_method(T::Float, "__new__", float_new);
    vm.add_method(T::Str, "__new__", str_new);
    vm.add_method(T::Bytes, "__new__", super::bytes_new::bytes_new);
    vm.add_method(T::Tuple, "__new__", |vm, a, _| {
        vm.check_args("tuple", a, 1, 2)?;
        let exact = a[0] == vm.ty(T::Tuple);
        if exact && a.len() == 1 {
            return Ok(vm.new_tuple(&[]));
        }
        if exact && vm.type_of(a[1]) == vm.ty(T::Tuple) {
            return Ok(a[1]);
        }
        let h = vm.push_root(a[0]);
        let items = match a.get(1) {
            Some(v) => vm.collect_hinted(*v),
            None => Ok(vec![]),
        };
        let t = vm.root(h);
        vm.pop_roots(h);
        let items = items?;
        if exact {
            return Ok(vm.new_tuple(&items));
        }
        let o = vm.alloc_var(Kind::Tuple, t, items.len());
        for (i, v) in items.iter().enumerate() {
            Vm::init_item(o, i, *v);
        }
        Ok(Value::from_obj(o))
    });
    vm.add_method(T::List, "__new__", |vm, a, _| {
        let t = a[0];
        Ok(vm.new_list_of(t, &[]))
    });
    vm.add_method(T::List, "__init__", |vm, a, k| {
        let p = positional(a, k);
        vm.check_args("list", p, 1, 2)?;
        if p.len() == 2 {
            let h = vm.push_root(p[0]);
            let items = vm.collect_hinted(p[1]);
            let l = vm.root(h);
            vm.pop_roots(h);
            vm.list_set_items(l, &items?);
        }
        Ok(Value::NONE)
    });
    vm.add_method(T::Dict, "__new__", |vm, a, _| {
        let t = a[0];
        Ok(vm.new_dict_of(Kind::Dict, t, 0))
    });
    vm.add_method(T::Dict, "__init__", |vm, a, k| {
        let p = positional(a, k);
        vm.check_args("dict", p, 1, 2)?;
        let base = vm.root_depth();
        let hd = vm.push_root(p[0]);
        let hargs: Vec<usize> = a.iter().map(|x| vm.push_root(*x)).collect();
        if p.len() == 2 {
            let d = vm.root(hd);
            if let Err(e) = vm.dict_update(d, p[1]) {
                vm.pop_roots(base);
                return Err(e);
            }
        }
        if k.is_ref() {
            let nkw = Vm::tuple_len(k);
            for i in 0..nkw {
                let key = Vm::tuple_get(k, i);
                let v = vm.root(hargs[a.len() - nkw + i]);
                let d = vm.root(hd);
                vm.dict_set_str(d, key, v);
            }
        }
        vm.pop_roots(base);
        Ok(Value::NONE)
    });
    vm.add_method(T::Set, "__new__", |vm, a, _| {
        let t = a[0];
        Ok(vm.new_dict_of(Kind::Set, t, 0))
    });
    vm.add_method(T::Set, "__init__", |vm, a, _| {
        vm.check_args("set", a, 1, 2)?;
        if a.len() == 2 {
            vm.set_update(a[0], a[1])?;
        }
        Ok(Value::NONE)
    });
    vm.add_method(T::FrozenSet, "__new__", |vm, a, _| {
        vm.check_args("frozenset", a, 1, 2)?;
        let t = a[0];
        vm.set_from(t, a.get(1).copied().unwrap_or(Value::NULL))
    });
    vm.add_method(T::Range, "__new__", |vm, a, _| {
        vm.check_args("range", a, 2, 4)?;
        let mut v = vec![];
        for x in &a[1..] {
            if !Vm::is_intlike(*x) {
                let i = vm.index_of(*x)?;
                v.push(Value::int(i));
            } else {
                v.push(if *x == Value::TRUE {
                    Value::int(1)
                } else if *x == Value::FALSE {
                    Value::int(0)
                } else {
                    *x
                });
            }
        }
        let (s, e, st) = match v.len() {
            1 => (Value::int(0), v[0], Value::int(1)),
            2 => (v[0], v[1], Value::int(1)),
            _ => (v[0], v[1], v[2]),
        };
        if Vm::int_as_i64(st) == Some(0) {
            return Err(vm.raise_msg(T::ValueError, "range() arg 3 must not be zero"));
        }
        Ok(vm.new_range(s, e, st))
    });
    vm.add_method(T::Slice, "__new__", |vm, a, _| {
        vm.check_args("slice", a, 2, 4)?;
        Ok(match a.len() {
            2 => vm.new_slice(Value::NONE, a[1], Value::NONE),
            3 => vm.new_slice(a[1], a[2], Value::NONE),
            _ => vm.new_slice(a[1], a[2], a[3]),
        })
    });
    vm.add_method(T::Property, "__new__", |vm, a, k| {
        let p = positional(a, k);
        let g = p
            .get(1)
            .copied()
            .or_else(|| kwarg(a, k, "fget"))
            .unwrap_or(Value::NONE);
        let s = p
            .get(2)
            .copied()
            .or_else(|| kwarg(a, k, "fset"))
            .unwrap_or(Value::NONE);
        let d = p
            .get(3)
            .copied()
            .or_else(|| kwarg(a, k, "fdel"))
            .unwrap_or(Value::NONE);
        let doc = p
            .get(4)
            .copied()
            .or_else(|| kwarg(a, k, "doc"))
            .unwrap_or(Value::NONE);
        let ty = vm.ty(T::Property);
        let o = vm.alloc_rec(Kind::Property, ty);
        Vm::init(o, 1, g);
        Vm::init(o, 2, s);
        Vm::init(o, 3, d);
        Vm::init(o, 4, doc);
        Ok(Value::from_obj(o))
    });
    vm.add_method(T::Property, "__init__", |_, _, _| Ok(Value::NONE));
    for (name, slot_i) in [("setter", 2usize), ("getter", 1), ("deleter", 3)] {
        let f: crate::vm::BuiltinFn = match slot_i {
            1 => |vm, a, _| prop_with(vm, a, 1),
            2 => |vm, a, _| prop_with(vm, a, 2),
            _ => |vm, a, _| prop_with(vm, a, 3),
        };
        vm.add_method(T::Property, name, f);
    }
    vm.add_method(T::Property, "__get__", |vm, a, _| {
        if a.len() < 2 || a[1].is_none() {
            return Ok(a[0]);
        }
        let g = Vm::get(a[0].obj().expect("p"), 1);
        vm.call0(g, &[a[1]])
    });
    vm.add_method(T::ClassMethod, "__new__", |vm, a, _| {
        vm.check_args("classmethod", a, 2, 2)?;
        let ty = vm.ty(T::ClassMethod);
        let o = vm.alloc_rec(Kind::ClassMethod, ty);
        Vm::init(o, 1, a[1]);
        Ok(Value::from_obj(o))
    });
    vm.add_method(T::ClassMethod, "__init__", |_, _, _| Ok(Value::NONE));
    vm.add_method(T::StaticMethod, "__new__", |vm, a, _| {
        vm.check_args("staticmethod", a, 2, 2)?;
        let ty = vm.ty(T::StaticMethod);
        let o = vm.alloc_rec(Kind::StaticMethod, ty);
        Vm::init(o, 1, a[1]);
        Ok(Value::from_obj(o))
    });
    vm.add_method(T::StaticMethod, "__init__", |_, _, _| Ok(Value::NONE));
    vm.add_method(T::Super, "__new__", super_new);
    vm.add_method(T::Super, "__init__", |_, _, _| Ok(Value::NONE));
    vm.add_method(T::Super, "__getattribute__", |vm, a, _| {
        super_getattr(vm, a[0], a[1])
    });
    vm.add_method(T::Enumerate, "__new__", |vm, a, k| {
        let p = positional(a, k);
        vm.check_args("enumerate", p, 2, 3)?;
        let start = p
            .get(2)
            .copied()
            .or_else(|| kwarg(a, k, "start"))
            .unwrap_or(Value::int(0));
        let hs = vm.push_root(start);
        let it = vm.get_iter(p[1]);
        let start = vm.root(hs);
        vm.pop_roots(hs);
        let ty = vm.ty(T::Enumerate);
        Ok(vm.new_iter(ty, IT_ENUM, it?, start, Value::NULL, Value::NULL))
    });
    vm.add_method(T::Zip, "__new__", |vm, a, k| {
        let p = positional(a, k);
        let base = vm.root_depth();
        let l = vm.new_list(&[]);
        let hl = vm.push_root(l);
        let hs: Vec<usize> = p[1..].iter().map(|x| vm.push_root(*x)).collect();
        for h in hs {
            let x = vm.root(h);
            match vm.get_iter(x) {
                Ok(it) => {
                    let l = vm.root(hl);
                    vm.list_append(l, it);
                }
                Err(e) => {
                    vm.pop_roots(base);
                    return Err(e);
                }
            }
        }
        let l = vm.root(hl);
        vm.pop_roots(base);
        let t = vm.new_tuple(&Vm::list_items(l));
        let ty = vm.ty(T::Zip);
        Ok(vm.new_iter(ty, IT_ZIP, t, Value::int(0), Value::NULL, Value::NULL))
    });
    vm.add_method(T::Map, "__new__", |vm, a, _| {
        if a.len() < 3 {
            return Err(vm.raise_msg(T::TypeError, "map() must have at least two arguments."));
        }
        let base = vm.root_depth();
        let hf = vm.push_root(a[1]);
        let l = vm.new_list(&[]);
        let hl = vm.push_root(l);
        let hs: Vec<usize> = a[2..].iter().map(|x| vm.push_root(*x)).collect();
        for h in hs {
            let x = vm.root(h);
            match vm.get_iter(x) {
                Ok(it) => {
                    let l = vm.root(hl);
                    vm.list_append(l, it);
                }
                Err(e) => {
                    vm.pop_roots(base);
                    return Err(e);
                }
            }
        }
        let (f, l) = (vm.root(hf), vm.root(hl));
        vm.pop_roots(base);
        let t = vm.new_tuple(&Vm::list_items(l));
        let ty = vm.ty(T::Map);
        Ok(vm.new_iter(ty, IT_MAP, f, Value::int(0), t, Value::NULL))
    });
    vm.add_method(T::Filter, "__new__", |vm, a, _| {
        vm.check_args("filter", a, 3, 3)?;
        let hf = vm.push_root(a[1]);
        let it = vm.get_iter(a[2]);
        let f = vm.root(hf);
        vm.pop_roots(hf);
        let ty = vm.ty(T::Filter);
        Ok(vm.new_iter(ty, IT_FILTER, f, Value::int(0), it?, Value::NULL))
    });
    vm.add_method(T::Reversed, "__new__", |vm, a, _| {
        vm.check_args("reversed", a, 2, 2)?;
        let v = a[1];
        let ty = vm.ty(T::Reversed);
        match Vm::kind(v) {
            Some(Kind::List) | Some(Kind::Tuple)
                if vm
                    .type_lookup_n(vm.type_of(v), N::Reversed)
                    .map(|f| Vm::is_kind(f, Kind::Builtin))
                    .unwrap_or(true) =>
            {
                let n = if Vm::is_kind(v, Kind::List) {
                    Vm::list_len(v)
                } else {
                    Vm::tuple_len(v)
                };
                Ok(vm.new_iter(
                    ty,
                    IT_REVLIST,
                    v,
                    Value::int(n as i64 - 1),
                    Value::NULL,
                    Value::NULL,
                ))
            }
            Some(Kind::Range) => {
                let o = v.obj().expect("r");
                let (s, st) = (Vm::to_big(Vm::get(o, 1)), Vm::to_big(Vm::get(o, 3)));
                let n = vm.len(v)?;
                let last = &s + &st * (n as i64 - 1);
                let first = &s - &st;
                let (l, f, nst) = (
                    vm.new_int_big(&last),
                    vm.new_int_big(&first),
                    vm.new_int_big(&(-st)),
                );
                let it_ty = vm.ty(T::Iterator);
                Ok(vm.new_iter(it_ty, IT_RANGE, Value::NONE, l, f, nst))
            }
            _ => {
                let t = vm.type_of(v);
                if vm
                    .type_lookup_n(t, N::Reversed)
                    .is_some_and(|f| f.is_none())
                {
                    let msg = format!("'{}' object is not reversible", vm.type_name_of(v));
                    return Err(vm.raise_msg(T::TypeError, &msg));
                }
                if let Some(r) = vm.call_method_n(v, N::Reversed, &[])? {
                    return Ok(r);
                }
                let t = vm.type_of(v);
                let not_rev = match Vm::kind(v) {
                    Some(Kind::Instance) => vm.type_lookup_n(t, N::GetItem).is_none(),
                    Some(Kind::Set | Kind::Generator | Kind::Iter | Kind::Map) => true,
                    _ => false,
                };
                if not_rev {
                    let msg = format!("'{}' object is not reversible", vm.type_name_of(v));
                    return Err(vm.raise_msg(T::TypeError, &msg));
                }
                if Vm::is_kind(v, Kind::Instance) {
                    if vm.type_lookup_n(t, N::Len).is_none() {
                        let msg = format!("object of type '{}' has no len()", vm.type_name_of(v));
                        return Err(vm.raise_msg(T::TypeError, &msg));
                    }
                    // the sequence protocol, read lazily from the end
                    let h = vm.push_root(v);
                    let n = vm.len(v);
                    let v = vm.root(h);
                    vm.pop_roots(h);
                    let n = n? as i64;
                    let ty = vm.ty(T::Reversed);
                    let rv = crate::vm::iter::IT_REVSEQ;
                    return Ok(vm.new_iter(ty, rv, v, Value::int(n - 1), Value::NULL, Value::NULL));
                }
                let items = vm.collect(v)?;
                let l = vm.new_list(&items);
                let n = items.len();
                Ok(vm.new_iter(
                    ty,
                    IT_REVLIST,
                    l,
                    Value::int(n as i64 - 1),
                    Value::NULL,
                    Value::NULL,
                ))
            }
        }
    });
    vm.add_method(T::BaseException, "__new__", |vm, a, k| {
        let p = positional(a, k);
        let t = p[0];
        Ok(vm.new_exc(t, &p[1..]))
    });
    vm.add_method(T::BaseException, "__init__", |vm, a, k| {
        let p = positional(a, k);
        let o = p[0].obj().expect("exc");
        if kind_of(o) == Kind::Exception {
            let t = vm.new_tuple(&p[1..]);
            let o = p[0].obj().expect("exc");
            vm.set(o, EX_ARGS, t);
            let v = if p.len() == 2 { p[1] } else { Value::NONE };
            vm.set(o, EX_VALUE, v);
        }
        Ok(Value::NONE)
    });
    vm.add_method(T::BaseException, "with_traceback", |vm, a, _| {
        let o = a[0].obj().expect("exc");
        vm.set(o, EX_TB, a[1]);
        Ok(a[0])
    });
}

fn prop_with(vm: &mut Vm, a: &[Value], which: usize) -> PyResult {
    vm.check_args("property", a, 2, 2)?;
    let old = a[0].obj().expect("p");
    let ty = vm.type_of(a[0]);
    let o = vm.alloc_rec(Kind::Property, ty);
    for i in 1..5 {
        Vm::init(o, i, Vm::get(old, i));
    }
    Vm::init(o, which, a[1]);
    Ok(Value::from_obj(o))
}

/// `ModuleType.__init__(self, name, doc=None)`.
fn module_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult {
    let p = positional(a, k);
    vm.check_args("module", p, 2, 3)?;
    let name = p[1];
    if !Vm::is_str(name) {
        let msg = format!(
            "module.__init__() argument 'name' must be str, not {}",
            vm.type_name_of(name)
        );
        return Err(vm.raise_msg(T::TypeError, &msg));
    }
    let doc = p.get(2).copied().or_else(|| kwarg(a, k, "doc"));
    if !Vm::is_kind(a[0], Kind::Module) {
        // a subclass instance (record layout): plain attributes
        let base = vm.root_depth();
        let (hs, hd) = (vm.push_root(a[0]), vm.push_root(doc.unwrap_or(Value::NONE)));
        let n = vm.intern("__name__");
        let r = vm.setattr(vm.root(hs), n, name).and_then(|_| {
            let n = vm.intern("__doc__");
            vm.setattr(vm.root(hs), n, vm.root(hd))
        });
        vm.pop_roots(base);
        r?;
        return Ok(Value::NONE);
    }
    let d = Vm::module_dict(a[0]);
    let h = vm.push_root(d);
    vm.set_str_item(d, "__name__", name);
    let d = vm.root(h);
    vm.set_str_item(d, "__doc__", doc.unwrap_or(Value::NONE));
    let d = vm.root(h);
    for k in ["__package__", "__loader__", "__spec__"] {
        vm.set_str_item(d, k, Value::NONE);
    }
    vm.pop_roots(h);
    Ok(Value::NONE)
}

fn object_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult {
    if a.is_empty() || !Vm::is_type(a[0]) {
        return Err(vm.raise_msg(T::TypeError, "object.__new__(X): X is not a type object"));
    }
    let t = a[0];
    if a.len() > 1 && Vm::type_kind(t) == Kind::Instance {
        // CPython's object_new: extra arguments are an error unless
        // __init__ is overridden and __new__ is not
        let (newf, initf) = (vm.type_lookup_n(t, N::New), vm.type_lookup_n(t, N::Init));
        let o = vm.ty(T::Object);
        let (onew, oinit) = (vm.type_lookup_n(o, N::New), vm.type_lookup_n(o, N::Init));
        if newf != onew {
            return Err(vm.raise_msg(
                T::TypeError,
                "object.__new__() takes exactly one argument (the type to instantiate)",
            ));
        }
        if initf == oinit {
            let msg = format!("{}() takes no arguments", Vm::type_name(t));
            return Err(vm.raise_msg(T::TypeError, &msg));
        }
    }
    vm.check_abstract(t)?;
    if Vm::type_kind(t) == Kind::Instance {
        // a subclass of a builtin with its own layout (tuple, str, int, ...)
        for b in Vm::tuple_items(Vm::tyf(t, TY_MRO)) {
            let heap = Vm::type_flags(b) & crate::object::types::F_HEAP != 0;
            let own_layout = matches!(
                Vm::type_kind(b),
                Kind::Tuple | Kind::Str | Kind::Bytes | Kind::BigInt | Kind::Float | Kind::Complex
            );
            if !heap && own_layout {
                let msg = format!(
                    "object.__new__({}) is not safe, use {}.__new__()",
                    Vm::type_name(t),
                    Vm::type_name(t)
                );
                return Err(vm.raise_msg(T::TypeError, &msg));
            }
        }
    }
    match Vm::type_kind(t) {
        Kind::Instance => Ok(vm.new_instance(t)),
        Kind::List => Ok(vm.new_list_of(t, &[])),
        Kind::Dict => Ok(vm.new_dict_of(Kind::Dict, t, 0)),
        Kind::Set => Ok(vm.new_dict_of(Kind::Set, t, 0)),
        Kind::Exception => Ok(vm.new_exc(t, &a[1..])),
        Kind::Module => {
            let h = vm.push_root(t);
            let m = vm.new_module_of("?", h);
            vm.pop_roots(h);
            Ok(m)
        }
        _ => {
            let msg = format!(
                "object.__new__({}) is not safe, use {}.__new__()",
                Vm::type_name(t),
                Vm::type_name(t)
            );
            Err(vm.raise_msg(T::TypeError, &msg))
        }
    }
}

fn int_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult {
    let cls = a.first().copied().unwrap_or(Value::NULL);
    if Vm::is_type(cls) && cls != vm.ty(T::Int) && cls != vm.ty(T::Bool) {
        // int subclass: a BigInt object of type cls
        let h = vm.push_root(cls);
        let mut v = a.to_vec();
        v[0] = vm.ty(T::Int);
        let r = int_new(vm, &v, k);
        let cls = vm.root(h);
        vm.pop_roots(h);
        let b = Vm::to_big(r?);
        return Ok(vm.new_int_big_of(b, cls));
    }
    let p = positional(a, k);
    vm.check_args("int", p, 1, 3)?;
    let base = p.get(2).copied().or_else(|| kwarg(a, k, "base"));
    if p.len() == 1 {
        return Ok(Value::int(0));
    }
    let v = p[1];
    if let Some(b) = base {
        let b = Vm::int_as_i64(b).unwrap_or(10);
        if !Vm::is_str(v) && !Vm::is_kind(v, Kind::Bytes) {
            if Vm::is_kind(v, Kind::Instance) {
                // bytearray (a Python class here): int(bytearray(b"101"), 2)
                let bt = vm.ty(T::Bytes);
                let bytes = vm.call(bt, &[v], Value::NULL)?;
                let it = vm.ty(T::Int);
                return int_new(vm, &[it, bytes, Value::int(b)], Value::NULL);
            }
            return Err(vm.raise_msg(
                T::TypeError,
                "int() can't convert non-string with explicit base",
            ));
        }
        return crate::modules::int_max_digits::parse_int_obj(vm, v, b);
    }
    if v.is_int() {
        return Ok(v);
    }
    if Vm::is_intlike(v) {
        let b = Vm::to_big(v);
        return Ok(vm.new_int_big(&b));
    }
    if Vm::is_float(v) {
        let f = Vm::float_val(v);
        if f.is_nan() {
            return Err(vm.raise_msg(T::ValueError, "cannot convert float NaN to integer"));
        }
        if f.is_infinite() {
            return Err(vm.raise_msg(T::OverflowError, "cannot convert float infinity to integer"));
        }
        let t = f.trunc();
        if t.abs() < 9e18 {
            return Ok(vm.new_int(t as i64));
        }
        let b = num_bigint::BigInt::from(t as i128);
        let b = if t.abs() < 1.7e38 {
            b
        } else {
            use num_traits::FromPrimitive;
            num_bigint::BigInt::from_f64(t).unwrap_or_default()
        };
        return Ok(vm.new_int_big(&b));
    }
    if Vm::is_str(v) || Vm::is_kind(v, Kind::Bytes) {
        return crate::modules::int_max_digits::parse_int_obj(vm, v, 10);
    }
    for n in [N::IntD, N::Index, N::Trunc] {
        if let Some(r) = vm.call_method_n(v, n, &[])? {
            return Ok(r);
        }
    }
    let msg = format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        vm.type_name_of(v)
    );
    Err(vm.raise_msg(T::TypeError, &msg))
}

fn float_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult {
    vm.check_args("float", a, 1, 2)?;
    if a.len() == 1 {
        return Ok(vm.new_float(0.0));
    }
    let v = a[1];
    if Vm::is_float(v) {
        return Ok(v);
    }
    if Vm::is_kind(v, Kind::Bytes) {
        // float(b"1.5"): the bytes as text (bytearray is an instance here)
        let text = String::from_utf8_lossy(Vm::as_bytes(v)).into_owned();
        return match crate::support::numparse::parse_float(&text) {
            Some(f) => Ok(vm.new_float(f)),
            None => {
                let r = crate::vm::repr::repr_bytes(Vm::as_bytes(v));
                let msg = format!("could not convert string to float: {r}");
                Err(vm.raise_msg(T::ValueError, &msg))
            }
        };
    }
    if Vm::is_str(v) {
        let s = Vm::as_str(v);
        return match crate::support::numparse::parse_float(s) {
            Some(f) => Ok(vm.new_float(f)),
            None => {
                let msg =
                    crate::support::numparse::float_error_message(&crate::vm::repr::repr_str(s));
                Err(vm.raise_msg(T::ValueError, &msg))
            }
        };
    }
    if Vm::is_complex(v) {
        return Err(vm.raise_msg(
            T::TypeError,
            "float() argument must be a string or a real number, not 'complex'",
        ));
    }
    let f = vm.to_f64(v)?;
    Ok(vm.new_float(f))
}

fn str_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult {
    let cls = a.first().copied().unwrap_or(Value::NULL);
    if Vm::is_type(cls) && cls != vm.ty(T::Str) {
        // str subclass: a str object of type cls
        let h = vm.push_root(cls);
        let mut v = a.to_vec();
        v[0] = vm.ty(T::Str);
        let r = str_new(vm, &v, k);
        let cls = vm.root(h);
        vm.pop_roots(h);
        let s = Vm::as_str(r?).to_string();
        return Ok(vm.new_str_of(&s, cls));
    }
    let p = positional(a, k);
    vm.check_args("str", p, 1, 4)?;
    let obj = p.get(1).copied().or_else(|| kwarg(a, k, "object"));
    let Some(obj) = obj else {
        return Ok(vm.new_str(""));
    };
    let enc = p.get(2).copied().or_else(|| kwarg(a, k, "encoding"));
    let errors = p.get(3).copied().or_else(|| kwarg(a, k, "errors"));
    if enc.is_some() || errors.is_some() {
        // str(bytes_like, encoding, errors): bytes(obj).decode(...)
        let enc = match enc {
            Some(e) => e,
            None => vm.new_str("utf-8"),
        };
        let base = vm.root_depth();
        let he = vm.push_root(enc);
        let herr = vm.push_root(errors.unwrap_or(Value::NULL));
        let bt = vm.ty(T::Bytes);
        let b = if Vm::is_kind(obj, Kind::Bytes) {
            Ok(obj)
        } else {
            vm.call(bt, &[obj], Value::NULL)
        };
        let r = b.and_then(|b| {
            let n = vm.intern("decode");
            let f = vm.getattr(b, n)?;
            let (e, err) = (vm.root(he), vm.root(herr));
            if err.is_null() {
                vm.call(f, &[e], Value::NULL)
            } else {
                vm.call(f, &[e, err], Value::NULL)
            }
        });
        vm.pop_roots(base);
        return r;
    }
    vm.to_str(obj)
}

fn super_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult {
    let (cls, obj) = if a.len() >= 3 {
        (a[1], a[2])
    } else {
        // zero-argument form: __class__ cell and first argument of the caller
        let f = vm.root(R_FRAME).obj().expect("frame");
        let code = Value(f.word(FRAME_CODE));
        let info = vm.code_info(code);
        let nl = info.nlocals as usize;
        let mut cls = Value::NULL;
        for (i, n) in info.cellvars.iter().chain(info.freevars.iter()).enumerate() {
            if n == "__class__" {
                let c = Vm::fget(f, nl + i);
                cls = Vm::get(c.obj().expect("cell"), 1);
            }
        }
        if cls.is_null() || info.argcount == 0 {
            return Err(vm.raise_msg(T::RuntimeError, "super(): no arguments"));
        }
        let mut first = Vm::fget(f, 0);
        if first.is_null() && !info.cell2arg.is_empty() {
            for (i, c) in info.cell2arg.iter().enumerate() {
                if *c == Some(0) {
                    first = Vm::get(Vm::fget(f, nl + i).obj().expect("cell"), 1);
                }
            }
        }
        (cls, first)
    };
    let ty = vm.ty(T::Super);
    let s = vm.alloc_rec(Kind::Super, ty);
    Vm::init(s, 1, cls);
    Vm::init(s, 2, obj);
    Ok(Value::from_obj(s))
}

/// Attribute lookup through a super object.
pub fn super_getattr(vm: &mut Vm, s: Value, name: Value) -> PyResult {
    let so = s.obj().expect("super");
    let cls = Vm::get(so, 1);
    let obj = Vm::get(so, 2);
    let start_t = if Vm::is_type(obj) && Vm::is_subtype(obj, cls) {
        obj
    } else {
        vm.type_of(obj)
    };
    let mro = Vm::tuple_items(Vm::tyf(start_t, TY_MRO));
    let pos = mro
        .iter()
        .position(|t| *t == cls)
        .map(|p| p + 1)
        .unwrap_or(mro.len());
    let name = vm.intern_value(name);
    for t in &mro[pos..] {
        if let Some(d) = vm.dict_get_str(Vm::tyf(*t, TY_DICT), name) {
            if Vm::as_str(name) == "__new__" {
                return Ok(if Vm::is_kind(d, Kind::StaticMethod) {
                    Vm::get(d.obj().expect("sm"), 1)
                } else {
                    d
                });
            }
            return match Vm::kind(d) {
                Some(Kind::Function) => {
                    if Vm::is_type(obj) && obj == start_t {
                        Ok(d)
                    } else {
                        Ok(vm.new_method(d, obj))
                    }
                }
                Some(Kind::Builtin) => Ok(vm.bind_builtin(d, obj)),
                Some(Kind::ClassMethod) => {
                    let f = Vm::get(d.obj().expect("cm"), 1);
                    Ok(vm.new_method(f, start_t))
                }
                Some(Kind::StaticMethod) => Ok(Vm::get(d.obj().expect("sm"), 1)),
                Some(Kind::Property) => {
                    let g = Vm::get(d.obj().expect("p"), 1);
                    vm.call0(g, &[obj])
                }
                _ => Ok(d),
            };
        }
    }
    let msg = format!("'super' object has no attribute '{}'", Vm::as_str(name));
    Err(vm.raise_msg(T::AttributeError, &msg))
}

/// `type(name, bases, ns)` / metaclass `__new__`.
fn type_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult {
    let p = positional(a, k);
    if p.len() == 2 {
        return Ok(vm.type_of(p[1]));
    }
    if p.len() != 4 {
        return Err(vm.raise_msg(T::TypeError, "type() takes 1 or 3 arguments"));
    }
    let (mut meta, name, bases, ns) = (p[0], p[1], p[2], p[3]);
    if !Vm::is_kind(bases, Kind::Tuple) || !Vm::is_kind(ns, Kind::Dict) {
        return Err(vm.raise_msg(
            T::TypeError,
            "type.__new__() argument 2 must be tuple and argument 3 must be dict",
        ));
    }
    for b in Vm::tuple_items(bases) {
        if [T::Bool, T::Range, T::Slice].iter().any(|t| b == vm.ty(*t)) {
            let msg = format!("type '{}' is not an acceptable base type", Vm::type_name(b));
            return Err(vm.raise_msg(T::TypeError, &msg));
        }
    }
    // the most derived metaclass wins (CPython's _PyType_CalculateMetaclass)
    let mut winner = meta;
    for b in Vm::tuple_items(bases) {
        let bm = vm.type_of(b);
        if Vm::is_subtype(winner, bm) {
            continue;
        }
        if Vm::is_subtype(bm, winner) {
            winner = bm;
            continue;
        }
        return Err(vm.raise_msg(
            T::TypeError,
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) \
             subclass of the metaclasses of all its bases",
        ));
    }
    if winner != meta {
        let wnew = vm.type_lookup_n(winner, N::New);
        let tnew = vm.type_lookup_n(vm.ty(T::Type), N::New);
        if wnew != tnew {
            return vm.call(winner, &a[1..], k);
        }
        meta = winner;
    }
    let base = vm.root_depth();
    let nkw = if k.is_ref() { Vm::tuple_len(k) } else { 0 };
    let kwt = vm.new_tuple(&a[a.len() - nkw..]);
    let hkwv = vm.push_root(kwt);
    let hns = vm.push_root(ns);
    let hb = vm.push_root(bases);
    // The kwnames tuple outlives `__set_name__` calls (Python code).
    let hkn = vm.push_root(k);
    let name = vm.intern_value(name);
    let mut kind = Kind::Instance;
    for b in Vm::tuple_items(bases) {
        if !Vm::is_type(b) {
            vm.pop_roots(base);
            return Err(vm.raise_msg(T::TypeError, "bases must be types"));
        }
        for c in Vm::tuple_items(Vm::tyf(b, TY_MRO)) {
            let kk = Vm::type_kind(c);
            if kk != Kind::Instance && kind == Kind::Instance {
                kind = kk;
            }
        }
    }
    if !matches!(
        kind,
        Kind::Instance | Kind::List | Kind::Dict | Kind::Set | Kind::Exception
    ) {
        kind = Kind::Instance;
    }
    let t = vm.alloc_type(meta, name, kind);
    let ht = vm.push_root(t);
    let bases = vm.root(hb);
    let bases = if Vm::tuple_len(bases) == 0 {
        let o = vm.ty(T::Object);
        vm.new_tuple(&[o])
    } else {
        bases
    };
    if let Err(e) = vm.set_bases(t, bases) {
        vm.pop_roots(base);
        return Err(e);
    }
    // non-str keys of the namespace are stored after the others (their
    // __hash__/__eq__ run Python code)
    let odd = vm.new_list(&[]);
    let hodd = vm.push_root(odd);
    let t = vm.root(ht);
    let ns = vm.root(hns);
    let d = Vm::tyf(t, TY_DICT);
    let mut pos = 0;
    let new_n = vm.name(N::New);
    let mut flags = F_HEAP;
    let (mut has_eq, mut has_hash) = (false, false);
    while let Some((key, v)) = Vm::dict_next(ns, &mut pos) {
        if !Vm::is_str(key) {
            let pair = vm.new_tuple(&[key, v]);
            vm.list_append(vm.root(hodd), pair);
            continue;
        }
        let mut v = v;
        if Vm::str_eq(key, new_n) && Vm::is_kind(v, Kind::Function) {
            let ty = vm.ty(T::StaticMethod);
            let sm = vm.alloc_rec(Kind::StaticMethod, ty);
            Vm::init(sm, 1, v);
            v = Value::from_obj(sm);
        }
        let key = vm.intern_value(key);
        if matches!(Vm::as_str(key), "__init_subclass__" | "__class_getitem__")
            && Vm::is_kind(v, Kind::Function)
        {
            // implicitly class methods, as in CPython's type_new
            let ty = vm.ty(T::ClassMethod);
            let cm = vm.alloc_rec(Kind::ClassMethod, ty);
            Vm::init(cm, 1, v);
            v = Value::from_obj(cm);
        }
        match Vm::as_str(key) {
            "__getattr__" | "__getattribute__" => flags |= F_GETATTR,
            "__setattr__" => flags |= F_SETATTR,
            "__slots__" => flags |= F_SLOTS,
            "__getitem__" | "__setitem__" => flags |= F_ITEMS,
            "__eq__" => has_eq = true,
            "__hash__" => has_hash = true,
            "__del__" => flags |= F_DEL,
            "__qualname__" => {
                let o = t.obj().expect("t");
                vm.set(o, TY_QUALNAME, v);
                continue;
            }
            _ => {}
        }
        vm.dict_set_str(d, key, v);
    }
    for i in 0..Vm::list_len(vm.root(hodd)) {
        let pr = Vm::list_get(vm.root(hodd), i);
        let d = Vm::tyf(vm.root(ht), TY_DICT);
        if let Err(e) = vm.dict_set(d, Vm::tuple_get(pr, 0), Vm::tuple_get(pr, 1)) {
            vm.pop_roots(base);
            return Err(e);
        }
    }
    let t = vm.root(ht);
    let d = Vm::tyf(t, TY_DICT);
    for b in Vm::tuple_items(Vm::tyf(t, TY_MRO)).iter().skip(1) {
        flags |= Vm::type_flags(*b) & (F_GETATTR | F_SETATTR | F_ITEMS | F_DEL);
    }
    if has_eq && !has_hash {
        // A class that defines __eq__ but not __hash__ is unhashable.
        let hn = vm.name(N::Hash);
        vm.dict_set_str(d, hn, Value::NONE);
    }
    let o = t.obj().expect("t");
    o.set_word(crate::object::layout::slot(TY_FLAGS), Value::int(flags).0);
    crate::modules::weakref::add_weakref_attr(vm, t);
    vm.epoch += 1;
    if flags & F_SLOTS != 0 {
        let t = vm.root(ht);
        if let Err(e) = crate::modules::lang_py::setup_slots(vm, t) {
            vm.pop_roots(base);
            return Err(e);
        }
    }
    let d = Vm::tyf(vm.root(ht), TY_DICT);
    // after the slots: `__doc__` may be one of them
    let docn = vm.name(N::Doc);
    if vm.dict_get_str(d, docn).is_none() {
        vm.dict_set_str(d, docn, Value::NONE);
    }
    // __set_name__ on descriptors and __init_subclass__ on the parent
    let set_name = vm.name(N::SetName);
    let items: Vec<(Value, Value)> = {
        let mut v = vec![];
        let mut pos = 0;
        while let Some(kv) = Vm::dict_next(d, &mut pos) {
            v.push(kv);
        }
        v
    };
    let nl = vm.new_list(&[]);
    let hl = vm.push_root(nl);
    for (kk, vv) in items {
        if Vm::is_kind(vv, Kind::Instance) && vm.type_lookup(vm.type_of(vv), set_name).is_some() {
            let pair = vm.new_tuple(&[kk, vv]);
            let l = vm.root(hl);
            vm.list_append(l, pair);
        }
    }
    let pairs = Vm::list_items(vm.root(hl));
    for i in 0..pairs.len() {
        let pr = Vm::list_get(vm.root(hl), i);
        let (kk, vv) = (Vm::tuple_get(pr, 0), Vm::tuple_get(pr, 1));
        let t = vm.root(ht);
        if let Err(e) = vm.call_method_n(vv, N::SetName, &[t, kk]) {
            vm.pop_roots(base);
            return Err(e);
        }
    }
    let t = vm.root(ht);
    let mro = Vm::tuple_items(Vm::tyf(t, TY_MRO));
    if mro.len() > 1 {
        let isc = vm.name(N::InitSubclass);
        for c in &mro[1..] {
            if let Some(f) = vm.dict_get_str(Vm::tyf(*c, TY_DICT), isc) {
                if Vm::is_kind(f, Kind::Function) || Vm::is_kind(f, Kind::ClassMethod) {
                    let f = if Vm::is_kind(f, Kind::ClassMethod) {
                        Vm::get(f.obj().expect("cm"), 1)
                    } else {
                        f
                    };
                    let kwv = Vm::tuple_items(vm.root(hkwv));
                    let k = vm.root(hkn);
                    if let Err(e) = vm.call_with_self(f, t, &kwv, k) {
                        vm.pop_roots(base);
                        return Err(e);
                    }
                }
                break;
            }
        }
    }
    let t = vm.root(ht);
    vm.pop_roots(base);
    Ok(t)
}

/// `__build_class__(body, name, *bases, metaclass=None, **kw)`.
pub fn build_class(vm: &mut Vm, a: &[Value], k: Value) -> PyResult {
    let p = positional(a, k);
    if p.len() < 2 {
        return Err(vm.raise_msg(T::TypeError, "__build_class__: not enough arguments"));
    }
    let body = p[0];
    let name = p[1];
    let orig_bases = p[2..].to_vec();
    if orig_bases.iter().any(|b| !Vm::is_type(*b)) {
        // PEP 560: non-class bases supply their replacement via __mro_entries__
        let base = vm.root_depth();
        let nkw = if k.is_ref() { Vm::tuple_len(k) } else { 0 };
        let kwt = vm.new_tuple(&a[a.len() - nkw..]);
        let hkw = vm.push_root(kwt);
        let hk = vm.push_root(k);
        let hb = vm.push_root(body);
        let hn = vm.push_root(name);
        let ot = vm.new_tuple(&orig_bases);
        let ho = vm.push_root(ot);
        let l = vm.new_list(&[]);
        let hl = vm.push_root(l);
        let me = vm.intern("__mro_entries__");
        for i in 0..orig_bases.len() {
            let b = Vm::tuple_get(vm.root(ho), i);
            let r = if Vm::is_type(b) {
                Ok(None)
            } else {
                vm.getattr_opt(b, me)
            };
            let r = match r {
                Ok(Some(f)) => {
                    let ot = vm.root(ho);
                    vm.call(f, &[ot], Value::NULL).and_then(|t| vm.collect(t))
                }
                Ok(None) => Ok(vec![Vm::tuple_get(vm.root(ho), i)]),
                Err(e) => Err(e),
            };
            match r {
                Ok(items) => {
                    for it in items {
                        vm.list_append(vm.root(hl), it);
                    }
                }
                Err(e) => {
                    vm.pop_roots(base);
                    return Err(e);
                }
            }
        }
        let bases_v = Vm::list_items(vm.root(hl));
        let (b, n) = (vm.root(hb), vm.root(hn));
        let mut args = vec![b, n];
        args.extend(bases_v.iter().copied());
        args.extend(Vm::tuple_items(vm.root(hkw)));
        let kn = vm.root(hk);
        // continue with the resolved bases (resolved once, as CPython);
        // the namespace records __orig_bases__
        let cls = build_class_resolved(vm, &args, kn, Some(ho));
        vm.pop_roots(base);
        return cls;
    }
    build_class_resolved(vm, a, k, None)
}

/// `__build_class__` once the bases are classes (or kept as given).
fn build_class_resolved(vm: &mut Vm, a: &[Value], k: Value, orig: Option<usize>) -> PyResult {
    let p = positional(a, k);
    let body = p[0];
    let name = p[1];
    let bases_v = p[2..].to_vec();
    let meta_kw = kwarg(a, k, "metaclass");
    let base = vm.root_depth();
    let hbody = vm.push_root(body);
    // class keywords other than metaclass go to __prepare__, the metaclass and
    // __init_subclass__
    let mut kwn = vec![];
    let mut kwv = vec![];
    if k.is_ref() {
        let nkw = Vm::tuple_len(k);
        for i in 0..nkw {
            let kn = Vm::tuple_get(k, i);
            if Vm::as_str(kn) != "metaclass" {
                kwn.push(kn);
                kwv.push(a[a.len() - nkw + i]);
            }
        }
    }
    let kwt = vm.new_tuple(&kwn);
    let hkwn = vm.push_root(kwt);
    let kwt = vm.new_tuple(&kwv);
    let hkwv = vm.push_root(kwt);
    let bases = vm.new_tuple(&bases_v);
    let hb = vm.push_root(bases);
    let hn = vm.push_root(name);
    let hns = vm.push_root(Value::NONE);
    let mut meta = meta_kw.unwrap_or(Value::NULL);
    if meta.is_null() {
        meta = match bases_v.first() {
            Some(b) => vm.type_of(*b),
            None => vm.ty(T::Type),
        };
        for b in &bases_v {
            let mt = vm.type_of(*b);
            if Vm::is_subtype(mt, meta) {
                meta = mt;
            }
        }
    }
    let hm = vm.push_root(meta);
    // the namespace: metaclass.__prepare__(name, bases, **kw) or a dict
    let prep_n = vm.intern("__prepare__");
    let ns = if Vm::is_type(meta) && vm.type_lookup(meta, prep_n).is_some() {
        let r = vm.getattr(meta, prep_n).and_then(|prep| {
            let mut args = vec![vm.root(hn), vm.root(hb)];
            args.extend(Vm::tuple_items(vm.root(hkwv)));
            let kn = vm.root(hkwn);
            let kn = if Vm::tuple_len(kn) == 0 {
                Value::NULL
            } else {
                kn
            };
            vm.call(prep, &args, kn)
        });
        match r {
            Ok(ns) => ns,
            Err(e) => {
                vm.pop_roots(base);
                return Err(e);
            }
        }
    } else {
        vm.new_dict()
    };
    vm.set_root(hns, ns);
    if !Vm::is_kind(ns, Kind::Dict) {
        vm.pop_roots(base);
        let msg = format!(
            "{}.__prepare__() must return a mapping, not {}",
            Vm::type_name(meta),
            vm.type_name_of(ns)
        );
        return Err(vm.raise_msg(T::TypeError, &msg));
    }
    let body = vm.root(hbody);
    // run the body with ns as its locals
    let f = match vm.frame_for_call(body, Value::NULL, &[], Value::NULL) {
        Ok(f) => f,
        Err(e) => {
            vm.pop_roots(base);
            return Err(e);
        }
    };
    f.set_word(FRAME_LOCALS, vm.root(hns).0);
    let cell = match vm.run_frame(f, false) {
        Ok(crate::vm::interp::Outcome::Return(v)) => v,
        Ok(_) => Value::NONE,
        Err(e) => {
            vm.pop_roots(base);
            return Err(e);
        }
    };
    let hc = vm.push_root(cell);
    if let Err(e) = crate::builtins::class_ns::store_orig_bases(vm, hns, orig) {
        vm.pop_roots(base);
        return Err(e);
    }
    let (meta, name, bases, ns) = (vm.root(hm), vm.root(hn), vm.root(hb), vm.root(hns));
    let kwn = Vm::tuple_items(vm.root(hkwn));
    let kwv = Vm::tuple_items(vm.root(hkwv));
    let mut args = vec![name, bases, ns];
    args.extend(kwv);
    let kwnames = if kwn.is_empty() {
        Value::NULL
    } else {
        vm.new_tuple(&kwn)
    };
    let cls = vm.call(meta, &args, kwnames);
    let cls = match cls {
        Ok(c) => c,
        Err(e) => {
            vm.pop_roots(base);
            return Err(e);
        }
    };
    let cell = vm.root(hc);
    if Vm::is_kind(cell, Kind::Cell) {
        let c = cell.obj().expect("cell");
        vm.set(c, 1, cls);
    }
    vm.pop_roots(base);
    Ok(cls)
}
