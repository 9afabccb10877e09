//! `Value`: one tagged machine word.
//!
//! * low bit 1: a 63-bit small int, `(n << 1) | 1`;
//! * `(w & 7) == 2`: immediates (None, True, False, NotImplemented, Ellipsis);
//! * 0: the internal "null / unbound" marker;
//! * otherwise: the address of a heap object (8-aligned).

use gc_api::ObjRef;

/// A Python value in one word.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[repr(transparent)]
pub struct Value(pub usize);

/// Largest small int.
pub const SMALL_MAX: i64 = (1i64 << 62) - 1;
/// Smallest small int.
pub const SMALL_MIN: i64 = -(1i64 << 62);

impl Value {
    /// Unbound / missing.
    pub const NULL: Value = Value(0);
    /// `None`.
    pub const NONE: Value = Value(2);
    /// `True`.
    pub const TRUE: Value = Value(10);
    /// `False`.
    pub const FALSE: Value = Value(18);
    /// `NotImplemented`.
    pub const NOT_IMPL: Value = Value(26);
    /// `Ellipsis`.
    pub const ELLIPSIS: Value = Value(34);

    /// A small int if it fits.
    #[inline(always)]
    pub fn try_int(n: i64) -> Option<Value> {
        if (SMALL_MIN..=SMALL_MAX).contains(&n) {
            Some(Value(((n << 1) | 1) as usize))
        } else {
            None
        }
    }
    /// A small int; `n` must fit in 63 bits.
    #[inline(always)]
    pub fn int(n: i64) -> Value {
        debug_assert!((SMALL_MIN..=SMALL_MAX).contains(&n));
        Value(((n << 1) | 1) as usize)
    }
    /// Is this a small int?
    #[inline(always)]
    pub fn is_int(self) -> bool {
        self.0 & 1 == 1
    }
    /// The small int (only valid if `is_int`).
    #[inline(always)]
    pub fn as_int(self) -> i64 {
        (self.0 as i64) >> 1
    }
    /// The small int, if it is one.
    #[inline(always)]
    pub fn get_int(self) -> Option<i64> {
        if self.is_int() {
            Some(self.as_int())
        } else {
            None
        }
    }
    /// Python bool.
    #[inline(always)]
    pub fn bool(b: bool) -> Value {
        if b {
            Value::TRUE
        } else {
            Value::FALSE
        }
    }
    /// Is this a heap reference?
    #[inline(always)]
    pub fn is_ref(self) -> bool {
        gc_api::is_ref(self.0)
    }
    /// The object, if a reference.
    #[inline(always)]
    pub fn obj(self) -> Option<ObjRef> {
        ObjRef::from_word(self.0)
    }
    /// Is this the null marker?
    #[inline(always)]
    pub fn is_null(self) -> bool {
        self.0 == 0
    }
    /// Is this None?
    #[inline(always)]
    pub fn is_none(self) -> bool {
        self.0 == Value::NONE.0
    }
    /// From an object reference.
    #[inline(always)]
    pub fn from_obj(o: ObjRef) -> Value {
        Value(o.to_word())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn tagging() {
        for n in [0i64, 1, -1, SMALL_MAX, SMALL_MIN, 12345] {
            let v = Value::int(n);
            assert!(v.is_int() && !v.is_ref());
            assert_eq!(v.as_int(), n);
        }
        assert!(Value::try_int(SMALL_MAX + 1).is_none());
        for v in [
            Value::NONE,
            Value::TRUE,
            Value::FALSE,
            Value::NOT_IMPL,
            Value::ELLIPSIS,
        ] {
            assert!(!v.is_ref() && !v.is_int() && v.0 & 7 == 2);
        }
    }
}
