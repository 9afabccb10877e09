//! Reusable collector parts, shared by every collector crate (as mmtk-core's
//! policies and utilities): reserved regions, poisoning, and (filled in by the
//! collectors that need them) the nursery, the size-class arena allocator, the
//! mark stack, the card table and the large-object space.

pub mod poison;
pub mod region;

pub use region::{Region, PAGE_SIZE};
