//! The lists a copying young generation keeps about its objects, and their
//! update at the end of a minor collection.
//!
//! Young objects that need attention when they die or move are listed:
//! young large objects (allocated directly in the large space, flagged
//! `YOUNG_LARGE`, promoted in place), objects with light finalizers, weak
//! references and objects with full finalizers. Once a minor collection
//! knows the survivors ([`YoungSpace::survivor`]), [`YoungLists::after_minor`]
//! moves the promoted entries to the old generation's lists, runs the light
//! finalizers of the dead, and fixes or clears weak slots.

use crate::header_flags::{FORWARDED, HAS_FINALIZER, PINNED_SEEN, YOUNG_LARGE};
use crate::old_lists::OldLists;
use crate::type_facts::TypeFacts;
use crate::LargeSpace;
use gc_api::{is_ref, GcStats, ObjRef};

/// The object at `addr`.
#[inline(always)]
fn obj(addr: usize) -> ObjRef {
    // SAFETY: only called on entries of the young lists and on references
    // read from the weak slots of live objects.
    unsafe { ObjRef::from_addr_unchecked(addr) }
}

/// Where young objects live and what became of them in the running minor
/// collection.
pub trait YoungSpace {
    /// Is `addr` in a space whose objects move (nursery, survivor space)?
    fn in_young_space(&self, addr: usize) -> bool;

    /// If the young object at `a` survived this minor collection, its
    /// address now; None if it died. Old objects are returned unchanged.
    /// Valid until the spaces are reset.
    fn survivor(&self, a: usize) -> Option<usize>;

    /// Is the object at `addr` young (moving space or young large)?
    #[inline]
    fn is_young(&self, addr: usize) -> bool {
        self.in_young_space(addr) || obj(addr).header() & YOUNG_LARGE != 0
    }
}

/// [`YoungSpace::survivor`] for a nursery object at `a`: forwarded (copied
/// out), left in place (pinned and reached), or dead.
#[inline]
pub fn nursery_survivor(a: usize) -> Option<usize> {
    let o = obj(a);
    let h = o.header();
    if h & FORWARDED != 0 {
        Some(o.word(8))
    } else if h & PINNED_SEEN != 0 {
        Some(a)
    } else {
        None
    }
}

/// [`YoungSpace::survivor`] for an object outside the moving spaces: a
/// young large object still flagged `YOUNG_LARGE` was not reached.
#[inline]
pub fn non_moving_survivor(a: usize) -> Option<usize> {
    if obj(a).header() & YOUNG_LARGE != 0 {
        None
    } else {
        Some(a)
    }
}

/// A young generation that is just a nursery.
impl YoungSpace for crate::Nursery {
    #[inline(always)]
    fn in_young_space(&self, addr: usize) -> bool {
        self.contains(addr)
    }

    #[inline]
    fn survivor(&self, a: usize) -> Option<usize> {
        if self.contains(a) {
            nursery_survivor(a)
        } else {
            non_moving_survivor(a)
        }
    }
}

/// The young objects that need attention when they die or move.
#[derive(Default)]
pub struct YoungLists {
    /// Young large objects (untracked by the large space until promoted).
    pub large: Vec<usize>,
    /// Their total size.
    pub large_bytes: usize,
    /// During a minor collection: young large objects not reached yet.
    pub large_unreached: usize,
    /// Young objects with light finalizers.
    pub light: Vec<usize>,
    /// Young weak references.
    pub weak: Vec<usize>,
    /// Young objects with registered full finalizers.
    pub finalizers: Vec<usize>,
}

impl YoungLists {
    /// Empty lists.
    pub fn new() -> YoungLists {
        YoungLists::default()
    }

    /// Lists a freshly allocated object of a type with `facts`.
    #[inline]
    pub fn add_new(&mut self, obj: ObjRef, facts: TypeFacts) {
        if facts.light.is_some() {
            self.light.push(obj.addr());
        }
        if facts.weak.is_some() {
            self.weak.push(obj.addr());
        }
    }

    /// Registers the full finalizer of `obj` (once): flags it
    /// `HAS_FINALIZER` and lists it with the young or the `old` objects.
    pub fn register_finalizer(&mut self, obj: ObjRef, young: bool, old: &mut OldLists) {
        let h = obj.header();
        if h & HAS_FINALIZER != 0 {
            return;
        }
        obj.set_header(h | HAS_FINALIZER);
        if young {
            self.finalizers.push(obj.addr());
        } else {
            old.finalizers.push(obj.addr());
        }
    }

