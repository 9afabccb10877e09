//! PyPy's finalizer ordering for the concurrent collector.
//!
//! At the first termination handshake, the registered objects that marking
//! left unmarked are the finalization candidates. Visited in registration
//! order, each candidate `x` not yet reached is flagged and everything
//! unmarked that it reaches is reached; reaching another candidate clears
//! that candidate's flag. Flagged candidates are queued; the others (an
//! object reachable from another finalizable object) stay registered and
//! wait for a later cycle, so in a chain `a -> b` only `a` is finalized
//! first, and in a cycle of finalizable objects one of them is. The caller
//! then marks every candidate (queued or waiting) with what it reaches.
//!
//! Runs in the handshake pause with the GC threads idle: its cost is
//! O(unmarked objects reachable from the candidates), i.e. proportional to
//! the garbage that finalizers keep alive, not to the heap.

use crate::shared::Shared;
use gc_api::{ObjRef, TypeTable};
use std::collections::HashSet;

/// The candidates among `registered` to queue for finalization now.
pub(crate) fn queue_set(
    types: &TypeTable,
    shared: &Shared,
    registered: &[usize],
) -> HashSet<usize> {
    let obj = |a: usize| {
        // SAFETY: registered objects and the objects they reach are live
        // (not swept) until the end of this cycle's marking.
        unsafe { ObjRef::from_addr_unchecked(a) }
    };
    let cands: Vec<usize> = registered
        .iter()
        .copied()
        .filter(|&a| !shared.is_marked(obj(a)))
        .collect();
    let is_cand: HashSet<usize> = cands.iter().copied().collect();
    let mut flagged: HashSet<usize> = HashSet::new();
    let mut reached: HashSet<usize> = HashSet::new();
    let mut stack = Vec::new();
    for &x in &cands {
        if !reached.insert(x) {
            continue;
        }
        stack.push(x);
        while let Some(a) = stack.pop() {
            let o = obj(a);
            types.for_each_slot(o, |off| {
                let Some(r) = ObjRef::from_word(o.word(off)) else {
                    return;
                };
                if shared.is_marked(r) {
                    return;
                }
                let ra = r.addr();
                if is_cand.contains(&ra) {
                    flagged.remove(&ra);
                }
                if reached.insert(ra) {
                    stack.push(ra);
                }
            });
        }
        flagged.insert(x);
    }
    flagged
}
