//! The incremental major collection: scanning, marking, sweeping,
//! finalizing; finalizer ordering, weak references and light finalizers.

use crate::flags::*;
use crate::{IncMiniMark, State};

/// Items of a big array scanned per marking chunk.
const ARRAY_CHUNK: usize = 4096;
use gc_api::{is_ref, EventKind, GcEvent, MutatorContext, ObjRef, RootSet};

#[inline(always)]
fn obj(addr: usize) -> ObjRef {
    // SAFETY: callers pass addresses of live objects (mark stack, lists).
    unsafe { ObjRef::from_addr_unchecked(addr) }
}

impl IncMiniMark {
    /// Greys the roots and everything the collector keeps alive itself.
    fn scan_roots(&mut self, roots: &mut dyn RootSet) {
        roots.trace_roots(&mut |w: &mut usize| {
            if is_ref(*w) {
                self.grey(obj(*w));
            }
        });
        let extra: Vec<usize> = self
            .finalizer_queue
            .iter()
            .chain(self.pending_finalize.iter())
            .chain(self.young.finalizers.iter())
            .copied()
            .collect();
        for a in extra {
            self.grey(obj(a));
        }
    }

    #[inline(always)]
    fn mark_ref(&mut self, w: usize, fin: bool) {
        if is_ref(w) {
            let t = obj(w);
            let h = t.header();
            if h & VISITED == 0 {
                t.set_header(h | VISITED);
                self.push_grey(w);
            } else if fin && h & FIN_CANDIDATE != 0 {
                t.set_header(h & !FIN_CANDIDATE);
            }
        }
    }

    /// Marks until about `budget` bytes were scanned. True when there is
    /// nothing left to scan. `fin` is set during finalizer ordering:
    /// reaching a finalization candidate demotes it. Arrays with more than
    /// [`ARRAY_CHUNK`] items are scanned a chunk at a time (the rest waits
    /// on `array_chunks`), so one huge array doesn't make one huge step.
    fn mark(&mut self, budget: usize, fin: bool) -> bool {
        let types = self.types.clone();
        let mut work = 0usize;
        while work < budget {
            if let Some((a, start)) = self.array_chunks.pop() {
                let o = obj(a);
                let n = types.length_of(o);
                let end = (start + ARRAY_CHUNK).min(n);
                types.for_each_item_slot(o, start, end, |off| self.mark_ref(o.word(off), fin));
                if end < n {
                    self.array_chunks.push((a, end));
                }
                work += (end - start) * 8 + 16;
                continue;
            }
            let Some(a) = self.mark_stack.pop().or_else(|| self.young_grey.pop()) else {
                return true;
            };
            let o = obj(a);
            let f = self.facts(o.tid());
            let chunked = f.item_refs && !self.nursery.contains(a);
            let n = if chunked { types.length_of(o) } else { 0 };
            if n > ARRAY_CHUNK {
                for &off in &types.get(o.tid()).ref_offsets {
                    self.mark_ref(o.word(off as usize), fin);
                }
                self.array_chunks.push((a, 0));
                work += 64;
                continue;
            }
            work += types.size_of(o) + 16;
            types.for_each_slot(o, |off| self.mark_ref(o.word(off), fin));
        }
        self.mark_stack.is_empty() && self.array_chunks.is_empty() && self.young_grey.is_empty()
    }

    /// Everything after marking that can't be incremental (as PyPy).
    fn end_of_marking(&mut self) {
        // Full finalizers, PyPy's ordering.
        let fins = std::mem::take(&mut self.old.finalizers);
        for &x in &fins {
            let o = obj(x);
            if o.header() & VISITED == 0 {
                o.set_flags(VISITED);
                self.push_grey(x);
                self.mark(usize::MAX, true);
                o.set_flags(FIN_CANDIDATE);
            }
        }
        // Weak references to objects that died, or that are about to be
        // finalized (so the mutator cannot reach them through a weak
        // reference while they wait in the queue).
        let dead = VISITED | FIN_CANDIDATE;
        let nursery = &self.nursery;
        // Pinned young weak references pointing to dead old objects too.
        let cleared = self.old.clear_weak(
            &self.young.weak,
            &self.facts,
            |t| obj(t).header() & dead != VISITED,
            |t| !nursery.contains(t) && obj(t).header() & dead != VISITED,
        );
        self.events.stats_mut().weakrefs_cleared += cleared;
        // Queue the candidates.
        let pending = &mut self.pending_finalize;
        self.old.queue_candidates(&fins, |x| pending.push(x));
        // Light finalizers of dead old objects.
        self.old
            .run_light_finalizers(&self.facts, self.events.stats_mut());
        self.old_to_pinned
            .retain(|&a| obj(a).header() & VISITED != 0);
        self.remembered
            .weak
            .retain(|&a| obj(a).header() & VISITED != 0);
        debug_assert!(self.remembered.is_empty() && self.remembered.cards.is_empty());
    }

