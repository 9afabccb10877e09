//! The shared mock mutator ([`gc_parts::testing`]) on the incminimark
//! collector.
#![allow(dead_code)]

pub use gc_parts::testing::*;

/// A mutator over the mock type table and an incminimark collector.
pub fn mutator(cfg: &gc_api::GcConfig) -> (gc_api::Mutator, Types) {
    mutator_with(cfg, gc_incminimark::build)
}
