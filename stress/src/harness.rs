//! Runs operations on the mock VM and the shadow model side by side.
//!
//! [`run_case`] is the whole stress check for one operation sequence: it
//! builds a VM on the given collector, applies every [`Op`] to the heap and to
//! the [`Model`], checks the heap against the model after every collection
//! (see [`crate::check`]), and finally drains the heap with major collections
//! to check that garbage is reclaimed in bounded time. It returns `Err` with
//! a description of the first discrepancy; panics (collector asserts, verify
//! failures) are caught and returned as `Err` too.

use crate::model::{Fin, MSlot, Model, Serial};
use crate::ops::{Op, ROOTS};
use crate::vm::{int_word, BuildCollector, Kind, MockVm, NODE_REF0, SMALL_SLOT, VAR_FIXED};
use gc_api::{Capabilities, CollectRequest, GcConfig, ObjRef};
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// An unreachable object must be gone (and its finalizers run, its weak refs
/// cleared) after this many further completed major collections.
pub const RECLAIM_BOUND: u64 = 3;

/// The configuration the suite runs with: a small nursery so collections are
/// frequent, collector verification after every collection (poisoning on).
pub fn stress_config(nursery: usize) -> GcConfig {
    let mut cfg = GcConfig::with_nursery(nursery);
    cfg.verify = 2;
    cfg
}

/// What one case did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseReport {
    /// Operations applied.
    pub ops: usize,
    /// Objects allocated.
    pub objects: u64,
    /// Minor collections (from the collector's stats).
    pub minors: u64,
    /// Major collections completed.
    pub majors: u64,
    /// Incremental steps.
    pub steps: u64,
    /// Heap-vs-model comparisons made.
    pub checks: u64,
}

/// The VM, the model, and what the harness remembers between operations.
pub struct Harness {
    /// The mock VM. Its roots are `ROOTS` operation roots, then one per pinned object.
    pub vm: MockVm,
    /// The shadow model (its roots mirror `vm.roots`).
    pub model: Model,
    /// The collector's capabilities.
    pub caps: Capabilities,
    /// Pinned objects: serial and the address they must keep.
    pub pinned: Vec<(Serial, usize)>,
    /// Verify level of the configuration.
    pub verify: u32,
    /// Comparisons made.
    pub checks: u64,
    /// Identities handed out, by serial.
    pub ids: HashMap<Serial, usize>,
}

impl Harness {
    /// A fresh VM on `build` with `config`.
    pub fn new(build: BuildCollector<'_>, config: &GcConfig) -> Result<Harness, String> {
        let mut vm =
            MockVm::new(build, config).map_err(|e| format!("cannot build collector: {e}"))?;
        vm.roots = vec![0; ROOTS];
        let caps = vm.mutator.capabilities();
        Ok(Harness {
            vm,
            model: Model::new(ROOTS),
            caps,
            pinned: Vec::new(),
            verify: config.verify,
            checks: 0,
            ids: HashMap::new(),
        })
    }

    /// Total units of collection work so far (minor, steps, majors).
    pub fn gc_count(&self) -> u64 {
        let s = self.vm.mutator.stats();
        s.minor_collections + s.major_steps + s.major_collections
    }

    fn root_obj(&self, r: u8) -> Option<(Serial, ObjRef)> {
        let i = r as usize % ROOTS;
        let s = self.model.roots[i].target()?;
        Some((s, ObjRef::from_word(self.vm.roots[i])?))
    }

    fn root_value(&self, r: u8) -> (MSlot, usize) {
        let i = r as usize % ROOTS;
        (self.model.roots[i], self.vm.roots[i])
    }

    fn set_root(&mut self, r: u8, m: MSlot, w: usize) {
        let i = r as usize % ROOTS;
        self.model.roots[i] = m;
        self.vm.roots[i] = w;
    }

    /// The byte offset and item index (for arrays) of strong slot `field` of an object.
    fn slot_of(kind: Kind, field: usize) -> (usize, Option<usize>) {
        match kind {
            Kind::Node => (NODE_REF0 + 8 * field, None),
            Kind::Leaf | Kind::Light => (SMALL_SLOT, None),
            Kind::Array => (VAR_FIXED + 8 * field, Some(field)),
            Kind::Weak | Kind::Blob => unreachable!("no strong slots"),
        }
    }

