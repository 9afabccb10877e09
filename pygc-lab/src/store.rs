//! Results on disk. `runs.jsonl` (one JSON object per finished run,
//! appended and flushed as runs finish) is the source of truth and what
//! resuming reads; `runs.csv` and `runs.json` are written from it; each
//! run's pauses are in `events/RUN.json` (for CDFs and MMU curves).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// One invocation of one cell: a tidy row.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    /// Unique run id (cell key + invocation), also the events file name.
    pub run_id: String,
    /// Program name (file stem).
    pub program: String,
    /// Program path as given.
    pub path: String,
    /// Collector.
    pub collector: String,
    /// Heap setting label (`default`, `2x`, `64MB`).
    pub heap: String,
    /// The multiple of the minimum heap (0 for absolute / default).
    pub heap_multiple: f64,
    /// `max-heap` passed, bytes (0 = none).
    pub max_heap: u64,
    /// The program's minimum heap used for multiples, bytes (0 = none).
    pub min_heap: u64,
    /// Knob setting applied (`nursery=1MB;tenure=2`, empty = defaults).
    pub knobs: String,
    /// Invocation number (0-based).
    pub invocation: u32,
    /// `ok`, `oom` (MemoryError / heap limit), `wrong-output`, `fail`,
    /// `timeout` or `error` (could not start).
    pub status: String,
    /// Exit code (-signal when killed by a signal).
    pub exit_code: i32,
    /// Wall-clock seconds.
    pub wall_s: f64,
    /// User CPU seconds (wait4 rusage of the child).
    pub user_s: f64,
    /// System CPU seconds.
    pub sys_s: f64,
    /// Stop-the-world GC time: minor + major + finalizer pauses, s.
    pub gc_pause_s: f64,
    /// Collector-thread time alongside the mutator (`time_ns.concurrent`), s.
    pub gc_concurrent_s: f64,
    /// GC work done by the mutator outside pauses (`time_ns.mutator_gc_work`;
    /// 0 when pygc does not report it), s.
    pub mutator_gc_work_s: f64,
    /// CPU of GC threads (`time_ns.gc_threads_cpu`; 0 when not reported), s.
    pub gc_threads_cpu_s: f64,
    /// Whether pygc reported the two fields above.
    pub gc_work_reported: bool,
    /// Number of pauses.
    pub pauses: u64,
    /// Median pause, ms.
    pub pause_p50_ms: f64,
    /// 99th percentile pause, ms.
    pub pause_p99_ms: f64,
    /// Longest pause, ms.
    pub pause_max_ms: f64,
    /// MMU at 1 ms.
    pub mmu_1ms: f64,
    /// MMU at 10 ms.
    pub mmu_10ms: f64,
    /// MMU at 100 ms.
    pub mmu_100ms: f64,
    /// Peak resident set (ru_maxrss), bytes.
    pub peak_rss: u64,
    /// Peak heap as reported by the collector, bytes.
    pub peak_heap: u64,
    /// Bytes the collector freed (`memory_bytes.freed`).
    pub freed: u64,
    /// Last line of standard error for failed runs.
    pub error: String,
}

impl RunRecord {
    /// Wall time minus the GC's own wall-clock cost (pauses plus mutator
    /// GC work): the GC-free cost used for the lower-bound overhead.
    pub fn gc_free_wall(&self) -> f64 {
        self.wall_s - self.gc_pause_s - self.mutator_gc_work_s
    }

    /// CPU time minus all GC CPU (pauses, mutator GC work, GC threads).
    pub fn gc_free_cpu(&self) -> f64 {
        self.cpu_s() - self.gc_pause_s - self.mutator_gc_work_s - self.gc_threads_cpu_s
    }

    /// User + system CPU.
    pub fn cpu_s(&self) -> f64 {
        self.user_s + self.sys_s
    }

    /// Did the run complete correctly?
    pub fn ok(&self) -> bool {
        self.status == "ok"
    }

    /// The cell this run belongs to.
    pub fn cell_key(&self) -> String {
        cell_key(&self.program, &self.collector, &self.heap, &self.knobs)
    }
}

/// A cell's key (program, collector, heap label, knobs).
pub fn cell_key(program: &str, gc: &str, heap: &str, knobs: &str) -> String {
    format!("{program}|{gc}|{heap}|{knobs}")
}

/// A file-name-safe run id.
pub fn run_id(cell: &str, invocation: u32) -> String {
    let safe: String = cell
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{safe}__i{invocation}")
}

/// Pauses of one run (`events/RUN.json`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Events {
    /// Run length from pygc's GC clock, ns.
    pub run_ns: u64,
    /// (start, duration) of each pause, ns, sorted by start.
    pub pauses: Vec<(u64, u64)>,
}

/// The output directory.
#[derive(Clone, Debug)]
pub struct Store {
    /// Its path.
    pub dir: PathBuf,
}

impl Store {
    /// Opens (creating) an output directory.
    pub fn open(dir: &Path) -> Result<Store, String> {
        std::fs::create_dir_all(dir.join("events"))
            .map_err(|e| format!("cannot create '{}': {e}", dir.display()))?;
        Ok(Store {
            dir: dir.to_path_buf(),
        })
    }

    fn jsonl(&self) -> PathBuf {
        self.dir.join("runs.jsonl")
    }

    /// Path of a run's events file.
    pub fn events_path(&self, run_id: &str) -> PathBuf {
        self.dir.join("events").join(format!("{run_id}.json"))
    }

    /// Every recorded run (later duplicates of a run id win).
    pub fn load(&self) -> Result<Vec<RunRecord>, String> {
        load_jsonl(&self.jsonl())
    }

