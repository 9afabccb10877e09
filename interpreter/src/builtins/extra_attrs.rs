//! Attributes of builtin objects that CPython exposes as descriptors:
//! `cell.cell_contents`, `staticmethod.__func__`, `classmethod.__func__`,
//! `property.fdel`/`__doc__` (from the getter), and attribute deletion
//! through data descriptors (`__delete__`, property deleters).

use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::{N, T};
use crate::vm::exc::{EX_ATTRS, TB_NEXT};
use crate::vm::{PyResult, Vm};

/// Extra attributes of builtin kinds; `None` when not handled here.
pub fn extra_attr(vm: &mut Vm, obj: Value, s: &str) -> PyResult<Option<Value>> {
    let Some(o) = obj.obj() else { return Ok(None) };
    match (kind_of(o), s) {
        (Kind::Cell, "cell_contents") => {
            let v = Vm::get(o, 1);
            if v.is_null() {
                return Err(vm.raise_msg(T::ValueError, "Cell is empty"));
            }
            Ok(Some(v))
        }
        (Kind::StaticMethod | Kind::ClassMethod, "__func__" | "__wrapped__") => {
            Ok(Some(Vm::get(o, 1)))
        }
        (Kind::StaticMethod | Kind::ClassMethod, "__isabstractmethod__") => {
            let f = Vm::get(o, 1);
            let n = vm.intern("__isabstractmethod__");
            Ok(Some(vm.getattr_opt(f, n)?.unwrap_or(Value::FALSE)))
        }
        (Kind::StaticMethod | Kind::ClassMethod, "__doc__" | "__name__" | "__qualname__") => {
            let f = Vm::get(o, 1);
            let n = vm.intern(s);
            Ok(Some(vm.getattr_opt(f, n)?.unwrap_or(Value::NONE)))
        }
        (Kind::Property, "fdel") => Ok(Some(Vm::get(o, 3))),
        (Kind::Property, "__isabstractmethod__") => {
            let fs = [Vm::get(o, 1), Vm::get(o, 2), Vm::get(o, 3)];
            let t = vm.new_tuple(&fs);
            let h = vm.push_root(t);
            let n = vm.intern("__isabstractmethod__");
            let mut r = Ok(Some(Value::FALSE));
            for i in 0..3 {
                let f = Vm::tuple_get(vm.root(h), i);
                if f.is_none() || f.is_null() {
                    continue;
                }
                match vm.getattr_opt(f, n).and_then(|v| match v {
                    Some(v) => vm.truthy(v),
                    None => Ok(false),
                }) {
                    Ok(false) => {}
                    Ok(true) => {
                        r = Ok(Some(Value::TRUE));
                        break;
                    }
                    Err(e) => {
                        r = Err(e);
                        break;
                    }
                }
            }
            vm.pop_roots(h);
            r
        }
        (Kind::Property, "__doc__") => {
            let d = Vm::get(o, 4);
            let g = Vm::get(o, 1);
            if !d.is_none() || g.is_none() || g.is_null() {
                return Ok(Some(d));
            }
            let n = vm.intern("__doc__");
            Ok(Some(vm.getattr_opt(g, n)?.unwrap_or(Value::NONE)))
        }
        _ => Ok(None),
    }
}

