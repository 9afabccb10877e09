//! `BaseException`'s constructor, initializer and `with_traceback`.

use crate::builtins::positional;
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::exc::*;
use crate::vm::Vm;

pub(super) fn register(vm: &mut Vm) {
    vm.add_method(T::BaseException, "__new__", |vm, a, k| {
        let p = positional(a, k);
        let t = p[0];
        Ok(vm.new_exc(t, &p[1..]))
    });
    vm.add_method(T::BaseException, "__init__", |vm, a, k| {
        let p = positional(a, k);
        let o = p[0].obj().expect("exc");
        if kind_of(o) == Kind::Exception {
            let t = vm.new_tuple(&p[1..]);
            let o = p[0].obj().expect("exc");
            vm.set(o, EX_ARGS, t);
            let v = if p.len() == 2 { p[1] } else { Value::NONE };
            vm.set(o, EX_VALUE, v);
        }
        Ok(Value::NONE)
    });
    vm.add_method(T::BaseException, "with_traceback", |vm, a, _| {
        let o = a[0].obj().expect("exc");
        vm.set(o, EX_TB, a[1]);
        Ok(a[0])
    });
}
