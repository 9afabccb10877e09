//! Sequence constructors: `bytes`, `tuple`, `list`, `range`, `slice`.

use crate::builtins::positional;
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::Vm;

pub(super) fn register(vm: &mut Vm) {
    vm.add_method(T::Bytes, "__new__", crate::builtins::bytes_new::bytes_new);
    vm.add_method(T::Tuple, "__new__", |vm, a, _| {
        vm.check_args("tuple", a, 1, 2)?;
        let exact = a[0] == vm.ty(T::Tuple);
        if exact && a.len() == 1 {
            return Ok(vm.new_tuple(&[]));
        }
        if exact && vm.type_of(a[1]) == vm.ty(T::Tuple) {
            return Ok(a[1]);
        }
        vm.scope(|vm, s| {
            let h = s.root_value(vm, a[0]);
            let items = match a.get(1) {
                Some(v) => vm.collect_hinted(*v),
                None => Ok(vec![]),
            };
            let t = h.get(vm).value();
            let items = items?;
            if exact {
                return Ok(vm.new_tuple(&items));
            }
            let o = vm.alloc_var(Kind::Tuple, t, items.len());
            for (i, v) in items.iter().enumerate() {
                Vm::init_item(o, i, *v);
            }
            Ok(Value::from_obj(o))
        })
    });
    vm.add_method(T::List, "__new__", |vm, a, _| {
        let t = a[0];
        Ok(vm.new_list_of(t, &[]))
    });
    vm.add_method(T::List, "__init__", |vm, a, k| {
        let p = positional(a, k);
        vm.check_args("list", p, 1, 2)?;
        if p.len() == 2 {
            vm.scope(|vm, s| {
                let h = s.root_value(vm, p[0]);
                let items = vm.collect_hinted(p[1])?;
                vm.list_set_items(h.get(vm).value(), &items);
                Ok(())
            })?;
        }
        Ok(Value::NONE)
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
}
