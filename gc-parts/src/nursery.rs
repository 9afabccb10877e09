//! The nursery: a bump-allocated young space inside one reserved region.
//!
//! * **One range check**: the whole reservation is young space, so "is this
//!   object young?" is `nursery.contains(addr)`.
//! * **Nominal size and extension**: the first `nominal` bytes are the
//!   nursery proper. When they are used up, [`Nursery::refill`] keeps handing
//!   out room from the rest of the reservation (the *extension*) and
//!   [`Nursery::over_nominal`] turns true; a collector uses that to request
//!   a collection without ever failing an allocation.
//! * **Pinned holes**: after a collection the collector passes the address
//!   ranges of objects that must stay in place (pinned); the free space is
//!   then the gaps between them, handed out segment by segment.
//! * **Lazy zeroing**: buffers are handed out in chunks of `chunk` bytes and
//!   each chunk is zeroed (when dirty) just before it is handed out, so the
//!   memory is cache-hot when the mutator writes it, as PyPy's
//!   `nursery_cleanup`. Extension memory is given back to the OS on reset,
//!   except the first [`Nursery::set_retained`] bytes of the region: a
//!   nursery whose nominal size changes (a pacer shrinking and growing it)
//!   does not pay page faults again for memory it used before.
//! * **Parsable**: the nursery records the ranges handed out and filled, so
//!   young objects can be enumerated back to back (heap walks, verification).
//!
//! The part knows nothing about objects, flags or policy.

use crate::poison::POISON_BYTE;
use crate::region::{Region, PAGE_SIZE};

/// Default zeroing chunk.
pub const DEFAULT_CHUNK: usize = 64 << 10;

/// A young space with pinned holes.
pub struct Nursery {
    region: Region,
    nominal_end: usize,
    chunk: usize,
    /// Free segments of this cycle, in address order; the last one is the
    /// extension up to the end of the region.
    segments: Vec<(usize, usize)>,
    seg: usize,
    /// Closed ranges filled with objects.
    used: Vec<(usize, usize)>,
    used_bytes: usize,
    /// Start of the open range (the current buffer's objects).
    open_start: usize,
    /// End of the last buffer handed out.
    limit: usize,
    /// Memory at or above this address is known to be zero.
    dirty_end: usize,
    /// Highest address handed out since the last reset.
    high_water: usize,
    /// Memory below this address stays committed at resets.
    retain_end: usize,
    /// The pinned objects' ranges kept at the last [`Nursery::reset`]:
    /// they hold objects until the next one, unpinned or not.
    kept: Vec<(usize, usize)>,
    /// Debug nursery ([`crate::debug_nursery`]): free memory is protected.
    debug: bool,
}

impl Drop for Nursery {
    fn drop(&mut self) {
        if self.debug {
            crate::debug_nursery::unregister(self.region.start());
        }
    }
}

impl std::fmt::Debug for Nursery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Nursery")
            .field("region", &self.region)
            .field("nominal", &(self.nominal_end - self.region.start()))
            .field("segments", &self.segments.len())
            .finish()
    }
}

impl Nursery {
    /// Reserves `reserve` bytes (at least `nominal`) of address space and
    /// sets the nominal size. `chunk` is the zeroing granularity.
    pub fn new(nominal: usize, reserve: usize, chunk: usize) -> std::io::Result<Nursery> {
        let nominal = nominal.div_ceil(PAGE_SIZE) * PAGE_SIZE;
        let region = Region::reserve(reserve.max(nominal + PAGE_SIZE))?;
        let start = region.start();
        let mut n = Nursery {
            nominal_end: start + nominal,
            chunk: chunk.max(PAGE_SIZE),
            segments: Vec::new(),
            seg: 0,
            used: Vec::new(),
            used_bytes: 0,
            open_start: start,
            limit: start,
            dirty_end: start,
            high_water: start,
            retain_end: start + nominal,
            kept: Vec::new(),
            debug: false,
            region,
        };
        n.make_segments(&[]);
        Ok(n)
    }

