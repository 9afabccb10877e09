//! The large-object space: objects that never move, one `calloc` block each.
//!
//! Every block is laid out as
//!
//! ```text
//! +-------------+-----------+------------------------+
//! | prefix (8k) | meta (16) | object (header first)  |
//! +-------------+-----------+------------------------+
//! ```
//!
//! where `meta` records the object size and the prefix size, so freeing and
//! sizing need no lookup, and `prefix` is a zeroed side area the collector
//! may use (card bits, see [`crate::card_table`]).
//!
//! The space is policy-free: [`LargeSpace::alloc`] hands out an untracked
//! block; a collector [`LargeSpace::track`]s the objects it wants swept
//! (for example once they are old) and sweeps them, incrementally if it
//! wants, with [`LargeSpace::begin_sweep`] / [`LargeSpace::sweep_step`].
//! Objects tracked during a sweep are not part of that sweep.

use crate::poison::POISON_BYTE;

const META: usize = 16;

/// Large objects, each in its own block.
#[derive(Debug, Default)]
pub struct LargeSpace {
    tracked: Vec<usize>,
    pending: Vec<usize>,
    bytes: usize,
    blocks: usize,
}

impl LargeSpace {
    /// An empty space.
    pub fn new() -> LargeSpace {
        LargeSpace::default()
    }

    /// Allocates a zeroed object of `size` bytes with a zeroed side area of
    /// `prefix` bytes (rounded up to 8) before it. Returns the object's
    /// address (8-aligned), or None if the system refuses memory. The object
    /// is not tracked.
    pub fn alloc(&mut self, size: usize, prefix: usize) -> Option<usize> {
        let prefix = prefix.div_ceil(8) * 8;
        let total = META.checked_add(prefix)?.checked_add(size)?;
        // SAFETY: calloc has no preconditions; a null result is handled.
        let block = unsafe { libc::calloc(1, total) } as usize;
        if block == 0 {
            return None;
        }
        let obj = block + prefix + META;
        // SAFETY: the two meta words lie inside the fresh block, 8-aligned.
        unsafe {
            *((obj - 16) as *mut usize) = size;
            *((obj - 8) as *mut usize) = prefix;
        }
        self.bytes += size + prefix;
        self.blocks += 1;
        Some(obj)
    }

    /// Size in bytes of the object at `obj`.
    pub fn object_size(obj: usize) -> usize {
        let (_, size, _) = meta(obj);
        size
    }

    /// Start of the side area of `obj` (its size is the `prefix` given to
    /// [`LargeSpace::alloc`], rounded up to 8).
    pub fn prefix_start(obj: usize) -> usize {
        let (block, _, _) = meta(obj);
        block
    }

    /// Frees an untracked object.
    ///
    /// # Safety
    /// `obj` must come from [`LargeSpace::alloc`] on this space, be untracked
    /// and not freed yet; nothing may use it afterwards.
    pub unsafe fn free(&mut self, obj: usize, poison: bool) {
        let (block, size, prefix) = meta(obj);
        self.bytes -= size + prefix;
        self.blocks -= 1;
        if poison {
            // SAFETY: the object bytes belong to the block, which the caller
            // gives up.
            unsafe { std::ptr::write_bytes(obj as *mut u8, POISON_BYTE, size) };
        }
        // SAFETY: `block` is the pointer calloc returned (caller contract).
        unsafe { libc::free(block as *mut libc::c_void) };
    }

    /// Starts tracking `obj` (it will be visited by sweeps and walks).
    pub fn track(&mut self, obj: usize) {
        self.tracked.push(obj);
    }

    /// Bytes held by objects and side areas (tracked or not).
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Number of live blocks (tracked or not).
    pub fn blocks(&self) -> usize {
        self.blocks
    }

    /// Number of tracked objects (including those waiting to be swept).
    pub fn tracked_len(&self) -> usize {
        self.tracked.len() + self.pending.len()
    }

    /// Calls `f` on every tracked object.
    pub fn for_each(&self, mut f: impl FnMut(usize)) {
        self.tracked
            .iter()
            .chain(self.pending.iter())
            .for_each(|&o| f(o));
    }

    /// Starts a sweep of the objects tracked now.
    pub fn begin_sweep(&mut self) {
        if self.pending.is_empty() {
            std::mem::swap(&mut self.tracked, &mut self.pending);
        } else {
            let t = std::mem::take(&mut self.tracked);
            self.pending.extend(t);
        }
    }

