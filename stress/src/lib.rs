//! # stress: a mock mutator and a randomized stress suite for every collector
//!
//! * [`vm`]: the mock mutator — a tiny VM on gc-api's `Mutator` with node,
//!   array, blob, light-finalizer and weakref object types and a `Vec<usize>`
//!   of roots. The benches reuse it.
//! * [`model`]: the shadow model (the heap graph keyed by serial numbers).
//! * [`ops`]: the random operations and their proptest strategies.
//! * [`harness`] and [`check`]: apply operations to VM and model, compare the
//!   heap with the model after every collection, and check bounded
//!   reclamation, finalizers and weak references.
//! * [`suite`]: proptest runs against one collector constructor.
//! * [`broken`]: deliberately broken collectors proving the checker fails.
//!
//! The tests in `tests/` iterate over `gc_registry::COLLECTORS`, so a new
//! collector is stress-tested as soon as it has a registry line. Behaviour
//! differences come only from [`gc_api::Capabilities`] (for example the
//! reclamation checks run only for collectors that reclaim).
//!
//! Every VM is independent (the light-finalizer log is keyed by VM id and
//! lock-protected), so cases may run on several threads at once and
//! collectors may run finalizers on their own threads.

pub mod broken;
pub mod check;
pub mod harness;
pub mod model;
pub mod ops;
pub mod suite;
pub mod vm;

pub use harness::{run_case, stress_config, CaseReport, Harness, RECLAIM_BOUND};
pub use ops::{Op, ROOTS};
pub use vm::{Kind, MockVm};
