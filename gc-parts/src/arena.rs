//! The size-class arena allocator for small old objects (PyPy's
//! minimarkpage, redesigned).
//!
//! * Memory comes from the OS in **arenas** of [`ARENA_SIZE`] bytes
//!   (anonymous `memmap2` mappings), cut into **pages** of [`PAGE`] bytes
//!   aligned to `PAGE`, so the page of a cell is `addr & !(PAGE - 1)`.
//! * A page serves one **size class** (cells of 16, 24, ..., [`MAX_SMALL`]
//!   bytes). Its header, at the start of the page, holds the class, a free
//!   list threaded through free cells, a bump pointer for never-used cells and
//!   an allocation bitmap (one bit per cell), so every allocated cell can be
//!   enumerated without parsing objects.
//! * Each class has a current page and a stack of pages with free cells.
//! * Freeing is done by **sweeping**: [`Arena::begin_sweep`] takes every page
//!   in use out of the allocation lists; [`Arena::sweep_step`] visits them a
//!   budget at a time, asks the caller whether each allocated cell survives,
//!   and puts the page back (partly used), or releases it (empty). Cells
//!   allocated during a sweep come from pages that are not swept, so the
//!   caller never sees a cell it did not know about when the sweep began.
//!   Arenas whose pages are all free go back to the OS when a sweep ends.
//!
//! The allocator is policy-free: mark bits, finalizers and pacing belong to
//! the collector.

use crate::poison::POISON_BYTE;
use memmap2::{MmapMut, MmapOptions};

/// Page size: the unit a size class owns.
pub const PAGE: usize = 8 << 10;
/// Pages per arena.
pub const PAGES_PER_ARENA: usize = 64;
/// Arena size (bytes of pages; one extra page is mapped for alignment).
pub const ARENA_SIZE: usize = PAGE * PAGES_PER_ARENA;
/// Largest cell size; bigger objects belong in the large-object space.
pub const MAX_SMALL: usize = 512;
/// Number of size classes (16..=MAX_SMALL in steps of 8).
pub const NUM_CLASSES: usize = MAX_SMALL / 8 - 1;
/// Bytes reserved at the start of every page for its header.
const PAGE_HDR: usize = 128;
const FREE_CLASS: u32 = u32::MAX;

#[repr(C)]
struct PageHeader {
    class: u32,
    cell: u32,
    nalloc: u32,
    ncells: u32,
    /// Free list head (0 = empty), threaded through the first word of cells.
    free: usize,
    /// Next never-used cell.
    bump: usize,
    /// The sweep epoch this page was last swept in (or created in).
    epoch: u64,
    /// Index of the arena in `Arena::arenas`.
    arena: u32,
    /// The page is on its class's partial list or is its current page.
    in_list: u32,
    /// `ceil(2^32 / cell)`: cell indexes by multiplication (see
    /// [`cell_index`]), not division, on the allocation and sweep paths.
    recip: u32,
    bits: [u64; 8],
}

const _: () = assert!(std::mem::size_of::<PageHeader>() <= PAGE_HDR);
const _: () = assert!((PAGE - PAGE_HDR) / 16 <= 512);

struct Chunk {
    _map: MmapMut,
    base: usize,
    used_pages: usize,
}

/// The size class of an object of `size` bytes (`size <= MAX_SMALL`).
#[inline(always)]
pub fn class_of(size: usize) -> usize {
    debug_assert!((16..=MAX_SMALL).contains(&size));
    size.div_ceil(8) - 2
}

/// The cell size of class `class`.
#[inline(always)]
pub fn class_size(class: usize) -> usize {
    (class + 2) * 8
}

/// Small-object allocator over size-class pages.
pub struct Arena {
    arenas: Vec<Option<Chunk>>,
    free_pages: Vec<usize>,
    current: [usize; NUM_CLASSES],
    partial: Vec<Vec<usize>>,
    bytes: usize,
    epoch: u64,
    sweeping: bool,
    cursor: (usize, usize),
}

impl std::fmt::Debug for Arena {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Arena")
            .field("arenas", &self.arena_count())
            .field("bytes", &self.bytes)
            .finish()
    }
}

impl Default for Arena {
    fn default() -> Self {
        Arena::new()
    }
}

#[inline(always)]
fn hdr<'a>(page: usize) -> &'a mut PageHeader {
    // SAFETY: callers only pass page addresses of mapped arenas owned by the
    // Arena; the header is the page's first PAGE_HDR bytes, 8-aligned, and the
    // allocator is single-threaded (&mut self), so no other reference exists.
    unsafe { &mut *(page as *mut PageHeader) }
}

