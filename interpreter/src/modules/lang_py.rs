//! `_pygc_lang`: language pieces written in Python (`lang_src.py`), run at
//! startup: `__slots__` descriptors, `add_note`, bytes' str-like methods and
//! `%`, `types.GenericAlias` for builtin containers, `types.MethodType(f, o)`.

use crate::modules::exec_src::exec_in;
use crate::object::layout::*;
use crate::object::types::{F_NODICT, TY_FLAGS, TY_NAME};
use crate::object::value::Value;
use crate::object::T;
use crate::vm::{PyResult, Vm, R_MODULES};

const SRC: &str = include_str!("lang_src.py");

/// Creates `_pygc_lang`, registers it in `sys.modules` and runs its source.
pub fn install(vm: &mut Vm) -> PyResult<()> {
    let m = vm.new_module("_pygc_lang");
    let h = vm.push_root(m);
    let d = Vm::module_dict(m);
    vm.add_native_fn(d, "_set_type_attr", |vm, _s, args| {
        args.check(vm, "_set_type_attr", 3, 3)?;
        if !Vm::is_type(args.v(vm, 0)) || !Vm::is_kind(args.v(vm, 1), Kind::Str) {
            return Err(vm.raise_msg(T::TypeError, "_set_type_attr(type, str, value)"));
        }
        let n = vm.intern_value(args.v(vm, 1));
        vm.type_set_attr(args.v(vm, 0), n, args.v(vm, 2));
        Ok(Value::NONE)
    });
    let d = Vm::module_dict(vm.root(h));
    vm.add_native_fn(d, "_bind", |vm, _s, args| {
        args.check(vm, "_bind", 2, 2)?;
        Ok(vm.new_method(args.v(vm, 0), args.v(vm, 1)))
    });
    let mods = vm.root(R_MODULES);
    let name = vm.intern("_pygc_lang");
    let m = vm.root(h);
    vm.dict_set_str(mods, name, m);
    let d = Vm::module_dict(vm.root(h));
    let r = exec_in(vm, d, SRC, "<_pygc_lang>");
    let d = Vm::module_dict(vm.root(h));
    let r = r.and_then(|_| exec_in(vm, d, include_str!("lang_src2.py"), "<_pygc_lang>"));
    let d = Vm::module_dict(vm.root(h));
    let r = r.and_then(|_| exec_in(vm, d, include_str!("lang_genericalias.py"), "<_pygc_lang>"));
    let d = Vm::module_dict(vm.root(h));
    let r = r.and_then(|_| exec_in(vm, d, include_str!("lang_exc.py"), "<_pygc_lang>"));
    vm.pop_roots(h);
    r
}

/// Calls `_pygc_lang.<fname>(*args)`; `None` when the module or the
/// function is not there (yet).
pub fn call_lang(vm: &mut Vm, fname: &str, args: &[Value]) -> PyResult<Option<Value>> {
    let mods = vm.root(R_MODULES);
    let name = vm.intern("_pygc_lang");
    let Some(m) = vm.dict_get_str(mods, name) else {
        return Ok(None);
    };
    let h = vm.push_root(m);
    let hs: Vec<usize> = args.iter().map(|a| vm.push_root(*a)).collect();
    let fname = vm.intern(fname);
    let m = vm.root(h);
    let r = match vm.dict_get_str(Vm::module_dict(m), fname) {
        None => Ok(None),
        Some(f) => {
            let args: Vec<Value> = hs.iter().map(|i| vm.root(*i)).collect();
            vm.call(f, &args, Value::NULL).map(Some)
        }
    };
    vm.pop_roots(h);
    r
}

/// Class creation with `__slots__`: descriptors for the slots, and the
/// no-`__dict__` flag when every class of the MRO has slots.
pub fn setup_slots(vm: &mut Vm, t: Value) -> PyResult<()> {
    let mods = vm.root(R_MODULES);
    let name = vm.intern("_pygc_lang");
    let Some(m) = vm.dict_get_str(mods, name) else {
        return Ok(());
    };
    let fname = vm.intern("_setup_slots");
    let Some(f) = vm.dict_get_str(Vm::module_dict(m), fname) else {
        return Ok(());
    };
    let h = vm.push_root(t);
    let r = vm.call(f, &[t], Value::NULL);
    let t = vm.root(h);
    vm.pop_roots(h);
    if r? == Value::TRUE {
        let flags = Vm::type_flags(t) | F_NODICT;
        let o = t.obj().expect("type");
        o.set_word(slot(TY_FLAGS), Value::int(flags).0);
    }
    Ok(())
}

/// Does an instance of `t` refuse attribute `name` (slots, no `__dict__`)?
pub fn slot_refuses(vm: &Vm, t: Value, name: Value) -> bool {
    if Vm::type_flags(t) & F_NODICT == 0 {
        return false;
    }
    match vm.type_lookup(t, name) {
        // (the name compared in place: this runs on every attribute store)
        Some(d) => Vm::as_str(Vm::tyf(vm.type_of(d), TY_NAME)) != "member_descriptor",
        None => true,
    }
}
