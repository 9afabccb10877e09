//! Big ints whose digits live outside the GC heap.
//!
//! A big int object is `[header][type][box][attrs]`: the third word owns a
//! `Box<BigBox>` holding the `num_bigint::BigInt` itself, so arithmetic
//! borrows or clones the value (a `memcpy` of its 64-bit limbs) instead of
//! converting digits between the heap and num-bigint's representation on
//! every operation (that conversion was two thirds of `pidigits`' time).
//! The box is raw memory in the sense of the architecture's rule 3: its
//! bytes are recorded in the VM's [`RawMemory`] and reported as memory
//! pressure by the allocating code, and it is freed by the object's light
//! finalizer when the object dies.
//!
//! *Ownership invariant*: the box word of a big int object is written once,
//! right after allocation, with a pointer from `Box::into_raw`, and never
//! changed until the light finalizer takes it back (and writes 0). Moving
//! collectors copy the word with the object; the abandoned copy is never
//! finalized, so exactly one object owns each box.

use gc_api::{ObjRef, RawMemory, TypeInfo};
use num_bigint::BigInt;
use std::sync::Arc;

/// Byte offset of the box word.
pub const BOX_OFF: usize = 16;
/// Byte offset of the attribute dict of int-subclass instances (a
/// reference slot; NULL for plain ints).
pub const ATTRS_OFF: usize = 24;
/// Object size.
pub const SIZE: u32 = 32;

/// The boxed value with the accounting it must undo when freed.
pub struct BigBox {
    value: BigInt,
    bytes: usize,
    raw: Arc<RawMemory>,
}

impl Drop for BigBox {
    fn drop(&mut self) {
        self.raw.freed(self.bytes);
    }
}

/// Raw bytes a value occupies (limbs plus the box).
pub fn raw_bytes(b: &BigInt) -> usize {
    (b.bits() as usize).div_ceil(64) * 8 + std::mem::size_of::<BigBox>()
}

/// The layout: two reference slots (the type, the attribute dict), the box
/// word, and the light finalizer that frees the box.
pub fn layout(name: String) -> TypeInfo {
    TypeInfo::fixed(name, SIZE, vec![8, ATTRS_OFF as u32]).with_light_finalizer(finalize)
}

/// Light finalizer: frees the dying object's box. Touches only that
/// object's non-reference word; may run on a GC thread.
fn finalize(o: ObjRef) {
    let w = o.word(BOX_OFF);
    o.set_word(BOX_OFF, 0);
    if w != 0 {
        // SAFETY: `w` came from `Box::into_raw` in `install` and, by the
        // ownership invariant, this object is its only owner and its light
        // finalizer runs once; the word is cleared above.
        drop(unsafe { Box::from_raw(w as *mut BigBox) });
    }
}

/// Stores `value` in the freshly allocated big int object `o` and records
/// its bytes in `raw`. Returns the bytes (for memory pressure).
pub fn install(o: ObjRef, value: BigInt, raw: &Arc<RawMemory>) -> usize {
    debug_assert_eq!(o.word(BOX_OFF), 0, "box word written twice");
    let bytes = raw_bytes(&value);
    raw.allocated(bytes);
    let b = Box::new(BigBox {
        value,
        bytes,
        raw: raw.clone(),
    });
    o.set_word(BOX_OFF, Box::into_raw(b) as usize);
    bytes
}

/// Raw bytes owned by big int object `o` (0 once finalized), for heap
/// snapshots. Reads the box's recorded size; must not reach a safepoint.
pub fn owned_bytes(o: ObjRef) -> usize {
    let w = o.word(BOX_OFF);
    if w == 0 {
        return 0;
    }
    // SAFETY: as in `with`: a live big int's box is installed, never moves
    // and is only freed by the object's light finalizer at a collection.
    unsafe { (*(w as *const BigBox)).bytes }
}

/// Borrows the value of big int object `o` for the duration of `f`, which
/// must not reach a safepoint (it gets no VM; callers pass pure arithmetic).
#[inline]
pub fn with<R>(o: ObjRef, f: impl FnOnce(&BigInt) -> R) -> R {
    let w = o.word(BOX_OFF);
    assert!(w != 0, "big int object without its box");
    // SAFETY: `o` is a live big int object (the caller holds it), so its box
    // is installed and not yet finalized (light finalizers run only for dead
    // objects, and only at collections, which `f` does not reach). The box
    // itself never moves, even when a collector moves `o`, and the value is
    // never mutated after `install`, so a shared borrow is sound.
    f(unsafe { &(*(w as *const BigBox)).value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_bytes_counts_limbs() {
        let small = raw_bytes(&BigInt::from(1u64 << 62));
        let big = raw_bytes(&(BigInt::from(1) << 640));
        assert_eq!(big - small, 10 * 8, "641 bits take 11 limbs, 2^62 one");
    }
}
