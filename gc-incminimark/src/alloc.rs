//! Allocation outside the inline fast path: buffer refills, large
//! objects, old-space room, and the heap limit.

use crate::IncMiniMark;
use gc_api::{AllocError, MutatorContext, ObjRef, TypeId};
use gc_parts::{young_alloc, TypeFacts};

impl IncMiniMark {
    /// Allocates old-space room for an object of `size` bytes and type
    /// `tid` with `len` items. Returns the address and whether it has cards.
    pub(crate) fn old_alloc(
        &mut self,
        tid: TypeId,
        size: usize,
        len: usize,
    ) -> Option<(usize, bool)> {
        let facts = &self.facts;
        young_alloc::old_alloc(&mut self.arena, &mut self.large, size, len, || {
            TypeFacts::of(facts, tid).item_refs
        })
    }

    /// Room left under the heap limit.
    pub(crate) fn room(&self, ctx: &MutatorContext) -> usize {
        young_alloc::room(self.heap_limit, self.heap_in_use(ctx))
    }

    /// The error of an allocation over the heap limit; a full collection
    /// runs at the next safepoint.
    pub(crate) fn limit_error(&mut self, ctx: &MutatorContext, requested: usize) -> AllocError {
        self.full_requested = true;
        young_alloc::limit_error(ctx, self.heap_limit, requested)
    }

    /// Makes room for `size` bytes in the allocation buffer.
    pub(crate) fn refill(
        &mut self,
        ctx: &mut MutatorContext,
        size: usize,
    ) -> Result<(), AllocError> {
        let room = self.room(ctx);
        if size > room {
            return Err(self.limit_error(ctx, size));
        }
        // Getting close to the heap limit: collect at the next safepoint
        // rather than fail later.
        let collect_soon = room < 2 * self.nursery_size;
        young_alloc::refill_buffer(&mut self.nursery, ctx, size, room, collect_soon)
    }

    /// Installs the buffer the nursery hands out after a reset.
    pub(crate) fn install_buffer(&mut self, ctx: &mut MutatorContext, buf: (usize, usize)) {
        young_alloc::install_buffer(ctx, buf, |ctx| self.room(ctx));
    }

    pub(crate) fn alloc_large(
        &mut self,
        ctx: &mut MutatorContext,
        tid: TypeId,
        size: usize,
        len: usize,
    ) -> Result<ObjRef, AllocError> {
        if size > self.room(ctx) {
            return Err(self.limit_error(ctx, size));
        }
        let Some((addr, cards)) = self.old_alloc(tid, size, len) else {
            return Err(AllocError::OutOfMemory { requested: size });
        };
        let obj = young_alloc::init_young_large(addr, tid, cards);
        self.young.add_large(addr, size);
        if self.young.large_bytes >= self.nursery_size || self.major_due() {
            ctx.request_safepoint();
        }
        Ok(obj)
    }
}
