//! The minor collection: copy the reachable young objects out of the
//! nursery, promote reachable young large objects, keep pinned ones in place.

use crate::flags::*;
use crate::{out_of_memory, IncMiniMark, State};
use gc_api::access::{load_slot, store_slot};
use gc_api::{header_tid, is_ref, EventKind, MutatorContext, ObjRef, RootSet, TypeTable};
use gc_parts::arena::MAX_SMALL;
use gc_parts::LargeSpace;

#[inline(always)]
fn obj(addr: usize) -> ObjRef {
    // SAFETY: callers pass addresses of objects (references found in roots
    // and slots, or entries of the collector's own lists).
    unsafe { ObjRef::from_addr_unchecked(addr) }
}

impl IncMiniMark {
    /// Is the object at `addr` young (nursery or young large)?
    pub(crate) fn is_young(&self, addr: usize) -> bool {
        self.nursery.contains(addr) || obj(addr).header() & YOUNG_LARGE != 0
    }

    /// Greys `o` for the running major cycle.
    #[inline(always)]
    pub(crate) fn grey(&mut self, o: ObjRef) {
        let h = o.header();
        if h & VISITED == 0 {
            o.set_header(h | VISITED);
            self.push_grey(o.addr());
        }
    }

    /// Queues a marked object for scanning. Pinned nursery objects go to a
    /// list of their own: they may be unpinned and moved by the next minor
    /// collection, which then drops them from it.
    #[inline(always)]
    pub(crate) fn push_grey(&mut self, a: usize) {
        if self.nursery.contains(a) {
            self.young_grey.push(a);
        } else {
            self.mark_stack.push(a);
        }
    }

    /// Visits one reference slot at `slot` of `owner` (0 for roots).
    /// `owner_old`: the owner is an old object; `owner_black`: a marked
    /// owner during marking (its old referents must be greyed).
    #[inline(always)]
    fn visit(&mut self, slot: usize, owner: usize, owner_old: bool, owner_black: bool) {
        // SAFETY: `slot` is a reference slot of a live object or a root word
        // (type table / root set contract).
        let w = unsafe { load_slot(slot) };
        if !is_ref(w) {
            return;
        }
        if let Some(new) = self.visit_word(w, owner, owner_old, owner_black) {
            // SAFETY: as above.
            unsafe { store_slot(slot, new) };
        }
    }

    /// The core of [`IncMiniMark::visit`]: returns the new address when the
    /// reference must be updated.
    #[inline(always)]
    fn visit_word(
        &mut self,
        w: usize,
        owner: usize,
        owner_old: bool,
        owner_black: bool,
    ) -> Option<usize> {
        let o = obj(w);
        if self.nursery.contains(w) {
            let h = o.header();
            if h & FORWARDED != 0 {
                return Some(o.word(8));
            }
            if h & PINNED != 0 {
                if h & PINNED_SEEN == 0 {
                    o.set_header(h | PINNED_SEEN);
                    self.minor_stack.push(w);
                }
                if owner_old && self.old_to_pinned.last() != Some(&owner) {
                    self.old_to_pinned.push(owner);
                }
                if owner_black {
                    self.grey(o);
                }
                return None;
            }
            return Some(self.copy_out(o, h));
        }
        if self.young_large_unreached > 0 {
            let h = o.header();
            if h & YOUNG_LARGE != 0 {
                self.young_large_unreached -= 1;
                let mut nh = (h & !YOUNG_LARGE) | TRACK_YOUNG_PTRS;
                if self.marking {
                    nh |= VISITED;
                }
                o.set_header(nh);
                self.large.track(w);
                self.promoted += LargeSpace::object_size(w);
                if self.facts(header_tid(h)).has_refs {
                    self.minor_stack.push(w);
                }
                return None;
            }
        }
        if owner_black {
            self.grey(o);
        }
        None
    }

