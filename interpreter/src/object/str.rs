//! str and bytes objects: `[hdr][type][len][hash][nchars][utf-8 bytes]`.

use super::layout::*;
use super::value::Value;
use super::T;
use crate::vm::{Vm, R_CHARS, R_INTERN};
use gc_api::ObjRef;

/// The text of a str object (valid until the next safepoint).
///
/// O(1): the payload is not re-validated.
#[inline(always)]
pub fn str_of<'a>(o: ObjRef) -> &'a str {
    let b = payload(o, STR_DATA_OFF);
    debug_assert!(std::str::from_utf8(b).is_ok());
    // SAFETY: every str object is created by `new_str`/`new_str_of`/
    // `init_chars`, which copy the payload from a `&str`, and payloads are
    // immutable afterwards, so the bytes are valid UTF-8.
    unsafe { std::str::from_utf8_unchecked(b) }
}

impl Vm {
    /// A new str.
    pub fn new_str(&mut self, s: &str) -> Value {
        if s.len() == 1 {
            let b = s.as_bytes()[0] as usize;
            if let Some(tab) = self.root(R_CHARS).obj() {
                let v = Vm::item(tab, b);
                if !v.is_null() {
                    return v;
                }
            }
        }
        let ty = self.ty(T::Str);
        let o = self.alloc_var(Kind::Str, ty, s.len());
        o.set_word(STR_ATTRS_OFF, 0);
        init_payload(o, STR_DATA_OFF, s.as_bytes());
        let n = if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
        o.set_word(STR_NCHARS_OFF, n);
        Value::from_obj(o)
    }
    /// A str object of type `ty` (str subclasses) with the text of `s`.
    pub fn new_str_of(&mut self, s: &str, ty: Value) -> Value {
        let o = self.alloc_var(Kind::Str, ty, s.len());
        o.set_word(STR_ATTRS_OFF, 0);
        init_payload(o, STR_DATA_OFF, s.as_bytes());
        let n = if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
        o.set_word(STR_NCHARS_OFF, n);
        Value::from_obj(o)
    }
    /// A str from a String.
    pub fn new_string(&mut self, s: String) -> Value {
        self.new_str(&s)
    }
    /// A bytes object of type `ty` (bytes subclasses).
    pub fn new_bytes_of(&mut self, b: &[u8], ty: Value) -> Value {
        let o = self.alloc_var(Kind::Bytes, ty, b.len());
        init_payload(o, BYTES_DATA_OFF, b);
        Value::from_obj(o)
    }
    /// New bytes.
    pub fn new_bytes(&mut self, b: &[u8]) -> Value {
        let ty = self.ty(T::Bytes);
        let o = self.alloc_var(Kind::Bytes, ty, b.len());
        init_payload(o, BYTES_DATA_OFF, b);
        Value::from_obj(o)
    }
    /// Is `v` a str (or subclass instance stored as str)?
    #[inline(always)]
    pub fn is_str(v: Value) -> bool {
        Vm::is_kind(v, Kind::Str)
    }
    /// The text of `v`, which must be a str.
    #[inline(always)]
    pub fn as_str<'a>(v: Value) -> &'a str {
        match v.obj() {
            Some(o) => str_of(o),
            None => "",
        }
    }
    /// The bytes of a bytes object.
    pub fn as_bytes<'a>(v: Value) -> &'a [u8] {
        match v.obj() {
            Some(o) => payload(o, BYTES_DATA_OFF),
            None => &[],
        }
    }
    /// Number of characters of a str.
    pub fn str_nchars(v: Value) -> usize {
        v.obj().map(|o| o.word(STR_NCHARS_OFF)).unwrap_or(0)
    }
    /// The hash of a str as dicts store it (see `vm::hashing`).
    #[inline]
    pub fn str_hash(v: Value) -> i64 {
        crate::vm::hashing::fold62(Vm::str_hash_full(v))
    }
    /// Interns a str value: returns the canonical object.
    pub fn intern_value(&mut self, v: Value) -> Value {
        let d = self.root(R_INTERN);
        if let Some(found) = self.dict_get_str(d, v) {
            return found;
        }
        let d = self.root(R_INTERN);
        self.dict_set_str(d, v, v);
        v
    }
    /// Interns Rust text.
    pub fn intern(&mut self, s: &str) -> Value {
        let v = self.new_str(s);
        self.intern_value(v)
    }
    /// str equality (no calls).
    #[inline]
    pub fn str_eq(a: Value, b: Value) -> bool {
        if a == b {
            return true;
        }
        let (oa, ob) = match (a.obj(), b.obj()) {
            (Some(x), Some(y)) => (x, y),
            _ => return false,
        };
        if oa.word(LEN_OFF) != ob.word(LEN_OFF) {
            return false;
        }
        let ha = oa.word(STR_HASH_OFF);
        let hb = ob.word(STR_HASH_OFF);
        if ha != 0 && hb != 0 && ha != hb {
            return false;
        }
        payload(oa, STR_DATA_OFF) == payload(ob, STR_DATA_OFF)
    }
    /// Builds the one-character table for ASCII.
    pub fn init_chars(&mut self) {
        let tab = self.new_array(128);
        let h = self.push_root(tab);
        for i in 0..128u8 {
            let s = (i as char).to_string();
            let ty = self.ty(T::Str);
            let o = self.alloc_var(Kind::Str, ty, 1);
            o.set_word(STR_ATTRS_OFF, 0);
            init_payload(o, STR_DATA_OFF, s.as_bytes());
            o.set_word(STR_NCHARS_OFF, 1);
            let tab = self.root(h).obj().expect("tab");
            self.set_item(tab, i as usize, Value::from_obj(o));
        }
        let tab = self.root(h);
        self.set_root(R_CHARS, tab);
        self.pop_roots(h);
    }
}

