//! The stop-the-world major collection: parallel marking with work
//! stealing, finalizer ordering, weak references, light finalizers, and
//! parallel sweeping of the arena.

use crate::flags::*;
use crate::{obj, Generational};
use gc_api::{header_tid, is_ref, EventKind, MutatorContext, Phase, RootSet};
use gc_parts::work_stealing::Local;
use gc_parts::{Arena, WorkStealing};
use rayon::prelude::*;

/// Arena pages per parallel sweep task.
const SWEEP_CHUNK: usize = 16;

/// Sets `MARKED` on the object at `a`; true if this call set it.
#[inline(always)]
fn try_mark(a: usize) -> bool {
    let o = obj(a);
    o.header() & MARKED == 0 && o.fetch_or_flags(MARKED) & MARKED == 0
}

/// Survival test of the sweep: keeps reserved shadows and marked objects
/// (clearing their mark).
fn keep_marked(a: usize) -> bool {
    let o = obj(a);
    let h = o.header();
    if h & SHADOW_CELL != 0 {
        true
    } else if h & MARKED != 0 {
        o.set_header(h & !MARKED);
        true
    } else {
        false
    }
}

impl Generational {
    fn ensure_pool(&mut self) {
        if self.threads > 1 && self.pool.is_none() {
            self.pool = rayon::ThreadPoolBuilder::new()
                .num_threads(self.threads)
                .thread_name(|i| format!("pygc-gen-{i}"))
                .build()
                .ok();
        }
    }

