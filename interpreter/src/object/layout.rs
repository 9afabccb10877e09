//! Object layouts: the GC type table and the few raw accesses (byte payloads)
//! that need `unsafe`. The GC type id of an object *is* its [`Kind`].
//!
//! Every Python-visible object is `[header][type][fields...]`; internal objects
//! (arrays, maps) keep the same shape with `None` in the type slot.

use gc_api::{ObjRef, TypeInfo, TypeTable, VarLayout};

/// Declares [`Kind`] (the GC type ids), [`NKINDS`], [`ALL_KINDS`] and
/// [`record_slots`] from one list: `Name(fixed record slots)`, in
/// registration order (the id of each kind is its position; the JIT and the
/// collectors' type table rely on it). Kinds with their own layout in
/// [`build_type_table`] (var-size, raw payloads) list 0 slots.
macro_rules! kinds {
    ($($(#[$m:meta])* $k:ident($slots:expr)),* $(,)?) => {
        /// GC type ids, registered in this order by [`build_type_table`].
        #[repr(u32)]
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        pub enum Kind {
            $($(#[$m])* $k),*
        }

        /// Number of kinds.
        pub const NKINDS: u32 = [$(Kind::$k),*].len() as u32;

        /// All kinds in registration order.
        pub const ALL_KINDS: [Kind; NKINDS as usize] = [$(Kind::$k),*];

        /// Fixed slots (type slot included) of each record kind (0 for the
        /// kinds with their own layout).
        pub const fn record_slots(k: Kind) -> usize {
            const SLOTS: [usize; NKINDS as usize] = [$($slots),*];
            SLOTS[k as usize]
        }
    };
}

kinds! {
    Float(0),
    Str(0),
    Bytes(0),
    BigInt(0),
    Tuple(0),
    Array(0),
    RawArray(0),
    Frame(0),
    List(4),
    Dict(7),
    Set(7),
    Instance(4),
    Type(16),
    Function(12),
    Builtin(4),
    Method(3),
    Code(6),
    Cell(2),
    Generator(6),
    Module(3),
    Exception(9),
    Traceback(5),
    Range(4),
    Iter(6),
    Slice(4),
    Property(5),
    ClassMethod(2),
    StaticMethod(2),
    Super(3),
    Map(7),
    Misc(8),
    /// numpy ndarray: buffer outside the heap, freed by a light finalizer.
    NdArray(0),
    /// complex: two raw f64 parts.
    Complex(0),
    /// Internal weak cell (`_weakref`): `[type][referent (weak)][a][b]`.
    WeakCell(0),
    /// collections.deque: a ring buffer (see `object::deque`).
    Deque(7),
    /// An instance of a float subclass: `[type][f64][attrs]` (the f64 where
    /// a float has it, so [`crate::vm::Vm::float_val`] reads both).
    FloatSub(0),
}

/// Slot of a float subclass instance's attribute dict (0 until first used).
pub const FLOATSUB_ATTRS: usize = 2;

/// Byte offset of the type slot.
pub const TYPE_OFF: usize = 8;
/// Byte offset of the length word of var-size objects.
pub const LEN_OFF: usize = 16;
/// Str: cached hash (raw word, 0 = not computed), char count, attribute dict
/// of str-subclass instances (NULL otherwise), payload start.
pub const STR_HASH_OFF: usize = 24;
pub const STR_NCHARS_OFF: usize = 32;
pub const STR_ATTRS_OFF: usize = 40;
pub const STR_DATA_OFF: usize = 48;
/// Bytes: cached hash and payload start.
pub const BYTES_DATA_OFF: usize = 32;
/// BigInt: the attribute dict of int-subclass instances (NULL otherwise);
/// the value itself is boxed (see `bigbox`). Int-subclass instances are
/// always BigInt objects, even for small values.
pub const BIG_ATTRS_OFF: usize = super::bigbox::ATTRS_OFF;
/// The attribute words as record slot indices (`Vm::get(o, i)`).
pub const STR_ATTRS_SLOT: usize = (STR_ATTRS_OFF - 8) / 8;
pub const BIG_ATTRS_SLOT: usize = (BIG_ATTRS_OFF - 8) / 8;
/// Tuples / arrays: the attribute dict of tuple-subclass instances (record
/// slot 2, NULL otherwise; unused by arrays), then the items.
pub const TUP_ATTRS_SLOT: usize = 2;
pub const ITEMS_OFF: usize = 32;
/// Frames: fixed fields.
pub const FRAME_CODE: usize = 16;
pub const FRAME_GLOBALS: usize = 24;
pub const FRAME_BACK: usize = 32;
pub const FRAME_GEN: usize = 40;
pub const FRAME_LOCALS: usize = 48;
pub const FRAME_FUNC: usize = 56;
pub const FRAME_PC: usize = 64;
pub const FRAME_SP: usize = 72;
pub const FRAME_FLAGS: usize = 80;
pub const FRAME_LEN: usize = 88;
pub const FRAME_ITEMS: usize = 96;

/// WeakCell: byte offset of the weak referent slot (record slot 1).
pub const WEAK_REFERENT_OFF: usize = 16;

/// Offset of record slot `i` (slot 0 is the type).
#[inline(always)]
pub const fn slot(i: usize) -> usize {
    8 + 8 * i
}

/// Registers every layout. The id of each equals its `Kind` discriminant.
pub fn build_type_table() -> TypeTable {
    let mut t = TypeTable::new();
    for k in ALL_KINDS {
        let name = format!("{k:?}");
        let info = match k {
            Kind::Float => TypeInfo::fixed(name, 24, vec![8]),
            Kind::FloatSub => TypeInfo::fixed(name, 32, vec![8, slot(FLOATSUB_ATTRS) as u32]),
            Kind::Complex => TypeInfo::fixed(name, 32, vec![8]),
            Kind::Str => TypeInfo::var_size(
                name,
                STR_DATA_OFF as u32,
                vec![8, STR_ATTRS_OFF as u32],
                bytes_items(),
            ),
            Kind::Bytes => TypeInfo::var_size(name, 32, vec![8], bytes_items()),
            Kind::BigInt => super::bigbox::layout(name),
            Kind::Tuple | Kind::Array => TypeInfo::var_size(
                name,
                ITEMS_OFF as u32,
                vec![8, slot(TUP_ATTRS_SLOT) as u32],
                VarLayout {
                    length_offset: LEN_OFF as u32,
                    item_size: 8,
                    item_ref_offsets: vec![0],
                },
            ),
            Kind::RawArray => TypeInfo::var_size(
                name,
                ITEMS_OFF as u32,
                vec![8],
                VarLayout {
                    length_offset: LEN_OFF as u32,
                    item_size: 8,
                    item_ref_offsets: vec![],
                },
            ),
            Kind::Frame => TypeInfo::var_size(
                name,
                FRAME_ITEMS as u32,
                vec![8, 16, 24, 32, 40, 48, 56],
                VarLayout {
                    length_offset: FRAME_LEN as u32,
                    item_size: 8,
                    item_ref_offsets: vec![0],
                },
            ),
            Kind::NdArray => crate::modules::numpy::ndarray_layout(name),
            // The referent (slot 1) is weak: not traced, cleared by the GC.
            Kind::WeakCell => {
                TypeInfo::fixed(name, 40, vec![8, 24, 32]).with_weak_slot(WEAK_REFERENT_OFF as u32)
            }
            _ => {
                let n = record_slots(k);
                TypeInfo::fixed(
                    name,
                    (8 + 8 * n) as u32,
                    (0..n).map(|i| slot(i) as u32).collect(),
                )
            }
        };
        let id = t.register(info);
        assert_eq!(id.0, k as u32);
    }
    t
}

fn bytes_items() -> VarLayout {
    VarLayout {
        length_offset: LEN_OFF as u32,
        item_size: 1,
        item_ref_offsets: vec![],
    }
}

/// The kind of a heap object.
#[inline(always)]
pub fn kind_of(o: ObjRef) -> Kind {
    let t = o.tid().0;
    if t < NKINDS {
        ALL_KINDS[t as usize]
    } else {
        panic!("heap corruption: unknown kind {t}")
    }
}

/// The payload bytes of a str/bytes object. The slice must not be kept
/// across a safepoint or an allocation that could be followed by one.
#[inline(always)]
pub fn payload<'a>(o: ObjRef, data_off: usize) -> &'a [u8] {
    let len = o.word(LEN_OFF);
    // SAFETY: str/bytes objects hold `len` payload bytes starting at
    // `data_off` (their layout registers item_size 1 with the length word at
    // LEN_OFF). Callers use the slice before the next safepoint, so the object
    // is neither moved nor freed while it is alive, and payloads are
    // immutable after initialisation.
    unsafe { o.bytes(data_off, len) }
}

/// Fills the payload of a freshly allocated str/bytes object.
#[inline(always)]
pub fn init_payload(o: ObjRef, data_off: usize, src: &[u8]) {
    let len = o.word(LEN_OFF);
    assert_eq!(len, src.len());
    // SAFETY: the object was just allocated with room for `len` bytes at
    // `data_off`; no other reference to the payload exists yet.
    let dst = unsafe { o.bytes_mut(data_off, len) };
    dst.copy_from_slice(src);
}

/// Writes one byte into a bytes-like payload (bytearray/array storage).
pub fn set_payload_byte(o: ObjRef, data_off: usize, i: usize, b: u8) {
    let len = o.word(LEN_OFF);
    assert!(i < len);
    // SAFETY: index checked against the length; single byte store into a
    // non-reference payload of a live object.
    let dst = unsafe { o.bytes_mut(data_off, len) };
    dst[i] = b;
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn kind_ids_are_positions() {
        assert_eq!(ALL_KINDS.len(), NKINDS as usize);
        for (i, k) in ALL_KINDS.iter().enumerate() {
            assert_eq!(*k as usize, i, "{k:?}");
        }
        // The numbering the JIT and the heap tools see.
        assert_eq!(Kind::Float as u32, 0);
        assert_eq!(Kind::Tuple as u32, 4);
        assert_eq!(Kind::List as u32, 8);
        assert_eq!(Kind::Instance as u32, 11);
        assert_eq!(Kind::Deque as u32, 34);
        assert_eq!(Kind::FloatSub as u32, NKINDS - 1);
    }

    #[test]
    fn record_slots_per_kind() {
        assert_eq!(record_slots(Kind::List), 4);
        assert_eq!(record_slots(Kind::Dict), 7);
        assert_eq!(record_slots(Kind::Type), 16);
        assert_eq!(record_slots(Kind::ClassMethod), 2);
        assert_eq!(record_slots(Kind::Deque), 7);
        assert_eq!(record_slots(Kind::Float), 0);
        assert_eq!(record_slots(Kind::Tuple), 0);
        let t = build_type_table();
        for k in ALL_KINDS {
            let n = record_slots(k);
            if n > 0 {
                let info = t.get(gc_api::TypeId(k as u32));
                assert_eq!(info.fixed_size as usize, 8 + 8 * n, "{k:?}");
            }
        }
    }

    #[test]
    fn table_matches_kinds() {
        let t = build_type_table();
        assert_eq!(t.len(), NKINDS as usize);
        assert_eq!(t.get(gc_api::TypeId(Kind::List as u32)).fixed_size, 40);
    }
}
