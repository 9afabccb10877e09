//! `isinstance` / `issubclass`, with metaclass `__instancecheck__` /
//! `__subclasscheck__` hooks (abc.ABCMeta) and the native collections.abc.

use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::{PyResult, Vm};

/// Calls `type(t).<hook>(t, x)` when the metaclass of `t` is not `type` and defines it.
fn meta_check(vm: &mut Vm, t: Value, x: Value, hook: &str) -> PyResult<Option<bool>> {
    let meta = vm.type_of(t);
    if meta == vm.ty(T::Type) {
        return Ok(None);
    }
    let base = vm.root_depth();
    let ht = vm.push_root(t);
    let hx = vm.push_root(x);
    let hn = vm.intern(hook);
    let Some(f) = vm.type_lookup(meta, hn) else {
        vm.pop_roots(base);
        return Ok(None);
    };
    let (t, x) = (vm.root(ht), vm.root(hx));
    let r = vm.call_with_self(f, t, &[x], Value::NULL);
    vm.pop_roots(base);
    let r = r?;
    Ok(Some(vm.truthy(r)?))
}

/// `issubclass(c, t)`.
pub fn issubclass_any(vm: &mut Vm, c: Value, t: Value) -> PyResult<bool> {
    if Vm::is_kind(t, Kind::Tuple) {
        let base = vm.root_depth();
        let hc = vm.push_root(c);
        let ht = vm.push_root(t);
        for i in 0..Vm::tuple_len(t) {
            let (c, x) = (vm.root(hc), Vm::tuple_get(vm.root(ht), i));
            match issubclass_any(vm, c, x) {
                Ok(false) => {}
                r => {
                    vm.pop_roots(base);
                    return r;
                }
            }
        }
        vm.pop_roots(base);
        return Ok(false);
    }
    // (a non-class second argument may define the hook too: GenericAlias)
    if let Some(r) = meta_check(vm, t, c, "__subclasscheck__")? {
        return Ok(r);
    }
    if !Vm::is_type(c) {
        return Err(vm.raise_msg(T::TypeError, "issubclass() arg 1 must be a class"));
    }
    if !Vm::is_type(t) {
        return Err(vm.raise_msg(
            T::TypeError,
            "issubclass() arg 2 must be a class, a tuple of classes, or a union",
        ));
    }
    Ok(Vm::is_subtype(c, t))
}

pub fn isinstance_any(vm: &mut Vm, v: Value, t: Value) -> PyResult<bool> {
    if Vm::is_kind(t, Kind::Tuple) {
        let base = vm.root_depth();
        let hv = vm.push_root(v);
        let ht = vm.push_root(t);
        for i in 0..Vm::tuple_len(t) {
            let (v, x) = (vm.root(hv), Vm::tuple_get(vm.root(ht), i));
            match isinstance_any(vm, v, x) {
                Ok(false) => {}
                r => {
                    vm.pop_roots(base);
                    return r;
                }
            }
        }
        vm.pop_roots(base);
        return Ok(false);
    }
    if !Vm::is_type(t) {
        // objects with __instancecheck__ (typing aliases, unions)
        let n = vm.intern("__instancecheck__");
        let tt = vm.type_of(t);
        if let Some(f) = vm.type_lookup(tt, n) {
            let r = vm.call_with_self(f, t, &[v], Value::NULL)?;
            return vm.truthy(r);
        }
        return Err(vm.raise_msg(
            T::TypeError,
            "isinstance() arg 2 must be a type, a tuple of types, or a union",
        ));
    }
    if vm.isinstance(v, t) {
        return Ok(true);
    }
    if let Some(r) = meta_check(vm, t, v, "__instancecheck__")? {
        return Ok(r);
    }
    // abstract base classes from collections.abc register by name
    let name = Vm::type_name(t);
    let abc_n = vm.intern("__abc__");
    let abc = vm.dict_get_str(Vm::tyf(t, crate::object::types::TY_DICT), abc_n);
    if abc.is_some() {
        let tv = vm.type_of(v);
        let has = |vm: &mut Vm, n: &str| {
            let nn = vm.intern(n);
            vm.type_lookup(tv, nn).is_some()
        };
        return Ok(match name.as_str() {
            "Iterable" => {
                has(vm, "__iter__")
                    || matches!(
                        Vm::kind(v),
                        Some(
                            Kind::List
                                | Kind::Tuple
                                | Kind::Str
                                | Kind::Dict
                                | Kind::Set
                                | Kind::Iter
                                | Kind::Generator
                                | Kind::Range
                        )
                    )
            }
            "Iterator" | "Generator" => {
                matches!(Vm::kind(v), Some(Kind::Iter | Kind::Generator)) || has(vm, "__next__")
            }
            "Callable" => {
                matches!(
                    Vm::kind(v),
                    Some(Kind::Function | Kind::Builtin | Kind::Method | Kind::Type)
                ) || has(vm, "__call__")
            }
            "Hashable" => !matches!(Vm::kind(v), Some(Kind::List | Kind::Dict | Kind::Set)),
            "Sized" | "Collection" | "Container" => {
                has(vm, "__len__")
                    || matches!(
                        Vm::kind(v),
                        Some(Kind::List | Kind::Tuple | Kind::Str | Kind::Dict | Kind::Set)
                    )
            }
            "Mapping" | "MutableMapping" => matches!(Vm::kind(v), Some(Kind::Dict)),
            "Sequence" | "MutableSequence" => matches!(
                Vm::kind(v),
                Some(Kind::List | Kind::Tuple | Kind::Str | Kind::Range)
            ),
            "Set" | "MutableSet" => matches!(Vm::kind(v), Some(Kind::Set)),
            _ => false,
        });
    }
    Ok(false)
}
