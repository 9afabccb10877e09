//! Sets and frozensets with CPython's table (Objects/setobject.c): open
//! addressing with LINEAR_PROBES linear probes then perturbed probing, the
//! same fill/resize rules and slot-order iteration, so that iteration order
//! of sets of ints, floats and tuples matches CPython.
//!
//! Layout (a `Kind::Set` record, same slots as dicts):
//! `D_LEN` live count; `D_IDX` a raw array of `size + 2` words: the hash of
//! each slot (0 and a NULL key: empty; -1 and a NULL key: dummy), then
//! `fill` and a spare word; `D_ENT` an array of `size` keys; `D_USED` the
//! `pop` finger.

use super::dict::{D_ENT, D_IDX, D_LEN, D_USED, D_VER};
use super::layout::*;
use super::value::Value;
use crate::vm::{PyResult, Vm};
use gc_api::ObjRef;

const MINSIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

#[inline(always)]
fn hget(h: ObjRef, i: usize) -> i64 {
    h.word(ITEMS_OFF + 8 * i) as i64
}
#[inline(always)]
fn hset(h: ObjRef, i: usize, v: i64) {
    h.set_word(ITEMS_OFF + 8 * i, v as usize)
}

/// Views of a set's table.
struct Tab {
    hashes: ObjRef,
    keys: ObjRef,
    mask: usize,
}

fn tab(s: ObjRef) -> Tab {
    let hashes = Vm::get(s, D_IDX).obj().expect("set hashes");
    let keys = Vm::get(s, D_ENT).obj().expect("set keys");
    let mask = Vm::var_len(keys) - 1;
    Tab { hashes, keys, mask }
}

fn fill_of(t: &Tab) -> usize {
    hget(t.hashes, t.mask + 1) as usize
}
fn set_fill(t: &Tab, n: usize) {
    hset(t.hashes, t.mask + 1, n as i64)
}

/// Where a lookup ended.
enum Look {
    Found(usize),
    /// Not present: first free slot (dummy or empty) for an insertion, and
    /// whether it was an empty (unused) slot.
    Missing(usize, bool),
}

impl Vm {
    /// A new empty set (or frozenset) of type `ty`.
    pub fn new_set_of(&mut self, ty: Value) -> Value {
        let hashes = self.new_raw(MINSIZE + 2, 0);
        let keys = self.new_array(MINSIZE);
        let s = self.alloc_rec(Kind::Set, ty);
        Vm::init(s, D_LEN, Value::int(0));
        Vm::init(s, D_IDX, Value::from_obj(hashes));
        Vm::init(s, D_ENT, keys);
        Vm::init(s, D_USED, Value::int(0));
        Vm::init(s, D_VER, Value::int(0));
        Value::from_obj(s)
    }

    /// The hash a set positions `v` by: CPython's full 64-bit hash.
    #[inline]
    pub fn set_hash(&mut self, v: Value) -> PyResult<i64> {
        self.hash_full(v)
    }

