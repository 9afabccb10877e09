//! Pretenuring ([`gc_api::Collector::set_pretenure`]): while the VM says
//! the objects it allocates will live long (its start-up, module imports),
//! every allocation takes the old-space path of `alloc_slow`, so no minor
//! collection copies them.
//!
//! An object allocated old is normally remembered, because the mutator
//! initializes it without barriers and may store young references. While
//! pretenuring that is needed only as long as young objects may exist:
//! the region requests a safepoint when it begins with a non-empty
//! nursery, and after that minor collection (the nursery is empty, young
//! objects are never pinned) the region's objects get `TRACK` and are not
//! remembered: the next minor collection does not scan them.
//!
//! A region pretenures at most [`PRETENURE_LIMIT`] bytes (a module doing
//! real work at import time): past it the allocations are young again,
//! and the objects pretenured since the last minor collection (which the
//! mutator may still initialize with young references) are remembered.

use crate::collector::{Concurrent, MAX_INLINE};
use gc_api::{MutatorContext, ObjRef};

/// The most bytes one pretenuring region allocates old.
pub const PRETENURE_LIMIT: usize = 16 << 20;

/// The pretenuring state.
#[derive(Default)]
pub(crate) struct Pretenure {
    /// Allocating old now (the hint is on and the region under the limit).
    pub active: bool,
    /// Young objects may exist: remember what is allocated old.
    pub remember: bool,
    /// Bytes pretenured by this region.
    pub bytes: usize,
    /// Objects allocated old, not remembered, since the last minor
    /// collection.
    pub fresh: Vec<usize>,
}

impl Concurrent {
    /// The hint changes.
    pub(crate) fn pretenure_hint(&mut self, ctx: &mut MutatorContext, on: bool) {
        let young = self.young.used(ctx) > 0;
        let p = &mut self.pretenure;
        p.bytes = 0;
        p.fresh.clear();
        if on {
            p.active = true;
            p.remember = young;
            if young {
                ctx.request_safepoint();
            }
            ctx.max_inline_size = 0; // every allocation takes the slow path
        } else {
            self.pretenure_stop(ctx);
        }
    }

    /// Allocation goes young again.
    fn pretenure_stop(&mut self, ctx: &mut MutatorContext) {
        self.pretenure.active = false;
        ctx.max_inline_size = MAX_INLINE;
        for a in std::mem::take(&mut self.pretenure.fresh) {
            // SAFETY: an object allocated old since the last minor
            // collection; a cycle frees nothing allocated during it.
            let o = unsafe { ObjRef::from_addr_unchecked(a) };
            self.remember(o);
        }
    }

    /// Whether an object of `size` bytes allocated old now must be
    /// remembered (false only while pretenuring with no young objects).
    pub(crate) fn pretenure_alloc(&mut self, ctx: &mut MutatorContext, size: usize) -> bool {
        if !self.pretenure.active {
            return true;
        }
        if self.pretenure.bytes + size > PRETENURE_LIMIT {
            self.pretenure_stop(ctx);
            return true;
        }
        self.pretenure.bytes += size;
        self.pretenure.remember
    }

    /// After a minor collection: the nursery is empty.
    pub(crate) fn pretenure_after_minor(&mut self) {
        self.pretenure.fresh.clear();
        self.pretenure.remember = false;
    }
}
