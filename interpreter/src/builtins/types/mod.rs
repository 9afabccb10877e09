//! Builtin types' constructors and core slots, one file per type (or
//! family of types). Each file's `register` adds its type's methods;
//! they run in this order (a type's methods keep their relative order).

mod descr;
mod dict_set;
mod exc;
mod iters;
mod module;
mod numbers;
mod object;
mod protocols;
mod seq;
mod string;
mod typeobj;

use crate::vm::Vm;
pub use descr::super_getattr;
pub use typeobj::build_class;

pub(super) fn register(vm: &mut Vm) {
    object::register(vm);
    module::register(vm);
    descr::register(vm);
    typeobj::register(vm);
    string::register(vm);
    protocols::register(vm);
    numbers::register(vm);
    seq::register(vm);
    dict_set::register(vm);
    iters::register(vm);
    exc::register(vm);
}
