//! The methods of `dict`.

use super::methods::*;
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::iter::*;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};

pub(super) fn dict_repr<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let d = vm.dict_copy(a.v(vm, 0))?;
    vm.repr(d)
}

pub(super) fn dict_get<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
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
}

pub(super) fn dict_setdefault<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "setdefault", 2, 3)?;
    let d = if a.len() > 2 { a.v(vm, 2) } else { Value::NONE };
    vm.dict_setdefault(a.v(vm, 0), a.v(vm, 1), d)
}

pub(super) fn dict_pop<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
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
}

pub(super) fn dict_popitem<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    match vm.dict_pop_last(a.v(vm, 0)) {
        Some((k, v)) => Ok(vm.new_tuple(&[k, v])),
        None => Err(vm.raise_msg(T::KeyError, "popitem(): dictionary is empty")),
    }
}

pub(super) fn dict_keys<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    Ok(dict_view(vm, a.v(vm, 0), T::DictKeys))
}

pub(super) fn dict_values<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    Ok(dict_view(vm, a.v(vm, 0), T::DictValues))
}

pub(super) fn dict_items<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    Ok(dict_view(vm, a.v(vm, 0), T::DictItems))
}

pub(super) fn dict_update<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
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
}

pub(super) fn dict_clear<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    vm.dict_clear(a.v(vm, 0));
    Ok(Value::NONE)
}

pub(super) fn dict_fromkeys<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
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
}

pub(super) fn dict_getitem<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "__getitem__", 2, 2)?;
    if !Vm::is_kind(a.v(vm, 0), Kind::Dict) {
        return Err(vm.raise_msg(
            T::TypeError,
            "descriptor '__getitem__' requires a 'dict' object",
        ));
    }
    vm.dict_subscript(a.v(vm, 0), a.v(vm, 1))
}

pub(super) fn dict_setitem<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "__setitem__", 3, 3)?;
    vm.dict_set(a.v(vm, 0), a.v(vm, 1), a.v(vm, 2))?;
    Ok(Value::NONE)
}

pub(super) fn dict_delitem<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "__delitem__", 2, 2)?;
    vm.dict_delitem(a.v(vm, 0), a.v(vm, 1)).map(|_| Value::NONE)
}

pub(super) fn dict_contains<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    Ok(Value::bool(vm.dict_get(a.v(vm, 0), a.v(vm, 1))?.is_some()))
}

pub(super) fn dict_len<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    Ok(Value::int(Vm::dict_len(a.v(vm, 0)) as i64))
}

pub(super) fn dict_iter<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let ty = vm.ty(T::Iterator);
    Ok(vm.new_iter(
        ty,
        IT_DKEYS,
        a.v(vm, 0),
        Value::int(0),
        Value::NULL,
        Value::NULL,
    ))
}
