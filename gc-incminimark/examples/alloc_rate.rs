//! Allocation throughput: 10M small objects (40-byte nodes, every 4th kept
//! for a while in short chains from a ring of 1000 roots) with a live binary tree of 2^18 nodes.
//!
//! `cargo run --release -p gc-incminimark --example alloc_rate [collector]`

use gc_api::{CollectorEnv, GcConfig, Mutator, RawMemory, TypeInfo, TypeTable};
use std::sync::Arc;
use std::time::Instant;

fn build_tree(m: &mut Mutator, node: gc_api::TypeId, depth: u32) -> usize {
    if depth == 0 {
        return 0;
    }
    let mark = m.root_mark();
    let l = build_tree(m, node, depth - 1);
    let hl = m.root(l);
    let r = build_tree(m, node, depth - 1);
    let hr = m.root(r);
    m.safepoint(&mut gc_api::NoRoots);
    let o = m.alloc(node).unwrap();
    o.set_word(8, m.root_get(hl));
    o.set_word(16, m.root_get(hr));
    m.root_release(mark);
    o.to_word()
}

fn main() {
    let mut t = TypeTable::new();
    let node = t.register(TypeInfo::fixed("node", 40, vec![8, 16]));
    let env = CollectorEnv {
        types: Arc::new(t),
        raw: Arc::new(RawMemory::default()),
    };
    let cfg = GcConfig::from_env([], &[]).expect("config");
    let name = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "incminimark".into());
    let c = if name == "incminimark" {
        gc_incminimark::build(&cfg, env.clone()).unwrap()
    } else {
        panic!("only incminimark is linked in this example")
    };
    let mut m = Mutator::new(c, &env, &cfg);
    let t0 = Instant::now();
    let tree = build_tree(&mut m, node, 18);
    let _h = m.root(tree);
    let t1 = Instant::now();
    let mut ring = vec![0usize; 1000];
    let n = 10_000_000usize;
    for i in 0..n {
        let o = m.alloc(node).unwrap();
        o.set_word(24, i);
        if i % 4 == 0 {
            let slot = (i / 4) % ring.len();
            // Short chains: each ring slot keeps its last few objects.
            if !(i / 4 / ring.len()).is_multiple_of(16) {
                o.set_word(8, ring[slot]);
            }
            ring[slot] = o.to_word();
        }
        if i % 128 == 0 {
            m.safepoint(&mut ring);
        }
    }
    let t2 = Instant::now();
    let s = m.stats();
    println!(
        "tree {:.1} ms; 10M allocs {:.1} ms ({:.1} ns/alloc); minors {} major steps {} majors {}; max pause {:.2} ms, total pause {:.1} ms (minor {:.1}, major {:.1}); promoted {} MB; heap {} MB (peak {} MB)",
        (t1 - t0).as_secs_f64() * 1e3,
        (t2 - t1).as_secs_f64() * 1e3,
        (t2 - t1).as_secs_f64() * 1e9 / n as f64,
        s.minor_collections,
        s.major_steps,
        s.major_collections,
        s.max_pause_ns as f64 / 1e6,
        s.total_pause_ns as f64 / 1e6,
        s.minor_pause_ns as f64 / 1e6,
        s.major_pause_ns as f64 / 1e6,
        s.promoted_bytes >> 20,
        s.heap_bytes >> 20,
        s.peak_heap_bytes >> 20
    );
}
