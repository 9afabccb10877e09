//! Allocation outside the inline fast path: buffer refills, large
//! objects, old-space room, and the heap limit.

use crate::flags::*;
use crate::IncMiniMark;
use gc_api::{make_header, AllocError, MutatorContext, ObjRef, TypeId};
use gc_parts::arena::MAX_SMALL;
use gc_parts::card_bytes;

impl IncMiniMark {
    /// Allocates old-space room for an object of `size` bytes and type
    /// `tid` with `len` items. Returns the address and whether it has cards.
    pub(crate) fn old_alloc(
        &mut self,
        tid: TypeId,
        size: usize,
        len: usize,
    ) -> Option<(usize, bool)> {
        if size <= MAX_SMALL {
            self.arena.alloc(size).map(|a| (a, false))
        } else {
            let cards = self.wants_cards(tid, len);
            let prefix = if cards { card_bytes(len) } else { 0 };
            self.large.alloc(size, prefix).map(|a| (a, cards))
        }
    }

    /// Room left under the heap limit.
    pub(crate) fn room(&self, ctx: &MutatorContext) -> usize {
        match self.heap_limit {
            None => usize::MAX,
            Some(l) => l.saturating_sub(self.heap_in_use(ctx)),
        }
    }

    pub(crate) fn limit_error(&mut self, ctx: &MutatorContext, requested: usize) -> AllocError {
        self.full_requested = true;
        ctx.request_safepoint();
        AllocError::HeapLimit {
            requested,
            limit: self.heap_limit.unwrap_or(usize::MAX),
        }
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
        let Some((top, limit)) = self.nursery.refill(ctx.alloc_top, size) else {
            ctx.request_safepoint();
            return Err(AllocError::OutOfMemory { requested: size });
        };
        // Past the nominal nursery, or getting close to the heap limit:
        // collect at the next safepoint rather than fail later.
        if self.nursery.over_nominal() || room < 2 * self.nursery_size {
            ctx.request_safepoint();
        }
        let capped = gc_parts::nursery::cap_buffer(top, limit, room);
        ctx.set_buffer(top, capped);
        Ok(())
    }

    /// Installs the buffer the nursery hands out after a reset.
    pub(crate) fn install_buffer(
        &mut self,
        ctx: &mut MutatorContext,
        (top, limit): (usize, usize),
    ) {
        ctx.set_buffer(top, top);
        let room = self.room(ctx);
        let capped = gc_parts::nursery::cap_buffer(top, limit, room);
        ctx.set_buffer(top, capped);
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
        // SAFETY: a fresh, zeroed, 8-aligned block of `size` bytes.
        let obj = unsafe { ObjRef::from_addr_unchecked(addr) };
        let mut flags = YOUNG_LARGE;
        if cards {
            flags |= HAS_CARDS;
        }
        obj.set_header(make_header(tid, flags));
        self.young_large.push(addr);
        self.young_large_bytes += size;
        if self.young_large_bytes >= self.nursery_size || self.major_due() {
            ctx.request_safepoint();
        }
        Ok(obj)
    }
}
