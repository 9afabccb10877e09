//! Iterator types built by builtins: `enumerate`, `zip`, `map`, `filter`,
//! `reversed`.

use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::{N, T};
use crate::vm::iter::*;
use crate::vm::rooted::Rooted;
use crate::vm::Vm;

pub(super) fn register(vm: &mut Vm) {
    vm.add_native_method(T::Enumerate, "__new__", |vm, _s, a| {
        let p = a.pos();
        p.check(vm, "enumerate", 2, 3)?;
        let start = p
            .opt_v(vm, 2)
            .or_else(|| a.kwarg_v(vm, "start"))
            .unwrap_or(Value::int(0));
        vm.scope(|vm, s| {
            let hs = s.root_value(vm, start);
            let it = vm.get_iter(p.v(vm, 1));
            let start = hs.get(vm).value();
            let ty = vm.ty(T::Enumerate);
            Ok(vm.new_iter(ty, IT_ENUM, it?, start, Value::NULL, Value::NULL))
        })
    });
    vm.add_native_method(T::Zip, "__new__", |vm, _s, a| {
        let p = a.pos();
        vm.scope(|vm, s| {
            let l = vm.new_list(&[]);
            let hl = s.root_value(vm, l);
            let hs: Vec<Rooted> = p
                .values_from(vm, 1)
                .iter()
                .map(|x| s.root_value(vm, *x))
                .collect();
            for h in hs {
                let x = h.get(vm).value();
                match vm.get_iter(x) {
                    Ok(it) => {
                        let l = hl.get(vm).value();
                        vm.list_append(l, it);
                    }
                    Err(e) => return Err(e),
                }
            }
            let l = hl.get(vm).value();
            let t = vm.new_tuple(&Vm::list_items(l));
            let ty = vm.ty(T::Zip);
            Ok(vm.new_iter(ty, IT_ZIP, t, Value::int(0), Value::NULL, Value::NULL))
        })
    });
    vm.add_native_method(T::Map, "__new__", |vm, _s, a| {
        if a.len() < 3 {
            return Err(vm.raise_msg(T::TypeError, "map() must have at least two arguments."));
        }
        vm.scope(|vm, s| {
            let hf = s.root_value(vm, a.v(vm, 1));
            let l = vm.new_list(&[]);
            let hl = s.root_value(vm, l);
            let hs: Vec<Rooted> = a
                .values_from(vm, 2)
                .iter()
                .map(|x| s.root_value(vm, *x))
                .collect();
            for h in hs {
                let x = h.get(vm).value();
                match vm.get_iter(x) {
                    Ok(it) => {
                        let l = hl.get(vm).value();
                        vm.list_append(l, it);
                    }
                    Err(e) => return Err(e),
                }
            }
            let (f, l) = (hf.get(vm).value(), hl.get(vm).value());
            let t = vm.new_tuple(&Vm::list_items(l));
            let ty = vm.ty(T::Map);
            Ok(vm.new_iter(ty, IT_MAP, f, Value::int(0), t, Value::NULL))
        })
    });
    vm.add_native_method(T::Filter, "__new__", |vm, _s, a| {
        a.check(vm, "filter", 3, 3)?;
        vm.scope(|vm, s| {
            let hf = s.root_value(vm, a.v(vm, 1));
            let it = vm.get_iter(a.v(vm, 2));
            let f = hf.get(vm).value();
            let ty = vm.ty(T::Filter);
            Ok(vm.new_iter(ty, IT_FILTER, f, Value::int(0), it?, Value::NULL))
        })
    });
    vm.add_native_method(T::Reversed, "__new__", |vm, _s, a| {
        a.check(vm, "reversed", 2, 2)?;
        let v = a.v(vm, 1);
        let ty = vm.ty(T::Reversed);
        match Vm::kind(v) {
            Some(Kind::List) | Some(Kind::Tuple)
                if vm
                    .type_lookup_n(vm.type_of(v), N::Reversed)
                    .map(|f| Vm::is_kind(f, Kind::Builtin))
                    .unwrap_or(true) =>
            {
                let n = if Vm::is_kind(v, Kind::List) {
                    Vm::list_len(v)
                } else {
                    Vm::tuple_len(v)
                };
                Ok(vm.new_iter(
                    ty,
                    IT_REVLIST,
                    v,
                    Value::int(n as i64 - 1),
                    Value::NULL,
                    Value::NULL,
                ))
            }
            Some(Kind::Range) => {
                let o = v.obj().expect("r");
                let (s, st) = (Vm::to_big(Vm::get(o, 1)), Vm::to_big(Vm::get(o, 3)));
                let n = vm.len(v)?;
                let last = &s + &st * (n as i64 - 1);
                let first = &s - &st;
                let (l, f, nst) = (
                    vm.new_int_big(&last),
                    vm.new_int_big(&first),
                    vm.new_int_big(&(-st)),
                );
                let it_ty = vm.ty(T::Iterator);
                Ok(vm.new_iter(it_ty, IT_RANGE, Value::NONE, l, f, nst))
            }
            _ => {
                let t = vm.type_of(v);
                if vm
                    .type_lookup_n(t, N::Reversed)
                    .is_some_and(|f| f.is_none())
                {
                    let msg = format!("'{}' object is not reversible", vm.type_name_of(v));
                    return Err(vm.raise_msg(T::TypeError, &msg));
                }
                if let Some(r) = vm.call_method_n(v, N::Reversed, &[])? {
                    return Ok(r);
                }
                let t = vm.type_of(v);
                let not_rev = match Vm::kind(v) {
                    Some(Kind::Instance) => vm.type_lookup_n(t, N::GetItem).is_none(),
                    Some(Kind::Set | Kind::Generator | Kind::Iter | Kind::Map) => true,
                    _ => false,
                };
                if not_rev {
                    let msg = format!("'{}' object is not reversible", vm.type_name_of(v));
                    return Err(vm.raise_msg(T::TypeError, &msg));
                }
                if Vm::is_kind(v, Kind::Instance) {
                    if vm.type_lookup_n(t, N::Len).is_none() {
                        let msg = format!("object of type '{}' has no len()", vm.type_name_of(v));
                        return Err(vm.raise_msg(T::TypeError, &msg));
                    }
                    // the sequence protocol, read lazily from the end
                    return vm.scope(|vm, s| {
                        let h = s.root_value(vm, v);
                        let n = vm.len(v)? as i64;
                        let (ty, rv) = (vm.ty(T::Reversed), crate::vm::iter::IT_REVSEQ);
                        let v = h.get(vm).value();
                        Ok(vm.new_iter(ty, rv, v, Value::int(n - 1), Value::NULL, Value::NULL))
                    });
                }
                let items = vm.collect(v)?;
                let l = vm.new_list(&items);
                let n = items.len();
                Ok(vm.new_iter(
                    ty,
                    IT_REVLIST,
                    l,
                    Value::int(n as i64 - 1),
                    Value::NULL,
                    Value::NULL,
                ))
            }
        }
    });
}
