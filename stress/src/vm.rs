//! The mock mutator: a tiny VM written directly against gc-api's [`Mutator`].
//!
//! It owns a [`Mutator`] built from any collector constructor, a fixed type
//! table ([`Types`]) and a `Vec<usize>` of root slots that it passes as the
//! [`gc_api::RootSet`] at every safepoint. The stress suite drives it with
//! random operations; the benches build trees with it.
//!
//! Every object type used by the stress suite stores a *serial word* at
//! [`SERIAL`]: the object's serial number with the VM's id in the high bits,
//! so objects can be matched with the shadow model and light finalizers
//! (plain `fn(ObjRef)`, possibly run on collector threads) can report which
//! VM's object died through a global, lock-protected log.
//!
//! Layouts (byte offsets from the header):
//!
//! | type | size | refs | data |
//! |---|---|---|---|
//! | `guard` | 16 | – | never allocated: a zeroed header reads as this id |
//! | `node` | 56 | 16, 24, 32 | serial 8, checksum 40, 48 |
//! | `leaf` | 32 | 16 | serial 8, checksum 24 |
//! | `light` | 32 | 16 | as `leaf`, with a light finalizer |
//! | `weak` | 32 | weak slot 16 | serial 8, checksum 24 |
//! | `array` | 32 + 8n | items | serial 8, length 16, checksum 24 |
//! | `blob` | 32 + 8n | – | serial 8, length 16, checksum 24, items = checksums |
//! | `pair` | 24 | 8, 16 | – (benches: binary-trees) |
//! | `gcb_node` | 40 | 8, 16 | i 24, j 32 (benches: GCBench) |
//! | `f64_array` | 16 + 8n | – | length 8 (benches: GCBench) |

use gc_api::{
    AllocError, CollectOutcome, CollectRequest, Collector, CollectorEntry, CollectorEnv,
    ConfigError, GcConfig, Mutator, ObjRef, RawMemory, TypeId, TypeInfo, TypeTable, VarLayout,
};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

/// A collector constructor (a registry entry's `build`, or a wrapper around one).
pub type BuildCollector<'a> =
    &'a dyn Fn(&GcConfig, CollectorEnv) -> Result<Box<dyn Collector>, ConfigError>;

/// Offset of the serial word in every stress object.
pub const SERIAL: usize = 8;
/// Number of reference fields of a `node`.
pub const NODE_REFS: usize = 3;
/// Offset of the first reference field of a `node`.
pub const NODE_REF0: usize = 16;
/// Offset of the first checksum word of a `node`.
pub const NODE_CHK: usize = 40;
/// Offset of the reference (leaf, light) or weak slot (weak).
pub const SMALL_SLOT: usize = 16;
/// Offset of the checksum word of leaf, light and weak objects.
pub const SMALL_CHK: usize = 24;
/// Offset of the length word of array and blob objects.
pub const VAR_LEN: usize = 16;
/// Offset of the checksum word of array and blob objects.
pub const VAR_CHK: usize = 24;
/// Fixed size (start of the items) of array and blob objects.
pub const VAR_FIXED: usize = 32;
/// `pair` slots.
pub const PAIR_LEFT: usize = 8;
/// `pair` right slot.
pub const PAIR_RIGHT: usize = 16;
/// `gcb_node` left slot (right is +8, i and j follow).
pub const GCB_LEFT: usize = 8;
/// `gcb_node` right slot.
pub const GCB_RIGHT: usize = 16;
/// `gcb_node` integer fields.
pub const GCB_I: usize = 24;
/// `gcb_node` second integer field.
pub const GCB_J: usize = 32;
/// Items of an `f64_array` start here.
pub const F64_ITEMS: usize = 16;

/// The kinds of object the stress suite allocates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Three reference fields and two checksum words.
    Node,
    /// One reference field.
    Leaf,
    /// One reference field and a light finalizer.
    Light,
    /// A weak reference.
    Weak,
    /// A var-size array of references.
    Array,
    /// A var-size array of non-reference words.
    Blob,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 6] = [
        Kind::Node,
        Kind::Leaf,
        Kind::Light,
        Kind::Weak,
        Kind::Array,
        Kind::Blob,
    ];

    /// Number of strong reference slots of an object of this kind with `len` items.
    pub fn ref_slots(self, len: usize) -> usize {
        match self {
            Kind::Node => NODE_REFS,
            Kind::Leaf | Kind::Light => 1,
            Kind::Array => len,
            Kind::Weak | Kind::Blob => 0,
        }
    }

    /// Is this a var-size kind?
    pub fn is_var(self) -> bool {
        matches!(self, Kind::Array | Kind::Blob)
    }
}

