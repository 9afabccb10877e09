//! Heap snapshots for leak diagnosis: `gc.dump_heap(path)` and
//! `pygc --heap-snapshot=PATH` (at exit). The format and the analysis
//! (`pygc-heap summary|diff|path`) are in `gc_tools::snapshot`.
//!
//! A snapshot first runs a complete collection (collectors that free), so
//! only reachable objects appear, then walks the heap. Every heap object is
//! listed, internal ones too (a list's item array, an instance's value
//! array, frames), so retained sizes add up to the heap: Python-visible
//! objects are labelled with their type's name (`list`, `Leaky`), internal
//! ones with their layout in angle brackets (`<Array>`). Roots are the VM's
//! root slots (module table, builtins, frames) and the mutator's handles. Nothing between
//! the walk and the end of writing reaches a safepoint, so addresses stay
//! valid; writing allocates nothing in the GC heap.

use crate::object::layout::{kind_of, TYPE_OFF};
use crate::object::value::Value;
use crate::vm::gcheap::visible;
use crate::vm::Vm;
use gc_api::{is_ref, CollectRequest, RootSet};
use gc_tools::snapshot::SnapshotWriter;
use std::io::{BufWriter, Write};

impl Vm {
    /// Writes a snapshot of the live heap to `out`; returns the number of
    /// objects written.
    pub fn gc_write_heap_snapshot(&mut self, out: impl Write) -> std::io::Result<u64> {
        if self.m.capabilities().reclaims {
            self.m.collect(CollectRequest::Major, &mut self.r);
        }
        let mut objs = Vec::new();
        self.m.walk_heap(&mut self.r, &mut |o| objs.push(o));
        let mut roots = Vec::new();
        let mut add = |w: &mut usize| {
            if is_ref(*w) {
                roots.push(*w as u64);
            }
        };
        self.r.trace_roots(&mut add);
        // Handles: the gc and _weakref modules' state, the spare
        // MemoryError, the code-cache list (vm/finalize.rs).
        self.m.trace_handles(&mut add);
        let name = self.m.collector_name().to_string();
        let mut w = SnapshotWriter::new(BufWriter::new(out), &name)?;
        for r in roots {
            w.root(r)?;
        }
        let mut refs = Vec::new();
        for &o in &objs {
            refs.clear();
            let types = self.m.types();
            types.for_each_slot(o, |off| {
                let v = o.word(off);
                if is_ref(v) {
                    refs.push(v as u64);
                }
            });
            let label = if visible(o) {
                Vm::type_name(Value(o.word(TYPE_OFF)))
            } else {
                format!("<{:?}>", kind_of(o))
            };
            let size = types.size_of(o) as u64;
            w.object(o.to_word() as u64, &label, size, &refs)?;
        }
        w.finish()?;
        let allocated = self.m.stats().allocated_bytes;
        self.gcx.observe(allocated);
        Ok(objs.len() as u64)
    }

    /// Writes a snapshot to the file `path`.
    pub fn gc_dump_heap(&mut self, path: &str) -> std::io::Result<u64> {
        let f = std::fs::File::create(path)?;
        self.gc_write_heap_snapshot(f)
    }
}
