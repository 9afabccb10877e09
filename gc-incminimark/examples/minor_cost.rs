//! Cost of promotion: builds a 2^k-node tree in a big nursery and times the
//! minor collection that copies it out, and a major collection over it.
//!
//! `cargo run --release -p gc-incminimark --example minor_cost`

use gc_api::{
    CollectRequest, CollectorEnv, GcConfig, Mutator, NoRoots, RawMemory, TypeInfo, TypeTable,
};
use std::sync::Arc;
use std::time::Instant;

fn main() {
    let mut t = TypeTable::new();
    let node = t.register(TypeInfo::fixed("node", 40, vec![8, 16]));
    let env = CollectorEnv {
        types: Arc::new(t),
        raw: Arc::new(RawMemory::default()),
    };
    let mut cfg = GcConfig::with_nursery(64 << 20);
    cfg.min_heap = 1 << 40;
    let mut m = Mutator::new(
        gc_incminimark::build(&cfg, env.clone()).unwrap(),
        &env,
        &cfg,
    );
    for round in 0..3 {
        // A tree in breadth-first order, built without safepoints.
        let n = 1usize << 20;
        let mut nodes = Vec::with_capacity(n);
        for _ in 0..n {
            nodes.push(m.alloc(node).unwrap());
        }
        for i in 1..n {
            let parent = nodes[(i - 1) / 2];
            parent.set_word(if i % 2 == 1 { 8 } else { 16 }, nodes[i].to_word());
        }
        let mut roots = vec![nodes[0].to_word()];
        drop(nodes);
        let t0 = Instant::now();
        m.collect(CollectRequest::Minor, &mut roots);
        let t1 = Instant::now();
        m.collect(CollectRequest::Major, &mut roots);
        let t2 = Instant::now();
        roots.clear();
        m.collect(CollectRequest::Major, &mut NoRoots);
        let t3 = Instant::now();
        println!(
            "round {round}: minor promoting {n} objects: {:.1} ms ({:.1} ns/object); major over them: {:.1} ms; major freeing them: {:.1} ms",
            (t1 - t0).as_secs_f64() * 1e3,
            (t1 - t0).as_secs_f64() * 1e9 / n as f64,
            (t2 - t1).as_secs_f64() * 1e3,
            (t3 - t2).as_secs_f64() * 1e3,
        );
    }
}
