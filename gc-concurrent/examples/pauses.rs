//! Pause times of the concurrent collector on a binary-trees-like workload
//! with a large live heap.
//!
//! `cargo run --release -p gc-concurrent --example pauses -- 64 256 1024`
//! builds long-lived trees totalling about N MB, then keeps allocating
//! short-lived trees (depth 12) for several GC cycles, calling a safepoint
//! after every tree node batch. It prints handshake pauses (max, p99, count),
//! the longest safepoint call seen by the mutator, and the cycle count.
//! `--threads=N` sets the GC threads, `--weak=N` adds N weak references.

use gc_api::{
    CollectorEnv, EventKind, GcConfig, Mutator, ObjRef, RawMemory, RootSet, TypeId, TypeInfo,
    TypeTable,
};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

const NODE: usize = 32; // header, left, right, payload

fn tree(m: &mut Mutator, node: TypeId, depth: u32, roots: &mut dyn RootSet) -> ObjRef {
    // Bottom-up construction keeps every subtree reachable from its parent
    // before the next safepoint.
    let o = m.alloc(node).expect("alloc");
    o.set_word(24, depth as usize * 2 + 1);
    if depth > 0 {
        let mark = m.root_mark();
        let h = m.root(o.to_word());
        let l = tree(m, node, depth - 1, roots);
        let o = unsafe_obj(m.root_get(h));
        m.write_ref(o, 8, l.to_word());
        let r = tree(m, node, depth - 1, roots);
        let o = unsafe_obj(m.root_get(h));
        m.write_ref(o, 16, r.to_word());
        if depth >= 6 {
            timed_safepoint(m, roots);
        }
        let o = unsafe_obj(m.root_get(h));
        m.root_release(mark);
        return o;
    }
    o
}

/// The longest `Mutator::safepoint` call seen (ns): what the mutator
/// experiences, including GC-thread wake-ups after a handshake.
static MAX_SAFEPOINT: AtomicU64 = AtomicU64::new(0);
/// The longest gap seen around a no-op in the same loop: the OS scheduling
/// noise floor (other processes, GC threads) that any mutator code suffers.
static MAX_NOOP: AtomicU64 = AtomicU64::new(0);

fn timed_safepoint(m: &mut Mutator, roots: &mut dyn RootSet) {
    let s = Instant::now();
    std::hint::black_box(m.safepoint_pending());
    MAX_NOOP.fetch_max(s.elapsed().as_nanos() as u64, Ordering::Relaxed);
    let s = Instant::now();
    m.safepoint(roots);
    MAX_SAFEPOINT.fetch_max(s.elapsed().as_nanos() as u64, Ordering::Relaxed);
}

fn unsafe_obj(w: usize) -> ObjRef {
    // SAFETY: `w` comes from a rooted handle holding a node.
    unsafe { ObjRef::from_addr_unchecked(w) }
}

fn percentile(v: &mut [u64], p: f64) -> u64 {
    if v.is_empty() {
        return 0;
    }
    v.sort_unstable();
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i]
}

