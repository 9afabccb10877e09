//! `object`: its constructor, initializer and default dunders.

use crate::object::layout::*;
use crate::object::types::*;
use crate::object::value::Value;
use crate::object::{N, T};
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};

pub(super) fn register(vm: &mut Vm) {
    vm.add_native_method(T::Object, "__new__", object_new);
    vm.add_native_method(T::Object, "__init__", |vm, _s, a| {
        // CPython's object_init: extra arguments are an error unless
        // __new__ is overridden and __init__ is not
        if a.len() > 1 && vm.type_kind_of_obj_is_instance(a.v(vm, 0)) {
            let t = vm.type_of(a.v(vm, 0));
            let (newf, initf) = (vm.type_lookup_n(t, N::New), vm.type_lookup_n(t, N::Init));
            let o = vm.ty(T::Object);
            let (onew, oinit) = (vm.type_lookup_n(o, N::New), vm.type_lookup_n(o, N::Init));
            if initf != oinit {
                return Err(vm.raise_msg(
                    T::TypeError,
                    "object.__init__() takes exactly one argument (the instance to initialize)",
                ));
            }
            if newf == onew {
                let msg = format!(
                    "{}.__init__() takes exactly one argument (the instance to initialize)",
                    Vm::type_name(t)
                );
                return Err(vm.raise_msg(T::TypeError, &msg));
            }
        }
        Ok(Value::NONE)
    });
    vm.add_native_method(T::Object, "__init_subclass__", |_, _, _| Ok(Value::NONE));
    vm.add_native_classmethod(T::Object, "__subclasshook__", |_, _, _| Ok(Value::NOT_IMPL));
    vm.add_native_method(T::Object, "__setattr__", |vm, _s, a| {
        a.check(vm, "__setattr__", 3, 3)?;
        if !Vm::is_str(a.v(vm, 1)) {
            let msg = format!(
                "attribute name must be string, not '{}'",
                vm.type_name_of(a.v(vm, 1))
            );
            return Err(vm.raise_msg(T::TypeError, &msg));
        }
        let n = vm.intern_value(a.v(vm, 1));
        vm.generic_setattr(a.v(vm, 0), n, a.v(vm, 2))?;
        Ok(Value::NONE)
    });
    vm.add_native_method(T::Object, "__getattribute__", |vm, _s, a| {
        a.check(vm, "__getattribute__", 2, 2)?;
        if !Vm::is_str(a.v(vm, 1)) {
            let msg = format!(
                "attribute name must be string, not '{}'",
                vm.type_name_of(a.v(vm, 1))
            );
            return Err(vm.raise_msg(T::TypeError, &msg));
        }
        let n = vm.intern_value(a.v(vm, 1));
        match vm.getattr_opt(a.v(vm, 0), n)? {
            Some(v) => Ok(v),
            None => Err(vm.attr_error(a.v(vm, 0), n)),
        }
    });
    vm.add_native_method(T::Object, "__repr__", |vm, _s, a| {
        let t = vm.type_of(a.v(vm, 0));
        let m = vm.type_lookup(t, vm.name(N::Module));
        let q = Vm::as_str(Vm::tyf(t, TY_QUALNAME)).to_string();
        let qn = match m {
            Some(m) if Vm::is_str(m) && Vm::as_str(m) != "builtins" => {
                format!("{}.{}", Vm::as_str(m), q)
            }
            _ => q,
        };
        let id = a.v(vm, 0).obj().map(|o| vm.m.identity(o)).unwrap_or(0);
        Ok(vm.new_string(format!("<{qn} object at 0x{id:x}>")))
    });
    vm.add_native_method(T::Object, "__str__", |vm, _s, a| {
        let s = vm.repr_string(a.v(vm, 0))?;
        Ok(vm.new_string(s))
    });
    vm.add_native_method(T::Object, "__eq__", |vm, _s, a| {
        Ok(if a.v(vm, 0) == a.v(vm, 1) {
            Value::TRUE
        } else {
            Value::NOT_IMPL
        })
    });
    vm.add_native_method(T::Object, "__ne__", |vm, _s, a| {
        let r = vm.compare(a.v(vm, 0), a.v(vm, 1), crate::compile::bytecode::C_EQ)?;
        Ok(Value::bool(!vm.truthy(r)?))
    });
    vm.add_native_method(T::Object, "__hash__", |vm, _s, a| {
        a.check(vm, "__hash__", 1, 1)?;
        let h = vm.hash_base(a.v(vm, 0))?;
        Ok(vm.new_int(h))
    });
    vm.add_native_method(T::Object, "__format__", |vm, _s, a| {
        if a.len() > 1 && Vm::is_str(a.v(vm, 1)) && !Vm::as_str(a.v(vm, 1)).is_empty() {
            let msg = format!(
                "unsupported format string passed to {}.__format__",
                vm.type_name_of(a.v(vm, 0))
            );
            return Err(vm.raise_msg(T::TypeError, &msg));
        }
        let s = vm.str_of(a.v(vm, 0))?;
        Ok(vm.new_string(s))
    });
    vm.add_native_method(T::Object, "__reduce_ex__", |vm, _s, _a| {
        Err(vm.raise_msg(T::TypeError, "cannot pickle"))
    });
}

