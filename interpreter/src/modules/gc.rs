//! The `gc` module: CPython's interface plus PyPy's `gc.hooks` and
//! `gc.collect_step()`, on whatever collector the VM runs.
//!
//! # Mapping onto pygc's collectors
//!
//! Generations: 0 = minor (nursery) collections, 1 = incremental major steps
//! (and handshakes of the concurrent collector), 2 = complete major
//! collections. Collectors without a nursery report their collections as
//! whatever their events say.
//!
//! * `collect(generation=2)`: 0 asks for a minor collection, 1 and 2 for a
//!   complete major one. Returns the number of heap objects freed since the
//!   previous `collect()`: population after that one + objects allocated
//!   since - population now (a heap walk). Internal objects such as list
//!   item arrays count, so it is at least CPython's unreachable count for the
//!   same garbage; objects freed by automatic collections in between count
//!   too. The first call compares with a walk, which empties the nursery
//!   first, so it misses young garbage. With the `nogc` collector,
//!   which never frees, it returns `None` (the collection is still done and
//!   reported). Calls `gc.callbacks` with "start" before and "stop" after.
//!   A complete collection first drops what would keep dead objects alive
//!   (the caller's dead stack slots, values cached by `LOAD_GLOBAL`), and
//!   every `collect()` then runs the `__del__` methods and weakref callbacks
//!   it made due, collecting again while some ran (at most 64 rounds; see
//!   `vm/finalize.rs`).
//! * `enable()` / `disable()` / `isenabled()`: while disabled, safepoints
//!   skip all collector work: no automatic collection of any kind happens
//!   (allocation never collects, so the heap just grows); explicit
//!   `collect()` / `collect_step()` still work.
//! * `get_threshold()`: `(nursery KB, major-collect factor x 100, growth
//!   limit x 100)` of the running configuration. `set_threshold(t0, t1, t2)`:
//!   `t0 == 0` disables automatic collection as in CPython (a non-zero `t0`
//!   allows it again); the values are remembered and returned by
//!   `get_threshold()`, but the collector keeps the sizes it was started with
//!   (gc-api has no run-time setters: use `PYGC_NURSERY` etc.).
//! * `get_count()`: `(KB allocated since the last collection, minor
//!   collections since the last complete major one, major steps since then)`.
//! * `get_stats()`: per generation `collections` (from the event recorder:
//!   the same events as `--gc-log`), `collected` (objects freed by explicit
//!   `collect()` calls of that generation; automatic collections report
//!   bytes, not objects, so they add nothing here), `uncollectable` (always
//!   0: finalizers never make objects uncollectable), and `freed_bytes`.
//!   `get_stats(memory_pressure=True)` (PyPy's keyword) returns PyPy's
//!   memory report instead: a `GcStats` with `total_gc_memory`,
//!   `peak_memory`, `memory_pressure` (live raw bytes: numpy buffers and
//!   `add_memory_pressure`), `peak_memory_pressure` and `total_gc_time`
//!   (ms of pauses), `mutator_gc_time` (ms of GC work the mutator thread
//!   did outside pauses: allocation and barrier slow paths, assists, lazy
//!   sweeping) and `gc_threads_cpu_time` (ms of CPU used by GC threads);
//!   its repr is a short table.
//! * `get_objects()` / `get_referrers()`: first run a complete collection
//!   (so that only live objects are returned), then walk the heap.
//!   `get_referents()` looks through internal arrays. `is_tracked(x)` is
//!   true for Python objects that can hold references (not str, bytes, int,
//!   float, range).
//! * `callbacks`: called `cb(phase, info)` with `info = {"generation",
//!   "collected", "uncollectable"}`. For explicit collections "start" comes
//!   before and "stop" after the work; for automatic ones, the VM cannot know
//!   what the collector will do, so both come at the safepoint right after it
//!   (generation = the highest one collected, collected = 0).
//! * `hooks` (PyPy): `on_gc_minor`, `on_gc_collect_step`, `on_gc_collect`,
//!   `set(obj)`, `reset()`. Hooks get a stats object whose fields are listed
//!   in `gc_tools::hooks` (durations in ns); events that happened before the
//!   hook could run are aggregated (`count > 1`). They run at the next
//!   safepoint after the event, never inside a pause. Exceptions in hooks and
//!   callbacks are printed ("Exception ignored in ...") and dropped.
//! * `freeze()` / `unfreeze()` / `get_freeze_count()`: pygc's collectors have
//!   no permanent generation, so frozen objects are still collected when
//!   they die (freezing is an optimisation hint in CPython, not a
//!   guarantee); `freeze()` records the number of tracked objects alive
//!   then (a heap walk, after a complete collection), which
//!   `get_freeze_count()` returns until `unfreeze()`.
//! * `is_finalized(x)`: true once `x.__del__` has run (the object was
//!   resurrected), see `vm/finalize.rs`. `garbage` stays empty: since PEP 442
//!   no object is uncollectable, and pygc never saves garbage
//!   (`DEBUG_SAVEALL` is accepted and ignored, like the other `DEBUG_*`
//!   flags; `set_debug`/`get_debug` keep the value).
//! * `dump_heap(path)`: a heap snapshot for `pygc-heap` (leak diagnosis,
//!   see `gc_tools::snapshot`), after a complete collection; returns the
//!   number of objects written (PyPy's `gc.dump_rpy_heap` in spirit).
//! * `collect_step()` (PyPy): one increment of major work; returns a
//!   `GcCollectStepStats` with `major_is_done`, `oldstate`, `newstate`
//!   (indices into `GcCollectStepStats.GC_STATES`), `count`, `duration*`.

