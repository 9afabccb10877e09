//! Minimum mutator utilisation (Cheng & Blelloch).
//!
//! For a window length `w`, MMU(w) is the minimum, over every window
//! `[t, t + w]` inside the run, of the fraction of the window the mutator was
//! not paused: `(w - pause time inside the window) / w`.
//!
//! The pause time inside a window starting at `t`, `f(t) = P(t + w) - P(t)`
//! with `P` the cumulative pause time, is piecewise linear with slope
//! `[t + w inside a pause] - [t inside a pause]`. Its slope only decreases
//! where `t` enters a pause (`t = pause start`) or `t + w` leaves one
//! (`t = pause end - w`), so its maximum — the MMU's minimum — is at one of
//! those starts (clamped to the run) or at the run's edges. [`Mmu::at`]
//! evaluates exactly those candidates in one monotone two-pointer sweep: O(n)
//! per window after an O(n log n) sort and merge.

/// Pauses of one run, merged and clipped, ready for MMU queries.
#[derive(Clone, Debug, PartialEq)]
pub struct Mmu {
    /// Disjoint, sorted `(start, end)` intervals, clipped to the run.
    intervals: Vec<(u64, u64)>,
    /// `prefix[i]` = total length of `intervals[..i]`.
    prefix: Vec<u64>,
    run_start: u64,
    run_end: u64,
}

impl Mmu {
    /// Pauses given as `(start, end)` ns intervals, in any order, possibly
    /// overlapping, for a run `[run_start, run_end]`. Parts outside the run
    /// are ignored; empty intervals are dropped.
    pub fn new(pauses: &[(u64, u64)], run_start: u64, run_end: u64) -> Mmu {
        let run_end = run_end.max(run_start);
        let mut v: Vec<(u64, u64)> = pauses
            .iter()
            .map(|&(s, e)| (s.max(run_start), e.min(run_end)))
            .filter(|&(s, e)| s < e)
            .collect();
        v.sort_unstable();
        let mut intervals: Vec<(u64, u64)> = Vec::with_capacity(v.len());
        for (s, e) in v {
            match intervals.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => intervals.push((s, e)),
            }
        }
        let mut prefix = Vec::with_capacity(intervals.len() + 1);
        let mut acc = 0u64;
        prefix.push(0);
        for &(s, e) in &intervals {
            acc += e - s;
            prefix.push(acc);
        }
        Mmu {
            intervals,
            prefix,
            run_start,
            run_end,
        }
    }

    /// Length of the run, ns.
    pub fn run_len(&self) -> u64 {
        self.run_end - self.run_start
    }

    /// Total pause time inside the run, ns.
    pub fn total_pause(&self) -> u64 {
        self.prefix.last().copied().unwrap_or(0)
    }

    /// Overall mutator utilisation: the fraction of the run not paused
    /// (1.0 for an empty run).
    pub fn utilization(&self) -> f64 {
        let len = self.run_len();
        if len == 0 {
            return 1.0;
        }
        (len - self.total_pause()) as f64 / len as f64
    }

    /// MMU for windows of `window_ns`. A window longer than the run is
    /// clamped to the run; an empty run has MMU 1.0; a zero window has MMU 0.0
    /// if there is any pause, else 1.0.
    pub fn at(&self, window_ns: u64) -> f64 {
        let len = self.run_len();
        if len == 0 || self.intervals.is_empty() {
            return 1.0;
        }
        let w = window_ns.min(len);
        if w == 0 {
            return 0.0;
        }
        let busy = self.max_busy(w);
        (w - busy) as f64 / w as f64
    }

    /// The most pause time any window of length `w` (0 < w <= run) contains.
    fn max_busy(&self, w: u64) -> u64 {
        let first = self.run_start;
        let last = self.run_end - w;
        let clamp = |t: u64| t.clamp(first, last);
        // Two sorted candidate sequences, merged on the fly.
        let starts = self.intervals.iter().map(|&(s, _)| clamp(s));
        let ends = self
            .intervals
            .iter()
            .map(|&(_, e)| clamp(e.saturating_sub(w)));
        let mut lo = Cursor::new(self);
        let mut hi = Cursor::new(self);
        let mut best = 0u64;
        let mut eval = |t: u64| {
            let busy = hi.cumulative(t + w) - lo.cumulative(t);
            best = best.max(busy);
        };
        eval(first);
        let mut a = starts.peekable();
        let mut b = ends.peekable();
        loop {
            let t = match (a.peek(), b.peek()) {
                (Some(&x), Some(&y)) if x <= y => a.next(),
                (Some(_), Some(_)) => b.next(),
                (Some(_), None) => a.next(),
                (None, Some(_)) => b.next(),
                (None, None) => break,
            };
            if let Some(t) = t {
                eval(t);
            }
        }
        eval(last);
        best
    }

    /// MMU at `points` window lengths spaced evenly on a log scale from
    /// `min_window_ns` (at least 1 ns) to the run length. Returns
    /// `(window_ns, mmu)` pairs with distinct, increasing windows.
    pub fn curve(&self, min_window_ns: u64, points: usize) -> Vec<(u64, f64)> {
        let len = self.run_len();
        if len == 0 || points == 0 {
            return Vec::new();
        }
        let lo = min_window_ns.clamp(1, len) as f64;
        let hi = len as f64;
        let mut out: Vec<(u64, f64)> = Vec::with_capacity(points);
        for i in 0..points {
            let frac = if points == 1 {
                1.0
            } else {
                i as f64 / (points - 1) as f64
            };
            let w = (lo * (hi / lo).powf(frac)).round() as u64;
            let w = w.clamp(1, len);
            if out.last().is_some_and(|&(prev, _)| prev >= w) {
                continue;
            }
            out.push((w, self.at(w)));
        }
        out
    }
}