/// Characters per entry of a non-ASCII str's offset index.
const IDX_STEP: usize = 32;

impl Vm {
    /// Byte offset of character `i` (0 <= i <= nchars) of str `v`: O(1)
    /// for ASCII strs; for other strs of the exact `str` type an index of
    /// the byte offset of every 32nd character, built on first use and kept
    /// in the (otherwise unused) attribute slot, bounds the walk to 31
    /// characters, so indexing and slicing have CPython's complexity.
    pub fn str_char_offset(&mut self, v: Value, i: usize) -> usize {
        let o = v.obj().expect("str");
        let len = o.word(LEN_OFF);
        let n = o.word(STR_NCHARS_OFF);
        if len == n {
            return i;
        }
        if i >= n {
            return len;
        }
        let mut idx = Value(o.word(STR_ATTRS_OFF));
        if idx.is_null() && n >= 2 * IDX_STEP && self.type_of(v) == self.ty(T::Str) {
            idx = self.build_char_index(v);
        }
        let (mut off, mut c) = (0usize, 0usize);
        if let Some(ix) = idx.obj().filter(|x| kind_of(*x) == Kind::RawArray) {
            off = ix.word(ITEMS_OFF + 8 * (i / IDX_STEP));
            c = i / IDX_STEP * IDX_STEP;
        }
        let s = str_of(v.obj().expect("str")).as_bytes();
        while c < i {
            off += utf8_width(s[off]);
            c += 1;
        }
        off
    }

    fn build_char_index(&mut self, v: Value) -> Value {
        let n = Vm::str_nchars(v);
        let ix = self.alloc_var(Kind::RawArray, Value::NONE, n / IDX_STEP + 1);
        let s = str_of(v.obj().expect("str")).as_bytes();
        let (mut off, mut k) = (0usize, 0usize);
        for c in 0..n {
            if c % IDX_STEP == 0 {
                ix.set_word(ITEMS_OFF + 8 * k, off);
                k += 1;
            }
            off += utf8_width(s[off]);
        }
        let ixv = Value::from_obj(ix);
        self.set(v.obj().expect("str"), STR_ATTRS_SLOT, ixv);
        ixv
    }
}

/// Bytes of the UTF-8 sequence starting with `b`.
#[inline(always)]
fn utf8_width(b: u8) -> usize {
    match b {
        0..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}