/// The registered type ids.
#[derive(Clone, Copy, Debug)]
pub struct Types {
    /// Id 0, never allocated.
    pub guard: TypeId,
    /// See the module docs.
    pub node: TypeId,
    /// See the module docs.
    pub leaf: TypeId,
    /// See the module docs.
    pub light: TypeId,
    /// See the module docs.
    pub weak: TypeId,
    /// See the module docs.
    pub array: TypeId,
    /// See the module docs.
    pub blob: TypeId,
    /// See the module docs.
    pub pair: TypeId,
    /// See the module docs.
    pub gcb_node: TypeId,
    /// See the module docs.
    pub f64_array: TypeId,
}

impl Types {
    /// Builds the table and the ids.
    pub fn table() -> (TypeTable, Types) {
        let mut t = TypeTable::new();
        let words = |n: u32| VarLayout {
            length_offset: VAR_LEN as u32,
            item_size: 8,
            item_ref_offsets: if n == 1 { vec![0] } else { vec![] },
        };
        let types = Types {
            guard: t.register(TypeInfo::fixed("guard", 16, vec![])),
            node: t.register(TypeInfo::fixed("node", 56, vec![16, 24, 32])),
            leaf: t.register(TypeInfo::fixed("leaf", 32, vec![16])),
            light: t.register(
                TypeInfo::fixed("light", 32, vec![16]).with_light_finalizer(light_finalizer),
            ),
            weak: t.register(TypeInfo::fixed("weak", 32, vec![]).with_weak_slot(SMALL_SLOT as u32)),
            array: t.register(TypeInfo::var_size(
                "array",
                VAR_FIXED as u32,
                vec![],
                words(1),
            )),
            blob: t.register(TypeInfo::var_size(
                "blob",
                VAR_FIXED as u32,
                vec![],
                words(0),
            )),
            pair: t.register(TypeInfo::fixed("pair", 24, vec![8, 16])),
            gcb_node: t.register(TypeInfo::fixed("gcb_node", 40, vec![8, 16])),
            f64_array: t.register(TypeInfo::var_size(
                "f64_array",
                16,
                vec![],
                VarLayout {
                    length_offset: 8,
                    item_size: 8,
                    item_ref_offsets: vec![],
                },
            )),
        };
        (t, types)
    }

    /// The type id of a kind.
    pub fn tid(&self, kind: Kind) -> TypeId {
        match kind {
            Kind::Node => self.node,
            Kind::Leaf => self.leaf,
            Kind::Light => self.light,
            Kind::Weak => self.weak,
            Kind::Array => self.array,
            Kind::Blob => self.blob,
        }
    }

    /// The kind of a type id, if it is a stress kind.
    pub fn kind(&self, tid: TypeId) -> Option<Kind> {
        Kind::ALL.into_iter().find(|&k| self.tid(k) == tid)
    }
}

/// The checksum word `i` of the object whose serial word is `serial_word`
/// (a splitmix64 step: every bit depends on both inputs).
pub fn checksum(serial_word: u64, i: u64) -> usize {
    let mut z = serial_word
        .wrapping_mul(0x9e37_79b9_7f4a_7c15)
        .wrapping_add(i.wrapping_mul(0xbf58_476d_1ce4_e5b9));
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    (z ^ (z >> 31)) as usize
}

/// Bits of the serial word below the VM id.
pub const SERIAL_BITS: u32 = 40;

/// Splits a serial word into (vm id, serial).
pub fn split_serial(word: usize) -> (u32, u64) {
    (
        (word as u64 >> SERIAL_BITS) as u32,
        word as u64 & ((1 << SERIAL_BITS) - 1),
    )
}

/// Encodes a small integer as a non-reference word (odd, so `is_ref` is false).
pub fn int_word(v: u32) -> usize {
    ((v as usize) << 1) | 1
}

// ----- light finalizer log ---------------------------------------------------

/// `(serial word, payload intact)` of every light finalizer run, per VM id.
type LightLog = HashMap<u32, Vec<(usize, bool)>>;
static LIGHT_LOG: Mutex<Option<LightLog>> = Mutex::new(None);
static NEXT_VM_ID: AtomicU32 = AtomicU32::new(1);

/// The light finalizer of `light` objects: records which object died and
/// whether its own payload was still intact. Reads only its own fields.
fn light_finalizer(obj: ObjRef) {
    let sw = obj.word(SERIAL);
    let ok = obj.word(SMALL_CHK) == checksum(sw as u64, 0);
    let (vm, _) = split_serial(sw);
    let mut log = LIGHT_LOG.lock().unwrap_or_else(|p| p.into_inner());
    log.get_or_insert_with(HashMap::new)
        .entry(vm)
        .or_default()
        .push((sw, ok));
}

// ----- the VM ------------------------------------------------------------------

