//! Descriptor types: functions' `__get__`, `classmethod`, `staticmethod`,
//! `property` and `super`.

use crate::object::layout::*;
use crate::object::types::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm, R_FRAME};

pub(super) fn register(vm: &mut Vm) {
    vm.add_function_descriptors();
    // descriptor protocol of functions / classmethod / staticmethod objects
    vm.add_native_method(T::Function, "__get__", |vm, _s, a| {
        a.check(vm, "__get__", 2, 3)?;
        if a.v(vm, 1).is_none() {
            return Ok(a.v(vm, 0));
        }
        Ok(vm.new_method(a.v(vm, 0), a.v(vm, 1)))
    });
    vm.add_native_method(T::ClassMethod, "__get__", |vm, _s, a| {
        a.check(vm, "__get__", 2, 3)?;
        let f = Vm::get(a.v(vm, 0).obj().expect("cm"), 1);
        let owner = match a.opt_v(vm, 2) {
            Some(t) if !t.is_none() => t,
            _ => vm.type_of(a.v(vm, 1)),
        };
        Ok(vm.new_method(f, owner))
    });
    vm.add_native_method(T::StaticMethod, "__get__", |vm, _s, a| {
        a.check(vm, "__get__", 2, 3)?;
        Ok(Vm::get(a.v(vm, 0).obj().expect("sm"), 1))
    });
    vm.add_native_method(T::Property, "__new__", |vm, _s, a| {
        let p = a.pos();
        let g = p
            .opt_v(vm, 1)
            .or_else(|| a.kwarg_v(vm, "fget"))
            .unwrap_or(Value::NONE);
        let s = p
            .opt_v(vm, 2)
            .or_else(|| a.kwarg_v(vm, "fset"))
            .unwrap_or(Value::NONE);
        let d = p
            .opt_v(vm, 3)
            .or_else(|| a.kwarg_v(vm, "fdel"))
            .unwrap_or(Value::NONE);
        let doc = p
            .opt_v(vm, 4)
            .or_else(|| a.kwarg_v(vm, "doc"))
            .unwrap_or(Value::NONE);
        let ty = vm.ty(T::Property);
        let o = vm.alloc_rec(Kind::Property, ty);
        Vm::init(o, 1, g);
        Vm::init(o, 2, s);
        Vm::init(o, 3, d);
        Vm::init(o, 4, doc);
        Ok(Value::from_obj(o))
    });
    vm.add_native_method(T::Property, "__init__", |_, _, _| Ok(Value::NONE));
    for (name, slot_i) in [("setter", 2usize), ("getter", 1), ("deleter", 3)] {
        let f: crate::vm::NativeFn = match slot_i {
            1 => |vm, _s, a| prop_with(vm, a, 1),
            2 => |vm, _s, a| prop_with(vm, a, 2),
            _ => |vm, _s, a| prop_with(vm, a, 3),
        };
        vm.add_native_method(T::Property, name, f);
    }
    vm.add_native_method(T::Property, "__get__", |vm, _s, a| {
        if a.len() < 2 || a.v(vm, 1).is_none() {
            return Ok(a.v(vm, 0));
        }
        let g = Vm::get(a.v(vm, 0).obj().expect("p"), 1);
        vm.call0(g, &[a.v(vm, 1)])
    });
    vm.add_native_method(T::ClassMethod, "__new__", |vm, _s, a| {
        a.check(vm, "classmethod", 2, 2)?;
        let ty = vm.ty(T::ClassMethod);
        let o = vm.alloc_rec(Kind::ClassMethod, ty);
        Vm::init(o, 1, a.v(vm, 1));
        Ok(Value::from_obj(o))
    });
    vm.add_native_method(T::ClassMethod, "__init__", |_, _, _| Ok(Value::NONE));
    vm.add_native_method(T::StaticMethod, "__new__", |vm, _s, a| {
        a.check(vm, "staticmethod", 2, 2)?;
        let ty = vm.ty(T::StaticMethod);
        let o = vm.alloc_rec(Kind::StaticMethod, ty);
        Vm::init(o, 1, a.v(vm, 1));
        Ok(Value::from_obj(o))
    });
    vm.add_native_method(T::StaticMethod, "__init__", |_, _, _| Ok(Value::NONE));
    vm.add_native_method(T::Super, "__new__", super_new);
    vm.add_native_method(T::Super, "__init__", |_, _, _| Ok(Value::NONE));
    vm.add_native_method(T::Super, "__getattribute__", |vm, _s, a| {
        super_getattr(vm, a.v(vm, 0), a.v(vm, 1))
    });
}

