//! `tracemalloc`: CPython's API on pygc's allocation-site table
//! ([`crate::vm::alloctrace`]). The native functions (`start`, `stop`,
//! `is_tracing`, `clear_traces`, `get_traceback_limit`, `get_traced_memory`,
//! `reset_peak`, `get_tracemalloc_memory`, `_get_traces`,
//! `_get_object_traceback`) are here; the classes (`Snapshot`,
//! `Statistic`, `StatisticDiff`, `Traceback`, `Frame`, `Trace`, `Filter`,
//! `DomainFilter`) are pygc's own Python in `tracemalloc.py`, written to
//! behave as CPython's do.
//!
//! Differences from CPython, by design: a trace is a Python object, not a
//! `malloc` block, and its size is the object's size in the GC heap plus
//! the raw bytes it owns (a numpy array counts its buffer); sizes are those
//! of live objects when the snapshot is taken. Dead objects leave the table
//! at the complete collection that `take_snapshot()`, `get_traced_memory()`
//! and `gc.dump_heap()` run first, so `get_traced_memory()`'s current value
//! is exact; its peak also counts objects that died between two of those
//! calls (an upper bound). The tracer's own allocations are not traced.

use crate::object::layout::{kind_of, Kind};
use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};
use std::collections::HashMap;

const PY_SRC: &str = include_str!("tracemalloc.py");

fn raw_bytes(o: gc_api::ObjRef) -> usize {
    match kind_of(o) {
        Kind::NdArray => crate::modules::numpy::ndarray::owned_bytes(o),
        Kind::BigInt => crate::object::bigbox::owned_bytes(o),
        _ => 0,
    }
}

fn start<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check(vm, "start", 0, 1)?;
    let n = match args.opt_v(vm, 0) {
        None => 1,
        Some(v) if v.is_int() => v.as_int(),
        Some(v) => {
            let msg = format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name_of(v)
            );
            return Err(vm.raise_msg(T::TypeError, &msg));
        }
    };
    if !(1..=65535).contains(&n) {
        return Err(vm.raise_msg(
            T::ValueError,
            "the number of frames must be in range [1; 65535]",
        ));
    }
    vm.trace_start(n as usize);
    Ok(Value::NONE)
}

/// Python tuples of `(filename, lineno)` for a site, innermost first,
/// built without reaching a safepoint; tracing is paused by the caller.
fn site_tuple(vm: &mut Vm, s: u32, cache: &mut HashMap<u32, usize>) -> Value {
    if let Some(&h) = cache.get(&s) {
        return vm.root(h);
    }
    let frames = vm.trace_site_frames(s);
    let base = vm.root_depth();
    for (file, line, _) in frames {
        let f = vm.new_str(&file);
        vm.push_root(f);
        let f = vm.root(vm.root_depth() - 1);
        let t = vm.new_tuple(&[f, Value::int(i64::from(line))]);
        vm.pop_roots(vm.root_depth() - 1);
        vm.push_root(t);
    }
    let items: Vec<Value> = vm.r.words_from(base).into_iter().map(Value).collect();
    let t = vm.new_tuple(&items);
    vm.pop_roots(base);
    let h = vm.push_root(t);
    cache.insert(s, h);
    t
}

/// `_get_traces()`: `[(domain, size, traceback, total_nframe), ...]`.
fn get_traces<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check(vm, "_get_traces", 0, 0)?;
    let was = std::mem::replace(&mut vm.trace_pc, false);
    let live = vm.trace_prune();
    let mut rows: Vec<(u32, usize)> = Vec::new();
    for (o, id) in live {
        if let Some(s) = vm.trace.site_of(id) {
            rows.push((s, vm.m.types().size_of(o) + raw_bytes(o)));
        }
    }
    let base = vm.root_depth();
    let mut cache = HashMap::new();
    let list = vm.new_list(&[]);
    let hl = vm.push_root(list);
    for (s, size) in rows {
        let tb = site_tuple(vm, s, &mut cache);
        let n = vm.trace.site_frames(s).len() as i64;
        let t = vm.new_tuple(&[Value::int(0), Value::int(size as i64), tb, Value::int(n)]);
        vm.list_append(vm.root(hl), t);
    }
    let list = vm.root(hl);
    vm.pop_roots(base);
    vm.trace_pc = was;
    Ok(list)
}

fn get_object_traceback<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check(vm, "_get_object_traceback", 1, 1)?;
    let Some(o) = args.v(vm, 0).obj() else {
        return Ok(Value::NONE);
    };
    if !vm.trace.on() {
        return Ok(Value::NONE);
    }
    let id = vm.m.identity(o);
    let Some(s) = vm.trace.site_of(id) else {
        return Ok(Value::NONE);
    };
    let was = std::mem::replace(&mut vm.trace_pc, false);
    let base = vm.root_depth();
    let t = site_tuple(vm, s, &mut HashMap::new());
    vm.pop_roots(base);
    vm.trace_pc = was;
    Ok(t)
}

fn get_traced_memory<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check(vm, "get_traced_memory", 0, 0)?;
    if !vm.trace.on() {
        return Ok(vm.new_tuple(&[Value::int(0), Value::int(0)]));
    }
    let was = std::mem::replace(&mut vm.trace_pc, false);
    let live = vm.trace_prune();
    let mut cur = 0u64;
    for (o, id) in live {
        if vm.trace.site_of(id).is_some() {
            cur += (vm.m.types().size_of(o) + raw_bytes(o)) as u64;
        }
    }
    vm.trace.peak = vm.trace.peak.max(cur);
    let peak = vm.trace.peak;
    let t = vm.new_tuple(&[Value::int(cur as i64), Value::int(peak as i64)]);
    vm.trace_pc = was;
    Ok(t)
}

/// Fills the `tracemalloc` module.
pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    let h = vm.push_root(d);
    vm.add_native_fn(d, "start", start);
    vm.add_native_fn(vm.root(h), "stop", |vm, _s, args| {
        args.check(vm, "stop", 0, 0)?;
        vm.trace_stop();
        Ok(Value::NONE)
    });
    vm.add_native_fn(vm.root(h), "is_tracing", |vm, _s, args| {
        args.check(vm, "is_tracing", 0, 0)?;
        Ok(Value::bool(vm.trace.on()))
    });
    vm.add_native_fn(vm.root(h), "clear_traces", |vm, _s, args| {
        args.check(vm, "clear_traces", 0, 0)?;
        vm.trace.clear();
        Ok(Value::NONE)
    });
    vm.add_native_fn(vm.root(h), "get_traceback_limit", |vm, _s, args| {
        args.check(vm, "get_traceback_limit", 0, 0)?;
        Ok(Value::int(vm.trace.limit.max(1) as i64))
    });
    vm.add_native_fn(vm.root(h), "reset_peak", |vm, _s, args| {
        args.check(vm, "reset_peak", 0, 0)?;
        vm.trace.peak = vm.trace.traced;
        Ok(Value::NONE)
    });
    vm.add_native_fn(vm.root(h), "get_tracemalloc_memory", |vm, _s, args| {
        args.check(vm, "get_tracemalloc_memory", 0, 0)?;
        Ok(Value::int(vm.trace.overhead() as i64))
    });
    vm.add_native_fn(vm.root(h), "get_traced_memory", get_traced_memory);
    vm.add_native_fn(vm.root(h), "_get_traces", get_traces);
    vm.add_native_fn(vm.root(h), "_get_object_traceback", get_object_traceback);
    crate::modules::exec_src::exec_in(vm, vm.root(h), PY_SRC, "<tracemalloc>")?;
    vm.pop_roots(h);
    Ok(())
}
