//! Heap-walking helpers for the `gc` module: explicit collections with a
//! freed-object count, `get_objects`, `get_referrers`, `get_referents`,
//! `is_tracked`.
//!
//! Addresses gathered during a walk live in a Rust `Vec` only until they are
//! copied into a Python list: nothing in between reaches a safepoint
//! (allocation never collects), so no object can move or die meanwhile.

use crate::object::layout::{kind_of, Kind, TYPE_OFF};
use crate::object::value::Value;
use crate::vm::Vm;
use gc_api::{CollectRequest, ObjRef, TypeTable};
use std::collections::HashSet;

/// Internal objects nested deeper than this are not looked through.
const SEE_THROUGH_DEPTH: usize = 4;

/// Is `o` a Python-visible object (internal arrays and maps have no type)?
pub fn visible(o: ObjRef) -> bool {
    Value(o.word(TYPE_OFF)).is_ref()
}

/// Would CPython's cycle collector track `o`? Python-visible objects that
/// can hold references; not str, bytes, int, float or range.
pub fn tracked(o: ObjRef) -> bool {
    visible(o)
        && !matches!(
            kind_of(o),
            Kind::Float
                | Kind::FloatSub
                | Kind::Complex
                | Kind::Str
                | Kind::Bytes
                | Kind::BigInt
                | Kind::Range
        )
}

/// Appends the Python-visible objects `o` refers to, looking through its
/// internal arrays (a list's item array, an instance's value array; not
/// instance maps, whose attribute names are not referents in CPython). The
/// type slot counts only for instances (CPython's heap types visit it).
pub fn referents(types: &TypeTable, o: ObjRef, out: &mut Vec<usize>) {
    let with_type = kind_of(o) == Kind::Instance;
    let mut work: Vec<(ObjRef, usize)> = vec![(o, 0)];
    while let Some((x, depth)) = work.pop() {
        types.for_each_slot(x, |off| {
            if off == TYPE_OFF && !(depth == 0 && with_type) {
                return;
            }
            let Some(r) = Value(x.word(off)).obj() else {
                return;
            };
            if visible(r) {
                out.push(r.to_word());
            } else if depth < SEE_THROUGH_DEPTH
                && matches!(kind_of(r), Kind::Array | Kind::RawArray)
            {
                work.push((r, depth + 1));
            }
        });
    }
}

impl Vm {
    /// Number of objects in the heap (a walk; no allocation).
    fn heap_population(&mut self) -> u64 {
        let mut n = 0u64;
        self.m.walk_heap(&mut self.r, &mut |_| n += 1);
        n
    }

    /// An explicit collection for `gc.collect(generation)`: 0 minor, 1 and 2
    /// major. Returns the number of heap objects freed since the previous
    /// explicit collection: the heap population after that one plus the
    /// objects allocated since, minus the population now (a heap walk).
    /// Objects freed by automatic collections in between count too (they
    /// cannot count objects: collectors report bytes); internal objects such
    /// as list item arrays count. The first call can only compare with a
    /// walk, which collects the nursery first, so young garbage is missed.
    /// (nogc counts the objects a collection found dead, though it never
    /// reuses their memory.) Finalizers found by the collection run (and
    /// what they free is reclaimed) before the count.
    /// Services the tools after.
    pub fn gc_collect_now(&mut self, generation: usize) -> u64 {
        let req = if generation == 0 {
            CollectRequest::Minor
        } else {
            CollectRequest::Major
        };
        let before = match self.gcx.census {
            Some((population, allocs)) => population + (self.gcx.allocs - allocs),
            None => self.heap_population(),
        };
        self.m.collect(req, &mut self.r);
        // Finalizers and weakref callbacks run here, and the objects they
        // released are reclaimed before the census: what this collection
        // found unreachable is counted by this call, not the next one.
        self.gc_finalize_rounds(generation);
        // Cells of inline caches this collection found dead are dropped now
        // and counted as freed by it (they are reclaimed by the next one).
        let dropped = self.prune_code_caches();
        let after = self.heap_population().saturating_sub(dropped);
        self.gcx.census = Some((after, self.gcx.allocs));
        let allocated = self.m.stats().allocated_bytes;
        // Explicit collections are not reported to callbacks as automatic.
        self.gcx.observe(allocated);
        let freed = before.saturating_sub(after);
        self.gcx.collected[generation.min(2)] += freed;
        self.gc_service();
        freed
    }

    /// Addresses of every tracked object, after a full collection (a dead
    /// object left in place, unswept or on nogc, must not be resurrected:
    /// heap walks skip what the collection found dead).
    fn tracked_objects(&mut self) -> Vec<usize> {
        self.m.collect(CollectRequest::Major, &mut self.r);
        let mut v = Vec::new();
        self.m.walk_heap(&mut self.r, &mut |o| {
            if tracked(o) {
                v.push(o.to_word());
            }
        });
        v
    }

    /// Number of tracked objects alive (after a complete collection).
    pub fn gc_tracked_count(&mut self) -> u64 {
        self.tracked_objects().len() as u64
    }

