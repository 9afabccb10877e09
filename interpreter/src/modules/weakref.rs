//! `_weakref`: weak references on the collectors' weak slots, so that the
//! standard library's unchanged `weakref.py` and `_weakrefset.py` work.
//!
//! # Design
//!
//! A *weak cell* (`Kind::WeakCell`) is an internal object whose slot 1 is a
//! weak slot (gc-api `TypeInfo::weak_offset`): not traced, set to 0 by every
//! collector when the referent dies, read with `Mutator::read_weak`.
//!
//! `ref` (`ReferenceType`), `ProxyType` and `CallableProxyType` are classes
//! written in Python (below) whose instances hold a cell `c` to the referent.
//! Each weak reference `r` to `x` is also registered in the *table*, a dict
//! `id(x) -> [d, ...]` where `d` is a cell whose weak slot points to `r` and
//! whose slot 2 holds `c`. So the table never keeps a reference or a referent
//! alive, and ids reused by later objects are harmless (a live `c` implies
//! its referent is the live object with that id).
//!
//! `getweakrefcount`/`getweakrefs` and the reuse of a callback-less `ref`
//! read the table. Callbacks: after a collection that cleared weak slots
//! (`GcStats::weakrefs_cleared` moved), [`Vm::weakref_followups`] scans the
//! table: entries whose `r` died are dropped (a dead reference's callback is
//! not called, as in CPython); references whose `c` was cleared are due, and
//! their callbacks run newest first per referent, exceptions reported as
//! unraisable. The scan costs O(registered references) per such collection.
//!
//! Which objects can be weakly referenced follows CPython: instances of
//! classes with a `__dict__` or a `__weakref__` slot, functions, types, sets,
//! frozensets, generators, code objects, bound methods, modules; not ints,
//! strs, tuples, lists, dicts or instances of `__slots__` classes without
//! `__weakref__`.

use crate::object::layout::*;
use crate::object::types::{F_HEAP, F_SLOTS, TY_DICT, TY_MRO};
use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm, R_WEAK_CALLBACK, R_WEAK_TABLE};

/// Cell slots: 1 = referent (weak), 2 = the reference's own cell (table
/// entries), 3 = unused.
const C_REFERENT: usize = 1;
const C_CELL: usize = 2;

const PY_SRC: &str = include_str!("weakref_py.py");

/// Can `v` be the referent of a weak reference (CPython's rules)?
fn weakrefable(vm: &Vm, v: Value) -> bool {
    let Some(o) = v.obj() else { return false };
    let t = vm.type_of(v);
    if Vm::type_flags(t) & F_HEAP != 0 {
        return heap_type_weakrefable(vm, t);
    }
    matches!(
        kind_of(o),
        Kind::Function
            | Kind::Method
            | Kind::Type
            | Kind::Set
            | Kind::Generator
            | Kind::Code
            | Kind::Module
            | Kind::Builtin
    )
}

/// A heap class has a weak-reference slot unless every heap class of its
/// MRO has `__slots__` without `"__weakref__"`.
fn heap_type_weakrefable(vm: &Vm, t: Value) -> bool {
    let slots_name = vm.name(crate::object::N::Slots);
    for c in Vm::tuple_items(Vm::tyf(t, TY_MRO)) {
        let fl = Vm::type_flags(c);
        if fl & F_HEAP == 0 {
            continue;
        }
        if fl & F_SLOTS == 0 {
            return true;
        }
        let Some(s) = vm.dict_get_str(Vm::tyf(c, TY_DICT), slots_name) else {
            return true;
        };
        let names = if Vm::is_str(s) {
            vec![s]
        } else if Vm::is_kind(s, Kind::Tuple) {
            Vm::tuple_items(s)
        } else if Vm::is_kind(s, Kind::List) {
            Vm::list_items(s)
        } else {
            vec![]
        };
        if names
            .iter()
            .any(|n| Vm::is_str(*n) && Vm::as_str(*n) == "__weakref__")
        {
            return true;
        }
    }
    false
}

impl Vm {
    fn new_weak_cell(&mut self, referent: Value) -> gc_api::ObjRef {
        let c = self.alloc_rec(Kind::WeakCell, Value::NONE);
        Vm::init(c, C_REFERENT, referent);
        c
    }

    /// The referent of a weak cell, or None.
    fn cell_get(&mut self, c: Value) -> Value {
        match c.obj() {
            Some(o) if kind_of(o) == Kind::WeakCell => {
                let w = self.m.read_weak(o);
                if w == 0 {
                    Value::NONE
                } else {
                    Value(w)
                }
            }
            _ => Value::NONE,
        }
    }

    fn weak_table(&self) -> Option<Value> {
        Some(self.root(R_WEAK_TABLE)).filter(|t| !t.is_null())
    }

    fn weak_key(&mut self, ob: Value) -> Value {
        let id = ob.obj().map_or(0, |o| self.m.identity(o));
        self.new_int(id as i64)
    }

