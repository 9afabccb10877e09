//! `cls.name = value` on a class: CPython's `type.__setattr__` protocol.
//!
//! A metaclass's own `__setattr__` (written in Python: `EnumType`) runs
//! first; otherwise `type.__setattr__`: a data descriptor of the metatype
//! (a metaclass property with a setter) wins; `__name__`/`__qualname__` must
//! be str and update the type's name; anything else goes into the class
//! dict. `type.__setattr__` is also a
//! method of `type`, so `super().__setattr__(name, value)` from a metaclass
//! reaches it.

use crate::object::layout::Kind;
use crate::object::types::{TY_NAME, TY_QUALNAME};
use crate::object::value::Value;
use crate::object::{N, T};
use crate::vm::{PyResult, Vm};

impl Vm {
    /// `t.name = v` for a class `t`.
    pub fn type_setattr(&mut self, t: Value, name: Value, v: Value) -> PyResult<()> {
        let meta = self.type_of(t);
        if meta != self.ty(T::Type) {
            if let Some(f) = self
                .type_lookup_n(meta, N::SetAttr)
                .filter(|f| Vm::is_kind(*f, Kind::Function))
            {
                self.call_with_self(f, t, &[name, v], Value::NULL)?;
                return Ok(());
            }
        }
        self.type_setattr_plain(t, name, v)
    }

    /// `type.__setattr__(t, name, v)`.
    pub fn type_setattr_plain(&mut self, t: Value, name: Value, v: Value) -> PyResult<()> {
        let meta = self.type_of(t);
        if meta != self.ty(T::Type) {
            if let Some(d) = self.type_lookup(meta, name) {
                if Vm::is_kind(d, Kind::Property) || self.is_user_data_descr_pub(d) {
                    // the instance-attribute protocol applies the descriptor
                    return self.generic_descr_set(d, t, v, name);
                }
            }
        }
        let s = Vm::as_str(name).to_string();
        // (builtin types stay mutable: pygc's own Python-level parts of
        // builtin modules set attributes of builtin types at start-up)
        match s.as_str() {
            "__name__" | "__qualname__" => {
                if !Vm::is_str(v) {
                    let msg = format!(
                        "can only assign string to {}.{s}, not '{}'",
                        Vm::type_name(t),
                        self.type_name_of(v)
                    );
                    return Err(self.raise_msg(T::TypeError, &msg));
                }
                if s == "__name__" && Vm::as_str(v).contains('\0') {
                    let m = "type name must not contain null characters";
                    return Err(self.raise_msg(T::ValueError, m));
                }
                let slot = if s == "__name__" {
                    TY_NAME
                } else {
                    TY_QUALNAME
                };
                let to = t.obj().expect("type");
                self.set(to, slot, v);
                self.epoch += 1;
                Ok(())
            }
            _ => {
                self.type_set_attr(t, name, v);
                Ok(())
            }
        }
    }

    /// Applies a metatype's data descriptor `d` to set attribute `name` of
    /// class `t` (a property's setter or a `__set__` method).
    fn generic_descr_set(&mut self, d: Value, t: Value, v: Value, name: Value) -> PyResult<()> {
        if Vm::is_kind(d, Kind::Property) {
            let s = Vm::get(d.obj().expect("p"), 2);
            if s.is_none() || s.is_null() {
                let msg = format!(
                    "property '{}' of '{}' object has no setter",
                    Vm::as_str(name),
                    self.type_name_of(t)
                );
                return Err(self.raise_msg(T::AttributeError, &msg));
            }
            self.call0(s, &[t, v])?;
            return Ok(());
        }
        let dt = self.type_of(d);
        let sf = self.type_lookup_n(dt, N::Set).expect("data descriptor");
        self.call_with_self(sf, d, &[t, v], Value::NULL)?;
        Ok(())
    }
}

/// `type.__setattr__`.
pub fn register(vm: &mut Vm) {
    vm.add_native_method(T::Type, "__setattr__", |vm, _s, a| {
        a.check(vm, "__setattr__", 3, 3)?;
        if !Vm::is_type(a.v(vm, 0)) {
            let msg = format!(
                "descriptor '__setattr__' requires a 'type' object but received a '{}'",
                vm.type_name_of(a.v(vm, 0))
            );
            return Err(vm.raise_msg(T::TypeError, &msg));
        }
        if !Vm::is_str(a.v(vm, 1)) {
            let msg = format!(
                "attribute name must be string, not '{}'",
                vm.type_name_of(a.v(vm, 1))
            );
            return Err(vm.raise_msg(T::TypeError, &msg));
        }
        let n = vm.intern_value(a.v(vm, 1));
        vm.type_setattr_plain(a.v(vm, 0), n, a.v(vm, 2))?;
        Ok(Value::NONE)
    });
}