    /// One unit of major work. Returns the bytes freed.
    pub(crate) fn major_step(&mut self, roots: &mut dyn RootSet, budget: usize) -> usize {
        match self.state {
            State::Scanning => {
                self.cycle.freed = 0;
                self.cycle.steps = 0;
                self.cycle.start_ns = gc_api::events::now_ns();
                self.cycle.bytes_before = self.old_bytes() as u64;
                self.scan_roots(roots);
                self.state = State::Marking;
                self.major_step(roots, budget)
            }
            State::Marking => {
                if self.mark(budget, false) {
                    self.end_of_marking();
                    self.arena.begin_sweep();
                    self.large.begin_sweep();
                    self.state = State::Sweeping;
                }
                0
            }
            State::Sweeping => {
                let keep = |a: usize| {
                    let o = obj(a);
                    let h = o.header();
                    if h & SHADOW_CELL != 0 {
                        true
                    } else if h & VISITED != 0 {
                        o.set_header(h & !VISITED);
                        true
                    } else {
                        false
                    }
                };
                let (adone, afreed) = self.arena.sweep_step(budget, self.poison, keep);
                let (ldone, lfreed) = if adone {
                    self.large.sweep_step(budget, self.poison, keep)
                } else {
                    (false, 0)
                };
                if adone && ldone {
                    self.state = State::Finalizing;
                }
                self.cycle.freed += (afreed + lfreed) as u64;
                afreed + lfreed
            }
            State::Finalizing => {
                let n = self.pending_finalize.len() as u64;
                self.finalizer_queue.extend(self.pending_finalize.drain(..));
                self.events.stats_mut().finalizers_queued += n;
                for a in self.pinned.iter() {
                    obj(a).clear_flags(VISITED);
                }
                for i in 0..self.young.finalizers.len() {
                    obj(self.young.finalizers[i]).clear_flags(VISITED);
                }
                // Live bytes: the surviving old generation plus the raw memory
                // still held. One-shot pressure counts toward the *trigger*
                // only: it measures allocation since the last cycle, not what
                // is alive, and counting it here made the threshold ratchet
                // up by the growth limit every cycle.
                let raw_live = if self.pressure_on {
                    self.raw.live() as usize
                } else {
                    0
                };
                let live = (self.old_bytes() + raw_live) as f64;
                let grown = (self.threshold as f64 * self.growth_limit).max(self.min_heap as f64);
                let next = (live * self.major_factor)
                    .min(grown)
                    .max(self.min_heap as f64);
                self.threshold = next as usize;
                self.pressure_bytes = 0;
                self.state = State::Scanning;
                0
            }
        }
    }

    /// One step at a safepoint, reported as a `MajorStep` event (and a
    /// `Major` summary when it closes a cycle).
    pub(crate) fn major_step_event(
        &mut self,
        ctx: &mut MutatorContext,
        roots: &mut dyn RootSet,
        budget: usize,
    ) {
        let mut ev = self.start_event(EventKind::MajorStep, ctx);
        let mut freed = self.major_step(roots, budget);
        // Finalizing is short: close the cycle in the step that swept last.
        if self.state == State::Finalizing {
            freed += self.major_step(roots, budget);
        }
        self.cycle.steps += 1;
        ev.freed = freed as u64;
        self.finish_event(ev, ctx);
        self.close_cycle_event(ctx);
    }

    /// After a step: when it closed the cycle, the `Major` summary event.
    pub(crate) fn close_cycle_event(&mut self, ctx: &MutatorContext) {
        if self.state == State::Scanning {
            let mut sum = GcEvent::new(EventKind::Major, self.cycle.start_ns);
            sum.pause = false;
            sum.bytes_before = self.cycle.bytes_before;
            sum.freed = self.cycle.freed;
            sum.start_ns = self.cycle.start_ns;
            self.finish_event(sum, ctx);
        }
    }

    /// Finishes the running cycle, then runs a complete one: everything
    /// unreachable now is reclaimed. The nursery must be empty (call after
    /// a minor collection). Reported as one `Major` pause.
    pub(crate) fn full_major(&mut self, ctx: &mut MutatorContext, roots: &mut dyn RootSet) {
        let mut ev = self.start_event(EventKind::Major, ctx);
        let mut freed = 0;
        if self.state != State::Scanning {
            while self.state != State::Scanning {
                freed += self.major_step(roots, usize::MAX);
            }
        }
        freed += self.major_step(roots, usize::MAX);
        while self.state != State::Scanning {
            freed += self.major_step(roots, usize::MAX);
        }
        ev.freed = freed as u64;
        self.finish_event(ev, ctx);
    }
}
