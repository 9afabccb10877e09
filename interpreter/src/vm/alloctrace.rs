//! Allocation sites: `PYGC_TRACE_ALLOC=N`, `-X tracemalloc=N` and
//! `tracemalloc.start(N)` record the N innermost Python frames of every
//! allocation.
//!
//! Design. The side table lives outside the GC heap (a Rust `HashMap`), so
//! recording allocates nothing in the heap and never reaches a safepoint.
//! It is keyed by the object's *identity* ([`gc_api::Mutator::identity`]),
//! which every collector keeps stable across moves: non-moving collectors
//! return the address; the moving ones (incminimark, generational) reserve
//! the young object's future old-space cell (PyPy's "shadow") on the first
//! identity request and copy the object there when it is promoted, so the
//! key is the object's final address. No key needs updating after a
//! collection. A dead object's entry is not removed when it dies (the
//! collectors report no per-object deaths); [`Vm::trace_prune`] drops
//! them: after a complete collection it walks the heap and keeps only the
//! entries of live objects (a complete collection leaves no young object,
//! so a live object's identity is its address). A new object whose identity
//! reuses a dead one's address overwrites the stale entry, since every
//! allocation is recorded while tracing is on; `stop()` clears the table.
//!
//! Tracebacks are interned: a site is a list of `(code index, line)` pairs,
//! innermost first, resolved to file names and function names only when a
//! snapshot is written. Lines come from the program counters saved in the
//! frames: callers' are saved at their call; the running frame's is stored
//! by every call and by the building instructions (list, tuple, set, dict
//! displays, function creation), so those allocations have exact lines;
//! another allocation made directly by the running frame (a string
//! concatenation, a comprehension's append) reports the line of that
//! frame's last call or display. (Storing it at every instruction while
//! tracing cost 20% of interpreter speed with tracing off: a flag test in
//! the dispatch loop.)
//!
//! Cost: one identity request (a shadow reservation for young objects of
//! the moving collectors), a frame walk and two hash-table operations per
//! allocation: opt-in, like CPython's tracemalloc.

use crate::object::layout::*;
use crate::object::value::Value;
use crate::vm::call::CO_INFO;
use crate::vm::{Vm, R_FRAME};
use gc_api::{CollectRequest, ObjRef};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// One traced object: its site and its size when allocated.
#[derive(Clone, Copy, Debug)]
struct Entry {
    site: u32,
    size: u32,
}

/// The allocation-site side table.
#[derive(Debug, Default)]
pub struct AllocTrace {
    /// Frames kept per allocation; 0 when tracing is off.
    pub limit: usize,
    sites: Vec<Box<[(u32, u32)]>>,
    site_ix: HashMap<Box<[(u32, u32)]>, u32>,
    table: HashMap<usize, Entry>,
    /// Bytes of the entries in the table (dead ones too until a prune).
    pub traced: u64,
    /// Peak of `traced`.
    pub peak: u64,
    scratch: Vec<(u32, u32)>,
}

impl AllocTrace {
    /// Is tracing on?
    pub fn on(&self) -> bool {
        self.limit > 0
    }

    /// The frames of site `s`: `(code index, line)`, innermost first.
    pub fn site_frames(&self, s: u32) -> &[(u32, u32)] {
        &self.sites[s as usize]
    }

    /// Number of interned sites.
    pub fn site_count(&self) -> usize {
        self.sites.len()
    }

    /// The site of the object with identity `id`.
    pub fn site_of(&self, id: usize) -> Option<u32> {
        self.table.get(&id).map(|e| e.site)
    }

    /// Entries in the table.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// True when nothing is traced.
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// Forgets every trace (sites stay interned).
    pub fn clear(&mut self) {
        self.table.clear();
        self.traced = 0;
        self.peak = 0;
    }

    /// Approximate bytes used by the tracer itself.
    pub fn overhead(&self) -> u64 {
        (self.table.capacity() * 24
            + self.sites.iter().map(|s| s.len() * 8 + 32).sum::<usize>() * 2) as u64
    }