    /// Looks `key` up (CPython `set_lookkey` / the search half of
    /// `set_add_entry`). `s` and `key` are re-read from roots after calls.
    fn set_look(&mut self, s: Value, key: Value, hash: i64) -> PyResult<(Value, Look)> {
        let base = self.root_depth();
        let hs = self.push_root(s);
        let hk = self.push_root(key);
        'restart: loop {
            let so = self.root(hs).obj().expect("set");
            let t = tab(so);
            let mask = t.mask;
            let mut i = (hash as u64 as usize) & mask;
            let mut perturb = hash as u64;
            let mut free: Option<usize> = None;
            loop {
                let probes = if i + LINEAR_PROBES <= mask {
                    LINEAR_PROBES
                } else {
                    0
                };
                for j in i..=i + probes {
                    let so = self.root(hs).obj().expect("set");
                    let t = tab(so);
                    let k = Vm::item(t.keys, j);
                    let eh = hget(t.hashes, j);
                    if k.is_null() {
                        if eh == -1 {
                            // CPython 3.11 reuses the last dummy on the probe path
                            free = Some(j);
                            continue;
                        }
                        self.pop_roots(base);
                        let s = Value::from_obj(so);
                        return Ok(match free {
                            Some(f) => (s, Look::Missing(f, false)),
                            None => (s, Look::Missing(j, true)),
                        });
                    }
                    if eh != hash {
                        continue;
                    }
                    let key = self.root(hk);
                    if k == key {
                        self.pop_roots(base);
                        return Ok((Value::from_obj(so), Look::Found(j)));
                    }
                    let eq = match Vm::eq_fast(k, key) {
                        Some(b) => b,
                        None => {
                            let hkeys = self.push_root(Value::from_obj(t.keys));
                            let hold = self.push_root(k);
                            let r = self.eq_bool(k, key);
                            let (keys0, k2) = (self.root(hkeys), self.root(hold));
                            self.pop_roots(hkeys);
                            let b = match r {
                                Ok(b) => b,
                                Err(e) => {
                                    self.pop_roots(base);
                                    return Err(e);
                                }
                            };
                            let so = self.root(hs).obj().expect("set");
                            let t2 = tab(so);
                            if Value::from_obj(t2.keys) != keys0
                                || j >= Vm::var_len(t2.keys)
                                || Vm::item(t2.keys, j) != k2
                            {
                                continue 'restart;
                            }
                            b
                        }
                    };
                    if eq {
                        let so = self.root(hs).obj().expect("set");
                        self.pop_roots(base);
                        return Ok((Value::from_obj(so), Look::Found(j)));
                    }
                }
                perturb >>= PERTURB_SHIFT;
                i = (i
                    .wrapping_mul(5)
                    .wrapping_add(1)
                    .wrapping_add(perturb as usize))
                    & mask;
            }
        }
    }

    /// `key in s`.
    pub fn set_contains_key(&mut self, s: Value, key: Value) -> PyResult<bool> {
        let hk = self.push_root(s);
        self.push_root(key);
        let h = self.set_hash(key);
        let (s, key) = (self.root(hk), self.root(hk + 1));
        self.pop_roots(hk);
        let (_, l) = self.set_look(s, key, h?)?;
        Ok(matches!(l, Look::Found(_)))
    }

    /// Adds `key`; Ok(true) if it was new.
    pub fn set_insert(&mut self, s: Value, key: Value) -> PyResult<bool> {
        let hk = self.push_root(s);
        self.push_root(key);
        let h = self.set_hash(key);
        let (s, key) = (self.root(hk), self.root(hk + 1));
        self.pop_roots(hk);
        self.set_insert_hashed(s, key, h?)
    }

    /// Adds `key` whose hash is `hash` (already computed: CPython's set
    /// algebra reuses the hashes stored in the operand tables, so `__hash__`
    /// runs once per object, as there); Ok(true) if it was new.
    pub fn set_insert_hashed(&mut self, s: Value, key: Value, hash: i64) -> PyResult<bool> {
        let hk = self.push_root(key);
        let r = self.set_look(s, key, hash);
        let key = self.root(hk);
        self.pop_roots(hk);
        let (s, l) = r?;
        let so = s.obj().expect("set");
        let t = tab(so);
        match l {
            Look::Found(_) => Ok(false),
            Look::Missing(j, unused) => {
                self.set_item(t.keys, j, key);
                hset(t.hashes, j, hash);
                let len = Vm::get(so, D_LEN).as_int();
                so.set_word(slot(D_LEN), Value::int(len + 1).0);
                if unused {
                    let fill = fill_of(&t) + 1;
                    set_fill(&t, fill);
                    if fill * 5 >= t.mask * 3 {
                        let used = (len + 1) as usize;
                        self.set_resize(so, if used > 50000 { used * 2 } else { used * 4 });
                    }
                }
                Ok(true)
            }
        }
    }

    /// Rebuilds the table with the smallest size > `minused`.
    fn set_resize(&mut self, so: ObjRef, minused: usize) {
        let mut size = MINSIZE;
        while size <= minused {
            size <<= 1;
        }
        let hashes = self.new_raw(size + 2, 0);
        let keys = self.new_array(size);
        let ko = keys.obj().expect("keys");
        let old = tab(so);
        let mask = size - 1;
        let mut n = 0;
        for j in 0..=old.mask {
            let k = Vm::item(old.keys, j);
            if k.is_null() {
                continue;
            }
            let h = hget(old.hashes, j);
            let i = insert_clean_slot(ko, mask, h);
            Vm::init_item(ko, i, k);
            hset(hashes, i, h);
            n += 1;
        }
        hset(hashes, size, n as i64);
        self.set(so, D_IDX, Value::from_obj(hashes));
        self.set(so, D_ENT, keys);
    }

    /// Removes `key`; Ok(true) if it was present.
    pub fn set_discard(&mut self, s: Value, key: Value) -> PyResult<bool> {
        let hk = self.push_root(s);
        self.push_root(key);
        let h = self.set_hash(key);
        let (s, key) = (self.root(hk), self.root(hk + 1));
        self.pop_roots(hk);
        self.set_discard_hashed(s, key, h?)
    }

    /// Removes `key` whose hash is `hash`; Ok(true) if it was present.
    pub fn set_discard_hashed(&mut self, s: Value, key: Value, hash: i64) -> PyResult<bool> {
        let (s, l) = self.set_look(s, key, hash)?;
        match l {
            Look::Found(j) => {
                let so = s.obj().expect("set");
                let t = tab(so);
                self.set_item(t.keys, j, Value::NULL);
                hset(t.hashes, j, -1);
                let len = Vm::get(so, D_LEN).as_int();
                so.set_word(slot(D_LEN), Value::int(len - 1).0);
                Ok(true)
            }
            Look::Missing(..) => Ok(false),
        }
    }

    /// Whether `key` (hash `hash`) is in set `s`.
    pub fn set_contains_hashed(&mut self, s: Value, key: Value, hash: i64) -> PyResult<bool> {
        let (_, l) = self.set_look(s, key, hash)?;
        Ok(matches!(l, Look::Found(_)))
    }

    /// Next key at or after slot `*pos`, with its stored hash.
    pub fn set_next_hashed(s: Value, pos: &mut usize) -> Option<(Value, i64)> {
        let t = tab(s.obj()?);
        while *pos <= t.mask {
            let k = Vm::item(t.keys, *pos);
            *pos += 1;
            if !k.is_null() {
                return Some((k, hget(t.hashes, *pos - 1)));
            }
        }
        None
    }

    /// Next key at or after slot `*pos`.
    pub fn set_next(s: Value, pos: &mut usize) -> Option<Value> {
        let t = tab(s.obj()?);
        while *pos <= t.mask {
            let k = Vm::item(t.keys, *pos);
            *pos += 1;
            if !k.is_null() {
                return Some(k);
            }
        }
        None
    }

    /// `s.clear()`.
    pub fn set_clear(&mut self, s: Value) {
        let so = s.obj().expect("set");
        let hashes = self.new_raw(MINSIZE + 2, 0);
        let keys = self.new_array(MINSIZE);
        self.set(so, D_IDX, Value::from_obj(hashes));
        self.set(so, D_ENT, keys);
        so.set_word(slot(D_LEN), Value::int(0).0);
    }

    /// `s.pop()` (CPython's finger scan).
    pub fn set_pop(&mut self, s: Value) -> Option<Value> {
        let so = s.obj()?;
        if Vm::get(so, D_LEN).as_int() == 0 {
            return None;
        }
        let t = tab(so);
        let mut i = (Vm::get(so, D_USED).as_int() as usize) & t.mask;
        while Vm::item(t.keys, i).is_null() {
            i += 1;
            if i > t.mask {
                i = 0;
            }
        }
        let k = Vm::item(t.keys, i);
        self.set_item(t.keys, i, Value::NULL);
        hset(t.hashes, i, -1);
        so.set_word(slot(D_USED), Value::int((i + 1) as i64).0);
        let len = Vm::get(so, D_LEN).as_int();
        so.set_word(slot(D_LEN), Value::int(len - 1).0);
        Some(k)
    }

    /// `set_merge`: adds every key of set `other` to `s`.
    pub fn set_merge(&mut self, s: Value, other: Value) -> PyResult<()> {
        let oo = other.obj().expect("set");
        let other_used = Vm::get(oo, D_LEN).as_int() as usize;
        if s == other || other_used == 0 {
            return Ok(());
        }
        let so = s.obj().expect("set");
        let t = tab(so);
        let used = Vm::get(so, D_LEN).as_int() as usize;
        if (fill_of(&t) + other_used) * 5 >= t.mask * 3 {
            self.set_resize(so, (used + other_used) * 2);
        }
        let t = tab(so);
        let ot = tab(oo);
        let fill = fill_of(&t);
        if fill == 0 && t.mask == ot.mask && fill_of(&ot) == other_used {
            for j in 0..=ot.mask {
                let k = Vm::item(ot.keys, j);
                if !k.is_null() {
                    self.set_item(t.keys, j, k);
                    hset(t.hashes, j, hget(ot.hashes, j));
                }
            }
            set_fill(&t, other_used);
            so.set_word(slot(D_LEN), Value::int(other_used as i64).0);
            return Ok(());
        }
        if fill == 0 {
            for j in 0..=ot.mask {
                let k = Vm::item(ot.keys, j);
                if !k.is_null() {
                    let h = hget(ot.hashes, j);
                    let i = insert_clean_slot(t.keys, t.mask, h);
                    self.set_item(t.keys, i, k);
                    hset(t.hashes, i, h);
                }
            }
            set_fill(&t, other_used);
            so.set_word(slot(D_LEN), Value::int(other_used as i64).0);
            return Ok(());
        }
        // General case: normal insertions (may call __eq__).
        let base = self.root_depth();
        let hs = self.push_root(s);
        let ho = self.push_root(other);
        let mut j = 0;
        loop {
            let ot = tab(self.root(ho).obj().expect("set"));
            if j > ot.mask {
                break;
            }
            let k = Vm::item(ot.keys, j);
            let h = hget(ot.hashes, j);
            j += 1;
            if k.is_null() {
                continue;
            }
            let s = self.root(hs);
            if let Err(e) = self.set_insert_hashed(s, k, h) {
                self.pop_roots(base);
                return Err(e);
            }
        }
        self.pop_roots(base);
        Ok(())
    }

    /// Pre-sizes `s` for `n` more keys (CPython does this before adding a
    /// dict's keys).
    pub fn set_presize(&mut self, s: Value, n: usize) {
        let so = s.obj().expect("set");
        let t = tab(so);
        let used = Vm::get(so, D_LEN).as_int() as usize;
        if (fill_of(&t) + n) * 5 >= t.mask * 3 {
            self.set_resize(so, (used + n) * 2);
        }
    }
}

