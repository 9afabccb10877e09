//! The pause target (`PYGC_PAUSE_TARGET`, default 2 ms).
//!
//! * **Nursery size.** A minor collection costs about `fixed + c × promoted`
//!   (roots and remembered objects, then copying). The model is fitted
//!   online (least squares with exponential forgetting over recent minor
//!   collections), the survival rate `s = promoted / nursery used` is
//!   tracked the same way, and the next nursery is the size whose expected
//!   minor time is [`MINOR_SHARE`] of the target:
//!   `(MINOR_SHARE × target − fixed) / (c × s)`, clamped to
//!   [`MIN_NURSERY`] .. the smaller of the configured nursery and
//!   [`burst_max_nursery`] (a burst of full survival still fits the
//!   target). Survival comes in bursts,
//!   so the rate planned for is the highest seen recently (decaying by
//!   [`PEAK_DECAY`] per collection), not the average; the nursery shrinks
//!   at once and grows by at most [`GROWTH`] per collection. It starts at
//!   [`MIN_NURSERY`]: the interpreter's start-up objects (about 2 MB, nearly
//!   all surviving) are promoted by several short collections, not one
//!   long one.
//! * **Major steps by time.** A step runs in the same safepoint as the
//!   minor collection before it: it may use what is left of the target
//!   (at least a quarter of it). Work is done in small chunks and the
//!   clock checked between them.
//! * **Marking paced against promotion.** A cycle owes
//!   `2 × old bytes at its start` units of work (marking counts the bytes
//!   scanned, sweeping the bytes visited) and should finish before the old
//!   generation grows by [`HEADROOM`] × the threshold, or by
//!   [`MIN_HEADROOM`] × the old generation at the start if that is more
//!   (the cycle's *limit*). Each step does
//!   at least `work left × promoted / headroom left` units (the *debt*),
//!   and stops at twice the debt, so a cycle ends half-way through its
//!   headroom when the program behaves. Minor collection plus step stay
//!   within the target while the old generation is under the limit; past
//!   it, the allowance rises to [`HARD_CAP`] × the target at twice the
//!   limit, and at [`VALVE`] × the limit the cycle is finished at once
//!   (memory overshoots rather than the pauses growing at the first sign
//!   of trouble).

/// Smallest nursery the pacer picks.
pub const MIN_NURSERY: usize = 512 << 10;
/// Share of the pause target a minor collection aims at.
pub const MINOR_SHARE: f64 = 0.4;
/// A cycle must finish before the old generation grows by this × threshold
/// (or [`MIN_HEADROOM`] × the old generation at its start, if more).
pub const HEADROOM: f64 = 1.0;
/// The headroom is at least this × the old generation at the cycle's start.
pub const MIN_HEADROOM: f64 = 0.5;
/// A step stops at this many × the target even when it owes more work
/// (unless the cycle must be finished: see [`Pacer::debt`]); it gets there
/// only as the old generation approaches [`VALVE`] × the cycle's limit.
pub const HARD_CAP: u64 = 3;
/// The cycle is finished in one step once the old generation reaches this
/// many × its limit (marking could not keep up at all).
pub const VALVE: usize = 3;
/// Bytes a minor collection is assumed to copy per ns when planning for a
/// burst of full survival (measured here: 1.0-1.5 GB/s of CPU).
pub const BURST_COPY_BYTES_PER_NS: f64 = 1.0;

/// The largest adaptive nursery for `target_ns`: one whose minor collection
/// fits the target even if everything in it survives (at least
/// [`MIN_NURSERY`]). Keeping the nursery inside the L2 cache costs no
/// throughput on the corpus (a fixed 2 MB nursery ran the GC-heavy programs
/// within 2 % of the 16 MB adaptive one).
pub fn burst_max_nursery(target_ns: u64) -> usize {
    let b = (target_ns as f64 * BURST_COPY_BYTES_PER_NS) as usize;
    b.max(MIN_NURSERY) / 4096 * 4096
}

