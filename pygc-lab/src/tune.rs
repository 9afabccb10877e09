//! `pygc-lab tune SCRIPT --target max-pause=2ms`: searches collectors and
//! their knobs for settings that meet a target, optimising throughput or
//! memory among those that do.
//!
//! Search: a coarse grid per collector (the latency knobs it reads, a few
//! values each) evaluated by successive halving: every candidate runs once,
//! the better half (ranked feasible-first by the objective, infeasible ones
//! by how far they miss) is brought to twice the runs (at most
//! [`MAX_RUNS`]), and so on until two remain. Then the best is refined: each of its numeric knobs is
//! halved and doubled, one at a time, and a neighbour replaces it when it
//! ranks better. The winner is confirmed by fresh invocations. A candidate
//! meets the target only if every one of its runs does (maximum pause over
//! runs, p99 over runs, peak RSS over runs). Candidates whose runs free no
//! memory (pygc's stats report `freed` = 0) cannot serve a long-running
//! program and are skipped unless `--allow-no-reclaim`.

use crate::matrix::{self, Cell, Experiment};
use crate::spec::{fmt_size, knobs_label, parse_size, HeapSpec, Knobs};
use crate::stats::Summary;
use crate::store::{RunRecord, Store};
use clap::Args;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

/// `pygc-lab tune` options.
#[derive(Args, Debug, Clone)]
pub struct TuneArgs {
    /// The program to tune for.
    pub script: PathBuf,
    /// max-pause=2ms, p99-pause=1ms or rss=200MB.
    #[arg(long)]
    pub target: String,
    /// What to optimise among settings that meet the target.
    #[arg(long, default_value = "throughput")]
    pub optimize: String,
    /// Collectors to consider (default: all).
    #[arg(long = "gc")]
    pub gcs: Vec<String>,
    /// Invocations of the winner in the confirmation runs.
    #[arg(long, default_value_t = 5)]
    pub confirm: u32,
    /// Per-run timeout, seconds.
    #[arg(long, default_value_t = 120.0)]
    pub timeout: f64,
    /// The pygc binary.
    #[arg(long)]
    pub pygc: Option<PathBuf>,
    /// Where the evidence runs are stored (a pygc-lab result directory).
    #[arg(long, default_value = "pygc-lab-tune")]
    pub out: PathBuf,
    /// Consider collectors that never free memory.
    #[arg(long)]
    pub allow_no_reclaim: bool,
}

/// What must hold.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Target {
    /// Longest pause, ms.
    MaxPause(f64),
    /// 99th-percentile pause, ms.
    P99Pause(f64),
    /// Peak RSS, bytes.
    Rss(f64),
}

impl Target {
    /// Parses `max-pause=2ms`, `p99-pause=500us`, `rss=200MB`.
    pub fn parse(s: &str) -> Result<Target, String> {
        let bad = || {
            format!("invalid --target '{s}': expected max-pause=2ms, p99-pause=1ms or rss=200MB")
        };
        let (k, v) = s.split_once('=').ok_or_else(bad)?;
        let ms = |v: &str| -> Result<f64, String> {
            let v = v.trim();
            let (n, scale) = if let Some(n) = v.strip_suffix("us") {
                (n, 1e-3)
            } else if let Some(n) = v.strip_suffix("ms") {
                (n, 1.0)
            } else if let Some(n) = v.strip_suffix('s') {
                (n, 1e3)
            } else {
                (v, 1.0)
            };
            n.trim()
                .parse::<f64>()
                .ok()
                .filter(|x| *x > 0.0)
                .map(|x| x * scale)
                .ok_or_else(bad)
        };
        match k.trim() {
            "max-pause" => Ok(Target::MaxPause(ms(v)?)),
            "p99-pause" => Ok(Target::P99Pause(ms(v)?)),
            "rss" => Ok(Target::Rss(parse_size(v).map_err(|_| bad())? as f64)),
            _ => Err(bad()),
        }
    }

    /// The measured value of a candidate (worst over its runs).
    pub fn value(&self, runs: &[&RunRecord]) -> f64 {
        let f = |r: &&RunRecord| match self {
            Target::MaxPause(_) => r.pause_max_ms,
            Target::P99Pause(_) => r.pause_p99_ms,
            Target::Rss(_) => r.peak_rss as f64,
        };
        runs.iter().map(f).fold(0.0, f64::max)
    }

    /// The limit.
    pub fn limit(&self) -> f64 {
        match *self {
            Target::MaxPause(x) | Target::P99Pause(x) | Target::Rss(x) => x,
        }
    }

