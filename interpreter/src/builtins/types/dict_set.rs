//! `dict`, `set` and `frozenset` constructors and initializers.

use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::Vm;

pub(super) fn register(vm: &mut Vm) {
    vm.add_native_method(T::Dict, "__new__", |vm, _s, a| {
        let t = a.v(vm, 0);
        Ok(vm.new_dict_of(Kind::Dict, t, 0))
    });
    vm.add_native_method(T::Dict, "__init__", |vm, _s, a| {
        let npos = a.npos();
        a.pos().check(vm, "dict", 1, 2)?;
        // Arguments and keyword names rooted: `dict_update` can run Python
        // code (`keys()`, `__getitem__`, `__iter__`), which can collect.
        {
            let args = a;
            if npos == 2 {
                let (d, src) = (args.get(vm, 0).value(), args.get(vm, 1).value());
                vm.dict_update(d, src)?;
            }
            let nkw = args.kwnames(vm).map_or(0, |kw| Vm::tuple_len(kw.value()));
            for i in 0..nkw {
                let kw = args.kwnames(vm).expect("kwnames").value();
                let key = Vm::tuple_get(kw, i);
                let v = args.get(vm, args.len() - nkw + i).value();
                let d = args.get(vm, 0).value();
                vm.dict_set_str(d, key, v);
            }
            Ok(Value::NONE)
        }
    });
    vm.add_native_method(T::Set, "__new__", |vm, _s, a| {
        let t = a.v(vm, 0);
        Ok(vm.new_dict_of(Kind::Set, t, 0))
    });
    vm.add_native_method(T::Set, "__init__", |vm, _s, a| {
        a.check(vm, "set", 1, 2)?;
        if a.len() == 2 {
            vm.set_update(a.v(vm, 0), a.v(vm, 1))?;
        }
        Ok(Value::NONE)
    });
    vm.add_native_method(T::FrozenSet, "__new__", |vm, _s, a| {
        a.check(vm, "frozenset", 1, 2)?;
        let t = a.v(vm, 0);
        vm.set_from(t, a.opt_v(vm, 1).unwrap_or(Value::NULL))
    });
}
