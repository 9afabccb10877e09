//! Pinning of nursery objects: a counted list of pinned objects, flagged
//! `PINNED` ([`crate::header_flags`]). A minor collection traces pinned
//! objects in place (flagging the reached ones `PINNED_SEEN`), then
//! [`Pins::release_unseen`] drops the dead ones and returns the ranges the
//! nursery must leave alone ([`crate::Nursery::reset`]).

use crate::header_flags::{PINNED, PINNED_SEEN};
use gc_api::{ObjRef, TypeTable};

/// At most this many pinned nursery objects at once.
pub const MAX_PINNED: usize = 1024;

/// The pinned nursery objects, each with its pin count.
#[derive(Default)]
pub struct Pins {
    list: Vec<(usize, u32)>,
}

impl Pins {
    /// No pinned object.
    pub fn new() -> Pins {
        Pins::default()
    }

    /// Pins the nursery object `obj` (once more if already pinned). False
    /// when [`MAX_PINNED`] objects are pinned already.
    pub fn pin(&mut self, obj: ObjRef) -> bool {
        let a = obj.addr();
        if obj.header() & PINNED != 0 {
            if let Some(p) = self.list.iter_mut().find(|p| p.0 == a) {
                p.1 += 1;
                return true;
            }
        }
        if self.list.len() >= MAX_PINNED {
            return false;
        }
        obj.set_flags(PINNED);
        self.list.push((a, 1));
        true
    }

    /// Undoes one [`Pins::pin`] of `obj`; the last one clears `PINNED`.
    pub fn unpin(&mut self, obj: ObjRef) {
        let a = obj.addr();
        if let Some(i) = self.list.iter().position(|p| p.0 == a) {
            self.list[i].1 -= 1;
            if self.list[i].1 == 0 {
                self.list.swap_remove(i);
                obj.clear_flags(PINNED);
            }
        }
    }

    /// How many objects are pinned.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether no object is pinned.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The addresses of the pinned objects.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.list.iter().map(|p| p.0)
    }

    /// After a minor collection: forgets the pinned objects it did not
    /// reach (dead), clears `PINNED_SEEN` on the others and returns their
    /// sorted `start..end` ranges.
    pub fn release_unseen(&mut self, types: &TypeTable) -> Vec<(usize, usize)> {
        let mut ranges = Vec::with_capacity(self.list.len());
        self.list.retain(|&(a, _)| {
            // SAFETY: a pinned nursery object: pinned objects never move and
            // the nursery keeps them until this minor collection ends.
            let o = unsafe { ObjRef::from_addr_unchecked(a) };
            let h = o.header();
            if h & PINNED_SEEN != 0 {
                o.set_header(h & !PINNED_SEEN);
                ranges.push((a, a + types.size_of(o)));
                true
            } else {
                false
            }
        });
        ranges.sort_unstable();
        ranges
    }
}
