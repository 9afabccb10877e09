//! `dict`, `set` and `frozenset` constructors and initializers.

use crate::builtins::positional;
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::Vm;

pub(super) fn register(vm: &mut Vm) {
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
}