use super::util::pos_v;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::gcstats::{gc_py, Helper};
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};
use gc_api::{CollectOutcome, CollectRequest, EventKind};
use gc_tools::HookBatch;

const PY_SRC: &str = r#"
import sys as _sys

DEBUG_STATS = 1
DEBUG_COLLECTABLE = 2
DEBUG_UNCOLLECTABLE = 4
DEBUG_SAVEALL = 32
DEBUG_LEAK = 38
garbage = []
callbacks = []
_debug_flags = 0


def set_debug(flags):
    global _debug_flags
    if not isinstance(flags, int):
        raise TypeError("an integer is required (got type %s)" % type(flags).__name__)
    _debug_flags = flags


def get_debug():
    return _debug_flags


class _GcStats:
    def __init__(self, fields):
        names = []
        for k, v in fields:
            setattr(self, k, v)
            names.append(k)
        self._fields = tuple(names)

    def __repr__(self):
        parts = ["%s=%r" % (k, getattr(self, k)) for k in self._fields]
        return "<%s %s>" % (type(self).__name__, " ".join(parts))


class GcMinorStats(_GcStats):
    pass


class GcCollectStepStats(_GcStats):
    GC_STATES = ("SCANNING", "MARKING", "SWEEPING", "FINALIZING", "COMPACTING")

    def __init__(self, fields):
        _GcStats.__init__(self, fields)
        self.major_is_done = bool(self.major_is_done)


class GcCollectStats(_GcStats):
    pass


class GcHooks:
    def __init__(self):
        self.reset()

    def reset(self):
        self.on_gc_minor = None
        self.on_gc_collect_step = None
        self.on_gc_collect = None

    def set(self, obj):
        self.on_gc_minor = getattr(obj, "on_gc_minor", None)
        self.on_gc_collect_step = getattr(obj, "on_gc_collect_step", None)
        self.on_gc_collect = getattr(obj, "on_gc_collect", None)


hooks = GcHooks()

_STATS_CLASSES = {
    "on_gc_minor": GcMinorStats,
    "on_gc_collect_step": GcCollectStepStats,
    "on_gc_collect": GcCollectStats,
}


def _unraisable(where, e):
    _sys.stderr.write("Exception ignored in: %r\n%s: %s\n" % (where, type(e).__name__, e))


def _run_callbacks(phase, generation, collected, uncollectable):
    info = {"generation": generation, "collected": collected,
            "uncollectable": uncollectable}
    for cb in list(callbacks):
        try:
            cb(phase, info)
        except Exception as e:
            _unraisable(cb, e)


def _service(batches, auto_generation):
    if auto_generation >= 0 and callbacks:
        _run_callbacks("start", auto_generation, 0, 0)
        _run_callbacks("stop", auto_generation, 0, 0)
    for name, fields in batches:
        hook = getattr(hooks, name, None)
        if hook is not None:
            try:
                hook(_STATS_CLASSES[name](fields))
            except Exception as e:
                _unraisable(hook, e)


def _fmt_size(n):
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return ("%d%s" if unit == "B" else "%.1f%s") % (n, unit)
        n /= 1024.0


