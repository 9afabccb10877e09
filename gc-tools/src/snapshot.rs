//! Heap snapshots and their analysis: leak diagnosis.
//!
//! A snapshot is the object graph at one safepoint, written by the VM (after
//! a complete collection, so only live objects appear) in a line-oriented
//! text format that is easy to stream, grep and diff:
//!
//! ```text
//! pygc-heap-snapshot 1
//! collector incminimark
//! type 0 list
//! type 1 <Array>
//! root 140230001234
//! o 140230001234 0 32 140230005678
//! o 140230005678 1 72 140230009999 140230008888
//! ```
//!
//! `type I NAME` declares a type label, `root ID` a root (object ids are
//! addresses at the moment of the snapshot: unique within one snapshot, not
//! across snapshots), `o ID TYPE SIZE REF...` an object with its shallow size
//! in bytes and the objects it references.
//!
//! Analysis: per-type counts and shallow bytes ([`Snapshot::by_type`]);
//! retained sizes from the dominator tree ([`Snapshot::retained`], Cooper,
//! Harvey and Kennedy's iterative algorithm over a reverse post-order of the
//! graph reached from a virtual root); growth between two snapshots
//! ([`diff`]); the shortest reference path from a root to an object
//! ([`Snapshot::path_to`]) — the usual questions of a leak hunt: what grows,
//! what keeps it alive, through which references.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, BufRead, Write};

/// Format version written in the first line.
pub const VERSION: u32 = 1;

/// Streams a snapshot to a writer.
pub struct SnapshotWriter<W: Write> {
    out: W,
    types: HashMap<String, u32>,
}

impl<W: Write> SnapshotWriter<W> {
    /// Starts a snapshot of a heap managed by `collector`.
    pub fn new(mut out: W, collector: &str) -> io::Result<Self> {
        writeln!(out, "pygc-heap-snapshot {VERSION}")?;
        writeln!(out, "collector {collector}")?;
        Ok(SnapshotWriter {
            out,
            types: HashMap::new(),
        })
    }

    /// Records a root.
    pub fn root(&mut self, id: u64) -> io::Result<()> {
        writeln!(self.out, "root {id}")
    }

    /// Records an object of type `type_name` (declared on first use).
    pub fn object(&mut self, id: u64, type_name: &str, size: u64, refs: &[u64]) -> io::Result<()> {
        let t = match self.types.get(type_name) {
            Some(&t) => t,
            None => {
                let t = self.types.len() as u32;
                let clean: String = type_name
                    .chars()
                    .map(|c| if c.is_whitespace() { '_' } else { c })
                    .collect();
                writeln!(self.out, "type {t} {clean}")?;
                self.types.insert(type_name.to_string(), t);
                t
            }
        };
        write!(self.out, "o {id} {t} {size}")?;
        for r in refs {
            write!(self.out, " {r}")?;
        }
        writeln!(self.out)
    }

    /// Flushes and returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// A loaded snapshot. Objects are numbered densely in file order.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// The collector named in the header.
    pub collector: String,
    /// Type labels.
    pub type_names: Vec<String>,
    /// Per object: its id (address at snapshot time).
    pub ids: Vec<u64>,
    /// Per object: its type label index.
    pub types: Vec<u32>,
    /// Per object: shallow size in bytes.
    pub sizes: Vec<u64>,
    /// Per object: indices of the objects it references.
    pub edges: Vec<Vec<u32>>,
    /// Indices of the root objects.
    pub roots: Vec<u32>,
}

/// Per-type totals.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TypeRow {
    /// Type label.
    pub name: String,
    /// Objects of the type.
    pub count: u64,
    /// Their shallow bytes.
    pub bytes: u64,
    /// Bytes retained by objects of the type (not counting objects of the
    /// same type nested inside each other twice).
    pub retained: u64,
}

fn bad(line: usize, what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("heap snapshot line {line}: {what}"),
    )
}

