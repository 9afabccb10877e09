//! Header flag bits (the collector-owned bits 32..56 of the header word).

use gc_api::gc_flag;

/// Old object not in the remembered set: a store into it must call the
/// write-barrier slow path (this is `ctx.barrier_mask`). Young objects never
/// have it. While marking, black objects have it too, so stores into them
/// re-grey them at the next minor collection.
pub const TRACK_YOUNG_PTRS: u64 = gc_flag(0);
/// Marked by the current major cycle (grey or black).
pub const VISITED: u64 = gc_flag(1);
/// A large reference array with card bits before its meta words.
pub const HAS_CARDS: u64 = gc_flag(2);
/// Some card of this object is marked and it is on the cards list.
pub const CARDS_SET: u64 = gc_flag(3);
/// A nursery object that was copied out; the new address is in word 1.
pub const FORWARDED: u64 = gc_flag(4);
/// A pinned nursery object: never moved while pinned.
pub const PINNED: u64 = gc_flag(5);
/// A pinned object reached by the running minor collection.
pub const PINNED_SEEN: u64 = gc_flag(6);
/// A young object allocated outside the nursery (large space).
pub const YOUNG_LARGE: u64 = gc_flag(7);
/// A nursery object whose identity was taken: its old-space copy is
/// reserved in the shadow table.
pub const HAS_SHADOW: u64 = gc_flag(8);
/// An old-space cell reserved as the future home of a young object.
pub const SHADOW_CELL: u64 = gc_flag(9);
/// The object has a registered full finalizer that has not run yet.
pub const HAS_FINALIZER: u64 = gc_flag(10);
/// Finalizer ordering: this object will be finalized in this cycle unless
/// another finalizable object reaches it.
pub const FIN_CANDIDATE: u64 = gc_flag(11);

/// Flags that do not survive the copy out of the nursery.
pub const YOUNG_ONLY: u64 = TRACK_YOUNG_PTRS
    | VISITED
    | HAS_CARDS
    | CARDS_SET
    | FORWARDED
    | PINNED
    | PINNED_SEEN
    | YOUNG_LARGE
    | HAS_SHADOW
    | SHADOW_CELL
    | FIN_CANDIDATE;