class GcStats:
    """PyPy's memory report: `gc.get_stats(memory_pressure=True)`."""

    def __init__(self, fields):
        for k, v in fields:
            setattr(self, k, v)

    def __repr__(self):
        f = _fmt_size
        return ("Total memory consumed:\n"
                "    GC used:            %s (peak: %s)\n"
                "    raw (memory pressure): %s (peak: %s)\n"
                "    -----------------------------\n"
                "    Total:              %s\n\n"
                "Total time spent in GC:  %.3f ms\n"
                "    mutator-side GC work: %.3f ms\n"
                "    GC threads (CPU):     %.3f ms\n"
                % (f(self.total_gc_memory), f(self.peak_memory),
                   f(self.memory_pressure), f(self.peak_memory_pressure),
                   f(self.total_gc_memory + self.memory_pressure),
                   self.total_gc_time, self.mutator_gc_time,
                   self.gc_threads_cpu_time))


def get_stats(memory_pressure=False):
    if memory_pressure:
        return GcStats(_memory())
    return [{"collections": n, "collected": k, "uncollectable": 0, "freed_bytes": b}
            for n, k, b in _counters()]


def collect_step():
    return GcCollectStepStats(_collect_step())
"#;

fn int_arg(vm: &mut Vm, v: Value, what: &str) -> PyResult<i64> {
    if !Vm::is_intlike(v) {
        let msg = format!("{what} must be an integer, not {}", vm.type_name_of(v));
        return Err(vm.raise_msg(T::TypeError, &msg));
    }
    vm.index_of(v)
}

fn collect<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check_pos(vm, "collect", 0, 1)?;
    let g = pos_v(vm, args, 0).or_else(|| args.kwarg_v(vm, "generation"));
    let generation = match g {
        None => 2,
        Some(v) => int_arg(vm, v, "generation")?,
    };
    if !(0..=2).contains(&generation) {
        return Err(vm.raise_msg(T::ValueError, "invalid generation"));
    }
    let callbacks = vm.gc_has_callbacks();
    let g = Value::int(generation);
    if callbacks {
        let s = vm.new_str("start");
        vm.gc_call_helper(Helper::RunCallbacks, &[s, g, Value::int(0), Value::int(0)]);
    }
    if generation == 2 {
        vm.drop_global_caches();
    }
    let freed = vm.gc_collect_now(generation as usize);
    let n = freed.min(1 << 60) as i64;
    if callbacks {
        let s = vm.new_str("stop");
        vm.gc_call_helper(Helper::RunCallbacks, &[s, g, Value::int(n), Value::int(0)]);
    }
    Ok(Value::int(n))
}

fn set_enabled(vm: &mut Vm, on: bool) -> PyResult {
    vm.gcx.enabled = on;
    vm.gc_apply_enabled();
    Ok(Value::NONE)
}

fn get_count<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check(vm, "get_count", 0, 0)?;
    let allocated = vm.m.stats().allocated_bytes;
    let c = vm.gcx.count(allocated);
    let v: Vec<Value> = c
        .iter()
        .map(|&n| Value::int(n.min(1 << 60) as i64))
        .collect();
    Ok(vm.new_tuple(&v))
}

fn get_threshold<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check(vm, "get_threshold", 0, 0)?;
    let t = vm.gcx.threshold;
    let v: Vec<Value> = t.iter().map(|&n| vm.new_int(n)).collect();
    Ok(vm.new_tuple(&v))
}

fn set_threshold<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check_pos(vm, "set_threshold", 1, 3)?;
    let mut t = vm.gcx.threshold;
    for (i, slot) in t.iter_mut().enumerate().take(args.npos()) {
        let n = int_arg(vm, args.v(vm, i), "threshold")?;
        if n < 0 {
            return Err(vm.raise_msg(T::ValueError, "threshold must be non-negative"));
        }
        *slot = n;
    }
    vm.gcx.threshold = t;
    vm.gc_apply_enabled();
    Ok(Value::NONE)
}

/// `(collections, collected, freed_bytes)` per generation.
fn counters<'s>(vm: &mut Vm, _s: Scope<'s>, _args: Args<'s>) -> PyResult {
    let mut gens = [(0u64, 0u64); 3];
    for (kind, t) in vm.gcx.rec.counters() {
        let g = match kind {
            EventKind::Minor => 0,
            EventKind::MajorStep | EventKind::Handshake => 1,
            EventKind::Major => 2,
            EventKind::Concurrent | EventKind::Finalizers => continue,
        };
        gens[g].0 += t.count;
        gens[g].1 += t.freed_bytes;
    }
    let mut out = Vec::with_capacity(3);
    for (g, &(n, freed)) in gens.iter().enumerate() {
        let k = vm.gcx.collected[g];
        let vals = [n, k, freed].map(|x| Value::int(x.min(1 << 60) as i64));
        out.push(vm.new_tuple(&vals));
    }
    Ok(vm.new_tuple(&out))
}