impl Snapshot {
    /// Parses a snapshot. References to ids that are not objects of the
    /// snapshot are dropped; so are roots that are not objects.
    pub fn read(input: impl BufRead) -> io::Result<Snapshot> {
        let mut s = Snapshot::default();
        let mut index: HashMap<u64, u32> = HashMap::new();
        let mut raw_edges: Vec<Vec<u64>> = Vec::new();
        let mut raw_roots: Vec<u64> = Vec::new();
        for (n, line) in input.lines().enumerate() {
            let line = line?;
            let ln = n + 1;
            let mut f = line.split_ascii_whitespace();
            let num = |x: Option<&str>| -> io::Result<u64> {
                x.and_then(|v| v.parse().ok())
                    .ok_or_else(|| bad(ln, "expected a number"))
            };
            match f.next() {
                None => {}
                Some("pygc-heap-snapshot") if ln == 1 => {
                    let v = num(f.next())?;
                    if v != u64::from(VERSION) {
                        return Err(bad(ln, &format!("unsupported version {v}")));
                    }
                }
                Some(_) if ln == 1 => return Err(bad(1, "not a pygc heap snapshot")),
                Some("collector") => s.collector = f.collect::<Vec<_>>().join(" "),
                Some("type") => {
                    let t = num(f.next())? as usize;
                    if t != s.type_names.len() {
                        return Err(bad(ln, "type indices must be declared in order"));
                    }
                    s.type_names.push(
                        f.next()
                            .ok_or_else(|| bad(ln, "type without a name"))?
                            .into(),
                    );
                }
                Some("root") => raw_roots.push(num(f.next())?),
                Some("o") => {
                    let id = num(f.next())?;
                    let t = num(f.next())?;
                    if t as usize >= s.type_names.len() {
                        return Err(bad(ln, &format!("undeclared type {t}")));
                    }
                    let size = num(f.next())?;
                    let refs = f
                        .map(|x| x.parse().map_err(|_| bad(ln, "bad reference")))
                        .collect::<io::Result<Vec<u64>>>()?;
                    if index.insert(id, s.ids.len() as u32).is_some() {
                        return Err(bad(ln, &format!("object {id} listed twice")));
                    }
                    s.ids.push(id);
                    s.types.push(t as u32);
                    s.sizes.push(size);
                    raw_edges.push(refs);
                }
                Some(other) => return Err(bad(ln, &format!("unknown record '{other}'"))),
            }
        }
        if s.collector.is_empty() && s.ids.is_empty() && s.type_names.is_empty() {
            return Err(bad(1, "empty snapshot"));
        }
        s.edges = raw_edges
            .into_iter()
            .map(|r| r.iter().filter_map(|id| index.get(id).copied()).collect())
            .collect();
        s.roots = raw_roots
            .iter()
            .filter_map(|id| index.get(id).copied())
            .collect();
        Ok(s)
    }

    /// Number of objects.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when the snapshot holds no object.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Objects not reachable from the roots (garbage a collector that
    /// never frees, or one that was not asked to collect, left in place).
    pub fn unreachable(&self) -> usize {
        self.dominators().iter().filter(|&&d| d == u32::MAX).count()
    }

    /// Total shallow bytes.
    pub fn total_bytes(&self) -> u64 {
        self.sizes.iter().sum()
    }

    /// Reverse post-order of the objects reachable from the roots, with
    /// each object's predecessors (virtual root = `n`).
    fn rpo(&self) -> (Vec<u32>, Vec<Vec<u32>>) {
        let n = self.len();
        let root = n as u32;
        let succ = |v: u32| -> &[u32] {
            if v == root {
                &self.roots
            } else {
                &self.edges[v as usize]
            }
        };
        let mut seen = vec![false; n + 1];
        let mut post = Vec::with_capacity(n + 1);
        let mut stack: Vec<(u32, usize)> = vec![(root, 0)];
        seen[n] = true;
        while let Some(&mut (v, ref mut i)) = stack.last_mut() {
            let s = succ(v);
            if *i < s.len() {
                let w = s[*i];
                *i += 1;
                if !seen[w as usize] {
                    seen[w as usize] = true;
                    stack.push((w, 0));
                }
            } else {
                post.push(v);
                stack.pop();
            }
        }
        post.reverse();
        let mut preds = vec![Vec::new(); n + 1];
        for &v in &post {
            for &w in succ(v) {
                preds[w as usize].push(v);
            }
        }
        (post, preds)
    }

