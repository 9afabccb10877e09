//! The report page: inline CSS and SVG, no scripts, nothing fetched.

use super::{geo_row, Figure, ProgramStats};
use crate::spec::human;
use crate::store::RunRecord;

/// Escapes text for HTML.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const CSS: &str = "body{font-family:sans-serif;margin:2em;max-width:1400px;color:#222}
table{border-collapse:collapse;margin:1em 0;font-size:13px}
th,td{border:1px solid #bbb;padding:3px 7px;text-align:right}
th:first-child,td:first-child{text-align:left}
th{background:#eee}td.best{font-weight:bold;background:#e6f4ea}
span.ns{color:#a15c00;font-size:11px;margin-left:4px}
td.fail{color:#b00}figure{display:inline-block;margin:.5em;vertical-align:top}
figcaption{font-size:12px;max-width:620px;color:#555}
.note{color:#555;font-size:13px;max-width:1000px}";

fn pct(x: f64) -> String {
    if x.is_finite() {
        format!("{:+.1}%", x * 100.0)
    } else {
        "-".into()
    }
}

fn figure(f: &Figure) -> String {
    format!(
        "<figure id=\"fig-{}\">{}<figcaption>{} <i>({}.svg)</i></figcaption></figure>\n",
        esc(&f.stem),
        f.svg
            .trim_start_matches("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
        esc(&f.caption),
        esc(&f.stem)
    )
}

fn summary_table(progs: &[ProgramStats], series: &[String], heaps: &[String]) -> String {
    let mut t = String::from(
        "<table id=\"summary\"><tr><th>collector</th><th>heap</th><th>programs</th>\
         <th>geomean time / baseline</th><th>geomean CPU / baseline</th>\
         <th>geomean peak RSS</th><th>failed runs</th></tr>\n",
    );
    for s in series {
        for h in heaps {
            let (n, tw, tc, rss, fails) = geo_row(progs, s, h);
            if n == 0 && fails == 0 {
                continue;
            }
            t += &format!(
                "<tr><td>{}</td><td>{}</td><td>{n}/{}</td><td>{}</td><td>{}</td><td>{}</td><td>{fails}</td></tr>\n",
                esc(s),
                esc(h),
                progs.len(),
                if tw.is_finite() { format!("{tw:.3}") } else { "-".into() },
                if tc.is_finite() { format!("{tc:.3}") } else { "-".into() },
                if rss.is_finite() { human(rss) } else { "-".into() },
            );
        }
    }
    t + "</table>\n"
}

fn program_table(p: &ProgramStats) -> String {
    let mut t = format!(
        "<table class=\"prog\" id=\"table-{}\"><tr><th>collector</th>",
        esc(&p.name)
    );
    for h in &p.heaps {
        t += &format!("<th>{}</th>", esc(h));
    }
    t += "</tr>\n";
    for s in &p.series {
        t += &format!("<tr><td>{}</td>", esc(s));
        for h in &p.heaps {
            let Some(c) = p.cells.get(&(s.clone(), h.clone())) else {
                t += "<td>-</td>";
                continue;
            };
            let fails: Vec<String> = c
                .failures
                .iter()
                .map(|(k, n)| format!("{k} &times;{n}"))
                .collect();
            match c.wall {
                Some(w) => {
                    let ci = w.ci95();
                    let ns = if !c.best && c.p_vs_best >= 0.05 {
                        format!(
                            "<span class=\"ns\" title=\"Welch p = {:.2} vs best\">n.s.</span>",
                            c.p_vs_best
                        )
                    } else {
                        String::new()
                    };
                    t += &format!(
                        "<td class=\"{}\">{:.3} &plusmn; {} s{ns}<br><small>LBO {} &middot; RSS {} &middot; p99 {:.2} ms{}</small></td>",
                        if c.best { "best" } else { "" },
                        w.mean,
                        if ci.is_finite() { format!("{ci:.3}") } else { "?".into() },
                        pct(c.lbo_wall),
                        c.rss.map_or("-".into(), |r| human(r.mean)),
                        c.p99.map_or(0.0, |x| x.mean),
                        if fails.is_empty() { String::new() } else { format!(" &middot; {}", fails.join(", ")) }
                    );
                }
                None => t += &format!("<td class=\"fail\">{}</td>", fails.join(", ")),
            }
        }
        t += "</tr>\n";
    }
    t + "</table>\n"
}

/// The whole page.
pub fn page(
    runs: &[RunRecord],
    progs: &[ProgramStats],
    series: &[String],
    heaps: &[String],
    summary: &Figure,
    figs: &[(String, Vec<Figure>)],
) -> String {
    let ok = runs.iter().filter(|r| r.ok()).count();
    let reported = runs.iter().any(|r| r.gc_work_reported);
    let mut h = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>pygc-lab report</title><style>{CSS}</style></head><body>\n\
         <h1>pygc-lab report</h1>\n<p class=\"note\" id=\"counts\">{} runs ({ok} ok), {} programs, {} collector settings, heap settings {}.</p>\n",
        runs.len(),
        progs.len(),
        series.len(),
        esc(&heaps.join(", "))
    );
    h += "<p class=\"note\">Cells show the mean wall time &plusmn; the half-width of its 95 % confidence interval (Student t). \
          The best mean per program and heap is bold; <span class=\"ns\">n.s.</span> marks a collector whose \
          difference from the best is not significant (Welch's t-test, p &ge; 0.05). LBO is the lower-bound \
          overhead of Cai et al. (ISPASS 2022): mean time / baseline - 1, where a program's baseline is the smallest \
          GC-free cost (time minus pauses and mutator GC work) over all its runs, nogc included where it fit.";
    if !reported {
        h += " pygc reported no <code>mutator_gc_work</code> / <code>gc_threads_cpu</code> in these runs: they count as 0.";
    }
    h += "</p>\n<h2>Summary</h2>\n";
    h += &summary_table(progs, series, heaps);
    h += &figure(summary);
    for (p, (name, fs)) in progs.iter().zip(figs) {
        h += &format!(
            "<h2 id=\"prog-{}\">{}</h2>\n<p class=\"note\">baseline {:.3} s wall, {:.3} s CPU; minimum heap {}</p>\n",
            esc(name),
            esc(name),
            p.baseline.0,
            p.baseline.1,
            if p.min_heap > 0 { human(p.min_heap as f64) } else { "-".into() }
        );
        h += &program_table(p);
        for f in fs {
            h += &figure(f);
        }
    }
    h + "</body></html>\n"
}