/// `ceil(2^32 / cell)` for a cell size of 16..=MAX_SMALL bytes.
const fn recip(cell: usize) -> u32 {
    (1u64 << 32).div_ceil(cell as u64) as u32
}

/// The index of the cell at `addr` in `page` (header `h`). Exact for cell
/// starts: `off = k × cell` with `off < PAGE`, and `off × recip / 2^32 =
/// k + off × (recip − 2^32 / cell) / 2^32` where the error term is below
/// `PAGE / 2^32`, far below 1.
#[inline(always)]
fn cell_index(h: &PageHeader, page: usize, addr: usize) -> usize {
    let off = (addr - page - PAGE_HDR) as u64;
    ((off * h.recip as u64) >> 32) as usize
}

#[inline(always)]
fn page_of(addr: usize) -> usize {
    addr & !(PAGE - 1)
}

impl Arena {
    /// An empty allocator (no memory mapped yet).
    pub fn new() -> Arena {
        Arena {
            arenas: Vec::new(),
            free_pages: Vec::new(),
            current: [0; NUM_CLASSES],
            partial: (0..NUM_CLASSES).map(|_| Vec::new()).collect(),
            bytes: 0,
            epoch: 0,
            sweeping: false,
            cursor: (0, 0),
        }
    }

    /// Bytes in allocated cells.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Number of arenas mapped.
    pub fn arena_count(&self) -> usize {
        self.arenas.iter().filter(|a| a.is_some()).count()
    }

    /// Bytes mapped from the OS.
    pub fn mapped_bytes(&self) -> usize {
        self.arena_count() * (ARENA_SIZE + PAGE)
    }

    fn map_arena(&mut self) -> bool {
        let Ok(map) = MmapOptions::new().len(ARENA_SIZE + PAGE).map_anon() else {
            return false;
        };
        let base = (map.as_ptr() as usize).div_ceil(PAGE) * PAGE;
        let slot = match self.arenas.iter().position(|a| a.is_none()) {
            Some(i) => i,
            None => {
                self.arenas.push(None);
                self.arenas.len() - 1
            }
        };
        self.arenas[slot] = Some(Chunk {
            _map: map,
            base,
            used_pages: 0,
        });
        for i in (0..PAGES_PER_ARENA).rev() {
            let page = base + i * PAGE;
            let h = hdr(page);
            h.class = FREE_CLASS;
            h.arena = slot as u32;
            self.free_pages.push(page);
        }
        true
    }

    fn new_page(&mut self, class: usize) -> Option<usize> {
        if self.free_pages.is_empty() && !self.map_arena() {
            return None;
        }
        let page = self.free_pages.pop()?;
        let h = hdr(page);
        let arena = h.arena;
        let cell = class_size(class);
        *h = PageHeader {
            class: class as u32,
            cell: cell as u32,
            nalloc: 0,
            ncells: ((PAGE - PAGE_HDR) / cell) as u32,
            free: 0,
            bump: page + PAGE_HDR,
            epoch: self.epoch,
            arena,
            in_list: 1,
            recip: recip(cell),
            bits: [0; 8],
        };
        if let Some(c) = self.arenas[arena as usize].as_mut() {
            c.used_pages += 1;
        }
        Some(page)
    }

    #[inline(always)]
    fn page_alloc(page: usize) -> Option<usize> {
        let h = hdr(page);
        let cell = h.cell as usize;
        let addr = if h.free != 0 {
            let a = h.free;
            // SAFETY: a free cell's first word holds the next free cell.
            h.free = unsafe { *(a as *const usize) };
            a
        } else if h.bump + cell <= page + PAGE {
            let a = h.bump;
            h.bump += cell;
            a
        } else {
            return None;
        };
        let idx = cell_index(h, page, addr);
        h.bits[idx / 64] |= 1 << (idx % 64);
        h.nalloc += 1;
        Some(addr)
    }

    /// Allocates a cell of at least `size` bytes (`16 <= size <= MAX_SMALL`).
    /// Its contents are unspecified (see [`Arena::alloc_zeroed`]). None if
    /// the OS refuses memory.
    #[inline]
    pub fn alloc(&mut self, size: usize) -> Option<usize> {
        let class = class_of(size);
        loop {
            let page = self.current[class];
            if page != 0 {
                if let Some(a) = Self::page_alloc(page) {
                    self.bytes += class_size(class);
                    return Some(a);
                }
                hdr(page).in_list = 0;
            }
            self.current[class] = match self.partial[class].pop() {
                Some(p) => p,
                None => self.new_page(class)?,
            };
        }
    }

