//! The collector registry: every selectable collector, one line each.
//!
//! Adding a collector = writing a crate that implements `gc_api::Collector`
//! and adding its line to [`COLLECTORS`]. The interpreter, the stress suite
//! and the benches all read this list; none of them names a collector.

use gc_api::{Collector, CollectorEntry, CollectorEnv, ConfigError, GcConfig};

/// Every collector, in the order help texts list them. The first is not the
/// default: see [`DEFAULT_COLLECTOR`].
pub static COLLECTORS: &[CollectorEntry] = &[
    CollectorEntry { name: "incminimark", doc: "PyPy's design: nursery + incremental mark-sweep old generation, cards, pinning", build: gc_incminimark::build },
    CollectorEntry { name: "nogc", doc: "bump allocation, never frees: the baseline for GC overhead", build: gc_nogc::build },
    CollectorEntry { name: "concurrent", doc: "mostly-concurrent non-moving mark-sweep: SATB barrier, GC threads, sub-ms pauses", build: gc_concurrent::build },
    CollectorEntry { name: "generational", doc: "stop-the-world generational: copying nursery with aging, mark-sweep old generation, parallel marking and sweeping", build: gc_generational::build },
];

/// The collector used when none is named.
pub const DEFAULT_COLLECTOR: &str = "incminimark";

/// The entry for `name`, or an error listing the valid names.
pub fn find(name: &str) -> Result<&'static CollectorEntry, ConfigError> {
    gc_api::lookup(COLLECTORS, name)
}

/// Builds the collector named in `config`.
pub fn build(config: &GcConfig, env: CollectorEnv) -> Result<Box<dyn Collector>, ConfigError> {
    (find(&config.collector)?.build)(config, env)
}

/// The names, for help texts.
pub fn names() -> Vec<&'static str> {
    COLLECTORS.iter().map(|e| e.name).collect()
}