    fn list_of_addrs(&mut self, addrs: &[usize]) -> Value {
        let vals: Vec<Value> = addrs.iter().map(|&a| Value(a)).collect();
        self.new_list(&vals)
    }

    /// `gc.get_objects()`: a list of every tracked object.
    pub fn gc_get_objects(&mut self) -> Value {
        let v = self.tracked_objects();
        self.list_of_addrs(&v)
    }

    /// `gc.get_referents(*objs)`.
    pub fn gc_get_referents(&mut self, objs: &[Value]) -> Value {
        let mut out = Vec::new();
        for o in objs.iter().filter_map(|v| v.obj()) {
            if visible(o) {
                referents(self.m.types(), o, &mut out);
            }
        }
        self.list_of_addrs(&out)
    }

    /// `gc.get_referrers(*objs)`: tracked objects that refer to any of `objs`.
    pub fn gc_get_referrers(&mut self, objs: &[Value]) -> Value {
        let base = self.root_depth();
        for &o in objs {
            self.push_root(o);
        }
        let all = self.tracked_objects();
        let targets: HashSet<usize> = self
            .r
            .words_from(base)
            .into_iter()
            .filter(|&w| Value(w).is_ref())
            .collect();
        self.pop_roots(base);
        let mut found = Vec::new();
        let mut scratch = Vec::new();
        for &a in &all {
            let Some(o) = Value(a).obj() else { continue };
            scratch.clear();
            referents(self.m.types(), o, &mut scratch);
            if scratch.iter().any(|r| targets.contains(r)) {
                found.push(a);
            }
        }
        self.list_of_addrs(&found)
    }
}

/// Bytes of `o` in the heap plus those of the internal arrays it owns (a
/// list's item array, a dict's tables, an instance's value array), looked
/// through like [`referents`].
pub fn deep_size(types: &TypeTable, o: ObjRef) -> usize {
    let mut total = types.size_of(o);
    let mut work: Vec<(ObjRef, usize)> = vec![(o, 0)];
    while let Some((x, depth)) = work.pop() {
        types.for_each_slot(x, |off| {
            if off == TYPE_OFF {
                return;
            }
            let Some(r) = Value(x.word(off)).obj() else {
                return;
            };
            if !visible(r)
                && depth < SEE_THROUGH_DEPTH
                && matches!(kind_of(r), Kind::Array | Kind::RawArray)
            {
                total += types.size_of(r);
                work.push((r, depth + 1));
            }
        });
    }
    total
}

/// `sys.getsizeof(obj[, default])`: `obj.__sizeof__()` for classes that
/// define it, else the object's bytes in pygc's heap (header included) plus
/// its internal arrays (see [`deep_size`]); small ints and the immediates
/// (None, True, ...) are tagged words: 8. Like CPython 3.11, 32 bytes of "GC
/// header" (GC link and managed-dict words, as in 3.11) are added for
/// instances of classes defining `__sizeof__`.
pub fn getsizeof<'s>(
    vm: &mut Vm,
    _s: crate::vm::rooted::Scope<'s>,
    args: crate::vm::rooted::Args<'s>,
) -> crate::vm::PyResult {
    const SIG: crate::vm::clinic::Sig = crate::vm::clinic::Sig {
        fname: "getsizeof",
        names: &["object", "default"],
        posonly: 0,
        maxpos: 2,
        required: 1,
    };
    let b = SIG.bind(vm, args)?;
    let o = b[0].expect("required");
    match sizeof(vm, args.v(vm, o)) {
        Err(e) => match b[1] {
            // a TypeError from `__sizeof__` gives the default (CPython)
            Some(d) if vm.exc_is(crate::object::T::TypeError) => {
                let _ = e;
                vm.take_exc();
                Ok(args.v(vm, d))
            }
            _ => Err(e),
        },
        r => r,
    }
}

fn sizeof(vm: &mut Vm, v: Value) -> crate::vm::PyResult {
    let t = vm.type_of(v);
    if Vm::type_flags(t) & crate::object::types::F_HEAP != 0 {
        if let Some(f) = vm.type_lookup_n(t, crate::object::N::Sizeof) {
            if !Vm::is_kind(f, Kind::Builtin) {
                let r = vm.call0(f, &[v])?;
                // PyLong_AsSsize_t: an int (no __index__)
                if !vm.isinstance(r, vm.ty(crate::object::T::Int)) {
                    let m = "an integer is required";
                    return Err(vm.raise_msg(crate::object::T::TypeError, m));
                }
                let n = vm.index_of(r)?;
                if n < 0 {
                    return Err(vm.raise_msg(
                        crate::object::T::ValueError,
                        "__sizeof__() should return >= 0",
                    ));
                }
                return Ok(Value::int(n + 32));
            }
        }
    }
    let n = match v.obj() {
        Some(o) => deep_size(vm.m.types(), o),
        None => 8,
    };
    Ok(Value::int(n as i64))
}