fn prop_with(vm: &mut Vm, a: Args<'_>, which: usize) -> PyResult {
    a.check(vm, "property", 2, 2)?;
    let old = a.v(vm, 0).obj().expect("p");
    let ty = vm.type_of(a.v(vm, 0));
    let o = vm.alloc_rec(Kind::Property, ty);
    for i in 1..5 {
        Vm::init(o, i, Vm::get(old, i));
    }
    Vm::init(o, which, a.v(vm, 1));
    Ok(Value::from_obj(o))
}

fn super_new<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let (cls, obj) = if a.len() >= 3 {
        (a.v(vm, 1), a.v(vm, 2))
    } else {
        // zero-argument form: __class__ cell and first argument of the caller
        let f = vm.root(R_FRAME).obj().expect("frame");
        let code = Value(f.word(FRAME_CODE));
        let info = vm.code_info(code);
        let nl = info.nlocals as usize;
        let mut cls = Value::NULL;
        for (i, n) in info.cellvars.iter().chain(info.freevars.iter()).enumerate() {
            if n == "__class__" {
                let c = Vm::fget(f, nl + i);
                cls = Vm::get(c.obj().expect("cell"), 1);
            }
        }
        if cls.is_null() || info.argcount == 0 {
            return Err(vm.raise_msg(T::RuntimeError, "super(): no arguments"));
        }
        let mut first = Vm::fget(f, 0);
        if first.is_null() && !info.cell2arg.is_empty() {
            for (i, c) in info.cell2arg.iter().enumerate() {
                if *c == Some(0) {
                    first = Vm::get(Vm::fget(f, nl + i).obj().expect("cell"), 1);
                }
            }
        }
        (cls, first)
    };
    let ty = vm.ty(T::Super);
    let s = vm.alloc_rec(Kind::Super, ty);
    Vm::init(s, 1, cls);
    Vm::init(s, 2, obj);
    Ok(Value::from_obj(s))
}

/// Attribute lookup through a super object.
pub fn super_getattr(vm: &mut Vm, s: Value, name: Value) -> PyResult {
    let so = s.obj().expect("super");
    let cls = Vm::get(so, 1);
    let obj = Vm::get(so, 2);
    let start_t = if Vm::is_type(obj) && Vm::is_subtype(obj, cls) {
        obj
    } else {
        vm.type_of(obj)
    };
    let mro = Vm::tuple_items(Vm::tyf(start_t, TY_MRO));
    let pos = mro
        .iter()
        .position(|t| *t == cls)
        .map(|p| p + 1)
        .unwrap_or(mro.len());
    let name = vm.intern_value(name);
    for t in &mro[pos..] {
        if let Some(d) = vm.dict_get_str(Vm::tyf(*t, TY_DICT), name) {
            if Vm::as_str(name) == "__new__" {
                return Ok(if Vm::is_kind(d, Kind::StaticMethod) {
                    Vm::get(d.obj().expect("sm"), 1)
                } else {
                    d
                });
            }
            return match Vm::kind(d) {
                Some(Kind::Function) => {
                    if Vm::is_type(obj) && obj == start_t {
                        Ok(d)
                    } else {
                        Ok(vm.new_method(d, obj))
                    }
                }
                Some(Kind::Builtin) => Ok(vm.bind_builtin(d, obj)),
                Some(Kind::ClassMethod) => {
                    let f = Vm::get(d.obj().expect("cm"), 1);
                    Ok(vm.new_method(f, start_t))
                }
                Some(Kind::StaticMethod) => Ok(Vm::get(d.obj().expect("sm"), 1)),
                Some(Kind::Property) => {
                    let g = Vm::get(d.obj().expect("p"), 1);
                    vm.call0(g, &[obj])
                }
                _ => Ok(d),
            };
        }
    }
    let msg = format!("'super' object has no attribute '{}'", Vm::as_str(name));
    Err(vm.raise_msg(T::AttributeError, &msg))
}
