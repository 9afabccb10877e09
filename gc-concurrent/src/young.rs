//! The young generation: a bump nursery in front of the concurrent old
//! space, emptied by stop-the-world minor collections at safepoints that
//! copy the survivors into old-space cells (see the crate manual).

use crate::collector::Concurrent;
use gc_api::access::{load_slot, store_slot};
use gc_api::header::GC_FLAGS_MASK;
use gc_api::{
    gc_flag, header_tid, is_ref, make_header, EventKind, GcEvent, MutatorContext, ObjRef, RootSet,
    TypeId, TypeTable,
};
use gc_parts::Nursery;
use std::collections::HashMap;

/// Header flag of old objects whose stores need the generational barrier
/// (`ctx.barrier_mask`): set on every old object except those listed in
/// [`Young::remembered`] (cleared by the barrier, set again by the minor
/// collection that scans them). Changed with atomic RMWs only: GC threads
/// set the MARK bit of the same word concurrently.
pub const TRACK: u64 = gc_flag(2);
/// Header flag of a nursery object copied by the running minor collection
/// (word 1 holds the new address).
pub const FORWARDED: u64 = gc_flag(3);
/// Header flag of an old cell reserved by `identity()` for a young object
/// and not (yet) filled: not an object of the VM's (heap walks skip it);
/// left unfilled when the young object dies, it is freed by the next cycle.
pub const SHADOW: u64 = gc_flag(4);
/// Header flag of a large reference array with card bits ([`Young::cards`]):
/// while it has TRACK, an item store marks one card instead of listing the
/// whole array, so a minor collection scans only the dirty cards.
pub const HAS_CARDS: u64 = gc_flag(5);
/// Header flag: the array is in [`Young::carded`] (listed once).
pub const CARDS_SET: u64 = gc_flag(6);
/// Header flag of a young object that has a reserved cell in
/// [`Young::shadows`].
pub const HAS_SHADOW: u64 = gc_flag(7);
/// Items per card.
pub const CARD_ITEMS: usize = 128;
/// Reference arrays of at least this many items in the large space get cards.
pub const CARD_MIN_ITEMS: usize = 4 * CARD_ITEMS;

/// Default nominal nursery size: a minor collection where everything
/// survives copies about 1 byte per ns, so 1 MB fits the 1 ms pause goal
/// (and stays in the L2/L3 cache, which is the point of the nursery).
pub const DEFAULT_NURSERY: usize = 1 << 20;
/// Address space reserved for the nursery (its extension absorbs
/// allocation between the request for a minor collection and the safepoint).
const NURSERY_RESERVE: usize = 1 << 30;

#[inline(always)]
fn obj(addr: usize) -> ObjRef {
    // SAFETY: callers pass addresses of objects (roots, slots, own lists).
    unsafe { ObjRef::from_addr_unchecked(addr) }
}

/// Young-generation state (mutator thread only).
pub struct Young {
    /// The bump nursery (the mutator's allocation buffer).
    pub nursery: Nursery,
    /// Old objects that may reference young ones: stored into since the
    /// last minor collection (TRACK cleared), or allocated directly in the
    /// old space since (their initializing stores have no barrier).
    pub remembered: Vec<usize>,
    /// Young objects registered for full finalization.
    pub finalizers: Vec<usize>,
    /// Weak-reference objects (always old) allocated since the last minor
    /// collection: only they can have a young referent (the weak slot is
    /// written when the weakref is initialized).
    pub weak: Vec<usize>,
    /// Card bits (one per [`CARD_ITEMS`] items) of the `HAS_CARDS` arrays,
    /// by address; entries of arrays that died are dropped at the end of
    /// marking, before the sweep frees them.
    pub cards: HashMap<usize, Vec<u64>>,
    /// `HAS_CARDS` arrays with dirty cards (`CARDS_SET`).
    pub carded: Vec<usize>,
    /// Young object -> the old cell reserved for it by `identity()`.
    pub shadows: HashMap<usize, usize>,
    stack: Vec<usize>,
    /// Bytes copied out by the running minor collection.
    promoted: usize,
    /// Total bytes promoted (pacing: the old space grows by them).
    pub promoted_total: u64,
}

impl Young {
    /// A nursery of `nominal` bytes.
    pub fn new(nominal: usize) -> std::io::Result<Young> {
        let nursery = Nursery::new(
            nominal,
            NURSERY_RESERVE.max(nominal * 4),
            gc_parts::nursery::DEFAULT_CHUNK,
        )?;
        Ok(Young {
            nursery,
            remembered: Vec::new(),
            finalizers: Vec::new(),
            weak: Vec::new(),
            shadows: HashMap::new(),
            cards: HashMap::new(),
            carded: Vec::new(),
            stack: Vec::new(),
            promoted: 0,
            promoted_total: 0,
        })
    }

    /// Bytes allocated in the nursery since the last minor collection.
    pub fn used(&self, ctx: &MutatorContext) -> usize {
        self.nursery.used_bytes(ctx.alloc_top)
    }
}

