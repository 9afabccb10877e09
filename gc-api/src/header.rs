//! The object header and object references.
//!
//! Every object in a pygc heap starts with one 64-bit header word:
//!
//! ```text
//!  63            56 55                        32 31                         0
//! +----------------+----------------------------+----------------------------+
//! |  VM flag bits  |     collector flag bits    |          type id           |
//! +----------------+----------------------------+----------------------------+
//! ```
//!
//! * bits 0..32: the [`TypeId`] registered in the [`crate::TypeTable`];
//! * bits 32..56: owned by the collector (mark bits, "track young pointers",
//!   "has cards", "pinned", "forwarded", ...). Their meaning is private to each
//!   collector; the mutator only ever tests them through the barrier mask in
//!   [`crate::MutatorContext::barrier_mask`];
//! * bits 56..64: owned by the VM (the interpreter may use them freely, the
//!   collector preserves them when it copies an object).
//!
//! A copying collector that moves an object marks the old copy forwarded with a
//! collector flag and writes the new address into the first word after the
//! header. Every object is therefore at least [`MIN_OBJECT_SIZE`] bytes.
//!
//! An [`ObjRef`] points at the header word. A *slot* is any word in an object
//! that the type table lists as a reference slot. A slot may also hold an
//! immediate (a tagged small integer, `None`, ...): by convention a word is a
//! reference exactly when [`is_ref`] says so — non-zero with its low three bits
//! clear — so the VM can store tagged values anywhere.

use std::fmt;
use std::ptr::NonNull;

/// Index into the [`crate::TypeTable`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub u32);

impl fmt::Debug for TypeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "tid#{}", self.0)
    }
}

/// Size of the header in bytes.
pub const HEADER_SIZE: usize = 8;
/// Every object is at least this large (room for a forwarding pointer).
pub const MIN_OBJECT_SIZE: usize = 16;
/// Objects are aligned to this many bytes.
pub const OBJECT_ALIGN: usize = 8;

/// Mask of the type-id bits in the header.
pub const TID_MASK: u64 = 0xffff_ffff;
/// Mask of the collector-owned flag bits.
pub const GC_FLAGS_MASK: u64 = 0x00ff_ffff_0000_0000;
/// Mask of the VM-owned flag bits.
pub const VM_FLAGS_MASK: u64 = 0xff00_0000_0000_0000;

/// The `n`th collector flag bit (`n < 24`), as a header mask.
pub const fn gc_flag(n: u32) -> u64 {
    assert!(n < 24);
    1u64 << (32 + n)
}

/// The `n`th VM flag bit (`n < 8`), as a header mask.
pub const fn vm_flag(n: u32) -> u64 {
    assert!(n < 8);
    1u64 << (56 + n)
}

/// Builds a header word from a type id and flag bits.
#[inline(always)]
pub const fn make_header(tid: TypeId, flags: u64) -> u64 {
    (tid.0 as u64) | (flags & !TID_MASK)
}

/// The type id stored in a header word.
#[inline(always)]
pub const fn header_tid(header: u64) -> TypeId {
    TypeId((header & TID_MASK) as u32)
}

/// Is this word a reference (as opposed to null or a tagged immediate)?
#[inline(always)]
pub const fn is_ref(word: usize) -> bool {
    word != 0 && word & 7 == 0
}

/// Rounds a byte size up to the object alignment and minimum size.
#[inline(always)]
pub const fn round_object_size(size: usize) -> usize {
    let s = (size + OBJECT_ALIGN - 1) & !(OBJECT_ALIGN - 1);
    if s < MIN_OBJECT_SIZE {
        MIN_OBJECT_SIZE
    } else {
        s
    }
}

/// A reference to a heap object: the address of its header word.
///
/// An `ObjRef` is only valid until the next safepoint: a moving collector may
/// relocate the object and any collector may free it once it is unreachable.
/// Code that keeps an object across a safepoint stores it in a root
/// ([`crate::Handle`]) instead.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(transparent)]
pub struct ObjRef(NonNull<u8>);

// SAFETY: an ObjRef is an address; it carries no ownership. Threads of a
// concurrent collector read objects through it using atomic slot accesses.
unsafe impl Send for ObjRef {}
// SAFETY: as above; all shared access goes through atomic loads and stores.
unsafe impl Sync for ObjRef {}

impl fmt::Debug for ObjRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ObjRef({:#x})", self.addr())
    }
}

impl ObjRef {
    /// Converts a word to a reference, if [`is_ref`] holds for it.
    #[inline(always)]
    pub fn from_word(word: usize) -> Option<ObjRef> {
        if is_ref(word) {
            NonNull::new(word as *mut u8).map(ObjRef)
        } else {
            None
        }
    }

    /// Wraps an address without checking its tag.
    ///
    /// # Safety
    /// `addr` must be the non-null, 8-aligned address of an object header.
    #[inline(always)]
    pub unsafe fn from_addr_unchecked(addr: usize) -> ObjRef {
        // SAFETY: the caller guarantees addr is non-null.
        ObjRef(unsafe { NonNull::new_unchecked(addr as *mut u8) })
    }

    /// The address of the header word.
    #[inline(always)]
    pub fn addr(self) -> usize {
        self.0.as_ptr() as usize
    }

    /// The address as a raw pointer.
    #[inline(always)]
    pub fn as_ptr(self) -> *mut u8 {
        self.0.as_ptr()
    }

    /// The word that stores this reference in a slot.
    #[inline(always)]
    pub fn to_word(self) -> usize {
        self.addr()
    }
}