    /// Like [`Arena::alloc`], with the cell zeroed.
    pub fn alloc_zeroed(&mut self, size: usize) -> Option<usize> {
        let a = self.alloc(size)?;
        // SAFETY: `a` is a fresh cell of class_size(class_of(size)) bytes.
        unsafe { std::ptr::write_bytes(a as *mut u8, 0, class_size(class_of(size))) };
        Some(a)
    }

    /// The cell size of the allocated cell at `addr`.
    pub fn cell_size(addr: usize) -> usize {
        hdr(page_of(addr)).cell as usize
    }

    fn free_in_page(&mut self, page: usize, addr: usize, poison: bool) {
        self.bytes -= Self::free_cell(page, addr, poison);
    }

    /// Frees one cell of `page` without touching the allocator's totals;
    /// returns the cell size. Only the page header and the cell are written.
    fn free_cell(page: usize, addr: usize, poison: bool) -> usize {
        let h = hdr(page);
        let cell = h.cell as usize;
        let idx = cell_index(h, page, addr);
        h.bits[idx / 64] &= !(1 << (idx % 64));
        if poison {
            // SAFETY: the cell lies inside the page and holds no live object.
            unsafe { std::ptr::write_bytes(addr as *mut u8, POISON_BYTE, cell) };
        }
        // SAFETY: as above; the first word becomes the free-list link.
        unsafe { *(addr as *mut usize) = h.free };
        h.free = addr;
        h.nalloc -= 1;
        cell
    }

    /// Frees one cell now (outside sweeping).
    ///
    /// # Safety
    /// `addr` must be a cell returned by [`Arena::alloc`] and not freed since;
    /// nothing may use it afterwards.
    pub unsafe fn free(&mut self, addr: usize, poison: bool) {
        let page = page_of(addr);
        self.free_in_page(page, addr, poison);
        let h = hdr(page);
        let pending = self.sweeping && h.epoch < self.epoch;
        if h.in_list == 0 && !pending {
            h.in_list = 1;
            self.partial[h.class as usize].push(page);
        }
    }

