//! Deliberately broken collectors, to prove the checker can fail.
//!
//! * [`Corrupting`] wraps any collector and, after every collection or
//!   safepoint it runs, wipes the serial, payload and reference words of one
//!   object reachable from the roots — the effect of freeing or reusing a
//!   live object.
//! * [`ClearsWeakrefs`] wraps any collector and clears every weak reference
//!   after each collection, live target or not.
//! * [`HidesRoot`] wraps any collector and hides the first root from it at
//!   every collection, so a collector that reclaims frees (or, if it moves
//!   objects, fails to update) a live object.
//! * [`DropsBarriers`] wraps any collector and ignores every barrier slow
//!   path, weak-load barrier included (old-to-young and snapshot bookkeeping
//!   is lost).
//! * [`ClaimsToReclaim`] wraps a collector that never frees and reports
//!   `reclaims: true`, so the suite expects garbage to disappear.
//!
//! Both build through [`wrap`], which turns a registry entry into a
//! constructor the harness accepts.

use gc_api::{
    AllocError, Capabilities, CollectOutcome, CollectRequest, Collector, CollectorEntry,
    CollectorEnv, ConfigError, GcConfig, GcStats, MutatorContext, ObjRef, RootSet, Subscriber,
    TypeId, TypeTable,
};
use std::sync::Arc;

/// Wipes a reachable object after each collection.
pub struct Corrupting {
    inner: Box<dyn Collector>,
    types: Arc<TypeTable>,
    round: usize,
}

impl Corrupting {
    /// Wraps `inner`.
    pub fn new(inner: Box<dyn Collector>, types: Arc<TypeTable>) -> Corrupting {
        Corrupting {
            inner,
            types,
            round: 0,
        }
    }

    /// Zeroes every word of one root-referenced object except its header and
    /// length word (so the heap stays walkable and verify passes).
    fn corrupt(&mut self, roots: &mut dyn RootSet) {
        let mut objs = Vec::new();
        roots.trace_roots(&mut |w: &mut usize| {
            if let Some(o) = ObjRef::from_word(*w) {
                objs.push(o);
            }
        });
        if objs.is_empty() {
            return;
        }
        let obj = objs[self.round % objs.len()];
        self.round += 1;
        let info = self.types.get(obj.tid());
        let keep = info.var.as_ref().map(|v| v.length_offset as usize);
        let size = self.types.size_of(obj);
        for off in (8..size).step_by(8) {
            if Some(off) != keep {
                obj.set_word(off, 0);
            }
        }
    }
}

/// Clears every weak slot in the heap after each collection.
pub struct ClearsWeakrefs {
    inner: Box<dyn Collector>,
    types: Arc<TypeTable>,
}

impl ClearsWeakrefs {
    fn clear(&mut self, ctx: &mut MutatorContext, roots: &mut dyn RootSet) {
        let types = self.types.clone();
        self.inner.walk_heap(ctx, roots, &mut |o| {
            if let Some(w) = types.get(o.tid()).weak_offset {
                o.set_word(w as usize, 0);
            }
        });
    }
}

/// Hides the first reference root from the wrapped collector.
pub struct HidesRoot {
    inner: Box<dyn Collector>,
}

/// A root set without its first reference.
struct SkipFirst<'a>(&'a mut dyn RootSet);

impl RootSet for SkipFirst<'_> {
    fn trace_roots(&mut self, visit: &mut gc_api::SlotVisitor<'_>) {
        let mut skipped = false;
        self.0.trace_roots(&mut |w: &mut usize| {
            if !skipped && gc_api::is_ref(*w) {
                skipped = true;
            } else {
                visit(w)
            }
        });
    }
}

/// Ignores write-barrier slow paths.
pub struct DropsBarriers {
    inner: Box<dyn Collector>,
}

/// Reports `reclaims: true` for a collector that never frees.
pub struct ClaimsToReclaim {
    inner: Box<dyn Collector>,
}

impl ClaimsToReclaim {
    /// Wraps `inner`.
    pub fn new(inner: Box<dyn Collector>) -> ClaimsToReclaim {
        ClaimsToReclaim { inner }
    }
}

