//! The stop-the-world major collection: parallel marking with work
//! stealing, finalizer ordering, weak references, light finalizers, and
//! parallel sweeping of the arena.

use crate::flags::*;
use crate::{obj, Generational};
use gc_api::events::now_ns;
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

    /// Marks everything reachable from the objects queued in `ws`, on its
    /// workers: the pool's threads, or this thread alone.
    fn parallel_mark(&mut self, ws: &WorkStealing) {
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
            (Some(pool), n) if n > 1 => {
                let cpu = &self.gc_cpu;
                pool.broadcast(|b| cpu.measure(|| ws.run_worker(b.index(), scan)))
            }
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
        let fins = std::mem::take(&mut self.old.finalizers);
        for &x in &fins {
            if try_mark(x) {
                self.mark_serial(x, true);
                obj(x).set_flags(FIN_CANDIDATE);
            }
        }
        let queue = &mut self.finalizer_queue;
        let queued = self.old.queue_candidates(&fins, |x| queue.push_back(x));
        self.events.stats_mut().finalizers_queued += queued;
        // Weak references whose targets die.
        let dead = |t: usize| obj(t).header() & MARKED == 0;
        let cleared = self
            .old
            .clear_weak(&self.young.weak, &self.facts, dead, dead);
        self.events.stats_mut().weakrefs_cleared += cleared;
        // Light finalizers of dead old objects.
        self.old
            .run_light_finalizers(&self.facts, self.events.stats_mut());
        let live = |a: &usize| obj(*a).header() & MARKED != 0;
        self.remembered.objects.retain(live);
        self.remembered.cards.retain(live);
        self.remembered.weak.retain(live);
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
                let cpu = &self.gc_cpu;
                pool.install(|| {
                    pages
                        .par_chunks(SWEEP_CHUNK)
                        .map(|c| cpu.measure(|| sweep_chunk(c)))
                        .sum()
                })
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
        self.ensure_pool();
        // One worker per pool thread; one (this thread) without a pool.
        let workers = if self.pool.is_some() { self.threads } else { 1 };
        let ws = WorkStealing::new(workers);
        roots.trace_roots(&mut |w: &mut usize| {
            if is_ref(*w) && try_mark(*w) {
                ws.push_root(*w);
            }
        });
        let extra = self
            .finalizer_queue
            .iter()
            .chain(self.young.finalizers.iter());
        for &a in extra {
            if try_mark(a) {
                ws.push_root(a);
            }
        }
        self.phase = Phase::Marking;
        let t0 = now_ns();
        self.parallel_mark(&ws);
        let t1 = now_ns();
        self.phase = Phase::Finalizing;
        self.end_of_marking();
        let t2 = now_ns();
        self.phase = Phase::Sweeping;
        let freed = self.sweep();
        self.last_phase_ns = [t1 - t0, t2 - t1, now_ns() - t2];
        for a in self.pinned.iter() {
            obj(a).clear_flags(MARKED);
        }
        let live = (self.old_bytes() + self.raw_pressure()) as f64;
        self.threshold = (live * self.major_factor).max(self.min_heap as f64) as usize;
        self.pressure_bytes = 0;
        self.phase = gc_api::Phase::Idle;
        ev.freed = freed as u64;
        self.finish_event(ev, ctx);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gc_api::{
        CollectRequest, CollectorEnv, GcConfig, Mutator, ObjRef, RawMemory, TypeInfo, TypeTable,
    };
    use std::sync::Arc;

    /// A random graph of `n` nodes (two edges each, some null), a third of
    /// them rooted; returns the objects each marking thread scanned.
    fn mark_run(threads: usize) -> (usize, usize) {
        let mut t = TypeTable::new();
        let node = t.register(TypeInfo::fixed("node", 32, vec![8, 16]));
        let env = CollectorEnv {
            types: Arc::new(t),
            raw: Arc::new(RawMemory::default()),
        };
        let mut cfg = GcConfig::with_nursery(256 << 10);
        cfg.threads = threads;
        let gen = Generational::new(&cfg, env.clone()).unwrap();
        let mut m = Mutator::new(Box::new(gen), &env, &cfg);
        let n = 50_000;
        let mut objs: Vec<usize> = Vec::with_capacity(n);
        for _ in 0..n {
            objs.push(m.alloc(node).unwrap().to_word());
        }
        let mut x = 99u64;
        for &o in &objs {
            for off in [8, 16] {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let k = (x >> 33) as usize % (2 * n);
                let o = ObjRef::from_word(o).unwrap();
                o.set_word(off, if k < n { objs[k] } else { 0 });
            }
        }
        let mut roots: Vec<usize> = objs.iter().step_by(3).copied().collect();
        // Make every object old, then collect for real.
        m.collect(CollectRequest::Major, &mut roots);
        m.collect(CollectRequest::Major, &mut roots);
        let live = m.stats().heap_bytes as usize / 32;
        let settings = m.collector_mut().settings();
        let work: Vec<usize> = settings
            .iter()
            .find(|(k, _)| *k == "last-mark-work")
            .map(|(_, v)| v.split('/').map(|n| n.parse().unwrap()).collect())
            .unwrap();
        assert_eq!(work.len(), threads);
        (live, work.iter().sum())
    }

    #[test]
    fn parallel_marking_marks_what_one_thread_marks() {
        let (live1, scanned1) = mark_run(1);
        assert!(live1 > 10_000 && live1 < 50_000, "{live1}");
        assert_eq!(scanned1, live1, "each live object scanned once");
        for t in [2, 4] {
            assert_eq!(mark_run(t), (live1, scanned1), "{t} threads");
        }
    }
}