/// CPython's `set_insert_clean` probe: the first empty slot for `hash`.
fn insert_clean_slot(keys: ObjRef, mask: usize, hash: i64) -> usize {
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    loop {
        if Vm::item(keys, i).is_null() {
            return i;
        }
        if i + LINEAR_PROBES <= mask {
            for j in 1..=LINEAR_PROBES {
                if Vm::item(keys, i + j).is_null() {
                    return i + j;
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(perturb as usize))
            & mask;
    }
}

impl Vm {
    /// The table of a constant set: `frozenset(list(f1))` where `f1` is the
    /// set built from the items in order; with `merge`, copied into a new set.
    pub fn set_const_fold(&mut self, f1: Value, merge: bool) -> PyResult {
        let t = self.type_of(f1);
        let f2 = self.new_set_of(t);
        let base = self.root_depth();
        let h1 = self.push_root(f1);
        let h2 = self.push_root(f2);
        let mut pos = 0;
        while let Some(k) = Vm::set_next(self.root(h1), &mut pos) {
            let f2 = self.root(h2);
            if let Err(e) = self.set_insert(f2, k) {
                self.pop_roots(base);
                return Err(e);
            }
        }
        let mut out = self.root(h2);
        if merge {
            let copy = self.new_set_of(t);
            let hc = self.push_root(copy);
            let r = self.set_merge(copy, out);
            out = self.root(hc);
            if let Err(e) = r {
                self.pop_roots(base);
                return Err(e);
            }
        }
        self.pop_roots(base);
        Ok(out)
    }

    /// CPython's `frozenset.__hash__` (folded into 62 bits when needed).
    pub fn frozenset_hash(v: Value) -> i64 {
        let t = tab(v.obj().expect("set"));
        let hs = (0..=t.mask)
            .filter(|&j| !Vm::item(t.keys, j).is_null())
            .map(|j| hget(t.hashes, j));
        crate::vm::hashing::frozenset_hash(hs)
    }
}
