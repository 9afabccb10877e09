//! Iterator types built by builtins: `enumerate`, `zip`, `map`, `filter`,
//! `reversed`.

use crate::builtins::{kwarg, positional};
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::{N, T};
use crate::vm::iter::*;
use crate::vm::Vm;

pub(super) fn register(vm: &mut Vm) {
    vm.add_method(T::Enumerate, "__new__", |vm, a, k| {
        let p = positional(a, k);
        vm.check_args("enumerate", p, 2, 3)?;
        let start = p
            .get(2)
            .copied()
            .or_else(|| kwarg(a, k, "start"))
            .unwrap_or(Value::int(0));
        let hs = vm.push_root(start);
        let it = vm.get_iter(p[1]);
        let start = vm.root(hs);
        vm.pop_roots(hs);
        let ty = vm.ty(T::Enumerate);
        Ok(vm.new_iter(ty, IT_ENUM, it?, start, Value::NULL, Value::NULL))
    });
    vm.add_method(T::Zip, "__new__", |vm, a, k| {
        let p = positional(a, k);
        let base = vm.root_depth();
        let l = vm.new_list(&[]);
        let hl = vm.push_root(l);
        let hs: Vec<usize> = p[1..].iter().map(|x| vm.push_root(*x)).collect();
        for h in hs {
            let x = vm.root(h);
            match vm.get_iter(x) {
                Ok(it) => {
                    let l = vm.root(hl);
                    vm.list_append(l, it);
                }
                Err(e) => {
                    vm.pop_roots(base);
                    return Err(e);
                }
            }
        }
        let l = vm.root(hl);
        vm.pop_roots(base);
        let t = vm.new_tuple(&Vm::list_items(l));
        let ty = vm.ty(T::Zip);
        Ok(vm.new_iter(ty, IT_ZIP, t, Value::int(0), Value::NULL, Value::NULL))
    });
    vm.add_method(T::Map, "__new__", |vm, a, _| {
        if a.len() < 3 {
            return Err(vm.raise_msg(T::TypeError, "map() must have at least two arguments."));
        }
        let base = vm.root_depth();
        let hf = vm.push_root(a[1]);
        let l = vm.new_list(&[]);
        let hl = vm.push_root(l);
        let hs: Vec<usize> = a[2..].iter().map(|x| vm.push_root(*x)).collect();
        for h in hs {
            let x = vm.root(h);
            match vm.get_iter(x) {
                Ok(it) => {
                    let l = vm.root(hl);
                    vm.list_append(l, it);
                }
                Err(e) => {
                    vm.pop_roots(base);
                    return Err(e);
                }
            }
        }
        let (f, l) = (vm.root(hf), vm.root(hl));
        vm.pop_roots(base);
        let t = vm.new_tuple(&Vm::list_items(l));
        let ty = vm.ty(T::Map);
        Ok(vm.new_iter(ty, IT_MAP, f, Value::int(0), t, Value::NULL))
    });
    vm.add_method(T::Filter, "__new__", |vm, a, _| {
        vm.check_args("filter", a, 3, 3)?;
        let hf = vm.push_root(a[1]);
        let it = vm.get_iter(a[2]);
        let f = vm.root(hf);
        vm.pop_roots(hf);
        let ty = vm.ty(T::Filter);
        Ok(vm.new_iter(ty, IT_FILTER, f, Value::int(0), it?, Value::NULL))
    });
    vm.add_method(T::Reversed, "__new__", |vm, a, _| {
        vm.check_args("reversed", a, 2, 2)?;
        let v = a[1];
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
                    let h = vm.push_root(v);
                    let n = vm.len(v);
                    let v = vm.root(h);
                    vm.pop_roots(h);
                    let n = n? as i64;
                    let ty = vm.ty(T::Reversed);
                    let rv = crate::vm::iter::IT_REVSEQ;
                    return Ok(vm.new_iter(ty, rv, v, Value::int(n - 1), Value::NULL, Value::NULL));
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
