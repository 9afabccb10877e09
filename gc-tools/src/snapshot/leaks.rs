//! Automatic leak suspects, in the spirit of Eclipse MAT's leak-suspects
//! report, over two or more snapshots of one program.
//!
//! 1. *What grows*: types whose object count and bytes (heap + raw) grew
//!    from the first to the last snapshot (with three or more snapshots,
//!    whether they grew in every interval).
//! 2. *Accumulation point*: in the last snapshot's dominator tree, each
//!    object of a growing type climbs past its own chain (a linked list or a
//!    ring of one type is one structure) to its *holder*, the object that
//!    dominates it. When one holder keeps at least half of the growth, it is
//!    the accumulation point (or, when everything hangs off one chain, the
//!    chain's first object). Otherwise the holders climb once more: arrays
//!    inside sessions are held by the sessions, each alone, and the sessions
//!    by the cache that holds them all. Growing types with the same point
//!    make one suspect.
//!    Suspects whose retained size did not grow, or grew by less than 1% of
//!    the heap's growth, are dropped.
//! 3. For each suspect: the named path from a root (`__main__._cache`), what
//!    it retains now (heap and raw bytes) and at the first snapshot (the
//!    same path followed there), the objects of each growing type under it,
//!    the line that allocates them and the top allocation sites of what it
//!    retains (with `PYGC_TRACE_ALLOC`).

use super::analysis::Dom;
use super::render::{human, signed};
use super::{Frame, Snapshot, NONE};
use std::collections::HashMap;
use std::fmt::Write as _;

/// How many growing types are examined.
const MAX_TYPES: usize = 12;
/// How many times holders climb looking for a common one.
const MAX_LEVELS: usize = 6;

/// One growing type inside a suspect.
#[derive(Clone, Debug)]
pub struct Member {
    /// Type name.
    pub name: String,
    /// Objects of the type under the accumulation point (last snapshot).
    pub count: u64,
    /// Growth of the type over the whole heap (first to last snapshot).
    pub growth: i64,
    /// The most frequent allocation site of those objects.
    pub site: Option<Vec<Frame>>,
}

/// A leak suspect.
#[derive(Clone, Debug)]
pub struct Suspect {
    /// The accumulation point: object index in the last snapshot.
    pub point: u32,
    /// Its type.
    pub type_name: String,
    /// The named path from a root (`__main__._cache`).
    pub path: String,
    /// The steps of the path: type and how each was reached.
    pub steps: Vec<(String, String)>,
    /// What it retains in the last snapshot: heap and raw bytes.
    pub retained: (u64, u64),
    /// What the same path retained in the first snapshot.
    pub before: Option<(u64, u64)>,
    /// Growing types under it.
    pub members: Vec<Member>,
    /// Top allocation sites of what it retains: frames, objects, bytes.
    pub sites: Vec<(Vec<Frame>, u64, u64)>,
}

impl Suspect {
    /// Retained growth (heap + raw) since the first snapshot, or everything
    /// it retains when the path did not exist then.
    pub fn growth(&self) -> i64 {
        let now = (self.retained.0 + self.retained.1) as i64;
        match self.before {
            Some((h, r)) => now - (h + r) as i64,
            None => now,
        }
    }
}

/// The whole report.
#[derive(Clone, Debug)]
pub struct LeakReport {
    /// Snapshots compared.
    pub snapshots: usize,
    /// Heap and raw totals of the first and last snapshot.
    pub totals: ((u64, u64), (u64, u64)),
    /// Growing types (objects reachable from the roots): name, count
    /// delta, heap delta, raw delta, grew in every interval.
    pub growth: Vec<(String, i64, i64, i64, bool)>,
    /// Suspects, largest growth first.
    pub suspects: Vec<Suspect>,
}

/// For every object, the top of its same-type dominator chain: the
/// highest dominator reached by climbing while the type stays the same
/// (a linked list's head for every node of the list). One pass over the
/// dominator tree in preorder (a dominator comes before what it dominates),
/// so long chains cost linear time, not chain length per object.
fn same_type_tops(s: &Snapshot, dom: &Dom) -> Vec<u32> {
    let n = s.len();
    let mut top: Vec<u32> = (0..n as u32).collect();
    for &y in dom.order.iter().skip(1) {
        let y = y as usize;
        let d = dom.idom[y] as usize;
        if d < n && s.types[d] == s.types[y] {
            top[y] = top[d];
        }
    }
    top
}

