//! `pygc-lab report DIR -o FILE.html`: one self-contained HTML page (inline
//! SVG, inline CSS, no scripts, nothing fetched) and the same figures as
//! standalone SVG files.
//!
//! Significance: a cell is marked "n.s." when Welch's t-test (5 % level)
//! cannot tell its mean wall time from the best collector's at the same
//! program and heap setting.

pub mod figures;
mod html;

use crate::runner::mmu_curve;
use crate::stats::{self, Summary};
use crate::store::{RunRecord, Store};
use figures::{Axes, Series};
use std::collections::BTreeMap;
use std::path::Path;

/// One cell's statistics.
#[derive(Clone, Debug)]
pub struct CellStats {
    /// Series (collector plus knobs).
    pub series: String,
    /// Heap label.
    pub heap: String,
    /// Successful runs.
    pub ok: usize,
    /// Failed runs by status (`oom x2`, ...).
    pub failures: BTreeMap<String, usize>,
    /// Wall time, s.
    pub wall: Option<Summary>,
    /// CPU time, s.
    pub cpu: Option<Summary>,
    /// Peak RSS, bytes.
    pub rss: Option<Summary>,
    /// p99 pause, ms.
    pub p99: Option<Summary>,
    /// Longest pause over the runs, ms.
    pub max_pause: f64,
    /// GC share of wall time (pauses + mutator GC work), mean.
    pub gc_share: f64,
    /// Lower-bound overhead (wall), fraction.
    pub lbo_wall: f64,
    /// Lower-bound overhead (CPU), fraction.
    pub lbo_cpu: f64,
    /// Welch p-value against the best series at this program and heap.
    pub p_vs_best: f64,
    /// Is this the best (lowest mean wall) at this program and heap?
    pub best: bool,
}

/// One program's results.
#[derive(Clone, Debug)]
pub struct ProgramStats {
    /// Name.
    pub name: String,
    /// Heap labels in axis order.
    pub heaps: Vec<String>,
    /// Series in order.
    pub series: Vec<String>,
    /// (series, heap) -> stats.
    pub cells: BTreeMap<(String, String), CellStats>,
    /// Baseline GC-free wall and CPU cost, s.
    pub baseline: (f64, f64),
    /// Minimum heap used for multiples, bytes (0 = none).
    pub min_heap: u64,
}

/// A series' name: the collector, plus its knobs.
pub fn series_of(r: &RunRecord) -> String {
    if r.knobs.is_empty() {
        r.collector.clone()
    } else {
        format!("{} [{}]", r.collector, r.knobs)
    }
}

fn heap_order(runs: &[&RunRecord], label: &str) -> (u8, f64) {
    match runs.iter().find(|r| r.heap == label) {
        Some(r) if r.heap_multiple > 0.0 => (0, r.heap_multiple),
        Some(r) if r.max_heap > 0 && label != "default" => (1, r.max_heap as f64),
        _ => (2, 0.0),
    }
}

fn summary(runs: &[&RunRecord], f: impl Fn(&RunRecord) -> f64) -> Option<Summary> {
    let v: Vec<f64> = runs
        .iter()
        .map(|r| f(r))
        .filter(|x| x.is_finite())
        .collect();
    Summary::of(&v)
}

/// A program's baselines (wall, CPU): the smallest mean GC-free cost over
/// its cells (collector, knobs, heap), from successful runs only. Means per
/// cell, not single runs, so one lucky run on a noisy machine does not set
/// the baseline. GC pauses are wall-clock: on a loaded machine a cell's CPU
/// minus pauses can be <= 0; such a cell gives no CPU baseline.
pub fn baselines(runs: &[&RunRecord]) -> (f64, f64) {
    let mut cells: BTreeMap<String, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
    for r in runs.iter().filter(|r| r.ok()) {
        let e = cells.entry(r.cell_key()).or_default();
        e.0.push(r.gc_free_wall());
        e.1.push(r.gc_free_cpu());
    }
    let mean = |v: &[f64]| Summary::of(v).map_or(f64::INFINITY, |s| s.mean);
    let w = cells
        .values()
        .map(|c| mean(&c.0))
        .fold(f64::INFINITY, f64::min);
    let c = cells
        .values()
        .map(|c| mean(&c.1))
        .filter(|x| *x > 0.0)
        .fold(f64::INFINITY, f64::min);
    (w, c)
}

