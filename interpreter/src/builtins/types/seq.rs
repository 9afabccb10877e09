//! Sequence constructors: `bytes`, `tuple`, `list`, `range`, `slice`.

use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::Vm;

pub(super) fn register(vm: &mut Vm) {
    vm.add_native_method(T::Bytes, "__new__", crate::builtins::bytes_new::bytes_new);
    vm.add_native_method(T::Tuple, "__new__", |vm, _s, a| {
        a.check(vm, "tuple", 1, 2)?;
        let exact = a.v(vm, 0) == vm.ty(T::Tuple);
        if exact && a.len() == 1 {
            return Ok(vm.new_tuple(&[]));
        }
        if exact && vm.type_of(a.v(vm, 1)) == vm.ty(T::Tuple) {
            return Ok(a.v(vm, 1));
        }
        vm.scope(|vm, s| {
            let h = s.root_value(vm, a.v(vm, 0));
            let items = match a.opt_v(vm, 1) {
                Some(v) => vm.collect_hinted(v),
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
    vm.add_native_method(T::List, "__new__", |vm, _s, a| {
        let t = a.v(vm, 0);
        Ok(vm.new_list_of(t, &[]))
    });
    vm.add_native_method(T::List, "__init__", |vm, _s, a| {
        let p = a.pos();
        p.check(vm, "list", 1, 2)?;
        if p.len() == 2 {
            vm.scope(|vm, s| {
                let h = s.root_value(vm, p.v(vm, 0));
                let items = vm.collect_hinted(p.v(vm, 1))?;
                vm.list_set_items(h.get(vm).value(), &items);
                Ok(())
            })?;
        }
        Ok(Value::NONE)
    });
    vm.add_native_method(T::Range, "__new__", |vm, _s, a| {
        a.check(vm, "range", 2, 4)?;
        // each argument is normalized in its rooted slot: `__index__` may
        // run Python code and collect, moving the big ints already read
        for i in 1..a.len() {
            let x = a.v(vm, i);
            let n = if !Vm::is_intlike(x) {
                Value::int(vm.index_of(x)?)
            } else if x == Value::TRUE {
                Value::int(1)
            } else if x == Value::FALSE {
                Value::int(0)
            } else {
                x
            };
            a.set(vm, i, vm.gc(n));
        }
        let v = a.values_from(vm, 1);
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
    vm.add_native_method(T::Slice, "__new__", |vm, _s, a| {
        a.check(vm, "slice", 2, 4)?;
        Ok(match a.len() {
            2 => vm.new_slice(Value::NONE, a.v(vm, 1), Value::NONE),
            3 => vm.new_slice(a.v(vm, 1), a.v(vm, 2), Value::NONE),
            _ => vm.new_slice(a.v(vm, 1), a.v(vm, 2), a.v(vm, 3)),
        })
    });
}