    fn store(&mut self, r: u8, field: u16, m: MSlot, w: usize) {
        let Some((s, obj)) = self.root_obj(r) else {
            return;
        };
        let o = self.model.get(s);
        let n = o.kind.ref_slots(o.len);
        if n == 0 {
            return;
        }
        let f = field as usize % n;
        let (off, item) = Self::slot_of(o.kind, f);
        match item {
            Some(i) => self.vm.mutator.write_item(obj, i, off, w),
            None => self.vm.mutator.write_ref(obj, off, w),
        }
        self.model.get_mut(s).slots[f] = m;
    }

    /// Applies one operation, checking the heap after any collection.
    pub fn apply(&mut self, op: &Op) -> Result<(), String> {
        match *op {
            Op::Alloc {
                kind,
                dst,
                len,
                init,
            } => self.alloc(kind, dst, len as usize, init)?,
            Op::Store { obj, field, src } => {
                let (m, w) = self.root_value(src);
                self.store(obj, field, m, w);
            }
            Op::StoreInt { obj, field, val } => {
                self.store(obj, field, MSlot::Int(val), int_word(val))
            }
            Op::Unlink { obj, field } => self.store(obj, field, MSlot::Null, 0),
            Op::Load { obj, field, dst } => {
                if let Some((s, o)) = self.root_obj(obj) {
                    let mo = self.model.get(s);
                    let n = mo.kind.ref_slots(mo.len);
                    if n > 0 {
                        let f = field as usize % n;
                        let (off, _) = Self::slot_of(mo.kind, f);
                        let m = mo.slots[f];
                        self.set_root(dst, m, o.word(off));
                    }
                }
            }
            Op::Root { src, dst } => {
                let (m, w) = self.root_value(src);
                self.set_root(dst, m, w);
            }
            Op::Unroot { dst } => self.set_root(dst, MSlot::Null, 0),
            Op::Safepoint => {
                let before = self.gc_count();
                self.vm.safepoint();
                self.after_safepoint(before)?;
            }
            Op::Collect(req) => self.collect(req)?,
            Op::Churn { n, light } => self.churn(n as usize, light)?,
            Op::Pressure(bytes) => {
                self.vm.mutator.add_memory_pressure(bytes as usize);
            }
            Op::Pin(r) => {
                if let Some((s, obj)) = self.root_obj(r) {
                    if !self.pinned.iter().any(|p| p.0 == s) && self.vm.mutator.pin(obj) {
                        self.pinned.push((s, obj.addr()));
                        self.vm.roots.push(obj.to_word());
                        self.model.roots.push(MSlot::Ref(s));
                    }
                }
            }
            Op::Unpin => self.unpin_last()?,
            Op::Finalizer(r) => {
                if let Some((s, obj)) = self.root_obj(r) {
                    let o = self.model.get(s);
                    if o.fin == Fin::None
                        && matches!(o.kind, Kind::Node | Kind::Leaf | Kind::Array | Kind::Blob)
                    {
                        self.vm.mutator.register_finalizer(obj);
                        self.model.get_mut(s).fin = Fin::Registered;
                    }
                }
            }
            Op::Identity(r) => {
                if let Some((s, obj)) = self.root_obj(r) {
                    let id = self.vm.mutator.identity(obj);
                    if let Some(&old) = self.ids.get(&s) {
                        if old != id {
                            return Err(format!(
                                "identity of #{s} changed from {old:#x} to {id:#x}"
                            ));
                        }
                    }
                    let rooted = self.model.rooted();
                    if let Some((&t, _)) = self
                        .ids
                        .iter()
                        .find(|&(&t, &i)| i == id && t != s && rooted[t as usize - 1])
                    {
                        return Err(format!(
                            "#{s} and #{t}, both reachable, have the same identity {id:#x}"
                        ));
                    }
                    self.ids.insert(s, id);
                }
            }
            Op::WeakGet { obj, dst } => self.weak_get(obj, dst)?,
            Op::BulkRotate(r) => {
                if let Some((s, obj)) = self.root_obj(r) {
                    let o = self.model.get_mut(s);
                    if o.kind == Kind::Array && o.len > 1 {
                        o.slots.rotate_left(1);
                        let len = o.len;
                        self.vm.mutator.before_bulk_write(obj);
                        let first = obj.word(VAR_FIXED);
                        for i in 0..len - 1 {
                            obj.set_word(VAR_FIXED + 8 * i, obj.word(VAR_FIXED + 8 * (i + 1)));
                        }
                        obj.set_word(VAR_FIXED + 8 * (len - 1), first);
                    }
                }
            }
        }
        Ok(())
    }