/// Evaluates the cumulative pause time `P(x)` for non-decreasing `x`.
struct Cursor<'a> {
    mmu: &'a Mmu,
    idx: usize,
}

impl<'a> Cursor<'a> {
    fn new(mmu: &'a Mmu) -> Cursor<'a> {
        Cursor { mmu, idx: 0 }
    }

    fn cumulative(&mut self, x: u64) -> u64 {
        let iv = &self.mmu.intervals;
        while self.idx < iv.len() && iv[self.idx].1 <= x {
            self.idx += 1;
        }
        let partial = match iv.get(self.idx) {
            Some(&(s, _)) if s < x => x - s,
            _ => 0,
        };
        self.mmu.prefix[self.idx] + partial
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: u64 = 1_000_000;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    /// The spec example: pauses [0,2ms) and [5ms,6ms) in a 20 ms run.
    fn example() -> Mmu {
        Mmu::new(&[(0, 2 * MS), (5 * MS, 6 * MS)], 0, 20 * MS)
    }

    #[test]
    fn hand_computed_example() {
        let m = example();
        assert!(close(m.at(MS), 0.0)); // a window inside [0,2ms)
        assert!(close(m.at(2 * MS), 0.0));
        assert!(close(m.at(3 * MS), 1.0 / 3.0)); // [0,3ms) holds 2 ms
        assert!(close(m.at(4 * MS), 0.5)); // [0,4ms) holds 2 ms
                                           // [0,5) holds 2 ms, and so does [1,6) which cuts the first pause and
                                           // covers the second: 3/5.
        assert!(close(m.at(5 * MS), 0.6));
        assert!(close(m.at(6 * MS), 0.5)); // [0,6) holds 3 ms
        assert!(close(m.at(10 * MS), 0.7));
        assert!(close(m.at(20 * MS), 0.85));
        assert!(close(m.at(40 * MS), 0.85)); // clamped to the run
        assert!(close(m.utilization(), 0.85));
    }

    #[test]
    fn overlapping_and_unsorted_pauses_merge() {
        let m = Mmu::new(&[(2 * MS, 5 * MS), (0, 3 * MS)], 0, 10 * MS);
        assert_eq!(m.total_pause(), 5 * MS);
        assert!(close(m.at(5 * MS), 0.0));
        assert!(close(m.at(10 * MS), 0.5));
        assert!(close(m.at(6 * MS), 1.0 / 6.0));
    }

    #[test]
    fn pause_at_the_end_and_outside_the_run() {
        // A window can't start after run_end - w: [6,10) holds the 2 ms pause.
        let m = Mmu::new(&[(8 * MS, 10 * MS), (12 * MS, 13 * MS)], 0, 10 * MS);
        assert_eq!(m.total_pause(), 2 * MS);
        assert!(close(m.at(4 * MS), 0.5));
        assert!(close(m.at(MS), 0.0));
        // A run starting later than 0: the pause before it is ignored.
        let m = Mmu::new(&[(0, 2 * MS), (15 * MS, 16 * MS)], 10 * MS, 20 * MS);
        assert!(close(m.at(2 * MS), 0.5));
        assert!(close(m.at(10 * MS), 0.9));
    }

    #[test]
    fn no_pauses_or_empty_run() {
        let m = Mmu::new(&[], 0, 10 * MS);
        assert!(close(m.at(MS), 1.0));
        let m = Mmu::new(&[(0, 5)], 7, 7);
        assert!(close(m.at(MS), 1.0));
        assert!(close(m.utilization(), 1.0));
        let m = Mmu::new(&[(3, 3)], 0, 10);
        assert!(close(m.at(1), 1.0));
        let m = Mmu::new(&[(3, 4)], 0, 10);
        assert!(close(m.at(0), 0.0));
    }

    /// Brute force over every integer window start (all breakpoints are
    /// integers, so the optimum is at one).
    fn brute(pauses: &[(u64, u64)], run: u64, w: u64) -> f64 {
        let w = w.min(run);
        let mut worst = 1.0f64;
        for t in 0..=(run - w) {
            let mut busy = 0;
            for x in t..t + w {
                if pauses.iter().any(|&(s, e)| s <= x && x < e) {
                    busy += 1;
                }
            }
            worst = worst.min((w - busy) as f64 / w as f64);
        }
        worst
    }

    #[test]
    fn matches_brute_force_on_random_pauses() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut rnd = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _case in 0..200 {
            let run = 20 + rnd(60);
            let n = rnd(6) as usize;
            let pauses: Vec<(u64, u64)> = (0..n)
                .map(|_| {
                    let s = rnd(run);
                    (s, (s + 1 + rnd(8)).min(run))
                })
                .collect();
            let m = Mmu::new(&pauses, 0, run);
            for w in [1, 2, 3, 5, 7, 11, 19, run / 2, run] {
                let exact = m.at(w);
                let b = brute(&pauses, run, w);
                assert!(
                    close(exact, b),
                    "pauses {pauses:?} run {run} w {w}: {exact} vs {b}"
                );
            }
        }
    }

    /// 100k periodic pauses (1 ms every 10 ms): hand-computed MMUs, and the
    /// sweep stays linear (a quadratic one would take minutes here).
    #[test]
    fn periodic_pauses_at_scale() {
        let n = 100_000u64;
        let pauses: Vec<(u64, u64)> = (0..n).map(|i| (i * 10 * MS, i * 10 * MS + MS)).collect();
        let m = Mmu::new(&pauses, 0, n * 10 * MS);
        assert!(close(m.at(MS), 0.0));
        assert!(close(m.at(5 * MS), 0.8));
        assert!(close(m.at(10 * MS), 0.9));
        assert!(close(m.at(15 * MS), 13.0 / 15.0)); // [0,15) holds two pauses
        assert!(close(m.at(20 * MS), 0.9));
        assert!(close(m.utilization(), 0.9));
        assert_eq!(m.curve(100_000, 48).len(), 48);
    }

    #[test]
    fn curve_is_log_spaced_and_monotone_here() {
        let m = example();
        let c = m.curve(100_000, 9);
        assert_eq!(c.first().map(|p| p.0), Some(100_000));
        assert_eq!(c.last().map(|p| p.0), Some(20 * MS));
        assert!(c.windows(2).all(|p| p[0].0 < p[1].0));
        // Ratios between consecutive windows are (constant) 200^(1/8).
        let r = (200f64).powf(1.0 / 8.0);
        for p in c.windows(2) {
            assert!((p[1].0 as f64 / p[0].0 as f64 - r).abs() < 0.01);
        }
        assert!(close(c.last().map(|p| p.1).unwrap_or(-1.0), 0.85));
        assert!(close(c[0].1, 0.0));
        assert!(m.curve(1, 0).is_empty());
        assert_eq!(m.curve(30 * MS, 5), vec![(20 * MS, 0.85)]);
    }
}