/// The holder of `x`: the top of `x`'s same-type chain and the top's
/// dominator (`NONE` for root-level tops).
fn holder(s: &Snapshot, dom: &Dom, tops: &[u32], x: u32) -> (u32, u32) {
    let y = tops[x as usize];
    let d = dom.idom[y as usize];
    (y, if d as usize >= s.len() { NONE } else { d })
}

/// The accumulation point of the growing type `t` in `s`, if one holder
/// keeps at least half of `growth` objects.
fn accumulation_point(
    s: &Snapshot,
    (dom, tops): (&Dom, &[u32]),
    t: u32,
    growth: i64,
) -> Option<u32> {
    let mut cur: Vec<(u32, u32)> = (0..s.len() as u32)
        .filter(|&i| s.types[i as usize] == t && dom.idom[i as usize] != u32::MAX)
        .map(|i| holder(s, dom, tops, i))
        .collect();
    let need = (growth / 2).max(2) as usize;
    for _ in 0..MAX_LEVELS {
        // Root-level tops (no holder) each make their own group.
        let mut groups: HashMap<(u32, bool), (usize, u32, bool)> = HashMap::new();
        for &(top, h) in &cur {
            let key = if h == NONE { (top, true) } else { (h, false) };
            let e = groups.entry(key).or_insert((0, top, true));
            e.0 += 1;
            if e.1 != top {
                e.2 = false;
            }
        }
        let best = groups
            .iter()
            .max_by_key(|(k, g)| (g.0, std::cmp::Reverse(k.0)))
            .map(|(&k, &g)| (k, g));
        if let Some(((h, rootlevel), (count, top, single))) = best {
            if count >= need {
                return Some(if single || rootlevel { top } else { h });
            }
        }
        cur = cur
            .into_iter()
            .filter(|&(_, h)| h != NONE)
            .map(|(_, h)| holder(s, dom, tops, h))
            .collect();
        if cur.is_empty() {
            break;
        }
    }
    None
}

/// Follows `chain`'s root name and edge names in `s`.
fn follow(s: &Snapshot, steps: &[(u32, String)], from: &Snapshot) -> Option<u32> {
    let (first, rest) = steps.split_first()?;
    let root_name = &first.1;
    let want_type = from.type_of(first.0);
    let k = (0..s.roots.len())
        .find(|&k| s.root_name(k) == root_name && s.type_of(s.roots[k]) == want_type)?;
    let mut x = s.roots[k];
    for (obj, name) in rest {
        if name.is_empty() {
            return None;
        }
        let ty = from.type_of(*obj);
        let e = &s.edges[x as usize];
        let k = (0..e.len()).find(|&k| s.edge_name(x, k) == name && s.type_of(e[k]) == ty)?;
        x = e[k];
    }
    Some(x)
}

/// The objects in the dominator subtree of `p`.
fn subtree(children: &[Vec<u32>], p: u32) -> Vec<u32> {
    let mut out = vec![p];
    let mut k = 0;
    while k < out.len() {
        out.extend_from_slice(&children[out[k] as usize]);
        k += 1;
    }
    out
}

fn top_site(s: &Snapshot, objs: &[u32]) -> Option<Vec<Frame>> {
    let mut m: HashMap<u32, u64> = HashMap::new();
    for &i in objs {
        let site = s.site_of[i as usize];
        if site != NONE {
            *m.entry(site).or_default() += 1;
        }
    }
    let best = m
        .into_iter()
        .max_by_key(|&(site, c)| (c, std::cmp::Reverse(site)))?;
    Some(s.sites[best.0 as usize].clone())
}

/// Per type, over the objects reachable from the roots (garbage a
/// collector left in place is no leak): objects, heap bytes, raw bytes.
fn reachable_totals(s: &Snapshot) -> HashMap<&str, (i64, i64, i64)> {
    let parents = s.bfs_parents();
    let mut m: HashMap<&str, (i64, i64, i64)> = HashMap::new();
    for (i, p) in parents.iter().enumerate() {
        if *p != (NONE, NONE) {
            let e = m.entry(s.type_of(i as u32)).or_default();
            e.0 += 1;
            e.1 += s.sizes[i] as i64;
            e.2 += s.raw[i] as i64;
        }
    }
    m
}

