//! The methods of `set` and `frozenset`.

use crate::compile::bytecode::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::iter::*;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};

pub(super) fn set_add<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "add", 2, 2)?;
    vm.set_add(a.v(vm, 0), a.v(vm, 1))?;
    Ok(Value::NONE)
}

pub(super) fn set_remove<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "remove", 2, 2)?;
    vm.dict_delitem(a.v(vm, 0), a.v(vm, 1)).map(|_| Value::NONE)
}

pub(super) fn set_discard<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "discard", 2, 2)?;
    vm.dict_del(a.v(vm, 0), a.v(vm, 1))?;
    Ok(Value::NONE)
}

pub(super) fn set_pop<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    match vm.dict_pop_last(a.v(vm, 0)) {
        Some((k, _)) => Ok(k),
        None => Err(vm.raise_msg(T::KeyError, "pop from an empty set")),
    }
}

pub(super) fn set_clear<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    vm.dict_clear(a.v(vm, 0));
    Ok(Value::NONE)
}

pub(super) fn set_update<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
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
}

pub(super) fn set_copy<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let t = vm.type_of(a.v(vm, 0));
    vm.set_from(t, a.v(vm, 0))
}

pub(super) fn set_isdisjoint<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
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
}

pub(super) fn set_contains<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    Ok(Value::bool(vm.dict_get(a.v(vm, 0), a.v(vm, 1))?.is_some()))
}

pub(super) fn set_len<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    Ok(Value::int(Vm::dict_len(a.v(vm, 0)) as i64))
}

pub(super) fn set_iter<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
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
