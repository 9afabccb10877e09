//! Heap snapshots and their analysis: leak diagnosis.
//!
//! A snapshot is the object graph at one safepoint, written by the VM (after
//! a complete collection, so only live objects appear) in a line-oriented
//! text format that is easy to stream, grep and diff:
//!
//! ```text
//! pygc-heap-snapshot 2
//! collector incminimark
//! type 0 module
//! type 1 dict
//! name 0 __main__
//! name 1 ._cache
//! site 0 /srv/app.py:12 handle\t/srv/app.py:30 <module>
//! root 140230001234 0
//! o 140230001234 0 120 0 - 140230005678/1
//! o 140230005678 1 72 16384 0 140230009999/2 140230008888
//! ```
//!
//! * `type I NAME`: a type label (Python type names: `dict`, `Session`).
//! * `name I TEXT`: an edge name (rest of the line; `\n` and `\\` escaped):
//!   `._cache`, `['k']`, `[40]`, `handle() local r`.
//! * `site I FRAME<TAB>FRAME...`: an allocation site, innermost frame first,
//!   each `FILE:LINE FUNCTION` (recorded with `PYGC_TRACE_ALLOC=N`).
//! * `root ID [NAME]`: a root and what it is (`__main__`, `sys.modules`).
//! * `o ID TYPE SIZE RAW SITE REF[/NAME]...`: an object: shallow bytes in the
//!   GC heap (the interpreter's internal storage objects — item arrays,
//!   attribute value arrays, dict tables — are folded into their Python
//!   owner), raw bytes it owns outside the heap (numpy buffers, big-int
//!   digits), its allocation site (`-` for none) and its references, each
//!   with an optional edge name.
//!
//! Object ids are addresses at the moment of the snapshot: unique within one
//! snapshot, not across snapshots. Version 1 files (no names, raw bytes or
//! sites) are still read.
//!
//! Analysis ([`analysis`]): per-type counts, shallow and raw bytes, retained
//! sizes from the dominator tree, growth between snapshots, named reference
//! paths from a root; [`leaks`]: automatic leak suspects; [`html`]: a
//! self-contained HTML report.

pub mod analysis;
pub mod html;
pub mod leaks;
pub mod render;

pub use analysis::{diff, DiffRow, TypeRow};
pub use render::{human, render_diff, render_path, render_summary};

use rustc_hash::FxHashMap as HashMap;
use std::io::{self, BufRead, Write};

/// Format version written in the first line.
pub const VERSION: u32 = 2;

/// "No name" / "no site" in the per-edge and per-object tables.
pub const NONE: u32 = u32::MAX;

/// One frame of an allocation site.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Frame {
    /// Source file.
    pub file: String,
    /// Line number.
    pub line: u32,
    /// Function name (`<module>` at module level).
    pub func: String,
}

impl std::fmt::Display for Frame {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{} {}", self.file, self.line, self.func)
    }
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some(o) => out.push(o),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Streams a snapshot to a writer.
pub struct SnapshotWriter<W: Write> {
    out: W,
    types: HashMap<String, u32>,
    names: HashMap<String, u32>,
}

impl<W: Write> SnapshotWriter<W> {
    /// Starts a snapshot of a heap managed by `collector`.
    pub fn new(mut out: W, collector: &str) -> io::Result<Self> {
        writeln!(out, "pygc-heap-snapshot {VERSION}")?;
        writeln!(out, "collector {collector}")?;
        Ok(SnapshotWriter {
            out,
            types: HashMap::default(),
            names: HashMap::default(),
        })
    }

    fn name(&mut self, name: &str) -> io::Result<u32> {
        if let Some(&n) = self.names.get(name) {
            return Ok(n);
        }
        let n = self.names.len() as u32;
        writeln!(self.out, "name {n} {}", escape(name))?;
        self.names.insert(name.to_string(), n);
        Ok(n)
    }

    /// Records a root; `name` says what it is ("" for none).
    pub fn root(&mut self, id: u64, name: &str) -> io::Result<()> {
        if name.is_empty() {
            return writeln!(self.out, "root {id}");
        }
        let n = self.name(name)?;
        writeln!(self.out, "root {id} {n}")
    }

    /// Declares allocation site `index` (innermost frame first). Indices
    /// must be declared in order, before the objects that use them.
    pub fn site(&mut self, index: u32, frames: &[Frame]) -> io::Result<()> {
        write!(self.out, "site {index}")?;
        for (k, f) in frames.iter().enumerate() {
            let sep = if k == 0 { ' ' } else { '\t' };
            let file = f.file.replace(['\t', '\n'], " ");
            write!(
                self.out,
                "{sep}{file}:{} {}",
                f.line,
                f.func.replace(' ', "_")
            )?;
        }
        writeln!(self.out)
    }