    /// Formats a value of this target's unit.
    pub fn fmt(&self, v: f64) -> String {
        match self {
            Target::Rss(_) => crate::spec::human(v),
            _ => format!("{v:.3} ms"),
        }
    }
}

/// The values tried for each knob in the coarse grid.
pub const GRID: &[(&str, &[&str])] = &[
    ("nursery", &["256KB", "1MB", "4MB", "16MB"]),
    ("increment-step", &["256KB", "1MB", "8MB"]),
    ("threads", &["1", "2"]),
    ("growth", &["0.5", "2"]),
];

/// The coarse grid for a collector reading `supported` knobs.
pub fn coarse_grid(supported: &[String]) -> Vec<Knobs> {
    let axes: Vec<crate::spec::KnobAxis> = GRID
        .iter()
        .filter(|(k, _)| supported.iter().any(|s| s == k))
        .map(|(k, vs)| crate::spec::KnobAxis {
            key: k.to_string(),
            values: vs.iter().map(|v| v.to_string()).collect(),
        })
        .collect();
    crate::spec::knob_grid(&axes)
}

/// A knob's neighbours: sizes halved and doubled, numbers x0.5 and x2
/// (integers rounded, at least 1).
pub fn neighbours(k: &Knobs) -> Vec<Knobs> {
    let mut out = vec![];
    for (i, (key, v)) in k.iter().enumerate() {
        let alts: Vec<String> = if let Ok(n) = v.parse::<f64>() {
            if v.contains('.') {
                vec![format!("{}", n * 0.5), format!("{}", n * 2.0)]
            } else {
                let n = n as u64;
                vec![(n / 2).max(1).to_string(), (n * 2).to_string()]
            }
        } else if let Ok(b) = parse_size(v) {
            vec![fmt_size((b / 2).max(64 << 10)), fmt_size(b * 2)]
        } else {
            vec![]
        };
        for a in alts {
            if &a != v {
                let mut n = k.clone();
                n[i] = (key.clone(), a);
                if !out.contains(&n) {
                    out.push(n);
                }
            }
        }
    }
    out
}

/// Runs per candidate in the last halving rounds and the refinement.
pub const MAX_RUNS: usize = 4;

/// A candidate and its evidence.
#[derive(Clone, Debug)]
struct Cand {
    cell: Cell,
    runs: Vec<RunRecord>,
    stage: String,
}

impl Cand {
    fn ok_runs(&self) -> Vec<&RunRecord> {
        self.runs.iter().filter(|r| r.ok()).collect()
    }
    fn failed(&self) -> bool {
        self.runs.iter().any(|r| !r.ok())
    }
    fn reclaims(&self) -> bool {
        self.runs.iter().any(|r| r.freed > 0)
    }
}

/// Rank key: (misses target, badness), lower is better. Failed runs rank
/// last; infeasible candidates by how far they miss, feasible ones by the
/// objective.
fn rank(c: &Cand, t: &Target, by_rss: bool) -> (u8, f64) {
    let ok = c.ok_runs();
    if c.failed() || ok.is_empty() {
        return (2, f64::INFINITY);
    }
    let v = t.value(&ok);
    if v > t.limit() {
        return (1, v / t.limit());
    }
    let obj: Vec<f64> = ok
        .iter()
        .map(|r| if by_rss { r.peak_rss as f64 } else { r.wall_s })
        .collect();
    (0, Summary::of(&obj).map_or(f64::INFINITY, |s| s.mean))
}

fn sort(cands: &mut [Cand], t: &Target, by_rss: bool) {
    cands.sort_by(|a, b| {
        rank(a, t, by_rss)
            .partial_cmp(&rank(b, t, by_rss))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
}

struct Runner<'a> {
    e: Experiment,
    store: &'a Store,
    scratch: PathBuf,
    next_inv: BTreeMap<String, u32>,
    total: usize,
}

impl Runner<'_> {
    fn run(&mut self, c: &mut Cand, n: u32) {
        for _ in 0..n {
            let i = self.next_inv.entry(c.cell.key()).or_insert(0);
            let rec = matrix::run_cell(&self.e, &c.cell, *i, None, self.store, &self.scratch);
            *i += 1;
            self.total += 1;
            let _ = self.store.append(&rec);
            eprintln!(
                "  {:44} {:8} wall {:6.2}s max pause {:8.3}ms p99 {:8.3}ms rss {}",
                label(&c.cell),
                rec.status,
                rec.wall_s,
                rec.pause_max_ms,
                rec.pause_p99_ms,
                crate::spec::human(rec.peak_rss as f64)
            );
            c.runs.push(rec);
        }
    }
}

