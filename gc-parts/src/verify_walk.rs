//! Heap walks and the invariant check shared by the copying generational
//! collectors ([`crate::header_flags`] layout).
//!
//! [`check_graph`] walks everything reachable from a start set and checks
//! the invariants both collectors keep: every reference designates an
//! allocated object with a registered type and no transient flag; an old
//! object without `TRACK_YOUNG_PTRS` is remembered; an old object with it
//! references young objects only from dirty cards. A collector adds its own
//! rules through the [`HeapCheck`] hooks.

use crate::header_flags::{HAS_CARDS, SHADOW_CELL, TRACK_YOUNG_PTRS, YOUNG_LARGE};
use crate::remembered::cards_of;
use crate::type_facts::TypeFacts;
use crate::{Arena, LargeSpace, Nursery};
use gc_api::{is_ref, ObjRef, TypeTable};
/// A set of object addresses: verification builds several per check, so
/// the hasher is Fx (addresses are not attacker-chosen), not SipHash.
pub type AddrSet = rustc_hash::FxHashSet<usize>;

/// The object at `addr`.
#[inline(always)]
fn obj(addr: usize) -> ObjRef {
    // SAFETY: callers pass addresses of objects known to the collector, or
    // references already checked by `check_ref`.
    unsafe { ObjRef::from_addr_unchecked(addr) }
}

/// Calls `f` on each object packed back to back in `start..end`.
pub fn parse_range(
    types: &TypeTable,
    start: usize,
    end: usize,
    f: &mut dyn FnMut(usize),
) -> Result<(), String> {
    let mut at = start;
    while at < end {
        let o = obj(at);
        if !types.contains(o.tid()) {
            return Err(format!(
                "young object {at:#x} has bad type id {:#x}",
                o.tid().0
            ));
        }
        f(at);
        at += types.size_of(o);
    }
    if at != end {
        return Err(format!("young range {start:#x}..{end:#x} does not parse"));
    }
    Ok(())
}

/// The young objects: the filled ranges of the nursery (`top` its
/// allocation pointer), then `extra_ranges` (parsed too), then `extra`.
pub fn young_objects(
    types: &TypeTable,
    nursery: &Nursery,
    top: usize,
    extra_ranges: &[(usize, usize)],
    extra: impl IntoIterator<Item = usize>,
) -> Result<AddrSet, String> {
    let mut set = AddrSet::default();
    let mut ranges = Vec::new();
    nursery.for_each_range(|s, e| ranges.push((s, e)));
    ranges.push(nursery.open_range(top));
    // Objects pinned at the last minor collection and unpinned since.
    ranges.extend_from_slice(nursery.kept_ranges());
    ranges.extend_from_slice(extra_ranges);
    for (s, e) in ranges {
        parse_range(types, s, e, &mut |a| {
            set.insert(a);
        })?;
    }
    set.extend(extra);
    Ok(set)
}

/// Calls `f` on every old object: arena cells (except reserved identity
/// shadows) and large objects.
pub fn walk_old(arena: &Arena, large: &LargeSpace, f: &mut dyn FnMut(ObjRef)) {
    arena.for_each_allocated(|a| {
        if obj(a).header() & SHADOW_CELL == 0 {
            f(obj(a))
        }
    });
    large.for_each(|a| f(obj(a)));
}

/// The large objects, old and young.
pub fn large_objects(large: &LargeSpace, young_large: &[usize]) -> AddrSet {
    let mut set = AddrSet::default();
    large.for_each(|a| {
        set.insert(a);
    });
    set.extend(young_large.iter().copied());
    set
}

/// A collector's part of the heap check.
pub trait HeapCheck {
    /// Is `addr` in a space whose objects move (nursery, survivor space)?
    fn in_young_space(&self, addr: usize) -> bool;

    /// Is `w` an allocated object (a parsed young object, an allocated
    /// arena cell, a large object)?
    fn allocated(&self, w: usize) -> bool;

    /// Flags no referenced object may have.
    fn transient_flags(&self) -> u64;

    /// Checks the reached object `a` (header `h`, `young` or old); returns
    /// whether its reference slots need [`HeapCheck::check_edge`].
    fn check_object(&self, _a: usize, _h: u64, _young: bool) -> Result<bool, String> {
        Ok(false)
    }

