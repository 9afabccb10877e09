//! The module type's initializer.

use crate::builtins::{kwarg, positional};
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::{PyResult, Vm};

pub(super) fn register(vm: &mut Vm) {
    vm.add_method(T::Module, "__init__", module_init);
}

/// `ModuleType.__init__(self, name, doc=None)`.
fn module_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult {
    let p = positional(a, k);
    vm.check_args("module", p, 2, 3)?;
    let name = p[1];
    if !Vm::is_str(name) {
        let msg = format!(
            "module.__init__() argument 'name' must be str, not {}",
            vm.type_name_of(name)
        );
        return Err(vm.raise_msg(T::TypeError, &msg));
    }
    let doc = p.get(2).copied().or_else(|| kwarg(a, k, "doc"));
    if !Vm::is_kind(a[0], Kind::Module) {
        // a subclass instance (record layout): plain attributes
        return vm.scope(|vm, s| {
            let hs = s.root_value(vm, a[0]);
            let hd = s.root_value(vm, doc.unwrap_or(Value::NONE));
            let n = vm.intern("__name__");
            vm.setattr(hs.get(vm).value(), n, name)?;
            let n = vm.intern("__doc__");
            vm.setattr(hs.get(vm).value(), n, hd.get(vm).value())?;
            Ok(Value::NONE)
        });
    }
    let d = Vm::module_dict(a[0]);
    vm.scope(|vm, s| {
        let h = s.root_value(vm, d);
        vm.set_str_item(d, "__name__", name);
        let d = h.get(vm).value();
        vm.set_str_item(d, "__doc__", doc.unwrap_or(Value::NONE));
        let d = h.get(vm).value();
        for k in ["__package__", "__loader__", "__spec__"] {
            vm.set_str_item(d, k, Value::NONE);
        }
        Ok(Value::NONE)
    })
}