    /// Immediate dominators (`u32::MAX` for unreachable objects, `n` for
    /// objects dominated only by the virtual root).
    pub fn dominators(&self) -> Vec<u32> {
        let n = self.len();
        let (order, preds) = self.rpo();
        let mut pos = vec![u32::MAX; n + 1];
        for (i, &v) in order.iter().enumerate() {
            pos[v as usize] = i as u32;
        }
        let mut idom = vec![u32::MAX; n + 1];
        idom[n] = n as u32;
        let intersect = |idom: &[u32], mut a: u32, mut b: u32| {
            while a != b {
                while pos[a as usize] > pos[b as usize] {
                    a = idom[a as usize];
                }
                while pos[b as usize] > pos[a as usize] {
                    b = idom[b as usize];
                }
            }
            a
        };
        let mut changed = true;
        while changed {
            changed = false;
            for &v in order.iter().skip(1) {
                let mut new = u32::MAX;
                for &p in &preds[v as usize] {
                    if idom[p as usize] == u32::MAX {
                        continue;
                    }
                    new = if new == u32::MAX {
                        p
                    } else {
                        intersect(&idom, p, new)
                    };
                }
                if new != idom[v as usize] {
                    idom[v as usize] = new;
                    changed = true;
                }
            }
        }
        idom.truncate(n);
        idom
    }

    /// Retained bytes of every object: its own size plus the sizes of the
    /// objects it dominates (what freeing it would free). 0 for objects not
    /// reachable from the roots.
    pub fn retained(&self) -> Vec<u64> {
        let n = self.len();
        let idom = self.dominators();
        let (order, _) = self.rpo();
        let mut ret: Vec<u64> = (0..n)
            .map(|i| {
                if idom[i] == u32::MAX {
                    0
                } else {
                    self.sizes[i]
                }
            })
            .collect();
        // Children come after their dominator in reverse post-order.
        for &v in order.iter().rev() {
            let v = v as usize;
            if v < n && idom[v] != u32::MAX && (idom[v] as usize) < n {
                let d = idom[v] as usize;
                ret[d] += ret[v];
            }
        }
        ret
    }

    /// Per-type totals, largest retained first.
    pub fn by_type(&self) -> Vec<TypeRow> {
        let n = self.len();
        let idom = self.dominators();
        let ret = self.retained();
        let mut rows: Vec<TypeRow> = self
            .type_names
            .iter()
            .map(|name| TypeRow {
                name: name.clone(),
                ..TypeRow::default()
            })
            .collect();
        for i in 0..n {
            let t = self.types[i] as usize;
            rows[t].count += 1;
            rows[t].bytes += self.sizes[i];
        }
        // Walk the dominator tree keeping, per type, how many ancestors on
        // the current path have it: an object's retained bytes count for its
        // type unless an ancestor of the same type already counted them.
        let mut children: Vec<Vec<u32>> = vec![Vec::new(); n + 1];
        for (v, &d) in idom.iter().enumerate() {
            if d != u32::MAX {
                children[d as usize].push(v as u32);
            }
        }
        let mut on_path = vec![0u32; self.type_names.len()];
        let mut stack: Vec<(u32, bool)> = children[n].iter().map(|&c| (c, true)).collect();
        while let Some((v, enter)) = stack.pop() {
            let t = self.types[v as usize] as usize;
            if !enter {
                on_path[t] -= 1;
                continue;
            }
            if on_path[t] == 0 {
                rows[t].retained += ret[v as usize];
            }
            on_path[t] += 1;
            stack.push((v, false));
            stack.extend(children[v as usize].iter().map(|&c| (c, true)));
        }
        rows.retain(|r| r.count > 0);
        rows.sort_by(|a, b| b.retained.cmp(&a.retained).then(b.bytes.cmp(&a.bytes)));
        rows
    }

    /// The shortest reference path from a root to the first object (in
    /// breadth-first order) whose type is `type_name`, as object indices.
    pub fn path_to(&self, type_name: &str) -> Option<Vec<u32>> {
        let t = self.type_names.iter().position(|n| n == type_name)? as u32;
        let n = self.len();
        let mut parent = vec![u32::MAX; n];
        let mut queue = std::collections::VecDeque::new();
        for &r in &self.roots {
            if parent[r as usize] == u32::MAX {
                parent[r as usize] = r;
                queue.push_back(r);
            }
        }
        while let Some(v) = queue.pop_front() {
            if self.types[v as usize] == t {
                let mut path = vec![v];
                let mut x = v;
                while parent[x as usize] != x {
                    x = parent[x as usize];
                    path.push(x);
                }
                path.reverse();
                return Some(path);
            }
            for &w in &self.edges[v as usize] {
                if parent[w as usize] == u32::MAX {
                    parent[w as usize] = v;
                    queue.push_back(w);
                }
            }
        }
        None
    }

