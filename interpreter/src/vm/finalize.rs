//! Python-level finalization on gc-api's full finalizers.
//!
//! * `__del__`: instances of a class whose MRO defines `__del__` (flag
//!   `F_DEL`) are registered with [`gc_api::Mutator::register_finalizer`]
//!   when they are created. When the collector finds one unreachable it keeps
//!   it (and everything it references) alive and queues it; the VM runs the
//!   queue at the next safepoint after the collection ([`Vm::gc_followups`])
//!   and at the end of `gc.collect()`. A collector queues an object at most
//!   once (its registration is consumed), so `__del__` runs at most once per
//!   object even when it resurrects the object (PEP 442). Every collector
//!   that frees queues in PyPy's order: an object reachable from another
//!   finalizable one waits for a later collection.
//! * Exceptions raised by `__del__` or by weak-reference callbacks are
//!   printed as CPython prints unraisable exceptions ("Exception ignored in:
//!   <function A.__del__ at 0x...>" and the traceback) and dropped.
//! * Weak references (`modules/weakref.rs`): after a collection that
//!   cleared weak slots, the `_weakref` table is scanned and the callbacks of
//!   the references whose referent died run, newest first per referent.
//!
//! Finalizers and callbacks never nest: code they run may reach safepoints
//! (and collect), the outer loop picks up what those queue.

use super::{Vm, R_EXC, R_HANDLED};
use crate::object::instance::I_FLAGS;
use crate::object::layout::{kind_of, Kind};
use crate::object::types::{F_DEL, F_HEAP};
use crate::object::value::Value;
use crate::object::N;
use gc_api::ObjRef;

/// Instance flag word bit: `__del__` has run (`gc.is_finalized`).
pub const IF_FINALIZED: i64 = 1;
/// Instance flag word bit: registered with the collector for finalization.
pub const IF_REGISTERED: i64 = 2;

/// Most collections one `gc.collect()` runs to settle finalizers.
pub const COLLECT_ROUNDS: usize = 64;

/// Finalization state of the VM.
#[derive(Debug, Default)]
pub struct FinState {
    /// A finalizer or a weakref callback is running: don't start another.
    pub running: bool,
    /// `GcStats::weakrefs_cleared` when the weak table was last scanned.
    pub weak_seen: u64,
    /// `__del__` methods run so far.
    pub ran: u64,
    /// `__del__` was assigned to an existing class: register the instances
    /// alive now at the next safepoint.
    pub del_added: bool,
    /// `(frame word, stack top)` of the builtin call in progress from the
    /// current frame (set by the CALL instruction around builtin calls, 0
    /// otherwise): slots at and above the top are dead and `gc.collect()`
    /// clears them.
    pub scrub: (usize, usize),
    /// A list of weak cells to the inline caches of code objects (slot 2:
    /// the code index), for `gc.collect()`.
    pub code_caches: Option<gc_api::Handle>,
    /// Live entries of `code_caches` after the last pruning.
    pub code_caches_pruned: usize,
    /// `gc.get_freeze_count()`.
    pub frozen: u64,
    /// `_weakref`'s table and names, once the module is imported.
    pub weak: Option<crate::modules::weakref::WeakRoots>,
}

impl Vm {
    /// Registers `o` (an instance of `t`) for finalization if its class has
    /// `__del__`. Called right after the allocation.
    #[inline(always)]
    pub fn maybe_register_del(&mut self, t: Value, o: ObjRef) {
        if Vm::type_flags(t) & crate::object::types::F_DEL != 0 {
            o.set_word(
                crate::object::layout::slot(I_FLAGS),
                Value::int(IF_REGISTERED).0,
            );
            self.m.register_finalizer(o);
        }
    }

