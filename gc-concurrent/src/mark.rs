//! Tri-color marking with work stealing.
//!
//! Grey = marked and queued; black = marked and scanned; white = not marked
//! (`header & MARK != sense`). Markers are the GC threads (each with a
//! crossbeam LIFO deque, stealing from the shared injector and each other)
//! and the mutator (mark assists, SATB drains in handshakes), which uses a
//! private stack and pushes what it leaves over to the injector.
//!
//! Termination: every marker increments `active` *before* it looks for work
//! and decrements it only when it holds none and found none. Only active
//! markers push to their own deques, so `active == 0` implies every deque is
//! empty; the only other source of grey objects is the mutator (roots, SATB
//! buffers) through the injector. Hence, in a handshake (mutator stopped),
//! `active == 0 && injector.is_empty()` means marking is complete.

use crate::heap::is_free;
use crate::shared::{Shared, MARK};
use crossbeam_deque::{Steal, Worker};
use gc_api::{is_ref, ObjRef};
use std::sync::atomic::Ordering;

/// Items of a var-size object scanned per task (large arrays are split so
/// that no single task, assist or handshake drain is unbounded).
pub const CHUNK_ITEMS: usize = 2048;

/// A unit of marking work: scan `obj` (fixed part and its first chunk of
/// items, when `item == WHOLE`) or items `item..item + CHUNK_ITEMS`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Task {
    /// The object.
    pub obj: usize,
    /// First item of the chunk, or [`WHOLE`].
    pub item: usize,
}

/// `Task::item` value for "the whole object".
pub const WHOLE: usize = usize::MAX;
/// `Task::item` value for "a reference logged by the SATB barrier, maybe
/// still white": the marker greys it first and scans it if it won.
pub const LOGGED: usize = usize::MAX - 1;

impl Task {
    /// Scan the whole object.
    pub fn whole(obj: usize) -> Task {
        Task { obj, item: WHOLE }
    }

    /// A reference logged by the deletion barrier.
    pub fn logged(obj: usize) -> Task {
        Task { obj, item: LOGGED }
    }
}

/// Where a marker puts newly greyed objects.
pub trait Sink {
    /// Queues a grey task.
    fn push(&mut self, t: Task);
}

impl Sink for Worker<Task> {
    #[inline]
    fn push(&mut self, t: Task) {
        Worker::push(self, t)
    }
}

impl Sink for Vec<Task> {
    #[inline]
    fn push(&mut self, t: Task) {
        Vec::push(self, t)
    }
}

/// Per-marker counters, flushed into [`Shared`] now and then.
#[derive(Default, Debug)]
pub struct Counters {
    /// Bytes of objects this marker greyed.
    pub marked: usize,
    /// Slots scanned (the unit of assist budgets).
    pub slots: usize,
}

impl Counters {
    /// Adds the counters to the shared totals and resets them.
    pub fn flush(&mut self, shared: &Shared) {
        if self.marked != 0 {
            shared
                .marked_bytes
                .fetch_add(self.marked, Ordering::Relaxed);
        }
        *self = Counters::default();
    }
}

/// Greys the object `word` refers to if it is white. Returns true when this
/// call marked it (the caller must queue it).
#[inline]
pub fn try_mark(shared: &Shared, word: usize, c: &mut Counters) -> bool {
    if shared.is_young(word) {
        return false; // allocated after the snapshot (see `young`)
    }
    // SAFETY: `word` is a reference read from a root, a slot of a live
    // object or a SATB log: it designates an object (the marking invariant).
    let obj = unsafe { ObjRef::from_addr_unchecked(word) };
    let sense = shared.sense();
    let h = obj.header();
    if h & MARK == sense {
        return false;
    }
    if is_free(h) || !shared.types.contains(gc_api::header_tid(h)) {
        shared.report_corruption(format!(
            "marking reached {word:#x} whose header {h:#x} is not an object"
        ));
        return false;
    }
    let prev = if sense == MARK {
        obj.fetch_or_flags(MARK)
    } else {
        obj.fetch_clear_flags(MARK)
    };
    if prev & MARK == sense {
        return false; // another marker won
    }
    c.marked += shared.types.size_of(obj);
    true
}