/// Finds leak suspects across `snaps` (oldest first, at least two).
pub fn find_leaks(snaps: &[Snapshot]) -> LeakReport {
    let (first, last) = (&snaps[0], &snaps[snaps.len() - 1]);
    let totals: Vec<HashMap<&str, (i64, i64, i64)>> = snaps.iter().map(reachable_totals).collect();
    let (t0, t1) = (&totals[0], &totals[totals.len() - 1]);
    let mut growth: Vec<(String, i64, i64, i64, bool)> = t1
        .iter()
        .map(|(&name, &(c1, h1, r1))| {
            let (c0, h0, r0) = t0.get(name).copied().unwrap_or_default();
            let every = totals
                .windows(2)
                .all(|w| w[1].get(name).map_or(0, |x| x.0) > w[0].get(name).map_or(0, |x| x.0));
            (name.to_string(), c1 - c0, h1 - h0, r1 - r0, every)
        })
        .filter(|g| g.1 > 0 && g.2 + g.3 > 0)
        .collect();
    growth.sort_by(|a, b| (b.2 + b.3).cmp(&(a.2 + a.3)).then(a.0.cmp(&b.0)));
    let dom = last.dom();
    let children = dom.children();
    let parents = last.bfs_parents();
    let tops = same_type_tops(last, &dom);
    let mut points: Vec<(u32, Vec<(String, i64)>)> = Vec::new();
    for (name, dcount, ..) in growth.iter().take(MAX_TYPES) {
        let Some(t) = last.type_names.iter().position(|n| n == name) else {
            continue;
        };
        if let Some(p) = accumulation_point(last, (&dom, &tops), t as u32, *dcount) {
            match points.iter_mut().find(|(q, _)| *q == p) {
                Some((_, v)) => v.push((name.clone(), *dcount)),
                None => points.push((p, vec![(name.clone(), *dcount)])),
            }
        }
    }
    // A point inside another suspect's point is part of that suspect.
    let pts: Vec<u32> = points.iter().map(|(p, _)| *p).collect();
    let outermost = |p: u32| {
        pts.iter()
            .copied()
            .filter(|&q| dom.dominates(q, p))
            .find(|&q| !pts.iter().any(|&r| r != q && dom.dominates(r, q)))
            .unwrap_or(p)
    };
    let mut merged: Vec<(u32, Vec<(String, i64)>)> = Vec::new();
    for (p, types) in points {
        let key = outermost(p);
        match merged.iter_mut().find(|(x, _)| *x == key) {
            Some((_, v)) => v.extend(types),
            None => merged.push((key, types)),
        }
    }
    let first_dom = if merged.is_empty() {
        None
    } else {
        Some(first.dom())
    };
    let mut suspects: Vec<Suspect> = merged
        .into_iter()
        .map(|(p, types)| {
            suspect(
                snaps,
                (&dom, first_dom.as_ref()),
                &children,
                &parents,
                p,
                &types,
            )
        })
        .collect();
    // A holder that retains no more than before is no leak; one that
    // holds under 1% of the growth is noise next to the others.
    let grown = (last.total_bytes() + last.total_raw()) as i64
        - (first.total_bytes() + first.total_raw()) as i64;
    suspects.retain(|s| s.growth() > 0 && (s.growth() * 100 >= grown || s.before.is_none()));
    suspects.sort_by(|a, b| b.growth().cmp(&a.growth()).then(a.path.cmp(&b.path)));
    LeakReport {
        snapshots: snaps.len(),
        totals: (
            (first.total_bytes(), first.total_raw()),
            (last.total_bytes(), last.total_raw()),
        ),
        growth,
        suspects,
    }
}

fn suspect(
    snaps: &[Snapshot],
    (dom, first_dom): (&Dom, Option<&Dom>),
    children: &[Vec<u32>],
    parents: &[(u32, u32)],
    p: u32,
    types: &[(String, i64)],
) -> Suspect {
    let (first, last) = (&snaps[0], &snaps[snaps.len() - 1]);
    let chain = last.chain(parents, p);
    let before = follow(first, &chain, last)
        .zip(first_dom)
        .map(|(q, d)| (d.retained[q as usize], d.retained_raw[q as usize]));
    let sub = subtree(children, p);
    let members = types
        .iter()
        .map(|(name, growth)| {
            let objs: Vec<u32> = sub
                .iter()
                .copied()
                .filter(|&i| last.type_of(i) == name)
                .collect();
            Member {
                name: name.clone(),
                count: objs.len() as u64,
                growth: *growth,
                site: top_site(last, &objs),
            }
        })
        .collect();
    // Sites are grouped by the frames the report shows: two traces that
    // differ only further out are one line of the report.
    let mut by_site: HashMap<&[Frame], (u64, u64)> = HashMap::new();
    for &i in &sub {
        let site = last.site_of[i as usize];
        if site != NONE {
            let frames = &last.sites[site as usize];
            let e = by_site
                .entry(&frames[..frames.len().min(SITE_FRAMES)])
                .or_default();
            e.0 += 1;
            e.1 += last.sizes[i as usize] + last.raw[i as usize];
        }
    }
    let mut sites: Vec<(Vec<Frame>, u64, u64)> = by_site
        .into_iter()
        .map(|(f, (c, b))| (f.to_vec(), c, b))
        .collect();
    sites.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    sites.truncate(3);
    Suspect {
        point: p,
        type_name: last.type_of(p).to_string(),
        path: last.path_string(&chain),
        steps: chain
            .iter()
            .map(|(i, n)| (last.type_of(*i).to_string(), n.clone()))
            .collect(),
        retained: (dom.retained[p as usize], dom.retained_raw[p as usize]),
        before,
        members,
        sites,
    }
}

