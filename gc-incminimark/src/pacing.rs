//! The pause target (`PYGC_PAUSE_TARGET`, default 2 ms).
//!
//! * **Nursery size.** A minor collection costs about `fixed + c × promoted`
//!   (roots and remembered objects, then copying). The model is fitted
//!   online (least squares with exponential forgetting over recent minor
//!   collections), the survival rate `s = promoted / nursery used` is
//!   tracked the same way, and the next nursery is the size whose expected
//!   minor time is [`MINOR_SHARE`] of the target:
//!   `(MINOR_SHARE × target − fixed) / (c × s)`, clamped to
//!   [`MIN_NURSERY`] .. the configured nursery, and changing by at most a
//!   factor of 2 per collection.
//! * **Major steps by time.** A step runs in the same safepoint as the
//!   minor collection before it: it may use what is left of the target
//!   (at least a quarter of it). Work is done in small chunks and the
//!   clock checked between them.
//! * **Marking paced against promotion.** A cycle owes
//!   `2 × old bytes at its start` units of work (marking counts the bytes
//!   scanned, sweeping the bytes visited) and must finish before the old
//!   generation grows by [`HEADROOM`] × the threshold. Each step does at
//!   least `work left × promoted / headroom left` units (the *debt*), even
//!   past its time budget, and stops at twice the debt, so a cycle ends
//!   half-way through its headroom when the program behaves. A step never
//!   runs past [`HARD_CAP`] × the target unless the old generation reached
//!   twice the limit (then the cycle is finished at once); the old
//!   "runaway valve" (finish the cycle in one pause once the old
//!   generation passed twice the threshold) is gone.

/// Smallest nursery the pacer picks.
pub const MIN_NURSERY: usize = 512 << 10;
/// Share of the pause target a minor collection aims at.
pub const MINOR_SHARE: f64 = 0.4;
/// A cycle must finish before the old generation grows by this × threshold.
pub const HEADROOM: f64 = 1.0;
/// A step stops at this many × the target even when it owes more work
/// (unless the cycle must be finished: see [`Pacer::debt`]).
pub const HARD_CAP: u64 = 3;
/// Units of work between clock checks in a step.
pub const CHUNK: usize = 64 << 10;

/// Least squares of `y = a + b x` with exponential forgetting.
#[derive(Clone, Copy, Debug, Default)]
struct Fit {
    w: f64,
    x: f64,
    y: f64,
    xx: f64,
    xy: f64,
}

impl Fit {
    const DECAY: f64 = 0.85;

    fn add(&mut self, x: f64, y: f64) {
        let d = Self::DECAY;
        self.w = self.w * d + 1.0;
        self.x = self.x * d + x;
        self.y = self.y * d + y;
        self.xx = self.xx * d + x * x;
        self.xy = self.xy * d + x * y;
    }

    /// (intercept, slope), slope at least `min_slope`.
    fn line(&self, min_slope: f64) -> (f64, f64) {
        if self.w == 0.0 {
            return (0.0, min_slope);
        }
        let (mx, my) = (self.x / self.w, self.y / self.w);
        let var = self.xx / self.w - mx * mx;
        let cov = self.xy / self.w - mx * my;
        let slope = if var > (mx * 0.05).powi(2) && cov > 0.0 {
            cov / var
        } else if mx > 0.0 {
            my / mx
        } else {
            min_slope
        };
        let slope = slope.max(min_slope);
        ((my - slope * mx).max(0.0), slope)
    }
}

/// The pacer's state.
#[derive(Clone, Debug)]
pub struct Pacer {
    /// The pause target, ns.
    pub target_ns: u64,
    /// Largest nursery (the configured one).
    max_nursery: usize,
    /// Adapt the nursery size (off when it was set explicitly).
    adaptive: bool,
    minor: Fit,
    survival: f64,
    last_survival: f64,
    /// Work units the running cycle owes in total, and has done.
    pub cycle_work: usize,
    /// Work done by the running cycle.
    pub cycle_done: usize,
    /// Old bytes when the cycle started.
    pub cycle_old_start: usize,
    /// The old generation must not pass this before the cycle ends.
    pub cycle_limit: usize,
}

impl Pacer {
    /// A pacer for `target_ns` with the configured nursery as the maximum.
    pub fn new(target_ns: u64, max_nursery: usize, adaptive: bool) -> Pacer {
        Pacer {
            target_ns,
            max_nursery,
            adaptive,
            minor: Fit::default(),
            survival: 0.0,
            last_survival: 0.0,
            cycle_work: 0,
            cycle_done: 0,
            cycle_old_start: 0,
            cycle_limit: usize::MAX,
        }
    }

