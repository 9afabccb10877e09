//! Heap walks and verification.

use crate::flags::*;
use crate::{obj, Generational};
use gc_api::{is_ref, MutatorContext, ObjRef, RootSet};
use gc_parts::Cards;
use std::collections::HashSet;

impl Generational {
    /// Calls `f` on each object packed back to back in `start..end`.
    fn parse_range(
        &self,
        start: usize,
        end: usize,
        f: &mut dyn FnMut(usize),
    ) -> Result<(), String> {
        let mut at = start;
        while at < end {
            let o = obj(at);
            if !self.types.contains(o.tid()) {
                return Err(format!(
                    "young object {at:#x} has bad type id {:#x}",
                    o.tid().0
                ));
            }
            f(at);
            at += self.types.size_of(o);
        }
        if at != end {
            return Err(format!("young range {start:#x}..{end:#x} does not parse"));
        }
        Ok(())
    }

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
        if let Err(e) = self.parse_range(s, e, &mut |a| f(obj(a))) {
            panic!("generational: heap corruption in the survivor space: {e}");
        }
        self.arena.for_each_allocated(|a| {
            if obj(a).header() & SHADOW_CELL == 0 {
                f(obj(a))
            }
        });
        self.large.for_each(|a| f(obj(a)));
    }

    /// The young objects: nursery ranges, pinned objects and survivors.
    fn young_objects(&self, ctx: &MutatorContext) -> Result<HashSet<usize>, String> {
        let mut set = HashSet::new();
        let mut ranges = Vec::new();
        self.nursery.for_each_range(|s, e| ranges.push((s, e)));
        ranges.push(self.nursery.open_range(ctx.alloc_top));
        ranges.push(self.survivors.range());
        for (s, e) in ranges {
            self.parse_range(s, e, &mut |a| {
                set.insert(a);
            })?;
        }
        for a in self.pinned.iter() {
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
        let mut large: HashSet<usize> = HashSet::new();
        self.large.for_each(|a| {
            large.insert(a);
        });
        large.extend(self.young.large.iter().copied());
        let remembered: HashSet<usize> = self.remembered.objects.iter().copied().collect();
        let valid = |w: usize| -> Result<(), String> {
            let ok = if self.in_young_space(w) {
                young.contains(&w)
            } else {
                large.contains(&w) || self.arena.is_allocated(w)
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
            let transient = FORWARDED | SHADOW_CELL | MARKED | PINNED_SEEN | FIN_CANDIDATE;
            if h & transient != 0 {
                return Err(format!(
                    "object {w:#x} has a transient flag set: header {h:#x}"
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
        for &a in &self.finalizer_queue {
            valid(a).map_err(|e| format!("finalizer queue: {e}"))?;
            if self.in_young_space(a) {
                return Err(format!("finalizer queue holds young object {a:#x}"));
            }
            todo.push(a);
        }
        for &a in self.young.finalizers.iter().chain(&self.old_finalizers) {
            valid(a).map_err(|e| format!("finalizer list: {e}"))?;
            todo.push(a);
        }
        let mut seen: HashSet<usize> = HashSet::new();
        while let Some(a) = todo.pop() {
            if !seen.insert(a) {
                continue;
            }
            let o = obj(a);
            let h = o.header();
            let is_young = self.in_young_space(a) || h & YOUNG_LARGE != 0;
            if !is_young && h & TRACK_YOUNG_PTRS == 0 && !remembered.contains(&a) {
                return Err(format!(
                    "old object {a:#x} lacks TRACK_YOUNG_PTRS but is not remembered"
                ));
            }
            if is_young && h & TRACK_YOUNG_PTRS != 0 {
                return Err(format!("young object {a:#x} has TRACK_YOUNG_PTRS"));
            }
            let info = self.types.get(o.tid());
            let cards = (h & HAS_CARDS != 0).then(|| self.cards_of(o));
            let fixed = info.fixed_size as usize;
            let item_size = info.var.as_ref().map_or(1, |v| v.item_size as usize);
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
                    err = Err(format!("slot {off} of {a:#x} ({}): {e}", info.name));
                    return;
                }
                let target_young = self.is_young(w);
                if !is_young
                    && target_young
                    && h & TRACK_YOUNG_PTRS != 0
                    && !card_dirty(off, &cards)
                {
                    err = Err(format!(
                        "unremembered old->young pointer {a:#x}+{off} -> {w:#x}"
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
                    if !is_young && self.is_young(w) && !self.remembered.weak.contains(&a) {
                        return Err(format!(
                            "old weakref {a:#x} points to young {w:#x} but is not listed"
                        ));
                    }
                }
            }
        }
        Ok(())
    }
}
