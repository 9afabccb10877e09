//! Pretenuring ([`gc_api::Collector::set_pretenure`]): while the VM says
//! the objects it allocates will live long (its start-up, module imports),
//! they are allocated directly in the old generation, so no minor
//! collection copies them (PyPy allocates its prebuilt objects old too).
//!
//! The mutator initializes new objects without barriers, so a pretenured
//! object may get references to young objects that existed when the region
//! began. While any young object may exist (the nursery, young large or
//! pinned objects were non-empty when the region began), pretenured objects
//! are remembered at once (`TRACK_YOUNG_PTRS` clear) and a safepoint is
//! requested: its minor collection empties the young generation and scans
//! them; from then on (no pinned object left) the region's objects are old
//! objects like any other (`TRACK_YOUNG_PTRS` set, not remembered).
//!
//! While marking, pretenured objects are allocated white: this is
//! incremental-update marking, so a new white object is found through the
//! roots (re-greyed by every minor collection while marking), a barriered
//! store into a black object, or the scan of a grey object. While
//! sweeping, arena cells come from pages the sweep has finished and large
//! objects tracked now are not in the running sweep.
//!
//! A region pretenures at most [`PRETENURE_LIMIT`] bytes (a module doing
//! real work at import time): past it the allocations are young again,
//! and the objects pretenured since the last safepoint (which the mutator
//! may still initialize with young references) are remembered.

use crate::flags::{HAS_CARDS, TRACK_YOUNG_PTRS};
use crate::IncMiniMark;
use gc_api::{make_header, AllocError, MutatorContext, ObjRef, TypeId};
use gc_parts::arena::MAX_SMALL;

/// The most bytes one pretenuring region allocates old.
pub const PRETENURE_LIMIT: usize = 16 << 20;

/// The pretenuring state.
#[derive(Default)]
pub(crate) struct Pretenure {
    /// The VM's hint is on.
    pub on: bool,
    /// Allocating old now (on and under the limit).
    pub active: bool,
    /// Young objects may exist: remember what is pretenured.
    pub remember: bool,
    /// Bytes pretenured by this region.
    pub bytes: usize,
    /// Objects with references pretenured since the last minor collection
    /// and not remembered.
    pub fresh: Vec<usize>,
    /// Bytes pretenured in total (statistics).
    pub total: u64,
}

impl IncMiniMark {
    /// Whether any young object may exist now.
    fn young_exist(&self, ctx: &MutatorContext) -> bool {
        self.nursery.used_bytes(ctx.alloc_top) > 0
            || !self.holes.is_empty()
            || !self.pinned.is_empty()
            || !self.young.large.is_empty()
    }

    /// The hint changes.
    pub(crate) fn pretenure_hint(&mut self, ctx: &mut MutatorContext, on: bool) {
        let young = self.young_exist(ctx);
        let p = &mut self.pretenure;
        p.on = on;
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
        ctx.max_inline_size = self.max_inline;
        for a in std::mem::take(&mut self.pretenure.fresh) {
            // SAFETY: a pretenured object allocated since the last minor
            // collection: old objects don't move and this one is live
            // (no major cycle finished since: that needs a safepoint).
            let o = unsafe { ObjRef::from_addr_unchecked(a) };
            self.remembered.remember(o, &self.facts);
        }
    }

    /// After a minor collection: the young generation is empty unless
    /// objects stayed pinned.
    pub(crate) fn pretenure_after_minor(&mut self) {
        self.pretenure.fresh.clear();
        if self.pretenure.remember && self.holes.is_empty() && self.young.large.is_empty() {
            self.pretenure.remember = false;
        }
    }

    /// Allocates a pretenured object in the old generation (an arena
    /// cell, or the large space with cards for big reference arrays);
    /// `None` when the region is past its limit (allocate young).
    pub(crate) fn alloc_pretenured(
        &mut self,
        ctx: &mut MutatorContext,
        tid: TypeId,
        size: usize,
        len: usize,
    ) -> Option<Result<ObjRef, AllocError>> {
        if self.pretenure.bytes + size > PRETENURE_LIMIT {
            self.pretenure_stop(ctx);
            return None;
        }
        if size > self.room(ctx) {
            return Some(Err(self.limit_error(ctx, size)));
        }
        let (a, cards) = if size <= MAX_SMALL {
            (self.arena.alloc_zeroed(size), false)
        } else {
            match self.old_alloc(tid, size, len) {
                Some((a, cards)) => (Some(a), cards),
                None => (None, false),
            }
        };
        let Some(a) = a else {
            return Some(Err(AllocError::OutOfMemory { requested: size }));
        };
        let facts = self.facts(tid);
        let remember = facts.has_refs && self.pretenure.remember;
        let mut flags = if remember { 0 } else { TRACK_YOUNG_PTRS };
        if cards {
            flags |= HAS_CARDS;
        }
        // SAFETY: a fresh, zeroed, 8-aligned old block of at least `size` bytes.
        let obj = unsafe { ObjRef::from_addr_unchecked(a) };
        obj.set_header(make_header(tid, flags));
        if size > MAX_SMALL {
            self.large.track(a);
        }
        if remember {
            self.remembered.objects.push(a);
        } else if facts.has_refs {
            self.pretenure.fresh.push(a);
        }
        if facts.weak.is_some() {
            if remember {
                self.remembered.weak.push(a);
            }
            self.old.weak.push(a);
        }
        if facts.light.is_some() {
            self.old.light.push(a);
        }
        self.pretenure.bytes += size;
        self.pretenure.total += size as u64;
        self.slow_allocated += size as u64;
        if self.major_due() {
            ctx.request_safepoint();
        }
        Some(Ok(obj))
    }
}
