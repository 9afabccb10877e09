//! The generational barrier check (verify mode): every old object holding
//! a reference into the nursery must be covered by the remembered set —
//! its TRACK flag cleared (listed whole) or, for a carded array, the card
//! of the item marked. Run before a collection, it names the unremembered
//! slot while the young object still exists.

use crate::collector::Concurrent;
use crate::young::{CARDS_SET, CARD_ITEMS, HAS_CARDS, SHADOW, TRACK};
use gc_api::{is_ref, ObjRef};

fn obj(a: usize) -> ObjRef {
    // SAFETY: callers pass object starts found by a heap walk, or
    // references read from their slots.
    unsafe { ObjRef::from_addr_unchecked(a) }
}

impl Concurrent {
    /// Is the card of the item at byte offset `off` of the carded array `o`
    /// marked (and the array listed)?
    fn card_dirty(&self, o: ObjRef, off: usize) -> bool {
        if o.header() & (HAS_CARDS | CARDS_SET) != HAS_CARDS | CARDS_SET {
            return false;
        }
        let info = self.types.get(o.tid());
        let Some(v) = &info.var else { return false };
        let base = info.fixed_size as usize;
        if off < base {
            return false;
        }
        let c = (off - base) / (v.item_size as usize).max(1) / CARD_ITEMS;
        self.young
            .cards
            .get(&o.addr())
            .and_then(|b| b.get(c / 64))
            .is_some_and(|w| w & (1 << (c % 64)) != 0)
    }

    /// Checks the remembered-set invariant over the whole old space (the
    /// old-space buffer must be retired and no sweep running).
    pub(crate) fn check_remembered(&self) -> Result<(), String> {
        let mut err = Ok(());
        let walk = crate::verify::walk_objects(&self.shared, |o| {
            let h = o.header();
            if err.is_err() || h & SHADOW != 0 || h & TRACK == 0 {
                return;
            }
            let a = o.addr();
            self.types.for_each_slot(o, |off| {
                let w = o.word(off);
                if err.is_ok() && is_ref(w) && self.is_young(w) && !self.card_dirty(o, off) {
                    err = Err(format!(
                        "unremembered old->young pointer: slot +{off} of {a:#x} ({}) -> {w:#x} \
                         ({}): no dirty card or remembered-set entry covers it (a store \
                         skipped the write barrier)",
                        self.types.get(o.tid()).name,
                        self.types.get(obj(w).tid()).name
                    ));
                }
            });
        });
        walk?;
        err
    }
}
