//! The non-moving small-object space: 256 KiB blocks of back-to-back cells.
//!
//! Every byte of an in-use block belongs to exactly one *cell*: either an
//! object (header = type id | flags) or a *free chunk* whose header is
//! [`FREE`] | (length in words). A block is therefore parseable from its
//! first byte, except for the open allocation buffer (`alloc_top..limit`,
//! zeroed) which the owner retires before anyone walks the block.
//!
//! Free memory is handed to the mutator as *runs*: a contiguous free range
//! found by the sweeper (dead objects and free chunks coalesced) becomes the
//! mutator's bump buffer. Runs of at least [`MIN_RUN`] bytes sit in
//! segregated free lists bucketed by power-of-two length; smaller holes stay
//! free chunks until a neighbour dies and the next sweep merges them.
//! Fully-free blocks go back to a pool and their pages to the OS.
//!
//! Block states live in one `AtomicU32` per block (`gens`): 0 = in the pool;
//! otherwise the sweep generation, as in Go's `mspan.sweepgen`: with the
//! global generation `sg`, `sg - 2` = needs sweeping, `sg - 1` = being swept,
//! `sg` = swept (or acquired since the sweep began).

use gc_api::{gc_flag, AllocError};
use gc_parts::Region;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::Mutex;

/// Bytes per block.
pub const BLOCK: usize = 256 << 10;
/// Free runs shorter than this are not listed (not worth a buffer refill).
pub const MIN_RUN: usize = 256;
/// The header flag of a free chunk. Its type-id bits hold the length in words.
pub const FREE: u64 = gc_flag(1);
/// Number of free-list buckets: bucket `k` holds runs of `2^(k+8)..2^(k+9)` bytes.
const NBUCKETS: usize = 11;
/// Pool entry flag: the block stayed resident (not given back to the OS).
const RESIDENT: u32 = 1 << 31;
/// Refills prefer runs of at least this many bytes (bucket index).
const PREFERRED_BUCKET: usize = 4; // 4 KiB

/// The header word of a free chunk of `len` bytes.
#[inline(always)]
pub fn free_header(len: usize) -> u64 {
    debug_assert!(len >= 8 && len.is_multiple_of(8));
    FREE | (len / 8) as u64
}

/// Is this header a free chunk's?
#[inline(always)]
pub fn is_free(header: u64) -> bool {
    header & FREE != 0
}

/// The length in bytes of a free chunk, from its header.
#[inline(always)]
pub fn free_len(header: u64) -> usize {
    (header & 0xffff_ffff) as usize * 8
}

fn bucket_floor(len: usize) -> usize {
    let lg = usize::BITS - 1 - len.leading_zeros();
    (lg as usize).saturating_sub(8).min(NBUCKETS - 1)
}

fn bucket_ceil(len: usize) -> usize {
    let b = bucket_floor(len);
    if len > (256usize << b) {
        (b + 1).min(NBUCKETS)
    } else {
        b
    }
}

/// Writes a free-chunk header at `at`.
fn write_free(at: usize, len: usize) {
    // SAFETY: callers pass the start of a free range of `len` bytes inside an
    // in-use block that nobody else is writing (see the block protocol above).
    unsafe { gc_api::ObjRef::from_addr_unchecked(at) }.set_header(free_header(len));
}

struct Pool {
    free: Vec<u32>,
    frontier: u32,
}

/// The block space.
pub struct Heap {
    region: Region,
    nblocks: usize,
    gens: Box<[AtomicU32]>,
    /// The global sweep generation (even, >= 4).
    pub sweep_gen: AtomicU32,
    pool: Mutex<Pool>,
    lists: Mutex<Vec<Vec<(usize, usize)>>>,
    committed: AtomicUsize,
    listed: AtomicUsize,
    in_use: AtomicUsize,
    /// Bytes of pool blocks kept resident (zeroed by the sweeper) instead of
    /// given back to the OS.
    resident_free: AtomicUsize,
    /// Free blocks are kept resident while the resident free bytes stay
    /// under max(this, [`RETAIN_MIN`], committed): the collector sets it to
    /// the pacer's heap goal, which the heap grows back to before the next
    /// cycle ends anyway, so giving those pages back would only refault them.
    retain_goal: AtomicUsize,
    /// Poison mode: freed memory is poisoned, so runs and blocks are zeroed
    /// on hand-out. Otherwise the sweeper zeroes dead cells and free-chunk
    /// interiors are always zero (only their header word is not).
    poison: bool,
}

