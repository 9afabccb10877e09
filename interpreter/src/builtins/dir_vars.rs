//! `dir()`, `vars()` and `locals()`: CPython's semantics (no argument means
//! the current frame's names; `__dir__` overrides; class dirs merge the MRO).

use crate::compile::bytecode::{CO_CLASSBODY, CO_MODULE};
use crate::object::layout::*;
use crate::object::types::{TY_DICT, TY_MRO};
use crate::object::value::Value;
use crate::object::{N, T};
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm, R_FRAME};

/// The current frame's local namespace as a dict (a snapshot for function
/// frames, the namespace itself for module/class frames).
pub fn frame_locals(vm: &mut Vm) -> Value {
    let f = vm.root(R_FRAME).obj().expect("frame");
    let l = Value(f.word(FRAME_LOCALS));
    if l.is_ref() {
        return l;
    }
    let code = Value(f.word(FRAME_CODE));
    let info = vm.code_info(code);
    if info.flags & (CO_MODULE | CO_CLASSBODY) != 0 {
        return Value(f.word(FRAME_GLOBALS));
    }
    let d = vm.new_dict();
    let nl = info.nlocals as usize;
    let cells = info.cellvars.iter().chain(info.freevars.iter());
    let slots = info.varnames.iter().take(nl).enumerate();
    let all: Vec<(usize, &String, bool)> = slots
        .map(|(i, n)| (i, n, false))
        .chain(cells.enumerate().map(|(j, n)| (nl + j, n, true)))
        .collect();
    for (i, n, is_cell) in all {
        let f = vm.root(R_FRAME).obj().expect("frame");
        let mut v = Vm::fget(f, i);
        if is_cell && Vm::is_kind(v, Kind::Cell) {
            v = Vm::get(v.obj().expect("cell"), 1);
        }
        let empty_cell = is_cell && Vm::is_kind(v, Kind::Cell);
        if !v.is_null() && !empty_cell {
            vm.set_str_item(d, n, v);
        }
    }
    d
}

pub fn bi_locals<'s>(vm: &mut Vm, _s: Scope<'s>, _a: Args<'s>) -> PyResult {
    Ok(frame_locals(vm))
}

pub fn bi_vars<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "vars", 0, 1)?;
    let Some(o) = a.opt_v(vm, 0) else {
        return Ok(frame_locals(vm));
    };
    let n = vm.name(N::Dict);
    match vm.getattr_opt(o, n)? {
        Some(d) => Ok(d),
        None => Err(vm.raise_msg(T::TypeError, "vars() argument must have __dict__ attribute")),
    }
}

fn push_keys(names: &mut Vec<String>, d: Value) {
    if Vm::is_kind(d, Kind::Dict) {
        for k in Vm::dict_keys_vec(d) {
            if Vm::is_kind(k, Kind::Str) {
                names.push(Vm::as_str(k).to_string());
            }
        }
    }
}

fn push_mro(names: &mut Vec<String>, t: Value) {
    for c in Vm::tuple_items(Vm::tyf(t, TY_MRO)) {
        push_keys(names, Vm::tyf(c, TY_DICT));
    }
}

fn sorted_list(vm: &mut Vm, mut names: Vec<String>) -> Value {
    names.sort();
    names.dedup();
    let vals: Vec<Value> = names.iter().map(|s| vm.new_str(s)).collect();
    vm.new_list(&vals)
}

/// A user-defined `__dir__` along the type's MRO (a Python function).
fn user_dir(vm: &mut Vm, t: Value) -> Option<Value> {
    let n = vm.intern("__dir__");
    vm.type_lookup(t, n)
        .filter(|f| Vm::is_kind(*f, Kind::Function))
}

pub fn bi_dir<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    a.check(vm, "dir", 0, 1)?;
    let Some(o) = a.opt_v(vm, 0) else {
        let d = frame_locals(vm);
        let mut names = vec![];
        push_keys(&mut names, d);
        return Ok(sorted_list(vm, names));
    };
    let t = vm.type_of(o);
    if let Some(f) = user_dir(vm, t) {
        let r = vm.call(f, &[o], Value::NULL)?;
        let mut names = vec![];
        for x in vm.collect(r)? {
            if !Vm::is_kind(x, Kind::Str) {
                return Err(vm.raise_msg(
                    T::TypeError,
                    "'<' not supported between instances of 'str' and 'int'",
                ));
            }
            names.push(Vm::as_str(x).to_string());
        }
        names.sort();
        let vals: Vec<Value> = names.iter().map(|s| vm.new_str(s)).collect();
        return Ok(vm.new_list(&vals));
    }
    default_dir(vm, o)
}

/// `object.__dir__(o)` (and `type.__dir__` for classes): the instance dict's
/// keys, the class's attributes along the MRO and `__class__`; a class's
/// attributes along its MRO; a module's dict.
fn default_dir(vm: &mut Vm, o: Value) -> PyResult {
    let t = vm.type_of(o);
    let mut names: Vec<String> = vec![];
    if Vm::is_type(o) {
        push_mro(&mut names, o);
    } else if Vm::is_kind(o, Kind::Module) {
        push_keys(&mut names, Vm::module_dict(o));
    } else {
        let n = vm.name(N::Dict);
        match vm.getattr_opt(o, n) {
            Ok(Some(d)) => push_keys(&mut names, d),
            Ok(None) => {}
            Err(_) => {
                vm.take_exc();
            }
        }
        push_mro(&mut names, t);
        names.push("__class__".into());
    }
    Ok(sorted_list(vm, names))
}

/// `object.__dir__` and `type.__dir__` (reached by `super().__dir__()`).
pub fn register(vm: &mut Vm) {
    vm.add_native_method(T::Object, "__dir__", |vm, _s, a| {
        a.check(vm, "__dir__", 1, 1)?;
        default_dir(vm, a.v(vm, 0))
    });
    vm.add_native_method(T::Type, "__dir__", |vm, _s, a| {
        a.check(vm, "__dir__", 1, 1)?;
        default_dir(vm, a.v(vm, 0))
    });
}
