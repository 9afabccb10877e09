//! Honest GC accounting: the time the *mutator* spends doing GC work
//! outside pauses, and the CPU time of GC threads.
//!
//! A run's wall time splits into
//! * **pauses**: the events collectors report with `pause = true`;
//! * **mutator-side GC work**: time the mutator thread spends inside the
//!   collector outside any pause: allocation slow paths (buffer refills,
//!   large objects, mark assists, lazy sweeping), write/array/bulk/weak
//!   barrier slow paths, and the part of a safepoint or explicit collection
//!   that is not itself reported as a pause (polling, bookkeeping);
//! * **mutator**: the rest (wall − pauses − mutator-side GC work).
//!
//! GC threads' CPU time is reported separately (it overlaps the mutator on a
//! multi-core machine and competes with it on a small one).
//!
//! ## Method and overhead
//! [`Mutator`](crate::Mutator) times its calls into the collector with the
//! CPU's time-stamp counter ([`ticks`], `rdtsc` on x86-64, ~7 ns a read; the
//! monotonic clock elsewhere), converted to nanoseconds by a ratio calibrated
//! against the monotonic clock over the run ([`ticks_to_ns`]). Allocation
//! slow paths, safepoints and explicit collections are timed every time.
//! Barrier slow paths, which a concurrent collector takes on every store
//! while marking, are *sampled*: one call in [`BARRIER_SAMPLE`] is timed and
//! counted [`BARRIER_SAMPLE`] times (an unbiased estimate). The cost is two
//! counter reads per timed call: under 1 % of the run time on the corpus
//! (the README's accounting note has the measurement).
//!
//! GC threads measure their own CPU time with
//! `clock_gettime(CLOCK_THREAD_CPUTIME_ID)` ([`thread_cpu_ns`]) around their
//! work and add it to a shared counter ([`CpuMeter`]); collectors report it
//! in [`GcStats::gc_threads_cpu_ns`](crate::GcStats).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::Instant;

/// One barrier slow-path call in this many is timed (and weighted by it).
pub const BARRIER_SAMPLE: u32 = 16;

struct Calibration {
    instant: Instant,
    ticks: u64,
}

fn calibration() -> &'static Calibration {
    static CAL: OnceLock<Calibration> = OnceLock::new();
    CAL.get_or_init(|| Calibration {
        instant: Instant::now(),
        ticks: raw_ticks(),
    })
}

#[inline(always)]
fn raw_ticks() -> u64 {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: rdtsc has no preconditions; it reads a counter.
        unsafe { core::arch::x86_64::_rdtsc() }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        crate::events::now_ns()
    }
}

/// A cheap timestamp (CPU ticks on x86-64). Differences of two readings
/// convert to nanoseconds with [`ticks_to_ns`].
#[inline(always)]
pub fn ticks() -> u64 {
    raw_ticks()
}

/// Starts the calibration of [`ticks`] (call early; later calls are no-ops).
pub fn start_calibration() {
    let _ = calibration();
}

/// Converts a tick count to nanoseconds, with the tick rate measured since
/// [`start_calibration`] (1 tick = 1 ns until 1 ms has passed).
pub fn ticks_to_ns(t: u64) -> u64 {
    #[cfg(target_arch = "x86_64")]
    {
        let cal = calibration();
        let ns = cal.instant.elapsed().as_nanos() as f64;
        let dt = raw_ticks().wrapping_sub(cal.ticks) as f64;
        if ns < 1e6 || dt <= 0.0 {
            return t;
        }
        (t as f64 * ns / dt) as u64
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        t
    }
}

/// CPU time of the calling thread, ns.
pub fn thread_cpu_ns() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid timespec to write; the clock id is a constant.
    let r = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if r != 0 {
        return 0;
    }
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

/// A shared total of GC-thread CPU time. Each GC thread keeps the last
/// reading of its own CPU clock ([`CpuMeter::start`]) and adds what it used
/// since ([`CpuMeter::charge`]).
#[derive(Debug, Default)]
pub struct CpuMeter {
    total: AtomicU64,
}

impl CpuMeter {
    /// A zero meter.
    pub fn new() -> CpuMeter {
        CpuMeter::default()
    }

    /// The calling thread's CPU clock now (a baseline for [`charge`](Self::charge)).
    pub fn start(&self) -> u64 {
        thread_cpu_ns()
    }