/// `del obj.name` through a data descriptor on the type: a property's
/// deleter or a user `__delete__`. `Ok(false)` when there is none.
pub fn descr_delete(vm: &mut Vm, obj: Value, name: Value) -> PyResult<bool> {
    if Vm::is_type(obj) {
        return Ok(false);
    }
    let t = vm.type_of(obj);
    let Some(d) = vm.type_lookup(t, name) else {
        return Ok(false);
    };
    if Vm::is_kind(d, Kind::Property) {
        let del = Vm::get(d.obj().expect("p"), 3);
        if del.is_none() || del.is_null() {
            let msg = format!(
                "property '{}' of '{}' object has no deleter",
                Vm::as_str(name),
                vm.type_name_of(obj)
            );
            return Err(vm.raise_msg(T::AttributeError, &msg));
        }
        vm.call0(del, &[obj])?;
        return Ok(true);
    }
    if !Vm::is_kind(d, Kind::Instance) {
        return Ok(false);
    }
    let dt = vm.type_of(d);
    let dn = vm.intern("__delete__");
    if let Some(f) = vm.type_lookup(dt, dn) {
        vm.call_with_self(f, d, &[obj], Value::NULL)?;
        return Ok(true);
    }
    if vm.type_lookup_n(dt, N::Set).is_some() {
        let msg = "__delete__".to_string();
        return Err(vm.raise_msg(T::AttributeError, &msg));
    }
    Ok(false)
}

/// The lines of an exception's `__notes__` (str notes; others by repr),
/// read without running Python code.
pub fn exc_notes(vm: &mut Vm, e: Value) -> Vec<String> {
    let Some(o) = e.obj().filter(|o| kind_of(*o) == Kind::Exception) else {
        return vec![];
    };
    let attrs = Vm::get(o, EX_ATTRS);
    if !attrs.is_ref() {
        return vec![];
    }
    let n = vm.intern("__notes__");
    let Some(notes) = vm.dict_get_str(attrs, n) else {
        return vec![];
    };
    if !matches!(Vm::kind(notes), Some(Kind::List | Kind::Tuple)) {
        return vec![];
    }
    let items = if Vm::is_kind(notes, Kind::List) {
        Vm::list_items(notes)
    } else {
        Vm::tuple_items(notes)
    };
    items
        .into_iter()
        .filter(|v| Vm::is_kind(*v, Kind::Str))
        .map(|v| Vm::as_str(v).to_string())
        .collect()
}

/// The bytes of a bytes object or of an iterable of ints in range(256)
/// (`int.from_bytes`, `bytes(iterable)` semantics).
pub fn bytes_of_iterable(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if Vm::is_kind(v, Kind::Bytes) {
        return Ok(Vm::as_bytes(v).to_vec());
    }
    if Vm::is_kind(v, Kind::Str) {
        return Err(vm.raise_msg(T::TypeError, "cannot convert 'str' object to bytes"));
    }
    let items = vm.collect(v)?;
    let t = vm.new_tuple(&items);
    let h = vm.push_root(t);
    let mut out = Vec::with_capacity(items.len());
    for i in 0..items.len() {
        let x = Vm::tuple_get(vm.root(h), i);
        match vm.index_of(x) {
            Ok(n) if (0..256).contains(&n) => out.push(n as u8),
            Ok(_) => {
                vm.pop_roots(h);
                return Err(vm.raise_msg(T::ValueError, "bytes must be in range(0, 256)"));
            }
            Err(e) => {
                vm.pop_roots(h);
                return Err(e);
            }
        }
    }
    vm.pop_roots(h);
    Ok(out)
}

/// Writable attributes of builtin kinds: `traceback.tb_next`.
/// `Ok(false)` when not handled here.
pub fn extra_setattr(vm: &mut Vm, obj: Value, name: Value, v: Value) -> PyResult<bool> {
    let Some(o) = obj.obj() else { return Ok(false) };
    if kind_of(o) == Kind::Traceback && Vm::as_str(name) == "tb_next" {
        if !v.is_none() && !Vm::is_kind(v, Kind::Traceback) {
            let msg = format!(
                "expected traceback object or None, got '{}'",
                vm.type_name_of(v)
            );
            return Err(vm.raise_msg(T::TypeError, &msg));
        }
        let v = if v.is_none() { Value::NONE } else { v };
        vm.set(o, TB_NEXT, v);
        return Ok(true);
    }
    if kind_of(o) == Kind::Property && Vm::as_str(name) == "__doc__" {
        vm.set(o, 4, v);
        return Ok(true);
    }
    Ok(false)
}