    /// Marks everything reachable from the objects queued in `ws`, on
    /// `self.threads` workers.
    fn parallel_mark(&mut self, ws: &WorkStealing) {
        self.ensure_pool();
        let types = &*self.types;
        let facts = &*self.facts;
        let scan = |a: usize, push: &mut Local<'_>| {
            let o = obj(a);
            types.for_each_slot(o, |off| {
                let w = o.word(off);
                if is_ref(w) {
                    let t = obj(w);
                    if t.header() & MARKED == 0 {
                        let prev = t.fetch_or_flags(MARKED);
                        if prev & MARKED == 0 && facts[header_tid(prev).0 as usize].has_refs {
                            push.push(w);
                        }
                    }
                }
            });
        };
        self.last_mark_stats = match (&self.pool, ws.workers()) {
            (Some(pool), n) if n > 1 => pool.broadcast(|b| ws.run_worker(b.index(), scan)),
            _ => vec![ws.run_worker(0, scan)],
        };
    }

    /// Marks from `start` on this thread. During finalizer ordering
    /// (`fin`), reaching a finalization candidate demotes it.
    fn mark_serial(&mut self, start: usize, fin: bool) {
        let types = self.types.clone();
        let mut stack = vec![start];
        while let Some(a) = stack.pop() {
            let o = obj(a);
            types.for_each_slot(o, |off| {
                let w = o.word(off);
                if is_ref(w) {
                    let t = obj(w);
                    if try_mark(w) {
                        stack.push(w);
                    } else if fin && t.header() & FIN_CANDIDATE != 0 {
                        t.clear_flags(FIN_CANDIDATE);
                    }
                }
            });
        }
    }

    /// Everything between marking and sweeping (one thread).
    fn end_of_marking(&mut self) {
        // Full finalizers, PyPy's ordering.
        let fins = std::mem::take(&mut self.old_finalizers);
        for &x in &fins {
            if try_mark(x) {
                self.mark_serial(x, true);
                obj(x).set_flags(FIN_CANDIDATE);
            }
        }
        let mut queued = 0;
        for &x in &fins {
            let o = obj(x);
            let h = o.header();
            if h & FIN_CANDIDATE != 0 {
                o.set_header(h & !(FIN_CANDIDATE | HAS_FINALIZER));
                self.finalizer_queue.push_back(x);
                queued += 1;
            } else {
                self.old_finalizers.push(x);
            }
        }
        self.events.stats_mut().finalizers_queued += queued;
        // Weak references whose targets die.
        let mut cleared = 0;
        let weak = std::mem::take(&mut self.old_weak);
        for &w in &weak {
            let o = obj(w);
            if o.header() & MARKED == 0 {
                continue; // the weakref itself dies
            }
            if let Some(off) = self.facts(o.tid()).weak {
                let t = o.word(off as usize);
                if is_ref(t) && obj(t).header() & MARKED == 0 {
                    o.set_word(off as usize, 0);
                    cleared += 1;
                }
            }
            self.old_weak.push(w);
        }
        for i in 0..self.young_weak.len() {
            let o = obj(self.young_weak[i]);
            if let Some(off) = self.facts(o.tid()).weak {
                let t = o.word(off as usize);
                if is_ref(t) && obj(t).header() & MARKED == 0 {
                    o.set_word(off as usize, 0);
                    cleared += 1;
                }
            }
        }
        self.events.stats_mut().weakrefs_cleared += cleared;
        // Light finalizers of dead old objects.
        let light = std::mem::take(&mut self.old_light);
        for &a in &light {
            let o = obj(a);
            if o.header() & MARKED != 0 {
                self.old_light.push(a);
            } else if let Some(f) = self.facts(o.tid()).light {
                f(o);
                self.events.stats_mut().light_finalizers_run += 1;
            }
        }
        let live = |a: &usize| obj(*a).header() & MARKED != 0;
        self.remembered.retain(live);
        self.cards_set.retain(live);
        self.weak_to_young.retain(live);
    }

    /// Sweeps the old generation: arena pages in parallel, large objects on
    /// this thread. Returns the bytes freed.
    fn sweep(&mut self) -> usize {
        let poison = self.poison;
        let pages = self.arena.begin_page_sweep();
        let sweep_chunk = |chunk: &[usize]| -> usize {
            chunk
                .iter()
                // SAFETY: every page of the list is swept once, each chunk
                // by one task, and nothing else touches the arena meanwhile.
                .map(|&p| unsafe { Arena::sweep_page(p, poison, keep_marked) })
                .sum()
        };
        let freed = match &self.pool {
            Some(pool) if self.threads > 1 => {
                pool.install(|| pages.par_chunks(SWEEP_CHUNK).map(sweep_chunk).sum())
            }
            _ => sweep_chunk(&pages),
        };
        self.arena.end_page_sweep(&pages, freed);
        freed + self.large.sweep(poison, keep_marked)
    }

    /// The major collection. The young generation must hold only pinned
    /// objects (call right after a `promote_all` minor collection).
    pub(crate) fn major(&mut self, ctx: &mut MutatorContext, roots: &mut dyn RootSet) {
        let mut ev = self.start_event(EventKind::Major, ctx);
        self.phase = Phase::Scanning;
        let ws = WorkStealing::new(self.threads);
        roots.trace_roots(&mut |w: &mut usize| {
            if is_ref(*w) && try_mark(*w) {
                ws.push_root(*w);
            }
        });
        let extra = self
            .finalizer_queue
            .iter()
            .chain(self.young_finalizers.iter());
        for &a in extra {
            if try_mark(a) {
                ws.push_root(a);
            }
        }
        self.phase = Phase::Marking;
        self.parallel_mark(&ws);
        self.phase = Phase::Finalizing;
        self.end_of_marking();
        self.phase = Phase::Sweeping;
        let freed = self.sweep();
        for i in 0..self.pinned.len() {
            obj(self.pinned[i].0).clear_flags(MARKED);
        }
        let live = (self.old_bytes() + self.raw_pressure()) as f64;
        self.threshold = (live * self.major_factor).max(self.min_heap as f64) as usize;
        self.pressure_bytes = 0;
        self.phase = gc_api::Phase::Idle;
        ev.freed = freed as u64;
        self.finish_event(ev, ctx);
    }
}