/// Scans one task, greying its white referents into `sink`.
pub fn scan(shared: &Shared, mut t: Task, sink: &mut impl Sink, c: &mut Counters) {
    if t.item == LOGGED {
        if !try_mark(shared, t.obj, c) {
            return;
        }
        t.item = WHOLE;
    }
    // SAFETY: tasks only hold marked objects, which are live until the
    // sweep of this cycle, which starts after marking ends.
    let obj = unsafe { ObjRef::from_addr_unchecked(t.obj) };
    let info = shared.types.get(obj.tid());
    let first = if t.item == WHOLE {
        for &o in &info.ref_offsets {
            visit(shared, obj.word(o as usize), sink, c);
        }
        c.slots += info.ref_offsets.len() + 1;
        0
    } else {
        t.item
    };
    let Some(v) = &info.var else { return };
    if v.item_ref_offsets.is_empty() {
        return;
    }
    let n = obj.word(v.length_offset as usize);
    let end = n.min(first.saturating_add(CHUNK_ITEMS));
    if t.item == WHOLE {
        // Queue the remaining chunks for any marker to take.
        let mut at = CHUNK_ITEMS;
        while at < n {
            sink.push(Task {
                obj: t.obj,
                item: at,
            });
            at += CHUNK_ITEMS;
        }
    }
    let base = info.fixed_size as usize;
    let isz = v.item_size as usize;
    for i in first..end {
        for &o in &v.item_ref_offsets {
            visit(shared, obj.word(base + i * isz + o as usize), sink, c);
        }
    }
    c.slots += (end - first) * v.item_ref_offsets.len();
}

#[inline]
fn visit(shared: &Shared, w: usize, sink: &mut impl Sink, c: &mut Counters) {
    if is_ref(w) && try_mark(shared, w, c) {
        sink.push(Task::whole(w));
    }
}

/// Takes one task from the injector (moving a batch into `local`) or from
/// another marker.
pub fn steal(shared: &Shared, local: &Worker<Task>) -> Option<Task> {
    let stealers = shared.stealers();
    loop {
        let mut retry = false;
        match shared.injector.steal_batch_and_pop(local) {
            Steal::Success(t) => return Some(t),
            Steal::Retry => retry = true,
            Steal::Empty => {}
        }
        for s in stealers.iter() {
            match s.steal() {
                Steal::Success(t) => return Some(t),
                Steal::Retry => retry = true,
                Steal::Empty => {}
            }
        }
        if !retry {
            return None;
        }
    }
}

/// Takes one task for a marker without a deque (the mutator).
pub fn steal_one(shared: &Shared) -> Option<Task> {
    let stealers = shared.stealers();
    loop {
        let mut retry = false;
        match shared.injector.steal() {
            Steal::Success(t) => return Some(t),
            Steal::Retry => retry = true,
            Steal::Empty => {}
        }
        for s in stealers.iter() {
            match s.steal() {
                Steal::Success(t) => return Some(t),
                Steal::Retry => retry = true,
                Steal::Empty => {}
            }
        }
        if !retry {
            return None;
        }
    }
}

/// A GC thread's marking session: marks until no work is left anywhere.
/// Returns when idle (after leaving the active count).
pub fn mark_until_idle(shared: &Shared, local: &Worker<Task>) {
    let mut c = Counters::default();
    shared.active.fetch_add(1, Ordering::SeqCst);
    loop {
        let t = match local.pop() {
            Some(t) => Some(t),
            None => steal(shared, local),
        };
        match t {
            Some(t) => {
                let mut sink = LocalSink(local);
                scan(shared, t, &mut sink, &mut c);
                if c.slots > 4096 {
                    c.flush(shared);
                }
            }
            None => break,
        }
    }
    c.flush(shared);
    if shared.active.fetch_sub(1, Ordering::SeqCst) == 1 && shared.injector.is_empty() {
        shared.drained.store(true, Ordering::Release);
    }
}

struct LocalSink<'a>(&'a Worker<Task>);

impl Sink for LocalSink<'_> {
    #[inline]
    fn push(&mut self, t: Task) {
        self.0.push(t)
    }
}

/// Marking by the mutator: drains `stack` (and then stolen work) until
/// about `budget` slots are scanned. Leftovers go to the injector. Returns
/// true if the mutator's stack and the injector ran empty.
pub fn mutator_mark(shared: &Shared, stack: &mut Vec<Task>, budget: usize) -> bool {
    mutator_mark_until(shared, stack, budget, None)
}

