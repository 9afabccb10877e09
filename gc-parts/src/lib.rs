//! Reusable collector parts, shared by every collector crate (as mmtk-core's
//! policies and utilities). Each part is policy-free: it knows nothing about
//! when a collection runs or what a header flag means.
//!
//! * [`region`]: reserved virtual memory;
//! * [`poison`]: poisoning of freed memory;
//! * [`nursery`]: a bump-allocated young space with pinned holes and lazy
//!   zeroing;
//! * [`arena`]: the size-class arena allocator for small old objects;
//! * [`large`]: the large-object space (non-moving, with side areas);
//! * [`mark_stack`]: the grey-object stack;
//! * [`card_table`]: card bits for large reference arrays;
//! * [`work_stealing`]: work-stealing grey queues for parallel tracing.

pub mod arena;
pub mod card_table;
pub mod large;
pub mod mark_stack;
pub mod nursery;
pub mod poison;
pub mod region;
pub mod work_stealing;

pub use arena::Arena;
pub use card_table::{card_bytes, Cards, CARD_ITEMS};
pub use large::LargeSpace;
pub use mark_stack::MarkStack;
pub use nursery::Nursery;
pub use region::{Region, PAGE_SIZE};
pub use work_stealing::WorkStealing;
