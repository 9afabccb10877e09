//! The module type's initializer.

use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};

pub(super) fn register(vm: &mut Vm) {
    vm.add_native_method(T::Module, "__init__", module_init);
}

/// `ModuleType.__init__(self, name, doc=None)`.
fn module_init<'s>(vm: &mut Vm, s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check_pos(vm, "module", 2, 3)?;
    let name = a.rooted(1);
    if !Vm::is_str(name.get(vm).value()) {
        let msg = format!(
            "module.__init__() argument 'name' must be str, not {}",
            vm.type_name_of(name.get(vm).value())
        );
        return Err(vm.raise_msg(T::TypeError, &msg));
    }
    let doc_i = if a.npos() > 2 {
        Some(2)
    } else {
        a.kw_index(vm, "doc")
    };
    let doc = s.root_value(vm, doc_i.map_or(Value::NONE, |i| a.v(vm, i)));
    if !Vm::is_kind(a.v(vm, 0), Kind::Module) {
        // a subclass instance (record layout): plain attributes
        let n = vm.intern("__name__");
        vm.setattr(a.v(vm, 0), n, name.get(vm).value())?;
        let n = vm.intern("__doc__");
        vm.setattr(a.v(vm, 0), n, doc.get(vm).value())?;
        return Ok(Value::NONE);
    }
    let d = Vm::module_dict(a.v(vm, 0));
    vm.set_str_item(d, "__name__", name.get(vm).value());
    let d = Vm::module_dict(a.v(vm, 0));
    vm.set_str_item(d, "__doc__", doc.get(vm).value());
    for k in ["__package__", "__loader__", "__spec__"] {
        let d = Vm::module_dict(a.v(vm, 0));
        vm.set_str_item(d, k, Value::NONE);
    }
    Ok(Value::NONE)
}
