//! Concurrent sweeping, by GC threads and lazily by the allocator.
//!
//! A sweeper claims a block (CAS on its sweep generation), walks its cells,
//! runs light finalizers of dead objects, coalesces dead objects and free
//! chunks into runs, writes one free-chunk header per run and lists the runs
//! (or releases the block when nothing in it survived). No block it sweeps
//! holds an open allocation buffer: the old-space buffer is retired in the
//! end-of-mark handshake, and every buffer handed out afterwards comes from
//! an already-swept block or a block acquired after the sweep began.

use crate::heap::{free_len, is_free, BLOCK};
use crate::shared::Shared;
use gc_api::ObjRef;
use std::sync::atomic::Ordering;
use std::time::Instant;

/// Sweeps block `idx` (already claimed). Returns the bytes freed.
fn sweep_block(shared: &Shared, idx: usize) -> usize {
    let heap = &shared.heap;
    let types = &*shared.types;
    let start = heap.block_start(idx);
    let end = start + BLOCK;
    let sense = shared.sense();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut run_start: Option<usize> = None;
    let mut any_live = false;
    let mut corrupt = false;
    let zero_dead = !heap.poisoning();
    let mut freed = 0;
    // Start of the current streak of dead objects not yet zeroed: streaks
    // are zeroed with one call when they end (a 24-byte object per call
    // made zeroing a third of the sweep's time).
    let mut dirty: Option<usize> = None;
    let flush = |dirty: &mut Option<usize>, upto: usize| {
        if let Some(d) = dirty.take() {
            heap.zero(d, upto);
        }
    };
    let mut at = start;
    while at < end {
        // SAFETY: `at` is a cell boundary of an in-use block we own for
        // sweeping (cells cover the block back to back).
        let obj = unsafe { ObjRef::from_addr_unchecked(at) };
        let h = obj.header();
        if is_free(h) {
            flush(&mut dirty, at);
            let len = free_len(h);
            if len == 0 || at + len > end {
                shared.report_corruption(format!("bad free chunk {h:#x} at {at:#x}"));
                corrupt = true;
                break;
            }
            if !zero_dead {
                // Poison mode zeroes on hand-out instead.
            } else if run_start.is_some() {
                // Merged into a run: its header would be garbage inside it.
                heap.zero(at, at + 8);
            }
            run_start.get_or_insert(at);
            at += len;
            continue;
        }
        if !types.contains(obj.tid()) {
            shared.report_corruption(format!("sweep found bad header {h:#x} at {at:#x}"));
            corrupt = true;
            break;
        }
        let size = types.size_of(obj);
        if at + size > end {
            shared.report_corruption(format!(
                "object at {at:#x} of {size} bytes crosses its block"
            ));
            corrupt = true;
            break;
        }
        if h & crate::shared::MARK == sense {
            flush(&mut dirty, at);
            if let Some(s) = run_start.take() {
                runs.push((s, at - s));
            }
            any_live = true;
        } else {
            if let Some(f) = types.get(obj.tid()).light_finalizer {
                f(obj);
                shared.light_run.fetch_add(1, Ordering::Relaxed);
            }
            if shared.poison {
                heap.poison(at, at + size);
            } else {
                dirty.get_or_insert(at);
            }
            freed += size;
            run_start.get_or_insert(at);
        }
        at += size;
    }
    flush(&mut dirty, at.min(end));
    if let Some(s) = run_start.take() {
        runs.push((s, end.max(at) - s));
    }
    if corrupt {
        // Keep everything: freeing on a misparsed block would do more harm.
        heap.finish_sweep(idx);
    } else if !any_live {
        if zero_dead {
            // The only non-zero word left is the header of the free chunk
            // that began the block's single run.
            heap.zero(start, start + 8);
        }
        heap.finish_sweep(idx);
        heap.release_block(idx);
    } else {
        heap.write_runs(&runs);
        heap.list_runs(&runs);
        heap.finish_sweep(idx);
    }
    freed
}

/// Sweeps the large objects if nobody has claimed them yet.
fn sweep_large(shared: &Shared) -> bool {
    if shared
        .large_sweep
        .compare_exchange(0, 1, Ordering::AcqRel, Ordering::Relaxed)
        .is_err()
    {
        return false;
    }
    let sense = shared.sense();
    let freed = shared
        .large
        .sweep(&shared.types, |o| o.header() & crate::shared::MARK == sense);
    shared.freed_bytes.fetch_add(freed, Ordering::Relaxed);
    shared.large_sweep.store(2, Ordering::Release);
    true
}

/// Sweeps at most `max_blocks` blocks (and the large objects). Returns
/// false when there was nothing left to claim.
pub fn sweep_some(shared: &Shared, max_blocks: usize) -> bool {
    let t0 = Instant::now();
    let mut did = sweep_large(shared);
    let mut n = 0;
    let limit = shared.sweep_limit.load(Ordering::Acquire);
    while n < max_blocks {
        let idx = shared.sweep_cursor.fetch_add(1, Ordering::AcqRel);
        if idx >= limit {
            break;
        }
        if shared.heap.claim_sweep(idx) {
            let freed = sweep_block(shared, idx);
            shared.freed_bytes.fetch_add(freed, Ordering::Relaxed);
            shared.sweep_pending.fetch_sub(1, Ordering::AcqRel);
            n += 1;
            did = true;
        }
    }
    shared
        .sweep_ns
        .fetch_add(t0.elapsed().as_nanos() as u64, Ordering::Relaxed);
    did
}

/// Sets up the sweep of this cycle. End-of-mark handshake only.
pub fn begin(shared: &Shared) {
    let pending = shared.heap.new_sweep_generation();
    shared.freed_bytes.store(0, Ordering::Relaxed);
    shared.sweep_ns.store(0, Ordering::Relaxed);
    shared
        .sweep_limit
        .store(shared.heap.frontier(), Ordering::Release);
    shared.sweep_cursor.store(0, Ordering::Release);
    shared.large_sweep.store(0, Ordering::Release);
    shared.sweep_pending.store(pending, Ordering::Release);
}
