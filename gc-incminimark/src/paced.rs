//! Major steps under a pause target (see [`crate::pacing`]): budgeted by
//! time, paced against promotion.

use crate::pacing::CHUNK;
use crate::{IncMiniMark, State};
use gc_api::events::now_ns;
use gc_api::{EventKind, MutatorContext, RootSet};

impl IncMiniMark {
    /// Old bytes plus memory pressure: what a cycle's headroom is measured in.
    pub(crate) fn pace_bytes(&self) -> usize {
        self.old_bytes() + self.raw_pressure()
    }

    /// One time-budgeted, promotion-paced step after a minor collection,
    /// reported as a `MajorStep` event (and a `Major` summary when it
    /// closes the cycle). `explicit`: `gc.collect_step()`, which gets the
    /// whole target as its budget.
    pub(crate) fn paced_step_event(
        &mut self,
        ctx: &mut MutatorContext,
        roots: &mut dyn RootSet,
        explicit: bool,
    ) {
        if self.pacer.is_none() {
            return;
        }
        let ev = self.start_event(EventKind::MajorStep, ctx);
        let now_bytes = self.pace_bytes();
        let (threshold, state, promoted, last_minor) = (
            self.threshold,
            self.state,
            self.promoted,
            self.last_minor_ns,
        );
        let pace_mark = self.pace_mark;
        let left = self.work_left_at_least();
        let Some(pacer) = self.pacer.as_mut() else {
            return;
        };
        if state == State::Scanning {
            pacer.cycle_started(now_bytes, threshold);
        } else {
            pacer.at_least_left(left);
        }
        let base = if state == State::Scanning {
            now_bytes
        } else {
            pace_mark
        };
        let grown = now_bytes.saturating_sub(base).max(promoted);
        let debt = pacer.debt(grown, now_bytes);
        let budget = if explicit {
            pacer.target_ns * 9 / 10
        } else {
            pacer.step_budget_ns(last_minor)
        };
        self.pace_mark = now_bytes;
        let deadline = ev.start_ns + budget;
        let hard = if debt == usize::MAX {
            u64::MAX
        } else if explicit {
            deadline
        } else {
            let cap = pacer.step_cap_ns(last_minor, now_bytes);
            ev.start_ns + cap.max(budget)
        };
        let mut done = 0usize;
        let mut freed = 0usize;
        loop {
            freed += self.major_step(roots, CHUNK);
            done += CHUNK;
            if self.state == State::Finalizing {
                freed += self.major_step(roots, CHUNK);
            }
            if self.state == State::Scanning {
                break;
            }
            let now = now_ns();
            if (done >= debt && (done >= debt.saturating_mul(2) || now >= deadline)) || now >= hard
            {
                break;
            }
        }
        if let Some(p) = self.pacer.as_mut() {
            p.cycle_done += done;
        }
        self.cycle.steps += 1;
        let mut ev = ev;
        ev.freed = freed as u64;
        self.finish_event(ev, ctx);
        self.close_cycle_event(ctx);
    }

    /// A lower bound of the running cycle's work left, in pacing units:
    /// while marking, at least a sweep of the old generation as it is now
    /// is still to come; while sweeping, what the arena and the large space
    /// have not visited yet.
    fn work_left_at_least(&self) -> usize {
        match self.state {
            State::Marking => self.old_bytes() + CHUNK,
            State::Sweeping => self.arena.sweep_left() + self.large.sweep_left(),
            State::Scanning | State::Finalizing => 0,
        }
    }

    /// After a minor collection of `used` nursery bytes that took `ns`:
    /// the pacer picks the next nursery size (applied at the reset).
    pub(crate) fn resize_nursery(&mut self, used: usize, ns: u64) {
        self.last_minor_ns = ns;
        let current = self.nursery.nominal();
        if let Some(p) = self.pacer.as_mut() {
            let next = p.minor_done(used, self.promoted, ns, current);
            if next != current {
                self.nursery.set_nominal(next);
            }
        }
    }
}
