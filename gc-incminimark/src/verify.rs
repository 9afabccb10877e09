//! Heap walks and verification, over [`gc_parts::verify_walk`].

use crate::flags::*;
use crate::{IncMiniMark, State};
use gc_api::{is_ref, MutatorContext, ObjRef, RootSet};
use gc_parts::verify_walk::AddrSet;
use gc_parts::verify_walk::{self, check_ref, HeapCheck};
use gc_parts::Nursery;

#[inline(always)]
fn obj(addr: usize) -> ObjRef {
    // SAFETY: callers pass addresses of objects known to the collector.
    unsafe { ObjRef::from_addr_unchecked(addr) }
}

/// incminimark's part of the heap check.
struct Checker<'a, A: Fn(usize) -> bool> {
    nursery: &'a Nursery,
    young: AddrSet,
    large: AddrSet,
    in_arena: A,
    to_pinned: AddrSet,
    grey: AddrSet,
    marking: bool,
}

impl<A: Fn(usize) -> bool> HeapCheck for Checker<'_, A> {
    fn in_young_space(&self, addr: usize) -> bool {
        self.nursery.contains(addr)
    }

    fn allocated(&self, w: usize) -> bool {
        if self.nursery.contains(w) {
            self.young.contains(&w)
        } else {
            self.large.contains(&w) || (self.in_arena)(w)
        }
    }

    fn transient_flags(&self) -> u64 {
        FORWARDED | SHADOW_CELL
    }

    /// While marking, the edges of black objects (marked, not grey, not
    /// remembered) are checked.
    fn check_object(&self, a: usize, h: u64, young: bool) -> Result<bool, String> {
        Ok(self.marking
            && !young
            && h & VISITED != 0
            && !self.grey.contains(&a)
            && h & TRACK_YOUNG_PTRS != 0)
    }

    fn young_ref_allowed(&self, a: usize) -> bool {
        self.to_pinned.contains(&a)
    }

    /// No black->white edge outside dirty cards.
    fn check_edge(
        &self,
        a: usize,
        off: usize,
        w: usize,
        th: u64,
        target_young: bool,
        dirty: bool,
    ) -> Result<(), String> {
        if !target_young && th & VISITED == 0 && !dirty {
            return Err(format!(
                "black->white pointer while marking: {a:#x}+{off} -> {w:#x}"
            ));
        }
        Ok(())
    }
}

impl IncMiniMark {
    /// Every object: after a minor collection the nursery holds only pinned
    /// objects; old ones come from the arena and the large space.
    pub(crate) fn walk(
        &mut self,
        ctx: &mut MutatorContext,
        roots: &mut dyn RootSet,
        f: &mut dyn FnMut(ObjRef),
    ) {
        self.minor(ctx, roots);
        // Dead objects whose finalizers already ran must not show: finish
        // a sweep in progress.
        while matches!(self.state, State::Sweeping | State::Finalizing) {
            self.major_step(roots, usize::MAX);
        }
        for a in self.pinned.iter() {
            f(obj(a));
        }
        verify_walk::walk_old(&self.arena, &self.large, f);
    }

    /// Checks the invariants listed in the crate documentation.
    pub(crate) fn check(
        &mut self,
        ctx: &mut MutatorContext,
        roots: &mut dyn RootSet,
    ) -> Result<(), String> {
        // Objects pinned at the last minor collection stay in their holes
        // even if unpinned since.
        let extra = self.pinned.iter().chain(self.holes.iter().map(|h| h.0));
        let young =
            verify_walk::young_objects(&self.types, &self.nursery, ctx.alloc_top, &[], extra)?;
        let mut grey: AddrSet = self.mark_stack.as_slice().iter().copied().collect();
        grey.extend(self.array_chunks.iter().map(|c| c.0));
        grey.extend(self.young_grey.iter().copied());
        let c = Checker {
            nursery: &self.nursery,
            young,
            large: verify_walk::large_objects(&self.large, &self.young.large),
            in_arena: self.arena.allocation_checker(),
            to_pinned: self.old_to_pinned.iter().copied().collect(),
            grey,
            marking: self.state == State::Marking,
        };
        let mut todo = Vec::new();
        let mut err = Ok(());
        roots.trace_roots(&mut |w: &mut usize| {
            if err.is_ok() && is_ref(*w) {
                err = check_ref(&c, &self.types, *w).map_err(|e| format!("root: {e}"));
                todo.push(*w);
            }
        });
        err?;
        for &a in self.finalizer_queue.iter().chain(&self.pending_finalize) {
            check_ref(&c, &self.types, a).map_err(|e| format!("finalizer queue: {e}"))?;
            todo.push(a);
        }
        let remembered = self.remembered.objects.iter().copied().collect();
        verify_walk::check_graph(&c, &self.types, &self.facts, &remembered, todo)
    }
}
