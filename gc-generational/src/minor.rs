//! The minor collection: evacuate the reachable young objects (to the
//! survivor space while they are younger than the tenure, else to the old
//! generation), promote reachable young large objects in place, keep pinned
//! nursery objects where they are.

use crate::flags::*;
use crate::survivor::Spaces;
use crate::{obj, out_of_memory, Generational};
use gc_api::access::{load_slot, store_slot};
use gc_api::{header_tid, is_ref, EventKind, MutatorContext, ObjRef, Phase, RootSet};
use gc_parts::arena::MAX_SMALL;
use gc_parts::remembered;

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
        let clear = YOUNG_LARGE | AGE_MASK;
        if let Some((h, size)) =
            self.young
                .promote_large(obj(w), &mut self.large, clear, TRACK_YOUNG_PTRS)
        {
            self.promoted += size;
            if self.facts(header_tid(h)).has_refs {
                self.minor_stack.push(w);
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
            if let Some(s) = self.shadows.take(o.addr()) {
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
        self.remembered.remember(o, &self.facts);
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
            self.remembered.cards.push(base);
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
        self.young.large_unreached = self.young.large.len();

        roots.trace_roots(&mut |w: &mut usize| {
            if is_ref(*w) {
                if let Some(n) = self.visit_word(*w) {
                    *w = n;
                }
            }
        });
        // Young objects with full finalizers survive until a major decides.
        for i in 0..self.young.finalizers.len() {
            if let Some(n) = self.visit_word(self.young.finalizers[i]) {
                self.young.finalizers[i] = n;
            }
        }
        let mut rem = std::mem::take(&mut self.remembered.objects);
        for &a in &rem {
            let o = obj(a);
            remembered::rearm(o, &self.types);
            self.scan_old(o);
        }
        rem.clear();
        let mut cards = std::mem::take(&mut self.remembered.cards);
        for &a in &cards {
            if remembered::take_cards_set(obj(a)) {
                self.scan_cards(obj(a));
            }
        }
        cards.clear();
        if self.remembered.is_empty() {
            self.remembered.objects = rem;
        }
        if self.remembered.cards.is_empty() {
            self.remembered.cards = cards;
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
        let spaces = Spaces {
            nursery: &self.nursery,
            survivors: &self.survivors,
        };
        self.young.after_minor(
            &spaces,
            &self.facts,
            &mut self.remembered.weak,
            true,
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
