//! Runs each program once per collector (and with `Box`) and tabulates
//! wall time, allocation throughput and the collector's pause statistics.

use crate::{gcbench, large_heap, trees};
use gc_api::{CollectorEntry, GcConfig, GcStats};
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use stress::MockVm;

/// A benchmark program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Program {
    /// binary-trees at this depth.
    BinaryTrees(u32),
    /// GCBench.
    GcBench,
    /// A large live heap of this many MB, with churn.
    LargeHeap(usize),
}

impl Program {
    /// The name used in tables and benchmark ids.
    pub fn name(self) -> String {
        match self {
            Program::BinaryTrees(d) => format!("binary-trees-{d}"),
            Program::GcBench => "gcbench".to_string(),
            Program::LargeHeap(mb) => format!("live-{mb}MB"),
        }
    }

    /// Runs the program on a VM; returns objects allocated.
    pub fn run_vm(self, vm: &mut MockVm) -> Result<u64, String> {
        let r = match self {
            Program::BinaryTrees(d) => trees::run_vm(vm, d).map(|o| o.objects),
            Program::GcBench => gcbench::run_vm(vm).map(|o| o.objects),
            Program::LargeHeap(mb) => large_heap::run_vm(vm, mb),
        };
        r.map_err(|e| format!("{}: {e}", self.name()))
    }

    /// Runs the `Box` version; returns objects allocated. None for
    /// programs without one (the large heap measures collectors only).
    pub fn run_box(self) -> Option<u64> {
        match self {
            Program::BinaryTrees(d) => Some(trees::run_box(d).objects),
            Program::GcBench => Some(gcbench::run_box().objects),
            Program::LargeHeap(_) => None,
        }
    }
}

/// One row of the table.
#[derive(Clone, Debug)]
pub struct Row {
    /// Program name.
    pub program: String,
    /// Collector name, or `box`.
    pub collector: String,
    /// Wall time.
    pub wall: Duration,
    /// CPU time of the whole process (all threads, user + system), if known.
    pub cpu: Option<Duration>,
    /// Objects allocated.
    pub objects: u64,
    /// Collector statistics (None for `Box`).
    pub stats: Option<GcStats>,
    /// Every pause (ns), in order (empty for `Box`).
    pub pauses: Vec<u64>,
    /// What the longest pause was (event kind and phase), if any.
    pub longest: Option<String>,
    /// Most collector CPU time in one pause (events' `cpu_ns`; 0 when the
    /// collector does not measure it).
    pub max_pause_cpu_ns: u64,
    /// Minor collections: bytes promoted, and their wall and CPU time (ns).
    pub minor_promoted: (u64, u64, u64),
    /// Why the run failed, if it did.
    pub error: Option<String>,
}

/// CPU time used by this process so far (user + system, every thread), from
/// `/proc/self/stat` (clock ticks of 1/100 s, Linux's fixed `USER_HZ`).
/// Wall time alone misleads on a shared machine.
pub fn process_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the parenthesised command name start with the 3rd;
    // utime and stime are the 14th and 15th.
    let rest = stat.get(stat.rfind(')')? + 2..)?;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn cpu_since(start: Option<Duration>) -> Option<Duration> {
    Some(process_cpu_time()?.saturating_sub(start?))
}

/// Runs `program` with `Box`, if it has a `Box` version.
pub fn run_box(program: Program) -> Option<Row> {
    let c = process_cpu_time();
    let t = Instant::now();
    let objects = program.run_box()?;
    let wall = t.elapsed();
    Some(Row {
        program: program.name(),
        collector: "box".into(),
        wall,
        cpu: cpu_since(c),
        objects,
        stats: None,
        pauses: Vec::new(),
        longest: None,
        max_pause_cpu_ns: 0,
        minor_promoted: (0, 0, 0),
        error: None,
    })
}

/// Runs `program` on a fresh VM on `entry` with `config`.
pub fn run_collector(program: Program, entry: &CollectorEntry, config: &GcConfig) -> Row {
    let mut row = Row {
        program: program.name(),
        collector: entry.name.to_string(),
        wall: Duration::ZERO,
        cpu: None,
        objects: 0,
        stats: None,
        pauses: Vec::new(),
        longest: None,
        max_pause_cpu_ns: 0,
        minor_promoted: (0, 0, 0),
        error: None,
    };
    let mut vm = match MockVm::for_entry(entry, config) {
        Ok(vm) => vm,
        Err(e) => {
            row.error = Some(e.to_string());
            return row;
        }
    };
    let pauses = Arc::new(Mutex::new((
        Vec::new(),
        0u64,
        String::new(),
        0u64,
        (0, 0, 0),
    )));
    let sink = pauses.clone();
    vm.mutator.collector_mut().subscribe(Box::new(move |e| {
        if e.pause {
            let mut p = sink.lock().unwrap_or_else(|p| p.into_inner());
            p.0.push(e.duration_ns);
            if e.duration_ns > p.1 {
                p.1 = e.duration_ns;
                p.2 = format!("{}/{}", e.kind.as_str(), e.phase.as_str());
            }
            p.3 = p.3.max(e.cpu_ns);
            if e.kind == gc_api::EventKind::Minor {
                p.4 .0 += e.promoted;
                p.4 .1 += e.duration_ns;
                p.4 .2 += e.cpu_ns;
            }
        }
    }));
    let c = process_cpu_time();
    let t = Instant::now();
    let r = program.run_vm(&mut vm);
    row.wall = t.elapsed();
    row.cpu = cpu_since(c);
    row.stats = Some(vm.mutator.stats());
    drop(vm);
    let mut p = pauses.lock().unwrap_or_else(|p| p.into_inner());
    row.pauses = std::mem::take(&mut p.0);
    row.longest = (!p.2.is_empty()).then(|| std::mem::take(&mut p.2));
    row.max_pause_cpu_ns = p.3;
    row.minor_promoted = p.4;
    match r {
        Ok(n) => row.objects = n,
        Err(e) => row.error = Some(e),
    }
    row
}