    /// Lists a young large object of `size` bytes.
    #[inline]
    pub fn add_large(&mut self, addr: usize, size: usize) {
        self.large.push(addr);
        self.large_bytes += size;
    }

    /// During a minor collection: if `o` is a young large object not reached
    /// yet, promotes it in place (header `(h & !clear) | set`, where `clear`
    /// should include `YOUNG_LARGE`), has the large space track it, and
    /// returns its old header and its size.
    #[inline(always)]
    pub fn promote_large(
        &mut self,
        o: ObjRef,
        large: &mut LargeSpace,
        clear: u64,
        set: u64,
    ) -> Option<(u64, usize)> {
        if self.large_unreached == 0 {
            return None;
        }
        let h = o.header();
        if h & YOUNG_LARGE == 0 {
            return None;
        }
        self.large_unreached -= 1;
        o.set_header((h & !clear) | set);
        large.track(o.addr());
        Some((h, LargeSpace::object_size(o.addr())))
    }

    /// After a minor collection: frees the young large objects it did not
    /// reach and empties the list.
    pub fn release_large(&mut self, large: &mut LargeSpace, poison: bool) {
        for &a in &self.large {
            if obj(a).header() & YOUNG_LARGE != 0 {
                // SAFETY: an untracked young large object nobody reached.
                unsafe { large.free(a, poison) };
            }
        }
        self.large.clear();
        self.large_bytes = 0;
    }

    /// Weak references, light finalizers and full finalizers of the young
    /// objects, once the survivors are known. `remembered_weak` holds the
    /// old weak references whose target may be young (see
    /// [`crate::remembered::Remembered::weak`]); `dedup` sorts it first and
    /// drops repeated entries.
    pub fn after_minor(
        &mut self,
        space: &impl YoungSpace,
        facts: &[TypeFacts],
        remembered_weak: &mut Vec<usize>,
        dedup: bool,
        old: &mut OldLists,
        stats: &mut GcStats,
    ) {
        let weak = std::mem::take(&mut self.weak);
        for &w in &weak {
            if let Some(nw) = space.survivor(w) {
                fix_weak(space, facts, nw, remembered_weak, stats);
                if space.in_young_space(nw) {
                    self.weak.push(nw);
                } else {
                    old.weak.push(nw);
                }
            }
        }
        let mut old_weak = std::mem::take(remembered_weak);
        if dedup {
            old_weak.sort_unstable();
            old_weak.dedup();
        }
        for &w in &old_weak {
            fix_weak(space, facts, w, remembered_weak, stats);
        }
        let light = std::mem::take(&mut self.light);
        for &a in &light {
            match space.survivor(a) {
                Some(n) if space.in_young_space(n) => self.light.push(n),
                Some(n) => old.light.push(n),
                None => {
                    if let Some(f) = TypeFacts::of(facts, obj(a).tid()).light {
                        f(obj(a));
                        stats.light_finalizers_run += 1;
                    }
                }
            }
        }
        let fins = std::mem::take(&mut self.finalizers);
        for &a in &fins {
            if space.in_young_space(a) {
                self.finalizers.push(a);
            } else {
                old.finalizers.push(a);
            }
        }
    }
}

/// Updates the weak slot of the surviving weak-reference object `w`: to the
/// new address of a surviving young target (listing `w` in
/// `remembered_weak` again if the target is still young and `w` old), or to
/// 0 if the target died.
fn fix_weak(
    space: &impl YoungSpace,
    facts: &[TypeFacts],
    w: usize,
    remembered_weak: &mut Vec<usize>,
    stats: &mut GcStats,
) {
    let o = obj(w);
    let Some(off) = TypeFacts::of(facts, o.tid()).weak else {
        return;
    };
    let t = o.word(off as usize);
    if !is_ref(t) || !space.is_young(t) {
        return;
    }
    match space.survivor(t) {
        Some(nt) => {
            o.set_word(off as usize, nt);
            if space.in_young_space(nt) && !space.in_young_space(w) {
                // Still young (pinned or survivor): look again next time.
                remembered_weak.push(w);
            }
        }
        None => {
            o.set_word(off as usize, 0);
            stats.weakrefs_cleared += 1;
        }
    }
}