    /// Adds the CPU time the calling thread used since `*last` and moves
    /// `*last` to now.
    pub fn charge(&self, last: &mut u64) {
        let now = thread_cpu_ns();
        self.total
            .fetch_add(now.saturating_sub(*last), Ordering::Relaxed);
        *last = now;
    }

    /// Runs `f` and charges the CPU time it used on this thread.
    pub fn measure<R>(&self, f: impl FnOnce() -> R) -> R {
        let mut t = self.start();
        let r = f();
        self.charge(&mut t);
        r
    }

    /// Total ns charged.
    pub fn total(&self) -> u64 {
        self.total.load(Ordering::Relaxed)
    }
}

/// The mutator's own GC-work clock (kept by [`crate::Mutator`]).
#[derive(Debug, Default)]
pub struct GcWork {
    /// Ticks spent in slow paths and non-pause safepoint work.
    ticks: u64,
    /// The longest single timed stretch, ticks.
    max_ticks: u64,
    /// Barrier slow-path calls, for sampling.
    barrier_calls: u32,
    /// Pause ns reported by the collector's events (a subscriber adds them).
    pub pause_ns: std::sync::Arc<AtomicU64>,
}

impl GcWork {
    /// A zero clock.
    pub fn new() -> GcWork {
        start_calibration();
        GcWork::default()
    }

    /// Adds `t` ticks of GC work.
    #[inline(always)]
    pub fn add(&mut self, t: u64) {
        self.ticks = self.ticks.wrapping_add(t);
        self.max_ticks = self.max_ticks.max(t);
    }

    /// Adds a sampled stretch of `t` ticks standing for `weight` calls.
    #[inline(always)]
    pub fn add_sampled(&mut self, t: u64, weight: u64) {
        self.ticks = self.ticks.wrapping_add(t.wrapping_mul(weight));
        self.max_ticks = self.max_ticks.max(t);
    }

    /// The longest single stretch of mutator-side GC work so far, ns.
    pub fn max_ns(&self) -> u64 {
        ticks_to_ns(self.max_ticks)
    }

    /// Whether to time this barrier slow-path call (one in [`BARRIER_SAMPLE`]).
    #[inline(always)]
    pub fn sample_barrier(&mut self) -> bool {
        self.barrier_calls = self.barrier_calls.wrapping_add(1);
        self.barrier_calls.is_multiple_of(BARRIER_SAMPLE)
    }

    /// Adds the non-pause part of a collector call that took `t` ticks
    /// during which `pause_ns` pause nanoseconds were reported.
    pub fn add_outside_pauses(&mut self, t: u64, pause_ns: u64) {
        let ns = ticks_to_ns(t);
        if ns > pause_ns {
            // Convert back so that everything is kept in ticks.
            let extra = ns - pause_ns;
            let ratio = if ns == 0 { 1.0 } else { t as f64 / ns as f64 };
            self.add((extra as f64 * ratio) as u64);
        }
    }

    /// Total pause ns reported so far.
    pub fn pauses(&self) -> u64 {
        self.pause_ns.load(Ordering::Relaxed)
    }

    /// The mutator-side GC work so far, ns.
    pub fn total_ns(&self) -> u64 {
        ticks_to_ns(self.ticks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_convert_to_about_wall_time() {
        start_calibration();
        std::thread::sleep(std::time::Duration::from_millis(5));
        let t0 = ticks();
        let i0 = Instant::now();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let dt = ticks_to_ns(ticks() - t0) as f64;
        let wall = i0.elapsed().as_nanos() as f64;
        assert!((dt / wall - 1.0).abs() < 0.2, "{dt} vs {wall}");
    }

    #[test]
    fn cpu_meter_counts_busy_time_not_sleep() {
        let m = CpuMeter::new();
        m.measure(|| std::thread::sleep(std::time::Duration::from_millis(30)));
        assert!(m.total() < 10_000_000, "{}", m.total());
        let before = m.total();
        // Busy until this thread's own clock says 20 ms passed (the machine
        // may be loaded: wall time says little).
        m.measure(|| {
            let c0 = thread_cpu_ns();
            let mut x = 0u64;
            while thread_cpu_ns() - c0 < 20_000_000 {
                x = x.wrapping_add(1);
                std::hint::black_box(x);
            }
        });
        assert!(m.total() - before >= 20_000_000, "{}", m.total());
    }

    #[test]
    fn barrier_sampling_is_one_in_n() {
        let mut w = GcWork::new();
        let n = (0..BARRIER_SAMPLE * 10)
            .filter(|_| w.sample_barrier())
            .count();
        assert_eq!(n, 10);
    }
}
