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

#[cfg(test)]
mod tests {
    use super::*;
    use gc_api::{make_header, TypeInfo};

    #[test]
    fn pins_count_release_and_limit() {
        let mut t = TypeTable::new();
        let tid = t.register(TypeInfo::fixed("x", 16, vec![]));
        let mut mem = vec![0u64; 2 * (MAX_PINNED + 1)];
        let objs: Vec<ObjRef> = (0..=MAX_PINNED)
            .map(|i| {
                // SAFETY: 16 bytes of `mem`, 8-aligned, alive for the test.
                let o =
                    unsafe { ObjRef::from_addr_unchecked(mem.as_mut_ptr().add(2 * i) as usize) };
                o.set_header(make_header(tid, 0));
                o
            })
            .collect();
        let mut p = Pins::new();
        assert!(p.pin(objs[0]) && p.pin(objs[0]));
        assert_eq!(p.len(), 1);
        p.unpin(objs[0]);
        assert!(
            objs[0].header() & PINNED != 0,
            "pinned twice, unpinned once"
        );
        p.unpin(objs[0]);
        assert!(objs[0].header() & PINNED == 0 && p.is_empty());
        for o in &objs[..MAX_PINNED] {
            assert!(p.pin(*o));
        }
        assert!(!p.pin(objs[MAX_PINNED]), "at most MAX_PINNED objects");
        // A minor collection reached objects 3 and 1 only.
        for i in [3, 1] {
            objs[i].set_flags(PINNED_SEEN);
        }
        let ranges = p.release_unseen(&t);
        let a = |i: usize| objs[i].addr();
        assert_eq!(ranges, vec![(a(1), a(1) + 16), (a(3), a(3) + 16)]);
        assert_eq!(p.iter().count(), 2);
        assert!(objs[1].header() & PINNED_SEEN == 0);
    }
}