    /// Records an object of type `type_name` (declared on first use) with
    /// `size` bytes in the heap, `raw` bytes outside it, an optional
    /// allocation site and named references (`""`: no name).
    pub fn object(
        &mut self,
        id: u64,
        type_name: &str,
        size: u64,
        raw: u64,
        site: Option<u32>,
        refs: &[(u64, &str)],
    ) -> io::Result<()> {
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
        let mut named = Vec::with_capacity(refs.len());
        for &(r, n) in refs {
            named.push((r, if n.is_empty() { NONE } else { self.name(n)? }));
        }
        write!(self.out, "o {id} {t} {size} {raw} ")?;
        match site {
            Some(s) => write!(self.out, "{s}")?,
            None => write!(self.out, "-")?,
        }
        for (r, n) in named {
            if n == NONE {
                write!(self.out, " {r}")?;
            } else {
                write!(self.out, " {r}/{n}")?;
            }
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
    /// Edge and root names.
    pub names: Vec<String>,
    /// Allocation sites, innermost frame first.
    pub sites: Vec<Vec<Frame>>,
    /// Per object: its id (address at snapshot time).
    pub ids: Vec<u64>,
    /// Per object: its type label index.
    pub types: Vec<u32>,
    /// Per object: shallow size in bytes (GC heap).
    pub sizes: Vec<u64>,
    /// Per object: raw bytes it owns outside the GC heap.
    pub raw: Vec<u64>,
    /// Per object: allocation site index ([`NONE`]: unknown).
    pub site_of: Vec<u32>,
    /// Per object: indices of the objects it references.
    pub edges: Vec<Vec<u32>>,
    /// Per object, parallel to `edges`: name index of each edge ([`NONE`]).
    pub edge_names: Vec<Vec<u32>>,
    /// Indices of the root objects.
    pub roots: Vec<u32>,
    /// Parallel to `roots`: name index of each root ([`NONE`]).
    pub root_names: Vec<u32>,
}

fn bad(line: usize, what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("heap snapshot line {line}: {what}"),
    )
}

fn parse_site(ln: usize, rest: &str) -> io::Result<Vec<Frame>> {
    let mut frames = Vec::new();
    for f in rest.split('\t').filter(|f| !f.is_empty()) {
        let (loc, func) = f.rsplit_once(' ').unwrap_or((f, "?"));
        let (file, line) = loc
            .rsplit_once(':')
            .ok_or_else(|| bad(ln, "site frame without FILE:LINE"))?;
        let line = line
            .parse()
            .map_err(|_| bad(ln, "site frame with a bad line number"))?;
        frames.push(Frame {
            file: file.to_string(),
            line,
            func: func.to_string(),
        });
    }
    Ok(frames)
}

/// Raw (unresolved) parse state.
#[derive(Default)]
struct Raw {
    index: HashMap<u64, u32>,
    edges: Vec<Vec<(u64, u32)>>,
    roots: Vec<(u64, u32)>,
    version: u32,
}

impl Snapshot {
    /// Parses a snapshot. References to ids that are not objects of the
    /// snapshot are dropped; so are roots that are not objects.
    pub fn read(input: impl BufRead) -> io::Result<Snapshot> {
        let mut s = Snapshot::default();
        let mut raw = Raw::default();
        for (n, line) in input.lines().enumerate() {
            s.read_line(&mut raw, n + 1, &line?)?;
        }
        if s.collector.is_empty() && s.ids.is_empty() && s.type_names.is_empty() {
            return Err(bad(1, "empty snapshot"));
        }
        let Raw {
            index,
            edges,
            roots,
            ..
        } = raw;
        s.edges = Vec::with_capacity(edges.len());
        s.edge_names = Vec::with_capacity(edges.len());
        for r in edges {
            let (mut e, mut en) = (Vec::with_capacity(r.len()), Vec::with_capacity(r.len()));
            for (id, name) in r {
                if let Some(&i) = index.get(&id) {
                    e.push(i);
                    en.push(name);
                }
            }
            s.edges.push(e);
            s.edge_names.push(en);
        }
        for (id, name) in roots {
            if let Some(&i) = index.get(&id) {
                s.roots.push(i);
                s.root_names.push(name);
            }
        }
        Ok(s)
    }