    /// Is a sweep in progress?
    pub fn sweeping(&self) -> bool {
        !self.pending.is_empty()
    }

    /// An upper bound of the work the running sweep has left, in the units
    /// of [`LargeSpace::sweep_step`]'s budget.
    pub fn sweep_left(&self) -> usize {
        self.pending.len() * ((64 << 10) + 64)
    }

    /// Sweeps objects until about `budget` bytes were examined: `keep(obj)`
    /// decides whether each survives (and may update its header); the others
    /// are freed (poisoned first if `poison`). Returns `(done, freed_bytes)`.
    pub fn sweep_step(
        &mut self,
        budget: usize,
        poison: bool,
        mut keep: impl FnMut(usize) -> bool,
    ) -> (bool, usize) {
        let mut seen = 0usize;
        let mut freed = 0usize;
        while seen < budget {
            let Some(obj) = self.pending.pop() else { break };
            let (_, size, prefix) = meta(obj);
            seen += size.min(64 << 10) + 64;
            if keep(obj) {
                self.tracked.push(obj);
            } else {
                freed += size + prefix;
                // SAFETY: obj came from `alloc`, was tracked (now removed
                // from `pending`) and `keep` declared it dead.
                unsafe { self.free(obj, poison) };
            }
        }
        (self.pending.is_empty(), freed)
    }

    /// Sweeps everything tracked now, at once.
    pub fn sweep(&mut self, poison: bool, keep: impl FnMut(usize) -> bool) -> usize {
        self.begin_sweep();
        self.sweep_step(usize::MAX, poison, keep).1
    }
}

/// `(block, size, prefix)` of a large object.
fn meta(obj: usize) -> (usize, usize, usize) {
    // SAFETY: `obj` came from `LargeSpace::alloc`, which wrote the object
    // size and prefix size in the two words just before it.
    let (size, prefix) = unsafe { (*((obj - 16) as *const usize), *((obj - 8) as *const usize)) };
    (obj - META - prefix, size, prefix)
}

impl Drop for LargeSpace {
    fn drop(&mut self) {
        let all: Vec<usize> = self
            .tracked
            .drain(..)
            .chain(self.pending.drain(..))
            .collect();
        for obj in all {
            // SAFETY: every tracked object came from `alloc` and is freed once.
            unsafe { self.free(obj, false) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alloc_track_sweep() {
        let mut ls = LargeSpace::new();
        let mut objs = vec![];
        for i in 0..10 {
            let o = ls.alloc(40_000 + i * 8, 24).unwrap();
            assert_eq!(o % 8, 0);
            assert_eq!(LargeSpace::object_size(o), 40_000 + i * 8);
            // SAFETY: the object and its prefix are fresh, zeroed and ours.
            unsafe {
                assert_eq!(*(o as *const u64), 0);
                assert_eq!(*(LargeSpace::prefix_start(o) as *const u64), 0);
                *(o as *mut u64) = i as u64;
                *((LargeSpace::prefix_start(o) + 16) as *mut u64) = 7;
            }
            ls.track(o);
            objs.push(o);
        }
        assert_eq!(ls.tracked_len(), 10);
        let before = ls.bytes();
        // SAFETY: reads the header word of live objects.
        let freed = ls.sweep(true, |o| unsafe { *(o as *const u64) } % 2 == 0);
        assert!(freed > 5 * 40_000);
        assert_eq!(ls.bytes(), before - freed);
        assert_eq!(ls.tracked_len(), 5);
        let mut n = 0;
        ls.for_each(|_| n += 1);
        assert_eq!(n, 5);
    }

    #[test]
    fn incremental_sweep_skips_new_objects() {
        let mut ls = LargeSpace::new();
        for _ in 0..100 {
            let o = ls.alloc(1000, 0).unwrap();
            ls.track(o);
        }
        ls.begin_sweep();
        let (done, freed) = ls.sweep_step(10_000, false, |_| false);
        assert!(!done && freed > 0);
        let young = ls.alloc(1000, 0).unwrap();
        ls.track(young);
        while ls.sweeping() {
            ls.sweep_step(10_000, false, |o| o == young);
        }
        assert_eq!(ls.tracked_len(), 1);
        assert_eq!(ls.blocks(), 1);
        let loose = ls.alloc(64, 8).unwrap();
        // SAFETY: untracked, allocated above, freed once.
        unsafe { ls.free(loose, true) };
        assert_eq!(ls.blocks(), 1);
    }
}
