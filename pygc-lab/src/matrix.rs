//! `pygc-lab run`: the matrix programs x collectors x heap sizes x knob
//! settings x invocations, in random order, resumable, with a progress bar.

use crate::minheap::{self, Search};
use crate::runner::{self, Invocation};
use crate::spec::{knob_grid, knobs_label, parse_knobs_label, HeapSpec, KnobAxis, Knobs};
use crate::store::{cell_key, run_id, RunRecord, Store};
use indicatif::{ProgressBar, ProgressStyle};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The experiment.
#[derive(Clone, Debug)]
pub struct Experiment {
    /// Program files (directories already expanded).
    pub programs: Vec<PathBuf>,
    /// Collectors.
    pub gcs: Vec<String>,
    /// Heap settings.
    pub heaps: Vec<HeapSpec>,
    /// Knob axes.
    pub sets: Vec<KnobAxis>,
    /// Invocations per cell.
    pub invocations: u32,
    /// Per-run timeout.
    pub timeout: Duration,
    /// pygc binary.
    pub pygc: PathBuf,
    /// Output directory.
    pub out: PathBuf,
    /// Shuffle seed.
    pub seed: u64,
    /// Collectors whose minimum heaps define a program's minimum heap
    /// (default: all in the run).
    pub minheap_from: Vec<String>,
    /// Record every pause (`--gc-log`).
    pub log_pauses: bool,
    /// Run again the runs recorded as failed.
    pub retry_failed: bool,
    /// Only this slice of the cells: (index, count), 1-based index.
    pub shard: Option<(usize, usize)>,
    /// Minimum-heap bisection precision (high / low).
    pub precision: f64,
    /// The minimum-heap cache file (default `OUT/minheap.json`).
    pub minheap_cache: PathBuf,
}

/// One cell of the matrix.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// Program file.
    pub program: PathBuf,
    /// Collector.
    pub gc: String,
    /// Heap setting.
    pub heap: HeapSpec,
    /// Knobs (only the ones the collector reads).
    pub knobs: Knobs,
}

impl Cell {
    /// Program name (file stem).
    pub fn name(&self) -> String {
        program_name(&self.program)
    }

    /// The cell key.
    pub fn key(&self) -> String {
        cell_key(
            &self.name(),
            &self.gc,
            &self.heap.label(),
            &knobs_label(&self.knobs),
        )
    }
}

/// A program's name: its file stem.
pub fn program_name(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

/// Files and folders (every `*.py` inside, sorted) to program files.
pub fn expand_programs(args: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = vec![];
    for a in args {
        if a.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(a)
                .map_err(|e| format!("cannot read '{}': {e}", a.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "py") && p.is_file())
                .collect();
            v.sort();
            out.extend(v);
        } else if a.is_file() {
            out.push(a.clone());
        } else {
            return Err(format!("no such program or directory: '{}'", a.display()));
        }
    }
    if out.is_empty() {
        return Err("no programs (.py files) given".into());
    }
    Ok(out)
}

/// Knob settings for `gc`: each setting restricted to the knobs `gc`
/// reads, duplicates removed. Also returns the knob names it lacks.
pub fn knobs_for(grid: &[Knobs], supported: &[String]) -> (Vec<Knobs>, BTreeSet<String>) {
    let mut out: Vec<Knobs> = vec![];
    let mut lacking = BTreeSet::new();
    for k in grid {
        let kept: Knobs = k
            .iter()
            .filter(|(key, _)| {
                let ok = supported.iter().any(|s| s == key);
                if !ok {
                    lacking.insert(key.clone());
                }
                ok
            })
            .cloned()
            .collect();
        if !out.contains(&kept) {
            out.push(kept);
        }
    }
    (out, lacking)
}