    /// Copies the nursery object `o` (header `h`) to the old generation.
    fn copy_out(&mut self, o: ObjRef, h: u64) -> usize {
        let tid = header_tid(h);
        let size = self.types.size_of(o);
        let shadow = if h & HAS_SHADOW != 0 {
            self.shadows.remove(&o.addr())
        } else {
            None
        };
        let (new, cards) = if let Some(s) = shadow {
            (
                s,
                size > MAX_SMALL && self.wants_cards(tid, self.types.length_of(o)),
            )
        } else if size <= MAX_SMALL {
            match self.arena.alloc(size) {
                Some(a) => (a, false),
                None => out_of_memory("promoting a young object"),
            }
        } else {
            match self.old_alloc(tid, size, self.types.length_of(o)) {
                Some(x) => x,
                None => out_of_memory("promoting a young object"),
            }
        };
        // SAFETY: `o` is a live nursery object of `size` bytes and `new` a
        // fresh old-space block of at least `size` bytes; they don't overlap.
        unsafe { std::ptr::copy_nonoverlapping(o.as_ptr(), new as *mut u8, size) };
        let mut nh = (h & !YOUNG_ONLY) | TRACK_YOUNG_PTRS;
        if cards {
            nh |= HAS_CARDS;
        }
        // While marking, new old objects are black. A shadow reserved before
        // the running sweep began lies in a page the sweep has yet to visit:
        // mark it so the sweep keeps it (and clears the mark).
        if self.marking || (shadow.is_some() && size <= MAX_SMALL && self.arena.unswept(new)) {
            nh |= VISITED;
        }
        let n = obj(new);
        n.set_header(nh);
        if size > MAX_SMALL {
            self.large.track(new);
        }
        o.set_header(h | FORWARDED);
        o.set_word(8, new);
        self.promoted += size;
        if self.facts(tid).has_refs {
            self.minor_stack.push(new);
        }
        new
    }

    /// Visits every reference slot of `o`.
    fn trace_young_refs(&mut self, types: &TypeTable, o: ObjRef, owner_old: bool) {
        let black = self.marking && o.header() & VISITED != 0;
        let base = o.addr();
        types.for_each_slot(o, |off| self.visit(base + off, base, owner_old, black));
    }

    /// Scans the dirty cards of `o` and clears them.
    fn trace_cards(&mut self, o: ObjRef) {
        let types = self.types.clone();
        let black = self.marking && o.header() & VISITED != 0;
        let base = o.addr();
        let cards = self.cards_of(o);
        cards.drain(|s, e| {
            types.for_each_item_slot(o, s, e, |off| self.visit(base + off, base, true, black))
        });
    }

    /// If the young object at `a` survived this minor collection, its
    /// address now; None if it died. Old objects are returned unchanged.
    fn survivor(&self, a: usize) -> Option<usize> {
        let o = obj(a);
        let h = o.header();
        if self.nursery.contains(a) {
            if h & FORWARDED != 0 {
                Some(o.word(8))
            } else if h & PINNED_SEEN != 0 {
                Some(a)
            } else {
                None
            }
        } else if h & YOUNG_LARGE != 0 {
            None
        } else {
            Some(a)
        }
    }

    /// Updates the weak slot of the (surviving) weak-reference object `w`.
    fn fix_weak(&mut self, w: usize) {
        let o = obj(w);
        let Some(off) = self.facts(o.tid()).weak else {
            return;
        };
        let t = o.word(off as usize);
        if !is_ref(t) || !self.is_young(t) {
            return;
        }
        match self.survivor(t) {
            Some(nt) => {
                o.set_word(off as usize, nt);
                if self.nursery.contains(nt) && !self.nursery.contains(w) {
                    // Still young (pinned): check again next time.
                    self.weak_to_young.push(w);
                }
            }
            None => {
                o.set_word(off as usize, 0);
                self.events.stats_mut().weakrefs_cleared += 1;
            }
        }
    }