    fn weak_get(&mut self, r: u8, dst: u8) -> Result<(), String> {
        let Some((s, obj)) = self.root_obj(r) else {
            return Ok(());
        };
        let m = self.model.get(s);
        if m.kind != Kind::Weak {
            return Ok(());
        }
        let (target, cleared) = (m.weak, m.weak_cleared);
        let w = self.vm.mutator.read_weak(obj);
        match target {
            None => {
                if w != 0 {
                    return Err(format!("empty weakref #{s} read as {w:#x}"));
                }
                self.set_root(dst, MSlot::Null, 0);
            }
            Some(t) => {
                if w == 0 {
                    if !cleared && self.model.rooted()[t as usize - 1] {
                        return Err(format!(
                            "weakref #{s} read as cleared while its target #{t} is reachable"
                        ));
                    }
                    self.model.get_mut(s).weak_cleared = true;
                    self.set_root(dst, MSlot::Null, 0);
                } else {
                    if cleared {
                        return Err(format!("weakref #{s} was cleared, now reads {w:#x}"));
                    }
                    if self.model.get(t).reclaimed {
                        return Err(format!(
                            "weakref #{s} reads {w:#x}, but its target #{t} was reclaimed"
                        ));
                    }
                    let found = ObjRef::from_word(w)
                        .ok_or_else(|| format!("weakref #{s} reads non-reference {w:#x}"))
                        .and_then(|o| self.identify(o))
                        .map_err(|e| format!("weakref #{s} read: {e}"))?;
                    if found != t {
                        return Err(format!(
                            "weakref #{s} should reach #{t}, reads #{found} at {w:#x}"
                        ));
                    }
                    // The referent is strongly reachable again.
                    self.set_root(dst, MSlot::Ref(t), w);
                }
            }
        }
        Ok(())
    }

    fn alloc(&mut self, kind: Kind, dst: u8, len: usize, init: [u8; 3]) -> Result<(), String> {
        let vals: Vec<(MSlot, usize)> = init.iter().map(|&r| self.root_value(r)).collect();
        let oom = |e: gc_api::AllocError| format!("allocation failed: {e}");
        let (obj, s, slots, weak) = match kind {
            Kind::Node => {
                let (o, s) = self
                    .vm
                    .alloc_node([vals[0].1, vals[1].1, vals[2].1])
                    .map_err(oom)?;
                (o, s, vals.iter().map(|v| v.0).collect(), None)
            }
            Kind::Leaf | Kind::Light => {
                let (o, s) = self
                    .vm
                    .alloc_small(kind == Kind::Light, vals[0].1)
                    .map_err(oom)?;
                (o, s, vec![vals[0].0], None)
            }
            Kind::Weak => {
                let (m, w) = match vals[0].0 {
                    MSlot::Ref(t) => (Some(t), vals[0].1),
                    _ => (None, 0),
                };
                let (o, s) = self.vm.alloc_weak(w).map_err(oom)?;
                (o, s, vec![], m)
            }
            Kind::Array => {
                let (o, s) = self
                    .vm
                    .alloc_var(kind, len, |i| vals[i % 3].1)
                    .map_err(oom)?;
                (o, s, (0..len).map(|i| vals[i % 3].0).collect(), None)
            }
            Kind::Blob => {
                let (o, s) = self.vm.alloc_var(kind, len, |_| 0).map_err(oom)?;
                (o, s, vec![], None)
            }
        };
        let len = if kind.is_var() { len } else { 0 };
        self.model.add(s, kind, len, slots, weak);
        self.set_root(dst, MSlot::Ref(s), obj.to_word());
        Ok(())
    }

    fn churn(&mut self, n: usize, light: bool) -> Result<(), String> {
        let before = self.gc_count();
        let mut prev: Option<(Serial, usize)> = None;
        for i in 0..n {
            if i % 16 == 15 {
                self.vm.safepoint();
                prev = None; // its address is stale after a safepoint
            }
            let (ms, w) = prev.map_or((MSlot::Null, 0), |(s, w)| (MSlot::Ref(s), w));
            let (o, s) = self
                .vm
                .alloc_small(light, w)
                .map_err(|e| format!("allocation failed: {e}"))?;
            self.model.add(
                s,
                if light { Kind::Light } else { Kind::Leaf },
                0,
                vec![ms],
                None,
            );
            prev = Some((s, o.to_word()));
        }
        self.after_safepoint(before)
    }

    fn after_safepoint(&mut self, before: u64) -> Result<(), String> {
        self.run_finalizers()?;
        if self.gc_count() != before {
            self.check(false)?;
        }
        Ok(())
    }

