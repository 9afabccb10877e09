//! The type table: how the collector finds an object's size and references.
//!
//! The mutator describes every object layout once, before it creates the
//! collector, and the table is frozen after that (shared as `Arc<TypeTable>`
//! with collector threads). A layout is a fixed part (header included) and, for
//! var-size objects, a length word plus `length` items of equal size.

use crate::header::{round_object_size, ObjRef, TypeId, HEADER_SIZE, MIN_OBJECT_SIZE};

/// A function run by the collector when an object of its type dies (a *light*
/// finalizer, as PyPy calls them): it may read the dying object's own
/// non-reference fields (say, a raw buffer pointer) and free raw memory; it
/// must not allocate, touch other GC objects or call back into the VM. It may
/// run on a collector thread.
pub type LightFinalizer = fn(ObjRef);

/// The variable-size part of a layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarLayout {
    /// Byte offset of the length word (number of items) in the fixed part.
    pub length_offset: u32,
    /// Size of one item in bytes (1 for byte strings, 8 for word arrays...).
    pub item_size: u32,
    /// Byte offsets, inside one item, of its reference slots.
    pub item_ref_offsets: Vec<u32>,
}

/// One registered layout.
#[derive(Clone, Debug)]
pub struct TypeInfo {
    /// Human-readable name (snapshots, logs, errors).
    pub name: String,
    /// Size of the fixed part in bytes, header included; a multiple of 8.
    pub fixed_size: u32,
    /// Byte offsets (from the header) of reference slots in the fixed part.
    pub ref_offsets: Vec<u32>,
    /// The items, for var-size objects. Items start at `fixed_size`.
    pub var: Option<VarLayout>,
    /// A light finalizer run when the object dies.
    pub light_finalizer: Option<LightFinalizer>,
    /// For weak-reference objects: the offset of the weak slot. It is not
    /// traced; the collector sets it to 0 when its referent dies.
    pub weak_offset: Option<u32>,
}

impl TypeInfo {
    /// A fixed-size layout of `fixed_size` bytes (header included) whose
    /// reference slots are at `ref_offsets`.
    pub fn fixed(name: impl Into<String>, fixed_size: u32, ref_offsets: Vec<u32>) -> TypeInfo {
        TypeInfo {
            name: name.into(),
            fixed_size,
            ref_offsets,
            var: None,
            light_finalizer: None,
            weak_offset: None,
        }
    }

    /// A var-size layout.
    pub fn var_size(
        name: impl Into<String>,
        fixed_size: u32,
        ref_offsets: Vec<u32>,
        var: VarLayout,
    ) -> TypeInfo {
        TypeInfo {
            var: Some(var),
            ..TypeInfo::fixed(name, fixed_size, ref_offsets)
        }
    }

    /// Adds a light finalizer.
    pub fn with_light_finalizer(mut self, f: LightFinalizer) -> TypeInfo {
        self.light_finalizer = Some(f);
        self
    }

    /// Marks the slot at `offset` as a weak reference.
    pub fn with_weak_slot(mut self, offset: u32) -> TypeInfo {
        self.weak_offset = Some(offset);
        self
    }

    /// Must objects of this type be allocated through the collector's slow path?
    /// (The collector has to keep a list of them: finalizers, weak refs.)
    #[inline(always)]
    pub fn needs_slow_alloc(&self) -> bool {
        self.light_finalizer.is_some() || self.weak_offset.is_some()
    }

    /// Total size in bytes of an object of this type with `length` items.
    #[inline(always)]
    pub fn size_for(&self, length: usize) -> usize {
        match &self.var {
            None => self.fixed_size as usize,
            Some(v) => round_object_size(self.fixed_size as usize + length * v.item_size as usize),
        }
    }

    /// Does an object of this type contain any (strong) references?
    pub fn has_refs(&self) -> bool {
        !self.ref_offsets.is_empty()
            || self
                .var
                .as_ref()
                .is_some_and(|v| !v.item_ref_offsets.is_empty())
    }

    fn validate(&self) -> Result<(), String> {
        let fs = self.fixed_size as usize;
        if fs < MIN_OBJECT_SIZE || !fs.is_multiple_of(8) {
            return Err(format!(
                "type {}: fixed size {fs} must be a multiple of 8 and at least {MIN_OBJECT_SIZE}",
                self.name
            ));
        }
        let in_fixed =
            |o: u32| (o as usize) >= HEADER_SIZE && (o as usize) + 8 <= fs && o.is_multiple_of(8);
        for &o in &self.ref_offsets {
            if !in_fixed(o) {
                return Err(format!("type {}: bad reference offset {o}", self.name));
            }
        }
        if let Some(w) = self.weak_offset {
            if !in_fixed(w) || self.ref_offsets.contains(&w) {
                return Err(format!("type {}: bad weak offset {w}", self.name));
            }
        }
        if let Some(v) = &self.var {
            if !in_fixed(v.length_offset) || self.ref_offsets.contains(&v.length_offset) {
                return Err(format!("type {}: bad length offset", self.name));
            }
            if v.item_size == 0 {
                return Err(format!("type {}: zero item size", self.name));
            }
            for &o in &v.item_ref_offsets {
                if o % 8 != 0 || o + 8 > v.item_size || v.item_size % 8 != 0 {
                    return Err(format!("type {}: bad item reference offset {o}", self.name));
                }
            }
        }
        Ok(())
    }
}

