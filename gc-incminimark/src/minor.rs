//! The minor collection: copy the reachable young objects out of the
//! nursery, promote reachable young large objects, keep pinned ones in place.

use crate::flags::*;
use crate::{out_of_memory, IncMiniMark, State};
use gc_api::access::{load_slot, store_slot};
use gc_api::{header_tid, is_ref, EventKind, MutatorContext, ObjRef, RootSet, TypeTable};
use gc_parts::arena::MAX_SMALL;
use gc_parts::{remembered, YoungSpace};

#[inline(always)]
fn obj(addr: usize) -> ObjRef {
    // SAFETY: callers pass addresses of objects (references found in roots
    // and slots, or entries of the collector's own lists).
    unsafe { ObjRef::from_addr_unchecked(addr) }
}

impl IncMiniMark {
    /// Is the object at `addr` young (nursery or young large)?
    pub(crate) fn is_young(&self, addr: usize) -> bool {
        self.nursery.is_young(addr)
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
        let set = TRACK_YOUNG_PTRS | if self.marking { VISITED } else { 0 };
        if let Some((h, size)) = self
            .young
            .promote_large(o, &mut self.large, YOUNG_LARGE, set)
        {
            self.promoted += size;
            if self.facts(header_tid(h)).has_refs {
                self.minor_stack.push(w);
            }
            return None;
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
            self.shadows.take(o.addr())
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

    /// The minor collection.
    pub(crate) fn minor(&mut self, ctx: &mut MutatorContext, roots: &mut dyn RootSet) {
        let ev = self.start_event(EventKind::Minor, ctx);
        let used = self.nursery.used_bytes(ctx.alloc_top);
        self.nursery.close(ctx.alloc_top);
        self.marking = self.state == State::Marking;
        self.promoted = 0;
        self.young.large_unreached = self.young.large.len();
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
        for i in 0..self.young.finalizers.len() {
            let a = self.young.finalizers[i];
            if let Some(n) = self.visit_word(a, 0, false, marking) {
                self.young.finalizers[i] = n;
            }
        }
        // Old objects pointing to pinned objects, then remembered objects.
        let to_pinned = std::mem::take(&mut self.old_to_pinned);
        for &a in &to_pinned {
            self.trace_young_refs(&types, obj(a), true);
        }
        let mut rem = std::mem::take(&mut self.remembered.objects);
        for &a in &rem {
            let o = obj(a);
            remembered::rearm(o, &types);
            self.trace_young_refs(&types, o, true);
        }
        rem.clear();
        self.remembered.objects = rem;
        let mut cards = std::mem::take(&mut self.remembered.cards);
        for &a in &cards {
            if remembered::take_cards_set(obj(a)) {
                self.trace_cards(obj(a));
            }
        }
        cards.clear();
        self.remembered.cards = cards;
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
        self.resize_nursery(used, gc_api::events::now_ns().saturating_sub(ev.start_ns));
        let buf = self.nursery.reset(&ranges, self.poison);
        self.holes = ranges;
        self.pretenure_after_minor();
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
        self.young.after_minor(
            &self.nursery,
            &self.facts,
            &mut self.remembered.weak,
            false,
            &mut self.old,
            self.events.stats_mut(),
        );
        self.shadows
            .release_unreached(&self.types, &mut self.arena, &mut self.large, self.poison);
    }

    /// Frees dead young large objects and returns the sorted ranges of the
    /// pinned objects that stay in the nursery.
    fn release_young_garbage(&mut self) -> Vec<(usize, usize)> {
        self.young.release_large(&mut self.large, self.poison);
        self.pinned.release_unseen(&self.types)
    }
}