    /// The live weak references to `ob`, oldest first.
    fn weakrefs_of(&mut self, ob: Value) -> PyResult<Vec<Value>> {
        let Some(table) = self.weak_table() else {
            return Ok(vec![]);
        };
        let key = self.weak_key(ob);
        let Some(l) = self.dict_get(table, key)? else {
            return Ok(vec![]);
        };
        let mut out = vec![];
        for d in Vm::list_items(l) {
            let r = self.cell_get(d);
            let Some(dobj) = d.obj() else { continue };
            let c = Vm::get(dobj, C_CELL);
            if !r.is_none() && !self.cell_get(c).is_none() {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// Scans the table after a collection that cleared weak slots; runs the
    /// callbacks of references whose referent died. Returns how many ran.
    pub fn weakref_followups(&mut self) -> usize {
        if self.root(R_WEAK_TABLE).is_null() {
            return 0;
        }
        let cleared = self.m.stats().weakrefs_cleared;
        if cleared == self.fin.weak_seen {
            return 0;
        }
        self.fin.weak_seen = cleared;
        let table = self.root(R_WEAK_TABLE);
        let mut entries = vec![];
        let mut pos = 0;
        while let Some(kv) = Vm::dict_next(table, &mut pos) {
            entries.push(kv);
        }
        // Nothing below reaches a safepoint until the callbacks run
        // (allocation never collects): the raw values stay valid.
        let mut due = vec![];
        for (k, l) in entries {
            let items = Vm::list_items(l);
            let mut kept = vec![];
            for (rank, &d) in items.iter().enumerate() {
                let r = self.cell_get(d);
                if r.is_none() {
                    continue;
                }
                let c = Vm::get(d.obj().expect("cell"), C_CELL);
                if self.cell_get(c).is_none() {
                    due.push((r, rank));
                } else {
                    kept.push(d);
                }
            }
            if kept.len() == items.len() {
                continue;
            }
            let table = self.root(R_WEAK_TABLE);
            if kept.is_empty() {
                let _ = self.dict_del(table, k);
            } else {
                let nl = self.new_list(&kept);
                let _ = self.dict_set(table, k, nl);
            }
        }
        if due.is_empty() {
            return 0;
        }
        // Newest first (per referent: each list is in creation order).
        due.sort_by_key(|&(_, rank)| std::cmp::Reverse(rank));
        let refs: Vec<Value> = due.iter().map(|&(r, _)| r).collect();
        let l = self.new_list(&refs);
        let hl = self.push_root(l);
        let n = refs.len();
        for i in 0..n {
            let r = Vm::list_get(self.root(hl), i);
            let name = self.root(R_WEAK_CALLBACK);
            let cb = match r.obj() {
                Some(o) if kind_of(o) == Kind::Instance => self.inst_get(o, name),
                _ => None,
            };
            if let Some(cb) = cb.filter(|c| !c.is_none()) {
                let ro = r.obj().expect("ref");
                self.inst_set(ro, name, Value::NONE);
                self.call_unraisable(cb, &[r]);
            }
        }
        self.pop_roots(hl);
        n
    }
}

/// `_new(ob, r)`: registers `r` as a weak reference to `ob`; returns the
/// cell `r` reads its referent from.
fn wr_new<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check(vm, "_new", 2, 2)?;
    let (ob, r) = (args.v(vm, 0), args.v(vm, 1));
    if !weakrefable(vm, ob) {
        let msg = format!(
            "cannot create weak reference to '{}' object",
            vm.type_name_of(ob)
        );
        return Err(vm.raise_msg(T::TypeError, &msg));
    }
    let Some(table) = vm.weak_table() else {
        return Err(vm.raise_msg(T::SystemError, "_weakref is not initialised"));
    };
    // No safepoint below: `ob`, `r` and `table` stay valid.
    let c = vm.new_weak_cell(ob);
    let d = vm.new_weak_cell(r);
    Vm::init(d, C_CELL, Value::from_obj(c));
    let key = vm.weak_key(ob);
    match vm.dict_get(table, key)? {
        Some(l) => vm.list_append(l, Value::from_obj(d)),
        None => {
            let l = vm.new_list(&[Value::from_obj(d)]);
            vm.dict_set(table, key, l)?;
        }
    }
    Ok(Value::from_obj(c))
}

fn wr_get<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check(vm, "_get", 1, 1)?;
    Ok(vm.cell_get(args.v(vm, 0)))
}

fn wr_refs<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check(vm, "getweakrefs", 1, 1)?;
    let mut v = vm.weakrefs_of(args.v(vm, 0))?;
    v.reverse();
    Ok(vm.new_list(&v))
}

fn wr_count<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check(vm, "getweakrefcount", 1, 1)?;
    let n = vm.weakrefs_of(args.v(vm, 0))?.len();
    Ok(Value::int(n as i64))
}

/// The getter of `__weakref__`: the newest weak reference, or None.
fn weakref_attr<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check(vm, "__weakref__", 1, 1)?;
    Ok(vm
        .weakrefs_of(args.v(vm, 0))?
        .last()
        .copied()
        .unwrap_or(Value::NONE))
}

