//! The fast paths as data.
//!
//! [`MutatorContext`] is the block of words the mutator (interpreter or JIT
//! code) reads on every allocation, pointer store and safepoint poll. The
//! collector writes it from its slow paths; nothing else does. It is
//! `#[repr(C)]` and boxed at a stable address so JIT code can embed the
//! address and the [`offsets`] of its fields.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The words the mutator tests inline. See the crate docs for the protocol.
#[repr(C)]
#[derive(Debug)]
pub struct MutatorContext {
    /// Next free byte of the allocation buffer.
    pub alloc_top: usize,
    /// End of the allocation buffer. `top..limit` is zeroed memory.
    pub alloc_limit: usize,
    /// Objects of this size or larger always use the allocation slow path.
    pub max_inline_size: usize,
    /// Header bits OR-ed into every object allocated inline (for example
    /// "allocated black" while a concurrent mark is running).
    pub new_object_flags: u64,
    /// A reference store into an object whose header has any of these bits
    /// set must call the write-barrier slow path.
    pub barrier_mask: u64,
    /// When non-zero every reference store calls the slow path
    /// (snapshot-at-the-beginning marking is running).
    pub barrier_active: usize,
    /// Non-zero when the collector wants to run at the next safepoint. May be
    /// set by collector threads, hence atomic.
    pub safepoint_requested: AtomicUsize,
    /// Bytes allocated through the buffer before its current start (the
    /// collector updates it when it hands out a new buffer), for statistics.
    pub bytes_allocated_before_buffer: usize,
    /// Start of the current allocation buffer (statistics).
    pub buffer_start: usize,
}

impl Default for MutatorContext {
    fn default() -> Self {
        MutatorContext::new()
    }
}

impl MutatorContext {
    /// A context with an empty buffer: every allocation takes the slow path.
    pub fn new() -> MutatorContext {
        MutatorContext {
            alloc_top: 0,
            alloc_limit: 0,
            max_inline_size: 0,
            new_object_flags: 0,
            barrier_mask: 0,
            barrier_active: 0,
            safepoint_requested: AtomicUsize::new(0),
            bytes_allocated_before_buffer: 0,
            buffer_start: 0,
        }
    }

    /// Installs a fresh allocation buffer `start..limit` (must be zeroed).
    pub fn set_buffer(&mut self, start: usize, limit: usize) {
        self.bytes_allocated_before_buffer += self.alloc_top - self.buffer_start;
        self.alloc_top = start;
        self.buffer_start = start;
        self.alloc_limit = limit;
    }

    /// Total bytes handed out through allocation buffers so far.
    pub fn bytes_allocated_inline(&self) -> usize {
        self.bytes_allocated_before_buffer + (self.alloc_top - self.buffer_start)
    }

    /// Asks the mutator to call the collector at its next safepoint.
    #[inline]
    pub fn request_safepoint(&self) {
        self.safepoint_requested.store(1, Ordering::Release);
    }

    /// Clears the request (the collector does this when it runs).
    #[inline]
    pub fn clear_safepoint_request(&self) {
        self.safepoint_requested.store(0, Ordering::Relaxed);
    }

    /// Has the collector asked for a safepoint?
    #[inline(always)]
    pub fn safepoint_pending(&self) -> bool {
        self.safepoint_requested.load(Ordering::Relaxed) != 0
    }

    /// Must a reference store into an object with this header take the slow
    /// path? This is the whole inline barrier test.
    #[inline(always)]
    pub fn store_needs_barrier(&self, header: u64) -> bool {
        (header & self.barrier_mask) != 0 || self.barrier_active != 0
    }
}

/// Byte offsets of the context fields, for JIT code.
pub mod offsets {
    use super::MutatorContext;
    use std::mem::offset_of;
    /// `alloc_top`
    pub const ALLOC_TOP: usize = offset_of!(MutatorContext, alloc_top);
    /// `alloc_limit`
    pub const ALLOC_LIMIT: usize = offset_of!(MutatorContext, alloc_limit);
    /// `max_inline_size`
    pub const MAX_INLINE_SIZE: usize = offset_of!(MutatorContext, max_inline_size);
    /// `new_object_flags`
    pub const NEW_OBJECT_FLAGS: usize = offset_of!(MutatorContext, new_object_flags);
    /// `barrier_mask`
    pub const BARRIER_MASK: usize = offset_of!(MutatorContext, barrier_mask);
    /// `barrier_active`
    pub const BARRIER_ACTIVE: usize = offset_of!(MutatorContext, barrier_active);
    /// `safepoint_requested`
    pub const SAFEPOINT_REQUESTED: usize = offset_of!(MutatorContext, safepoint_requested);
}
