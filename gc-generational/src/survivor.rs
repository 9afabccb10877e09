//! The survivor semispaces (used when `PYGC_TENURE` > 1).
//!
//! Two halves of one reservation: during a minor collection, young objects
//! that are not old enough to be promoted are copied (bump allocation) into
//! the *to* half; afterwards the *from* half is empty and the halves swap.
//! Objects are copied back to back, so the current half parses from its
//! start to its top. A half holds at most `capacity` bytes: when a copy
//! would not fit, the object is promoted early instead (overflow promotion,
//! as HotSpot does).

use gc_api::ObjRef;
use gc_parts::header_flags::FORWARDED;
use gc_parts::poison::POISON_BYTE;
use gc_parts::young_lists::{non_moving_survivor, nursery_survivor};
use gc_parts::{Nursery, Region, YoungSpace, PAGE_SIZE};

/// Two survivor halves.
pub(crate) struct Survivors {
    region: Region,
    half: usize,
    capacity: usize,
    /// The half holding the survivors between collections (from-space
    /// during a collection).
    cur: usize,
    /// Bump pointers of the two halves.
    top: [usize; 2],
}

impl Survivors {
    /// Reserves two halves of `capacity` bytes (0 = no survivor space).
    pub(crate) fn new(capacity: usize) -> std::io::Result<Survivors> {
        let half = capacity.div_ceil(PAGE_SIZE).max(1) * PAGE_SIZE;
        let region = Region::reserve(2 * half)?;
        let start = region.start();
        Ok(Survivors {
            region,
            half,
            capacity,
            cur: 0,
            top: [start, start + half],
        })
    }

    fn start_of(&self, i: usize) -> usize {
        self.region.start() + i * self.half
    }

    /// Is `addr` in either half?
    #[inline(always)]
    pub(crate) fn contains(&self, addr: usize) -> bool {
        addr.wrapping_sub(self.region.start()) < self.region.len()
    }

    /// Is `addr` in the to-space (during a collection)?
    #[inline(always)]
    pub(crate) fn in_to_space(&self, addr: usize) -> bool {
        let s = self.start_of(1 - self.cur);
        addr.wrapping_sub(s) < self.half
    }

    /// Bytes of survivors (between collections).
    pub(crate) fn used(&self) -> usize {
        self.top[self.cur] - self.start_of(self.cur)
    }

    /// The survivors' range `(start, top)` (between collections).
    pub(crate) fn range(&self) -> (usize, usize) {
        (self.start_of(self.cur), self.top[self.cur])
    }

    /// Room for a copy of `size` bytes in the to-space, or None when it is
    /// full (the caller promotes instead).
    #[inline]
    pub(crate) fn alloc(&mut self, size: usize) -> Option<usize> {
        let to = 1 - self.cur;
        let at = self.top[to];
        if at + size > self.start_of(to) + self.capacity {
            return None;
        }
        self.top[to] = at + size;
        Some(at)
    }

    /// Ends a collection: the from-space is emptied (poisoned when
    /// `poison`) and the halves swap. Its pages stay mapped: the capacity
    /// bounds them, and the next collection copies into them.
    pub(crate) fn flip(&mut self, poison: bool) {
        let from = self.cur;
        let (s, e) = (self.start_of(from), self.top[from]);
        if e > s && poison {
            self.region.fill(s, e, POISON_BYTE);
        }
        self.top[from] = s;
        self.cur = 1 - from;
    }
}

/// The young generation's moving spaces, as the shared young-generation
/// parts see them ([`YoungSpace`]).
pub(crate) struct Spaces<'a> {
    pub(crate) nursery: &'a Nursery,
    pub(crate) survivors: &'a Survivors,
}

impl YoungSpace for Spaces<'_> {
    #[inline(always)]
    fn in_young_space(&self, addr: usize) -> bool {
        self.nursery.contains(addr) || self.survivors.contains(addr)
    }

    #[inline]
    fn survivor(&self, a: usize) -> Option<usize> {
        if self.nursery.contains(a) {
            nursery_survivor(a)
        } else if self.survivors.contains(a) {
            // SAFETY: an object of the survivor space (from or to half).
            let o = unsafe { ObjRef::from_addr_unchecked(a) };
            if self.survivors.in_to_space(a) {
                Some(a)
            } else if o.header() & FORWARDED != 0 {
                Some(o.word(8))
            } else {
                None
            }
        } else {
            non_moving_survivor(a)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_swap_and_overflow() {
        let mut s = Survivors::new(64 << 10).unwrap();
        let a = s.alloc(1024).unwrap();
        assert!(s.contains(a) && s.in_to_space(a));
        assert_eq!(s.used(), 0);
        s.flip(true);
        assert_eq!(s.used(), 1024);
        assert_eq!(s.range().0, a);
        assert!(!s.in_to_space(a));
        let b = s.alloc(60 << 10).unwrap();
        assert!(s.in_to_space(b) && b != a);
        assert!(s.alloc(8 << 10).is_none(), "capacity is enforced");
        s.flip(false);
        assert_eq!(s.used(), 60 << 10);
        assert!(!s.contains(s.region.end()));
    }
}
