//! The `__repr__`/`__contains__`/`__len__`/`__iter__` slots shared by
//! several builtin types.

use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::Vm;

pub(super) fn register(vm: &mut Vm) {
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
        vm.add_native_method(t, "__repr__", |vm, _s, a| {
            a.check(vm, "__repr__", 1, 1)?;
            let s = vm.repr_native(a.v(vm, 0))?;
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
        vm.add_native_method(t, "__contains__", |vm, _s, a| {
            a.check(vm, "__contains__", 2, 2)?;
            Ok(Value::bool(vm.contains(a.v(vm, 0), a.v(vm, 1))?))
        });
        vm.add_native_method(t, "__len__", |vm, _s, a| {
            a.check(vm, "__len__", 1, 1)?;
            let n = match Vm::kind(a.v(vm, 0)) {
                Some(Kind::Set) => Vm::dict_len(a.v(vm, 0)),
                Some(Kind::Tuple | Kind::Bytes) => Vm::var_len(a.v(vm, 0).obj().expect("o")),
                _ => vm.len(a.v(vm, 0))?,
            };
            Ok(Value::int(n as i64))
        });
        vm.add_native_method(t, "__iter__", |vm, _s, a| {
            a.check(vm, "__iter__", 1, 1)?;
            vm.get_iter(a.v(vm, 0))
        });
    }
}