fn object_new<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    if a.is_empty() || !Vm::is_type(a.v(vm, 0)) {
        return Err(vm.raise_msg(T::TypeError, "object.__new__(X): X is not a type object"));
    }
    let t = a.v(vm, 0);
    if a.len() > 1 && Vm::type_kind(t) == Kind::Instance {
        // CPython's object_new: extra arguments are an error unless
        // __init__ is overridden and __new__ is not
        let (newf, initf) = (vm.type_lookup_n(t, N::New), vm.type_lookup_n(t, N::Init));
        let o = vm.ty(T::Object);
        let (onew, oinit) = (vm.type_lookup_n(o, N::New), vm.type_lookup_n(o, N::Init));
        if newf != onew {
            return Err(vm.raise_msg(
                T::TypeError,
                "object.__new__() takes exactly one argument (the type to instantiate)",
            ));
        }
        if initf == oinit {
            let msg = format!("{}() takes no arguments", Vm::type_name(t));
            return Err(vm.raise_msg(T::TypeError, &msg));
        }
    }
    vm.check_abstract(t)?;
    if Vm::type_kind(t) == Kind::Instance {
        // a subclass of a builtin with its own layout (tuple, str, int, ...)
        for b in Vm::tuple_items(Vm::tyf(t, TY_MRO)) {
            let heap = Vm::type_flags(b) & crate::object::types::F_HEAP != 0;
            let own_layout = matches!(
                Vm::type_kind(b),
                Kind::Tuple | Kind::Str | Kind::Bytes | Kind::BigInt | Kind::Float | Kind::Complex
            );
            if !heap && own_layout {
                let msg = format!(
                    "object.__new__({}) is not safe, use {}.__new__()",
                    Vm::type_name(t),
                    Vm::type_name(t)
                );
                return Err(vm.raise_msg(T::TypeError, &msg));
            }
        }
    }
    match Vm::type_kind(t) {
        Kind::Instance => Ok(vm.new_instance(t)),
        Kind::List => Ok(vm.new_list_of(t, &[])),
        Kind::Dict => Ok(vm.new_dict_of(Kind::Dict, t, 0)),
        Kind::Set => Ok(vm.new_dict_of(Kind::Set, t, 0)),
        Kind::Exception => Ok(vm.new_exc(t, &a.values_from(vm, 1))),
        Kind::Module => {
            let h = vm.push_root(t);
            let m = vm.new_module_of("?", h);
            vm.pop_roots(h);
            Ok(m)
        }
        _ => {
            let msg = format!(
                "object.__new__({}) is not safe, use {}.__new__()",
                Vm::type_name(t),
                Vm::type_name(t)
            );
            Err(vm.raise_msg(T::TypeError, &msg))
        }
    }
}