/// Pool blocks kept resident (not returned to the OS) at most.
const RETAIN_MIN: usize = 64 << 20;

impl Heap {
    /// Reserves `reserve` bytes of address space for blocks.
    pub fn new(reserve: usize) -> std::io::Result<Heap> {
        let reserve = reserve.div_ceil(BLOCK).max(4) * BLOCK;
        // Over-reserve by one block so we can align the first block.
        let region = Region::reserve(reserve + BLOCK)?;
        let first = region.start().div_ceil(BLOCK) * BLOCK;
        let nblocks = (region.end() - first) / BLOCK;
        let gens = (0..nblocks).map(|_| AtomicU32::new(0)).collect();
        Ok(Heap {
            region,
            nblocks,
            gens,
            sweep_gen: AtomicU32::new(4),
            pool: Mutex::new(Pool {
                free: Vec::new(),
                frontier: 0,
            }),
            lists: Mutex::new(vec![Vec::new(); NBUCKETS]),
            committed: AtomicUsize::new(0),
            listed: AtomicUsize::new(0),
            in_use: AtomicUsize::new(0),
            resident_free: AtomicUsize::new(0),
            retain_goal: AtomicUsize::new(0),
            poison: false,
        })
    }

    /// Sets poison mode (see the field). Before the heap is shared.
    pub fn with_poison(mut self, poison: bool) -> Heap {
        self.poison = poison;
        self
    }

    /// Is poison mode on?
    pub fn poisoning(&self) -> bool {
        self.poison
    }

    /// Zeroes `start..end` (dead cells, in the sweeper).
    pub fn zero(&self, start: usize, end: usize) {
        self.region.zero(start, end);
    }

    fn base(&self) -> usize {
        self.region.start().div_ceil(BLOCK) * BLOCK
    }

    /// Start address of block `idx`.
    #[inline]
    pub fn block_start(&self, idx: usize) -> usize {
        self.base() + idx * BLOCK
    }

    /// The block holding `addr`, if it is inside the space.
    #[inline]
    pub fn block_of(&self, addr: usize) -> Option<usize> {
        let base = self.base();
        if addr < base || addr >= base + self.nblocks * BLOCK {
            return None;
        }
        Some((addr - base) / BLOCK)
    }

    /// Is block `idx` in use (not in the pool)?
    pub fn in_use(&self, idx: usize) -> bool {
        self.gens[idx].load(Ordering::Acquire) != 0
    }

    /// Blocks ever handed out (an upper bound for block indices in use).
    pub fn frontier(&self) -> usize {
        self.pool.lock().unwrap().frontier as usize
    }

    /// Number of blocks in use.
    pub fn blocks_in_use(&self) -> usize {
        self.in_use.load(Ordering::Acquire)
    }

    /// Bytes of in-use blocks.
    pub fn committed(&self) -> usize {
        self.committed.load(Ordering::Relaxed)
    }

    /// Bytes in use: committed blocks minus listed free runs. (Unlisted
    /// small holes count as used until the next sweep merges them.)
    pub fn used(&self) -> usize {
        self.committed()
            .saturating_sub(self.listed.load(Ordering::Relaxed))
    }

