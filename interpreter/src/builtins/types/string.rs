//! `str` construction and `str.__str__`.

use crate::builtins::{kwarg, positional};
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::{PyResult, Vm};

pub(super) fn register(vm: &mut Vm) {
    vm.add_method(T::Str, "__str__", |vm, a, _| {
        vm.check_args("__str__", a, 1, 1)?;
        if vm.type_of(a[0]) == vm.ty(T::Str) {
            return Ok(a[0]);
        }
        let s = Vm::as_str(a[0]).to_string();
        Ok(vm.new_string(s))
    });
    vm.add_method(T::Str, "__new__", str_new);
}

fn str_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult {
    let cls = a.first().copied().unwrap_or(Value::NULL);
    if Vm::is_type(cls) && cls != vm.ty(T::Str) {
        // str subclass: a str object of type cls
        return vm.scope(|vm, s| {
            let h = s.root_value(vm, cls);
            let mut v = a.to_vec();
            v[0] = vm.ty(T::Str);
            let text = Vm::as_str(str_new(vm, &v, k)?).to_string();
            Ok(vm.new_str_of(&text, h.get(vm).value()))
        });
    }
    let p = positional(a, k);
    vm.check_args("str", p, 1, 4)?;
    let obj = p.get(1).copied().or_else(|| kwarg(a, k, "object"));
    let Some(obj) = obj else {
        return Ok(vm.new_str(""));
    };
    let enc = p.get(2).copied().or_else(|| kwarg(a, k, "encoding"));
    let errors = p.get(3).copied().or_else(|| kwarg(a, k, "errors"));
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