impl Concurrent {
    /// Is `addr` a nursery address?
    #[inline(always)]
    pub(crate) fn is_young(&self, addr: usize) -> bool {
        self.young.nursery.contains(addr)
    }

    /// Refills the mutator's nursery buffer for an object of `size` bytes;
    /// past the nominal size a minor collection is requested. None when
    /// the reservation is exhausted (the caller allocates old).
    pub(crate) fn refill_young(&mut self, ctx: &mut MutatorContext, size: usize) -> Option<usize> {
        let (top, limit) = self.young.nursery.refill(ctx.alloc_top, size)?;
        if self.young.nursery.over_nominal() {
            ctx.request_safepoint();
        }
        ctx.set_buffer(top + size, limit);
        Some(top)
    }

    /// The generational barrier: lists an old object stored into.
    #[inline]
    pub(crate) fn remember(&mut self, o: ObjRef) {
        if o.header() & TRACK != 0 {
            o.fetch_clear_flags(TRACK);
            self.young.remembered.push(o.addr());
        }
    }

    /// A large array just allocated: gets card bits if it is a long
    /// reference array.
    pub(crate) fn maybe_cards(&mut self, o: ObjRef, length: usize) {
        let info = self.types.get(o.tid());
        let refs = info
            .var
            .as_ref()
            .is_some_and(|v| !v.item_ref_offsets.is_empty());
        if refs && length >= CARD_MIN_ITEMS {
            self.young
                .cards
                .insert(o.addr(), vec![0; length.div_ceil(CARD_ITEMS).div_ceil(64)]);
            o.fetch_or_flags(HAS_CARDS);
        }
    }

    /// The array-store barrier: marks the card of item `index` of a carded
    /// array (listing the array once), else remembers the object.
    pub(crate) fn remember_item(&mut self, o: ObjRef, index: usize) {
        let h = o.header();
        if h & (TRACK | HAS_CARDS) != TRACK | HAS_CARDS {
            return self.remember(o);
        }
        if let Some(bits) = self.young.cards.get_mut(&o.addr()) {
            let c = index / CARD_ITEMS;
            if let Some(w) = bits.get_mut(c / 64) {
                *w |= 1 << (c % 64);
            }
        }
        if h & CARDS_SET == 0 {
            o.fetch_or_flags(CARDS_SET);
            self.young.carded.push(o.addr());
        }
    }

    /// Scans the dirty cards of the carded array `a` and clears them.
    fn scan_cards(&mut self, types: &TypeTable, a: usize) {
        let o = obj(a);
        if o.fetch_clear_flags(CARDS_SET) & CARDS_SET == 0 {
            return;
        }
        let Some(bits) = self.young.cards.get_mut(&a) else {
            return;
        };
        let mut bits = std::mem::take(bits);
        let len = types.length_of(o);
        for (wi, w) in bits.iter_mut().enumerate() {
            let mut x = std::mem::take(w);
            while x != 0 {
                let c = wi * 64 + x.trailing_zeros() as usize;
                x &= x - 1;
                let (s, e) = (c * CARD_ITEMS, ((c + 1) * CARD_ITEMS).min(len));
                types.for_each_item_slot(o, s, e, |off| self.visit_slot(a + off));
            }
        }
        if let Some(b) = self.young.cards.get_mut(&a) {
            *b = bits;
        }
    }

    /// End of marking: forgets the cards of arrays the sweep will free.
    pub(crate) fn prune_cards(&mut self) {
        let shared = &self.shared;
        self.young.cards.retain(|&a, _| shared.is_marked(obj(a)));
    }

    /// `identity()` of a young object: the address of an old cell reserved
    /// for it, which the object is copied into if it survives.
    pub(crate) fn young_identity(&mut self, o: ObjRef) -> usize {
        if let Some(&s) = self.young.shadows.get(&o.addr()) {
            return s;
        }
        let tid = o.tid();
        let size = self.types.size_of(o);
        let at = match self.old_alloc_raw(size, None) {
            Ok(a) => a,
            Err(e) => crate::collector::fatal(&format!("reserving an identity cell: {e:?}")),
        };
        self.init_shadow(at, tid, self.types.length_of(o));
        self.young.shadows.insert(o.addr(), at);
        o.set_header(o.header() | HAS_SHADOW);
        at
    }

    /// Writes the header (and length word) of a fresh, zeroed old cell
    /// reserved for a young object.
    fn init_shadow(&self, at: usize, tid: TypeId, len: usize) {
        let o = obj(at);
        o.set_header(make_header(tid, self.shared.sense() | SHADOW));
        if let Some(v) = &self.types.get(tid).var {
            o.set_word(v.length_offset as usize, len);
        }
    }

