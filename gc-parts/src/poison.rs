//! Poisoning of freed memory (verify and torture modes).
//!
//! Freed bytes are filled with [`POISON_BYTE`]. A stale reference into them
//! reads a header whose type id is `0xdddddddd`, which no type table
//! contains, so the first access through it panics with "heap corruption".

/// The byte written over freed memory.
pub const POISON_BYTE: u8 = 0xdd;
/// A word of poison.
pub const POISON_WORD: usize = usize::from_ne_bytes([POISON_BYTE; 8]);

/// Fills `start..end` with poison.
///
/// # Safety
/// The range must be writable memory owned by the collector that holds no
/// live object.
pub unsafe fn poison(start: usize, end: usize) {
    debug_assert!(start <= end);
    // SAFETY: guaranteed by the caller.
    unsafe { std::ptr::write_bytes(start as *mut u8, POISON_BYTE, end - start) }
}