    /// After `cls.__del__ = f` on an existing class: flags every heap class
    /// that now finds a `__del__` and registers their live, unregistered
    /// instances (a heap walk, at a safepoint).
    fn register_existing_instances(&mut self) {
        self.fin.del_added = false;
        let mut types = Vec::new();
        let mut insts = Vec::new();
        // An unswept dead object must not be registered (resurrected).
        self.m.collect(gc_api::CollectRequest::Major, &mut self.r);
        self.m.walk_heap(&mut self.r, &mut |o| match kind_of(o) {
            Kind::Type => types.push(o),
            Kind::Instance => insts.push(o),
            _ => {}
        });
        // Nothing below allocates or reaches a safepoint: the addresses
        // stay valid.
        for t in types {
            let tv = Value::from_obj(t);
            let fl = Vm::type_flags(tv);
            if fl & F_HEAP != 0 && fl & F_DEL == 0 && self.type_lookup_n(tv, N::Del).is_some() {
                t.set_word(
                    crate::object::layout::slot(crate::object::types::TY_FLAGS),
                    Value::int(fl | F_DEL).0,
                );
            }
        }
        for o in insts {
            let fl = Vm::get(o, I_FLAGS).get_int().unwrap_or(0);
            let t = Value(o.word(crate::object::layout::TYPE_OFF));
            if fl & (IF_REGISTERED | IF_FINALIZED) == 0 && Vm::type_flags(t) & F_DEL != 0 {
                o.set_word(
                    crate::object::layout::slot(I_FLAGS),
                    Value::int(fl | IF_REGISTERED).0,
                );
                self.m.register_finalizer(o);
            }
        }
    }

    /// Work due after collector activity: queued `__del__` methods, then
    /// weak-reference callbacks. Returns the number of finalizers and
    /// callbacks run. Runs Python code: callers re-read everything.
    #[inline(never)]
    pub fn gc_followups(&mut self) -> usize {
        if self.fin.running {
            return 0;
        }
        self.fin.running = true;
        if self.fin.del_added {
            self.register_existing_instances();
        }
        let mut n = 0;
        loop {
            let k = self.run_queued_finalizers() + self.weakref_followups();
            if k == 0 {
                break;
            }
            n += k;
        }
        self.fin.running = false;
        n
    }

    /// The end of `gc.collect()`: runs what the collection queued, then
    /// collects again while finalizers ran (what they leave unreachable, and
    /// objects whose finalizer waited behind another's in PyPy's ordering),
    /// at most [`COLLECT_ROUNDS`] times, so that `gc.collect()` returns with
    /// finalized garbage reclaimed and its weakref callbacks run, as in
    /// CPython.
    pub fn gc_finalize_rounds(&mut self, generation: usize) {
        let req = if generation == 0 {
            gc_api::CollectRequest::Minor
        } else {
            gc_api::CollectRequest::Major
        };
        for _ in 0..COLLECT_ROUNDS {
            if self.gc_followups() == 0 {
                break;
            }
            self.m.collect(req, &mut self.r);
        }
    }

    /// Drops what would keep dead objects alive through an explicit
    /// collection: the dead stack slots of the calling frame, and the values
    /// cached by `LOAD_GLOBAL` inline caches (deleted or rebound globals
    /// would live until the instruction runs again). Called by
    /// `gc.collect()` before it collects. No allocation, no safepoint.
    pub fn drop_global_caches(&mut self) {
        let (fw, top) = self.fin.scrub;
        let cur = self.root(super::R_FRAME);
        if fw != 0 && cur.0 == fw {
            let f = cur.obj().expect("frame");
            self.clear_stack(f, top, f.word(crate::object::layout::FRAME_LEN));
        }
        let Some(h) = self.fin.code_caches else {
            return;
        };
        let l = Value(self.m.root_get(h));
        for cell in Vm::list_items(l) {
            let Some(c) = cell.obj() else { continue };
            let w = self.m.read_weak(c);
            let Some(cache) = Value(w).obj() else {
                continue;
            };
            let idx = Vm::get(c, 2).as_int() as usize;
            let info = self.codes[idx].clone();
            for ins in info.instrs.iter() {
                if ins.op != crate::compile::bytecode::Op::LoadGlobal {
                    continue;
                }
                let i = super::cache::IC_SLOTS * ins.ic as usize + 2;
                if i < Vm::var_len(cache) && Vm::item(cache, i).is_ref() {
                    self.set_item(cache, i, Value::NULL);
                }
            }
        }
        self.prune_code_caches();
    }

