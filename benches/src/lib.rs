//! # benches: GC benchmarks on the mock mutator
//!
//! * [`trees`]: binary-trees (depth N) on the stress crate's mock VM and with
//!   `Box` as the reference;
//! * [`gcbench`]: Boehm's GCBench, the same way;
//! * [`large_heap`]: a large live heap (64 MB .. 1 GB) with short-lived
//!   churn, for pause-versus-heap-size tables;
//! * [`report`]: one run per collector, tabulated (the `gcbench-report`
//!   binary prints it).
//!
//! The criterion benches (`benches/*.rs`, `cargo bench -p benches`) run every
//! program against every collector in `gc_registry::COLLECTORS` plus `Box`,
//! as `BenchmarkId::new(program, collector)`.
//!
//! Running real Python programs under pygc and CPython side by side is
//! `corpus_compare.py` in this directory; a Rust version would be a further
//! binary in `src/bin/` next to `gcbench-report`.

pub mod gcbench;
pub mod large_heap;
pub mod report;
pub mod trees;

use gc_api::GcConfig;

/// The configuration benches and reports run with: the `PYGC_*` environment
/// (nursery size, factors...) if valid, else the defaults; never verify or
/// torture.
pub fn bench_config() -> Result<GcConfig, gc_api::ConfigError> {
    let mut cfg = GcConfig::from_env([], &[])?;
    cfg.verify = 0;
    cfg.torture = 0;
    Ok(cfg)
}