    /// Appends one run (flushed, so an interrupted matrix can resume).
    pub fn append(&self, r: &RunRecord) -> Result<(), String> {
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.jsonl())
            .map_err(|e| format!("cannot open '{}': {e}", self.jsonl().display()))?;
        // One write(2) per line: concurrent appenders do not interleave.
        let mut line = serde_json::to_string(r).map_err(|e| e.to_string())?;
        line.push('\n');
        f.write_all(line.as_bytes())
            .map_err(|e| format!("cannot write results: {e}"))?;
        f.flush().map_err(|e| e.to_string())
    }

    /// Reads a run's pauses (empty when absent).
    pub fn events(&self, run_id: &str) -> Events {
        std::fs::read_to_string(self.events_path(run_id))
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default()
    }

    /// Writes `runs.csv` and `runs.json` from `runs.jsonl`.
    pub fn export(&self) -> Result<usize, String> {
        let runs = self.load()?;
        let csv_path = self.dir.join("runs.csv");
        let mut w = csv::Writer::from_path(&csv_path)
            .map_err(|e| format!("cannot write '{}': {e}", csv_path.display()))?;
        for r in &runs {
            w.serialize(r).map_err(|e| e.to_string())?;
        }
        w.flush().map_err(|e| e.to_string())?;
        let json = serde_json::to_string_pretty(&runs).map_err(|e| e.to_string())?;
        std::fs::write(self.dir.join("runs.json"), json).map_err(|e| e.to_string())?;
        Ok(runs.len())
    }
}

/// Reads a JSON-lines results file (missing file = no runs). A torn last
/// line (the harness was killed mid-write) is ignored.
pub fn load_jsonl(path: &Path) -> Result<Vec<RunRecord>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        Err(e) => return Err(format!("cannot read '{}': {e}", path.display())),
    };
    let mut by_id: BTreeMap<String, (usize, RunRecord)> = BTreeMap::new();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    for (i, line) in lines.iter().enumerate() {
        match serde_json::from_str::<RunRecord>(line) {
            Ok(r) => {
                by_id.insert(r.run_id.clone(), (i, r));
            }
            Err(_) if i + 1 == lines.len() => {}
            Err(e) => return Err(format!("{}: line {}: {e}", path.display(), i + 1)),
        }
    }
    let mut v: Vec<(usize, RunRecord)> = by_id.into_values().collect();
    v.sort_by_key(|(i, _)| *i);
    Ok(v.into_iter().map(|(_, r)| r).collect())
}

/// `pygc-lab merge`: combines result directories into `out` (runs, events
/// and minimum-heap caches); a run present in several inputs is taken from
/// the last. Returns the number of runs.
pub fn merge(inputs: &[PathBuf], out: &Path) -> Result<usize, String> {
    let store = Store::open(out)?;
    let mut seen: BTreeMap<String, RunRecord> = BTreeMap::new();
    for r in store.load()? {
        seen.insert(r.run_id.clone(), r);
    }
    let mut minheaps = crate::minheap::Cache::load(&out.join("minheap.json"));
    for dir in inputs {
        if !dir.join("runs.jsonl").exists() {
            return Err(format!("'{}' holds no runs.jsonl", dir.display()));
        }
        let src = Store {
            dir: dir.to_path_buf(),
        };
        for r in src.load()? {
            let ev = src.events_path(&r.run_id);
            if ev.exists() && dir != out {
                std::fs::copy(&ev, store.events_path(&r.run_id)).map_err(|e| e.to_string())?;
            }
            seen.insert(r.run_id.clone(), r);
        }
        minheaps.absorb(crate::minheap::Cache::load(&dir.join("minheap.json")));
    }
    minheaps.save(&out.join("minheap.json"))?;
    let tmp = out.join("runs.jsonl.tmp");
    let mut text = String::new();
    for r in seen.values() {
        text += &serde_json::to_string(r).map_err(|e| e.to_string())?;
        text.push('\n');
    }
    std::fs::write(&tmp, text).map_err(|e| e.to_string())?;
    std::fs::rename(&tmp, out.join("runs.jsonl")).map_err(|e| e.to_string())?;
    store.export()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(id: &str, wall: f64) -> RunRecord {
        RunRecord {
            run_id: id.into(),
            program: "p".into(),
            collector: "g".into(),
            status: "ok".into(),
            wall_s: wall,
            ..Default::default()
        }
    }

    #[test]
    fn append_load_and_export() {
        let d = tempfile::tempdir().unwrap();
        let s = Store::open(d.path()).unwrap();
        s.append(&rec("a", 1.0)).unwrap();
        s.append(&rec("b", 2.0)).unwrap();
        s.append(&rec("a", 3.0)).unwrap();
        // A torn last line is ignored.
        std::fs::OpenOptions::new()
            .append(true)
            .open(d.path().join("runs.jsonl"))
            .unwrap()
            .write_all(b"{\"run_id\":\"c\",\"pro")
            .unwrap();
        let runs = s.load().unwrap();
        assert_eq!(runs.len(), 2);
        assert_eq!(runs.iter().find(|r| r.run_id == "a").unwrap().wall_s, 3.0);
        assert_eq!(s.export().unwrap(), 2);
        let csv = std::fs::read_to_string(d.path().join("runs.csv")).unwrap();
        assert!(
            csv.starts_with("run_id,program,path,collector,heap,"),
            "{csv}"
        );
        assert_eq!(csv.lines().count(), 3);
    }

    #[test]
    fn run_ids_are_file_names() {
        let id = run_id(&cell_key("a/b", "nogc", "2x", "nursery=1MB;t=2"), 3);
        assert_eq!(id, "a_b_nogc_2x_nursery_1MB_t_2__i3");
    }
}
