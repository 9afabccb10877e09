//! `BaseException`'s constructor, initializer and `with_traceback`.

use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::exc::*;
use crate::vm::Vm;

pub(super) fn register(vm: &mut Vm) {
    vm.add_native_method(T::BaseException, "__new__", |vm, _s, a| {
        let p = a.pos();
        let t = p.v(vm, 0);
        Ok(vm.new_exc(t, &p.values_from(vm, 1)))
    });
    vm.add_native_method(T::BaseException, "__init__", |vm, _s, a| {
        let p = a.pos();
        let o = p.v(vm, 0).obj().expect("exc");
        if kind_of(o) == Kind::Exception {
            let t = vm.new_tuple(&p.values_from(vm, 1));
            let o = p.v(vm, 0).obj().expect("exc");
            vm.set(o, EX_ARGS, t);
            let v = if p.len() == 2 {
                p.v(vm, 1)
            } else {
                Value::NONE
            };
            vm.set(o, EX_VALUE, v);
        }
        Ok(Value::NONE)
    });
    vm.add_native_method(T::BaseException, "with_traceback", |vm, _s, a| {
        let o = a.v(vm, 0).obj().expect("exc");
        vm.set(o, EX_TB, a.v(vm, 1));
        Ok(a.v(vm, 0))
    });
}
