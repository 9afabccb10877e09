//! Header flag bits (the collector-owned bits 32..56 of the header word).
//! The table in the crate documentation explains each one.

use gc_api::gc_flag;

/// Old object not in the remembered set: a store into it must call the
/// write-barrier slow path (this is `ctx.barrier_mask`). Young objects never
/// have it.
pub const TRACK_YOUNG_PTRS: u64 = gc_flag(0);
/// Marked by the running major collection (set atomically by the markers).
pub const MARKED: u64 = gc_flag(1);
/// A large reference array with card bits before its meta words.
pub const HAS_CARDS: u64 = gc_flag(2);
/// Some card of this object is marked and it is on the cards list.
pub const CARDS_SET: u64 = gc_flag(3);
/// A young object that was copied; the new address is in word 1.
pub const FORWARDED: u64 = gc_flag(4);
/// A pinned nursery object: never moved while pinned.
pub const PINNED: u64 = gc_flag(5);
/// A pinned object reached by the running minor collection.
pub const PINNED_SEEN: u64 = gc_flag(6);
/// A young object allocated outside the nursery (large space).
pub const YOUNG_LARGE: u64 = gc_flag(7);
/// A young object whose identity was taken: its old-space copy is reserved
/// in the shadow table, and it is promoted there at the next minor
/// collection whatever its age.
pub const HAS_SHADOW: u64 = gc_flag(8);
/// An old-space cell reserved as the future home of a young object.
pub const SHADOW_CELL: u64 = gc_flag(9);
/// The object has a registered full finalizer that has not been queued.
pub const HAS_FINALIZER: u64 = gc_flag(10);
/// Finalizer ordering: this object will be finalized in this collection
/// unless another finalizable object reaches it.
pub const FIN_CANDIDATE: u64 = gc_flag(11);
/// First of the four age bits (minor collections survived, young objects).
pub const AGE_SHIFT: u32 = 32 + 12;
/// The age bits.
pub const AGE_MASK: u64 = 0xf << AGE_SHIFT;

/// The age of a young object.
#[inline(always)]
pub const fn age_of(header: u64) -> u32 {
    ((header & AGE_MASK) >> AGE_SHIFT) as u32
}

/// `header` with its age replaced by `age` (at most 15).
#[inline(always)]
pub const fn with_age(header: u64, age: u32) -> u64 {
    let a = if age > 15 { 15 } else { age as u64 };
    (header & !AGE_MASK) | (a << AGE_SHIFT)
}

/// Flags that do not survive a copy (to the survivor space or old space).
pub const COPY_CLEARS: u64 = TRACK_YOUNG_PTRS
    | MARKED
    | HAS_CARDS
    | CARDS_SET
    | FORWARDED
    | PINNED
    | PINNED_SEEN
    | YOUNG_LARGE
    | HAS_SHADOW
    | SHADOW_CELL
    | FIN_CANDIDATE
    | AGE_MASK;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_bits_round_trip_and_stay_private() {
        let h = 0x0100_0000_0000_0007u64 | PINNED;
        for a in 0..=15 {
            let n = with_age(h, a);
            assert_eq!(age_of(n), a);
            assert_eq!(n & !AGE_MASK, h);
        }
        assert_eq!(age_of(with_age(h, 99)), 15);
        assert_eq!(AGE_MASK & !gc_api::header::GC_FLAGS_MASK, 0);
        assert_eq!(AGE_MASK & (FIN_CANDIDATE | HAS_FINALIZER), 0);
    }
}