fn ms(ns: u64) -> String {
    if ns < 10_000_000 {
        format!("{:.3}", ns as f64 / 1e6)
    } else {
        format!("{:.1}", ns as f64 / 1e6)
    }
}

/// The `p`-quantile (0..=1) of `pauses`, nearest rank; 0 when empty.
pub fn quantile(pauses: &[u64], p: f64) -> u64 {
    if pauses.is_empty() {
        return 0;
    }
    let mut v = pauses.to_vec();
    v.sort_unstable();
    let rank = ((p * v.len() as f64).ceil() as usize).clamp(1, v.len());
    v[rank - 1]
}

/// The table, one line per row. `Mobj/s` is objects per wall-clock second;
/// `cpu ms` counts every thread of the process (GC threads included).
pub fn format_table(rows: &[Row]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<16} {:<12} {:>10} {:>10} {:>12} {:>10} {:>11} {:>10} {:>10} {:>7} {:>7} {:>7}",
        "program",
        "collector",
        "wall ms",
        "cpu ms",
        "objects",
        "Mobj/s",
        "GC tot ms",
        "p99 ms",
        "max ms",
        "minor",
        "major",
        "steps"
    );
    for r in rows {
        let wall = r.wall.as_secs_f64();
        let rate = if wall > 0.0 {
            r.objects as f64 / wall / 1e6
        } else {
            0.0
        };
        let (tot, p99, max, mi, ma, st) = match &r.stats {
            Some(s) => (
                ms(s.total_pause_ns),
                ms(quantile(&r.pauses, 0.99)),
                ms(s.max_pause_ns),
                s.minor_collections.to_string(),
                s.major_collections.to_string(),
                s.major_steps.to_string(),
            ),
            None => (
                "-".into(),
                "-".into(),
                "-".into(),
                "-".into(),
                "-".into(),
                "-".into(),
            ),
        };
        let _ = write!(
            out,
            "{:<16} {:<12} {:>10.1} {:>10} {:>12} {:>10.2} {:>11} {:>10} {:>10} {:>7} {:>7} {:>7}",
            r.program,
            r.collector,
            wall * 1e3,
            r.cpu.map_or("-".to_string(), |c| c.as_millis().to_string()),
            r.objects,
            rate,
            tot,
            p99,
            max,
            mi,
            ma,
            st
        );
        if let Some(l) = &r.longest {
            let _ = write!(out, "  longest: {l}");
        }
        if r.max_pause_cpu_ns > 0 {
            let _ = write!(out, "; most CPU in a pause {} ms", ms(r.max_pause_cpu_ns));
        }
        let (promoted, wall_ns, cpu_ns) = r.minor_promoted;
        if promoted > 0 && wall_ns > 0 {
            let rate = |ns: u64| promoted as f64 / ns as f64; // bytes/ns = GB/s
            let _ = write!(
                out,
                "; promoted {:.0} MB at {:.2} GB/s of minor time",
                promoted as f64 / 1e6,
                rate(wall_ns)
            );
            if cpu_ns > 0 {
                let _ = write!(out, " ({:.2} GB/s of minor CPU)", rate(cpu_ns));
            }
        }
        if let Some(e) = &r.error {
            let _ = write!(out, "  FAILED: {e}");
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_time_advances() {
        let a = process_cpu_time().expect("/proc/self/stat readable");
        let mut x = 0u64;
        let t = Instant::now();
        while t.elapsed() < Duration::from_millis(60) {
            x = std::hint::black_box(x.wrapping_add(1));
        }
        assert!(process_cpu_time().unwrap() > a, "{x}");
    }

    #[test]
    fn quantiles_by_nearest_rank() {
        assert_eq!(quantile(&[], 0.99), 0);
        let v: Vec<u64> = (1..=100).rev().collect();
        assert_eq!(quantile(&v, 0.99), 99);
        assert_eq!(quantile(&v, 0.5), 50);
        assert_eq!(quantile(&v, 1.0), 100);
        assert_eq!(quantile(&[7], 0.99), 7);
    }

    #[test]
    fn table_has_a_row_per_run() {
        let cfg = GcConfig::with_nursery(1 << 20);
        assert!(run_box(Program::LargeHeap(1)).is_none());
        let rows: Vec<Row> = run_box(Program::BinaryTrees(6))
            .into_iter()
            .chain(
                gc_registry::COLLECTORS
                    .iter()
                    .map(|e| run_collector(Program::BinaryTrees(6), e, &cfg)),
            )
            .collect();
        let t = format_table(&rows);
        assert_eq!(t.lines().count(), 1 + rows.len());
        assert!(
            rows.iter()
                .all(|r| r.error.is_none() && r.objects == trees::nodes_for(6)),
            "{t}"
        );
        assert!(t.contains("box") && t.contains(gc_registry::COLLECTORS[0].name));
    }
}