fn label(c: &Cell) -> String {
    if c.knobs.is_empty() {
        c.gc.clone()
    } else {
        format!("{} {}", c.gc, knobs_label(&c.knobs).replace(';', " "))
    }
}

/// Environment lines for a setting (names from `pygc --help-gc`).
pub fn env_lines(c: &Cell, env_names: &BTreeMap<String, String>) -> Vec<String> {
    let name = |k: &str| {
        env_names
            .get(k)
            .cloned()
            .unwrap_or_else(|| format!("PYGC_{}", k.to_ascii_uppercase().replace('-', "_")))
    };
    let mut v = vec![format!("{}={}", name("gc"), c.gc)];
    for (k, val) in &c.knobs {
        v.push(format!("{}={val}", name(k)));
    }
    v
}

fn help_env_names(pygc: &std::path::Path) -> BTreeMap<String, String> {
    std::process::Command::new(pygc)
        .arg("--help-gc")
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .filter(|l| l.starts_with("  "))
                .filter_map(|l| {
                    let mut w = l.split_whitespace();
                    Some((w.next()?.to_string(), w.next()?.to_string()))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Runs the tuner and prints its verdict.
pub fn main(a: &TuneArgs) -> Result<(), String> {
    let target = Target::parse(&a.target)?;
    let by_rss = match a.optimize.as_str() {
        "throughput" => false,
        "rss" => true,
        o => {
            return Err(format!(
                "invalid --optimize '{o}': expected throughput or rss"
            ))
        }
    };
    if !a.script.is_file() {
        return Err(format!("no such program: '{}'", a.script.display()));
    }
    let pygc = crate::pygc::resolve_pygc(a.pygc.as_deref())?;
    let all = crate::pygc::list_gcs(&pygc)?;
    let gcs = if a.gcs.is_empty() {
        all.clone()
    } else {
        a.gcs.clone()
    };
    if let Some(g) = gcs.iter().find(|g| !all.contains(g)) {
        return Err(format!(
            "unknown collector '{g}'; valid collectors: {}",
            all.join(", ")
        ));
    }
    let store = Store::open(&a.out)?;
    let scratch = matrix::scratch_dir(&a.out)?;
    let e = Experiment {
        programs: vec![a.script.clone()],
        gcs: gcs.clone(),
        heaps: vec![HeapSpec::Default],
        sets: vec![],
        invocations: 1,
        timeout: Duration::from_secs_f64(a.timeout.max(1.0)),
        pygc: pygc.clone(),
        out: a.out.clone(),
        seed: 1,
        minheap_from: vec![],
        log_pauses: false,
        retry_failed: false,
        shard: None,
        precision: 1.1,
        minheap_cache: a.out.join("minheap.json"),
    };
    // Invocation numbers continue after runs already in the directory.
    let mut next_inv = BTreeMap::new();
    for r in store.load()? {
        let n = next_inv.entry(r.cell_key()).or_insert(0u32);
        *n = (*n).max(r.invocation + 1);
    }
    let mut rn = Runner {
        e,
        store: &store,
        scratch: scratch.clone(),
        next_inv,
        total: 0,
    };
    let mut cands: Vec<Cand> = vec![];
    for g in &gcs {
        let sup = crate::pygc::collector_knobs(&pygc, g, &scratch)?;
        for k in coarse_grid(&sup) {
            cands.push(Cand {
                cell: Cell {
                    program: a.script.clone(),
                    gc: g.clone(),
                    heap: HeapSpec::Default,
                    knobs: k,
                },
                runs: vec![],
                stage: "coarse".into(),
            });
        }
    }
    eprintln!(
        "tune: {} coarse candidates over {}",
        cands.len(),
        gcs.join(", ")
    );
    let mut out: Vec<Cand> = vec![];
    let mut alive = cands;
    let mut round = 0;
    loop {
        // Each round doubles the runs per candidate, capped at MAX_RUNS.
        let want = (1usize << round).min(MAX_RUNS);
        eprintln!(
            "tune: round {round}: {} candidates, {want} run(s) each",
            alive.len()
        );
        for c in alive.iter_mut() {
            let more = want.saturating_sub(c.runs.len()) as u32;
            rn.run(c, more);
        }
        let (keep, skip): (Vec<Cand>, Vec<Cand>) = alive
            .into_iter()
            .partition(|c| a.allow_no_reclaim || c.ok_runs().is_empty() || c.reclaims());
        for mut c in skip {
            c.stage = "skipped: frees no memory".into();
            out.push(c);
        }
        alive = keep;
        sort(&mut alive, &target, by_rss);
        if alive.len() <= 2 {
            break;
        }
        let half = alive.len().div_ceil(2).max(2);
        for mut c in alive.split_off(half) {
            c.stage = format!("dropped in round {round}");
            out.push(c);
        }
        round += 1;
    }
    let mut best = match alive.first() {
        Some(c) if !c.ok_runs().is_empty() => c.clone(),
        _ => {
            out.append(&mut alive);
            print_table(&out, &target, by_rss);
            let first_error = out
                .iter()
                .flat_map(|c| c.runs.iter())
                .find(|r| !r.ok())
                .map(|r| format!("; first failure: {} {}", r.status, r.error))
                .unwrap_or_default();
            return Err(format!(
                "no setting can be evaluated: every candidate was skipped or failed{first_error}"
            ));
        }
    };
    let runs_each = best.runs.len() as u32;
    // Refine: neighbours of the best, one knob at a time.
    let mut tried: Vec<Knobs> = alive
        .iter()
        .chain(out.iter())
        .map(|c| c.cell.knobs.clone())
        .collect();
    let mut improved = true;
    let mut steps = 0;
    while improved && steps < 3 {
        improved = false;
        steps += 1;
        for k in neighbours(&best.cell.knobs) {
            if tried.contains(&k) {
                continue;
            }
            tried.push(k.clone());
            let mut c = Cand {
                cell: Cell {
                    knobs: k,
                    ..best.cell.clone()
                },
                runs: vec![],
                stage: format!("refine {steps}"),
            };
            rn.run(&mut c, runs_each);
            if rank(&c, &target, by_rss) < rank(&best, &target, by_rss) {
                improved = true;
                let mut old = std::mem::replace(&mut best, c);
                old.stage = format!("{} (beaten in refinement)", old.stage);
                out.push(old);
            } else {
                out.push(c);
            }
        }
    }
    for c in alive.into_iter().skip(1) {
        out.push(Cand {
            stage: format!("{} (finalist)", c.stage),
            ..c
        });
    }
    // Confirm with fresh invocations.
    let mut confirm = Cand {
        cell: best.cell.clone(),
        runs: vec![],
        stage: "confirmation".into(),
    };
    rn.run(&mut confirm, a.confirm.max(1));
    best.stage = format!("{} -> best", best.stage);
    out.push(best.clone());
    out.push(confirm.clone());
    let _ = std::fs::remove_dir_all(&scratch);
    store.export()?;
    print_table(&out, &target, by_rss);
    let feasible = rank(&best, &target, by_rss).0 == 0;
    let confirmed = rank(&confirm, &target, by_rss).0 == 0;
    let env = help_env_names(&pygc);
    println!();
    if feasible {
        println!(
            "Best setting for {} under {} (optimising {}), {} runs in all:",
            a.script.display(),
            a.target,
            a.optimize,
            rn.total
        );
    } else {
        println!(
            "NO SETTING MEETS THE TARGET {}: the closest is below ({} = {}).",
            a.target,
            a.target.split('=').next().unwrap_or(""),
            target.fmt(target.value(&best.ok_runs()))
        );
    }
    for l in env_lines(&best.cell, &env) {
        println!("{l}");
    }
    let flags: Vec<String> = best
        .cell
        .knobs
        .iter()
        .map(|(k, v)| format!("--gc-opt {k}={v}"))
        .collect();
    println!("# or: pygc --gc={} {}", best.cell.gc, flags.join(" "));
    println!(
        "# confirmation: {} fresh runs, worst {} = {} ({})",
        confirm.runs.len(),
        a.target.split('=').next().unwrap_or(""),
        target.fmt(target.value(&confirm.ok_runs())),
        if confirmed {
            "meets the target"
        } else {
            "DOES NOT meet the target"
        }
    );
    if let Some(line) = runner_up_note(&best, &out, &target, by_rss) {
        println!("{line}");
    }
    println!("# evidence: {}/runs.csv", a.out.display());
    Ok(())
}

/// Whether the best is significantly better than the runner-up (Welch's
/// t-test on the objective), so a reader knows if the pick is noise.
fn runner_up_note(best: &Cand, all: &[Cand], t: &Target, by_rss: bool) -> Option<String> {
    let obj = |c: &Cand| {
        let v: Vec<f64> = c
            .ok_runs()
            .iter()
            .map(|r| if by_rss { r.peak_rss as f64 } else { r.wall_s })
            .collect();
        Summary::of(&v)
    };
    let mut rivals: Vec<&Cand> = all
        .iter()
        .filter(|c| c.cell != best.cell && rank(c, t, by_rss).0 == 0)
        .collect();
    rivals.sort_by(|a, b| {
        rank(a, t, by_rss)
            .partial_cmp(&rank(b, t, by_rss))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let r = rivals.first()?;
    let p = crate::stats::welch_p(&obj(best)?, &obj(r)?);
    Some(format!(
        "# runner-up {}: the difference is {} (Welch's t-test p = {p:.3})",
        label(&r.cell),
        if p < 0.05 {
            "significant"
        } else {
            "NOT significant; either is a fine choice"
        }
    ))
}

fn print_table(cands: &[Cand], t: &Target, by_rss: bool) {
    println!(
        "{:46} {:>4} {:>10} {:>12} {:>12} {:>10} {:>6}  stage",
        "candidate", "runs", "wall s", "max pause", "p99 pause", "peak RSS", "meets"
    );
    let mut v: Vec<&Cand> = cands.iter().collect();
    v.sort_by(|a, b| {
        rank(a, t, by_rss)
            .partial_cmp(&rank(b, t, by_rss))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    for c in v {
        let ok = c.ok_runs();
        let wall = Summary::of(&ok.iter().map(|r| r.wall_s).collect::<Vec<_>>());
        let max = ok.iter().map(|r| r.pause_max_ms).fold(0.0, f64::max);
        let p99 = ok.iter().map(|r| r.pause_p99_ms).fold(0.0, f64::max);
        let rss = ok.iter().map(|r| r.peak_rss as f64).fold(0.0, f64::max);
        let meets = match rank(c, t, by_rss).0 {
            0 => "yes",
            1 => "no",
            _ => "fail",
        };
        println!(
            "{:46} {:>4} {:>10} {:>10.3}ms {:>10.3}ms {:>10} {:>6}  {}",
            label(&c.cell),
            c.runs.len(),
            wall.map_or("-".into(), |w| format!("{:.3}", w.mean)),
            max,
            p99,
            crate::spec::human(rss),
            meets,
            c.stage
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        assert_eq!(
            Target::parse("max-pause=2ms").unwrap(),
            Target::MaxPause(2.0)
        );
        assert_eq!(
            Target::parse("p99-pause=500us").unwrap(),
            Target::P99Pause(0.5)
        );
        assert_eq!(Target::parse("rss=1MB").unwrap(), Target::Rss(1048576.0));
        assert!(Target::parse("latency=2")
            .unwrap_err()
            .contains("'latency=2'"));
    }

    #[test]
    fn grid_and_neighbours() {
        let g = coarse_grid(&["nursery".into(), "threads".into(), "verify".into()]);
        assert_eq!(g.len(), 8);
        let n = neighbours(&vec![
            ("nursery".into(), "1MB".into()),
            ("growth".into(), "0.5".into()),
            ("threads".into(), "2".into()),
        ]);
        let labels: Vec<String> = n.iter().map(knobs_label).collect();
        assert!(
            labels.contains(&"nursery=512KB;growth=0.5;threads=2".to_string()),
            "{labels:?}"
        );
        assert!(
            labels.contains(&"nursery=1MB;growth=1;threads=2".to_string()),
            "{labels:?}"
        );
        assert!(
            labels.contains(&"nursery=1MB;growth=0.5;threads=1".to_string()),
            "{labels:?}"
        );
        assert_eq!(n.len(), 6);
    }

    fn cand(max_pause: f64, wall: f64, status: &str) -> Cand {
        Cand {
            cell: Cell {
                program: "p.py".into(),
                gc: "g".into(),
                heap: HeapSpec::Default,
                knobs: vec![],
            },
            runs: vec![RunRecord {
                status: status.into(),
                pause_max_ms: max_pause,
                wall_s: wall,
                freed: 1,
                ..Default::default()
            }],
            stage: String::new(),
        }
    }

    #[test]
    fn ranking_prefers_feasible_then_fast() {
        let t = Target::MaxPause(2.0);
        let mut v = vec![
            cand(5.0, 1.0, "ok"),
            cand(1.0, 3.0, "ok"),
            cand(1.5, 2.0, "ok"),
            cand(0.1, 0.1, "timeout"),
            cand(3.0, 9.0, "ok"),
        ];
        sort(&mut v, &t, false);
        let order: Vec<(f64, f64)> = v
            .iter()
            .map(|c| (c.runs[0].pause_max_ms, c.runs[0].wall_s))
            .collect();
        assert_eq!(
            order,
            vec![(1.5, 2.0), (1.0, 3.0), (3.0, 9.0), (5.0, 1.0), (0.1, 0.1)]
        );
    }
}