/// Aggregates a program's runs.
pub fn program_stats(name: &str, runs: &[&RunRecord]) -> ProgramStats {
    let mut heaps: Vec<String> = runs.iter().map(|r| r.heap.clone()).collect();
    heaps.sort();
    heaps.dedup();
    heaps.sort_by(|a, b| {
        heap_order(runs, a)
            .partial_cmp(&heap_order(runs, b))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut series: Vec<String> = runs.iter().map(|r| series_of(r)).collect();
    series.sort();
    series.dedup();
    let (base_wall, base_cpu) = baselines(runs);
    let mut cells = BTreeMap::new();
    for s in &series {
        for h in &heaps {
            let all: Vec<&RunRecord> = runs
                .iter()
                .filter(|r| &series_of(r) == s && &r.heap == h)
                .copied()
                .collect();
            if all.is_empty() {
                continue;
            }
            let good: Vec<&RunRecord> = all.iter().filter(|r| r.ok()).copied().collect();
            let mut failures = BTreeMap::new();
            for r in all.iter().filter(|r| !r.ok()) {
                *failures.entry(r.status.clone()).or_insert(0) += 1;
            }
            let wall = summary(&good, |r| r.wall_s);
            let cpu = summary(&good, RunRecord::cpu_s);
            cells.insert(
                (s.clone(), h.clone()),
                CellStats {
                    series: s.clone(),
                    heap: h.clone(),
                    ok: good.len(),
                    failures,
                    wall,
                    cpu,
                    rss: summary(&good, |r| r.peak_rss as f64),
                    p99: summary(&good, |r| r.pause_p99_ms),
                    max_pause: good.iter().map(|r| r.pause_max_ms).fold(0.0, f64::max),
                    gc_share: summary(&good, |r| {
                        (r.gc_pause_s + r.mutator_gc_work_s) / r.wall_s.max(1e-9)
                    })
                    .map_or(f64::NAN, |s| s.mean),
                    lbo_wall: wall.map_or(f64::NAN, |w| w.mean / base_wall - 1.0),
                    lbo_cpu: cpu.map_or(f64::NAN, |c| c.mean / base_cpu - 1.0),
                    p_vs_best: f64::NAN,
                    best: false,
                },
            );
        }
    }
    for h in &heaps {
        let best = series
            .iter()
            .filter_map(|s| cells.get(&(s.clone(), h.clone())))
            .filter_map(|c| c.wall.map(|w| (c.series.clone(), w)))
            .min_by(|a, b| {
                a.1.mean
                    .partial_cmp(&b.1.mean)
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
        if let Some((bs, bw)) = best {
            for s in &series {
                if let Some(c) = cells.get_mut(&(s.clone(), h.clone())) {
                    c.best = *s == bs;
                    if let Some(w) = c.wall {
                        c.p_vs_best = stats::welch_p(&w, &bw);
                    }
                }
            }
        }
    }
    ProgramStats {
        name: name.to_string(),
        heaps,
        series,
        cells,
        baseline: (base_wall, base_cpu),
        min_heap: runs.iter().map(|r| r.min_heap).max().unwrap_or(0),
    }
}

/// Geometric means over programs for one series and heap: (programs,
/// time / baseline wall, CPU / baseline CPU, peak RSS bytes, failures).
pub fn geo_row(progs: &[ProgramStats], series: &str, heap: &str) -> (usize, f64, f64, f64, usize) {
    let mut t = vec![];
    let mut c = vec![];
    let mut m = vec![];
    let mut fails = 0;
    for p in progs {
        if let Some(cell) = p.cells.get(&(series.to_string(), heap.to_string())) {
            fails += cell.failures.values().sum::<usize>();
            if cell.wall.is_some() {
                t.push(cell.lbo_wall + 1.0);
                c.push(cell.lbo_cpu + 1.0);
                m.push(cell.rss.map_or(f64::NAN, |s| s.mean));
            }
        }
    }
    let g = |v: &[f64]| stats::geomean(v).unwrap_or(f64::NAN);
    (t.len(), g(&t), g(&c), g(&m), fails)
}

/// A figure: file stem, caption and SVG.
pub struct Figure {
    /// File stem of the standalone SVG.
    pub stem: String,
    /// Caption.
    pub caption: String,
    /// SVG text.
    pub svg: String,
}

fn cat_series(p: &ProgramStats, f: impl Fn(&CellStats) -> Option<(f64, f64, f64)>) -> Vec<Series> {
    p.series
        .iter()
        .map(|s| Series {
            label: s.clone(),
            points: p
                .heaps
                .iter()
                .enumerate()
                .filter_map(|(i, h)| {
                    let c = p.cells.get(&(s.clone(), h.clone()))?;
                    let (y, lo, hi) = f(c)?;
                    Some((i as f64, y, lo, hi))
                })
                .collect(),
        })
        .filter(|s| !s.points.is_empty())
        .collect()
}

fn cat_axes(p: &ProgramStats, title: &str, y: &str) -> Axes {
    Axes {
        title: format!("{}: {title}", p.name),
        x_desc: if p.min_heap > 0 {
            format!(
                "heap size (min heap {})",
                crate::spec::human(p.min_heap as f64)
            )
        } else {
            "heap size".into()
        },
        y_desc: y.into(),
        x_log: false,
        x_categories: p.heaps.clone(),
        y_from_zero: true,
    }
}

/// The reference heap for pause CDFs and MMU curves: the middle setting.
fn ref_heap(p: &ProgramStats) -> String {
    p.heaps[p.heaps.len() / 2].clone()
}

/// The program's four figures.
pub fn program_figures(
    p: &ProgramStats,
    runs: &[&RunRecord],
    store: &Store,
) -> Result<Vec<Figure>, String> {
    let size = (620, 380);
    let mut v = vec![];
    let time = cat_series(p, |c| {
        let w = c.wall?;
        let (lo, hi) = w.interval();
        Some((w.mean, lo, hi))
    });
    v.push(Figure {
        stem: format!("{}-time", p.name),
        caption: format!("{}: wall time vs heap size, mean and 95 % CI", p.name),
        svg: figures::line_chart(&time, &cat_axes(p, "wall time", "seconds"), size)?,
    });
    let rss = cat_series(p, |c| {
        let r = c.rss?;
        let (lo, hi) = r.interval();
        Some((r.mean / 1048576.0, lo / 1048576.0, hi / 1048576.0))
    });
    v.push(Figure {
        stem: format!("{}-rss", p.name),
        caption: format!("{}: peak RSS vs heap size, mean and 95 % CI", p.name),
        svg: figures::line_chart(&rss, &cat_axes(p, "peak RSS", "MB"), size)?,
    });
    let h = ref_heap(p);
    let mut cdf = vec![];
    let mut mmu = vec![];
    for s in &p.series {
        let rs: Vec<&&RunRecord> = runs
            .iter()
            .filter(|r| r.ok() && r.heap == h && &series_of(r) == s)
            .collect();
        let evs: Vec<_> = rs.iter().map(|r| store.events(&r.run_id)).collect();
        let mut pauses: Vec<f64> = evs
            .iter()
            .flat_map(|e| e.pauses.iter().map(|p| p.1 as f64 / 1e6))
            .collect();
        pauses.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
        if !pauses.is_empty() {
            let n = pauses.len();
            let step = n.div_ceil(300).max(1);
            let mut pts: Vec<(f64, f64, f64, f64)> = (0..n)
                .step_by(step)
                .map(|i| (pauses[i].max(1e-3), (i + 1) as f64 / n as f64, 0.0, 0.0))
                .collect();
            pts.push((pauses[n - 1].max(1e-3), 1.0, 0.0, 0.0));
            for q in &mut pts {
                (q.2, q.3) = (q.1, q.1);
            }
            cdf.push(Series {
                label: format!("{s} ({n})"),
                points: pts,
            });
        }
        let curves: Vec<Vec<f64>> = evs.iter().filter(|e| e.run_ns > 0).map(mmu_curve).collect();
        if !curves.is_empty() {
            let points = stats::MMU_WINDOWS_NS
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let ys: Vec<f64> = curves
                        .iter()
                        .map(|c| c[i])
                        .filter(|y| y.is_finite())
                        .collect();
                    let s = Summary::of(&ys);
                    let m = s.map_or(f64::NAN, |s| s.mean);
                    (*w as f64 / 1e6, m, m, m)
                })
                .filter(|p| p.1.is_finite())
                .collect();
            mmu.push(Series {
                label: s.clone(),
                points,
            });
        }
    }
    let axes = |title: &str, x: &str, y: &str| Axes {
        title: format!("{}: {title} (heap {h})", p.name),
        x_desc: x.into(),
        y_desc: y.into(),
        x_log: true,
        x_categories: vec![],
        y_from_zero: true,
    };
    v.push(Figure {
        stem: format!("{}-pauses", p.name),
        caption: format!(
            "{}: pause-time CDF over all invocations at heap {h} (pauses in legend)",
            p.name
        ),
        svg: figures::line_chart(
            &cdf,
            &axes("pause CDF", "pause (ms, log)", "fraction of pauses <= x"),
            size,
        )?,
    });
    v.push(Figure {
        stem: format!("{}-mmu", p.name),
        caption: format!(
            "{}: minimum mutator utilisation at heap {h}, mean over invocations",
            p.name
        ),
        svg: figures::line_chart(&mmu, &axes("MMU", "window (ms, log)", "MMU"), size)?,
    });
    Ok(v)
}

/// The summary figure: geometric-mean lower-bound overhead per series vs
/// heap setting (heaps common to the programs, in the first program's order).
pub fn summary_figure(
    progs: &[ProgramStats],
    series: &[String],
    heaps: &[String],
) -> Result<Figure, String> {
    let s: Vec<Series> = series
        .iter()
        .map(|s| Series {
            label: s.clone(),
            points: heaps
                .iter()
                .enumerate()
                .filter_map(|(i, h)| {
                    let (n, t, _, _, _) = geo_row(progs, s, h);
                    (n > 0 && t.is_finite()).then_some((i as f64, (t - 1.0) * 100.0, 0.0, 0.0))
                })
                .map(|p| (p.0, p.1, p.1, p.1))
                .collect(),
        })
        .filter(|s| !s.points.is_empty())
        .collect();
    let ax = Axes {
        title: "Lower-bound GC overhead, geometric mean over programs".into(),
        x_desc: "heap size (multiple of the minimum heap)".into(),
        y_desc: "overhead over baseline (%)".into(),
        x_log: false,
        x_categories: heaps.to_vec(),
        y_from_zero: true,
    };
    Ok(Figure {
        stem: "summary-overhead".into(),
        caption: "Geometric mean over programs of wall time / baseline - 1 (Cai et al. lower-bound overhead); each series over the programs it completed".into(),
        svg: figures::line_chart(&s, &ax, (720, 420))?,
    })
}

/// Writes the report; returns the number of runs.
pub fn write(dir: &Path, html_path: &Path, svg_dir: &Path) -> Result<usize, String> {
    let store = Store {
        dir: dir.to_path_buf(),
    };
    let runs = store.load()?;
    if runs.is_empty() {
        return Err(format!("no runs in '{}'", dir.display()));
    }
    let mut by_prog: BTreeMap<String, Vec<&RunRecord>> = BTreeMap::new();
    for r in &runs {
        by_prog.entry(r.program.clone()).or_default().push(r);
    }
    let progs: Vec<ProgramStats> = by_prog.iter().map(|(n, rs)| program_stats(n, rs)).collect();
    let mut series: Vec<String> = progs.iter().flat_map(|p| p.series.clone()).collect();
    series.sort();
    series.dedup();
    let all_refs: Vec<&RunRecord> = runs.iter().collect();
    let heaps = program_stats("all", &all_refs).heaps;
    std::fs::create_dir_all(svg_dir)
        .map_err(|e| format!("cannot create '{}': {e}", svg_dir.display()))?;
    let summary = summary_figure(&progs, &series, &heaps)?;
    let mut figs: Vec<(String, Vec<Figure>)> = vec![];
    for p in &progs {
        figs.push((
            p.name.clone(),
            program_figures(p, &by_prog[&p.name], &store)?,
        ));
    }
    for f in std::iter::once(&summary).chain(figs.iter().flat_map(|(_, v)| v.iter())) {
        let path = svg_dir.join(format!("{}.svg", f.stem));
        std::fs::write(&path, &f.svg)
            .map_err(|e| format!("cannot write '{}': {e}", path.display()))?;
    }
    let page = html::page(&runs, &progs, &series, &heaps, &summary, &figs);
    std::fs::write(html_path, page)
        .map_err(|e| format!("cannot write '{}': {e}", html_path.display()))?;
    Ok(runs.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(gc: &str, heap: &str, wall: f64, pause: f64, status: &str) -> RunRecord {
        RunRecord {
            run_id: format!("{gc}{heap}{wall}"),
            program: "p".into(),
            collector: gc.into(),
            heap: heap.into(),
            status: status.into(),
            wall_s: wall,
            user_s: wall,
            gc_pause_s: pause,
            ..Default::default()
        }
    }

    #[test]
    fn lower_bound_overhead_uses_the_best_gc_free_cell_mean() {
        let runs = [
            // gc-free costs: a = 8, 10 (mean 9); b = 9.5, 9.5; nogc = 9.2 but
            // failed (does not fit): ignored.
            run("a", "2x", 10.0, 2.0, "ok"),
            run("a", "2x", 12.0, 2.0, "ok"),
            run("b", "2x", 10.0, 0.5, "ok"),
            run("b", "2x", 10.0, 0.5, "ok"),
            run("nogc", "2x", 9.2, 0.0, "oom"),
        ];
        let refs: Vec<&RunRecord> = runs.iter().collect();
        let (w, c) = baselines(&refs);
        assert!((w - 9.0).abs() < 1e-9 && (c - 9.0).abs() < 1e-9, "{w} {c}");
        let p = program_stats("p", &refs);
        let a = &p.cells[&("a".to_string(), "2x".to_string())];
        assert!((a.lbo_wall - (11.0 / 9.0 - 1.0)).abs() < 1e-9);
        let b = &p.cells[&("b".to_string(), "2x".to_string())];
        assert!((b.lbo_wall - (10.0 / 9.0 - 1.0)).abs() < 1e-9);
        assert!(b.best && !a.best);
        assert_eq!(
            p.cells[&("nogc".to_string(), "2x".to_string())].failures["oom"],
            1
        );
    }
}
