//! The in-memory record of a run's GC events: a compact sample per event
//! (for MMU), a pause histogram (for percentiles) and per-kind totals.
//!
//! Both the live [`crate::Recorder`] and `pygc-gcstat` (which reads a GC log)
//! fill a [`Timeline`], so the summary is computed the same way from either.

use gc_api::{EventKind, GcEvent};
use hdrhistogram::Histogram;

/// Every event kind, in log order.
pub const ALL_KINDS: [EventKind; 6] = [
    EventKind::Minor,
    EventKind::MajorStep,
    EventKind::Major,
    EventKind::Handshake,
    EventKind::Concurrent,
    EventKind::Finalizers,
];

/// Index of `kind` in [`ALL_KINDS`].
pub fn kind_index(kind: EventKind) -> usize {
    match kind {
        EventKind::Minor => 0,
        EventKind::MajorStep => 1,
        EventKind::Major => 2,
        EventKind::Handshake => 3,
        EventKind::Concurrent => 4,
        EventKind::Finalizers => 5,
    }
}

/// Parses a kind name as written in the log (`"minor"`, `"major_step"`, ...).
pub fn kind_from_str(name: &str) -> Option<EventKind> {
    ALL_KINDS.iter().copied().find(|k| k.as_str() == name)
}

/// One event, reduced to what MMU and pause statistics need (24 bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sample {
    /// Start, ns on the GC clock.
    pub start_ns: u64,
    /// Duration, ns.
    pub duration_ns: u64,
    /// What it was.
    pub kind: EventKind,
    /// Was the mutator stopped?
    pub pause: bool,
}

impl Sample {
    /// End, ns on the GC clock (saturating).
    pub fn end_ns(&self) -> u64 {
        self.start_ns.saturating_add(self.duration_ns)
    }
}

/// Totals for one event kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KindTotals {
    /// Events of this kind.
    pub count: u64,
    /// Sum of their durations, ns (pauses or not).
    pub total_ns: u64,
    /// Sum of the durations of those that were pauses, ns.
    pub pause_ns: u64,
    /// Events of this kind that were pauses.
    pub pauses: u64,
    /// Longest single event of this kind, ns.
    pub max_ns: u64,
    /// Bytes freed by events of this kind.
    pub freed_bytes: u64,
    /// Bytes promoted by events of this kind.
    pub promoted_bytes: u64,
}

/// The record of a run.
#[derive(Clone, Debug)]
pub struct Timeline {
    samples: Vec<Sample>,
    pause_hist: Histogram<u64>,
    per_kind: [KindTotals; 6],
    end_ns: u64,
    max_pause_ns: u64,
    max_pause_cpu_ns: u64,
    peak_heap_bytes: u64,
    peak_raw_bytes: u64,
    peak_pinned: u64,
}

impl Default for Timeline {
    fn default() -> Timeline {
        Timeline::new()
    }
}

impl Timeline {
    /// An empty timeline.
    pub fn new() -> Timeline {
        // Three significant digits, auto-resizing: any ns value fits.
        let pause_hist = match Histogram::new(3) {
            Ok(h) => h,
            Err(_) => unreachable!("3 significant figures is a valid histogram precision"),
        };
        Timeline {
            samples: Vec::new(),
            pause_hist,
            per_kind: [KindTotals::default(); 6],
            end_ns: 0,
            max_pause_ns: 0,
            max_pause_cpu_ns: 0,
            peak_heap_bytes: 0,
            peak_raw_bytes: 0,
            peak_pinned: 0,
        }
    }

    /// Adds one event.
    pub fn record(&mut self, ev: &GcEvent) {
        let s = Sample {
            start_ns: ev.start_ns,
            duration_ns: ev.duration_ns,
            kind: ev.kind,
            pause: ev.pause,
        };
        let t = &mut self.per_kind[kind_index(ev.kind)];
        t.count += 1;
        t.total_ns = t.total_ns.saturating_add(ev.duration_ns);
        t.max_ns = t.max_ns.max(ev.duration_ns);
        t.freed_bytes = t.freed_bytes.saturating_add(ev.freed);
        t.promoted_bytes = t.promoted_bytes.saturating_add(ev.promoted);
        if ev.pause {
            t.pauses += 1;
            t.pause_ns = t.pause_ns.saturating_add(ev.duration_ns);
            // Grows the histogram when needed; clamps only past i64::MAX / 2.
            if self.pause_hist.record(ev.duration_ns).is_err() {
                self.pause_hist.saturating_record(ev.duration_ns);
            }
            self.max_pause_ns = self.max_pause_ns.max(ev.duration_ns);
            self.max_pause_cpu_ns = self.max_pause_cpu_ns.max(ev.cpu_ns);
        }
        self.end_ns = self.end_ns.max(s.end_ns());
        self.peak_heap_bytes = self
            .peak_heap_bytes
            .max(ev.bytes_before)
            .max(ev.bytes_after);
        self.peak_raw_bytes = self.peak_raw_bytes.max(ev.raw_bytes);
        self.peak_pinned = self.peak_pinned.max(ev.pinned);
        self.samples.push(s);
    }