    fn pages(&self) -> impl Iterator<Item = usize> + '_ {
        self.arenas
            .iter()
            .flatten()
            .flat_map(|c| (0..PAGES_PER_ARENA).map(move |i| c.base + i * PAGE))
    }

    fn for_each_in_page(page: usize, mut f: impl FnMut(usize)) {
        let h = hdr(page);
        let cell = h.cell as usize;
        let bits = h.bits;
        for (w, mut b) in bits.into_iter().enumerate() {
            while b != 0 {
                let i = w * 64 + b.trailing_zeros() as usize;
                b &= b - 1;
                f(page + PAGE_HDR + i * cell);
            }
        }
    }

    /// Calls `f` with the address of every allocated cell.
    pub fn for_each_allocated(&self, mut f: impl FnMut(usize)) {
        for page in self.pages() {
            if hdr(page).class != FREE_CLASS {
                Self::for_each_in_page(page, &mut f);
            }
        }
    }

    /// Is `addr` the start of an allocated cell of this allocator? (Slow:
    /// for verification; see [`Arena::allocation_checker`] for many queries.)
    pub fn is_allocated(&self, addr: usize) -> bool {
        let page = page_of(addr);
        let owned = self
            .arenas
            .iter()
            .flatten()
            .any(|c| page >= c.base && page < c.base + ARENA_SIZE);
        owned && Self::allocated_in_owned_page(addr)
    }

    /// A function answering [`Arena::is_allocated`] in `O(log arenas)`, for
    /// verifying many references while the allocator does not change.
    pub fn allocation_checker(&self) -> impl Fn(usize) -> bool + '_ {
        let mut bases: Vec<usize> = self.arenas.iter().flatten().map(|c| c.base).collect();
        bases.sort_unstable();
        move |addr| {
            let i = bases.partition_point(|&b| b <= addr);
            i > 0 && addr < bases[i - 1] + ARENA_SIZE && Self::allocated_in_owned_page(addr)
        }
    }

    fn allocated_in_owned_page(addr: usize) -> bool {
        let page = page_of(addr);
        if addr < page + PAGE_HDR {
            return false;
        }
        let h = hdr(page);
        if h.class == FREE_CLASS {
            return false;
        }
        let cell = h.cell as usize;
        let off = addr - page - PAGE_HDR;
        let idx = off / cell;
        off.is_multiple_of(cell)
            && idx < h.ncells as usize
            && h.bits[idx / 64] & (1 << (idx % 64)) != 0
    }

    /// Starts a sweep of every page in use now.
    pub fn begin_sweep(&mut self) {
        self.epoch += 1;
        self.sweeping = true;
        self.cursor = (0, 0);
        for class in 0..NUM_CLASSES {
            let cur = std::mem::replace(&mut self.current[class], 0);
            if cur != 0 {
                hdr(cur).in_list = 0;
            }
            for p in self.partial[class].drain(..) {
                hdr(p).in_list = 0;
            }
        }
    }

    /// Is a sweep in progress?
    pub fn sweeping(&self) -> bool {
        self.sweeping
    }

    /// An upper bound of the work the running sweep has left, in the units
    /// of [`Arena::sweep_step`]'s budget (bytes of pages); 0 when idle.
    pub fn sweep_left(&self) -> usize {
        if !self.sweeping {
            return 0;
        }
        let (ai, pi) = self.cursor;
        let arenas = self.arenas.len().saturating_sub(ai);
        (arenas * PAGES_PER_ARENA).saturating_sub(pi) * PAGE
    }

    /// Will the running sweep still visit the page of the allocated cell
    /// `addr`? (A cell allocated before the sweep began but filled only now
    /// must then carry whatever mark the caller's `keep` looks for.)
    pub fn unswept(&self, addr: usize) -> bool {
        self.sweeping && hdr(page_of(addr)).epoch < self.epoch
    }

    /// Sweeps pages until about `budget` bytes of pages were visited.
    /// `keep(cell)` says whether an allocated cell survives (and may update
    /// its header); dead cells are freed (poisoned if `poison`). Returns
    /// `(done, freed_bytes)`.
    pub fn sweep_step(
        &mut self,
        budget: usize,
        poison: bool,
        mut keep: impl FnMut(usize) -> bool,
    ) -> (bool, usize) {
        if !self.sweeping {
            return (true, 0);
        }
        let mut seen = 0usize;
        let before = self.bytes;
        while seen < budget {
            let (ai, pi) = self.cursor;
            if ai >= self.arenas.len() {
                self.finish_sweep();
                return (true, before - self.bytes);
            }
            let Some(chunk) = &self.arenas[ai] else {
                self.cursor = (ai + 1, 0);
                continue;
            };
            let page = chunk.base + pi * PAGE;
            self.cursor = if pi + 1 == PAGES_PER_ARENA {
                (ai + 1, 0)
            } else {
                (ai, pi + 1)
            };
            let h = hdr(page);
            if h.class == FREE_CLASS || h.epoch >= self.epoch {
                seen += 64;
                continue;
            }
            seen += PAGE;
            h.epoch = self.epoch;
            // The walk reads a copy of the bitmap, so freeing while walking
            // is fine.
            Self::for_each_in_page(page, |cell| {
                if !keep(cell) {
                    self.free_in_page(page, cell, poison);
                }
            });
            let h = hdr(page);
            if h.nalloc == 0 {
                h.class = FREE_CLASS;
                self.free_pages.push(page);
                if let Some(c) = self.arenas[h.arena as usize].as_mut() {
                    c.used_pages -= 1;
                }
            } else if h.free != 0 || h.bump + h.cell as usize <= page + PAGE {
                h.in_list = 1;
                self.partial[h.class as usize].push(page);
            }
        }
        (false, before - self.bytes)
    }

    /// Sweeps everything in use now, at once. Returns the bytes freed.
    pub fn sweep(&mut self, poison: bool, keep: impl FnMut(usize) -> bool) -> usize {
        self.begin_sweep();
        self.sweep_step(usize::MAX, poison, keep).1
    }

    /// Starts a sweep whose pages the caller visits itself, possibly on
    /// several threads: returns every page in use now. Call
    /// [`Arena::sweep_page`] once for each (in any order, on any thread),
    /// then [`Arena::end_page_sweep`] with the same list and the sum of the
    /// freed bytes. No other method may be called in between.
    pub fn begin_page_sweep(&mut self) -> Vec<usize> {
        self.begin_sweep();
        let epoch = self.epoch;
        self.pages()
            .filter(|&p| hdr(p).class != FREE_CLASS && hdr(p).epoch < epoch)
            .collect()
    }

    /// Sweeps one page of a [`Arena::begin_page_sweep`] list: `keep(cell)`
    /// says whether each allocated cell survives (and may update it); dead
    /// cells are freed (poisoned if `poison`). Returns the bytes freed.
    ///
    /// # Safety
    /// `page` must come from the list of the page sweep in progress on this
    /// arena, be passed once, and no other thread may touch the same page
    /// meanwhile (different pages are independent: a call writes only its
    /// page's header and cells).
    pub unsafe fn sweep_page(
        page: usize,
        poison: bool,
        mut keep: impl FnMut(usize) -> bool,
    ) -> usize {
        let mut freed = 0;
        // The walk reads a copy of the bitmap, so freeing while walking is fine.
        Self::for_each_in_page(page, |cell| {
            if !keep(cell) {
                freed += Self::free_cell(page, cell, poison);
            }
        });
        freed
    }

    /// Ends a page sweep: files every swept page again (partly used, or
    /// free) and returns empty arenas to the OS.
    pub fn end_page_sweep(&mut self, pages: &[usize], freed: usize) {
        self.bytes -= freed;
        for &page in pages {
            let h = hdr(page);
            h.epoch = self.epoch;
            if h.nalloc == 0 {
                h.class = FREE_CLASS;
                self.free_pages.push(page);
                if let Some(c) = self.arenas[h.arena as usize].as_mut() {
                    c.used_pages -= 1;
                }
            } else if h.free != 0 || h.bump + h.cell as usize <= page + PAGE {
                h.in_list = 1;
                self.partial[h.class as usize].push(page);
            }
        }
        self.finish_sweep();
    }

    fn finish_sweep(&mut self) {
        self.sweeping = false;
        let in_use = self
            .arenas
            .iter()
            .flatten()
            .filter(|c| c.used_pages > 0)
            .count();
        let mut empty: Vec<usize> = self
            .arenas
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.as_ref().filter(|c| c.used_pages == 0).map(|_| i))
            .collect();
        // Keep empty arenas mapped (1 per 2 in use) so a heap
        // that shrinks and grows again does not pay for fresh pages (page
        // faults while promoting, in a pause) each cycle.
        let keep = in_use / 2;
        if empty.len() <= keep {
            return;
        }
        empty.drain(..keep);
        // Release at most 16 arenas (8 MB) per sweep: unmapping is paid in
        // the step that ends the sweep, a pause. The rest are reused or
        // released by later sweeps.
        empty.truncate(16);
        let mut bases: Vec<usize> = empty
            .iter()
            .filter_map(|&i| self.arenas[i].as_ref().map(|c| c.base))
            .collect();
        bases.sort_unstable();
        self.free_pages.retain(|&p| {
            let i = bases.partition_point(|&b| b <= p);
            !(i > 0 && p < bases[i - 1] + ARENA_SIZE)
        });
        for i in empty {
            self.arenas[i] = None;
        }
        while matches!(self.arenas.last(), Some(None)) {
            self.arenas.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn reciprocal_indexes_every_cell_of_every_class() {
        for class in 0..NUM_CLASSES {
            let cell = class_size(class);
            let h = PageHeader {
                class: class as u32,
                cell: cell as u32,
                nalloc: 0,
                ncells: ((PAGE - PAGE_HDR) / cell) as u32,
                free: 0,
                bump: 0,
                epoch: 0,
                arena: 0,
                in_list: 0,
                recip: recip(cell),
                bits: [0; 8],
            };
            for k in 0..h.ncells as usize {
                assert_eq!(cell_index(&h, 0, PAGE_HDR + k * cell), k, "cell {cell}");
            }
        }
    }
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(class_of(16), 0);
        assert_eq!(class_of(17), 1);
        assert_eq!(class_size(class_of(17)), 24);
        assert_eq!(class_size(class_of(MAX_SMALL)), MAX_SMALL);
        assert_eq!(class_of(MAX_SMALL), NUM_CLASSES - 1);
    }

    #[test]
    fn alloc_is_distinct_aligned_and_enumerable() {
        let mut a = Arena::new();
        let mut cells = vec![];
        for i in 0..20_000usize {
            let size = 16 + (i % 60) * 8;
            let c = a.alloc(size).unwrap();
            assert_eq!(c % 8, 0);
            assert!(Arena::cell_size(c) >= size);
            // SAFETY: a fresh cell of at least 16 bytes.
            unsafe { *(c as *mut usize) = i };
            cells.push(c);
        }
        let mut sorted = cells.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), cells.len());
        let mut n = 0;
        a.for_each_allocated(|c| {
            assert!(a.is_allocated(c));
            n += 1
        });
        assert_eq!(n, 20_000);
        assert!(!a.is_allocated(cells[0] + 8));
        let check = a.allocation_checker();
        assert!(cells.iter().all(|&c| check(c)));
        assert!(!check(cells[0] + 8) && !check(8) && !check(usize::MAX - 7));
        assert!(a.bytes() >= 20_000 * 16);
    }

    #[test]
    fn sweep_frees_and_returns_arenas() {
        let mut a = Arena::new();
        for i in 0..50_000usize {
            let c = a.alloc(32).unwrap();
            // SAFETY: fresh cell.
            unsafe { *(c as *mut usize) = i };
        }
        let arenas = a.arena_count();
        assert!(arenas >= 3);
        // SAFETY: reads the first word of allocated cells.
        let freed = a.sweep(true, |c| unsafe { *(c as *const usize) } % 1000 == 0);
        assert_eq!(freed, (50_000 - 50) * 32);
        assert_eq!(a.bytes(), 50 * 32);
        let freed = a.sweep(false, |_| false);
        assert_eq!(freed, 50 * 32);
        assert_eq!(a.bytes(), 0);
        assert_eq!(a.arena_count(), 0, "empty arenas go back to the OS");
    }

    #[test]
    fn page_sweep_matches_sweep() {
        let mut a = Arena::new();
        for i in 0..30_000usize {
            let c = a.alloc(16 + (i % 7) * 8).unwrap();
            // SAFETY: fresh cell.
            unsafe { *(c as *mut usize) = i };
        }
        let pages = a.begin_page_sweep();
        assert!(pages.len() > 10);
        let mut freed = 0;
        // Visit in reverse, as another thread might.
        for &p in pages.iter().rev() {
            // SAFETY: each page of the list once, nothing else runs.
            freed +=
                unsafe { Arena::sweep_page(p, true, |c| (*(c as *const usize)).is_multiple_of(3)) };
        }
        a.end_page_sweep(&pages, freed);
        let mut n = 0;
        a.for_each_allocated(|c| {
            // SAFETY: allocated cells keep their first word.
            assert_eq!(unsafe { *(c as *const usize) } % 3, 0);
            n += 1
        });
        assert_eq!(n, 10_000);
        let total: usize = (0..30_000usize)
            .filter(|i| i % 3 == 0)
            .map(|i| 16 + (i % 7) * 8)
            .sum();
        assert_eq!(a.bytes(), total);
        // Freed cells are reused.
        let c = a.alloc(16).unwrap();
        assert!(a.is_allocated(c));
        let pages = a.begin_page_sweep();
        a.end_page_sweep(&pages, 0);
        assert_eq!(a.sweep(false, |_| false), total + 16);
        assert_eq!(a.arena_count(), 0);
    }

    #[test]
    fn incremental_sweep_never_shows_new_cells() {
        let mut a = Arena::new();
        let old: Vec<usize> = (0..10_000).map(|_| a.alloc(48).unwrap()).collect();
        for &c in &old {
            // SAFETY: fresh cells.
            unsafe { *(c as *mut usize) = 1 };
        }
        a.begin_sweep();
        assert!(a.unswept(old[0]));
        let mut fresh = vec![];
        let mut seen = 0;
        loop {
            let (done, _) = a.sweep_step(PAGE * 4, true, |c| {
                seen += 1;
                // SAFETY: allocated cells hold a marker word.
                let w = unsafe { *(c as *const usize) };
                assert_eq!(w, 1, "a cell allocated during the sweep was swept");
                false
            });
            let c = a.alloc(48).unwrap();
            // SAFETY: fresh cell.
            unsafe { *(c as *mut usize) = 2 };
            fresh.push(c);
            if done {
                break;
            }
        }
        assert_eq!(seen, 10_000);
        assert!(!a.unswept(fresh[0]));
        assert_eq!(a.bytes(), fresh.len() * 48);
        for c in fresh {
            assert!(a.is_allocated(c));
            // SAFETY: allocated above, freed once.
            unsafe { a.free(c, true) };
        }
        assert_eq!(a.bytes(), 0);
        let c = a.alloc(48).unwrap();
        assert!(a.is_allocated(c));
    }
}
