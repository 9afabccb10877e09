//! Allocation helpers of a copying young generation outside the inline
//! fast path: object sizes, old-space cells, bumping into the allocation
//! buffer, young large objects and the heap limit.

use crate::arena::MAX_SMALL;
use crate::header_flags::{HAS_CARDS, TRACK_YOUNG_PTRS, YOUNG_LARGE};
use crate::nursery::cap_buffer;
use crate::remembered::wants_cards;
use crate::{card_bytes, Arena, LargeSpace, Nursery};
use gc_api::{make_header, AllocError, MutatorContext, ObjRef, TypeId, TypeTable};

/// The size in bytes of a new object of type `tid` with `length` items (0
/// for fixed-size types), and its item count; an error for an unknown type
/// or a size that overflows.
#[inline]
pub fn object_size(
    types: &TypeTable,
    tid: TypeId,
    length: usize,
) -> Result<(usize, usize), AllocError> {
    if !types.contains(tid) {
        return Err(AllocError::TooLarge { requested: 0 });
    }
    let info = types.get(tid);
    match &info.var {
        None => Ok((info.fixed_size as usize, 0)),
        Some(v) => {
            let fits = length
                .checked_mul(v.item_size as usize)
                .and_then(|b| b.checked_add(info.fixed_size as usize + 7))
                .is_some_and(|b| b <= isize::MAX as usize);
            if !fits {
                return Err(AllocError::TooLarge {
                    requested: usize::MAX,
                });
            }
            Ok((info.size_for(length), length))
        }
    }
}

/// Writes the length word of a new object of type `tid` with `len` items
/// (nothing for fixed-size types).
#[inline]
pub fn set_length(types: &TypeTable, obj: ObjRef, tid: TypeId, len: usize) {
    if let Some(v) = types.get(tid).var.as_ref() {
        obj.set_word(v.length_offset as usize, len);
    }
}

/// Bumps a new object of `size` bytes and type `tid` in the allocation
/// buffer, which the caller checked has room.
#[inline]
pub fn bump(ctx: &mut MutatorContext, tid: TypeId, size: usize) -> ObjRef {
    debug_assert!(ctx.alloc_top + size <= ctx.alloc_limit);
    let at = ctx.alloc_top;
    ctx.alloc_top += size;
    // SAFETY: at..at+size lies in the zeroed buffer the caller checked.
    let obj = unsafe { ObjRef::from_addr_unchecked(at) };
    obj.set_header(make_header(tid, 0));
    obj
}

/// Allocates old-space room for an object of `size` bytes with `len` items:
/// an arena cell up to [`MAX_SMALL`] bytes, else a large block, with card
/// bits when [`wants_cards`] (`item_refs`, asked only then, says whether
/// its items are references). Returns the address and whether it has
/// cards.
#[inline]
pub fn old_alloc(
    arena: &mut Arena,
    large: &mut LargeSpace,
    size: usize,
    len: usize,
    item_refs: impl FnOnce() -> bool,
) -> Option<(usize, bool)> {
    if size <= MAX_SMALL {
        arena.alloc(size).map(|a| (a, false))
    } else {
        let cards = wants_cards(item_refs(), len);
        let prefix = if cards { card_bytes(len) } else { 0 };
        large.alloc(size, prefix).map(|a| (a, cards))
    }
}

/// Sets up the header of a young large object of type `tid` at the fresh,
/// zeroed block `addr` (`cards`: it has card bits).
pub fn init_young_large(addr: usize, tid: TypeId, cards: bool) -> ObjRef {
    // SAFETY: a fresh, zeroed, 8-aligned block of the object's size.
    let obj = unsafe { ObjRef::from_addr_unchecked(addr) };
    let mut flags = YOUNG_LARGE;
    if cards {
        flags |= HAS_CARDS;
    }
    obj.set_header(make_header(tid, flags));
    obj
}

/// Bytes left under the heap limit `limit` with `in_use` bytes in use.
#[inline]
pub fn room(limit: Option<usize>, in_use: usize) -> usize {
    match limit {
        None => usize::MAX,
        Some(l) => l.saturating_sub(in_use),
    }
}

/// The error of an allocation of `requested` bytes over the heap limit; a
/// safepoint is requested (where the caller's full collection runs).
pub fn limit_error(ctx: &MutatorContext, limit: Option<usize>, requested: usize) -> AllocError {
    ctx.request_safepoint();
    AllocError::HeapLimit {
        requested,
        limit: limit.unwrap_or(usize::MAX),
    }
}

/// Sets the mutator's fast-path contract of a young generation with the
/// [`crate::header_flags`] layout: inline allocation below `max_inline`
/// bytes, new objects without flags, and the store barrier taken on
/// `TRACK_YOUNG_PTRS` (no SATB phase: `barrier_active` stays 0).
pub fn attach(ctx: &mut MutatorContext, max_inline: usize) {
    ctx.max_inline_size = max_inline;
    ctx.barrier_mask = TRACK_YOUNG_PTRS;
    ctx.barrier_active = 0;
    ctx.new_object_flags = 0;
}

/// Makes room for `size` bytes in the allocation buffer from `nursery`,
/// handing out at most `room` bytes (the heap limit). Allocation never
/// collects: past the nominal nursery, or when `collect_soon`, it requests
/// a safepoint; an exhausted reservation is `OutOfMemory`.
pub fn refill_buffer(
    nursery: &mut Nursery,
    ctx: &mut MutatorContext,
    size: usize,
    room: usize,
    collect_soon: bool,
) -> Result<(), AllocError> {
    let Some((top, limit)) = nursery.refill(ctx.alloc_top, size) else {
        ctx.request_safepoint();
        return Err(AllocError::OutOfMemory { requested: size });
    };
    if nursery.over_nominal() || collect_soon {
        ctx.request_safepoint();
    }
    ctx.set_buffer(top, cap_buffer(top, limit, room));
    Ok(())
}

/// Installs the buffer `(top, limit)` the nursery hands out after a reset,
/// capped to `room(ctx)` bytes (the heap limit, computed once the buffer
/// starts at `top`).
pub fn install_buffer(
    ctx: &mut MutatorContext,
    (top, limit): (usize, usize),
    room: impl FnOnce(&MutatorContext) -> usize,
) {
    ctx.set_buffer(top, top);
    let room = room(ctx);
    ctx.set_buffer(top, cap_buffer(top, limit, room));
}

#[cfg(test)]
mod tests {
    use super::*;
    use gc_api::{TypeInfo, VarLayout};

    #[test]
    fn sizes_and_errors() {
        let mut t = TypeTable::new();
        let fixed = t.register(TypeInfo::fixed("f", 24, vec![]));
        let var = t.register(TypeInfo::var_size(
            "v",
            16,
            vec![],
            VarLayout {
                length_offset: 8,
                item_size: 8,
                item_ref_offsets: vec![0],
            },
        ));
        assert_eq!(object_size(&t, fixed, 99).unwrap(), (24, 0));
        assert_eq!(
            object_size(&t, var, 3).unwrap(),
            (t.get(var).size_for(3), 3)
        );
        assert!(matches!(
            object_size(&t, var, usize::MAX / 4),
            Err(AllocError::TooLarge {
                requested: usize::MAX
            })
        ));
        assert!(matches!(
            object_size(&t, TypeId(777), 0),
            Err(AllocError::TooLarge { requested: 0 })
        ));
        assert_eq!(room(None, 5), usize::MAX);
        assert_eq!(room(Some(100), 30), 70);
        assert_eq!(room(Some(10), 30), 0);
    }
}
