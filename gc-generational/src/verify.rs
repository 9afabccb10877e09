//! Heap walks and verification, over [`gc_parts::verify_walk`].

use crate::flags::*;
use crate::{obj, Generational};
use gc_api::{is_ref, MutatorContext, ObjRef, RootSet};
use gc_parts::verify_walk::AddrSet;
use gc_parts::verify_walk::{self, check_ref, HeapCheck};

/// The generational collector's part of the heap check.
struct Checker<'a> {
    gc: &'a Generational,
    young: AddrSet,
    large: AddrSet,
}

impl HeapCheck for Checker<'_> {
    fn in_young_space(&self, addr: usize) -> bool {
        self.gc.in_young_space(addr)
    }

    fn allocated(&self, w: usize) -> bool {
        if self.gc.in_young_space(w) {
            self.young.contains(&w)
        } else {
            self.large.contains(&w) || self.gc.arena.is_allocated(w)
        }
    }

    fn transient_flags(&self) -> u64 {
        FORWARDED | SHADOW_CELL | MARKED | PINNED_SEEN | FIN_CANDIDATE
    }

    fn check_object(&self, a: usize, h: u64, young: bool) -> Result<bool, String> {
        if young && h & TRACK_YOUNG_PTRS != 0 {
            return Err(format!("young object {a:#x} has TRACK_YOUNG_PTRS"));
        }
        Ok(false)
    }

    /// An old weak reference to a young object is listed for the minor
    /// collection.
    fn check_weak(&self, a: usize, young: bool, w: usize) -> Result<(), String> {
        if !young && self.gc.is_young(w) && !self.gc.remembered.weak.contains(&a) {
            return Err(format!(
                "old weakref {a:#x} points to young {w:#x} but is not listed"
            ));
        }
        Ok(())
    }
}

impl Generational {
    /// Every object: after a minor collection the nursery holds only pinned
    /// objects; survivors parse back to back; old ones come from the arena
    /// and the large space.
    pub(crate) fn walk(
        &mut self,
        ctx: &mut MutatorContext,
        roots: &mut dyn RootSet,
        f: &mut dyn FnMut(ObjRef),
    ) {
        self.minor(ctx, roots, false);
        for a in self.pinned.iter() {
            f(obj(a));
        }
        let (s, e) = self.survivors.range();
        if let Err(e) = verify_walk::parse_range(&self.types, s, e, &mut |a| f(obj(a))) {
            panic!("generational: heap corruption in the survivor space: {e}");
        }
        verify_walk::walk_old(&self.arena, &self.large, f);
    }

    /// Checks the invariants listed in the crate documentation.
    pub(crate) fn check(
        &mut self,
        ctx: &mut MutatorContext,
        roots: &mut dyn RootSet,
    ) -> Result<(), String> {
        let young = verify_walk::young_objects(
            &self.types,
            &self.nursery,
            ctx.alloc_top,
            &[self.survivors.range()],
            self.pinned.iter(),
        )?;
        for &a in &young {
            let h = obj(a).header();
            if age_of(h) >= self.tenure {
                return Err(format!(
                    "young object {a:#x} has age {} >= tenure {}",
                    age_of(h),
                    self.tenure
                ));
            }
            if self.survivors.contains(a) && h & PINNED != 0 {
                return Err(format!("survivor {a:#x} is pinned"));
            }
        }
        let c = Checker {
            gc: self,
            young,
            large: verify_walk::large_objects(&self.large, &self.young.large),
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
        for &a in &self.finalizer_queue {
            check_ref(&c, &self.types, a).map_err(|e| format!("finalizer queue: {e}"))?;
            if self.in_young_space(a) {
                return Err(format!("finalizer queue holds young object {a:#x}"));
            }
            todo.push(a);
        }
        for &a in self.young.finalizers.iter().chain(&self.old.finalizers) {
            check_ref(&c, &self.types, a).map_err(|e| format!("finalizer list: {e}"))?;
            todo.push(a);
        }
        let remembered = self.remembered.objects.iter().copied().collect();
        verify_walk::check_graph(&c, &self.types, &self.facts, &remembered, todo)
    }
}
