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
pub fn cards_of(types: &TypeTable, obj: ObjRef) -> Cards {
    debug_assert!(obj.header() & HAS_CARDS != 0);
    let len = types.length_of(obj);
    // SAFETY: HAS_CARDS objects were allocated in the large space with a
    // side area of card_bytes(len) bytes (the length never changes).
    unsafe { Cards::new(LargeSpace::prefix_start(obj.addr()), len) }
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
