//! Identity of young objects: PyPy's shadow scheme.
//!
//! A young object moves, so its address is not an identity. The first
//! identity request reserves the object's future old-space cell (a
//! "shadow", flagged `SHADOW_CELL` until filled) and returns its address;
//! the object is flagged `HAS_SHADOW` and the minor collection that
//! promotes it copies it there ([`Shadows::take`]). Shadows of young objects
//! that die are freed by [`Shadows::release_unreached`].

use crate::arena::MAX_SMALL;
use crate::header_flags::{HAS_SHADOW, PINNED_SEEN, SHADOW_CELL};
use crate::{Arena, LargeSpace};
use gc_api::{make_header, ObjRef, TypeId, TypeTable};
use std::collections::HashMap;

/// The object at `addr`.
#[inline(always)]
fn obj(addr: usize) -> ObjRef {
    // SAFETY: only called on addresses of young objects listed in the table
    // and of their freshly allocated shadows.
    unsafe { ObjRef::from_addr_unchecked(addr) }
}

/// Young object address -> reserved old-space cell.
#[derive(Default)]
pub struct Shadows {
    map: HashMap<usize, usize>,
}

impl Shadows {
    /// An empty table.
    pub fn new() -> Shadows {
        Shadows::default()
    }

    /// The identity of the young object `o`: its shadow, reserved now with
    /// `alloc(tid, size, length)` (returning an old-space cell of at least
    /// `size` bytes) if it has none.
    pub fn identity(
        &mut self,
        o: ObjRef,
        types: &TypeTable,
        alloc: impl FnOnce(TypeId, usize, usize) -> usize,
    ) -> usize {
        let a = o.addr();
        let h = o.header();
        if h & HAS_SHADOW != 0 {
            if let Some(&s) = self.map.get(&a) {
                return s;
            }
        }
        let size = types.size_of(o);
        let len = types.length_of(o);
        let shadow = alloc(o.tid(), size, len);
        obj(shadow).set_header(make_header(o.tid(), SHADOW_CELL));
        self.map.insert(a, shadow);
        o.set_header(h | HAS_SHADOW);
        shadow
    }

    /// Removes and returns the shadow of the young object at `young`, which
    /// is being promoted there.
    #[inline]
    pub fn take(&mut self, young: usize) -> Option<usize> {
        self.map.remove(&young)
    }

    /// Whether no shadow is reserved.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// After a minor collection: frees the shadows of the young objects
    /// left behind and not reached (`PINNED_SEEN` clear), which are dead.
    pub fn release_unreached(
        &mut self,
        types: &TypeTable,
        arena: &mut Arena,
        large: &mut LargeSpace,
        poison: bool,
    ) {
        if self.map.is_empty() {
            return;
        }
        let shadows = std::mem::take(&mut self.map);
        for (y, s) in shadows {
            if obj(y).header() & PINNED_SEEN != 0 {
                self.map.insert(y, s);
            } else if types.size_of(obj(y)) <= MAX_SMALL {
                // SAFETY: an arena shadow cell, never filled, unreachable
                // (its young object died).
                unsafe { arena.free(s, poison) };
            } else {
                // SAFETY: an untracked large-space shadow, never filled.
                unsafe { large.free(s, poison) };
            }
        }
    }

    /// Frees the large-space shadows (the large space does not track them)
    /// when the heap goes away. The young objects must still be mapped.
    pub fn free_large_on_drop(&mut self, types: &TypeTable, large: &mut LargeSpace) {
        for (y, s) in std::mem::take(&mut self.map) {
            if types.size_of(obj(y)) > MAX_SMALL {
                // SAFETY: an untracked large-space shadow, freed once.
                unsafe { large.free(s, false) };
            }
        }
    }
}
