//! # gc-tools: GC latency tooling for pygc
//!
//! * [`Recorder`] — subscribes to a collector's events; keeps every pause in
//!   an HDR histogram, every event as a 24-byte [`Sample`], per-kind totals,
//!   pending `gc.hooks` batches, and the buffered GC log (written by
//!   [`Recorder::flush`], never inside a pause).
//! * [`Mmu`] — exact minimum mutator utilisation and MMU curves.
//! * [`Summary`] — the end-of-run report (`--gc-stats`): text and JSON.
//! * [`log`] — the one-JSON-object-per-line GC log and its reader.
//! * [`hooks`] — PyPy-style `gc.hooks` stats ([`HookBatch`]).
//! * [`knobs`] — the README table of GC options.
//! * [`svg`] — pause histogram and MMU curve as SVG.
//! * [`snapshot`] — heap snapshots (`gc.dump_heap`, `--heap-snapshot`) and
//!   their analysis: per-type counts, retained sizes (dominators), growth
//!   between snapshots, paths from roots; the `pygc-heap` command.
//! * `pygc-gcstat` — summarises a `--gc-log` file (`--json`, `--svg`).
//!
//! ## Wiring into the VM
//!
//! ```no_run
//! # fn demo(mutator: &mut gc_api::Mutator, config: &gc_api::GcConfig) -> std::io::Result<()> {
//! gc_api::events::start_clock(); // at startup, before anything is timed
//! // `--gc-log PATH` (or `-`): Recorder::with_log; else Recorder::new().
//! let rec = gc_tools::Recorder::with_log("gc.jsonl")?;
//! mutator.collector_mut().subscribe(rec.subscriber());
//! // At safepoints, after the collector ran (one atomic load when idle):
//! if rec.has_pending() {
//!     if let Err(e) = rec.flush() { eprintln!("pygc: {e}"); }
//!     for batch in rec.take_hooks() { /* call gc.hooks.<batch.hook_name()>(batch.fields()) */ }
//! }
//! // At exit:
//! let info = gc_tools::RunInfo::new(mutator.collector_name(), &config.describe(),
//!     &mutator.collector_mut().settings(), gc_api::events::now_ns());
//! let (summary, res) = rec.finish(&mutator.stats(), &info);
//! if let Err(e) = res { eprintln!("pygc: {e}"); }
//! eprint!("{}", summary.render_text()); // --gc-stats
//! # Ok(()) }
//! ```

#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod hooks;
pub mod knobs;
pub mod log;
pub mod mmu;
pub mod recorder;
pub mod snapshot;
pub mod summary;
pub mod svg;
pub mod timeline;

pub use hooks::{
    CollectStats, CollectStepStats, Durations, HookAccumulator, HookBatch, MinorStats, GC_STATES,
};
pub use knobs::{knobs_markdown, knobs_section, replace_knobs_section};
pub use log::{read_log, LogSink, ParsedLog, ReadError, RunRecord};
pub use mmu::Mmu;
pub use recorder::Recorder;
pub use summary::{effective_settings, peak_rss_bytes, Percentiles, RunInfo, Summary};
pub use timeline::{KindTotals, Sample, Timeline};