/// The mock VM.
pub struct MockVm {
    /// The mutator (fast paths, shadow stack, collector).
    pub mutator: Mutator,
    /// The type ids.
    pub types: Types,
    /// The VM's root slots, passed as the root set at every safepoint.
    pub roots: Vec<usize>,
    vm_id: u32,
    next_serial: u64,
}

impl std::fmt::Debug for MockVm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockVm")
            .field("collector", &self.mutator.collector_name())
            .field("vm_id", &self.vm_id)
            .finish()
    }
}

impl Drop for MockVm {
    fn drop(&mut self) {
        let mut log = LIGHT_LOG.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(m) = log.as_mut() {
            m.remove(&self.vm_id);
        }
    }
}

impl MockVm {
    /// A VM on the collector built by `build` from `config`.
    pub fn new(build: BuildCollector<'_>, config: &GcConfig) -> Result<MockVm, ConfigError> {
        let (table, types) = Types::table();
        let env = CollectorEnv {
            types: Arc::new(table),
            raw: Arc::new(RawMemory::default()),
        };
        let collector = build(config, env.clone())?;
        let vm_id = NEXT_VM_ID.fetch_add(1, Ordering::Relaxed) % (1 << 23) + 1;
        Ok(MockVm {
            mutator: Mutator::new(collector, &env, config),
            types,
            roots: Vec::new(),
            vm_id,
            next_serial: 1,
        })
    }

    /// A VM on a registry entry (the config's `collector` is set to its name).
    pub fn for_entry(entry: &CollectorEntry, config: &GcConfig) -> Result<MockVm, ConfigError> {
        let mut cfg = config.clone();
        cfg.collector = entry.name.to_string();
        MockVm::new(&entry.build, &cfg)
    }

    /// This VM's id (high bits of its serial words).
    pub fn vm_id(&self) -> u32 {
        self.vm_id
    }

    /// Polls for a safepoint with the VM's roots.
    #[inline(always)]
    pub fn safepoint(&mut self) {
        self.mutator.safepoint(&mut self.roots);
    }

    /// An explicit collection with the VM's roots.
    pub fn collect(&mut self, req: CollectRequest) -> CollectOutcome {
        self.mutator.collect(req, &mut self.roots)
    }

    /// Verifies the heap with the VM's roots.
    pub fn verify(&mut self) -> Result<(), String> {
        self.mutator.verify(&mut self.roots)
    }

    /// Every object in the heap.
    pub fn walk(&mut self, f: &mut dyn FnMut(ObjRef)) {
        self.mutator.walk_heap(&mut self.roots, f)
    }

    /// Light finalizers run for this VM's objects since the last call:
    /// `(serial, payload intact)`.
    pub fn take_light_finalized(&self) -> Vec<(u64, bool)> {
        let mut log = LIGHT_LOG.lock().unwrap_or_else(|p| p.into_inner());
        let v = log
            .as_mut()
            .and_then(|m| m.remove(&self.vm_id))
            .unwrap_or_default();
        v.into_iter()
            .map(|(w, ok)| (split_serial(w).1, ok))
            .collect()
    }

    /// The serial word for serial `s` of this VM.
    pub fn serial_word(&self, s: u64) -> usize {
        ((self.vm_id as usize) << SERIAL_BITS) | s as usize
    }

    fn fresh_serial(&mut self) -> u64 {
        let s = self.next_serial;
        self.next_serial += 1;
        s
    }

    /// The serial the next stress allocation will get.
    pub fn peek_serial(&self) -> u64 {
        self.next_serial
    }

    fn stamp(&mut self, obj: ObjRef) -> u64 {
        let s = self.fresh_serial();
        obj.set_word(SERIAL, self.serial_word(s));
        s
    }

    /// Allocates a `node` with initial fields `refs` (initialising stores,
    /// no barrier). Returns the object and its serial.
    pub fn alloc_node(&mut self, refs: [usize; NODE_REFS]) -> Result<(ObjRef, u64), AllocError> {
        let obj = self.mutator.alloc(self.types.node)?;
        let s = self.stamp(obj);
        for (i, r) in refs.iter().enumerate() {
            obj.set_word(NODE_REF0 + 8 * i, *r);
        }
        let sw = self.serial_word(s) as u64;
        obj.set_word(NODE_CHK, checksum(sw, 0));
        obj.set_word(NODE_CHK + 8, checksum(sw, 1));
        Ok((obj, s))
    }

    /// Allocates a `leaf` (or `light`, with a light finalizer) holding `r`.
    pub fn alloc_small(&mut self, light: bool, r: usize) -> Result<(ObjRef, u64), AllocError> {
        let tid = if light {
            self.types.light
        } else {
            self.types.leaf
        };
        let obj = self.mutator.alloc(tid)?;
        let s = self.stamp(obj);
        obj.set_word(SMALL_SLOT, r);
        obj.set_word(SMALL_CHK, checksum(self.serial_word(s) as u64, 0));
        Ok((obj, s))
    }