/// Every cell, in a fixed order (programs, collectors, heaps, knobs).
pub fn cells(e: &Experiment, scratch: &Path) -> Result<Vec<Cell>, String> {
    let known = crate::pygc::knob_names(&e.pygc)?;
    for a in &e.sets {
        if !known.contains(&a.key) {
            return Err(format!(
                "unknown knob '{}' in --set; pygc --help-gc lists: {}",
                a.key,
                known.join(", ")
            ));
        }
    }
    let grid = knob_grid(&e.sets);
    let mut per_gc = BTreeMap::new();
    for gc in &e.gcs {
        let supported = crate::pygc::collector_knobs(&e.pygc, gc, scratch)?;
        let (ks, lacking) = knobs_for(&grid, &supported);
        if !lacking.is_empty() {
            eprintln!(
                "pygc-lab: {gc} does not read {}: its cells run without {}",
                lacking.iter().cloned().collect::<Vec<_>>().join(", "),
                if lacking.len() == 1 { "it" } else { "them" }
            );
        }
        per_gc.insert(gc.clone(), ks);
    }
    let mut v = vec![];
    for p in &e.programs {
        for gc in &e.gcs {
            for h in &e.heaps {
                for k in &per_gc[gc] {
                    v.push(Cell {
                        program: p.clone(),
                        gc: gc.clone(),
                        heap: h.clone(),
                        knobs: k.clone(),
                    });
                }
            }
        }
    }
    Ok(v)
}

/// The slice of `cells` for shard `i` of `n` (contiguous, 1-based).
pub fn shard<T: Clone>(all: &[T], i: usize, n: usize) -> Vec<T> {
    let len = all.len();
    let (a, b) = ((i - 1) * len / n, i * len / n);
    all[a..b].to_vec()
}

/// The minimum heap of each program (the smallest over `minheap_from`
/// collectors), computing missing cache entries with a progress bar.
pub fn program_minheaps(
    e: &Experiment,
    programs: &[PathBuf],
    scratch: &Path,
) -> Result<BTreeMap<PathBuf, Option<u64>>, String> {
    let from = if e.minheap_from.is_empty() {
        e.gcs.clone()
    } else {
        e.minheap_from.clone()
    };
    let s = Search {
        pygc: e.pygc.clone(),
        timeout: e.timeout,
        precision: e.precision,
        scratch: scratch.to_path_buf(),
    };
    let pb = bar((programs.len() * from.len()) as u64, "minheap");
    let mut out = BTreeMap::new();
    for p in programs {
        let mut best: Option<u64> = None;
        for gc in &from {
            pb.set_message(format!("{} {gc}", program_name(p)));
            if let Some(en) = minheap::cached(&s, &e.minheap_cache, p, gc)? {
                best = Some(best.map_or(en.bytes, |b| b.min(en.bytes)));
            }
            pb.inc(1);
        }
        out.insert(p.clone(), best);
    }
    pb.finish_and_clear();
    Ok(out)
}

fn bar(len: u64, what: &str) -> ProgressBar {
    let pb = ProgressBar::new(len);
    let tpl =
        format!("{what} [{{elapsed_precise}}] {{wide_bar}} {{pos}}/{{len}} ETA {{eta}} {{msg}}");
    if let Ok(st) = ProgressStyle::with_template(&tpl) {
        pb.set_style(st);
    }
    pb
}

/// A fresh absolute scratch folder in `out` (pygc runs in the program's
/// folder, so every path handed to it must be absolute).
pub fn scratch_dir(out: &Path) -> Result<PathBuf, String> {
    let d = out.join(format!("scratch-{}", std::process::id()));
    std::fs::create_dir_all(&d).map_err(|e| format!("cannot create '{}': {e}", d.display()))?;
    std::fs::canonicalize(&d).map_err(|e| e.to_string())
}