    /// Whether the old object `a` may reference a young object without
    /// being remembered (e.g. it is listed as pointing to pinned objects).
    fn young_ref_allowed(&self, _a: usize) -> bool {
        false
    }

    /// Checks the reference `w` (header `th`) in slot `off` of an object
    /// `a` for which [`HeapCheck::check_object`] returned true; `dirty`: the
    /// slot's card is marked.
    fn check_edge(
        &self,
        _a: usize,
        _off: usize,
        _w: usize,
        _th: u64,
        _target_young: bool,
        _dirty: bool,
    ) -> Result<(), String> {
        Ok(())
    }

    /// Checks the target `w` of the weak slot of the (`young` or old) weak
    /// reference `a`.
    fn check_weak(&self, _a: usize, _young: bool, _w: usize) -> Result<(), String> {
        Ok(())
    }
}

/// Checks that `w` designates a live object.
pub fn check_ref(c: &impl HeapCheck, types: &TypeTable, w: usize) -> Result<(), String> {
    if !c.allocated(w) {
        return Err(format!("reference {w:#x} is not an allocated object"));
    }
    let h = obj(w).header();
    if !types.contains(obj(w).tid()) {
        return Err(format!(
            "object {w:#x} has bad type id {:#x}",
            obj(w).tid().0
        ));
    }
    if h & c.transient_flags() != 0 {
        return Err(format!(
            "object {w:#x} has a transient flag set: header {h:#x}"
        ));
    }
    Ok(())
}

/// Walks the objects reachable from `todo` (references already checked
/// with [`check_ref`]) and checks the invariants of the module
/// documentation and those of `c`. `remembered`: the remembered objects.
pub fn check_graph(
    c: &impl HeapCheck,
    types: &TypeTable,
    facts: &[TypeFacts],
    remembered: &AddrSet,
    mut todo: Vec<usize>,
) -> Result<(), String> {
    let mut seen = AddrSet::with_capacity_and_hasher(todo.len().max(1024), Default::default());
    while let Some(a) = todo.pop() {
        if !seen.insert(a) {
            continue;
        }
        let o = obj(a);
        let h = o.header();
        let is_young = c.in_young_space(a) || h & YOUNG_LARGE != 0;
        if !is_young && h & TRACK_YOUNG_PTRS == 0 && !remembered.contains(&a) {
            return Err(format!(
                "old object {a:#x} lacks TRACK_YOUNG_PTRS but is not remembered"
            ));
        }
        let edges = c.check_object(a, h, is_young)?;
        let info = types.get(o.tid());
        let cards = (h & HAS_CARDS != 0).then(|| cards_of(types, o));
        let fixed = info.fixed_size as usize;
        let item_size = info.var.as_ref().map_or(1, |v| v.item_size as usize);
        let card_dirty = |off: usize| -> bool {
            match &cards {
                Some(c) if off >= fixed => c.is_marked((off - fixed) / item_size),
                _ => false,
            }
        };
        let mut err = Ok(());
        types.for_each_slot(o, |off| {
            let w = o.word(off);
            if err.is_err() || !is_ref(w) {
                return;
            }
            if let Err(e) = check_ref(c, types, w) {
                err = Err(format!("slot {off} of {a:#x} ({}): {e}", info.name));
                return;
            }
            let th = obj(w).header();
            let target_young = c.in_young_space(w) || th & YOUNG_LARGE != 0;
            if !is_young
                && target_young
                && h & TRACK_YOUNG_PTRS != 0
                && !card_dirty(off)
                && !c.young_ref_allowed(a)
            {
                err = Err(format!(
                    "unremembered old->young pointer: slot {off} of {a:#x} ({}) -> {w:#x} ({}): \
                     no dirty card or remembered-set entry covers it (a store skipped the write barrier)",
                    info.name,
                    types.get(obj(w).tid()).name
                ));
                return;
            }
            if edges {
                if let Err(e) = c.check_edge(a, off, w, th, target_young, card_dirty(off)) {
                    err = Err(e);
                    return;
                }
            }
            todo.push(w);
        });
        err?;
        if let Some(off) = TypeFacts::of(facts, o.tid()).weak {
            let w = o.word(off as usize);
            if is_ref(w) {
                check_ref(c, types, w).map_err(|e| format!("weak slot of {a:#x}: {e}"))?;
                c.check_weak(a, is_young, w)?;
            }
        }
    }
    Ok(())
}
