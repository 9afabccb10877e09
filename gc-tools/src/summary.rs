//! The end-of-run GC summary (`pygc --gc-stats`, `pygc-gcstat`).

use crate::log::{per_second, ParsedLog};
use crate::mmu::Mmu;
use crate::timeline::Timeline;
use gc_api::{EventKind, GcStats, OPTIONS};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// What the summary needs besides the events and the counters.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunInfo {
    /// Collector name.
    pub collector: String,
    /// Effective settings, `(key, value)`.
    pub settings: Vec<(String, String)>,
    /// Wall time of the run, ns (the GC clock's reading at exit).
    pub wall_ns: u64,
    /// Peak resident set size, bytes, if known.
    pub peak_rss_bytes: Option<u64>,
}

impl RunInfo {
    /// Info for `collector` after `wall_ns`, reading the peak RSS from
    /// `/proc/self/status`. Settings are the options of `config_settings`
    /// (from `GcConfig::describe()`) that `collector` reads, overridden by
    /// `collector_settings` (from `Collector::settings()`).
    pub fn new(
        collector: &str,
        config_settings: &[(&'static str, String)],
        collector_settings: &[(&'static str, String)],
        wall_ns: u64,
    ) -> RunInfo {
        RunInfo {
            collector: collector.to_string(),
            settings: effective_settings(collector, config_settings, collector_settings),
            wall_ns,
            peak_rss_bytes: peak_rss_bytes(),
        }
    }
}

/// The settings that matter for `collector`: those options in `config`
/// whose [`OPTIONS`] entry lists `collector` (or "all"; the `gc` key itself
/// is dropped), then `overrides` replacing or adding keys.
pub fn effective_settings(
    collector: &str,
    config: &[(&'static str, String)],
    overrides: &[(&'static str, String)],
) -> Vec<(String, String)> {
    let reads = |key: &str| {
        OPTIONS.iter().find(|o| o.key == key).is_none_or(|o| {
            o.key != "gc"
                && (o.collectors == "all" || o.collectors.split(',').any(|c| c.trim() == collector))
        })
    };
    let mut out: Vec<(String, String)> = config
        .iter()
        .filter(|(k, _)| reads(k))
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    for (k, v) in overrides {
        match out.iter_mut().find(|(n, _)| n == k) {
            Some(slot) => slot.1 = v.clone(),
            None => out.push((k.to_string(), v.clone())),
        }
    }
    out
}

/// Peak RSS of this process (`VmHWM` in `/proc/self/status`), bytes.
pub fn peak_rss_bytes() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/status").ok()?;
    parse_vmhwm(&text)
}

fn parse_vmhwm(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let mut parts = line["VmHWM:".len()..].split_whitespace();
    let n: u64 = parts.next()?.parse().ok()?;
    match parts.next() {
        Some("kB") | None => n.checked_mul(1024),
        _ => None,
    }
}

/// Pause-time percentiles, ns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Percentiles {
    /// Number of pauses.
    pub count: u64,
    /// Median.
    pub p50: u64,
    /// 90th percentile.
    pub p90: u64,
    /// 99th percentile.
    pub p99: u64,
    /// 99.9th percentile.
    pub p999: u64,
    /// Longest pause (exact).
    pub max: u64,
    /// Most collector CPU time in one pause (0 when not measured).
    pub max_cpu: u64,
}

/// The MMU windows the summary reports, ns.
pub const SUMMARY_WINDOWS: [(u64, &str); 3] = [
    (1_000_000, "1ms"),
    (10_000_000, "10ms"),
    (100_000_000, "100ms"),
];

/// A run's GC summary.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// Collector name.
    pub collector: String,
    /// Effective settings.
    pub settings: Vec<(String, String)>,
    /// Wall time, ns.
    pub wall_ns: u64,
    /// Wall time neither paused nor doing GC work on the mutator thread:
    /// wall − pauses − `mutator_gc_work_ns`, ns.
    pub mutator_ns: u64,
    /// GC work the mutator thread did outside pauses (allocation and
    /// barrier slow paths, assists, lazy sweeping), ns.
    pub mutator_gc_work_ns: u64,
    /// CPU time of GC threads, ns (not part of the wall-time split).
    pub gc_threads_cpu_ns: u64,
    /// The longest single stretch of mutator-side GC work, ns.
    pub max_mutator_gc_work_ns: u64,
    /// Pause time in minor collections, ns.
    pub minor_ns: u64,
    /// Pause time in major work (steps, full collections, handshakes), ns.
    pub major_ns: u64,
    /// Pause time running finalizers, ns.
    pub finalizer_ns: u64,
    /// Collector-thread time while the mutator ran, ns (overlaps mutator).
    pub concurrent_ns: u64,
    /// Minor collections.
    pub minor_collections: u64,
    /// Incremental major steps.
    pub major_steps: u64,
    /// Completed major collections.
    pub major_collections: u64,
    /// Of which done incrementally (their `major` event was not a pause).
    pub incremental_majors: u64,
    /// Stop-the-world handshakes.
    pub handshakes: u64,
    /// Concurrent work events.
    pub concurrent_events: u64,
    /// Finalizer events.
    pub finalizer_events: u64,
    /// Pause percentiles.
    pub pauses: Percentiles,
    /// Total pause time, ns.
    pub total_pause_ns: u64,
    /// MMU at 1 ms, 10 ms and 100 ms ([`SUMMARY_WINDOWS`]).
    pub mmu: [f64; 3],
    /// Peak GC heap in use, bytes.
    pub peak_heap_bytes: u64,
    /// Peak raw (pressure) bytes.
    pub peak_raw_bytes: u64,
    /// Peak RSS, bytes.
    pub peak_rss_bytes: Option<u64>,
    /// Bytes promoted.
    pub promoted_bytes: u64,
    /// Bytes freed.
    pub freed_bytes: u64,
    /// Bytes allocated (0 when the collector does not count them).
    pub allocated_bytes: u64,
}

impl Summary {
    /// The summary of a run from its events (`timeline`), the collector's
    /// final counters (`stats`) and `info`. Counts and times come from
    /// `stats`; percentiles and MMU from the events (the run is
    /// `[0, max(wall, last event end)]` on the GC clock).
    pub fn from(timeline: &Timeline, stats: &GcStats, info: &RunInfo) -> Summary {
        let h = timeline.pause_histogram();
        let q = |x: f64| {
            if h.is_empty() {
                0
            } else {
                h.value_at_quantile(x).min(h.max())
            }
        };
        let pauses = Percentiles {
            count: h.len(),
            p50: q(0.50),
            p90: q(0.90),
            p99: q(0.99),
            p999: q(0.999),
            max: stats.max_pause_ns.max(timeline.max_pause_ns()),
            max_cpu: timeline.max_pause_cpu_ns(),
        };
        let run_end = info.wall_ns.max(timeline.end_ns());
        let mmu = Mmu::new(&timeline.pause_intervals(), 0, run_end);
        let total_pause_ns = stats.total_pause_ns;
        let major = timeline.kind(EventKind::Major);
        Summary {
            collector: info.collector.clone(),
            settings: info.settings.clone(),
            wall_ns: run_end,
            mutator_ns: run_end
                .saturating_sub(total_pause_ns)
                .saturating_sub(stats.mutator_gc_work_ns),
            mutator_gc_work_ns: stats.mutator_gc_work_ns,
            gc_threads_cpu_ns: stats.gc_threads_cpu_ns,
            max_mutator_gc_work_ns: stats.max_mutator_gc_work_ns,
            minor_ns: stats.minor_pause_ns,
            major_ns: stats.major_pause_ns,
            finalizer_ns: stats.finalizer_ns,
            concurrent_ns: stats.concurrent_ns,
            minor_collections: stats.minor_collections,
            major_steps: stats.major_steps,
            major_collections: stats.major_collections,
            incremental_majors: major.count - major.pauses,
            handshakes: stats.handshakes,
            concurrent_events: timeline.kind(EventKind::Concurrent).count,
            finalizer_events: timeline.kind(EventKind::Finalizers).count,
            pauses,
            total_pause_ns,
            mmu: SUMMARY_WINDOWS.map(|(w, _)| mmu.at(w)),
            peak_heap_bytes: stats.peak_heap_bytes.max(timeline.peak_heap_bytes()),
            peak_raw_bytes: stats.peak_raw_bytes.max(timeline.peak_raw_bytes()),
            peak_rss_bytes: info.peak_rss_bytes,
            promoted_bytes: stats.promoted_bytes,
            freed_bytes: stats.freed_bytes,
            allocated_bytes: stats.allocated_bytes,
        }
    }

    /// The summary of a GC log read back (`pygc-gcstat`): the counters are
    /// replayed from the events through a [`gc_api::EventLog`]; collector,
    /// settings, wall time and peak RSS come from the `"run"` trailer when
    /// the log has one (else: `"unknown"`, none, the last event's end, none).
    /// Also returns the timeline, for plots.
    pub fn from_log(log: &ParsedLog) -> (Summary, Timeline) {
        let mut tl = Timeline::new();
        let mut replay = gc_api::EventLog::new();
        for ev in &log.events {
            tl.record(ev);
            replay.emit(ev.clone());
        }
        let mut stats = replay.stats().clone();
        let info = match &log.run {
            Some(r) => {
                stats.peak_raw_bytes = r.peak_raw_bytes;
                stats.peak_heap_bytes = stats.peak_heap_bytes.max(r.peak_heap_bytes);
                stats.mutator_gc_work_ns = r.mutator_gc_work_ns;
                stats.gc_threads_cpu_ns = r.gc_threads_cpu_ns;
                stats.max_mutator_gc_work_ns = r.max_mutator_gc_work_ns;
                RunInfo {
                    collector: r.collector.clone(),
                    settings: r.settings.clone(),
                    wall_ns: r.wall_ns,
                    peak_rss_bytes: r.peak_rss_bytes,
                }
            }
            None => RunInfo {
                collector: "unknown".into(),
                settings: Vec::new(),
                wall_ns: tl.end_ns(),
                peak_rss_bytes: None,
            },
        };
        (Summary::from(&tl, &stats, &info), tl)
    }

    /// GC share of the wall time: pauses plus mutator-side GC work.
    pub fn gc_share(&self) -> f64 {
        if self.wall_ns == 0 {
            0.0
        } else {
            (self.total_pause_ns + self.mutator_gc_work_ns) as f64 / self.wall_ns as f64
        }
    }

    /// Promotion speed of minor collections: bytes promoted per second of
    /// minor-collection pause.
    pub fn promoted_per_s(&self) -> u64 {
        per_second(self.promoted_bytes, self.minor_ns)
    }

    /// A compact human-readable summary (several lines, ends with a newline).
    pub fn render_text(&self) -> String {
        let pct = |ns: u64| {
            if self.wall_ns == 0 {
                0.0
            } else {
                100.0 * ns as f64 / self.wall_ns as f64
            }
        };
        let settings: Vec<String> = self
            .settings
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let mut s = format!("GC summary: collector {}", self.collector);
        if !settings.is_empty() {
            s += &format!(" ({})", settings.join(" "));
        }
        s += "\n";
        s += &format!(
            "  time: wall {} = mutator {} ({:.1}%) + minor {} ({:.1}%) + major {} ({:.1}%) + finalizers {} ({:.1}%) + mutator GC work {} ({:.1}%)",
            fmt_ns(self.wall_ns),
            fmt_ns(self.mutator_ns),
            pct(self.mutator_ns),
            fmt_ns(self.minor_ns),
            pct(self.minor_ns),
            fmt_ns(self.major_ns),
            pct(self.major_ns),
            fmt_ns(self.finalizer_ns),
            pct(self.finalizer_ns),
            fmt_ns(self.mutator_gc_work_ns),
            pct(self.mutator_gc_work_ns),
        );
        s += "\n";
        s += &format!(
            "  GC share: {:.1}% of wall (pauses + mutator GC work); GC threads CPU {} ({:.1}% of wall)",
            100.0 * self.gc_share(),
            fmt_ns(self.gc_threads_cpu_ns),
            pct(self.gc_threads_cpu_ns),
        );
        if self.concurrent_ns > 0 {
            s += &format!("; concurrent {} alongside", fmt_ns(self.concurrent_ns));
        }
        s += "\n";
        s += &format!(
            "  collections: {} minor, {} major ({} incremental) in {} steps, {} handshakes, {} finalizer runs\n",
            self.minor_collections,
            self.major_collections,
            self.incremental_majors,
            self.major_steps,
            self.handshakes,
            self.finalizer_events
        );
        let p = &self.pauses;
        s += &format!(
            "  pauses: {} totalling {}; p50 {} p90 {} p99 {} p99.9 {} max {}{}; longest mutator GC work stretch {}\n",
            p.count,
            fmt_ns(self.total_pause_ns),
            fmt_ns(p.p50),
            fmt_ns(p.p90),
            fmt_ns(p.p99),
            fmt_ns(p.p999),
            fmt_ns(p.max),
            if p.max_cpu > 0 {
                format!(" (most GC CPU in one pause {})", fmt_ns(p.max_cpu))
            } else {
                String::new()
            },
            fmt_ns(self.max_mutator_gc_work_ns)
        );
        let mmu: Vec<String> = SUMMARY_WINDOWS
            .iter()
            .zip(self.mmu)
            .map(|((_, n), m)| format!("{n} {:.1}%", m * 100.0))
            .collect();
        s += &format!("  MMU: {}\n", mmu.join(", "));
        s += &format!(
            "  memory: peak GC heap {}, peak raw {}, peak RSS {}; promoted {} ({}/s of minor time), freed {}\n",
            fmt_bytes(self.peak_heap_bytes),
            fmt_bytes(self.peak_raw_bytes),
            self.peak_rss_bytes.map_or("unknown".to_string(), fmt_bytes),
            fmt_bytes(self.promoted_bytes),
            fmt_bytes(self.promoted_per_s()),
            fmt_bytes(self.freed_bytes)
        );
        s
    }

    /// The summary as one JSON object (one line, no trailing newline),
    /// written with serde_json.
    pub fn render_json(&self) -> String {
        let p = &self.pauses;
        let out = JsonSummary {
            collector: &self.collector,
            settings: Pairs(&self.settings),
            time_ns: TimeNs {
                wall: self.wall_ns,
                mutator: self.mutator_ns,
                minor: self.minor_ns,
                major: self.major_ns,
                finalizers: self.finalizer_ns,
                concurrent: self.concurrent_ns,
                mutator_gc_work: self.mutator_gc_work_ns,
                gc_threads_cpu: self.gc_threads_cpu_ns,
            },
            gc_share: rounded(self.gc_share()),
            collections: Collections {
                minor: self.minor_collections,
                major_step: self.major_steps,
                major: self.major_collections,
                major_incremental: self.incremental_majors,
                handshake: self.handshakes,
                concurrent: self.concurrent_events,
                finalizers: self.finalizer_events,
            },
            pauses_ns: PausesNs {
                count: p.count,
                total: self.total_pause_ns,
                p50: p.p50,
                p90: p.p90,
                p99: p.p99,
                p999: p.p999,
                max: p.max,
                max_cpu: p.max_cpu,
                max_mutator_gc_work: self.max_mutator_gc_work_ns,
            },
            mmu: MmuJson(self.mmu),
            memory_bytes: MemoryBytes {
                peak_heap: self.peak_heap_bytes,
                peak_raw: self.peak_raw_bytes,
                peak_rss: self.peak_rss_bytes,
                promoted: self.promoted_bytes,
                freed: self.freed_bytes,
                allocated: self.allocated_bytes,
            },
            rates: Rates {
                promoted_bytes_per_s: self.promoted_per_s(),
            },
        };
        serde_json::to_string(&out).expect("plain structs serialize")
    }
}

/// The `--gc-stats=json` object. Field order is the output order.
#[derive(Serialize)]
struct JsonSummary<'a> {
    collector: &'a str,
    settings: Pairs<'a>,
    time_ns: TimeNs,
    gc_share: Num,
    collections: Collections,
    pauses_ns: PausesNs,
    mmu: MmuJson,
    memory_bytes: MemoryBytes,
    rates: Rates,
}

#[derive(Serialize)]
struct TimeNs {
    wall: u64,
    mutator: u64,
    minor: u64,
    major: u64,
    finalizers: u64,
    concurrent: u64,
    mutator_gc_work: u64,
    gc_threads_cpu: u64,
}

#[derive(Serialize)]
struct Collections {
    minor: u64,
    major_step: u64,
    major: u64,
    major_incremental: u64,
    handshake: u64,
    concurrent: u64,
    finalizers: u64,
}

#[derive(Serialize)]
struct PausesNs {
    count: u64,
    total: u64,
    p50: u64,
    p90: u64,
    p99: u64,
    #[serde(rename = "p99.9")]
    p999: u64,
    max: u64,
    /// Most collector CPU time in one pause (0: not measured).
    max_cpu: u64,
    max_mutator_gc_work: u64,
}

#[derive(Serialize)]
struct MemoryBytes {
    peak_heap: u64,
    peak_raw: u64,
    peak_rss: Option<u64>,
    promoted: u64,
    freed: u64,
    allocated: u64,
}

#[derive(Serialize)]
struct Rates {
    promoted_bytes_per_s: u64,
}

/// `(key, value)` pairs as a JSON object, in order.
struct Pairs<'a>(&'a [(String, String)]);

impl Serialize for Pairs<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// The MMU at [`SUMMARY_WINDOWS`], keyed by window name.
struct MmuJson([f64; 3]);

impl Serialize for MmuJson {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        for ((_, name), v) in SUMMARY_WINDOWS.iter().zip(self.0) {
            m.serialize_entry(name, &rounded(v))?;
        }
        m.end()
    }
}

/// A number rounded to 6 decimals, written as an integer when whole (so
/// `0` rather than `0.0`), `null` when not finite.
#[derive(Serialize)]
#[serde(untagged)]
enum Num {
    Int(u64),
    Float(f64),
    Null(Option<()>),
}

fn rounded(x: f64) -> Num {
    if !x.is_finite() {
        return Num::Null(None);
    }
    let r = (x * 1e6).round() / 1e6;
    if r >= 0.0 && r.fract() == 0.0 && r < 9e15 {
        Num::Int(r as u64)
    } else {
        Num::Float(r)
    }
}

/// `ns` with a readable unit: `850ns`, `12.3us`, `4.56ms`, `1.234s`.
pub fn fmt_ns(ns: u64) -> String {
    let f = ns as f64;
    if ns < 1_000 {
        format!("{ns}ns")
    } else if ns < 1_000_000 {
        format!("{:.1}us", f / 1e3)
    } else if ns < 1_000_000_000 {
        format!("{:.2}ms", f / 1e6)
    } else {
        format!("{:.3}s", f / 1e9)
    }
}

/// `n` bytes with a binary unit: `512B`, `1.5KB`, `12.0MB`, `1.25GB`.
pub fn fmt_bytes(n: u64) -> String {
    let f = n as f64;
    if n < 1 << 10 {
        format!("{n}B")
    } else if n < 1 << 20 {
        format!("{:.1}KB", f / 1024.0)
    } else if n < 1 << 30 {
        format!("{:.1}MB", f / (1024.0 * 1024.0))
    } else {
        format!("{:.2}GB", f / (1024.0 * 1024.0 * 1024.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gc_api::{EventLog, GcEvent};

    const MS: u64 = 1_000_000;

    /// 100 minor pauses of 1..=100 us every 1 ms from 0, one 5 ms major
    /// pause at 200 ms, an incremental cycle (2 steps of 2 ms + summary
    /// event) and 3 ms of concurrent work, in a 300 ms run.
    fn synthetic() -> (Timeline, GcStats) {
        let mut tl = Timeline::new();
        let mut log = EventLog::new();
        let mut emit = |e: GcEvent| {
            tl.record(&e);
            log.emit(e);
        };
        for i in 0..100u64 {
            let mut e = GcEvent::new(EventKind::Minor, i * MS);
            e.duration_ns = (i + 1) * 1000;
            e.bytes_before = 1000 + i;
            e.bytes_after = 500;
            e.promoted = 10;
            emit(e);
        }
        let mut m = GcEvent::new(EventKind::Major, 200 * MS);
        m.duration_ns = 5 * MS;
        m.bytes_before = 50_000;
        m.raw_bytes = 4096;
        emit(m);
        for t in [250, 260] {
            let mut s = GcEvent::new(EventKind::MajorStep, t * MS);
            s.duration_ns = 2 * MS;
            emit(s);
        }
        let mut c = GcEvent::new(EventKind::Major, 250 * MS);
        c.duration_ns = 12 * MS;
        c.pause = false;
        emit(c);
        let mut k = GcEvent::new(EventKind::Concurrent, 270 * MS);
        k.duration_ns = 3 * MS;
        k.pause = false;
        emit(k);
        (tl, log.stats().clone())
    }

    fn info() -> RunInfo {
        RunInfo {
            collector: "incminimark".into(),
            settings: vec![("nursery".into(), "4MB".into())],
            wall_ns: 300 * MS,
            peak_rss_bytes: Some(10 << 20),
        }
    }

    fn near(a: u64, b: u64) -> bool {
        // hdrhistogram with 3 significant digits: within 0.1%.
        a.abs_diff(b) * 1000 <= b
    }

    #[test]
    fn numbers_from_a_synthetic_run() {
        let (tl, st) = synthetic();
        let s = Summary::from(&tl, &st, &info());
        assert_eq!(
            (
                s.minor_collections,
                s.major_collections,
                s.incremental_majors,
                s.major_steps
            ),
            (100, 2, 1, 2)
        );
        assert_eq!(s.pauses.count, 103);
        let minor_total: u64 = (1..=100).map(|i| i * 1000).sum();
        assert_eq!(s.minor_ns, minor_total);
        assert_eq!(s.major_ns, 9 * MS);
        assert_eq!(s.total_pause_ns, minor_total + 9 * MS);
        assert_eq!(s.mutator_ns, 300 * MS - minor_total - 9 * MS);
        assert_eq!(s.concurrent_ns, 3 * MS);
        // Sorted pauses: 1..=100 us, then 2, 2, 5 ms. Rank ceil(0.5*103)=52.
        assert!(near(s.pauses.p50, 52_000), "{}", s.pauses.p50);
        assert!(near(s.pauses.p90, 93_000), "{}", s.pauses.p90); // rank 93
        assert!(near(s.pauses.p99, 2 * MS), "{}", s.pauses.p99); // rank 102
        assert!(near(s.pauses.p999, 5 * MS), "{}", s.pauses.p999);
        assert_eq!(s.pauses.max, 5 * MS);
        // 1 ms windows: one inside the 5 ms pause. 10 ms windows: [200,210)
        // holds 5 ms. 100 ms: [160,260) holds 5 + 2 (+ nothing else) ms, and
        // [200,300) holds 5+2+2 = 9 ms.
        assert_eq!(s.mmu[0], 0.0);
        assert!((s.mmu[1] - 0.5).abs() < 1e-9, "{}", s.mmu[1]);
        assert!((s.mmu[2] - 0.91).abs() < 1e-9, "{}", s.mmu[2]);
        assert_eq!(s.peak_heap_bytes, 50_000);
        assert_eq!(s.peak_raw_bytes, 4096);
        assert_eq!(s.promoted_bytes, 1000);
    }

    #[test]
    fn renders_text_and_json() {
        let (tl, st) = synthetic();
        let s = Summary::from(&tl, &st, &info());
        let t = s.render_text();
        assert!(t.contains("collector incminimark (nursery=4MB)"), "{t}");
        assert!(
            t.contains("100 minor, 2 major (1 incremental) in 2 steps"),
            "{t}"
        );
        assert!(t.contains("max 5.00ms"), "{t}");
        assert!(t.contains("1ms 0.0%, 10ms 50.0%, 100ms 91.0%"), "{t}");
        assert!(t.contains("peak RSS 10.0MB"), "{t}");
        assert!(t.contains("concurrent 3.00ms alongside"), "{t}");
        let j = s.render_json();
        assert!(!j.contains('\n'));
        for part in [
            "\"collector\":\"incminimark\"",
            "\"settings\":{\"nursery\":\"4MB\"}",
            "\"major_incremental\":1",
            "\"max\":5000000",
            "\"mmu\":{\"1ms\":0,\"10ms\":0.5,\"100ms\":0.91}",
            "\"peak_rss\":10485760",
        ] {
            assert!(j.contains(part), "{part} not in {j}");
        }
        // The JSON is a valid object by the crate's parser once flattened
        // enough to check balance.
        assert_eq!(j.matches('{').count(), j.matches('}').count());
    }

    #[test]
    fn empty_run() {
        let s = Summary::from(&Timeline::new(), &GcStats::default(), &RunInfo::default());
        assert_eq!(s.pauses, Percentiles::default());
        assert_eq!(s.mmu, [1.0; 3]);
        assert!(s.render_text().contains("peak RSS unknown"));
        assert!(s.render_json().contains("\"peak_rss\":null"));
    }

    #[test]
    fn settings_are_filtered_by_collector() {
        let cfg = vec![
            ("gc", "nogc".to_string()),
            ("nursery", "4MB".to_string()),
            ("threads", "2".to_string()),
            ("tenure", "3".to_string()),
            ("verify", "0".to_string()),
        ];
        let eff = effective_settings(
            "incminimark",
            &cfg,
            &[("nursery", "8MB".into()), ("arenas", "3".into())],
        );
        let want: Vec<(String, String)> = [("nursery", "8MB"), ("verify", "0"), ("arenas", "3")]
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(eff, want);
        // (concurrent has a nursery, no tenure)
        let eff = effective_settings("concurrent", &cfg, &[]);
        assert_eq!(
            eff.iter().map(|p| p.0.as_str()).collect::<Vec<_>>(),
            ["nursery", "threads", "verify"]
        );
    }

    #[test]
    fn vmhwm_parsing() {
        assert_eq!(
            parse_vmhwm("Name:\tx\nVmHWM:\t  1234 kB\nVmRSS: 5 kB\n"),
            Some(1234 * 1024)
        );
        assert_eq!(parse_vmhwm("Name: x\n"), None);
        assert_eq!(parse_vmhwm("VmHWM: lots kB\n"), None);
        assert!(peak_rss_bytes().is_some_and(|b| b > 0));
    }

    #[test]
    fn units() {
        assert_eq!(fmt_ns(850), "850ns");
        assert_eq!(fmt_ns(12_345), "12.3us");
        assert_eq!(fmt_ns(4_560_000), "4.56ms");
        assert_eq!(fmt_ns(1_234_000_000), "1.234s");
        assert_eq!(fmt_bytes(512), "512B");
        assert_eq!(fmt_bytes(1536), "1.5KB");
        assert_eq!(fmt_bytes(3 << 30), "3.00GB");
    }
}
