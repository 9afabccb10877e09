//! Header flag bits: the young-generation layout of
//! [`gc_parts::header_flags`], with the mark bit named `VISITED`.

pub use gc_parts::header_flags::*;

/// Marked by the current major cycle (grey or black). While marking, black
/// objects also have `TRACK_YOUNG_PTRS`, so stores into them re-grey them at
/// the next minor collection.
pub const VISITED: u64 = MARK_BIT;