    /// Debug nursery (`PYGC_NURSERY_DEBUG`): from now on, memory freed by
    /// [`Nursery::reset`] stays protected until [`Nursery::refill`] hands it
    /// out again, so a stale read faults at once (and is reported).
    pub fn set_debug(&mut self, on: bool) {
        if on && !self.debug {
            crate::debug_nursery::register(self.region.start(), self.region.end());
            crate::debug_nursery::protect(self.limit, self.region.end());
        }
        self.debug = on;
    }

    /// Makes `from..to` usable before it is handed out (debug nursery).
    fn expose(&self, from: usize, to: usize) {
        if self.debug {
            crate::debug_nursery::unprotect(from, to);
        }
    }

    /// First address of the young space.
    #[inline(always)]
    pub fn start(&self) -> usize {
        self.region.start()
    }

    /// End of the reservation.
    #[inline(always)]
    pub fn end(&self) -> usize {
        self.region.end()
    }

    /// Is `addr` inside the young space?
    #[inline(always)]
    pub fn contains(&self, addr: usize) -> bool {
        addr.wrapping_sub(self.region.start()) < self.region.len()
    }

    /// The nominal size in bytes.
    pub fn nominal(&self) -> usize {
        self.nominal_end - self.region.start()
    }

    /// Changes the nominal size (rounded up to pages, at most the
    /// reservation). Takes effect at the next [`Nursery::reset`].
    pub fn set_nominal(&mut self, nominal: usize) {
        let n = nominal.div_ceil(PAGE_SIZE) * PAGE_SIZE;
        let n = n.clamp(
            PAGE_SIZE,
            self.region.end() - self.region.start() - PAGE_SIZE,
        );
        self.nominal_end = self.region.start() + n;
    }

    /// Keeps the first `bytes` of the region committed at resets (default:
    /// the nominal size given to [`Nursery::new`]); only memory used beyond
    /// them and beyond the nominal size goes back to the OS. Releasing and
    /// faulting pages in again costs about as much as copying them.
    pub fn set_retained(&mut self, bytes: usize) {
        let b = bytes.div_ceil(PAGE_SIZE) * PAGE_SIZE;
        self.retain_end = self.region.start() + b.min(self.region.len());
    }

    /// Has allocation gone past the nominal size (into the extension)?
    pub fn over_nominal(&self) -> bool {
        self.high_water > self.nominal_end
    }

    fn make_segments(&mut self, pinned: &[(usize, usize)]) {
        self.segments.clear();
        let mut at = self.region.start();
        for &(s, e) in pinned {
            if s > at && s <= self.nominal_end {
                self.segments.push((at, s.min(self.nominal_end)));
            }
            at = at.max(e);
        }
        if at < self.nominal_end {
            self.segments.push((at, self.nominal_end));
        }
        // The extension: everything after the nominal part and the pinned
        // objects, up to the end of the region.
        let ext = at.max(self.nominal_end).div_ceil(8) * 8;
        self.segments.push((ext, self.region.end()));
        self.seg = 0;
        let first = self.segments[0].0;
        self.open_start = first;
        self.limit = first;
    }

    fn zero_upto(&mut self, from: usize, to: usize) {
        let hi = to.min(self.dirty_end);
        if from < hi {
            self.region.zero(from, hi);
        }
        self.high_water = self.high_water.max(to);
    }

    /// The current buffer cannot hold `size` more bytes at `top` (the
    /// mutator's `alloc_top`). Returns a new `(top, limit)` with
    /// `top + size <= limit`, zeroed from `top` to `limit`: the same range
    /// extended when possible, else the next segment that fits. None when
    /// the whole reservation is used up.
    pub fn refill(&mut self, top: usize, size: usize) -> Option<(usize, usize)> {
        debug_assert!(top >= self.open_start && top <= self.limit);
        let (_, seg_end) = self.segments[self.seg];
        if top + size <= seg_end {
            let want = (top + size).max(self.limit + self.chunk);
            let new_limit = want.min(seg_end);
            let from = self.limit;
            self.expose(from, new_limit);
            self.zero_upto(from, new_limit);
            self.limit = new_limit;
            return Some((top, new_limit));
        }
        self.close(top);
        while self.seg + 1 < self.segments.len() {
            self.seg += 1;
            let (s, e) = self.segments[self.seg];
            if s + size <= e {
                let new_limit = (s + size.max(self.chunk)).min(e);
                self.expose(s, new_limit);
                self.zero_upto(s, new_limit);
                self.open_start = s;
                self.limit = new_limit;
                return Some((s, new_limit));
            }
        }
        None
    }

