//! Reusable collector parts, shared by every collector crate (as mmtk-core's
//! policies and utilities). Each part is policy-free: it knows nothing about
//! when a collection runs. The parts of the base layer know nothing about
//! header flags either:
//!
//! * [`region`]: reserved virtual memory;
//! * [`poison`]: poisoning of freed memory;
//! * [`nursery`]: a bump-allocated young space with pinned holes and lazy
//!   zeroing;
//! * [`arena`]: the size-class arena allocator for small old objects;
//! * [`large`]: the large-object space (non-moving, with side areas);
//! * [`mark_stack`]: the grey-object stack;
//! * [`card_table`]: card bits for large reference arrays;
//! * [`work_stealing`]: work-stealing grey queues for parallel tracing;
//! * [`type_facts`]: per-type facts for the hot loops.
//!
//! The young-generation parts, shared by the copying generational
//! collectors (incminimark, generational), agree on one header-flag layout:
//!
//! * [`header_flags`]: the flag bits;
//! * [`remembered`]: the remembered set and write-barrier slow paths;
//! * [`pins`]: pinned nursery objects;
//! * [`shadows`]: identity of young objects (PyPy's shadows);
//! * [`young_lists`]: the lists of young objects that need attention when
//!   they die or move, and their update after a minor collection;
//! * [`old_lists`]: the same lists for old objects, and their processing at
//!   the end of a major marking (finalizer queueing, weak slots, light
//!   finalizers);
//! * [`young_alloc`]: allocation outside the inline fast path;
//! * [`verify_walk`]: heap walks and the shared invariant check.
//!
//! With the cargo feature `testing`, `testing` is the mock mutator the
//! collectors' integration tests share.

pub mod arena;
pub mod card_table;
pub mod debug_nursery;
pub mod header_flags;
pub mod large;
pub mod mark_stack;
pub mod nursery;
pub mod old_lists;
pub mod pins;
pub mod poison;
pub mod region;
pub mod remembered;
pub mod shadows;
#[cfg(feature = "testing")]
pub mod testing;
pub mod type_facts;
pub mod verify_walk;
pub mod work_stealing;
pub mod young_alloc;
pub mod young_lists;

pub use arena::Arena;
pub use card_table::{card_bytes, Cards, CARD_ITEMS};
pub use large::LargeSpace;
pub use mark_stack::MarkStack;
pub use nursery::Nursery;
pub use old_lists::OldLists;
pub use pins::Pins;
pub use region::{Region, PAGE_SIZE};
pub use remembered::Remembered;
pub use shadows::Shadows;
pub use type_facts::TypeFacts;
pub use work_stealing::WorkStealing;
pub use young_lists::{YoungLists, YoungSpace};
