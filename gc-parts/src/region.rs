//! Reserved virtual memory: a large anonymous mapping whose pages are only
//! backed by RAM when touched, with the ability to give pages back.

use memmap2::{MmapMut, MmapOptions, UncheckedAdvice};

/// A reserved range of address space, zero-filled, 4 KiB-page granular.
pub struct Region {
    map: MmapMut,
}

impl std::fmt::Debug for Region {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Region({:#x}..{:#x})", self.start(), self.end())
    }
}

/// The page size assumed for returning memory.
pub const PAGE_SIZE: usize = 4096;

impl Region {
    /// Reserves `len` bytes (rounded up to pages) without committing swap.
    pub fn reserve(len: usize) -> std::io::Result<Region> {
        let len = len.div_ceil(PAGE_SIZE).max(1) * PAGE_SIZE;
        let map = MmapOptions::new().len(len).no_reserve_swap().map_anon()?;
        Ok(Region { map })
    }

    /// First address.
    pub fn start(&self) -> usize {
        self.map.as_ptr() as usize
    }

    /// One past the last address.
    pub fn end(&self) -> usize {
        self.start() + self.map.len()
    }

    /// Size in bytes.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the region is empty (never: reservations are at least a page).
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Does the region contain `addr`?
    #[inline(always)]
    pub fn contains(&self, addr: usize) -> bool {
        addr >= self.start() && addr < self.end()
    }

    /// Returns the pages fully inside `start..end` to the OS; they read as
    /// zero afterwards.
    pub fn release(&self, start: usize, end: usize) {
        let s = start.div_ceil(PAGE_SIZE) * PAGE_SIZE;
        let e = (end / PAGE_SIZE) * PAGE_SIZE;
        if e <= s || s < self.start() || e > self.end() {
            return;
        }
        // SAFETY: MADV_DONTNEED on an anonymous private mapping only discards
        // page contents (they read back as zeroes); s..e lies inside our own
        // mapping, and the caller promises no live object is stored there.
        let _ = unsafe {
            self.map
                .unchecked_advise_range(UncheckedAdvice::DontNeed, s - self.start(), e - s)
        };
    }

    /// Fills `start..end` with zeroes.
    pub fn zero(&self, start: usize, end: usize) {
        assert!(start >= self.start() && end <= self.end() && start <= end);
        // SAFETY: the range is inside our mapping (checked above); the caller
        // promises no live object is stored there.
        unsafe { std::ptr::write_bytes(start as *mut u8, 0, end - start) }
    }

    /// Fills `start..end` with the byte `b` (poisoning).
    pub fn fill(&self, start: usize, end: usize, b: u8) {
        assert!(start >= self.start() && end <= self.end() && start <= end);
        // SAFETY: as in `zero`.
        unsafe { std::ptr::write_bytes(start as *mut u8, b, end - start) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserve_touch_release() {
        let r = Region::reserve(1 << 20).unwrap();
        r.fill(r.start(), r.start() + 8192, 0xdd);
        r.release(r.start(), r.start() + 8192);
        r.fill(r.start() + 8192, r.start() + 8200, 1);
        assert!(r.contains(r.start()) && !r.contains(r.end()));
        assert_eq!(r.len(), 1 << 20);
    }
}
