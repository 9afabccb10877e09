//! Raw access to object memory: the only place in gc-api that dereferences
//! object addresses.
//!
//! All word accesses are relaxed atomic loads and stores. On x86-64 and
//! AArch64 they compile to plain moves, and they make concurrent marking
//! threads (gc-concurrent) reading a slot while the mutator writes it
//! well-defined instead of a data race.
//!
//! The validity argument for every block below is the *ObjRef invariant*: an
//! [`ObjRef`] held by the mutator designates a live object until the next
//! safepoint (allocation never collects), and `offset` lies inside that object
//! (checked by the type-aware callers and by `debug_assert!`s in verify
//! builds). Torture mode poisons freed memory so that violations of the
//! invariant fail loudly instead of silently.

use crate::header::{header_tid, ObjRef, TypeId};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

impl ObjRef {
    #[inline(always)]
    fn word_atomic(self, offset: usize) -> &'static AtomicUsize {
        debug_assert!(offset.is_multiple_of(8), "unaligned slot offset {offset}");
        // SAFETY: ObjRef invariant (module docs): addr+offset is an aligned
        // word inside a live object. AtomicUsize has the layout of usize.
        // The 'static lifetime never escapes this module's callers, which
        // use the reference for one load or store.
        unsafe { AtomicUsize::from_ptr(self.as_ptr().add(offset) as *mut usize) }
    }

    #[inline(always)]
    fn header_atomic(self) -> &'static AtomicU64 {
        // SAFETY: ObjRef invariant: the header word is the object's first word.
        unsafe { AtomicU64::from_ptr(self.as_ptr() as *mut u64) }
    }

    /// The whole header word.
    #[inline(always)]
    pub fn header(self) -> u64 {
        self.header_atomic().load(Ordering::Relaxed)
    }

    /// Overwrites the header word.
    #[inline(always)]
    pub fn set_header(self, header: u64) {
        self.header_atomic().store(header, Ordering::Relaxed)
    }

    /// Sets flag bits in the header (single-threaded read-modify-write).
    #[inline(always)]
    pub fn set_flags(self, flags: u64) {
        self.set_header(self.header() | flags)
    }

    /// Clears flag bits in the header (single-threaded read-modify-write).
    #[inline(always)]
    pub fn clear_flags(self, flags: u64) {
        self.set_header(self.header() & !flags)
    }

    /// Atomically sets flag bits; returns the previous header. For collectors
    /// whose marking threads race on mark bits.
    #[inline(always)]
    pub fn fetch_or_flags(self, flags: u64) -> u64 {
        self.header_atomic().fetch_or(flags, Ordering::AcqRel)
    }

    /// Atomically clears flag bits; returns the previous header. The
    /// counterpart of [`ObjRef::fetch_or_flags`] for collectors that flip the
    /// meaning of a mark bit each cycle.
    #[inline(always)]
    pub fn fetch_clear_flags(self, flags: u64) -> u64 {
        self.header_atomic().fetch_and(!flags, Ordering::AcqRel)
    }

    /// The type id in the header.
    #[inline(always)]
    pub fn tid(self) -> TypeId {
        header_tid(self.header())
    }

    /// Reads the word at byte `offset` from the header.
    #[inline(always)]
    pub fn word(self, offset: usize) -> usize {
        self.word_atomic(offset).load(Ordering::Relaxed)
    }

    /// Writes the word at byte `offset` **without a write barrier**. Use it for
    /// non-reference data, for initialising an object allocated since the last
    /// safepoint, and inside collectors. Reference stores into older objects go
    /// through [`crate::Mutator::write_ref`].
    #[inline(always)]
    pub fn set_word(self, offset: usize, value: usize) {
        self.word_atomic(offset).store(value, Ordering::Relaxed)
    }

    /// Reads the word at `offset` with acquire ordering (for handshakes).
    #[inline(always)]
    pub fn word_acquire(self, offset: usize) -> usize {
        self.word_atomic(offset).load(Ordering::Acquire)
    }

    /// The address of the word at `offset` (for barrier slow paths).
    #[inline(always)]
    pub fn slot_addr(self, offset: usize) -> usize {
        self.addr() + offset
    }

    /// Reads a little-endian f64 stored at `offset`.
    #[inline(always)]
    pub fn f64_at(self, offset: usize) -> f64 {
        f64::from_bits(self.word(offset) as u64)
    }

    /// Stores an f64 at `offset` (non-reference data: no barrier).
    #[inline(always)]
    pub fn set_f64_at(self, offset: usize, v: f64) {
        self.set_word(offset, v.to_bits() as usize)
    }

    /// A byte slice inside the object.
    ///
    /// # Safety
    /// `offset..offset+len` must lie inside the object and the object must not
    /// be freed or moved while the slice is alive, i.e. the caller must not
    /// reach a safepoint, and must not write those bytes, during `'a`.
    #[inline(always)]
    pub unsafe fn bytes<'a>(self, offset: usize, len: usize) -> &'a [u8] {
        // SAFETY: the caller upholds the bounds and lifetime requirements.
        unsafe { std::slice::from_raw_parts(self.as_ptr().add(offset), len) }
    }

    /// A mutable byte slice inside the object (for non-reference payloads).
    ///
    /// # Safety
    /// As for [`ObjRef::bytes`], and no other reference to those bytes may
    /// exist during `'a`.
    #[inline(always)]
    #[allow(clippy::mut_from_ref)]
    pub unsafe fn bytes_mut<'a>(self, offset: usize, len: usize) -> &'a mut [u8] {
        // SAFETY: the caller upholds the bounds, aliasing and lifetime requirements.
        unsafe { std::slice::from_raw_parts_mut(self.as_ptr().add(offset), len) }
    }
}

/// Reads the word at an absolute slot address (collector-side helper).
///
/// # Safety
/// `addr` must be an aligned word inside a live object or root.
#[inline(always)]
pub unsafe fn load_slot(addr: usize) -> usize {
    // SAFETY: the caller guarantees addr is a valid aligned word.
    unsafe { AtomicUsize::from_ptr(addr as *mut usize) }.load(Ordering::Relaxed)
}

/// Writes the word at an absolute slot address (collector-side helper).
///
/// # Safety
/// `addr` must be an aligned word inside a live object or root.
#[inline(always)]
pub unsafe fn store_slot(addr: usize, value: usize) {
    // SAFETY: the caller guarantees addr is a valid aligned word.
    unsafe { AtomicUsize::from_ptr(addr as *mut usize) }.store(value, Ordering::Relaxed)
}