/// As [`mutator_mark`], also stopping at `deadline` (checked every 256
/// slots). With a deadline (handshakes) it takes work only from `stack` and
/// the injector, never from the GC threads' deques.
pub fn mutator_mark_until(
    shared: &Shared,
    stack: &mut Vec<Task>,
    budget: usize,
    deadline: Option<std::time::Instant>,
) -> bool {
    let mut c = Counters::default();
    shared.active.fetch_add(1, Ordering::SeqCst);
    let mut ran_out = false;
    let mut next_check = 256;
    while c.slots < budget {
        if c.slots >= next_check {
            next_check = c.slots + 256;
            if deadline.is_some_and(|d| std::time::Instant::now() >= d) {
                break;
            }
        }
        let t = match stack.pop() {
            Some(t) => t,
            None => {
                let stolen = if deadline.is_some() {
                    steal_injector(shared)
                } else {
                    steal_one(shared)
                };
                match stolen {
                    Some(t) => t,
                    None => {
                        ran_out = true;
                        break;
                    }
                }
            }
        };
        // Count the task itself: a logged reference that turns out marked
        // scans no slot but still costs a cache miss.
        c.slots += 1;
        scan(shared, t, stack, &mut c);
    }
    for t in stack.drain(..) {
        shared.injector.push(t);
    }
    shared.mutator_marked.fetch_add(c.marked, Ordering::Relaxed);
    c.flush(shared);
    if shared.active.fetch_sub(1, Ordering::SeqCst) == 1 && shared.injector.is_empty() {
        shared.drained.store(true, Ordering::Release);
    }
    ran_out
}

fn steal_injector(shared: &Shared) -> Option<Task> {
    loop {
        match shared.injector.steal() {
            Steal::Success(t) => return Some(t),
            Steal::Retry => continue,
            Steal::Empty => return None,
        }
    }
}

/// Is marking complete? Only meaningful in a handshake (mutator stopped,
/// its SATB buffer flushed).
pub fn terminated(shared: &Shared) -> bool {
    shared.active.load(Ordering::SeqCst) == 0 && shared.injector.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::Heap;
    use gc_api::{make_header, TypeInfo, TypeTable, VarLayout};
    use std::sync::Arc;

    #[test]
    fn marks_a_graph_with_big_array_in_chunks() {
        let mut t = TypeTable::new();
        let node = t.register(TypeInfo::fixed("node", 24, vec![8, 16]));
        let arr = t.register(TypeInfo::var_size(
            "arr",
            16,
            vec![],
            VarLayout {
                length_offset: 8,
                item_size: 8,
                item_ref_offsets: vec![0],
            },
        ));
        let shared = Shared::new(Arc::new(t), Heap::new(1 << 20).unwrap(), false);
        let n = 3 * CHUNK_ITEMS + 5;
        let mut mem = vec![0u64; 2 + n + 3 * (n + 1)];
        let base = mem.as_mut_ptr() as usize;
        let sense = shared.sense();
        let white = sense ^ MARK;
        // SAFETY: `mem` is a zeroed, aligned buffer big enough for the array
        // followed by n + 1 nodes.
        let a = unsafe { ObjRef::from_addr_unchecked(base) };
        a.set_header(make_header(arr, white));
        a.set_word(8, n);
        let mut nodes = Vec::new();
        for i in 0..=n {
            // SAFETY: inside `mem`.
            let o = unsafe { ObjRef::from_addr_unchecked(base + 16 + 8 * n + 24 * i) };
            o.set_header(make_header(node, white));
            nodes.push(o);
        }
        for (i, o) in nodes.iter().take(n).enumerate() {
            a.set_word(16 + 8 * i, o.to_word());
        }
        nodes[0].set_word(8, nodes[n].to_word());
        let mut c = Counters::default();
        assert!(try_mark(&shared, a.to_word(), &mut c));
        assert!(!try_mark(&shared, a.to_word(), &mut c));
        c.flush(&shared);
        let mut stack = vec![Task::whole(a.to_word())];
        assert!(mutator_mark(&shared, &mut stack, usize::MAX));
        assert!(terminated(&shared));
        assert!(nodes.iter().all(|&o| shared.is_marked(o)));
        assert_eq!(
            shared.marked_bytes.load(Ordering::Relaxed),
            16 + 8 * n + 24 * (n + 1)
        );
        drop(mem);
    }
}
