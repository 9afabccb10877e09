//! Finalization without reclamation: what an explicit collection does on
//! nogc when the program registered finalizers or holds weak references.
//!
//! nogc never frees or reuses memory, but Python semantics still need to
//! know which objects became unreachable: `__del__` must run after
//! `gc.collect()` (PEP 442, at most once), and weak references to dead
//! objects must read as cleared. So a requested collection marks everything
//! reachable from the roots (a mark bit in the header), orders finalizers as
//! PyPy does (an object reachable from another finalizable one waits for a
//! later collection), clears the weak slots whose targets died or wait for
//! finalization, queues the finalization candidates, and flags every object
//! found dead `DEAD` forever. Dead objects keep their memory (nothing is
//! reused, so nothing dangles) but heap walks skip them: `gc.get_objects()`
//! or a heap snapshot never hand a dead object back to the program.
//! Light finalizers are not run: they free raw memory, and nogc frees none.
//!
//! nogc never requests a collection itself, so it stays the GC-free
//! baseline: this work happens only when the program asks for it
//! (`gc.collect()`, `gc.get_objects()`, torture mode).

use gc_api::{gc_flag, is_ref, ObjRef, RootSet, TypeTable};
use gc_parts::header_flags::{FIN_CANDIDATE, MARK_BIT};

/// Found unreachable by a collection: never reachable again, skipped by walks.
pub const DEAD: u64 = gc_flag(12);

/// The object at `addr`.
#[inline(always)]
pub(crate) fn obj(addr: usize) -> ObjRef {
    // SAFETY: callers pass addresses of objects allocated by nogc (listed
    // finalizable objects and weak references, references read from marked
    // objects or roots that lie inside the used part of the region).
    unsafe { ObjRef::from_addr_unchecked(addr) }
}

/// Calls its argument on every object of the heap.
pub type EachObject<'a> = dyn FnMut(&mut dyn FnMut(ObjRef)) + 'a;

/// The objects an explicit collection must look at.
#[derive(Default)]
pub struct Watch {
    /// Objects with a registered full finalizer, not queued yet.
    pub finalizers: Vec<usize>,
    /// Weak references (objects whose type has a weak slot) not found dead.
    pub weak: Vec<usize>,
    /// Objects queued for their finalizer, not handed out yet (roots: the
    /// finalizer will use them).
    pub queue: std::collections::VecDeque<usize>,
    /// The objects the previous collection found alive. With the objects
    /// allocated since, they are all that can be alive now: the dead stay
    /// dead, so a collection costs the live heap and the new objects, not
    /// everything ever allocated.
    pub live: Vec<usize>,
}

/// What one finalization pass did.
pub struct Outcome {
    /// Objects queued for their finalizer.
    pub queued: u64,
    /// Weak slots cleared.
    pub cleared: u64,
}

/// One marking pass over the objects in `heap` (start, end).
struct Marker<'a> {
    types: &'a TypeTable,
    heap: (usize, usize),
    stack: Vec<usize>,
}

impl Marker<'_> {
    fn in_heap(&self, w: usize) -> bool {
        is_ref(w) && w >= self.heap.0 && w < self.heap.1
    }

    /// Marks `w` if unmarked; in finalizer ordering (`fin`), reaching a
    /// candidate demotes it (it must wait for a later collection).
    fn mark_ref(&mut self, w: usize, fin: bool) {
        if !self.in_heap(w) {
            return;
        }
        let o = obj(w);
        let h = o.header();
        if h & MARK_BIT == 0 {
            o.set_header(h | MARK_BIT);
            self.stack.push(w);
        } else if fin && h & FIN_CANDIDATE != 0 {
            o.set_header(h & !FIN_CANDIDATE);
        }
    }

    fn drain(&mut self, fin: bool) {
        while let Some(a) = self.stack.pop() {
            let o = obj(a);
            let types = self.types;
            types.for_each_slot(o, |off| self.mark_ref(o.word(off), fin));
        }
    }
}

impl Watch {
    /// True when a collection has anything to find.
    pub fn is_empty(&self) -> bool {
        self.finalizers.is_empty() && self.weak.is_empty()
    }

    /// Marks from `roots`, orders and queues finalizers, clears weak slots,
    /// flags the dead, then clears the marks (`each_new` visits the objects
    /// allocated since the previous collection).
    pub fn collect(
        &mut self,
        types: &TypeTable,
        heap: (usize, usize),
        roots: &mut dyn RootSet,
        each_new: &mut EachObject<'_>,
    ) -> Outcome {
        let mut m = Marker {
            types,
            heap,
            stack: Vec::new(),
        };
        roots.trace_roots(&mut |w: &mut usize| m.mark_ref(*w, false));
        for &q in &self.queue {
            m.mark_ref(q, false);
        }
        m.drain(false);
        // PyPy's ordering: what an unreachable finalizable object reaches
        // stays alive (it may use it in its finalizer); reaching another
        // candidate demotes that one.
        let fins = std::mem::take(&mut self.finalizers);
        for &x in &fins {
            let o = obj(x);
            if o.header() & MARK_BIT == 0 {
                o.set_flags(MARK_BIT);
                m.stack.push(x);
                m.drain(true);
                o.set_flags(FIN_CANDIDATE);
            }
        }
        let cleared = self.clear_weak(types, &m);
        let mut queued = 0;
        for &x in &fins {
            let o = obj(x);
            if o.header() & FIN_CANDIDATE != 0 {
                o.clear_flags(FIN_CANDIDATE);
                self.queue.push_back(x);
                queued += 1;
            } else {
                self.finalizers.push(x);
            }
        }
        let mut live = Vec::with_capacity(self.live.len());
        let mut sweep = |o: ObjRef| {
            let h = o.header();
            if h & MARK_BIT == 0 {
                o.set_header(h | DEAD);
            } else {
                o.set_header(h & !MARK_BIT);
                live.push(o.addr());
            }
        };
        for &x in &self.live {
            sweep(obj(x));
        }
        each_new(&mut sweep);
        self.live = live;
        Outcome { queued, cleared }
    }

    /// Clears the weak slots of the live weak references whose targets died
    /// or wait for finalization; forgets the weak references that died.
    fn clear_weak(&mut self, types: &TypeTable, m: &Marker<'_>) -> u64 {
        let mut cleared = 0;
        let weak = std::mem::take(&mut self.weak);
        for w in weak {
            let o = obj(w);
            if o.header() & MARK_BIT == 0 {
                continue;
            }
            if let Some(off) = types.get(o.tid()).weak_offset {
                let t = o.word(off as usize);
                if m.in_heap(t) && obj(t).header() & (MARK_BIT | FIN_CANDIDATE) != MARK_BIT {
                    o.set_word(off as usize, 0);
                    cleared += 1;
                }
            }
            self.weak.push(w);
        }
        cleared
    }
}
