//! The minor collection: evacuate the reachable young objects (to the
//! survivor space while they are younger than the tenure, else to the old
//! generation), promote reachable young large objects in place, keep pinned
//! nursery objects where they are.

use crate::flags::*;
use crate::{obj, out_of_memory, Generational};
use gc_api::access::{load_slot, store_slot};
use gc_api::{header_tid, is_ref, EventKind, MutatorContext, ObjRef, Phase, RootSet};
use gc_parts::arena::MAX_SMALL;
use gc_parts::LargeSpace;

impl Generational {
    /// Visits one reference word: evacuates or promotes what it designates
    /// if that is young. Returns the new address when the word must change.
    #[inline(always)]
    fn visit_word(&mut self, w: usize) -> Option<usize> {
        if self.in_young_space(w) {
            let o = obj(w);
            let h = o.header();
            if h & FORWARDED != 0 {
                return Some(o.word(8));
            }
            if self.survivors.in_to_space(w) {
                return None; // already a survivor of this collection
            }
            if h & PINNED != 0 {
                if h & PINNED_SEEN == 0 {
                    o.set_header(h | PINNED_SEEN);
                    self.minor_stack.push(w);
                }
                return None;
            }
            return Some(self.evacuate(o, h));
        }
        if self.young_large_unreached > 0 {
            let o = obj(w);
            let h = o.header();
            if h & YOUNG_LARGE != 0 {
                self.young_large_unreached -= 1;
                o.set_header((h & !(YOUNG_LARGE | AGE_MASK)) | TRACK_YOUNG_PTRS);
                self.large.track(w);
                self.promoted += LargeSpace::object_size(w);
                if self.facts(header_tid(h)).has_refs {
                    self.minor_stack.push(w);
                }
            }
        }
        None
    }

    /// Copies the young object `o` (header `h`): into its identity shadow,
    /// the survivor space, or the old generation.
    fn evacuate(&mut self, o: ObjRef, h: u64) -> usize {
        let tid = header_tid(h);
        let size = self.types.size_of(o);
        let age = age_of(h) + 1;
        let mut dest: Option<(usize, bool, bool)> = None; // (addr, old, cards)
        if h & HAS_SHADOW != 0 {
            if let Some(s) = self.shadows.remove(&o.addr()) {
                let cards = size > MAX_SMALL && self.wants_cards(tid, self.types.length_of(o));
                dest = Some((s, true, cards));
            }
        }
        if dest.is_none() && !self.promote_all && age < self.tenure {
            dest = self.survivors.alloc(size).map(|a| (a, false, false));
        }
        let (new, old, cards) = match dest {
            Some(d) => d,
            None => match self.old_alloc(tid, size, self.types.length_of(o)) {
                Some((a, c)) => (a, true, c),
                None => out_of_memory("promoting a young object"),
            },
        };
        // SAFETY: `o` is a live young object of `size` bytes and `new` a
        // fresh block of at least `size` bytes elsewhere (survivor to-space
        // or old space); they don't overlap.
        unsafe { std::ptr::copy_nonoverlapping(o.as_ptr(), new as *mut u8, size) };
        let mut nh = h & !COPY_CLEARS;
        if old {
            nh |= TRACK_YOUNG_PTRS;
            if cards {
                nh |= HAS_CARDS;
            }
            if size > MAX_SMALL {
                self.large.track(new);
            }
            self.promoted += size;
        } else {
            nh = with_age(nh, age);
        }
        obj(new).set_header(nh);
        o.set_header(h | FORWARDED);
        o.set_word(8, new);
        if self.facts(tid).has_refs {
            self.minor_stack.push(new);
        }
        new
    }

    /// Visits the slot at `slot`; returns whether it now holds a young
    /// reference (a survivor or a pinned object).
    #[inline(always)]
    fn visit_slot(&mut self, slot: usize) -> bool {
        // SAFETY: `slot` is a reference slot of a live object (type table).
        let w = unsafe { load_slot(slot) };
        if !is_ref(w) {
            return false;
        }
        let now = match self.visit_word(w) {
            Some(n) => {
                // SAFETY: as above.
                unsafe { store_slot(slot, n) };
                n
            }
            None => w,
        };
        self.in_young_space(now)
    }

    /// Visits every slot of the young object (survivor or pinned) `o`.
    fn scan_young(&mut self, o: ObjRef) {
        let types = self.types.clone();
        let base = o.addr();
        types.for_each_slot(o, |off| {
            self.visit_slot(base + off);
        });
    }

    /// Visits every slot of the old object `o`; remembers it again if it
    /// still references young objects afterwards.
    fn scan_old(&mut self, o: ObjRef) {
        let types = self.types.clone();
        let base = o.addr();
        let mut young_left = false;
        types.for_each_slot(o, |off| young_left |= self.visit_slot(base + off));
        if young_left {
            self.remember(o);
        }
    }

    /// Puts the old object `o` in the remembered set (once).
    fn remember(&mut self, o: ObjRef) {
        let h = o.header();
        if h & TRACK_YOUNG_PTRS != 0 {
            o.set_header(h & !TRACK_YOUNG_PTRS);
            self.remembered.push(o.addr());
            if self.facts(header_tid(h)).weak.is_some() {
                self.weak_to_young.push(o.addr());
            }
        }
    }