    /// An explicit collection, then verify (all requests at verify level 2),
    /// finalizers and a comparison (with a heap walk after major ones).
    pub fn collect(&mut self, req: CollectRequest) -> Result<(), String> {
        // Barrier check (as gc-api's torture mode does): the young objects
        // are still there, so a store that skipped the barrier shows as an
        // old->young pointer no card or remembered entry covers.
        if self.verify >= 2 {
            self.vm
                .verify()
                .map_err(|e| format!("collector verify failed before {req:?}: {e}"))?;
        }
        self.vm.collect(req);
        if self.verify >= 2 && req != CollectRequest::Major {
            self.vm
                .verify()
                .map_err(|e| format!("collector verify failed after {req:?}: {e}"))?;
        }
        self.run_finalizers()?;
        self.check(req == CollectRequest::Major)
    }

    fn unpin_last(&mut self) -> Result<(), String> {
        let Some((s, addr)) = self.pinned.pop() else {
            return Ok(());
        };
        let w = self.vm.roots.pop().unwrap_or(0);
        self.model.roots.pop();
        if w != addr {
            return Err(format!("pinned object #{s} moved from {addr:#x} to {w:#x}"));
        }
        let obj =
            ObjRef::from_word(w).ok_or_else(|| format!("pinned object #{s} root holds {w:#x}"))?;
        self.vm.mutator.unpin(obj);
        Ok(())
    }

    /// Major collections with finalizers and a full comparison after each:
    /// with the roots as they are, then with every root cleared. Collectors
    /// that reclaim must have freed everything by the end.
    pub fn finish(&mut self) -> Result<(), String> {
        self.check(true)?;
        for _ in 0..RECLAIM_BOUND + 2 {
            self.collect(CollectRequest::Major)?;
        }
        while !self.pinned.is_empty() {
            self.unpin_last()?;
        }
        for i in 0..ROOTS {
            self.set_root(i as u8, MSlot::Null, 0);
        }
        // Chains of finalizable objects are finalized one link per major
        // collection: go on while anything changes, then a few more.
        let progress = |m: &Model| {
            m.objs
                .iter()
                .filter(|o| o.reclaimed || o.fin == Fin::Ran)
                .count()
        };
        let (mut idle, mut rounds, mut last) = (0, 0, usize::MAX);
        while idle <= RECLAIM_BOUND + 1 && rounds < self.model.objs.len() + 20 {
            self.collect(CollectRequest::Major)?;
            let now = progress(&self.model);
            idle = if now == last { idle + 1 } else { 0 };
            last = now;
            rounds += 1;
        }
        if self.caps.reclaims {
            for (i, o) in self.model.objs.iter().enumerate() {
                let s = i + 1;
                if !o.reclaimed {
                    return Err(format!(
                        "{:?} #{s} still in the heap after every root was cleared",
                        o.kind
                    ));
                }
                if o.kind == Kind::Light && !o.light_ran {
                    return Err(format!(
                        "light #{s} was reclaimed but its light finalizer never ran"
                    ));
                }
                if o.fin == Fin::Registered {
                    return Err(format!("{:?} #{s}: full finalizer never queued", o.kind));
                }
            }
        }
        Ok(())
    }

    /// A report of the case so far.
    pub fn report(&self, ops: usize) -> CaseReport {
        let s = self.vm.mutator.stats();
        CaseReport {
            ops,
            objects: self.model.objs.len() as u64,
            minors: s.minor_collections,
            majors: s.major_collections,
            steps: s.major_steps,
            checks: self.checks,
        }
    }
}

/// Runs one case on the collector built by `build`: every operation, then
/// [`Harness::finish`]. Any discrepancy or panic is an `Err` naming the
/// operation index.
pub fn run_case(
    build: BuildCollector<'_>,
    config: &GcConfig,
    ops: &[Op],
) -> Result<CaseReport, String> {
    let result = catch_unwind(AssertUnwindSafe(|| -> Result<CaseReport, String> {
        let mut h = Harness::new(build, config)?;
        for (i, op) in ops.iter().enumerate() {
            h.apply(op)
                .map_err(|e| format!("after op {i} ({op:?}): {e}"))?;
        }
        h.finish().map_err(|e| format!("in the final drain: {e}"))?;
        Ok(h.report(ops.len()))
    }));
    match result {
        Ok(r) => r,
        Err(p) => {
            let msg = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "non-string panic".into());
            Err(format!("panic: {msg}"))
        }
    }
}