    /// Takes an empty, zeroed block from the pool or the frontier. `extra`
    /// is the bytes held elsewhere (large objects) counted toward `limit`.
    pub fn take_block(&self, limit: Option<usize>, extra: usize) -> Result<usize, AllocError> {
        if let Some(l) = limit {
            if self.committed() + extra + BLOCK > l {
                return Err(AllocError::HeapLimit {
                    requested: BLOCK,
                    limit: l,
                });
            }
        }
        let mut pool = self.pool.lock().unwrap();
        let idx = match pool.free.pop() {
            Some(i) if i & RESIDENT != 0 => {
                self.resident_free.fetch_sub(BLOCK, Ordering::Relaxed);
                (i & !RESIDENT) as usize
            }
            Some(i) => i as usize,
            None => {
                if pool.frontier as usize >= self.nblocks {
                    return Err(AllocError::OutOfMemory { requested: BLOCK });
                }
                pool.frontier += 1;
                pool.frontier as usize - 1
            }
        };
        debug_assert!(
            self.region_is_zero(self.block_start(idx), self.block_start(idx) + BLOCK),
            "pool block {idx} is not zeroed"
        );
        // A block acquired now counts as swept for the current generation.
        self.gens[idx].store(self.sweep_gen.load(Ordering::Acquire), Ordering::Release);
        self.committed.fetch_add(BLOCK, Ordering::Relaxed);
        self.in_use.fetch_add(1, Ordering::AcqRel);
        Ok(self.block_start(idx))
    }

    /// Returns a block with no live object to the pool. Outside poison mode
    /// the sweeper has zeroed every cell, so the block is all zero; it stays
    /// resident up to a budget (reuse without page faults), beyond which its
    /// pages go back to the OS (they read as zero when reused).
    pub fn release_block(&self, idx: usize) {
        let start = self.block_start(idx);
        let budget = RETAIN_MIN
            .max(self.committed())
            .max(self.retain_goal.load(Ordering::Relaxed));
        let keep = !self.poison && self.resident_free.load(Ordering::Relaxed) + BLOCK <= budget;
        if keep {
            self.resident_free.fetch_add(BLOCK, Ordering::Relaxed);
        } else {
            self.region.release(start, start + BLOCK);
        }
        self.gens[idx].store(0, Ordering::Release);
        self.committed.fetch_sub(BLOCK, Ordering::Relaxed);
        self.in_use.fetch_sub(1, Ordering::AcqRel);
        self.pool
            .lock()
            .unwrap()
            .free
            .push(idx as u32 | if keep { RESIDENT } else { 0 });
    }

    /// Sets the heap size free blocks may stay resident up to (see the
    /// field `retain_goal`).
    pub fn set_retain_goal(&self, bytes: usize) {
        self.retain_goal.store(bytes, Ordering::Relaxed);
    }

    /// Claims block `idx` for sweeping if it needs it (generation `sg - 2`).
    pub fn claim_sweep(&self, idx: usize) -> bool {
        let sg = self.sweep_gen.load(Ordering::Acquire);
        self.gens[idx]
            .compare_exchange(sg - 2, sg - 1, Ordering::AcqRel, Ordering::Relaxed)
            .is_ok()
    }

    /// Marks block `idx` swept.
    pub fn finish_sweep(&self, idx: usize) {
        let sg = self.sweep_gen.load(Ordering::Acquire);
        self.gens[idx].store(sg, Ordering::Release);
    }

    /// Starts a new sweep generation; every in-use block now needs sweeping.
    /// Returns the number of blocks to sweep. Only at the end-of-mark
    /// handshake (no sweeper running).
    pub fn new_sweep_generation(&self) -> usize {
        self.sweep_gen.fetch_add(2, Ordering::AcqRel);
        self.blocks_in_use()
    }

    /// Publishes free runs found in one block (each already has its
    /// free-chunk header). Short runs are not listed.
    pub fn list_runs(&self, runs: &[(usize, usize)]) {
        let mut lists = self.lists.lock().unwrap();
        let mut n = 0;
        for &(s, len) in runs {
            if len >= MIN_RUN {
                lists[bucket_floor(len)].push((s, len));
                n += len;
            }
        }
        self.listed.fetch_add(n, Ordering::Relaxed);
    }

    /// Forgets every listed run (they stay free chunks in their blocks and
    /// the coming sweep finds them again). O(1): end-of-mark handshake only.
    pub fn clear_lists(&self) {
        let mut lists = self.lists.lock().unwrap();
        for l in lists.iter_mut() {
            l.clear();
        }
        self.listed.store(0, Ordering::Relaxed);
    }