    /// Scans the dirty cards of `o` and clears them; cards whose items
    /// still reference young objects are marked again.
    fn scan_cards(&mut self, o: ObjRef) {
        let types = self.types.clone();
        let base = o.addr();
        let cards = self.cards_of(o);
        let fixed = types.get(o.tid()).fixed_size as usize;
        let item = types
            .get(o.tid())
            .var
            .as_ref()
            .map_or(8, |v| v.item_size as usize);
        let mut again = Vec::new();
        cards.drain(|s, e| {
            types.for_each_item_slot(o, s, e, |off| {
                if self.visit_slot(base + off) {
                    again.push((off - fixed) / item);
                }
            })
        });
        if !again.is_empty() {
            for i in again {
                cards.mark(i);
            }
            o.set_flags(CARDS_SET);
            self.cards_set.push(base);
        }
    }

    /// If the young object at `a` survived this minor collection, its
    /// address now; None if it died. Old objects are returned unchanged.
    /// Valid until the spaces are reset.
    pub(crate) fn survivor(&self, a: usize) -> Option<usize> {
        let o = obj(a);
        if self.nursery.contains(a) {
            let h = o.header();
            if h & FORWARDED != 0 {
                Some(o.word(8))
            } else if h & PINNED_SEEN != 0 {
                Some(a)
            } else {
                None
            }
        } else if self.survivors.contains(a) {
            if self.survivors.in_to_space(a) {
                Some(a)
            } else if o.header() & FORWARDED != 0 {
                Some(o.word(8))
            } else {
                None
            }
        } else if o.header() & YOUNG_LARGE != 0 {
            None
        } else {
            Some(a)
        }
    }

    /// Updates the weak slot of the surviving weak-reference object `w`.
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
                if self.in_young_space(nt) && !self.in_young_space(w) {
                    self.weak_to_young.push(w); // still young: look again next time
                }
            }
            None => {
                o.set_word(off as usize, 0);
                self.events.stats_mut().weakrefs_cleared += 1;
            }
        }
    }

    /// The minor collection. With `promote_all` every survivor is promoted
    /// whatever its age (before a major collection).
    pub(crate) fn minor(
        &mut self,
        ctx: &mut MutatorContext,
        roots: &mut dyn RootSet,
        promote_all: bool,
    ) {
        let mut ev = self.start_event(EventKind::Minor, ctx);
        self.phase = Phase::Scanning;
        self.nursery.close(ctx.alloc_top);
        self.promote_all = promote_all;
        self.promoted = 0;
        self.young_large_unreached = self.young_large.len();

        roots.trace_roots(&mut |w: &mut usize| {
            if is_ref(*w) {
                if let Some(n) = self.visit_word(*w) {
                    *w = n;
                }
            }
        });
        // Young objects with full finalizers survive until a major decides.
        for i in 0..self.young_finalizers.len() {
            if let Some(n) = self.visit_word(self.young_finalizers[i]) {
                self.young_finalizers[i] = n;
            }
        }
        let mut rem = std::mem::take(&mut self.remembered);
        for &a in &rem {
            let o = obj(a);
            let h = o.header() | TRACK_YOUNG_PTRS;
            if h & HAS_CARDS != 0 {
                self.cards_of(o).clear();
            }
            o.set_header(h & !CARDS_SET);
            self.scan_old(o);
        }
        rem.clear();
        let mut cards = std::mem::take(&mut self.cards_set);
        for &a in &cards {
            let o = obj(a);
            let h = o.header();
            if h & CARDS_SET != 0 {
                o.set_header(h & !CARDS_SET);
                self.scan_cards(o);
            }
        }
        cards.clear();
        if self.remembered.is_empty() {
            self.remembered = rem;
        }
        if self.cards_set.is_empty() {
            self.cards_set = cards;
        }
        // Transitive closure over the survivors.
        while let Some(a) = self.minor_stack.pop() {
            if self.in_young_space(a) {
                self.scan_young(obj(a));
            } else {
                self.scan_old(obj(a));
            }
        }
        self.after_minor_lists();
        let ranges = self.release_young_garbage();
        let buf = self.nursery.reset(&ranges, self.poison);
        self.survivors.flip(self.poison);
        debug_assert!(!promote_all || self.survivors.used() == 0);
        self.install_buffer(ctx, buf);
        self.promote_all = false;
        self.phase = Phase::Idle;
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
                if self.in_young_space(nw) {
                    self.young_weak.push(nw);
                } else {
                    self.old_weak.push(nw);
                }
            }
        }
        let mut old_weak = std::mem::take(&mut self.weak_to_young);
        old_weak.sort_unstable();
        old_weak.dedup();
        for &w in &old_weak {
            self.fix_weak(w);
        }
        let light = std::mem::take(&mut self.young_light);
        for &a in &light {
            match self.survivor(a) {
                Some(n) if self.in_young_space(n) => self.young_light.push(n),
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
            if self.in_young_space(a) {
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
                    // SAFETY: an arena shadow cell, never filled, unreachable
                    // (its young object died).
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
        let mut young = std::mem::take(&mut self.young_large);
        for &a in &young {
            if obj(a).header() & YOUNG_LARGE != 0 {
                // SAFETY: an untracked young large object nobody reached.
                unsafe { self.large.free(a, self.poison) };
            }
        }
        young.clear();
        self.young_large = young;
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