    /// Records a minor collection of `used` nursery bytes that promoted
    /// `promoted` bytes in `ns`; returns the next nursery size.
    pub fn minor_done(&mut self, used: usize, promoted: usize, ns: u64, current: usize) -> usize {
        if used >= 4096 {
            self.minor.add(promoted as f64, ns as f64);
            let s = promoted as f64 / used as f64;
            self.last_survival = s;
            self.survival = if self.survival == 0.0 {
                s
            } else {
                0.8 * self.survival + 0.2 * s
            };
        }
        if !self.adaptive {
            return current;
        }
        let (fixed, per_byte) = self.minor.line(0.05);
        let goal = MINOR_SHARE * self.target_ns as f64 - fixed;
        let want = if goal <= 0.0 {
            // Fixed costs alone exceed the goal: a small nursery would only
            // multiply them.
            self.max_nursery as f64
        } else {
            // Survival comes in bursts (a program building a structure):
            // plan for the worse of the average and the last collection.
            let s = self.survival.max(self.last_survival).max(0.002);
            goal / (per_byte * s)
        };
        let want = want.clamp((current / 2) as f64, (current * 2) as f64) as usize;
        want.clamp(MIN_NURSERY.min(self.max_nursery), self.max_nursery) / 4096 * 4096
    }

    /// A cycle starts with `old` old bytes and threshold `threshold`.
    pub fn cycle_started(&mut self, old: usize, threshold: usize) {
        self.cycle_work = 2 * old.max(1 << 20);
        self.cycle_done = 0;
        self.cycle_old_start = old;
        self.cycle_limit = old.max(threshold) + (threshold as f64 * HEADROOM) as usize;
    }

    /// Work the next step must do at least, after a minor collection that
    /// promoted `promoted` bytes, with `old` old bytes now.
    pub fn debt(&self, promoted: usize, old: usize) -> usize {
        let left = self.cycle_work.saturating_sub(self.cycle_done).max(CHUNK);
        // Plan to finish with a quarter of the headroom to spare.
        let reserve = self.cycle_limit.saturating_sub(self.cycle_old_start) / 4;
        if old >= self.cycle_limit.saturating_mul(2) {
            // Marking cannot keep up at all: finish the cycle now.
            return usize::MAX;
        }
        let room = self.cycle_limit.saturating_sub(old).saturating_sub(reserve);
        if room <= promoted.max(1) {
            // Out of room: everything left is due, in steps bounded by the
            // hard time cap (memory overshoots a little rather than one
            // long pause).
            return left;
        }
        // 1.25 x the even spread: the work left shrinks faster than the
        // room, so the cycle ends before the room does.
        let d = 1.25 * left as f64 * promoted.max(4096) as f64 / room as f64;
        (d as usize).max(CHUNK / 4)
    }

    /// The time budget of a step after a minor collection of `minor_ns`.
    pub fn step_budget_ns(&self, minor_ns: u64) -> u64 {
        let t = self.target_ns * 9 / 10;
        t.saturating_sub(minor_ns).max(self.target_ns / 4)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_recovers_a_line() {
        let mut f = Fit::default();
        for x in [1e5, 5e5, 2e6, 3e5, 1e6] {
            f.add(x, 50_000.0 + 2.0 * x);
        }
        let (a, b) = f.line(0.01);
        assert!(
            (a - 50_000.0).abs() < 1.0 && (b - 2.0).abs() < 1e-6,
            "{a} {b}"
        );
    }

    #[test]
    fn nursery_shrinks_with_survival_and_grows_back() {
        let mut p = Pacer::new(2_000_000, 16 << 20, true);
        let mut n = 16 << 20;
        // 30% survive, 2 ns per promoted byte: a 16 MB nursery takes ~10 ms.
        for _ in 0..20 {
            let promoted = n * 3 / 10;
            n = p.minor_done(n, promoted, 2 * promoted as u64, n);
        }
        let expect = MINOR_SHARE * 2_000_000.0 / (2.0 * 0.3);
        assert!(
            (n as f64) < expect * 1.2 && (n as f64) > expect * 0.7,
            "{n}"
        );
        // Nothing survives any more: back to the maximum.
        for _ in 0..40 {
            n = p.minor_done(n, 0, 20_000, n);
        }
        assert_eq!(n, 16 << 20);
        let mut fixed = Pacer::new(2_000_000, 16 << 20, false);
        assert_eq!(
            fixed.minor_done(1 << 20, 1 << 20, 50_000_000, 4 << 20),
            4 << 20
        );
    }

    #[test]
    fn debt_finishes_the_cycle_within_the_headroom() {
        let mut p = Pacer::new(2_000_000, 16 << 20, true);
        p.cycle_started(100 << 20, 100 << 20);
        assert_eq!(p.cycle_limit, 200 << 20);
        let mut old = 100 << 20;
        let promoted = 1 << 20;
        while p.cycle_done < p.cycle_work {
            old += promoted;
            let d = p.debt(promoted, old);
            p.cycle_done = p.cycle_done.saturating_add(d);
            assert!(old < p.cycle_limit, "cycle not finished in time");
        }
        assert!(
            old < p.cycle_limit - (25 << 20),
            "finished with room to spare"
        );
        assert!(p.debt(promoted, 190 << 20) < usize::MAX);
        assert_eq!(p.debt(promoted, 400 << 20), usize::MAX);
        assert_eq!(p.step_budget_ns(1_500_000), 500_000);
        assert_eq!(p.step_budget_ns(300_000), 1_500_000);
    }
}