    /// Takes a listed run of at least `min` bytes, zeroes it and returns it.
    pub fn take_run(&self, min: usize) -> Option<(usize, usize)> {
        let lo = bucket_ceil(min.max(MIN_RUN));
        let run = {
            let mut lists = self.lists.lock().unwrap();
            let order = (lo.max(PREFERRED_BUCKET)..NBUCKETS).chain(lo..PREFERRED_BUCKET.max(lo));
            let mut found = None;
            'outer: for b in order {
                let l = &mut lists[b];
                // The top bucket mixes lengths; search it from the back.
                for i in (0..l.len()).rev() {
                    if l[i].1 >= min {
                        found = Some(l.swap_remove(i));
                        break 'outer;
                    }
                    if b < NBUCKETS - 1 {
                        break;
                    }
                }
            }
            found?
        };
        self.listed.fetch_sub(run.1, Ordering::Relaxed);
        if self.poison {
            self.region.zero(run.0, run.0 + run.1);
        } else {
            // Only the run's free-chunk header is non-zero.
            self.region.zero(run.0, run.0 + 8);
            debug_assert!(self.region_is_zero(run.0, run.0 + run.1));
        }
        Some(run)
    }

    /// Closes the unused end `top..limit` of an allocation buffer: it becomes
    /// a free chunk, and is listed again if long enough.
    pub fn retire(&self, top: usize, limit: usize) {
        if limit > top {
            write_free(top, limit - top);
            self.list_runs(&[(top, limit - top)]);
        }
    }

    #[cfg(debug_assertions)]
    fn region_is_zero(&self, start: usize, end: usize) -> bool {
        // SAFETY: `start..end` is a free run we just took (no one else
        // touches it), inside our region.
        let bytes = unsafe { std::slice::from_raw_parts(start as *const u8, end - start) };
        bytes.iter().all(|&b| b == 0)
    }

    #[cfg(not(debug_assertions))]
    fn region_is_zero(&self, _start: usize, _end: usize) -> bool {
        true
    }

    /// Fills `start..end` with the poison byte.
    pub fn poison(&self, start: usize, end: usize) {
        self.region.fill(start, end, gc_parts::poison::POISON_BYTE);
    }

    /// Writes the free-chunk headers for runs found by a sweep.
    pub fn write_runs(&self, runs: &[(usize, usize)]) {
        for &(s, len) in runs {
            debug_assert!(self.block_of(s).is_some());
            write_free(s, len);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets() {
        assert_eq!(bucket_floor(256), 0);
        assert_eq!(bucket_floor(511), 0);
        assert_eq!(bucket_floor(512), 1);
        assert_eq!(bucket_ceil(257), 1);
        assert_eq!(bucket_ceil(256), 0);
        assert_eq!(bucket_floor(BLOCK), NBUCKETS - 1);
        assert_eq!(free_len(free_header(BLOCK)), BLOCK);
    }

    #[test]
    fn blocks_runs_and_accounting() {
        let h = Heap::new(16 * BLOCK).unwrap();
        let a = h.take_block(None, 0).unwrap();
        assert_eq!(a % BLOCK, 0);
        assert_eq!(h.used(), BLOCK);
        // Retire most of the block as a run, then take it back.
        h.retire(a + 1024, a + BLOCK);
        assert_eq!(h.used(), 1024);
        let (s, len) = h.take_run(4096).unwrap();
        assert_eq!((s, len), (a + 1024, BLOCK - 1024));
        assert!(h.take_run(16).is_none());
        // Heap limit: one block is all we may commit.
        let e = h.take_block(Some(BLOCK), 0).unwrap_err();
        assert!(matches!(e, AllocError::HeapLimit { .. }));
        let idx = h.block_of(a).unwrap();
        let gen = h.new_sweep_generation();
        assert_eq!(gen, 1);
        assert!(h.claim_sweep(idx));
        assert!(!h.claim_sweep(idx));
        h.finish_sweep(idx);
        h.release_block(idx);
        assert_eq!(h.used(), 0);
        assert_eq!(h.take_block(None, 0).unwrap(), a);
    }
}
