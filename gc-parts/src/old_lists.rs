//! The old generation's lists of objects that need attention when they die
//! (light finalizers, weak references, registered full finalizers), and
//! their processing at the end of a major marking: PyPy's finalizer
//! queueing, clearing of weak slots to dead objects, light finalizers of
//! dead objects. Liveness is the mark bit of [`crate::header_flags`].

use crate::header_flags::{FIN_CANDIDATE, HAS_FINALIZER, MARK_BIT};
use crate::type_facts::TypeFacts;
use gc_api::{is_ref, GcStats, ObjRef};

/// The object at `addr`.
#[inline(always)]
fn obj(addr: usize) -> ObjRef {
    // SAFETY: only called on entries of the lists (objects the collector
    // keeps listed while they live) and on references read from the weak
    // slots of marked objects.
    unsafe { ObjRef::from_addr_unchecked(addr) }
}

/// Old objects that need attention when they die.
#[derive(Default)]
pub struct OldLists {
    /// Old objects with light finalizers.
    pub light: Vec<usize>,
    /// Old weak references.
    pub weak: Vec<usize>,
    /// Old objects with registered full finalizers not queued yet.
    pub finalizers: Vec<usize>,
}

impl OldLists {
    /// Empty lists.
    pub fn new() -> OldLists {
        OldLists::default()
    }

    /// After the finalizer ordering marked `fins` (the registered objects
    /// taken out of [`OldLists::finalizers`]): hands each candidate (flagged
    /// `FIN_CANDIDATE`) to `queue`, clearing its `FIN_CANDIDATE` and
    /// `HAS_FINALIZER`, and lists the others again. Returns how many were
    /// queued.
    pub fn queue_candidates(&mut self, fins: &[usize], mut queue: impl FnMut(usize)) -> u64 {
        let mut queued = 0;
        for &x in fins {
            let o = obj(x);
            let h = o.header();
            if h & FIN_CANDIDATE != 0 {
                o.set_header(h & !(FIN_CANDIDATE | HAS_FINALIZER));
                queue(x);
                queued += 1;
            } else {
                self.finalizers.push(x);
            }
        }
        queued
    }

    /// Clears the weak slots whose targets are `dead`: those of the marked
    /// old weak references (unmarked ones are dropped from the list: they
    /// die), and those of the young weak references `young_weak` for which
    /// `young_dead` holds. Returns how many slots were cleared.
    pub fn clear_weak(
        &mut self,
        young_weak: &[usize],
        facts: &[TypeFacts],
        dead: impl Fn(usize) -> bool,
        young_dead: impl Fn(usize) -> bool,
    ) -> u64 {
        let mut cleared = 0;
        let weak = std::mem::take(&mut self.weak);
        for &w in &weak {
            let o = obj(w);
            if o.header() & MARK_BIT == 0 {
                continue; // the weakref itself dies
            }
            if let Some(off) = TypeFacts::of(facts, o.tid()).weak {
                let t = o.word(off as usize);
                if is_ref(t) && dead(t) {
                    o.set_word(off as usize, 0);
                    cleared += 1;
                }
            }
            self.weak.push(w);
        }
        for &w in young_weak {
            let o = obj(w);
            if let Some(off) = TypeFacts::of(facts, o.tid()).weak {
                let t = o.word(off as usize);
                if is_ref(t) && young_dead(t) {
                    o.set_word(off as usize, 0);
                    cleared += 1;
                }
            }
        }
        cleared
    }

    /// Runs the light finalizers of the unmarked (dead) old objects and
    /// forgets them.
    pub fn run_light_finalizers(&mut self, facts: &[TypeFacts], stats: &mut GcStats) {
        let light = std::mem::take(&mut self.light);
        for &a in &light {
            let o = obj(a);
            if o.header() & MARK_BIT != 0 {
                self.light.push(a);
            } else if let Some(f) = TypeFacts::of(facts, o.tid()).light {
                f(o);
                stats.light_finalizers_run += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gc_api::{make_header, TypeId};

    #[test]
    fn candidates_are_queued_once_and_the_rest_kept() {
        let mut mem = [0u64; 4];
        // SAFETY: two 16-byte objects in `mem`, 8-aligned, alive for the test.
        let (a, b) = unsafe {
            (
                ObjRef::from_addr_unchecked(mem.as_mut_ptr() as usize),
                ObjRef::from_addr_unchecked(mem.as_mut_ptr().add(2) as usize),
            )
        };
        a.set_header(make_header(
            TypeId(0),
            HAS_FINALIZER | FIN_CANDIDATE | MARK_BIT,
        ));
        b.set_header(make_header(TypeId(0), HAS_FINALIZER | MARK_BIT));
        let mut old = OldLists::new();
        let mut queue = Vec::new();
        let n = old.queue_candidates(&[a.addr(), b.addr()], |x| queue.push(x));
        assert_eq!((n, queue), (1, vec![a.addr()]));
        assert_eq!(old.finalizers, vec![b.addr()]);
        assert_eq!(a.header() & (HAS_FINALIZER | FIN_CANDIDATE), 0);
    }
}