/// Runs the experiment (or its shard); returns (runs done now, runs
/// skipped as already finished).
pub fn run(e: &Experiment) -> Result<(usize, usize), String> {
    let store = Store::open(&e.out)?;
    let scratch = scratch_dir(&e.out)?;
    let mut all = cells(e, &scratch)?;
    if let Some((i, n)) = e.shard {
        all = shard(&all, i, n);
    }
    let needs_min = e.heaps.iter().any(|h| matches!(h, HeapSpec::Multiple(_)));
    let mut progs: Vec<PathBuf> = all.iter().map(|c| c.program.clone()).collect();
    progs.dedup();
    let mins = if needs_min {
        program_minheaps(e, &progs, &scratch)?
    } else {
        BTreeMap::new()
    };
    let done: BTreeSet<String> = store
        .load()?
        .into_iter()
        .filter(|r| !e.retry_failed || r.ok())
        .map(|r| r.run_id)
        .collect();
    let mut todo = vec![];
    let mut skipped = 0;
    for c in &all {
        for i in 0..e.invocations {
            if done.contains(&run_id(&c.key(), i)) {
                skipped += 1;
            } else {
                todo.push((c.clone(), i));
            }
        }
    }
    let mut rng = rand::rngs::StdRng::seed_from_u64(e.seed);
    // Random order within each invocation round: every cell gets its first
    // run before any gets its second, so an interrupted matrix still has
    // whole rounds, and slow drifts of the machine spread over all cells.
    todo.shuffle(&mut rng);
    todo.sort_by_key(|(_, i)| *i);
    let pb = bar(todo.len() as u64, "runs");
    for (c, i) in &todo {
        pb.set_message(format!("{} {} {}", c.name(), c.gc, c.heap.label()));
        let min = mins.get(&c.program).copied().flatten();
        let rec = run_cell(e, c, *i, min, &store, &scratch);
        store.append(&rec)?;
        if !rec.ok() {
            pb.println(format!("{}: {} {}", rec.run_id, rec.status, rec.error));
        }
        pb.inc(1);
    }
    pb.finish_and_clear();
    let _ = std::fs::remove_dir_all(&scratch);
    store.export()?;
    Ok((todo.len(), skipped))
}

/// Runs one invocation of a cell and fills in the record's identity.
pub fn run_cell(
    e: &Experiment,
    c: &Cell,
    i: u32,
    min: Option<u64>,
    store: &Store,
    scratch: &Path,
) -> RunRecord {
    let key = c.key();
    let id = run_id(&key, i);
    let mut rec = match (&c.heap, min) {
        (HeapSpec::Multiple(_), None) => RunRecord {
            status: "error".into(),
            exit_code: -1,
            error: "no minimum heap: the program fails without a heap limit".into(),
            ..Default::default()
        },
        _ => {
            let out = runner::run(&Invocation {
                pygc: &e.pygc,
                program: &c.program,
                collector: &c.gc,
                max_heap: c.heap.bytes(min),
                knobs: &c.knobs,
                timeout: e.timeout,
                scratch,
                log_pauses: e.log_pauses,
            });
            if out.events.run_ns > 0 {
                if let Ok(s) = serde_json::to_string(&out.events) {
                    let _ = std::fs::write(store.events_path(&id), s);
                }
            }
            out.record
        }
    };
    rec.run_id = id;
    rec.program = c.name();
    rec.path = c.program.display().to_string();
    rec.collector = c.gc.clone();
    rec.heap = c.heap.label();
    rec.heap_multiple = match c.heap {
        HeapSpec::Multiple(m) => m,
        _ => 0.0,
    };
    rec.max_heap = c.heap.bytes(min).unwrap_or(0);
    rec.min_heap = min.unwrap_or(0);
    rec.knobs = knobs_label(&c.knobs);
    rec.invocation = i;
    rec
}

/// Rebuilds a cell from a record (for `tune`'s reproduction runs).
pub fn cell_of(r: &RunRecord) -> Result<Cell, String> {
    Ok(Cell {
        program: PathBuf::from(&r.path),
        gc: r.collector.clone(),
        heap: HeapSpec::parse(&r.heap)?,
        knobs: parse_knobs_label(&r.knobs),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knobs_a_collector_lacks_are_dropped_once() {
        let grid = knob_grid(&[
            KnobAxis::parse("nursery=1MB,4MB").unwrap(),
            KnobAxis::parse("threads=1,2").unwrap(),
        ]);
        let (ks, lacking) = knobs_for(&grid, &["threads".to_string()]);
        assert_eq!(ks.len(), 2);
        assert_eq!(knobs_label(&ks[1]), "threads=2");
        assert_eq!(lacking.into_iter().collect::<Vec<_>>(), vec!["nursery"]);
        let (ks, _) = knobs_for(&grid, &[]);
        assert_eq!(ks, vec![Vec::<(String, String)>::new()]);
    }

    #[test]
    fn shards_partition_the_cells() {
        let all: Vec<u32> = (0..10).collect();
        let mut joined = vec![];
        for i in 1..=3 {
            joined.extend(shard(&all, i, 3));
        }
        assert_eq!(joined, all);
        assert_eq!(shard(&all, 1, 3), vec![0, 1, 2]);
    }
}
