//! The remembered set of a generational collector with the
//! [`crate::header_flags`] layout: the write-barrier slow paths and the
//! lists the next minor collection scans.
//!
//! The barrier contract is `ctx.barrier_mask = TRACK_YOUNG_PTRS`: a store
//! into an object with that flag calls the slow path, which clears the flag
//! and lists the object, so each old object is remembered once per minor
//! cycle. Large reference arrays with card bits (`HAS_CARDS`) keep the flag
//! and get one card marked per store instead; the array is listed once
//! (`CARDS_SET`).

use crate::header_flags::{CARDS_SET, HAS_CARDS, TRACK_YOUNG_PTRS};
use crate::type_facts::TypeFacts;
use crate::{Cards, LargeSpace, CARD_ITEMS};
use gc_api::{header_tid, ObjRef, TypeTable};

/// Arrays with at least this many items get card bits (in the large space).
pub const CARD_MIN_ITEMS: usize = 2 * CARD_ITEMS;

/// Whether an object with `len` items, `item_refs` saying whether they are
/// references, gets card bits when placed in the large space.
#[inline]
pub fn wants_cards(item_refs: bool, len: usize) -> bool {
    item_refs && len >= CARD_MIN_ITEMS
}

/// The card bits of a `HAS_CARDS` object.
#[inline]
pub fn cards_of(types: &TypeTable, obj: ObjRef) -> Cards {
    debug_assert!(obj.header() & HAS_CARDS != 0);
    let len = types.length_of(obj);
    // SAFETY: HAS_CARDS objects were allocated in the large space with a
    // side area of card_bytes(len) bytes (the length never changes).
    unsafe { Cards::new(LargeSpace::prefix_start(obj.addr()), len) }
}

/// Before a minor collection scans the remembered object `obj` whole:
/// re-arms its barrier (`TRACK_YOUNG_PTRS`) and clears its cards and
/// `CARDS_SET` (a whole scan covers them).
#[inline]
pub fn rearm(obj: ObjRef, types: &TypeTable) {
    let h = obj.header() | TRACK_YOUNG_PTRS;
    if h & HAS_CARDS != 0 {
        cards_of(types, obj).clear();
    }
    obj.set_header(h & !CARDS_SET);
}

/// For an array on the cards list: whether its dirty cards still need a
/// scan (`CARDS_SET`, cleared here; a whole scan of the array as a
/// remembered object already took them).
#[inline]
pub fn take_cards_set(obj: ObjRef) -> bool {
    let h = obj.header();
    if h & CARDS_SET == 0 {
        return false;
    }
    obj.set_header(h & !CARDS_SET);
    true
}

/// The old objects the next minor collection must scan.
#[derive(Default)]
pub struct Remembered {
    /// Old objects whose `TRACK_YOUNG_PTRS` was cleared by a store.
    pub objects: Vec<usize>,
    /// Arrays with dirty cards (`CARDS_SET`).
    pub cards: Vec<usize>,
    /// The remembered objects that are weak references: their weak slot
    /// may now designate a young object.
    pub weak: Vec<usize>,
}

impl Remembered {
    /// Empty lists.
    pub fn new() -> Remembered {
        Remembered::default()
    }

    /// The write-barrier slow path: remembers `obj` unless it already is
    /// (its `TRACK_YOUNG_PTRS` is clear). Also used by the minor collection
    /// to remember an old object that still references young ones.
    #[inline]
    pub fn remember(&mut self, obj: ObjRef, facts: &[TypeFacts]) {
        let h = obj.header();
        if h & TRACK_YOUNG_PTRS == 0 {
            return;
        }
        obj.set_header(h & !TRACK_YOUNG_PTRS);
        self.objects.push(obj.addr());
        if TypeFacts::of(facts, header_tid(h)).weak.is_some() {
            self.weak.push(obj.addr());
        }
    }

    /// The array-store barrier slow path: marks the card of item `index` of
    /// a carded array (listing the array once), else remembers `obj`.
    #[inline]
    pub fn remember_item(
        &mut self,
        obj: ObjRef,
        index: usize,
        types: &TypeTable,
        facts: &[TypeFacts],
    ) {
        let h = obj.header();
        if h & (TRACK_YOUNG_PTRS | HAS_CARDS) == TRACK_YOUNG_PTRS | HAS_CARDS {
            cards_of(types, obj).mark(index);
            if h & CARDS_SET == 0 {
                obj.set_header(h | CARDS_SET);
                self.cards.push(obj.addr());
            }
            return;
        }
        self.remember(obj, facts)
    }

    /// Whether nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.objects.is_empty() && self.cards.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gc_api::{make_header, TypeInfo};

    #[test]
    fn objects_are_remembered_once_and_weakrefs_listed() {
        let mut t = TypeTable::new();
        let node = t.register(TypeInfo::fixed("node", 16, vec![8]));
        let weak = t.register(TypeInfo::fixed("weak", 16, vec![]).with_weak_slot(8));
        let facts = TypeFacts::table(&t);
        let mut mem = [0u64; 4];
        // SAFETY: two 16-byte objects in `mem`, 8-aligned, alive for the test.
        let (a, b) = unsafe {
            (
                ObjRef::from_addr_unchecked(mem.as_mut_ptr() as usize),
                ObjRef::from_addr_unchecked(mem.as_mut_ptr().add(2) as usize),
            )
        };
        a.set_header(make_header(node, TRACK_YOUNG_PTRS));
        b.set_header(make_header(weak, TRACK_YOUNG_PTRS));
        let mut r = Remembered::new();
        for _ in 0..3 {
            r.remember(a, &facts);
            r.remember_item(b, 0, &t, &facts); // no cards: remembered whole
        }
        assert_eq!(r.objects, vec![a.addr(), b.addr()]);
        assert_eq!(r.weak, vec![b.addr()]);
        assert!(r.cards.is_empty() && !r.is_empty());
        assert_eq!(a.header() & TRACK_YOUNG_PTRS, 0);
        assert!(wants_cards(true, CARD_MIN_ITEMS) && !wants_cards(true, CARD_MIN_ITEMS - 1));
        assert!(!wants_cards(false, 1 << 20));
    }
}