/// `gc.dump_heap(path)`: writes a heap snapshot (see `vm/heapdump.rs`);
/// returns the number of objects written.
fn dump_heap<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check(vm, "dump_heap", 1, 1)?;
    if !Vm::is_str(args.v(vm, 0)) {
        let msg = format!(
            "dump_heap() argument must be str, not {}",
            vm.type_name_of(args.v(vm, 0))
        );
        return Err(vm.raise_msg(T::TypeError, &msg));
    }
    let path = Vm::as_str(args.v(vm, 0)).to_string();
    match vm.gc_dump_heap(&path) {
        Ok(n) => Ok(Value::int(n.min(1 << 60) as i64)),
        Err(e) => {
            // CPython's form: FileNotFoundError: [Errno 2] No such file or
            // directory: 'path' (Rust appends " (os error N)": dropped).
            let t = match e.kind() {
                std::io::ErrorKind::NotFound => T::FileNotFoundError,
                _ => T::OSError,
            };
            let text = e.to_string();
            let text = text.split(" (os error").next().unwrap_or("");
            match e.raw_os_error() {
                Some(n) => Err(vm.raise_os_error(t, n as i64, text, Some(&path))),
                None => Err(vm.raise_msg(t, &format!("{text}: '{path}'"))),
            }
        }
    }
}

/// The fields of PyPy's `GcStats` memory report: GC heap and raw memory
/// (memory pressure) now and at peak, total pause time in ms.
fn memory<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check(vm, "_memory", 0, 0)?;
    let st = vm.m.stats();
    let mut pairs = Vec::with_capacity(5);
    for (k, v) in [
        ("total_gc_memory", st.heap_bytes),
        ("peak_memory", st.peak_heap_bytes.max(st.heap_bytes)),
        ("memory_pressure", st.raw_bytes),
        ("peak_memory_pressure", st.peak_raw_bytes),
    ] {
        let key = vm.intern(k);
        let val = vm.new_int_i128(v as i128);
        pairs.push(vm.new_tuple(&[key, val]));
    }
    for (k, ns) in [
        ("total_gc_time", st.total_pause_ns),
        ("mutator_gc_time", st.mutator_gc_work_ns),
        ("gc_threads_cpu_time", st.gc_threads_cpu_ns),
    ] {
        let key = vm.intern(k);
        let val = vm.new_float(ns as f64 / 1e6);
        pairs.push(vm.new_tuple(&[key, val]));
    }
    Ok(vm.new_tuple(&pairs))
}

/// One increment of major work; the fields of a `GcCollectStepStats`.
fn collect_step<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check(vm, "collect_step", 0, 0)?;
    // Deliver anything older first so the batch below is this step's.
    vm.gc_service();
    let old = vm.gcx.state();
    let out = vm.m.collect(CollectRequest::Step, &mut vm.r);
    let allocated = vm.m.stats().allocated_bytes;
    vm.gcx.observe(allocated);
    let new = vm.gcx.state();
    let done = out == CollectOutcome::Complete;
    let pending = vm.gcx.rec.take_hooks();
    // The step's own stats; a collector without steps did a complete
    // collection: report that one's timing.
    let times = pending
        .iter()
        .find(|b| matches!(b, HookBatch::CollectStep(_)))
        .or_else(|| pending.iter().find(|b| matches!(b, HookBatch::Collect(_))))
        .map(|b| b.times())
        .unwrap_or_default();
    let fields: [(&str, u64); 7] = [
        ("count", times.count),
        ("duration", times.duration),
        ("duration_min", times.duration_min),
        ("duration_max", times.duration_max),
        ("oldstate", old as u64),
        ("newstate", new as u64),
        ("major_is_done", done as u64),
    ];
    let mut pairs = Vec::with_capacity(fields.len());
    for (k, v) in fields {
        let key = vm.intern(k);
        let val = vm.new_int_i128(v as i128);
        pairs.push(vm.new_tuple(&[key, val]));
    }
    let t = vm.new_tuple(&pairs);
    let h = vm.push_root(t);
    vm.gc_deliver_batches(&pending);
    let t = vm.root(h);
    vm.pop_roots(h);
    Ok(t)
}

