//! The methods of `list`.

use super::methods::*;
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::iter::*;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};

pub(super) fn list_append<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let l = self_list(vm, a, "append", 1, 1)?;
    vm.list_append(l, a.v(vm, 1));
    Ok(Value::NONE)
}

pub(super) fn list_pop<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
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
}

pub(super) fn list_insert<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let l = self_list(vm, a, "insert", 2, 2)?;
    let n = Vm::list_len(l) as i64;
    let mut i = vm.index_of(a.v(vm, 1))?;
    if i < 0 {
        i = (i + n).max(0);
    }
    vm.list_insert(l, i.min(n) as usize, a.v(vm, 2));
    Ok(Value::NONE)
}

pub(super) fn list_extend<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let l = self_list(vm, a, "extend", 1, 1)?;
    vm.list_extend(l, a.v(vm, 1))?;
    Ok(Value::NONE)
}

pub(super) fn list_iadd<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let l = self_list(vm, a, "__iadd__", 1, 1)?;
    vm.with_args(&[l, a.v(vm, 1)], a.kwnames_v(vm), |vm, _s, args| {
        vm.list_extend(args.get(vm, 0).value(), args.get(vm, 1).value())?;
        Ok(args.get(vm, 0).value())
    })
}

pub(super) fn list_remove<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
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
}

pub(super) fn list_index<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
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
}

pub(super) fn list_count<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "count", 2, 2)?;
    seq_count(vm, a.v(vm, 0), a.v(vm, 1))
}

pub(super) fn list_reverse<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "reverse", 1, 1)?;
    vm.list_reverse(a.v(vm, 0));
    Ok(Value::NONE)
}

pub(super) fn list_copy<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let v = Vm::list_items(a.v(vm, 0));
    Ok(vm.new_list(&v))
}

pub(super) fn list_clear<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    if Vm::list_len(a.v(vm, 0)) != 0 {
        vm.list_set_items(a.v(vm, 0), &[]);
    }
    Ok(Value::NONE)
}

pub(super) fn list_sort<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let p = a.pos();
    p.check(vm, "sort", 1, 1)?;
    let key = a.kwarg_v(vm, "key").unwrap_or(Value::NONE);
    let rev = a.kwarg_v(vm, "reverse").unwrap_or(Value::FALSE);
    let rev = rev == Value::TRUE || Vm::int_as_i64(rev).unwrap_or(0) != 0;
    vm.sort_list(p.v(vm, 0), key, rev)?;
    vm.root_last_sorted();
    Ok(Value::NONE)
}

pub(super) fn list_len<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let _ = vm;
    Ok(Value::int(Vm::list_len(a.v(vm, 0)) as i64))
}

pub(super) fn list_getitem<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "__getitem__", 2, 2)?;
    let lt = vm.ty(T::List);
    list_item_as(vm, a.v(vm, 0), a.v(vm, 1), lt)
}

pub(super) fn list_setitem<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
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
}

pub(super) fn list_iter<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let ty = vm.ty(T::Iterator);
    Ok(vm.new_iter(
        ty,
        IT_LIST,
        a.v(vm, 0),
        Value::int(0),
        Value::NULL,
        Value::NULL,
    ))
}

pub(super) fn list_contains<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    Ok(Value::bool(
        seq_index(vm, a.v(vm, 0), a.v(vm, 1))?.is_some(),
    ))
}

pub(super) fn list_repr<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let l = vm.new_list(&Vm::list_items(a.v(vm, 0)));
    vm.repr(l)
}