    /// Copies the young object `w` out (or returns where it went).
    fn evacuate(&mut self, w: usize) -> usize {
        let o = obj(w);
        let h = o.header();
        if h & FORWARDED != 0 {
            return o.word(8);
        }
        let size = self.types.size_of(o);
        let shadow = if h & HAS_SHADOW != 0 {
            self.young.shadows.remove(&w)
        } else {
            None
        };
        let new = match shadow {
            Some(s) => s,
            None => match self.old_alloc_raw(size, None) {
                Ok(a) => a,
                Err(e) => crate::collector::fatal(&format!("promoting a young object: {e:?}")),
            },
        };
        // SAFETY: `o` is a live nursery object of `size` bytes and `new` an
        // old cell of `size` bytes that nothing references yet. The header
        // word is not copied: a sweeper may be reading a reserved cell's
        // header (it sees the same type and length before and after).
        unsafe { std::ptr::copy_nonoverlapping(o.as_ptr().add(8), (new + 8) as *mut u8, size - 8) };
        // Old objects allocated now are marked (black while marking; the
        // sweep keeps them), and armed for the generational barrier.
        let nh = (h & !GC_FLAGS_MASK) | self.shared.sense() | TRACK;
        obj(new).set_header(nh);
        o.set_header(h | FORWARDED);
        o.set_word(8, new);
        self.young.promoted += size;
        if self.facts_has_refs(header_tid(h)) {
            self.young.stack.push(new);
        }
        new
    }

    /// Updates the slot at `slot` if it holds a young reference.
    #[inline(always)]
    fn visit_slot(&mut self, slot: usize) {
        // SAFETY: `slot` is a reference slot of a live object (type table).
        let w = unsafe { load_slot(slot) };
        if is_ref(w) && self.is_young(w) {
            let n = self.evacuate(w);
            // SAFETY: as above.
            unsafe { store_slot(slot, n) };
        }
    }

    #[inline(always)]
    fn facts_has_refs(&self, tid: TypeId) -> bool {
        self.types.get(tid).has_refs()
    }

    fn scan_object(&mut self, types: &TypeTable, a: usize) {
        types.for_each_slot(obj(a), |off| self.visit_slot(a + off));
    }

    /// The minor collection: promotes every young object reachable from
    /// the roots, the remembered old objects and the young finalizable
    /// objects; fixes young weak referents; empties the nursery. A pause of
    /// O(roots + remembered + survivors).
    pub(crate) fn minor(&mut self, ctx: &mut MutatorContext, roots: &mut dyn RootSet) {
        let t0 = std::time::Instant::now();
        let cpu0 = gc_api::accounting::thread_cpu_ns();
        let start_ns = gc_api::events::now_ns();
        let used = self.young.used(ctx);
        self.young.nursery.close(ctx.alloc_top);
        ctx.set_buffer(0, 0);
        self.young.promoted = 0;
        let types = self.types.clone();
        roots.trace_roots(&mut |w: &mut usize| {
            if is_ref(*w) && self.young.nursery.contains(*w) {
                *w = self.evacuate(*w);
            }
        });
        // Young objects with finalizers survive until an old-space cycle
        // finds them unreachable.
        for a in std::mem::take(&mut self.young.finalizers) {
            let n = self.evacuate(a);
            self.finalizers.push(n);
        }
        let rem = std::mem::take(&mut self.young.remembered);
        for &a in &rem {
            obj(a).fetch_or_flags(TRACK);
            self.scan_object(&types, a);
        }
        let mut rem = rem;
        rem.clear();
        self.young.remembered = rem;
        let carded = std::mem::take(&mut self.young.carded);
        for &a in &carded {
            self.scan_cards(&types, a);
        }
        let mut carded = carded;
        carded.clear();
        self.young.carded = carded;
        while let Some(a) = self.young.stack.pop() {
            self.scan_object(&types, a);
        }
        self.fix_young_weak();
        // Dead young objects' reserved cells stay SHADOW cells: unmarked
        // after the next start handshake, that cycle's sweep frees them.
        self.young.shadows.clear();
        let buf = self.young.nursery.reset(&[], self.shared.poison);
        ctx.set_buffer(buf.0, buf.1);
        self.pretenure_after_minor();
        self.young.promoted_total += self.young.promoted as u64;
        let mut ev = GcEvent::new(EventKind::Minor, start_ns);
        ev.duration_ns = t0.elapsed().as_nanos() as u64;
        ev.pause = true;
        ev.cpu_ns = gc_api::accounting::thread_cpu_ns().saturating_sub(cpu0);
        ev.promoted = self.young.promoted as u64;
        ev.bytes_before = used as u64;
        ev.freed = used.saturating_sub(self.young.promoted) as u64;
        ev.bytes_after = self.shared.used() as u64;
        self.events.emit(ev);
    }

    /// Weak references allocated since the last minor collection: a young
    /// referent that survived is updated, a dead one cleared.
    fn fix_young_weak(&mut self) {
        let mut cleared = 0;
        for a in std::mem::take(&mut self.young.weak) {
            let o = obj(a);
            let off = self.types.get(o.tid()).weak_offset.unwrap_or(0) as usize;
            let t = o.word(off);
            if !is_ref(t) || !self.is_young(t) {
                continue;
            }
            let th = obj(t).header();
            if th & FORWARDED != 0 {
                o.set_word(off, obj(t).word(8));
            } else {
                o.set_word(off, 0);
                cleared += 1;
            }
        }
        self.events.stats_mut().weakrefs_cleared += cleared;
    }
}
