//! Heap walks and verification.

use crate::flags::*;
use crate::{IncMiniMark, State};
use gc_api::{is_ref, MutatorContext, ObjRef, RootSet};
use gc_parts::Cards;
use std::collections::HashSet;

#[inline(always)]
fn obj(addr: usize) -> ObjRef {
    // SAFETY: callers pass addresses of objects known to the collector.
    unsafe { ObjRef::from_addr_unchecked(addr) }
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
        self.arena.for_each_allocated(|a| {
            if obj(a).header() & SHADOW_CELL == 0 {
                f(obj(a))
            }
        });
        self.large.for_each(|a| f(obj(a)));
    }

    /// The nursery objects, parsed back to back.
    fn young_objects(&self, ctx: &MutatorContext) -> Result<HashSet<usize>, String> {
        let mut set = HashSet::new();
        let mut ranges = Vec::new();
        self.nursery.for_each_range(|s, e| ranges.push((s, e)));
        ranges.push(self.nursery.open_range(ctx.alloc_top));
        for (s, e) in ranges {
            let mut at = s;
            while at < e {
                let o = obj(at);
                if !self.types.contains(o.tid()) {
                    return Err(format!(
                        "nursery object {at:#x} has bad type id {:#x}",
                        o.tid().0
                    ));
                }
                set.insert(at);
                at += self.types.size_of(o);
            }
            if at != e {
                return Err(format!("nursery range {s:#x}..{e:#x} does not parse"));
            }
        }
        for a in self.pinned.iter() {
            set.insert(a);
        }
        // Objects pinned at the last minor collection stay in their holes
        // even if unpinned since.
        for &(a, _) in &self.holes {
            set.insert(a);
        }
        Ok(set)
    }

    /// Checks the invariants listed in the crate documentation.
    pub(crate) fn check(
        &mut self,
        ctx: &mut MutatorContext,
        roots: &mut dyn RootSet,
    ) -> Result<(), String> {
        let young = self.young_objects(ctx)?;
        let mut large = HashSet::new();
        self.large.for_each(|a| {
            large.insert(a);
        });
        large.extend(self.young.large.iter().copied());
        let remembered: HashSet<usize> = self.remembered.objects.iter().copied().collect();
        let to_pinned: HashSet<usize> = self.old_to_pinned.iter().copied().collect();
        let mut grey: HashSet<usize> = self.mark_stack.as_slice().iter().copied().collect();
        grey.extend(self.array_chunks.iter().map(|c| c.0));
        grey.extend(self.young_grey.iter().copied());
        let marking = self.state == State::Marking;
        let in_arena = self.arena.allocation_checker();
        let valid = |w: usize| -> Result<(), String> {
            let ok = if self.nursery.contains(w) {
                young.contains(&w)
            } else {
                large.contains(&w) || in_arena(w)
            };
            if !ok {
                return Err(format!("reference {w:#x} is not an allocated object"));
            }
            let h = obj(w).header();
            if !self.types.contains(obj(w).tid()) {
                return Err(format!(
                    "object {w:#x} has bad type id {:#x}",
                    obj(w).tid().0
                ));
            }
            if h & (FORWARDED | SHADOW_CELL) != 0 {
                return Err(format!(
                    "reference {w:#x} to a forwarded or reserved object"
                ));
            }
            Ok(())
        };
        let mut todo = Vec::new();
        let mut err = Ok(());
        roots.trace_roots(&mut |w: &mut usize| {
            if err.is_ok() && is_ref(*w) {
                err = valid(*w).map_err(|e| format!("root: {e}"));
                todo.push(*w);
            }
        });
        err?;
        for &a in self.finalizer_queue.iter().chain(&self.pending_finalize) {
            valid(a).map_err(|e| format!("finalizer queue: {e}"))?;
            todo.push(a);
        }
        let mut seen: HashSet<usize> = HashSet::new();
        while let Some(a) = todo.pop() {
            if !seen.insert(a) {
                continue;
            }
            let o = obj(a);
            let h = o.header();
            let is_young = self.nursery.contains(a) || h & YOUNG_LARGE != 0;
            if !is_young && h & TRACK_YOUNG_PTRS == 0 && !remembered.contains(&a) {
                return Err(format!(
                    "old object {a:#x} lacks TRACK_YOUNG_PTRS but is not remembered"
                ));
            }
            let black = marking
                && !is_young
                && h & VISITED != 0
                && !grey.contains(&a)
                && h & TRACK_YOUNG_PTRS != 0;
            let cards = (h & HAS_CARDS != 0).then(|| self.cards_of(o));
            let fixed = self.types.get(o.tid()).fixed_size as usize;
            let item_size = self
                .types
                .get(o.tid())
                .var
                .as_ref()
                .map_or(1, |v| v.item_size as usize);
            let card_dirty = |off: usize, c: &Option<Cards>| -> bool {
                match c {
                    Some(c) if off >= fixed => c.is_marked((off - fixed) / item_size),
                    _ => false,
                }
            };
            let mut err = Ok(());
            self.types.for_each_slot(o, |off| {
                let w = o.word(off);
                if err.is_err() || !is_ref(w) {
                    return;
                }
                if let Err(e) = valid(w) {
                    err = Err(format!(
                        "slot {off} of {a:#x} ({}): {e}",
                        self.types.get(o.tid()).name
                    ));
                    return;
                }
                let th = obj(w).header();
                let target_young = self.nursery.contains(w) || th & YOUNG_LARGE != 0;
                if !is_young
                    && target_young
                    && h & TRACK_YOUNG_PTRS != 0
                    && !card_dirty(off, &cards)
                {
                    let pinned_ok = to_pinned.contains(&a);
                    if !pinned_ok {
                        err = Err(format!(
                            "unremembered old->young pointer {a:#x}+{off} -> {w:#x}"
                        ));
                        return;
                    }
                }
                if black && !target_young && th & VISITED == 0 && !card_dirty(off, &cards) {
                    err = Err(format!(
                        "black->white pointer while marking: {a:#x}+{off} -> {w:#x}"
                    ));
                    return;
                }
                todo.push(w);
            });
            err?;
            if let Some(off) = self.facts(o.tid()).weak {
                let w = o.word(off as usize);
                if is_ref(w) {
                    valid(w).map_err(|e| format!("weak slot of {a:#x}: {e}"))?;
                }
            }
        }
        Ok(())
    }
}
