//! Heap snapshots for leak diagnosis: `gc.dump_heap(path)` and
//! `pygc --heap-snapshot=PATH` (at exit). The format and the analysis
//! (`pygc-heap summary|diff|path|leaks|html`) are in `gc_tools::snapshot`.
//!
//! A snapshot first runs a complete collection (collectors that free), so
//! only reachable objects appear, then walks the heap. Internal storage
//! objects are folded into their Python owner and references are named
//! (see [`super::heapgraph`]); objects are labelled with their Python type's
//! name (`list`, `Session`). Each object records the raw bytes it owns
//! outside the GC heap (numpy buffers, big-int digits) and, while
//! allocation tracing is on (`PYGC_TRACE_ALLOC=N`, `tracemalloc.start`), its
//! allocation site. Roots: every module in `sys.modules` (named by its
//! name), every frame of the running stack (`frame f()`), then the VM's
//! root slots and the mutator's handles (the gc and _weakref modules'
//! state, the spare MemoryError). Nothing between the walk and the end of writing reaches a
//! safepoint, so addresses stay valid; writing allocates nothing in the GC
//! heap.

use super::heapgraph::HeapGraph;
use crate::object::layout::{kind_of, Kind, FRAME_BACK, FRAME_CODE, TYPE_OFF};
use crate::object::value::Value;
use crate::vm::{Vm, NFIXED_ROOTS, R_FRAME, R_MODULES};
use gc_api::{is_ref, ObjRef};
use gc_tools::snapshot::{Frame, SnapshotWriter};
use std::collections::HashMap;
use std::io::{BufWriter, Write};

/// Names of the fixed root slots (`R_*`).
const ROOT_NAMES: [&str; NFIXED_ROOTS] = [
    "current frame",
    "current exception",
    "handled exception",
    "interned strings",
    "builtins",
    "sys.modules",
    "builtin types",
    "interpreter names",
    "empty tuple",
    "__main__",
    "single characters",
    "interpreter tables",
    "repr recursion guard",
    "weakref table",
    "weakref callback name",
    "code caches",
    "spare MemoryError",
    "gc module hooks",
];

/// Raw bytes `o` owns outside the GC heap.
fn raw_bytes(o: ObjRef) -> u64 {
    (match kind_of(o) {
        Kind::NdArray => crate::modules::numpy::ndarray::owned_bytes(o),
        Kind::BigInt => crate::object::bigbox::owned_bytes(o),
        _ => 0,
    }) as u64
}

impl Vm {
    /// Named extra roots: modules by name, then the frames of the stack.
    fn snapshot_roots(&self) -> Vec<(usize, String)> {
        let mut roots = Vec::new();
        if let Some(d) = self.root(R_MODULES).obj() {
            let mut pos = 0;
            while let Some((k, v)) = Vm::dict_next(Value::from_obj(d), &mut pos) {
                if v.is_ref() && Vm::is_str(k) {
                    roots.push((v.0, Vm::as_str(k).to_string()));
                }
            }
        }
        let mut f = self.root(R_FRAME);
        while let Some(fo) = f.obj() {
            let code = Value(fo.word(FRAME_CODE));
            if code.is_ref() {
                roots.push((f.0, format!("frame {}()", self.code_info(code).name)));
            }
            f = Value(fo.word(FRAME_BACK));
            if roots.len() > 100_000 {
                break;
            }
        }
        let mut k = 0;
        let mut slots = Vec::new();
        self.r.words_from(0).into_iter().for_each(|w| {
            if is_ref(w) {
                let name = ROOT_NAMES
                    .get(k)
                    .copied()
                    .unwrap_or("interpreter temporary");
                slots.push((w, name.to_string()));
            }
            k += 1;
        });
        roots.extend(slots);
        roots
    }

    /// The file's index of trace site `s`, declared on first use.
    fn file_site<W: Write>(
        &self,
        w: &mut SnapshotWriter<W>,
        sites: &mut HashMap<u32, u32>,
        s: u32,
    ) -> std::io::Result<u32> {
        if let Some(&f) = sites.get(&s) {
            return Ok(f);
        }
        let f = sites.len() as u32;
        let frames: Vec<Frame> = self
            .trace_site_frames(s)
            .into_iter()
            .map(|(file, line, func)| Frame { file, line, func })
            .collect();
        w.site(f, &frames)?;
        sites.insert(s, f);
        Ok(f)
    }

    /// Writes a snapshot of the live heap to `out`; returns the number of
    /// objects written.
    pub fn gc_write_heap_snapshot(&mut self, out: impl Write) -> std::io::Result<u64> {
        let live = self.trace_prune();
        let ids: Vec<usize> = live.iter().map(|&(_, id)| id).collect();
        let objs: Vec<ObjRef> = live.into_iter().map(|(o, _)| o).collect();
        let g = HeapGraph::build(self.m.types(), objs);
        let allocated = self.m.stats().allocated_bytes;
        self.gcx.observe(allocated);
        let name = self.m.collector_name().to_string();
        let mut w = SnapshotWriter::new(BufWriter::new(out), &name)?;
        let mut rooted = std::collections::HashSet::new();
        let all_roots = self.snapshot_roots();
        for (r, rname) in all_roots {
            if let Some(t) = g.node_of(r) {
                if rooted.insert(t) {
                    w.root(g.objs[t as usize].to_word() as u64, &rname)?;
                }
            }
        }
        let mut seen = vec![u32::MAX; g.objs.len()];
        let mut edges = Vec::new();
        let mut sites: HashMap<u32, u32> = HashMap::new();
        let mut written = 0u64;
        let types = self.m.types();
        for (i, &id) in ids.iter().enumerate() {
            if !g.is_node(i) {
                continue;
            }
            let o = g.objs[i];
            let (mut size, mut raw) = (0u64, 0u64);
            for &m in g.members(i) {
                let mo = g.objs[m as usize];
                size += types.size_of(mo) as u64;
                raw += raw_bytes(mo);
            }
            g.edges(self, i, &mut seen, &mut edges);
            let label = if crate::vm::gcheap::visible(o) {
                Vm::type_name(Value(o.word(TYPE_OFF)))
            } else {
                "(internal)".to_string()
            };
            let site = match self.trace.site_of(id) {
                Some(s) => Some(self.file_site(&mut w, &mut sites, s)?),
                None => None,
            };
            let refs: Vec<(u64, &str)> = edges
                .iter()
                .map(|(t, nm)| (g.objs[*t as usize].to_word() as u64, nm.as_str()))
                .collect();
            w.object(o.to_word() as u64, &label, size, raw, site, &refs)?;
            written += 1;
        }
        w.finish()?;
        Ok(written)
    }

    /// Writes a snapshot to the file `path`.
    pub fn gc_dump_heap(&mut self, path: &str) -> std::io::Result<u64> {
        let f = std::fs::File::create(path)?;
        self.gc_write_heap_snapshot(f)
    }
}