    /// Closes the open range at `top` (the mutator's `alloc_top`): the
    /// objects in it become enumerable with [`Nursery::for_each_range`].
    /// Further allocation must go through [`Nursery::refill`].
    pub fn close(&mut self, top: usize) {
        if top > self.open_start {
            self.used.push((self.open_start, top));
            self.used_bytes += top - self.open_start;
        }
        self.open_start = top;
        self.limit = top;
    }

    /// Bytes filled with objects, given the mutator's `alloc_top`.
    pub fn used_bytes(&self, top: usize) -> usize {
        self.used_bytes + top.saturating_sub(self.open_start)
    }

    /// The ranges of the objects pinned at the last reset (they stay
    /// objects until the next reset even if unpinned since).
    pub fn kept_ranges(&self) -> &[(usize, usize)] {
        &self.kept
    }

    /// Calls `f(start, end)` for every closed range of objects.
    pub fn for_each_range(&self, mut f: impl FnMut(usize, usize)) {
        for &(s, e) in &self.used {
            f(s, e)
        }
    }

    /// The open range `(start, top)` given the mutator's `alloc_top`.
    pub fn open_range(&self, top: usize) -> (usize, usize) {
        (self.open_start, top)
    }

    /// Empties the nursery after a collection. `pinned` lists, sorted by
    /// address, the ranges of objects that stay; everything else becomes
    /// free (poisoned when `poison`, including objects that stayed in place
    /// at earlier resets and are not in `pinned` now). The caller must have closed the open
    /// range first. Returns the first buffer `(top, limit)`.
    pub fn reset(&mut self, pinned: &[(usize, usize)], poison: bool) -> (usize, usize) {
        debug_assert!(pinned.windows(2).all(|w| w[0].1 <= w[1].0));
        self.expose(self.region.start(), self.region.end());
        let hw = self.high_water.max(self.limit);
        self.dirty_end = self.dirty_end.max(hw);
        if poison {
            // Everything that was ever used and is not pinned now: the
            // objects of this cycle and those left in holes by earlier ones.
            let mut at = self.region.start();
            for &(ps, pe) in pinned {
                if ps > at && at < self.dirty_end {
                    self.region.fill(at, ps.min(self.dirty_end), POISON_BYTE);
                }
                at = at.max(pe);
            }
            if at < self.dirty_end {
                self.region.fill(at, self.dirty_end, POISON_BYTE);
            }
        }
        // Give the extension back to the OS (it reads as zero afterwards).
        let last_pinned = pinned.last().map_or(self.region.start(), |p| p.1);
        let keep = self.nominal_end.max(last_pinned).max(self.retain_end);
        if !poison && self.dirty_end > keep {
            let from = keep.div_ceil(PAGE_SIZE) * PAGE_SIZE;
            if from < self.dirty_end {
                self.region
                    .release(from, self.dirty_end.div_ceil(PAGE_SIZE) * PAGE_SIZE);
                if keep < from {
                    self.region.zero(keep, from);
                }
                self.dirty_end = keep;
            }
        }
        self.used.clear();
        self.used_bytes = 0;
        self.high_water = self.region.start();
        self.make_segments(pinned);
        self.kept = pinned.to_vec();
        if self.debug {
            // Everything free (the moved objects' old copies included) is
            // protected; pinned objects' pages stay accessible.
            for &(fs, fe) in &self.segments {
                crate::debug_nursery::protect(fs, fe);
            }
        }
        let s = self.segments[0].0;
        let e = (s + self.chunk).min(self.segments[0].1);
        self.expose(s, e);
        self.zero_upto(s, e);
        self.limit = e;
        (s, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(
        n: &mut Nursery,
        top: &mut usize,
        limit: &mut usize,
        size: usize,
        count: usize,
    ) -> Vec<usize> {
        let mut out = vec![];
        for _ in 0..count {
            if *top + size > *limit {
                match n.refill(*top, size) {
                    Some((t, l)) => {
                        *top = t;
                        *limit = l;
                    }
                    None => break,
                }
            }
            // SAFETY: top..top+size was handed out zeroed by the nursery.
            unsafe {
                assert_eq!(*(*top as *const u64), 0, "handed-out memory must be zero");
                *(*top as *mut u64) = 0xabcd;
            }
            out.push(*top);
            *top += size;
        }
        out
    }

    #[test]
    fn bump_extend_and_reset() {
        let mut n = Nursery::new(256 << 10, 4 << 20, 16 << 10).unwrap();
        let (mut top, mut limit) = n.reset(&[], false);
        assert!(n.contains(top) && !n.contains(n.end()));
        let objs = fill(&mut n, &mut top, &mut limit, 48, 4000);
        assert_eq!(objs.len(), 4000);
        assert!(!n.over_nominal());
        let more = fill(&mut n, &mut top, &mut limit, 48, 4000);
        assert_eq!(more.len(), 4000);
        assert!(n.over_nominal());
        n.close(top);
        let mut total = 0;
        n.for_each_range(|s, e| total += e - s);
        assert_eq!(total, 8000 * 48);
        assert_eq!(n.used_bytes(top), 8000 * 48);
        // Pin two objects, one in the extension.
        let p1 = (objs[10], objs[10] + 48);
        let p2 = (more[3999], more[3999] + 48);
        let (t, l) = n.reset(&[p1, p2], true);
        top = t;
        limit = l;
        // SAFETY: pinned objects keep their contents; freed ones are poisoned.
        unsafe {
            assert_eq!(*(p1.0 as *const u64), 0xabcd);
            assert_eq!(*(p2.0 as *const u64), 0xabcd);
            assert_eq!(*(objs[11] as *const u8), POISON_BYTE);
        }
        let again = fill(&mut n, &mut top, &mut limit, 48, 10_000);
        for &o in &again {
            assert!(
                o + 48 <= p1.0 || o >= p1.1,
                "allocation overlaps a pinned object"
            );
            assert!(
                o + 48 <= p2.0 || o >= p2.1,
                "allocation overlaps a pinned object"
            );
        }
        assert_eq!(again.len(), 10_000);
    }

    #[test]
    fn retained_memory_is_handed_out_zeroed_after_shrinking() {
        let mut n = Nursery::new(1 << 20, 8 << 20, 16 << 10).unwrap();
        n.set_retained(2 << 20);
        let (mut top, mut limit) = n.reset(&[], false);
        // Dirty 1.5 MB: the nominal part and part of the extension.
        let objs = fill(&mut n, &mut top, &mut limit, 1024, 1536);
        assert!(n.over_nominal());
        n.close(top);
        n.set_nominal(256 << 10);
        let (t, l) = n.reset(&[], false);
        top = t;
        limit = l;
        // Dirty memory kept committed (not released: it is not zero) is
        // zeroed when handed out again (`fill` checks it).
        // SAFETY: objs[1535] lies in the retained part of the region.
        assert_ne!(unsafe { *(objs[1535] as *const u64) }, 0);
        let again = fill(&mut n, &mut top, &mut limit, 1024, 1536);
        assert_eq!(again.len(), 1536);
    }

    #[test]
    fn reservation_runs_out() {
        let mut n = Nursery::new(64 << 10, 128 << 10, 16 << 10).unwrap();
        let (mut top, mut limit) = n.reset(&[], false);
        let objs = fill(&mut n, &mut top, &mut limit, 1024, 1000);
        assert!(objs.len() < 1000 && objs.len() >= 120);
        assert!(n.refill(top, 1024).is_none());
    }
}

/// Caps an allocation buffer `top..limit` so it hands out at most `room`
/// bytes (what the heap limit still allows; `usize::MAX` for no limit),
/// keeping the end 8-aligned.
pub fn cap_buffer(top: usize, limit: usize, room: usize) -> usize {
    if room == usize::MAX {
        limit
    } else {
        limit.min(top + (room & !7))
    }
}

#[cfg(test)]
mod cap_tests {
    use super::cap_buffer;

    #[test]
    fn caps_to_room_and_alignment() {
        assert_eq!(cap_buffer(1000, 5000, usize::MAX), 5000);
        assert_eq!(cap_buffer(1000, 5000, 100), 1096);
        assert_eq!(cap_buffer(1000, 1050, 100), 1050);
    }
}
