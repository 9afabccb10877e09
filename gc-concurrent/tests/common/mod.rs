//! A small mock VM for the integration tests: typed objects with pointer
//! fields and checksummed payloads, var-size arrays, weak refs and
//! finalized objects, on top of `gc_api::Mutator`.
#![allow(dead_code)]

use gc_api::{
    CollectorEnv, EventKind, GcConfig, Mutator, ObjRef, RawMemory, TypeId, TypeInfo, TypeTable,
};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Light finalizers run (all tests in one process share it; compare deltas).
pub static LIGHT_FINALIZED: AtomicUsize = AtomicUsize::new(0);

fn light_fin(_o: ObjRef) {
    LIGHT_FINALIZED.fetch_add(1, Ordering::Relaxed);
}

/// Node layout: header, left @8, right @16, payload @24, checksum @32.
pub const LEFT: usize = 8;
pub const RIGHT: usize = 16;
pub const PAYLOAD: usize = 24;
pub const CHECK: usize = 32;

pub struct Vm {
    pub m: Mutator,
    pub node: TypeId,
    pub arr: TypeId,
    pub bytes: TypeId,
    pub weak: TypeId,
    pub fin: TypeId,
    pub pauses: Arc<Mutex<Vec<u64>>>,
}

pub fn checksum(payload: usize) -> usize {
    payload.wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(17) & !7
}

pub fn config(threads: usize, verify: u32, min_heap: usize) -> GcConfig {
    let mut cfg = GcConfig::with_nursery(1 << 20);
    cfg.collector = "concurrent".into();
    cfg.threads = threads;
    cfg.verify = verify;
    cfg.min_heap = min_heap;
    cfg
}

impl Vm {
    pub fn new(cfg: &GcConfig) -> Vm {
        let mut t = TypeTable::new();
        let node = t.register(TypeInfo::fixed("node", 40, vec![LEFT as u32, RIGHT as u32]));
        let (arr, bytes) = gc_parts::testing::register_arrays(&mut t, 16);
        let weak = t.register(TypeInfo::fixed("weak", 24, vec![]).with_weak_slot(8));
        let fin = t.register(TypeInfo::fixed("fin", 24, vec![8]).with_light_finalizer(light_fin));
        let env = CollectorEnv {
            types: Arc::new(t),
            raw: Arc::new(RawMemory::default()),
        };
        let c = gc_concurrent::build(cfg, env.clone()).unwrap();
        let mut m = Mutator::new(c, &env, cfg);
        let pauses = Arc::new(Mutex::new(Vec::new()));
        let p2 = pauses.clone();
        m.collector_mut().subscribe(Box::new(move |e| {
            if e.pause && e.kind == EventKind::Handshake {
                p2.lock().unwrap().push(e.duration_ns);
            }
        }));
        Vm {
            m,
            node,
            arr,
            bytes,
            weak,
            fin,
            pauses,
        }
    }

    /// A node with a checksummed payload.
    pub fn node(&mut self, payload: usize, left: usize, right: usize) -> ObjRef {
        let o = self.m.alloc(self.node).expect("alloc node");
        o.set_word(PAYLOAD, payload);
        o.set_word(CHECK, checksum(payload));
        // Initialising stores into a fresh object skip the barrier.
        o.set_word(LEFT, left);
        o.set_word(RIGHT, right);
        o
    }

    pub fn array(&mut self, len: usize) -> ObjRef {
        self.m.alloc_var(self.arr, len).expect("alloc array")
    }

    pub fn set_item(&mut self, a: ObjRef, i: usize, v: usize) {
        self.m.write_item(a, i, 16 + 8 * i, v);
    }

    pub fn item(a: ObjRef, i: usize) -> usize {
        a.word(16 + 8 * i)
    }

    pub fn len(a: ObjRef) -> usize {
        a.word(8)
    }

    /// Checks the payload of every node reachable from `root`; returns the count.
    pub fn check_tree(&self, root: usize) -> usize {
        let mut n = 0;
        let mut stack = vec![root];
        let mut seen = std::collections::HashSet::new();
        while let Some(w) = stack.pop() {
            if !gc_api::is_ref(w) || !seen.insert(w) {
                continue;
            }
            // SAFETY: reachable from a root, so alive (the property under test).
            let o = unsafe { ObjRef::from_addr_unchecked(w) };
            let tid = o.tid();
            if tid == self.node {
                let p = o.word(PAYLOAD);
                assert_eq!(o.word(CHECK), checksum(p), "node {w:#x} payload corrupted");
                stack.push(o.word(LEFT));
                stack.push(o.word(RIGHT));
            } else if tid == self.arr {
                for i in 0..Self::len(o) {
                    stack.push(Self::item(o, i));
                }
            } else {
                assert!(
                    tid == self.bytes || tid == self.weak || tid == self.fin,
                    "bad type {tid:?} at {w:#x}"
                );
            }
            n += 1;
        }
        n
    }

    pub fn barrier_active(&self) -> bool {
        self.m.context().barrier_active != 0
    }

    pub fn max_pause_ns(&self) -> u64 {
        self.pauses
            .lock()
            .unwrap()
            .iter()
            .copied()
            .max()
            .unwrap_or(0)
    }
}

/// A tiny deterministic PRNG (xorshift64*).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}