/// A constructor that builds `entry`'s collector and wraps it with `w`.
pub fn wrap(
    entry: &CollectorEntry,
    w: fn(Box<dyn Collector>, &CollectorEnv) -> Box<dyn Collector>,
) -> impl Fn(&GcConfig, CollectorEnv) -> Result<Box<dyn Collector>, ConfigError> {
    let build = entry.build;
    move |cfg: &GcConfig, env: CollectorEnv| Ok(w(build(cfg, env.clone())?, &env))
}

/// [`wrap`] helper: the corrupting wrapper.
pub fn corrupting(inner: Box<dyn Collector>, env: &CollectorEnv) -> Box<dyn Collector> {
    Box::new(Corrupting::new(inner, env.types.clone()))
}

/// [`wrap`] helper: the weakref-clearing wrapper.
pub fn clears_weakrefs(inner: Box<dyn Collector>, env: &CollectorEnv) -> Box<dyn Collector> {
    Box::new(ClearsWeakrefs {
        inner,
        types: env.types.clone(),
    })
}

/// [`wrap`] helper: the root-hiding wrapper.
pub fn hides_root(inner: Box<dyn Collector>, _env: &CollectorEnv) -> Box<dyn Collector> {
    Box::new(HidesRoot { inner })
}

/// [`wrap`] helper: the barrier-dropping wrapper.
pub fn drops_barriers(inner: Box<dyn Collector>, _env: &CollectorEnv) -> Box<dyn Collector> {
    Box::new(DropsBarriers { inner })
}

/// [`wrap`] helper: the lying wrapper.
pub fn claims_to_reclaim(inner: Box<dyn Collector>, _env: &CollectorEnv) -> Box<dyn Collector> {
    Box::new(ClaimsToReclaim::new(inner))
}

/// Forwards the barrier slow paths to `self.inner`.
macro_rules! forward_barriers {
    () => {
        fn write_barrier_slow(
            &mut self,
            ctx: &mut MutatorContext,
            obj: ObjRef,
            slot: usize,
            old: usize,
            new: usize,
        ) {
            self.inner.write_barrier_slow(ctx, obj, slot, old, new)
        }
        fn array_write_barrier_slow(
            &mut self,
            ctx: &mut MutatorContext,
            obj: ObjRef,
            index: usize,
            slot: usize,
            old: usize,
            new: usize,
        ) {
            self.inner
                .array_write_barrier_slow(ctx, obj, index, slot, old, new)
        }
        fn bulk_barrier_slow(&mut self, ctx: &mut MutatorContext, obj: ObjRef) {
            self.inner.bulk_barrier_slow(ctx, obj)
        }
        fn weak_load_slow(&mut self, ctx: &mut MutatorContext, obj: ObjRef, value: usize) -> usize {
            self.inner.weak_load_slow(ctx, obj, value)
        }
    };
}

/// Forwards every method but `capabilities`, `safepoint`, `collect` and the
/// barrier slow paths to `self.inner`.
macro_rules! forward_rest {
    () => {
        fn name(&self) -> &'static str {
            self.inner.name()
        }
        fn attach(&mut self, ctx: &mut MutatorContext) {
            self.inner.attach(ctx)
        }
        fn alloc_slow(
            &mut self,
            ctx: &mut MutatorContext,
            tid: TypeId,
            length: usize,
        ) -> Result<ObjRef, AllocError> {
            self.inner.alloc_slow(ctx, tid, length)
        }
        fn add_memory_pressure(&mut self, ctx: &mut MutatorContext, bytes: usize) {
            self.inner.add_memory_pressure(ctx, bytes)
        }
        fn register_finalizer(&mut self, ctx: &mut MutatorContext, obj: ObjRef) {
            self.inner.register_finalizer(ctx, obj)
        }
        fn next_finalizable(&mut self) -> Option<ObjRef> {
            self.inner.next_finalizable()
        }
        fn pin(&mut self, obj: ObjRef) -> bool {
            self.inner.pin(obj)
        }
        fn unpin(&mut self, obj: ObjRef) {
            self.inner.unpin(obj)
        }
        fn identity(&mut self, ctx: &mut MutatorContext, obj: ObjRef) -> usize {
            self.inner.identity(ctx, obj)
        }
        fn set_heap_limit(&mut self, limit: Option<usize>) {
            self.inner.set_heap_limit(limit)
        }
        fn stats(&self, ctx: &MutatorContext) -> GcStats {
            self.inner.stats(ctx)
        }
        fn subscribe(&mut self, s: Subscriber) {
            self.inner.subscribe(s)
        }
        fn walk_heap(
            &mut self,
            ctx: &mut MutatorContext,
            roots: &mut dyn RootSet,
            f: &mut dyn FnMut(ObjRef),
        ) {
            self.inner.walk_heap(ctx, roots, f)
        }
        fn verify(
            &mut self,
            ctx: &mut MutatorContext,
            roots: &mut dyn RootSet,
        ) -> Result<(), String> {
            self.inner.verify(ctx, roots)
        }
    };
}

