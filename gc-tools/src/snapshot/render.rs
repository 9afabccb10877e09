//! Text reports: `pygc-heap summary`, `diff` and `path`.

use super::analysis::diff;
use super::{Frame, Snapshot};
use std::collections::HashMap;
use std::fmt::Write as _;

/// Human-readable byte count.
pub fn human(b: u64) -> String {
    let mut x = b as f64;
    for unit in ["B", "KB", "MB", "GB"] {
        if x < 1024.0 || unit == "GB" {
            return if unit == "B" {
                format!("{b}B")
            } else {
                format!("{x:.1}{unit}")
            };
        }
        x /= 1024.0;
    }
    unreachable!("the loop returns at GB")
}

/// Signed human-readable byte count (`+1.2MB`, `-96B`).
pub fn signed(d: i64) -> String {
    let sign = if d >= 0 { "+" } else { "-" };
    format!("{sign}{}", human(d.unsigned_abs()))
}

/// Per allocation site (its frames): objects and heap + raw bytes.
pub fn site_totals(s: &Snapshot, pick: impl Fn(u32) -> bool) -> HashMap<Vec<Frame>, (u64, u64)> {
    let mut m: HashMap<Vec<Frame>, (u64, u64)> = HashMap::new();
    for i in 0..s.len() as u32 {
        if let Some(site) = s.site(i) {
            if pick(i) {
                let e = m.entry(site.to_vec()).or_default();
                e.0 += 1;
                e.1 += s.sizes[i as usize] + s.raw[i as usize];
            }
        }
    }
    m
}

/// Writes a site as `file:line func` lines, innermost first, indented.
pub fn write_site(out: &mut String, frames: &[Frame], indent: &str, max: usize) {
    for (k, f) in frames.iter().take(max).enumerate() {
        let lead = if k == 0 { "" } else { "called from " };
        let _ = writeln!(out, "{indent}{lead}{f}");
    }
}

/// The `summary` report: totals and the top `top` types.
pub fn render_summary(s: &Snapshot, top: usize) -> String {
    let mut out = String::new();
    let dom = s.dom();
    let _ = writeln!(
        out,
        "{} objects, {} in the GC heap + {} raw (collector {})",
        s.len(),
        human(s.total_bytes()),
        human(s.total_raw()),
        s.collector
    );
    let dead = dom.idom.iter().filter(|&&d| d == u32::MAX).count();
    if dead > 0 {
        let _ = writeln!(
            out,
            "{dead} of them unreachable from the roots (retained 0; the collector left them)"
        );
    }
    let _ = writeln!(
        out,
        "{:>10} {:>10} {:>10} {:>12} {:>12}  type",
        "count", "shallow", "raw", "retained", "retained raw"
    );
    for r in s.by_type_with(&dom).iter().take(top) {
        let _ = writeln!(
            out,
            "{:>10} {:>10} {:>10} {:>12} {:>12}  {}",
            r.count,
            human(r.bytes),
            human(r.raw),
            human(r.retained),
            human(r.retained_raw),
            r.name
        );
    }
    let sites = site_totals(s, |_| true);
    if !sites.is_empty() {
        let mut v: Vec<_> = sites.into_iter().collect();
        v.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then(a.0.cmp(&b.0)));
        let _ = writeln!(
            out,
            "top allocation sites (heap + raw bytes of live objects):"
        );
        for (frames, (count, bytes)) in v.iter().take(top.min(5)) {
            let _ = writeln!(out, "{:>10} {:>10}  objects", human(*bytes), count);
            write_site(&mut out, frames, "            ", 3);
        }
    }
    out
}

fn cmp_frames(a: &[Frame], b: &[Frame]) -> std::cmp::Ordering {
    a.iter()
        .map(|f| (&f.file, f.line))
        .cmp(b.iter().map(|f| (&f.file, f.line)))
}

/// Growth per allocation site from `old` to `new` (heap + raw bytes and
/// objects), largest first.
pub fn site_growth(old: &Snapshot, new: &Snapshot) -> Vec<(Vec<Frame>, i64, i64)> {
    let a = site_totals(old, |_| true);
    let b = site_totals(new, |_| true);
    let mut v: Vec<(Vec<Frame>, i64, i64)> = b
        .iter()
        .map(|(k, &(c, bytes))| {
            let (c0, b0) = a.get(k).copied().unwrap_or_default();
            (k.clone(), bytes as i64 - b0 as i64, c as i64 - c0 as i64)
        })
        .filter(|r| r.1 > 0)
        .collect();
    v.sort_by(|x, y| y.1.cmp(&x.1).then(cmp_frames(&x.0, &y.0)));
    v
}

/// The `diff` report: the top `top` growing (or shrinking) types, then the
/// allocation sites of what grew.
pub fn render_diff(old: &Snapshot, new: &Snapshot, top: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} -> {} objects, {} -> {} heap, {} -> {} raw",
        old.len(),
        new.len(),
        human(old.total_bytes()),
        human(new.total_bytes()),
        human(old.total_raw()),
        human(new.total_raw()),
    );
    let _ = writeln!(out, "{:>12} {:>12} {:>10}  type", "heap", "raw", "count");
    for r in diff(old, new).iter().take(top) {
        let _ = writeln!(
            out,
            "{:>12} {:>12} {:>+10}  {}",
            signed(r.delta_bytes()),
            signed(r.delta_raw()),
            r.delta_count(),
            r.name
        );
    }
    let sites = site_growth(old, new);
    if !sites.is_empty() {
        let _ = writeln!(out, "allocation sites of the growth (heap + raw bytes):");
        for (frames, bytes, count) in sites.iter().take(top.min(5)) {
            let _ = writeln!(out, "{:>12} {:>+10}  objects", signed(*bytes), count);
            write_site(&mut out, frames, "              ", 3);
        }
    }
    out
}

/// The `path` report: root → ... → an object of `type_name`, with the
/// names of the references followed.
pub fn render_path(s: &Snapshot, type_name: &str) -> Option<String> {
    let path = s.path_to(type_name)?;
    let parents = s.bfs_parents();
    let chain = s.chain(&parents, *path.last()?);
    let mut out = String::new();
    let _ = writeln!(out, "{}", s.path_string(&chain));
    for (k, (i, name)) in chain.iter().enumerate() {
        let i = *i as usize;
        let arrow = if k == 0 { "root" } else { "->" };
        let how = if name.is_empty() {
            arrow.to_string()
        } else {
            format!("{arrow} {name}:")
        };
        let raw = if s.raw[i] > 0 {
            format!(", raw {}", human(s.raw[i]))
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{}{how} {} ({}{raw})",
            "  ".repeat(k),
            s.type_of(i as u32),
            human(s.sizes[i]),
        );
    }
    if let Some(site) = s.site(*path.last()?) {
        let _ = writeln!(out, "allocated at:");
        write_site(&mut out, site, "  ", 5);
    }
    Some(out)
}
