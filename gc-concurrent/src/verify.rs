//! Heap verification (verify and torture modes) and heap walking.
//!
//! Only called when no sweeper runs and the old-space buffer is retired,
//! so every in-use block is parseable cell by cell.

use crate::heap::{free_len, is_free, BLOCK};
use crate::shared::Shared;
use gc_api::{is_ref, ObjRef, RootSet};
use gc_parts::verify_walk::AddrSet;

/// Calls `f(obj)` for every object (not free chunk) in the blocks and the
/// large space. Returns an error if a block does not parse.
pub fn walk_objects(shared: &Shared, mut f: impl FnMut(ObjRef)) -> Result<(), String> {
    let heap = &shared.heap;
    let types = &*shared.types;
    for idx in 0..heap.frontier() {
        if !heap.in_use(idx) {
            continue;
        }
        let start = heap.block_start(idx);
        let end = start + BLOCK;
        let mut at = start;
        while at < end {
            // SAFETY: `at` is a cell boundary inside an in-use block.
            let obj = unsafe { ObjRef::from_addr_unchecked(at) };
            let h = obj.header();
            let len = if is_free(h) {
                free_len(h)
            } else if types.contains(obj.tid()) {
                f(obj);
                types.size_of(obj)
            } else {
                return Err(format!(
                    "block {idx}: cell at {at:#x} has bad header {h:#x}"
                ));
            };
            if len == 0 || at + len > end {
                return Err(format!(
                    "block {idx}: cell at {at:#x} ({h:#x}, {len} bytes) overruns the block"
                ));
            }
            at += len;
        }
    }
    shared.large.for_each(f);
    Ok(())
}

/// Every object start in the heap.
pub fn object_starts(shared: &Shared) -> Result<AddrSet, String> {
    let mut set = AddrSet::default();
    walk_objects(shared, |o| {
        set.insert(o.addr());
    })?;
    Ok(set)
}

/// Traces everything reachable from `roots` (and `extra` roots) and checks
/// each object: a real object start (when `starts` is given), not a free
/// chunk, a registered type, and marked if `require_marked`; young
/// objects are traced through when `young_ok`, else reported. Returns the
/// number of reachable objects.
pub fn check_reachable(
    shared: &Shared,
    roots: &mut dyn RootSet,
    extra: &[usize],
    starts: Option<&AddrSet>,
    require_marked: bool,
    young_ok: bool,
) -> Result<usize, String> {
    trace_reachable(shared, roots, extra, starts, require_marked, young_ok, None)
}

/// An object reached by a verify walk: (object, referrer (0 for a root),
/// byte offset of the slot in the referrer).
pub type Reached = (usize, usize, usize);

/// [`check_reachable`], also recording every reached object in `record`.
pub fn trace_reachable(
    shared: &Shared,
    roots: &mut dyn RootSet,
    extra: &[usize],
    starts: Option<&AddrSet>,
    require_marked: bool,
    young_ok: bool,
    mut record: Option<&mut Vec<Reached>>,
) -> Result<usize, String> {
    let types = &*shared.types;
    let mut stack: Vec<(usize, usize, usize)> = Vec::new(); // (obj, parent, offset)
    roots.trace_roots(&mut |w: &mut usize| {
        if is_ref(*w) {
            stack.push((*w, 0, 0));
        }
    });
    stack.extend(extra.iter().filter(|w| is_ref(**w)).map(|&w| (w, 0, 0)));
    let mut seen = AddrSet::default();
    while let Some((w, parent, off)) = stack.pop() {
        if !seen.insert(w) {
            continue;
        }
        if let Some(r) = record.as_deref_mut() {
            r.push((w, parent, off));
        }
        let whence = || {
            if parent == 0 {
                "a root".to_string()
            } else {
                format!("slot +{off} of {parent:#x}")
            }
        };
        // Young objects (end-of-mark check) are traced, not required marked.
        let young = shared.is_young(w);
        if young && !young_ok {
            return Err(format!(
                "{w:#x} (from {}) is in the nursery after a minor collection: a store of a \
                 young reference into an old object skipped the write barrier",
                whence()
            ));
        }
        let in_heap = young
            || match starts {
                Some(s) => s.contains(&w),
                None => {
                    shared
                        .heap
                        .block_of(w)
                        .is_some_and(|b| shared.heap.in_use(b))
                        || is_large(shared, w)
                }
            };
        if !in_heap {
            return Err(format!(
                "{w:#x} (from {}) is not an object in the heap",
                whence()
            ));
        }
        // SAFETY: `w` is inside an in-use block or a large object (checked).
        let obj = unsafe { ObjRef::from_addr_unchecked(w) };
        let h = obj.header();
        if is_free(h) {
            return Err(format!("{w:#x} (from {}) is a free cell", whence()));
        }
        if !types.contains(obj.tid()) {
            return Err(format!(
                "{w:#x} (from {}) has bad header {h:#x} (poisoned?)",
                whence()
            ));
        }
        if require_marked && !young && !shared.is_marked_header(h) {
            return Err(format!(
                "{w:#x} ({}, from {}) is reachable but not marked",
                types.get(obj.tid()).name,
                whence()
            ));
        }
        types.for_each_slot(obj, |o| {
            let v = obj.word(o);
            if is_ref(v) {
                stack.push((v, w, o));
            }
        });
    }
    Ok(seen.len())
}