/// All registered layouts, indexed by [`TypeId`]. Frozen once built.
#[derive(Clone, Debug, Default)]
pub struct TypeTable {
    types: Vec<TypeInfo>,
}

impl TypeTable {
    /// An empty table.
    pub fn new() -> TypeTable {
        TypeTable { types: Vec::new() }
    }

    /// Registers a layout and returns its id. Panics on an invalid layout:
    /// layouts are program constants, so a bad one is a bug in the VM.
    pub fn register(&mut self, info: TypeInfo) -> TypeId {
        if let Err(e) = info.validate() {
            panic!("invalid GC layout: {e}");
        }
        self.types.push(info);
        TypeId((self.types.len() - 1) as u32)
    }

    /// The layout for `tid`. Panics on an unknown id, which means a corrupted
    /// header (for example a pointer into poisoned, freed memory).
    #[inline(always)]
    pub fn get(&self, tid: TypeId) -> &TypeInfo {
        match self.types.get(tid.0 as usize) {
            Some(t) => t,
            None => panic!(
                "heap corruption: type id {:#x} is not registered (freed or poisoned memory?)",
                tid.0
            ),
        }
    }

    /// Is `tid` a registered id?
    pub fn contains(&self, tid: TypeId) -> bool {
        (tid.0 as usize) < self.types.len()
    }

    /// Number of registered layouts.
    pub fn len(&self) -> usize {
        self.types.len()
    }

    /// Whether no layout is registered.
    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }

    /// Iterates over `(id, layout)` pairs.
    pub fn iter(&self) -> impl Iterator<Item = (TypeId, &TypeInfo)> {
        self.types
            .iter()
            .enumerate()
            .map(|(i, t)| (TypeId(i as u32), t))
    }

    /// The number of items of a var-size object (0 for fixed-size ones).
    #[inline(always)]
    pub fn length_of(&self, obj: ObjRef) -> usize {
        match &self.get(obj.tid()).var {
            None => 0,
            Some(v) => obj.word(v.length_offset as usize),
        }
    }

    /// The total size of `obj` in bytes.
    #[inline(always)]
    pub fn size_of(&self, obj: ObjRef) -> usize {
        let info = self.get(obj.tid());
        match &info.var {
            None => info.fixed_size as usize,
            Some(v) => info.size_for(obj.word(v.length_offset as usize)),
        }
    }

    /// Calls `f` with the byte offset of every strong reference slot of `obj`
    /// (the slot may hold null or an immediate: test with [`crate::is_ref`]).
    #[inline]
    pub fn for_each_slot(&self, obj: ObjRef, mut f: impl FnMut(usize)) {
        let info = self.get(obj.tid());
        for &o in &info.ref_offsets {
            f(o as usize);
        }
        if let Some(v) = &info.var {
            if v.item_ref_offsets.is_empty() {
                return;
            }
            let n = obj.word(v.length_offset as usize);
            let base = info.fixed_size as usize;
            let isz = v.item_size as usize;
            for i in 0..n {
                for &o in &v.item_ref_offsets {
                    f(base + i * isz + o as usize);
                }
            }
        }
    }

    /// Like [`TypeTable::for_each_slot`] restricted to the items with index in
    /// `start..end` (card scanning). Fixed-part slots are not visited.
    #[inline]
    pub fn for_each_item_slot(
        &self,
        obj: ObjRef,
        start: usize,
        end: usize,
        mut f: impl FnMut(usize),
    ) {
        let info = self.get(obj.tid());
        if let Some(v) = &info.var {
            let n = obj.word(v.length_offset as usize);
            let base = info.fixed_size as usize;
            let isz = v.item_size as usize;
            for i in start.min(n)..end.min(n) {
                for &o in &v.item_ref_offsets {
                    f(base + i * isz + o as usize);
                }
            }
        }
    }

    /// The byte offset of item `index` of a var-size object.
    #[inline(always)]
    pub fn item_offset(&self, tid: TypeId, index: usize) -> usize {
        let info = self.get(tid);
        let v = info.var.as_ref().expect("item_offset on a fixed-size type");
        info.fixed_size as usize + index * v.item_size as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_round_up() {
        let mut t = TypeTable::new();
        let arr = t.register(TypeInfo::var_size(
            "bytes",
            24,
            vec![],
            VarLayout {
                length_offset: 16,
                item_size: 1,
                item_ref_offsets: vec![],
            },
        ));
        assert_eq!(t.get(arr).size_for(0), 24);
        assert_eq!(t.get(arr).size_for(1), 32);
        assert_eq!(t.get(arr).size_for(8), 32);
        assert_eq!(t.get(arr).size_for(9), 40);
    }

    #[test]
    #[should_panic(expected = "bad reference offset")]
    fn rejects_header_as_slot() {
        let mut t = TypeTable::new();
        t.register(TypeInfo::fixed("bad", 16, vec![0]));
    }

    #[test]
    #[should_panic(expected = "heap corruption")]
    fn unknown_tid_is_reported() {
        TypeTable::new().get(TypeId(0xdddd_dddd));
    }
}
