//! The header-flag layout of the copying young generation, shared by the
//! collectors that use the young-generation parts ([`crate::remembered`],
//! [`crate::pins`], [`crate::shadows`], [`crate::young_lists`]).
//!
//! The bits are the collector-owned bits 32..56 of the header word
//! ([`gc_api::gc_flag`]). Bit 1 is the major collector's mark bit
//! ([`MARK_BIT`]); each collector names it after its own use (incminimark's
//! `VISITED`, generational's `MARKED`). Collectors may use bits from
//! [`FIRST_FREE_BIT`] on for their own flags (e.g. object ages).

use gc_api::gc_flag;

/// Old object not in the remembered set: a store into it must call the
/// write-barrier slow path (this is `ctx.barrier_mask`). Young objects never
/// have it.
pub const TRACK_YOUNG_PTRS: u64 = gc_flag(0);
/// Marked by the major collector (its meaning is the collector's).
pub const MARK_BIT: u64 = gc_flag(1);
/// A large reference array with card bits before its meta words.
pub const HAS_CARDS: u64 = gc_flag(2);
/// Some card of this object is marked and it is on the cards list.
pub const CARDS_SET: u64 = gc_flag(3);
/// A young object that was copied out; the new address is in word 1.
pub const FORWARDED: u64 = gc_flag(4);
/// A pinned nursery object: never moved while pinned.
pub const PINNED: u64 = gc_flag(5);
/// A pinned object reached by the running minor collection.
pub const PINNED_SEEN: u64 = gc_flag(6);
/// A young object allocated outside the nursery (large space).
pub const YOUNG_LARGE: u64 = gc_flag(7);
/// A young object whose identity was taken: its old-space copy is reserved
/// in the shadow table ([`crate::shadows`]).
pub const HAS_SHADOW: u64 = gc_flag(8);
/// An old-space cell reserved as the future home of a young object.
pub const SHADOW_CELL: u64 = gc_flag(9);
/// The object has a registered full finalizer that has not been queued.
pub const HAS_FINALIZER: u64 = gc_flag(10);
/// Finalizer ordering: this object will be finalized in this cycle unless
/// another finalizable object reaches it.
pub const FIN_CANDIDATE: u64 = gc_flag(11);
/// The first collector bit this layout leaves free (32 + 12).
pub const FIRST_FREE_BIT: u32 = 32 + 12;

/// Flags that do not survive the copy of a young object.
pub const YOUNG_ONLY: u64 = TRACK_YOUNG_PTRS
    | MARK_BIT
    | HAS_CARDS
    | CARDS_SET
    | FORWARDED
    | PINNED
    | PINNED_SEEN
    | YOUNG_LARGE
    | HAS_SHADOW
    | SHADOW_CELL
    | FIN_CANDIDATE;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_are_distinct_collector_bits_below_the_free_ones() {
        let all = [
            TRACK_YOUNG_PTRS,
            MARK_BIT,
            HAS_CARDS,
            CARDS_SET,
            FORWARDED,
            PINNED,
            PINNED_SEEN,
            YOUNG_LARGE,
            HAS_SHADOW,
            SHADOW_CELL,
            HAS_FINALIZER,
            FIN_CANDIDATE,
        ];
        let mut seen = 0u64;
        for f in all {
            assert_eq!(f.count_ones(), 1);
            assert_eq!(seen & f, 0);
            assert_eq!(f & !gc_api::header::GC_FLAGS_MASK, 0);
            assert!(f < 1 << FIRST_FREE_BIT);
            seen |= f;
        }
        assert_eq!(YOUNG_ONLY, seen & !HAS_FINALIZER);
    }
}
