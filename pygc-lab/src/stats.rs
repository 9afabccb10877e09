//! The statistics: means with Student-t confidence intervals, Welch's
//! t-test, geometric means, quantiles and minimum mutator utilisation.

use statrs::distribution::{ContinuousCDF, StudentsT};

/// Mean, sample standard deviation and sample size of a set of runs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Summary {
    /// Arithmetic mean.
    pub mean: f64,
    /// Sample standard deviation (n - 1); 0 for one sample.
    pub sd: f64,
    /// Number of samples.
    pub n: usize,
}

impl Summary {
    /// Summarises `xs` (None when empty).
    pub fn of(xs: &[f64]) -> Option<Summary> {
        let n = xs.len();
        if n == 0 {
            return None;
        }
        let mean = xs.iter().sum::<f64>() / n as f64;
        let sd = if n > 1 {
            (xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt()
        } else {
            0.0
        };
        Some(Summary { mean, sd, n })
    }

    /// Half-width of the 95 % confidence interval of the mean (Student t
    /// with n - 1 degrees of freedom); NaN for a single sample.
    pub fn ci95(&self) -> f64 {
        if self.n < 2 {
            return f64::NAN;
        }
        t_crit(0.975, (self.n - 1) as f64) * self.sd / (self.n as f64).sqrt()
    }

    /// (low, high) of the 95 % confidence interval (the mean twice for n = 1).
    pub fn interval(&self) -> (f64, f64) {
        let h = self.ci95();
        if h.is_nan() {
            (self.mean, self.mean)
        } else {
            (self.mean - h, self.mean + h)
        }
    }
}

/// The `p` quantile of Student's t with `df` degrees of freedom.
pub fn t_crit(p: f64, df: f64) -> f64 {
    StudentsT::new(0.0, 1.0, df)
        .map(|t| t.inverse_cdf(p))
        .unwrap_or(f64::NAN)
}

/// Welch's unequal-variance t-test: the two-sided p-value for "the means
/// of `a` and `b` are equal". NaN when either side has fewer than 2 runs.
pub fn welch_p(a: &Summary, b: &Summary) -> f64 {
    if a.n < 2 || b.n < 2 {
        return f64::NAN;
    }
    let va = a.sd * a.sd / a.n as f64;
    let vb = b.sd * b.sd / b.n as f64;
    let se2 = va + vb;
    if se2 == 0.0 {
        return if a.mean == b.mean { 1.0 } else { 0.0 };
    }
    let t = (a.mean - b.mean) / se2.sqrt();
    let df = se2 * se2 / (va * va / (a.n - 1) as f64 + vb * vb / (b.n - 1) as f64);
    match StudentsT::new(0.0, 1.0, df) {
        Ok(d) => 2.0 * (1.0 - d.cdf(t.abs())),
        Err(_) => f64::NAN,
    }
}

/// Is the difference significant at the 5 % level (Welch)? None when it
/// cannot be tested (fewer than 2 runs on a side).
pub fn significant(a: &Summary, b: &Summary) -> Option<bool> {
    let p = welch_p(a, b);
    (!p.is_nan()).then_some(p < 0.05)
}

/// Geometric mean of positive values (None when empty or any is <= 0).
pub fn geomean(xs: &[f64]) -> Option<f64> {
    if xs.is_empty() || xs.iter().any(|x| x.is_nan() || *x <= 0.0) {
        return None;
    }
    Some((xs.iter().map(|x| x.ln()).sum::<f64>() / xs.len() as f64).exp())
}

/// Nearest-rank quantile of sorted values.
pub fn quantile_sorted(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Minimum mutator utilisation for a window of `w` ns over a run of
/// `total` ns with pauses `(start, duration)` sorted by start: the smallest
/// fraction of any window of that length not spent paused. The worst window
/// starts at a pause's start or ends at a pause's end, so only those are
/// tried. A window longer than the run is clamped to the run.
pub fn mmu(pauses: &[(u64, u64)], total: u64, w: u64) -> f64 {
    if total == 0 || w == 0 {
        return f64::NAN;
    }
    let w = w.min(total);
    let mut prefix = Vec::with_capacity(pauses.len() + 1);
    prefix.push(0u64);
    for p in pauses {
        prefix.push(prefix.last().copied().unwrap_or(0) + p.1);
    }
    // Paused time in [0, t).
    let paused_before = |t: u64| -> u64 {
        let i = pauses.partition_point(|p| p.0 < t);
        let mut s = prefix[i];
        if i > 0 {
            let (st, d) = pauses[i - 1];
            if st + d > t {
                s -= st + d - t;
            }
        }
        s
    };
    let mut worst = 0u64;
    for &(s, d) in pauses {
        for start in [s.min(total - w), (s + d).saturating_sub(w).min(total - w)] {
            let busy = paused_before(start + w) - paused_before(start);
            worst = worst.max(busy.min(w));
        }
    }
    1.0 - worst as f64 / w as f64
}

/// The MMU windows of the report's curves, ns (1 ms .. 10 s).
pub const MMU_WINDOWS_NS: [u64; 13] = [
    1_000_000,
    2_000_000,
    5_000_000,
    10_000_000,
    20_000_000,
    50_000_000,
    100_000_000,
    200_000_000,
    500_000_000,
    1_000_000_000,
    2_000_000_000,
    5_000_000_000,
    10_000_000_000,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confidence_interval_matches_the_t_table() {
        // t(0.975, 4) = 2.776; sd of 1..5 = 1.5811; n = 5.
        let s = Summary::of(&[1.0, 2.0, 3.0, 4.0, 5.0]).unwrap();
        assert_eq!(s.mean, 3.0);
        assert!((s.sd - 1.581_138_8).abs() < 1e-6);
        assert!((t_crit(0.975, 4.0) - 2.776_445).abs() < 1e-5);
        assert!((s.ci95() - 2.776_445 * 1.581_138_8 / 5f64.sqrt()).abs() < 1e-5);
        assert!((t_crit(0.975, 2.0) - 4.302_653).abs() < 1e-5);
        let one = Summary::of(&[7.0]).unwrap();
        assert!(one.ci95().is_nan());
        assert_eq!(one.interval(), (7.0, 7.0));
        assert!(Summary::of(&[]).is_none());
    }

    #[test]
    fn welch_separates_distinct_means_only() {
        let a = Summary::of(&[10.0, 10.2, 9.9, 10.1, 10.0]).unwrap();
        let b = Summary::of(&[11.0, 11.1, 10.9, 11.2, 11.0]).unwrap();
        let c = Summary::of(&[10.1, 9.8, 10.2, 10.0, 10.05]).unwrap();
        assert!(welch_p(&a, &b) < 1e-4);
        assert_eq!(significant(&a, &b), Some(true));
        assert!(welch_p(&a, &c) > 0.5);
        assert_eq!(significant(&a, &c), Some(false));
        // Reference value (scipy.stats.ttest_ind(equal_var=False)):
        // [1,2,3,4] vs [2,4,6,8,10] -> t = -2.2361, df = 5.88, p = 0.0677.
        let x = Summary::of(&[1.0, 2.0, 3.0, 4.0]).unwrap();
        let y = Summary::of(&[2.0, 4.0, 6.0, 8.0, 10.0]).unwrap();
        assert!(
            (welch_p(&x, &y) - 0.0677).abs() < 2e-3,
            "{}",
            welch_p(&x, &y)
        );
        assert_eq!(significant(&x, &Summary::of(&[1.0]).unwrap()), None);
    }

    #[test]
    fn geomean_and_quantiles() {
        assert!((geomean(&[1.0, 4.0, 16.0]).unwrap() - 4.0).abs() < 1e-12);
        assert_eq!(geomean(&[1.0, 0.0]), None);
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile_sorted(&v, 0.5), 2.0);
        assert_eq!(quantile_sorted(&v, 0.99), 4.0);
    }

    #[test]
    fn mmu_of_known_pauses() {
        let ms = 1_000_000;
        // 100 ms run, 5 ms pause at 10 ms and 5 ms pause at 12 ms... gap 0.
        let p = [(10 * ms, 5 * ms), (20 * ms, 5 * ms)];
        assert_eq!(mmu(&p, 100 * ms, ms), 0.0);
        assert!((mmu(&p, 100 * ms, 10 * ms) - 0.5).abs() < 1e-9);
        // A 20 ms window holds at most 10 ms of pauses (10..25 window 15 ms).
        assert!((mmu(&p, 100 * ms, 20 * ms) - 0.5).abs() < 1e-9);
        assert!((mmu(&p, 100 * ms, 100 * ms) - 0.9).abs() < 1e-9);
        assert_eq!(mmu(&[], 100 * ms, 10 * ms), 1.0);
        // Window clamped to the run.
        assert!((mmu(&p, 100 * ms, 500 * ms) - 0.9).abs() < 1e-9);
    }
}