    /// The minor collection.
    pub(crate) fn minor(&mut self, ctx: &mut MutatorContext, roots: &mut dyn RootSet) {
        let ev = self.start_event(EventKind::Minor, ctx);
        self.nursery.close(ctx.alloc_top);
        self.marking = self.state == State::Marking;
        self.promoted = 0;
        self.young_large_unreached = self.young_large.len();
        let marking = self.marking;
        let types = self.types.clone();

        // Roots (no barrier on them: while marking, grey what they reach).
        roots.trace_roots(&mut |w: &mut usize| {
            if is_ref(*w) {
                if let Some(n) = self.visit_word(*w, 0, false, marking) {
                    *w = n;
                }
            }
        });
        // Young objects with full finalizers survive until a major cycle.
        for i in 0..self.young_finalizers.len() {
            let a = self.young_finalizers[i];
            if let Some(n) = self.visit_word(a, 0, false, marking) {
                self.young_finalizers[i] = n;
            }
        }
        // Old objects pointing to pinned objects, then remembered objects.
        let to_pinned = std::mem::take(&mut self.old_to_pinned);
        for &a in &to_pinned {
            self.trace_young_refs(&types, obj(a), true);
        }
        let mut rem = std::mem::take(&mut self.remembered);
        for &a in &rem {
            let o = obj(a);
            let h = o.header();
            o.set_header(h | TRACK_YOUNG_PTRS);
            if h & HAS_CARDS != 0 {
                self.cards_of(o).clear();
                o.set_header((h | TRACK_YOUNG_PTRS) & !CARDS_SET);
            }
            self.trace_young_refs(&types, o, true);
        }
        rem.clear();
        self.remembered = rem;
        let mut cards = std::mem::take(&mut self.cards_set);
        for &a in &cards {
            let o = obj(a);
            let h = o.header();
            if h & CARDS_SET != 0 {
                o.set_header(h & !CARDS_SET);
                self.trace_cards(o);
            }
        }
        cards.clear();
        self.cards_set = cards;
        // Transitive closure over the survivors.
        while let Some(a) = self.minor_stack.pop() {
            let old = !self.nursery.contains(a);
            self.trace_young_refs(&types, obj(a), old);
        }
        // Grey nursery objects that moved were scanned (and their referents
        // greyed) as promoted objects; dead ones need nothing.
        if !self.young_grey.is_empty() {
            self.young_grey
                .retain(|&a| obj(a).header() & PINNED_SEEN != 0);
        }
        self.after_minor_lists();
        let ranges = self.release_young_garbage();
        let buf = self.nursery.reset(&ranges, self.poison);
        self.holes = ranges;
        self.install_buffer(ctx, buf);
        self.marking = false;
        let mut ev = ev;
        ev.promoted = self.promoted as u64;
        let after = self.heap_in_use(ctx) as u64;
        ev.freed = ev.bytes_before.saturating_sub(after);
        self.finish_event(ev, ctx);
    }

    /// Weak references, light finalizers, finalizers and shadows of the
    /// young objects, once the survivors are known.
    fn after_minor_lists(&mut self) {
        let weak = std::mem::take(&mut self.young_weak);
        for &w in &weak {
            if let Some(nw) = self.survivor(w) {
                self.fix_weak(nw);
                if self.nursery.contains(nw) {
                    self.young_weak.push(nw);
                } else {
                    self.old_weak.push(nw);
                }
            }
        }
        let old_weak = std::mem::take(&mut self.weak_to_young);
        for &w in &old_weak {
            self.fix_weak(w);
        }
        let light = std::mem::take(&mut self.young_light);
        for &a in &light {
            match self.survivor(a) {
                Some(n) if self.nursery.contains(n) => self.young_light.push(n),
                Some(n) => self.old_light.push(n),
                None => {
                    if let Some(f) = self.facts(obj(a).tid()).light {
                        f(obj(a));
                        self.events.stats_mut().light_finalizers_run += 1;
                    }
                }
            }
        }
        let fins = std::mem::take(&mut self.young_finalizers);
        for &a in &fins {
            if self.nursery.contains(a) {
                self.young_finalizers.push(a);
            } else {
                self.old_finalizers.push(a);
            }
        }
        if !self.shadows.is_empty() {
            let shadows = std::mem::take(&mut self.shadows);
            for (y, s) in shadows {
                if obj(y).header() & PINNED_SEEN != 0 {
                    self.shadows.insert(y, s);
                } else if self.types.size_of(obj(y)) <= MAX_SMALL {
                    // SAFETY: an arena shadow cell, never filled, unreachable.
                    unsafe { self.arena.free(s, self.poison) };
                } else {
                    // SAFETY: an untracked large-space shadow, never filled.
                    unsafe { self.large.free(s, self.poison) };
                }
            }
        }
    }

    /// Frees dead young large objects and returns the sorted ranges of the
    /// pinned objects that stay in the nursery.
    fn release_young_garbage(&mut self) -> Vec<(usize, usize)> {
        let young = std::mem::take(&mut self.young_large);
        for &a in &young {
            if obj(a).header() & YOUNG_LARGE != 0 {
                // SAFETY: an untracked young large object nobody reached.
                unsafe { self.large.free(a, self.poison) };
            }
        }
        self.young_large = young;
        self.young_large.clear();
        self.young_large_bytes = 0;
        let types = self.types.clone();
        let mut ranges = Vec::with_capacity(self.pinned.len());
        self.pinned.retain(|&(a, _)| {
            let o = obj(a);
            let h = o.header();
            if h & PINNED_SEEN != 0 {
                o.set_header(h & !PINNED_SEEN);
                ranges.push((a, a + types.size_of(o)));
                true
            } else {
                false
            }
        });
        ranges.sort_unstable();
        ranges
    }
}
