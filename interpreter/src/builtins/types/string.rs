//! `str` construction and `str.__str__`.

use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};

pub(super) fn register(vm: &mut Vm) {
    vm.add_native_method(T::Str, "__str__", |vm, _s, a| {
        a.check(vm, "__str__", 1, 1)?;
        if vm.type_of(a.v(vm, 0)) == vm.ty(T::Str) {
            return Ok(a.v(vm, 0));
        }
        let s = Vm::as_str(a.v(vm, 0)).to_string();
        Ok(vm.new_string(s))
    });
    vm.add_native_method(T::Str, "__new__", str_new);
}

fn str_new<'s>(vm: &mut Vm, s: Scope<'s>, a: Args<'s>) -> PyResult {
    let cls = a.opt_v(vm, 0).unwrap_or(Value::NULL);
    if Vm::is_type(cls) && cls != vm.ty(T::Str) {
        // str subclass: a str object of type cls (argument 0 becomes str)
        let h = s.root_value(vm, cls);
        let t = vm.ty(T::Str);
        a.set(vm, 0, vm.gc(t));
        let text = Vm::as_str(str_new(vm, s, a)?).to_string();
        return Ok(vm.new_str_of(&text, h.get(vm).value()));
    }
    let p = a.pos();
    p.check(vm, "str", 1, 4)?;
    let obj = p.opt_v(vm, 1).or_else(|| a.kwarg_v(vm, "object"));
    let Some(obj) = obj else {
        return Ok(vm.new_str(""));
    };
    let enc = p.opt_v(vm, 2).or_else(|| a.kwarg_v(vm, "encoding"));
    let errors = p.opt_v(vm, 3).or_else(|| a.kwarg_v(vm, "errors"));
    if enc.is_some() || errors.is_some() {
        // str(bytes_like, encoding, errors): bytes(obj).decode(...)
        let enc = match enc {
            Some(e) => e,
            None => vm.new_str("utf-8"),
        };
        return vm.scope(|vm, s| {
            let he = s.root_value(vm, enc);
            let herr = s.root_value(vm, errors.unwrap_or(Value::NULL));
            let bt = vm.ty(T::Bytes);
            let b = if Vm::is_kind(obj, Kind::Bytes) {
                obj
            } else {
                vm.call(bt, &[obj], Value::NULL)?
            };
            let n = vm.intern("decode");
            let f = vm.getattr(b, n)?;
            let (e, err) = (he.get(vm).value(), herr.get(vm).value());
            if err.is_null() {
                vm.call(f, &[e], Value::NULL)
            } else {
                vm.call(f, &[e, err], Value::NULL)
            }
        });
    }
    vm.to_str(obj)
}