/// Fills the `gc` module.
pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    let h = vm.push_root(d);
    vm.add_native_fn(d, "collect", collect);
    crate::modules::numpy::add_pressure_fn(vm, vm.root(h));
    vm.add_native_fn(vm.root(h), "enable", |vm, _s, _args| set_enabled(vm, true));
    vm.add_native_fn(vm.root(h), "disable", |vm, _s, _args| {
        set_enabled(vm, false)
    });
    vm.add_native_fn(vm.root(h), "isenabled", |vm, _s, _args| {
        Ok(Value::bool(vm.gcx.enabled))
    });
    vm.add_native_fn(vm.root(h), "get_count", get_count);
    vm.add_native_fn(vm.root(h), "get_threshold", get_threshold);
    vm.add_native_fn(vm.root(h), "set_threshold", set_threshold);
    vm.add_native_fn(vm.root(h), "get_objects", |vm, _s, _args| {
        Ok(vm.gc_get_objects())
    });
    vm.add_native_fn(vm.root(h), "get_referrers", |vm, _s, args| {
        let pos = args.positional(vm);
        Ok(vm.gc_get_referrers(&pos))
    });
    vm.add_native_fn(vm.root(h), "get_referents", |vm, _s, args| {
        let pos = args.positional(vm);
        Ok(vm.gc_get_referents(&pos))
    });
    vm.add_native_fn(vm.root(h), "is_tracked", |vm, _s, args| {
        args.check(vm, "is_tracked", 1, 1)?;
        Ok(Value::bool(
            args.v(vm, 0).obj().is_some_and(crate::vm::gcheap::tracked),
        ))
    });
    vm.add_native_fn(vm.root(h), "is_finalized", |vm, _s, args| {
        args.check(vm, "is_finalized", 1, 1)?;
        Ok(Value::bool(Vm::is_finalized(args.v(vm, 0))))
    });
    vm.add_native_fn(vm.root(h), "freeze", |vm, _s, args| {
        args.check(vm, "freeze", 0, 0)?;
        vm.fin.frozen = vm.gc_tracked_count();
        Ok(Value::NONE)
    });
    vm.add_native_fn(vm.root(h), "unfreeze", |vm, _s, args| {
        args.check(vm, "unfreeze", 0, 0)?;
        vm.fin.frozen = 0;
        Ok(Value::NONE)
    });
    vm.add_native_fn(vm.root(h), "get_freeze_count", |vm, _s, args| {
        args.check(vm, "get_freeze_count", 0, 0)?;
        Ok(Value::int(vm.fin.frozen.min(1 << 60) as i64))
    });
    vm.add_native_fn(vm.root(h), "_counters", counters);
    vm.add_native_fn(vm.root(h), "_memory", memory);
    vm.add_native_fn(vm.root(h), "dump_heap", dump_heap);
    vm.add_native_fn(vm.root(h), "_collect_step", collect_step);
    crate::modules::exec_src::exec_in(vm, vm.root(h), PY_SRC, "<gc>")?;
    // the tuple at root R_GC_PY, items in `gc_py` order; a second import (a
    // fresh module after `del sys.modules["gc"]`) takes over. Nothing below
    // reaches a safepoint (allocation never collects): raw values are fine.
    let mut items = vec![Value::NONE; gc_py::LEN];
    let attrs = [
        (gc_py::CALLBACKS, "callbacks"),
        (gc_py::HOOKS, "hooks"),
        (gc_py::SERVICE, "_service"),
        (gc_py::RUN_CALLBACKS, "_run_callbacks"),
    ];
    for (i, name) in attrs {
        let k = vm.intern(name);
        let Some(v) = vm.dict_get_str(vm.root(h), k) else {
            vm.pop_roots(h);
            return Err(vm.raise_msg(T::SystemError, "gc module setup failed"));
        };
        items[i] = v;
    }
    for (i, n) in ["on_gc_minor", "on_gc_collect_step", "on_gc_collect"]
        .iter()
        .enumerate()
    {
        items[gc_py::NAMES + i] = vm.intern(n);
    }
    let t = vm.new_tuple(&items);
    vm.set_root(crate::vm::R_GC_PY, t);
    vm.pop_roots(h);
    // From now on hook batches accumulate (the hooks may be set any time);
    // collections before the import are not reported to callbacks.
    vm.gcx.rec.set_hooks_enabled(true);
    let allocated = vm.m.stats().allocated_bytes;
    vm.gcx.observe(allocated);
    Ok(())
}
