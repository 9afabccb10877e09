//! Reductions: `any`, `all`, `sum`, `min`, `max`, `sorted`.

use super::funcs::f;
use crate::compile::bytecode::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm, R_BUILTINS};

pub(super) fn register(vm: &mut Vm) {
    f!(vm, "any", |vm, _s, a| any_all(vm, a, true));
    f!(vm, "all", |vm, _s, a| any_all(vm, a, false));
    f!(vm, "sum", bi_sum);
    f!(vm, "min", |vm, _s, a| min_max(vm, a, true));
    f!(vm, "max", |vm, _s, a| min_max(vm, a, false));
    f!(vm, "sorted", |vm, _s, a| {
        let p = a.pos();
        p.check(vm, "sorted", 1, 1)?;
        let key = a.kwarg_v(vm, "key").unwrap_or(Value::NONE);
        let rev = a.kwarg_v(vm, "reverse").unwrap_or(Value::FALSE);
        vm.scope(|vm, s| {
            let hk = s.root_value(vm, key);
            let hr = s.root_value(vm, rev);
            let items = vm.collect_hinted(p.v(vm, 0))?;
            let l = vm.new_list(&items);
            // `reverse` is an integer (CPython: `__index__`, which can run
            // Python code: the list is rooted)
            let hl = s.root_value(vm, l);
            let rev = vm.index_of(hr.get(vm).value())? != 0;
            vm.sort_list(hl.get(vm).value(), hk.get(vm).value(), rev)?;
            Ok(vm.root_last_sorted())
        })
    });
}

fn any_all(vm: &mut Vm, a: Args<'_>, any: bool) -> PyResult {
    a.check(vm, if any { "any" } else { "all" }, 1, 1)?;
    let it = vm.get_iter(a.v(vm, 0))?;
    vm.scope(|vm, s| {
        let h = s.root_value(vm, it);
        loop {
            let it = h.get(vm).value();
            let r = vm.iter_next(it);
            let v = match r {
                Ok(Some(v)) => v,
                Ok(None) => {
                    return Ok(Value::bool(!any));
                }
                Err(e) => return Err(e),
            };
            match vm.truthy(v) {
                Ok(b) => {
                    if b == any {
                        return Ok(Value::bool(any));
                    }
                }
                Err(e) => return Err(e),
            }
        }
    })
}

fn bi_sum<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let p = a.pos();
    p.check(vm, "sum", 1, 2)?;
    let start = p
        .opt_v(vm, 1)
        .or_else(|| a.kwarg_v(vm, "start"))
        .unwrap_or(Value::int(0));
    if Vm::is_str(start) {
        return Err(vm.raise_msg(
            T::TypeError,
            "sum() can't sum strings [use ''.join(seq) instead]",
        ));
    }
    let it = vm.get_iter(p.v(vm, 0))?;
    vm.scope(|vm, s| {
        let hit = s.root_value(vm, it);
        let hacc = s.root_value(vm, start);
        loop {
            let it = hit.get(vm).value();
            let r = vm.iter_next(it);
            let v = match r {
                Ok(Some(v)) => v,
                Ok(None) => break,
                Err(e) => return Err(e),
            };
            let acc = hacc.get(vm).value();
            let s = match vm.fast_binary(acc, v, B_ADD) {
                Some(s) => s,
                None => vm.binary(acc, v, B_ADD)?,
            };
            hacc.set(vm, vm.gc(s));
        }
        let acc = hacc.get(vm).value();
        Ok(acc)
    })
}

fn min_max(vm: &mut Vm, a: Args<'_>, is_min: bool) -> PyResult {
    let p = a.pos();
    let name = if is_min { "min" } else { "max" };
    if p.is_empty() {
        let msg = format!("{name} expected at least 1 argument, got 0");
        return Err(vm.raise_msg(T::TypeError, &msg));
    }
    let key = a.kwarg_v(vm, "key").filter(|v| !v.is_none());
    let dflt = a.kwarg_v(vm, "default");
    vm.scope(|vm, s| {
        let hkey = s.root_value(vm, key.unwrap_or(Value::NULL));
        let hd = s.root_value(vm, dflt.unwrap_or(Value::NULL));
        let items = if p.len() == 1 {
            vm.collect(p.v(vm, 0))
        } else {
            Ok(p.values(vm))
        };
        let items = items?;
        if items.is_empty() {
            let d = hd.get(vm).value();
            if !d.is_null() {
                return Ok(d);
            }
            let msg = format!("{name}() arg is an empty sequence");
            return Err(vm.raise_msg(T::ValueError, &msg));
        }
        let l = vm.new_list(&items);
        let hl = s.root_value(vm, l);
        let key = hkey.get(vm).value();
        let keys = if key.is_null() {
            l
        } else {
            let nl = vm.new_list(&[]);
            let hks = s.root_value(vm, nl);
            for i in 0..items.len() {
                let x = Vm::list_get(hl.get(vm).value(), i);
                let key = hkey.get(vm).value();
                match vm.call0(key, &[x]) {
                    Ok(kv) => {
                        let kl = hks.get(vm).value();
                        vm.list_append(kl, kv);
                    }
                    Err(e) => return Err(e),
                }
            }
            hks.get(vm).value()
        };
        let hk = s.root_value(vm, keys);
        let mut best = 0;
        for i in 1..items.len() {
            let ks = hk.get(vm).value();
            let (x, b) = (Vm::list_get(ks, i), Vm::list_get(ks, best));
            let op = if is_min { C_LT } else { C_GT };
            let better = match vm.fast_compare(x, b, op) {
                Some(r) => r,
                None => vm.compare(x, b, op).and_then(|r| vm.truthy(r))?,
            };
            if better {
                best = i;
            }
        }
        let r = Vm::list_get(hl.get(vm).value(), best);
        Ok(r)
    })
}