    /// The type label of object `i`.
    pub fn type_of(&self, i: u32) -> &str {
        &self.type_names[self.types[i as usize] as usize]
    }
}

/// Growth of one type between two snapshots.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffRow {
    /// Type label.
    pub name: String,
    /// Objects before and after.
    pub count: (u64, u64),
    /// Shallow bytes before and after.
    pub bytes: (u64, u64),
}

impl DiffRow {
    /// Bytes gained (negative: lost).
    pub fn delta_bytes(&self) -> i64 {
        self.bytes.1 as i64 - self.bytes.0 as i64
    }
}

/// Per-type growth from `old` to `new`, largest byte growth first; types
/// that did not change are left out.
pub fn diff(old: &Snapshot, new: &Snapshot) -> Vec<DiffRow> {
    let mut rows: HashMap<String, DiffRow> = HashMap::new();
    for (s, after) in [(old, false), (new, true)] {
        for i in 0..s.len() {
            let name = s.type_of(i as u32);
            let r = rows.entry(name.to_string()).or_insert_with(|| DiffRow {
                name: name.to_string(),
                count: (0, 0),
                bytes: (0, 0),
            });
            if after {
                r.count.1 += 1;
                r.bytes.1 += s.sizes[i];
            } else {
                r.count.0 += 1;
                r.bytes.0 += s.sizes[i];
            }
        }
    }
    let mut v: Vec<DiffRow> = rows
        .into_values()
        .filter(|r| r.count.0 != r.count.1 || r.bytes.0 != r.bytes.1)
        .collect();
    v.sort_by(|a, b| {
        b.delta_bytes()
            .cmp(&a.delta_bytes())
            .then(a.name.cmp(&b.name))
    });
    v
}

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

/// The `summary` report: totals and the top `top` types.
pub fn render_summary(s: &Snapshot, top: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} objects, {} (collector {})",
        s.len(),
        human(s.total_bytes()),
        s.collector
    );
    let dead = s.unreachable();
    if dead > 0 {
        let _ = writeln!(
            out,
            "{dead} of them unreachable from the roots (retained 0; the collector left them)"
        );
    }
    let _ = writeln!(
        out,
        "{:>10} {:>12} {:>12}  type",
        "count", "shallow", "retained"
    );
    for r in s.by_type().iter().take(top) {
        let _ = writeln!(
            out,
            "{:>10} {:>12} {:>12}  {}",
            r.count,
            human(r.bytes),
            human(r.retained),
            r.name
        );
    }
    out
}

/// The `diff` report: the top `top` growing (or shrinking) types.
pub fn render_diff(old: &Snapshot, new: &Snapshot, top: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} -> {} objects, {} -> {}",
        old.len(),
        new.len(),
        human(old.total_bytes()),
        human(new.total_bytes())
    );
    let _ = writeln!(out, "{:>12} {:>10}  type", "bytes", "count");
    for r in diff(old, new).iter().take(top) {
        let d = r.delta_bytes();
        let sign = if d >= 0 { "+" } else { "-" };
        let _ = writeln!(
            out,
            "{:>12} {:>+10}  {}",
            format!("{sign}{}", human(d.unsigned_abs())),
            r.count.1 as i64 - r.count.0 as i64,
            r.name
        );
    }
    out
}

/// The `path` report: root → ... → an object of `type_name`.
pub fn render_path(s: &Snapshot, type_name: &str) -> Option<String> {
    let path = s.path_to(type_name)?;
    let mut out = String::new();
    for (k, &i) in path.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}{} {} ({})",
            "  ".repeat(k),
            if k == 0 { "root" } else { "->" },
            s.type_of(i),
            human(s.sizes[i as usize])
        );
    }
    Some(out)
}

#[cfg(test)]
mod tests;
