//! The shared mock mutator ([`gc_parts::testing`]) on the generational
//! collector.
#![allow(dead_code)]

use gc_api::GcConfig;
pub use gc_parts::testing::*;

/// [`gc_parts::testing::config`] naming the generational collector.
pub fn config(nursery: usize) -> GcConfig {
    let mut cfg = gc_parts::testing::config(nursery);
    cfg.collector = "generational".into();
    cfg
}

/// `config` with `threads` marking threads and tenure `tenure`.
pub fn config_with(nursery: usize, threads: usize, tenure: u32) -> GcConfig {
    let mut cfg = config(nursery);
    cfg.threads = threads;
    cfg.tenure = tenure;
    cfg
}

/// A mutator over the mock type table and a generational collector.
pub fn mutator(cfg: &GcConfig) -> (gc_api::Mutator, Types) {
    mutator_with(cfg, gc_generational::build)
}
