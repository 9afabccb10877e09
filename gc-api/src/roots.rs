//! Roots: how the collector finds (and updates) the references held outside
//! the heap.
//!
//! Two sources, both visible in the types:
//!
//! * the VM's own roots (its current frame, module table, ...) through a
//!   [`RootSet`] that the VM passes at every safepoint;
//! * Rust code that must keep an object across a safepoint puts it in the
//!   mutator's [`ShadowStack`] and holds a [`Handle`] (an index) instead of the
//!   reference. The shadow stack is reported as roots automatically.
//!
//! The shadow stack is for embedders and test VMs that have no root stack of
//! their own (the collectors' tests, the stress suite's mock VM, the
//! benches). The pygc interpreter does not use it: it has one root
//! mechanism, its own root stack (fixed slots for long-lived state, then
//! temporary pushes and rooting scopes), reported through [`RootSet`].
//!
//! A root visitor receives `&mut usize` to each root word: a moving collector
//! writes the new address back. Words that are not references (see
//! [`crate::is_ref`]) may be passed too; the visitor ignores them.

/// Called by collectors for every root word.
pub type SlotVisitor<'a> = dyn FnMut(&mut usize) + 'a;

/// The VM's roots. `trace_roots` must report every reference the VM holds
/// outside the heap, and nothing may be added or removed while it runs.
pub trait RootSet {
    /// Calls `visit` on every root word.
    fn trace_roots(&mut self, visit: &mut SlotVisitor<'_>);
}

/// A root set with no roots.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoRoots;

impl RootSet for NoRoots {
    fn trace_roots(&mut self, _visit: &mut SlotVisitor<'_>) {}
}

impl RootSet for [usize] {
    fn trace_roots(&mut self, visit: &mut SlotVisitor<'_>) {
        for w in self.iter_mut() {
            visit(w);
        }
    }
}

impl RootSet for Vec<usize> {
    fn trace_roots(&mut self, visit: &mut SlotVisitor<'_>) {
        self.as_mut_slice().trace_roots(visit)
    }
}

/// Two root sets reported one after the other.
pub struct ChainRoots<'a, 'b>(pub &'a mut dyn RootSet, pub &'b mut dyn RootSet);

impl RootSet for ChainRoots<'_, '_> {
    fn trace_roots(&mut self, visit: &mut SlotVisitor<'_>) {
        self.0.trace_roots(visit);
        self.1.trace_roots(visit);
    }
}

/// An index into the mutator's shadow stack. Valid until the stack is
/// truncated below it (see [`ShadowStack::mark`] / [`ShadowStack::release`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Handle(u32);

impl Handle {
    /// The index in the shadow stack.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A depth of the shadow stack, to release every handle pushed after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[must_use = "release the mark with ShadowStack::release"]
pub struct RootMark(u32);

/// Root slots for Rust code. Push a word, get a [`Handle`]; read it back after
/// any safepoint with [`ShadowStack::get`] (it may have moved).
#[derive(Debug, Default)]
pub struct ShadowStack {
    slots: Vec<usize>,
}

impl ShadowStack {
    /// An empty shadow stack.
    pub fn new() -> ShadowStack {
        ShadowStack {
            slots: Vec::with_capacity(64),
        }
    }

    /// Roots `word` and returns its handle.
    #[inline]
    pub fn push(&mut self, word: usize) -> Handle {
        self.slots.push(word);
        Handle((self.slots.len() - 1) as u32)
    }

    /// The current value of a handle.
    #[inline]
    pub fn get(&self, h: Handle) -> usize {
        self.slots[h.index()]
    }

    /// Replaces the value of a handle.
    #[inline]
    pub fn set(&mut self, h: Handle, word: usize) {
        self.slots[h.index()] = word;
    }

    /// The current depth.
    #[inline]
    pub fn mark(&self) -> RootMark {
        RootMark(self.slots.len() as u32)
    }

    /// Drops every handle pushed since `mark`.
    #[inline]
    pub fn release(&mut self, mark: RootMark) {
        debug_assert!(
            mark.0 as usize <= self.slots.len(),
            "root mark released twice"
        );
        self.slots.truncate(mark.0 as usize);
    }

    /// Number of live handles.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether no handle is live.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }
}

impl RootSet for ShadowStack {
    fn trace_roots(&mut self, visit: &mut SlotVisitor<'_>) {
        self.slots.trace_roots(visit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_survive_updates_and_release() {
        let mut s = ShadowStack::new();
        let m = s.mark();
        let a = s.push(16);
        let b = s.push(3); // an immediate
        s.trace_roots(&mut |w: &mut usize| {
            if crate::is_ref(*w) {
                *w += 8
            }
        });
        assert_eq!(s.get(a), 24);
        assert_eq!(s.get(b), 3);
        s.release(m);
        assert!(s.is_empty());
    }
}
