//! Header flag bits: the young-generation layout of
//! [`gc_parts::header_flags`] (the mark bit named `MARKED`), plus the age
//! bits of objects in the survivor space. The table in the crate
//! documentation explains each one.

pub use gc_parts::header_flags::*;

/// Marked by the running major collection (set atomically by the markers).
pub const MARKED: u64 = MARK_BIT;

/// First of the four age bits (minor collections survived, young objects).
pub const AGE_SHIFT: u32 = FIRST_FREE_BIT;
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
pub const COPY_CLEARS: u64 = YOUNG_ONLY | AGE_MASK;

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