    /// Remembers the inline cache of code object number `idx` (weakly) for
    /// [`Vm::drop_global_caches`].
    pub fn track_code_cache(&mut self, cache: Value, idx: usize) {
        let hc = self.push_root(cache);
        let l = match self.fin.code_caches {
            Some(h) => Value(self.m.root_get(h)),
            None => {
                let l = self.new_list(&[]);
                self.fin.code_caches = Some(self.m.root(l.0));
                l
            }
        };
        let cell = self.alloc_rec(Kind::WeakCell, Value::NONE);
        let cache = self.root(hc);
        self.pop_roots(hc);
        Vm::init(cell, 1, cache);
        Vm::init(cell, 2, Value::int(idx as i64));
        self.list_append(l, Value::from_obj(cell));
        if Vm::list_len(l) > 2 * self.fin.code_caches_pruned.max(64) {
            self.prune_code_caches();
        }
    }

    /// Drops the cells whose code cache died; returns how many were dropped
    /// (they are garbage from now on).
    pub(crate) fn prune_code_caches(&mut self) -> u64 {
        let Some(h) = self.fin.code_caches else {
            return 0;
        };
        let l = Value(self.m.root_get(h));
        let mut live = vec![];
        for cell in Vm::list_items(l) {
            if let Some(c) = cell.obj() {
                if self.m.read_weak(c) != 0 {
                    live.push(cell);
                }
            }
        }
        self.fin.code_caches_pruned = live.len();
        let n = Vm::list_len(l);
        if live.len() == n {
            return 0;
        }
        // Compact in place: no allocation (gc.collect() makes no garbage).
        for (i, x) in live.iter().enumerate() {
            self.list_set(l, i, *x);
        }
        for i in live.len()..n {
            self.list_set(l, i, Value::NULL);
        }
        let o = l.obj().expect("list");
        o.set_word(
            crate::object::layout::slot(crate::object::list::L_LEN),
            Value::int(live.len() as i64).0,
        );
        (n - live.len()) as u64
    }

    fn run_queued_finalizers(&mut self) -> usize {
        let mut n = 0;
        while let Some(o) = self.m.next_finalizable() {
            n += 1;
            self.call_del(Value::from_obj(o));
        }
        n
    }

    /// Runs `o.__del__()` with the VM's exception state saved; reports an
    /// exception as unraisable.
    fn call_del(&mut self, o: Value) {
        let t = self.type_of(o);
        let Some(f) = self.type_lookup_n(t, N::Del) else {
            return;
        };
        if let Some(ob) = o.obj() {
            if crate::object::layout::kind_of(ob) == Kind::Instance {
                let fl = Vm::get(ob, I_FLAGS).get_int().unwrap_or(0);
                self.set(ob, I_FLAGS, Value::int(fl | IF_FINALIZED));
            }
        }
        self.fin.ran += 1;
        self.call_unraisable(f, &[o]);
    }

    /// Calls `f(*args)` with the exception state saved and restored; an
    /// exception is printed like CPython's unraisable hook
    /// ("Exception ignored in: {f!r}" and the traceback) and cleared.
    pub fn call_unraisable(&mut self, f: Value, args: &[Value]) {
        let base = self.root_depth();
        self.push_root(self.root(R_EXC));
        self.push_root(self.root(R_HANDLED));
        let hf = self.push_root(f);
        let reraise = std::mem::take(&mut self.reraise);
        self.set_root(R_EXC, Value::NULL);
        let r = self.call0(f, args);
        if r.is_err() {
            let e = self.take_exc();
            let he = self.push_root(e);
            let f = self.root(hf);
            let what = match self.repr_string(f) {
                Ok(s) => s,
                Err(_) => {
                    self.take_exc();
                    "<object repr() failed>".into()
                }
            };
            let mut out = String::new();
            let e = self.root(he);
            self.format_exception(e, &mut out, 0);
            self.flush_out();
            eprint!("Exception ignored in: {what}\n{out}");
        }
        self.reraise = reraise;
        self.set_root(R_EXC, self.root(base));
        self.set_root(R_HANDLED, self.root(base + 1));
        self.pop_roots(base);
    }

    /// `gc.is_finalized(o)`: has `o.__del__` run?
    pub fn is_finalized(o: Value) -> bool {
        match o.obj() {
            Some(ob) if crate::object::layout::kind_of(ob) == Kind::Instance => {
                Vm::get(ob, I_FLAGS).get_int().unwrap_or(0) & IF_FINALIZED != 0
            }
            _ => false,
        }
    }
}