fn run(live_mb: usize, threads: Option<usize>, weak: usize) {
    let mut t = TypeTable::new();
    let node = t.register(TypeInfo::fixed("node", NODE as u32, vec![8, 16]));
    let weak_t = t.register(TypeInfo::fixed("weak", 16, vec![]).with_weak_slot(8));
    let arr_t = t.register(TypeInfo::var_size(
        "arr",
        16,
        vec![],
        gc_api::VarLayout {
            length_offset: 8,
            item_size: 8,
            item_ref_offsets: vec![0],
        },
    ));
    let env = CollectorEnv {
        types: Arc::new(t),
        raw: Arc::new(RawMemory::default()),
    };
    let mut cfg = GcConfig::from_env([], &[]).expect("config");
    cfg.collector = "concurrent".into();
    if let Some(n) = threads {
        cfg.threads = n;
    }
    let c = gc_concurrent::build(&cfg, env.clone()).expect("build");
    let mut m = Mutator::new(c, &env, &cfg);
    let pauses = Arc::new(Mutex::new(Vec::<u64>::new()));
    let p2 = pauses.clone();
    m.collector_mut().subscribe(Box::new(move |e| {
        if e.pause && e.kind == EventKind::Handshake {
            p2.lock().unwrap().push(e.duration_ns);
            if e.duration_ns > 500_000 {
                eprintln!(
                    "  long handshake: {:.3} ms ({})",
                    e.duration_ns as f64 / 1e6,
                    e.phase.as_str()
                );
            }
        }
    }));
    let mut roots: Vec<usize> = Vec::new();
    let t0 = Instant::now();
    // Long-lived trees of depth 16 (2^17 - 1 nodes, 4 MB each).
    let per_tree = ((1usize << 17) - 1) * NODE;
    let n_trees = (live_mb << 20) / per_tree;
    for _ in 0..n_trees {
        let mark = m.root_mark();
        let t = tree(&mut m, node, 16, &mut roots);
        m.root_release(mark);
        roots.push(t.to_word());
    }
    // Optional weak references (half to live nodes, half to garbage).
    if weak > 0 {
        let table = m.alloc_var(arr_t, weak).expect("alloc");
        roots.push(table.to_word());
        for i in 0..weak {
            let w = m.alloc(weak_t).expect("alloc");
            let target = if i % 2 == 0 {
                roots[i % n_trees.max(1)]
            } else {
                m.alloc(node).expect("alloc").to_word()
            };
            w.set_word(8, target);
            let table = unsafe_obj(*roots.last().unwrap());
            m.write_item(table, i, 16 + 8 * i, w.to_word());
        }
    }
    let build_s = t0.elapsed().as_secs_f64();
    let build_cycles = m.stats().major_collections;
    let build_max = pauses.lock().unwrap().drain(..).max().unwrap_or(0);
    // Churn: short-lived trees; about 3 x live bytes of allocation.
    let t1 = Instant::now();
    let short = ((1usize << 13) - 1) * NODE;
    let iters = (3 * (live_mb << 20) / short).max(2000);
    MAX_SAFEPOINT.store(0, Ordering::Relaxed);
    MAX_NOOP.store(0, Ordering::Relaxed);
    for _ in 0..iters {
        let mark = m.root_mark();
        let _t = tree(&mut m, node, 12, &mut roots);
        m.root_release(mark);
        timed_safepoint(&mut m, &mut roots);
    }
    let max_sp = MAX_SAFEPOINT.load(Ordering::Relaxed);
    let max_noop = MAX_NOOP.load(Ordering::Relaxed);
    let churn_s = t1.elapsed().as_secs_f64();
    let st = m.stats();
    let mut v = pauses.lock().unwrap().clone();
    let n = v.len();
    let max = v.iter().copied().max().unwrap_or(0);
    let p99 = percentile(&mut v, 0.99);
    let p50 = percentile(&mut v, 0.50);
    println!(
        "live {live_mb:>5} MB | weakrefs {weak} | threads {} | build {build_s:.1}s ({build_cycles} cycles, max handshake {:.3} ms) | churn {churn_s:.1}s, {} cycles | handshakes {n}: max {:.3} ms, p99 {:.3} ms, p50 {:.3} ms | max safepoint call {:.3} ms (no-op noise floor {:.3} ms) | peak heap {} MB",
        cfg.threads,
        build_max as f64 / 1e6,
        st.major_collections - build_cycles,
        max as f64 / 1e6,
        p99 as f64 / 1e6,
        p50 as f64 / 1e6,
        max_sp as f64 / 1e6,
        max_noop as f64 / 1e6,
        st.peak_heap_bytes >> 20,
    );
    // Check the long-lived trees are intact.
    let mut count = 0usize;
    let mut stack: Vec<usize> = roots[..n_trees].to_vec();
    while let Some(w) = stack.pop() {
        if gc_api::is_ref(w) {
            count += 1;
            let o = unsafe_obj(w);
            stack.push(o.word(8));
            stack.push(o.word(16));
        }
    }
    assert_eq!(count, n_trees * ((1 << 17) - 1), "live trees damaged");
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut threads = None;
    let mut weak = 0;
    let mut sizes = Vec::new();
    for a in &args {
        if let Some(t) = a.strip_prefix("--threads=") {
            threads = t.parse().ok();
        } else if let Some(w) = a.strip_prefix("--weak=") {
            weak = w.parse().unwrap_or(0);
        } else if let Ok(n) = a.parse::<usize>() {
            sizes.push(n);
        }
    }
    if sizes.is_empty() {
        sizes = vec![64, 256, 1024];
    }
    for s in sizes {
        run(s, threads, weak);
    }
}
