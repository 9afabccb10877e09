//! Per-type facts a collector's hot loops need, copied out of the
//! [`TypeTable`] once so a lookup is one indexed load.

use gc_api::{LightFinalizer, TypeId, TypeTable};

/// What a collector needs to know about one type while collecting.
#[derive(Clone, Copy, Debug)]
pub struct TypeFacts {
    /// Instances have reference slots (fixed or items).
    pub has_refs: bool,
    /// Items of the variable part are (or contain) references.
    pub item_refs: bool,
    /// Offset of the weak slot, if the type is a weak reference.
    pub weak: Option<u32>,
    /// The light finalizer, run when an instance dies.
    pub light: Option<LightFinalizer>,
}

impl TypeFacts {
    /// The facts of every type of `types`, indexed by type id.
    pub fn table(types: &TypeTable) -> Vec<TypeFacts> {
        types
            .iter()
            .map(|(_, t)| TypeFacts {
                has_refs: t.has_refs(),
                item_refs: t
                    .var
                    .as_ref()
                    .is_some_and(|v| !v.item_ref_offsets.is_empty()),
                weak: t.weak_offset,
                light: t.light_finalizer,
            })
            .collect()
    }

    /// The facts of `tid` in a table built by [`TypeFacts::table`].
    #[inline(always)]
    pub fn of(table: &[TypeFacts], tid: TypeId) -> TypeFacts {
        table[tid.0 as usize]
    }
}