    /// Every event recorded, in arrival order.
    pub fn samples(&self) -> &[Sample] {
        &self.samples
    }

    /// The pause durations (ns) in a histogram with 3 significant digits.
    pub fn pause_histogram(&self) -> &Histogram<u64> {
        &self.pause_hist
    }

    /// The duration of every pause, ns, in arrival order.
    pub fn pause_durations(&self) -> Vec<u64> {
        self.samples
            .iter()
            .filter(|s| s.pause)
            .map(|s| s.duration_ns)
            .collect()
    }

    /// Every pause as a `(start, end)` interval, ns, in arrival order.
    pub fn pause_intervals(&self) -> Vec<(u64, u64)> {
        self.samples
            .iter()
            .filter(|s| s.pause)
            .map(|s| (s.start_ns, s.end_ns()))
            .collect()
    }

    /// Totals for `kind`.
    pub fn kind(&self, kind: EventKind) -> KindTotals {
        self.per_kind[kind_index(kind)]
    }

    /// Number of pauses recorded.
    pub fn pause_count(&self) -> u64 {
        self.pause_hist.len()
    }

    /// Total pause time, ns.
    pub fn total_pause_ns(&self) -> u64 {
        self.per_kind
            .iter()
            .fold(0u64, |a, t| a.saturating_add(t.pause_ns))
    }

    /// The longest pause, ns (exact).
    pub fn max_pause_ns(&self) -> u64 {
        self.max_pause_ns
    }

    /// Most collector CPU time in one pause (events' `cpu_ns`; 0 when the
    /// collector does not measure it). Far below [`Timeline::max_pause_ns`]
    /// when the longest pauses were descheduled.
    pub fn max_pause_cpu_ns(&self) -> u64 {
        self.max_pause_cpu_ns
    }

    /// The latest end of any event, ns on the GC clock.
    pub fn end_ns(&self) -> u64 {
        self.end_ns
    }

    /// Largest GC heap (bytes in use) seen before or after any event.
    pub fn peak_heap_bytes(&self) -> u64 {
        self.peak_heap_bytes
    }

    /// Largest raw (pressure) byte count seen in any event.
    pub fn peak_raw_bytes(&self) -> u64 {
        self.peak_raw_bytes
    }

    /// Most objects pinned at any event.
    pub fn peak_pinned(&self) -> u64 {
        self.peak_pinned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(kind: EventKind, start: u64, dur: u64, pause: bool) -> GcEvent {
        let mut e = GcEvent::new(kind, start);
        e.duration_ns = dur;
        e.pause = pause;
        e
    }

    #[test]
    fn totals_peaks_and_intervals() {
        let mut t = Timeline::new();
        let mut e = ev(EventKind::Minor, 100, 50, true);
        e.bytes_before = 4000;
        e.bytes_after = 1000;
        e.raw_bytes = 77;
        e.pinned = 3;
        e.freed = 3000;
        e.promoted = 64;
        t.record(&e);
        t.record(&ev(EventKind::MajorStep, 1000, 200, true));
        t.record(&ev(EventKind::Major, 500, 900, false));
        t.record(&ev(EventKind::Concurrent, 2000, 5000, false));
        assert_eq!(t.samples().len(), 4);
        assert_eq!(
            t.kind(EventKind::Minor),
            KindTotals {
                count: 1,
                total_ns: 50,
                pause_ns: 50,
                pauses: 1,
                max_ns: 50,
                freed_bytes: 3000,
                promoted_bytes: 64,
            }
        );
        assert_eq!(t.kind(EventKind::Major).pauses, 0);
        assert_eq!(t.kind(EventKind::Major).total_ns, 900);
        assert_eq!(t.pause_count(), 2);
        assert_eq!(t.total_pause_ns(), 250);
        assert_eq!(t.max_pause_ns(), 200);
        assert_eq!(t.pause_histogram().max(), 200);
        assert_eq!(t.pause_intervals(), vec![(100, 150), (1000, 1200)]);
        assert_eq!(t.pause_durations(), vec![50, 200]);
        assert_eq!(t.end_ns(), 7000);
        assert_eq!(
            (t.peak_heap_bytes(), t.peak_raw_bytes(), t.peak_pinned()),
            (4000, 77, 3)
        );
    }

    #[test]
    fn histogram_grows_for_long_pauses() {
        let mut t = Timeline::new();
        t.record(&ev(EventKind::Minor, 0, 10, true));
        let mut big = ev(EventKind::Minor, 0, 3_000_000_000, true);
        t.record(&big);
        big.duration_ns = u64::MAX;
        t.record(&big);
        assert_eq!(t.pause_count(), 3);
        assert_eq!(t.pause_histogram().value_at_quantile(0.3), 10);
        assert!(t.pause_histogram().value_at_quantile(0.6) >= 3_000_000_000);
        assert_eq!(t.max_pause_ns(), u64::MAX);
    }

    #[test]
    fn kind_names_round_trip() {
        for k in ALL_KINDS {
            assert_eq!(kind_from_str(k.as_str()), Some(k));
            assert_eq!(ALL_KINDS[kind_index(k)], k);
        }
        assert_eq!(kind_from_str("bogus"), None);
    }
}