impl Collector for Corrupting {
    forward_rest!();
    forward_barriers!();

    fn capabilities(&self) -> Capabilities {
        self.inner.capabilities()
    }

    fn safepoint(&mut self, ctx: &mut MutatorContext, roots: &mut dyn RootSet) {
        self.inner.safepoint(ctx, roots);
        self.corrupt(roots);
    }

    fn collect(
        &mut self,
        ctx: &mut MutatorContext,
        request: CollectRequest,
        roots: &mut dyn RootSet,
    ) -> CollectOutcome {
        let out = self.inner.collect(ctx, request, roots);
        self.corrupt(roots);
        out
    }
}

impl Collector for ClearsWeakrefs {
    forward_rest!();
    forward_barriers!();

    fn capabilities(&self) -> Capabilities {
        self.inner.capabilities()
    }

    fn safepoint(&mut self, ctx: &mut MutatorContext, roots: &mut dyn RootSet) {
        self.inner.safepoint(ctx, roots);
        self.clear(ctx, roots);
    }

    fn collect(
        &mut self,
        ctx: &mut MutatorContext,
        request: CollectRequest,
        roots: &mut dyn RootSet,
    ) -> CollectOutcome {
        let out = self.inner.collect(ctx, request, roots);
        self.clear(ctx, roots);
        out
    }
}

impl Collector for HidesRoot {
    forward_rest!();
    forward_barriers!();

    fn capabilities(&self) -> Capabilities {
        self.inner.capabilities()
    }

    fn safepoint(&mut self, ctx: &mut MutatorContext, roots: &mut dyn RootSet) {
        self.inner.safepoint(ctx, &mut SkipFirst(roots))
    }

    fn collect(
        &mut self,
        ctx: &mut MutatorContext,
        request: CollectRequest,
        roots: &mut dyn RootSet,
    ) -> CollectOutcome {
        self.inner.collect(ctx, request, &mut SkipFirst(roots))
    }
}

impl Collector for ClaimsToReclaim {
    forward_rest!();
    forward_barriers!();

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            reclaims: true,
            ..self.inner.capabilities()
        }
    }

    fn safepoint(&mut self, ctx: &mut MutatorContext, roots: &mut dyn RootSet) {
        self.inner.safepoint(ctx, roots)
    }

    fn collect(
        &mut self,
        ctx: &mut MutatorContext,
        request: CollectRequest,
        roots: &mut dyn RootSet,
    ) -> CollectOutcome {
        self.inner.collect(ctx, request, roots)
    }
}

impl Collector for DropsBarriers {
    forward_rest!();

    fn capabilities(&self) -> Capabilities {
        self.inner.capabilities()
    }

    fn write_barrier_slow(
        &mut self,
        _: &mut MutatorContext,
        _: ObjRef,
        _: usize,
        _: usize,
        _: usize,
    ) {
    }

    fn bulk_barrier_slow(&mut self, _: &mut MutatorContext, _: ObjRef) {}

    fn array_write_barrier_slow(
        &mut self,
        _: &mut MutatorContext,
        _: ObjRef,
        _: usize,
        _: usize,
        _: usize,
        _: usize,
    ) {
    }

    fn safepoint(&mut self, ctx: &mut MutatorContext, roots: &mut dyn RootSet) {
        self.inner.safepoint(ctx, roots)
    }

    fn collect(
        &mut self,
        ctx: &mut MutatorContext,
        request: CollectRequest,
        roots: &mut dyn RootSet,
    ) -> CollectOutcome {
        self.inner.collect(ctx, request, roots)
    }
}