/// Per minor collection, the remembered peak survival rate decays by this.
pub const PEAK_DECAY: f64 = 0.97;
/// The nursery grows by at most this factor per minor collection.
pub const GROWTH: f64 = 1.5;
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
    /// The highest survival rate seen recently, decaying by [`PEAK_DECAY`]
    /// per minor collection.
    peak_survival: f64,
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
            peak_survival: 0.0,
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
            self.peak_survival = s.max(self.peak_survival * PEAK_DECAY);
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
            // Survival comes in bursts (a program building a structure,
            // a phase that keeps what it made): plan for the worst rate
            // seen recently, not the average.
            let s = self.survival.max(self.peak_survival).max(0.002);
            goal / (per_byte * s)
        };
        // Shrink at once (a burst is under way); grow gently, so that a
        // burst after a quiet phase meets a nursery sized for the last one.
        let want = want.clamp(MIN_NURSERY as f64, current as f64 * GROWTH) as usize;
        want.clamp(MIN_NURSERY.min(self.max_nursery), self.max_nursery) / 4096 * 4096
    }

    /// A cycle starts with `old` old bytes and threshold `threshold`.
    pub fn cycle_started(&mut self, old: usize, threshold: usize) {
        self.cycle_work = 2 * old.max(1 << 20);
        self.cycle_done = 0;
        self.cycle_old_start = old;
        // The headroom scales with the heap, not only the threshold: a heap
        // that outgrew a threshold held back by the growth limit (a program
        // building a large structure) would otherwise get cycles whose every
        // step owes a large share of the whole heap.
        let headroom = (threshold as f64 * HEADROOM).max(old as f64 * MIN_HEADROOM);
        self.cycle_limit = old.max(threshold) + headroom as usize;
    }

    /// The cycle has at least `left` units of work left (a better estimate
    /// than the one made at its start: the heap grew, or marking took more
    /// than its share); the total grows to match.
    pub fn at_least_left(&mut self, left: usize) {
        self.cycle_work = self.cycle_work.max(self.cycle_done.saturating_add(left));
    }

    /// Work the next step must do at least, after a minor collection that
    /// promoted `promoted` bytes, with `old` old bytes now.
    pub fn debt(&self, promoted: usize, old: usize) -> usize {
        let left = self.cycle_work.saturating_sub(self.cycle_done).max(CHUNK);
        // Plan to finish with a quarter of the headroom to spare.
        let reserve = self.cycle_limit.saturating_sub(self.cycle_old_start) / 4;
        if old >= self.cycle_limit.saturating_mul(VALVE) {
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

    /// How long a step after a minor collection of `minor_ns` may run at
    /// most, with `old` old bytes now: the rest of the target while the
    /// old generation is within the cycle's limit, then rising to
    /// [`HARD_CAP`] × the target at twice the limit (memory overshoots a
    /// little rather than one long pause).
    pub fn step_cap_ns(&self, minor_ns: u64, old: usize) -> u64 {
        let over = if self.cycle_limit == usize::MAX || old <= self.cycle_limit {
            0.0
        } else {
            old as f64 / self.cycle_limit as f64 - 1.0
        };
        let esc = 1.0 + over.min(1.0) * (HARD_CAP - 1) as f64;
        let cap = (self.target_ns as f64 * esc) as u64;
        cap.saturating_sub(minor_ns).max(self.target_ns / 4)
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
        // Nothing survives any more: the burst is remembered for a while
        // (the nursery stays small), then the nursery grows back to the
        // maximum, by at most GROWTH per collection.
        for _ in 0..10 {
            let before = n;
            n = p.minor_done(n, 0, 20_000, n);
            assert!(n as f64 <= before as f64 * GROWTH + 4096.0);
        }
        assert!(n < 2 << 20, "{n}");
        for _ in 0..120 {
            n = p.minor_done(n, 0, 20_000, n);
        }
        assert_eq!(n, 16 << 20);
        // A burst shrinks it at once.
        n = p.minor_done(n, n, 16_000_000, n);
        assert!(n <= 2 << 20, "{n}");
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
        assert!(p.debt(promoted, 400 << 20) < usize::MAX);
        assert_eq!(p.debt(promoted, 600 << 20), usize::MAX);
        assert_eq!(p.step_budget_ns(1_500_000), 500_000);
        assert_eq!(p.step_budget_ns(300_000), 1_500_000);
        // Minor + step within the target under the limit; the allowance
        // rises to HARD_CAP x the target at twice the limit.
        assert_eq!(p.step_cap_ns(500_000, 150 << 20), 1_500_000);
        assert_eq!(p.step_cap_ns(500_000, 300 << 20), 3_500_000);
        assert_eq!(p.step_cap_ns(500_000, 400 << 20), 5_500_000);
        assert_eq!(p.step_cap_ns(500_000, 500 << 20), 5_500_000);
    }

    #[test]
    fn headroom_scales_with_a_heap_that_outgrew_its_threshold() {
        let mut p = Pacer::new(2_000_000, 16 << 20, true);
        // A program building a large structure: 400 MB old, threshold held
        // back at 46 MB by the growth limit.
        p.cycle_started(400 << 20, 46 << 20);
        assert_eq!(p.cycle_limit, 600 << 20);
        // A 1 MB promotion owes a few MB of work, not a tenth of the heap.
        let d = p.debt(1 << 20, 401 << 20);
        assert!(d < 8 << 20, "{d}");
    }

    #[test]
    fn work_left_grows_with_a_better_estimate() {
        let mut p = Pacer::new(2_000_000, 16 << 20, true);
        p.cycle_started(100 << 20, 100 << 20);
        p.cycle_done = p.cycle_work;
        // The cycle thought it was done, but the sweep has 50 MB to go:
        // steps owe work again instead of CHUNK-sized crumbs.
        let before = p.debt(1 << 20, 150 << 20);
        p.at_least_left(50 << 20);
        assert!(p.debt(1 << 20, 150 << 20) > 100 * before);
    }
}