/// The SATB invariant, checked at the end of marking in verify mode: every
/// object reachable at the start handshake (`snapshot`) is marked. An
/// unmarked one means a reference to it was overwritten during marking
/// without the deletion barrier logging the old value, even if nothing
/// reaches the object any more (so no other check can see it). Objects are
/// not freed before the sweep, so every snapshot entry is still readable.
pub fn check_snapshot(shared: &Shared, snapshot: &[Reached]) -> Result<(), String> {
    let types = &*shared.types;
    // SAFETY: snapshot objects were live at the start handshake and nothing
    // is freed between the start of marking and the sweep.
    let obj = |a: usize| unsafe { ObjRef::from_addr_unchecked(a) };
    for &(w, parent, off) in snapshot {
        if shared.is_marked(obj(w)) {
            continue;
        }
        let whence = if parent == 0 {
            "a root".to_string()
        } else {
            let pt = &types.get(obj(parent).tid()).name;
            format!("slot +{off} of {parent:#x} ({pt})")
        };
        return Err(format!(
            "SATB: {w:#x} ({}) was reachable at the start of marking (from {whence}) but is \
             unmarked at its end: a reference store during marking skipped the deletion \
             barrier (old value not logged)",
            types.get(obj(w).tid()).name
        ));
    }
    Ok(())
}

fn is_large(shared: &Shared, w: usize) -> bool {
    let mut found = false;
    shared.large.for_each(|o| found |= o.addr() == w);
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::Heap;
    use gc_api::{make_header, TypeInfo, TypeTable};
    use std::sync::Arc;

    #[test]
    fn finds_unmarked_and_free_targets() {
        let mut t = TypeTable::new();
        let node = t.register(TypeInfo::fixed("node", 24, vec![8, 16]));
        let shared = Shared::new(Arc::new(t), Heap::new(1 << 20).unwrap(), false);
        let b = shared.heap.take_block(None, 0).unwrap();
        let sense = shared.sense();
        // SAFETY: fresh zeroed block.
        let a = unsafe { ObjRef::from_addr_unchecked(b) };
        // SAFETY: as above.
        let c = unsafe { ObjRef::from_addr_unchecked(b + 24) };
        a.set_header(make_header(node, sense));
        c.set_header(make_header(node, sense ^ crate::shared::MARK));
        a.set_word(8, c.to_word());
        shared.heap.retire(b + 48, b + BLOCK);
        let starts = object_starts(&shared).unwrap();
        assert_eq!(starts.len(), 2);
        let mut roots = vec![a.to_word()];
        assert_eq!(
            check_reachable(&shared, &mut roots, &[], Some(&starts), false, false).unwrap(),
            2
        );
        let e = check_reachable(&shared, &mut roots, &[], Some(&starts), true, false).unwrap_err();
        assert!(e.contains("not marked") && e.contains("slot +8"), "{e}");
        a.set_word(16, b + 48);
        let e = check_reachable(&shared, &mut roots, &[], None, false, false).unwrap_err();
        assert!(e.contains("free cell"), "{e}");
    }
}