/// A new class `t` gets a `__weakref__` attribute (a property) when it is
/// the first class of its MRO whose instances can be weakly referenced.
pub fn add_weakref_attr(vm: &mut Vm, t: Value) {
    if !heap_type_weakrefable(vm, t) {
        return;
    }
    let name = vm.intern("__weakref__");
    let mro = Vm::tuple_items(Vm::tyf(t, TY_MRO));
    for c in mro.iter().skip(1) {
        if Vm::type_flags(*c) & F_HEAP != 0 && heap_type_weakrefable(vm, *c) {
            return;
        }
    }
    let ht = vm.push_root(t);
    let g = vm.new_native("__weakref__", weakref_attr);
    let hg = vm.push_root(g);
    let ty = vm.ty(T::Property);
    let p = vm.alloc_rec(Kind::Property, ty);
    Vm::init(p, 1, vm.root(hg));
    Vm::init(p, 2, Value::NONE);
    Vm::init(p, 3, Value::NONE);
    Vm::init(p, 4, Value::NONE);
    let t = vm.root(ht);
    vm.pop_roots(ht);
    let name = vm.intern_value(name);
    let d = Vm::tyf(t, TY_DICT);
    if vm.dict_get_str(d, name).is_none() {
        vm.dict_set_str(d, name, Value::from_obj(p));
    }
}

/// `types.MethodType(func, obj)` (WeakMethod rebuilds bound methods).
fn method_new<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check(vm, "method", 3, 3)?;
    let f = args.v(vm, 1);
    let callable = matches!(
        Vm::kind(f),
        Some(Kind::Function | Kind::Builtin | Kind::Method | Kind::Type)
    ) || vm
        .type_lookup_n(vm.type_of(f), crate::object::N::Call)
        .is_some();
    if !callable {
        return Err(vm.raise_msg(T::TypeError, "first argument must be callable"));
    }
    if args.v(vm, 2).is_none() {
        return Err(vm.raise_msg(T::TypeError, "instance must not be None"));
    }
    Ok(vm.new_method(args.v(vm, 1), args.v(vm, 2)))
}

/// Installs what the weakref machinery needs from builtin types (at
/// startup).
pub fn install(vm: &mut Vm) {
    vm.add_native_method(T::Method, "__new__", method_new);
}

/// Fills the `_weakref` module.
pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    let h = vm.push_root(d);
    if vm.root(R_WEAK_TABLE).is_null() {
        let t = vm.new_dict();
        vm.set_root(R_WEAK_TABLE, t);
        let n = vm.intern("__callback__");
        vm.set_root(R_WEAK_CALLBACK, n);
        vm.fin.weak_seen = vm.m.stats().weakrefs_cleared;
    }
    vm.add_native_fn(vm.root(h), "_new", wr_new);
    vm.add_native_fn(vm.root(h), "_get", wr_get);
    vm.add_native_fn(vm.root(h), "getweakrefs", wr_refs);
    vm.add_native_fn(vm.root(h), "getweakrefcount", wr_count);
    crate::modules::exec_src::exec_in(vm, vm.root(h), PY_SRC, "<_weakref>")?;
    vm.pop_roots(h);
    Ok(())
}

/// The `atexit` module: handlers run by [`run_atexit`] when the main
/// program ends (last registered first).
pub fn init_atexit(vm: &mut Vm, d: Value) -> PyResult<()> {
    let h = vm.push_root(d);
    vm.add_native_fn(d, "_call_unraisable", |vm, _s, args| {
        args.check(vm, "_call_unraisable", 2, 2)?;
        let items = Vm::tuple_items(args.v(vm, 1));
        vm.call_unraisable(args.v(vm, 0), &items);
        Ok(Value::NONE)
    });
    let d = vm.root(h);
    vm.pop_roots(h);
    crate::modules::exec_src::exec_in(vm, d, ATEXIT_SRC, "<atexit>")
}

const ATEXIT_SRC: &str = r#"
_handlers = []

def register(func, *args, **kwargs):
    _handlers.append((func, args, kwargs))
    return func

def unregister(func):
    _handlers[:] = [h for h in _handlers if h[0] != func]

def _clear():
    del _handlers[:]

def _ncallbacks():
    return len(_handlers)

def _run_exitfuncs():
    while _handlers:
        func, args, kwargs = _handlers.pop()
        if kwargs:
            _call_unraisable(lambda: func(*args, **kwargs), ())
        else:
            _call_unraisable(func, args)
"#;

/// Runs the `atexit` handlers if the module was imported.
pub fn run_atexit(vm: &mut Vm) {
    let mods = vm.root(crate::vm::R_MODULES);
    let k = vm.intern("atexit");
    let Some(m) = vm.dict_get_str(mods, k) else {
        return;
    };
    let d = Vm::module_dict(m);
    let k = vm.intern("_run_exitfuncs");
    if let Some(f) = vm.dict_get_str(d, k) {
        vm.call_unraisable(f, &[]);
    }
}
