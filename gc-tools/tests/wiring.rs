//! The wiring the interpreter does (see the crate docs), against a real
//! collector (nogc) through `gc_api::Mutator`.

use gc_api::{
    CollectRequest, CollectorEnv, GcConfig, Mutator, NoRoots, RawMemory, TypeInfo, TypeTable,
};
use gc_tools::{read_log, HookBatch, Recorder, RunInfo};
use std::path::PathBuf;
use std::sync::Arc;

fn mutator() -> (Mutator, GcConfig) {
    let mut t = TypeTable::new();
    let node = t.register(TypeInfo::fixed("node", 24, vec![8, 16]));
    let env = CollectorEnv {
        types: Arc::new(t),
        raw: Arc::new(RawMemory::default()),
    };
    let mut cfg = GcConfig::with_nursery(1 << 20);
    cfg.collector = "nogc".into();
    let c = gc_nogc::build(&cfg, env.clone()).unwrap();
    let mut m = Mutator::new(c, &env, &cfg);
    for _ in 0..1000 {
        m.alloc(node).unwrap();
    }
    (m, cfg)
}

#[test]
fn recorder_wired_into_a_collector() {
    gc_api::events::start_clock();
    let path: PathBuf = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("wiring-gc.jsonl");
    let (mut m, cfg) = mutator();
    let rec = Recorder::with_log(path.to_str().unwrap()).unwrap();
    rec.set_hooks_enabled(true);
    m.collector_mut().subscribe(rec.subscriber());

    m.collect(CollectRequest::Minor, &mut NoRoots);
    m.collect(CollectRequest::Minor, &mut NoRoots);
    // Safepoint service: flush the log, deliver hooks.
    assert!(rec.has_pending());
    rec.flush().unwrap();
    let hooks = rec.take_hooks();
    assert_eq!(hooks.len(), 1);
    assert!(
        matches!(hooks[0], HookBatch::Minor(s) if s.times.count == 2 && s.total_memory_used > 0)
    );
    assert!(!rec.has_pending());
    m.collect(CollectRequest::Major, &mut NoRoots);
    let hooks = rec.take_hooks();
    assert!(matches!(hooks[..], [HookBatch::Collect(c)] if c.num_major_collects == 1));

    let settings = m.collector_mut().settings();
    let info = RunInfo::new(
        m.collector_name(),
        &cfg.describe(),
        &settings,
        gc_api::events::now_ns(),
    );
    let (summary, res) = rec.finish(&m.stats(), &info);
    res.unwrap();
    assert_eq!(summary.collector, "nogc");
    assert_eq!(
        (summary.minor_collections, summary.major_collections),
        (2, 1)
    );
    assert_eq!(summary.pauses.count, 3);
    assert!(
        summary.peak_heap_bytes >= 1000 * 24,
        "{}",
        summary.peak_heap_bytes
    );
    assert!(summary.peak_rss_bytes.is_some());
    assert!(summary.render_text().contains("collector nogc"));

    let log = read_log(std::io::BufReader::new(std::fs::File::open(&path).unwrap())).unwrap();
    assert_eq!(log.events.len(), 3);
    assert_eq!(log.run.map(|r| r.collector), Some("nogc".to_string()));
}