    /// Allocates a weak reference to `target` (a reference or 0).
    pub fn alloc_weak(&mut self, target: usize) -> Result<(ObjRef, u64), AllocError> {
        let obj = self.mutator.alloc(self.types.weak)?;
        let s = self.stamp(obj);
        obj.set_word(SMALL_SLOT, target);
        obj.set_word(SMALL_CHK, checksum(self.serial_word(s) as u64, 0));
        Ok((obj, s))
    }

    /// Allocates an `array` of `len` references, item `i` initialised to
    /// `fill(i)`, or a `blob` of `len` checksum words.
    pub fn alloc_var(
        &mut self,
        kind: Kind,
        len: usize,
        fill: impl Fn(usize) -> usize,
    ) -> Result<(ObjRef, u64), AllocError> {
        let is_array = kind == Kind::Array;
        let tid = if is_array {
            self.types.array
        } else {
            self.types.blob
        };
        let obj = self.mutator.alloc_var(tid, len)?;
        let s = self.stamp(obj);
        let sw = self.serial_word(s) as u64;
        obj.set_word(VAR_CHK, checksum(sw, len as u64));
        for i in 0..len {
            let w = if is_array {
                fill(i)
            } else {
                checksum(sw, 1000 + i as u64)
            };
            obj.set_word(VAR_FIXED + 8 * i, w);
        }
        Ok((obj, s))
    }

    // ----- bench objects (no serials) -----------------------------------------

    /// A binary-trees node (initialising stores).
    #[inline(always)]
    pub fn alloc_pair(&mut self, left: usize, right: usize) -> Result<ObjRef, AllocError> {
        let obj = self.mutator.alloc(self.types.pair)?;
        obj.set_word(PAIR_LEFT, left);
        obj.set_word(PAIR_RIGHT, right);
        Ok(obj)
    }

    /// A GCBench node (initialising stores).
    #[inline(always)]
    pub fn alloc_gcb_node(&mut self, left: usize, right: usize) -> Result<ObjRef, AllocError> {
        let obj = self.mutator.alloc(self.types.gcb_node)?;
        obj.set_word(GCB_LEFT, left);
        obj.set_word(GCB_RIGHT, right);
        Ok(obj)
    }

    /// An array of `len` f64 (zeroed).
    pub fn alloc_f64_array(&mut self, len: usize) -> Result<ObjRef, AllocError> {
        self.mutator.alloc_var(self.types.f64_array, len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vm() -> MockVm {
        let entry = &gc_registry::COLLECTORS[0];
        MockVm::for_entry(entry, &GcConfig::with_nursery(64 << 10)).unwrap()
    }

    #[test]
    fn objects_carry_serials_and_checksums() {
        let mut vm = vm();
        let (a, sa) = vm.alloc_small(false, 0).unwrap();
        let (n, sn) = vm.alloc_node([a.to_word(), int_word(7), 0]).unwrap();
        assert_eq!(split_serial(a.word(SERIAL)), (vm.vm_id(), sa));
        assert_eq!(split_serial(n.word(SERIAL)).1, sn);
        assert_ne!(sa, sn);
        assert_eq!(n.word(NODE_REF0), a.to_word());
        assert!(!gc_api::is_ref(n.word(NODE_REF0 + 8)));
        let (b, _) = vm.alloc_var(Kind::Blob, 5, |_| 0).unwrap();
        assert_eq!(vm.mutator.types().length_of(b), 5);
        assert_ne!(b.word(VAR_FIXED), b.word(VAR_FIXED + 8));
        assert_eq!(vm.types.kind(n.tid()), Some(Kind::Node));
        assert_eq!(vm.types.kind(vm.types.pair), None);
    }

    #[test]
    fn checksum_depends_on_both_inputs() {
        assert_ne!(checksum(1, 0), checksum(2, 0));
        assert_ne!(checksum(1, 0), checksum(1, 1));
    }

    #[test]
    fn light_log_is_per_vm() {
        let vm1 = vm();
        let vm2 = vm();
        let (t, _) = Types::table();
        let _ = t;
        // Simulate a finalizer run on a fake object of vm2 by calling the function
        // on a real object.
        let mut vm2 = vm2;
        let (o, s) = vm2.alloc_small(true, 0).unwrap();
        light_finalizer(o);
        assert!(vm1.take_light_finalized().is_empty());
        assert_eq!(vm2.take_light_finalized(), vec![(s, true)]);
        assert!(vm2.take_light_finalized().is_empty());
    }
}