    fn read_line(&mut self, raw: &mut Raw, ln: usize, line: &str) -> io::Result<()> {
        let num = |x: Option<&str>| -> io::Result<u64> {
            x.and_then(|v| v.parse().ok())
                .ok_or_else(|| bad(ln, "expected a number"))
        };
        let (head, rest) = line.split_once(' ').unwrap_or((line, ""));
        let mut f = rest.split_ascii_whitespace();
        match head {
            "" => {}
            "pygc-heap-snapshot" if ln == 1 => {
                let v = num(f.next())?;
                if v != 1 && v != u64::from(VERSION) {
                    return Err(bad(ln, &format!("unsupported version {v}")));
                }
                raw.version = v as u32;
            }
            _ if ln == 1 => return Err(bad(1, "not a pygc heap snapshot")),
            "collector" => self.collector = rest.trim().to_string(),
            "type" => {
                let t = num(f.next())? as usize;
                if t != self.type_names.len() {
                    return Err(bad(ln, "type indices must be declared in order"));
                }
                let name = f.next().ok_or_else(|| bad(ln, "type without a name"))?;
                self.type_names.push(name.into());
            }
            "name" => {
                let (i, text) = rest.split_once(' ').unwrap_or((rest, ""));
                if num(Some(i))? as usize != self.names.len() {
                    return Err(bad(ln, "name indices must be declared in order"));
                }
                self.names.push(unescape(text));
            }
            "site" => {
                let (i, text) = rest.split_once(' ').unwrap_or((rest, ""));
                if num(Some(i))? as usize != self.sites.len() {
                    return Err(bad(ln, "site indices must be declared in order"));
                }
                self.sites.push(parse_site(ln, text)?);
            }
            "root" => {
                let id = num(f.next())?;
                let name = match f.next() {
                    Some(x) => self.name_index(ln, x)?,
                    None => NONE,
                };
                raw.roots.push((id, name));
            }
            "o" => self.read_object(raw, ln, &mut f)?,
            other => return Err(bad(ln, &format!("unknown record '{other}'"))),
        }
        Ok(())
    }

    fn name_index(&self, ln: usize, x: &str) -> io::Result<u32> {
        let n: u32 = x.parse().map_err(|_| bad(ln, "bad name index"))?;
        if n as usize >= self.names.len() {
            return Err(bad(ln, &format!("undeclared name {n}")));
        }
        Ok(n)
    }

    fn read_object<'a>(
        &mut self,
        raw: &mut Raw,
        ln: usize,
        f: &mut impl Iterator<Item = &'a str>,
    ) -> io::Result<()> {
        let mut num = || -> io::Result<u64> {
            f.next()
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| bad(ln, "expected a number"))
        };
        let id = num()?;
        let t = num()?;
        if t as usize >= self.type_names.len() {
            return Err(bad(ln, &format!("undeclared type {t}")));
        }
        let size = num()?;
        let (raw_bytes, site) = if raw.version >= 2 {
            let r = num()?;
            let site = match f.next() {
                Some("-") => NONE,
                Some(x) => {
                    let s: u32 = x.parse().map_err(|_| bad(ln, "bad site"))?;
                    if s as usize >= self.sites.len() {
                        return Err(bad(ln, &format!("undeclared site {s}")));
                    }
                    s
                }
                None => return Err(bad(ln, "object without a site field")),
            };
            (r, site)
        } else {
            (0, NONE)
        };
        let mut refs = Vec::new();
        for x in f {
            let (r, n) = match x.split_once('/') {
                Some((r, n)) => (r, self.name_index(ln, n)?),
                None => (x, NONE),
            };
            refs.push((r.parse().map_err(|_| bad(ln, "bad reference"))?, n));
        }
        if raw.index.insert(id, self.ids.len() as u32).is_some() {
            return Err(bad(ln, &format!("object {id} listed twice")));
        }
        self.ids.push(id);
        self.types.push(t as u32);
        self.sizes.push(size);
        self.raw.push(raw_bytes);
        self.site_of.push(site);
        raw.edges.push(refs);
        Ok(())
    }

    /// Number of objects.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when the snapshot holds no object.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Total shallow bytes (GC heap).
    pub fn total_bytes(&self) -> u64 {
        self.sizes.iter().sum()
    }

    /// Total raw bytes (outside the GC heap).
    pub fn total_raw(&self) -> u64 {
        self.raw.iter().sum()
    }

    /// The type label of object `i`.
    pub fn type_of(&self, i: u32) -> &str {
        &self.type_names[self.types[i as usize] as usize]
    }

    /// The name of edge `k` of object `i` ("" for none).
    pub fn edge_name(&self, i: u32, k: usize) -> &str {
        match self.edge_names.get(i as usize).and_then(|v| v.get(k)) {
            Some(&n) if n != NONE => &self.names[n as usize],
            _ => "",
        }
    }

    /// The name of root `k` ("" for none).
    pub fn root_name(&self, k: usize) -> &str {
        match self.root_names.get(k) {
            Some(&n) if n != NONE => &self.names[n as usize],
            _ => "",
        }
    }

    /// The allocation site of object `i`.
    pub fn site(&self, i: u32) -> Option<&[Frame]> {
        let s = *self.site_of.get(i as usize)?;
        (s != NONE).then(|| self.sites[s as usize].as_slice())
    }
}

#[cfg(test)]
mod tests;