/// Frames of an allocation site the report shows.
const SITE_FRAMES: usize = 3;

fn site_line(frames: &[Frame]) -> String {
    frames
        .iter()
        .take(SITE_FRAMES)
        .map(|f| f.to_string())
        .collect::<Vec<_>>()
        .join(" <- ")
}

/// The text report.
pub fn render_leaks(r: &LeakReport, names: &[String], top: usize) -> String {
    let mut out = String::new();
    let ((h0, r0), (h1, r1)) = r.totals;
    let _ = writeln!(
        out,
        "Leak suspects: {} snapshots ({} .. {})\nheap {} -> {} ({}), raw {} -> {} ({})",
        r.snapshots,
        names.first().map_or("", String::as_str),
        names.last().map_or("", String::as_str),
        human(h0),
        human(h1),
        signed(h1 as i64 - h0 as i64),
        human(r0),
        human(r1),
        signed(r1 as i64 - r0 as i64),
    );
    if r.suspects.is_empty() {
        let _ = writeln!(out, "\nNo suspect: no growing type is held in one place.");
    }
    for (k, s) in r.suspects.iter().take(top).enumerate() {
        render_suspect(&mut out, k + 1, s, r.snapshots);
    }
    if !r.growth.is_empty() {
        let _ = writeln!(out, "\nWhat grew (first -> last snapshot):");
        let _ = writeln!(out, "{:>10} {:>10} {:>10}  type", "objects", "heap", "raw");
        for (name, dc, dh, dr, every) in r.growth.iter().take(top.max(5)) {
            let note = if r.snapshots > 2 && *every {
                "  (grew in every interval)"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "{:>+10} {:>10} {:>10}  {name}{note}",
                dc,
                signed(*dh),
                signed(*dr)
            );
        }
    }
    out
}

fn render_suspect(out: &mut String, k: usize, s: &Suspect, snapshots: usize) {
    let _ = writeln!(out, "\nSuspect {k}: {}  ({})", s.path, s.type_name);
    let grows: Vec<String> = s
        .members
        .iter()
        .map(|m| format!("{:+} {} ({} held here)", m.growth, m.name, m.count))
        .collect();
    let every = if snapshots > 2 {
        " over the snapshots"
    } else {
        ""
    };
    let _ = writeln!(out, "  grows{every}: {}", grows.join(", "));
    let (h, raw) = s.retained;
    let _ = write!(
        out,
        "  retains {} ({} in the GC heap + {} raw)",
        human(h + raw),
        human(h),
        human(raw)
    );
    match s.before {
        Some((h0, r0)) => {
            let _ = writeln!(out, ", {} since the first snapshot", signed(s.growth()));
            let _ = h0 + r0;
        }
        None => {
            let _ = writeln!(out, "; this path did not exist in the first snapshot");
        }
    }
    let steps: Vec<String> = s
        .steps
        .iter()
        .enumerate()
        .map(|(i, (ty, how))| match (i, how.is_empty()) {
            (0, _) => format!("root {how} ({ty})"),
            (_, true) => format!("-> ({ty})"),
            _ => format!("-> {how} ({ty})"),
        })
        .collect();
    let _ = writeln!(out, "  path: {}", steps.join(" "));
    for m in &s.members {
        if let Some(site) = &m.site {
            let _ = writeln!(out, "  {} allocated at {}", m.name, site_line(site));
        }
    }
    if !s.sites.is_empty() {
        let _ = writeln!(out, "  top allocation sites of what it retains:");
        for (frames, count, bytes) in &s.sites {
            let _ = writeln!(
                out,
                "    {:>9} {:>7} objects  {}",
                human(*bytes),
                count,
                site_line(frames)
            );
        }
    }
}