    fn record(&mut self, id: usize, size: usize) {
        let key: &[(u32, u32)] = &self.scratch;
        let site = match self.site_ix.get(key) {
            Some(&s) => s,
            None => {
                let s = self.sites.len() as u32;
                let b: Box<[(u32, u32)]> = key.into();
                self.sites.push(b.clone());
                self.site_ix.insert(b, s);
                s
            }
        };
        let size32 = size.min(u32::MAX as usize) as u32;
        if let Some(old) = self.table.insert(id, Entry { site, size: size32 }) {
            self.traced -= u64::from(old.size);
        }
        self.traced += u64::from(size32);
        self.peak = self.peak.max(self.traced);
    }
}

impl Vm {
    /// Records the allocation site of the fresh object `o` (tracing on).
    #[cold]
    #[inline(never)]
    pub fn trace_alloc(&mut self, o: ObjRef) {
        let mut scratch = std::mem::take(&mut self.trace.scratch);
        scratch.clear();
        let mut f = self.root(R_FRAME);
        while let Some(fo) = f.obj() {
            if scratch.len() >= self.trace.limit {
                break;
            }
            let code = Value(fo.word(FRAME_CODE));
            if let Some(co) = code.obj() {
                let ci = Vm::get(co, CO_INFO).as_int() as usize;
                let info = &self.codes[ci];
                let pc = fo.word(FRAME_PC).saturating_sub(1);
                let line = info.lines.get(pc).copied().unwrap_or(info.firstline);
                scratch.push((ci as u32, line));
            }
            f = Value(fo.word(FRAME_BACK));
        }
        self.trace.scratch = scratch;
        if self.trace.scratch.is_empty() {
            return;
        }
        let size = self.m.types().size_of(o);
        let id = self.m.identity(o);
        self.trace.record(id, size);
    }

    /// Turns tracing on with `nframes` frames per allocation (1..=65535);
    /// `trace_pc` is the allocation hook's flag.
    pub fn trace_start(&mut self, nframes: usize) {
        self.trace.limit = nframes.max(1);
        self.trace_pc = true;
    }

    /// Turns tracing off and forgets every trace.
    pub fn trace_stop(&mut self) {
        self.trace.limit = 0;
        self.trace_pc = false;
        self.trace.clear();
    }

    /// Drops the entries of dead objects: a complete collection, then a
    /// heap walk. Returns the live objects with their identities (after the
    /// collection every live object's identity is stable).
    pub fn trace_prune(&mut self) -> Vec<(ObjRef, usize)> {
        self.m.collect(CollectRequest::Major, &mut self.r);
        let mut objs = Vec::new();
        self.m.walk_heap(&mut self.r, &mut |o| objs.push(o));
        let live: Vec<(ObjRef, usize)> = objs
            .into_iter()
            .map(|o| {
                let id = if self.trace.table.is_empty() {
                    o.addr()
                } else {
                    self.m.identity(o)
                };
                (o, id)
            })
            .collect();
        if !self.trace.table.is_empty() {
            let ids: HashSet<usize> = live.iter().map(|&(_, id)| id).collect();
            self.trace.table.retain(|id, _| ids.contains(id));
            self.trace.traced = self.trace.table.values().map(|e| u64::from(e.size)).sum();
            self.trace.peak = self.trace.peak.max(self.trace.traced);
        }
        let allocated = self.m.stats().allocated_bytes;
        self.gcx.observe(allocated);
        live
    }

    /// `(file, line, function)` of a site's frames, innermost first.
    pub fn trace_site_frames(&self, s: u32) -> Vec<(String, u32, String)> {
        self.trace
            .site_frames(s)
            .iter()
            .map(|&(ci, line)| {
                let info = &self.codes[ci as usize];
                (info.filename.clone(), line, info.name.clone())
            })
            .collect()
    }
}
