//! Insertion-ordered dicts (and sets, same layout):
//! `[type][len][indices: RawArray][entries: Array of (key, value, hash)][used][version][attrs]`.

use super::layout::*;
use super::value::Value;
use super::T;
use crate::vm::{PyResult, Vm};
use gc_api::ObjRef;

pub const D_LEN: usize = 1;
pub const D_IDX: usize = 2;
pub const D_ENT: usize = 3;
pub const D_USED: usize = 4;
pub const D_VER: usize = 5;
pub const D_ATTRS: usize = 6;

const EMPTY: i64 = -1;
const DUMMY: i64 = -2;

enum Probe {
    Found(usize),
    Missing(usize),
}

#[inline(always)]
fn raw_get(a: ObjRef, i: usize) -> i64 {
    a.word(ITEMS_OFF + 8 * i) as i64
}
#[inline(always)]
fn raw_set(a: ObjRef, i: usize, v: i64) {
    a.set_word(ITEMS_OFF + 8 * i, v as usize)
}

impl Vm {
    /// A new empty raw (non-reference) word array filled with `fill`.
    pub fn new_raw(&mut self, n: usize, fill: i64) -> ObjRef {
        let o = self.alloc_var(Kind::RawArray, Value::NONE, n);
        if fill != 0 {
            for i in 0..n {
                raw_set(o, i, fill);
            }
        }
        o
    }
    /// A new dict (or set, when `kind` is Set) of type `ty`.
    pub fn new_dict_of(&mut self, kind: Kind, ty: Value, cap: usize) -> Value {
        if kind == Kind::Set {
            return self.new_set_of(ty);
        }
        let mut size = 8;
        while size * 2 / 3 < cap {
            size *= 2;
        }
        let idx = self.new_raw(size, EMPTY);
        let ent = self.new_array(3 * (size * 2 / 3));
        let d = self.alloc_rec(kind, ty);
        Vm::init(d, D_LEN, Value::int(0));
        Vm::init(d, D_IDX, Value::from_obj(idx));
        Vm::init(d, D_ENT, ent);
        Vm::init(d, D_USED, Value::int(0));
        Vm::init(d, D_VER, Value::int(0));
        Value::from_obj(d)
    }
    /// A new empty dict.
    pub fn new_dict(&mut self) -> Value {
        let ty = self.ty(T::Dict);
        self.new_dict_of(Kind::Dict, ty, 0)
    }
    /// Number of live entries.
    #[inline]
    pub fn dict_len(d: Value) -> usize {
        Vm::get(d.obj().expect("dict"), D_LEN).as_int() as usize
    }
    /// The version tag (bumped on every store/delete).
    #[inline]
    pub fn dict_version(d: Value) -> i64 {
        Vm::get(d.obj().expect("dict"), D_VER).as_int()
    }
    fn bump(d: ObjRef) {
        let v = Vm::get(d, D_VER).as_int();
        d.set_word(slot(D_VER), Value::int((v + 1) & 0x3fff_ffff_ffff).0);
    }

    /// Probe without calling Python: keys compared by identity or `eq_fast`.
    /// Returns None if a comparison needs Python.
    fn probe_fast(d: ObjRef, key: Value, hash: i64) -> Option<Probe> {
        let idx = Vm::get(d, D_IDX).obj()?;
        let ent = Vm::get(d, D_ENT).obj()?;
        let mask = Vm::var_len(idx) - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        let mut free: Option<usize> = None;
        loop {
            let e = raw_get(idx, i);
            if e == EMPTY {
                return Some(Probe::Missing(free.unwrap_or(i)));
            }
            if e == DUMMY {
                if free.is_none() {
                    free = Some(i);
                }
            } else {
                let e = e as usize;
                let k = Vm::item(ent, 3 * e);
                if k == key {
                    return Some(Probe::Found(e));
                }
                if Vm::item(ent, 3 * e + 2).as_int() == hash {
                    match Vm::eq_fast(k, key) {
                        Some(true) => return Some(Probe::Found(e)),
                        Some(false) => {}
                        None => return None,
                    }
                }
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(perturb as usize)
                .wrapping_add(1))
                & mask;
        }
    }

    /// Full probe; may call `__eq__` (d and key are rooted around calls).
    fn probe(&mut self, d: Value, key: Value, hash: i64) -> PyResult<(Value, Probe)> {
        if let Some(p) = Vm::probe_fast(d.obj().expect("dict"), key, hash) {
            return Ok((d, p));
        }
        let base = self.root_depth();
        let hd = self.push_root(d);
        let hk = self.push_root(key);
        'restart: loop {
            let d = self.root(hd).obj().expect("dict");
            let mut idx = Vm::get(d, D_IDX).obj().expect("idx");
            let mask = Vm::var_len(idx) - 1;
            let mut perturb = hash as u64;
            let mut i = (hash as u64 as usize) & mask;
            let mut free: Option<usize> = None;
            loop {
                let d = self.root(hd).obj().expect("dict");
                let idx2 = Vm::get(d, D_IDX).obj().expect("idx");
                if idx2 != idx {
                    continue 'restart;
                }
                let ent = Vm::get(d, D_ENT).obj().expect("ent");
                let e = raw_get(idx, i);
                if e == EMPTY {
                    let r = (Value::from_obj(d), Probe::Missing(free.unwrap_or(i)));
                    self.pop_roots(base);
                    return Ok(r);
                }
                if e == DUMMY {
                    if free.is_none() {
                        free = Some(i);
                    }
                } else {
                    let e = e as usize;
                    let k = Vm::item(ent, 3 * e);
                    let key = self.root(hk);
                    if k == key {
                        self.pop_roots(base);
                        return Ok((Value::from_obj(d), Probe::Found(e)));
                    }
                    if Vm::item(ent, 3 * e + 2).as_int() == hash {
                        // `__eq__` may mutate the dict or move it, its
                        // table and the key: CPython restarts the lookup
                        // when the table or the entry's key changed.
                        let hidx = self.push_root(Value::from_obj(idx));
                        let hold = self.push_root(k);
                        let r = self.eq_bool(k, key);
                        let (idx0, k0) = (self.root(hidx), self.root(hold));
                        self.pop_roots(hidx);
                        let eq = match r {
                            Ok(b) => b,
                            Err(x) => {
                                self.pop_roots(base);
                                return Err(x);
                            }
                        };
                        let d = self.root(hd).obj().expect("dict");
                        let ent = Vm::get(d, D_ENT).obj().expect("ent");
                        if Vm::get(d, D_IDX) != idx0
                            || e >= Vm::get(d, D_USED).as_int() as usize
                            || Vm::item(ent, 3 * e) != k0
                        {
                            continue 'restart;
                        }
                        idx = idx0.obj().expect("idx");
                        if eq {
                            self.pop_roots(base);
                            return Ok((Value::from_obj(d), Probe::Found(e)));
                        }
                    }
                }
                perturb >>= 5;
                i = (i
                    .wrapping_mul(5)
                    .wrapping_add(perturb as usize)
                    .wrapping_add(1))
                    & mask;
            }
        }
    }

    /// Lookup by a str key, no calls (attribute dicts, globals).
    #[inline]
    pub fn dict_get_str(&self, d: Value, key: Value) -> Option<Value> {
        let h = Vm::str_hash(key);
        let o = d.obj()?;
        match Vm::probe_fast(o, key, h) {
            Some(Probe::Found(e)) => {
                let ent = Vm::get(o, D_ENT).obj()?;
                Some(Vm::item(ent, 3 * e + 1))
            }
            _ => None,
        }
    }
    /// [`Vm::dict_get_str`] that also returns the index of the entry.
    pub fn dict_get_str_at(&self, d: Value, key: Value) -> Option<(Value, usize)> {
        let h = Vm::str_hash(key);
        let o = d.obj()?;
        match Vm::probe_fast(o, key, h) {
            Some(Probe::Found(e)) => {
                let ent = Vm::get(o, D_ENT).obj()?;
                Some((Vm::item(ent, 3 * e + 1), e))
            }
            _ => None,
        }
    }
    /// Store with a str key (no calls).
    pub fn dict_set_str(&mut self, d: Value, key: Value, val: Value) {
        let h = Vm::str_hash(key);
        let p =
            Vm::probe_fast(d.obj().expect("dict"), key, h).unwrap_or(Probe::Missing(usize::MAX));
        self.dict_store(d, key, val, h, p);
    }

    fn dict_store(&mut self, d: Value, key: Value, val: Value, hash: i64, p: Probe) {
        let o = d.obj().expect("dict");
        Vm::bump(o);
        match p {
            Probe::Found(e) => {
                let ent = Vm::get(o, D_ENT).obj().expect("ent");
                self.set_item(ent, 3 * e + 1, val);
            }
            Probe::Missing(slot_i) => {
                let ent = Vm::get(o, D_ENT).obj().expect("ent");
                let used = Vm::get(o, D_USED).as_int() as usize;
                if used * 3 >= Vm::var_len(ent) || slot_i == usize::MAX {
                    self.dict_resize(o, Vm::dict_len(d) + 1);
                    let p = Vm::probe_fast(o, key, hash).unwrap_or(Probe::Missing(usize::MAX));
                    if let Probe::Missing(s) = p {
                        if s != usize::MAX {
                            self.dict_insert_at(o, s, key, val, hash);
                            return;
                        }
                    }
                    // Fallback: a slot by hash only.
                    let s = Vm::free_slot(o, hash);
                    self.dict_insert_at(o, s, key, val, hash);
                    return;
                }
                self.dict_insert_at(o, slot_i, key, val, hash);
            }
        }
    }

    /// Marks the index slot of entry `e` (stored with `hash`) as deleted,
    /// following the probe sequence (a full scan if it is not found).
    fn unlink_entry(idx: ObjRef, e: usize, hash: i64) {
        let n = Vm::var_len(idx);
        let mask = n - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        for _ in 0..n {
            let x = raw_get(idx, i);
            if x == e as i64 {
                raw_set(idx, i, DUMMY);
                return;
            }
            if x == EMPTY {
                break;
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(perturb as usize)
                .wrapping_add(1))
                & mask;
        }
        for i in 0..n {
            if raw_get(idx, i) == e as i64 {
                raw_set(idx, i, DUMMY);
                return;
            }
        }
    }

    fn free_slot(o: ObjRef, hash: i64) -> usize {
        let idx = Vm::get(o, D_IDX).obj().expect("idx");
        let mask = Vm::var_len(idx) - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            let e = raw_get(idx, i);
            if e == EMPTY || e == DUMMY {
                return i;
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(perturb as usize)
                .wrapping_add(1))
                & mask;
        }
    }

    fn dict_insert_at(&mut self, o: ObjRef, s: usize, key: Value, val: Value, hash: i64) {
        let ent = Vm::get(o, D_ENT).obj().expect("ent");
        let used = Vm::get(o, D_USED).as_int() as usize;
        let idx = Vm::get(o, D_IDX).obj().expect("idx");
        raw_set(idx, s, used as i64);
        self.set_item(ent, 3 * used, key);
        self.set_item(ent, 3 * used + 1, val);
        Vm::init_item(ent, 3 * used + 2, Value::int(hash));
        o.set_word(slot(D_USED), Value::int(used as i64 + 1).0);
        let len = Vm::get(o, D_LEN).as_int();
        o.set_word(slot(D_LEN), Value::int(len + 1).0);
    }

    /// Rebuilds the table with room for at least `need` entries.
    fn dict_resize(&mut self, o: ObjRef, need: usize) {
        let mut size = 8;
        while size * 2 / 3 < need * 2 {
            size *= 2;
        }
        let old_ent = Vm::get(o, D_ENT).obj().expect("ent");
        let used = Vm::get(o, D_USED).as_int() as usize;
        let idx = self.new_raw(size, EMPTY);
        let ent = self.new_array(3 * (size * 2 / 3));
        let ento = ent.obj().expect("ent");
        let mask = size - 1;
        let mut n = 0;
        for e in 0..used {
            let k = Vm::item(old_ent, 3 * e);
            if k.is_null() {
                continue;
            }
            let h = Vm::item(old_ent, 3 * e + 2).as_int();
            Vm::init_item(ento, 3 * n, k);
            Vm::init_item(ento, 3 * n + 1, Vm::item(old_ent, 3 * e + 1));
            Vm::init_item(ento, 3 * n + 2, Value::int(h));
            let mut perturb = h as u64;
            let mut i = (h as u64 as usize) & mask;
            while raw_get(idx, i) != EMPTY {
                perturb >>= 5;
                i = (i
                    .wrapping_mul(5)
                    .wrapping_add(perturb as usize)
                    .wrapping_add(1))
                    & mask;
            }
            raw_set(idx, i, n as i64);
            n += 1;
        }
        self.set(o, D_IDX, Value::from_obj(idx));
        self.set(o, D_ENT, ent);
        o.set_word(slot(D_USED), Value::int(n as i64).0);
    }

    /// Hashes `key` keeping `d` and `key` rooted (`__hash__` may run Python
    /// code); returns their current values and the hash.
    fn hash_rooted(&mut self, d: Value, key: Value) -> PyResult<(Value, Value, i64)> {
        if key.is_int() || (Vm::is_str(key) && self.type_of(key) == self.ty(T::Str)) {
            let h = self.hash(key)?;
            return Ok((d, key, h));
        }
        let base = self.root_depth();
        let hd = self.push_root(d);
        let hk = self.push_root(key);
        let r = self.hash(key);
        let (d, key) = (self.root(hd), self.root(hk));
        self.pop_roots(base);
        Ok((d, key, r?))
    }

    /// `d[key]` lookup; Ok(None) when missing.
    pub fn dict_get(&mut self, d: Value, key: Value) -> PyResult<Option<Value>> {
        if Vm::is_kind(d, Kind::Set) {
            return Ok(self.set_contains_key(d, key)?.then_some(Value::TRUE));
        }
        let (d, key, h) = self.hash_rooted(d, key)?;
        let (d, p) = self.probe(d, key, h)?;
        match p {
            Probe::Found(e) => {
                let ent = Vm::get(d.obj().expect("d"), D_ENT).obj().expect("ent");
                Ok(Some(Vm::item(ent, 3 * e + 1)))
            }
            Probe::Missing(_) => Ok(None),
        }
    }
    /// `d[key] = val`.
    pub fn dict_set(&mut self, d: Value, key: Value, val: Value) -> PyResult<()> {
        if Vm::is_kind(d, Kind::Set) {
            return self.set_insert(d, key).map(|_| ());
        }
        let base = self.root_depth();
        let hv = self.push_root(val);
        let (d, key, h) = match self.hash_rooted(d, key) {
            Ok(x) => x,
            Err(e) => {
                self.pop_roots(base);
                return Err(e);
            }
        };
        let hk = self.push_root(key);
        let r = self.probe(d, key, h);
        let (d, p) = match r {
            Ok(x) => x,
            Err(e) => {
                self.pop_roots(base);
                return Err(e);
            }
        };
        let (val, key) = (self.root(hv), self.root(hk));
        self.pop_roots(base);
        self.dict_store(d, key, val, h, p);
        Ok(())
    }
    /// `d[key]`: KeyError(key) when missing, with `key` re-read after
    /// `__hash__`/`__eq__` ran (a moving collector may have moved it).
    pub fn dict_getitem(&mut self, d: Value, key: Value) -> PyResult {
        let h = self.push_root(key);
        let r = self.dict_get(d, key);
        let key = self.root(h);
        self.pop_roots(h);
        match r? {
            Some(v) => Ok(v),
            None => Err(self.raise_key_error(key)),
        }
    }
    /// `del d[key]` (also `set.remove`): the old value, or KeyError(key)
    /// with `key` re-read as in [`Vm::dict_getitem`].
    pub fn dict_delitem(&mut self, d: Value, key: Value) -> PyResult {
        let h = self.push_root(key);
        let r = self.dict_del(d, key);
        let key = self.root(h);
        self.pop_roots(h);
        match r? {
            Some(v) => Ok(v),
            None => Err(self.raise_key_error(key)),
        }
    }
    /// `d.setdefault(key, default)`: one hash, one probe (as CPython).
    pub fn dict_setdefault(&mut self, d: Value, key: Value, default: Value) -> PyResult {
        let base = self.root_depth();
        let hv = self.push_root(default);
        let r = self.hash_rooted(d, key).and_then(|(d, key, h)| {
            let hk = self.push_root(key);
            let (d, p) = self.probe(d, key, h)?;
            Ok((d, self.root(hk), h, p))
        });
        let default = self.root(hv);
        self.pop_roots(base);
        let (d, key, h, p) = r?;
        if let Probe::Found(e) = p {
            let ent = Vm::get(d.obj().expect("d"), D_ENT).obj().expect("ent");
            return Ok(Vm::item(ent, 3 * e + 1));
        }
        self.dict_store(d, key, default, h, p);
        Ok(default)
    }
    /// Deletes `key`; Ok(Some(old value)) if it was present.
    pub fn dict_del(&mut self, d: Value, key: Value) -> PyResult<Option<Value>> {
        if Vm::is_kind(d, Kind::Set) {
            return Ok(self.set_discard(d, key)?.then_some(Value::TRUE));
        }
        let (d, key, h) = self.hash_rooted(d, key)?;
        let (d, p) = self.probe(d, key, h)?;
        let o = d.obj().expect("d");
        match p {
            Probe::Found(e) => {
                let ent = Vm::get(o, D_ENT).obj().expect("ent");
                let old = Vm::item(ent, 3 * e + 1);
                // find the index slot pointing at e
                let idx = Vm::get(o, D_IDX).obj().expect("idx");
                let hash = Vm::item(ent, 3 * e + 2).as_int();
                Vm::unlink_entry(idx, e, hash);
                self.set_item(ent, 3 * e, Value::NULL);
                self.set_item(ent, 3 * e + 1, Value::NULL);
                let len = Vm::get(o, D_LEN).as_int();
                o.set_word(slot(D_LEN), Value::int(len - 1).0);
                Vm::bump(o);
                Ok(Some(old))
            }
            Probe::Missing(_) => Ok(None),
        }
    }
    /// Next live entry at or after `*pos`: (key, value).
    #[inline]
    pub fn dict_next(d: Value, pos: &mut usize) -> Option<(Value, Value)> {
        let o = d.obj()?;
        if kind_of(o) == Kind::Set {
            return Vm::set_next(d, pos).map(|k| (k, Value::TRUE));
        }
        let ent = Vm::get(o, D_ENT).obj()?;
        let used = Vm::get(o, D_USED).as_int() as usize;
        while *pos < used {
            let e = *pos;
            *pos += 1;
            let k = Vm::item(ent, 3 * e);
            if !k.is_null() {
                return Some((k, Vm::item(ent, 3 * e + 1)));
            }
        }
        None
    }
    /// Removes every entry.
    pub fn dict_clear(&mut self, d: Value) {
        if Vm::is_kind(d, Kind::Set) {
            return self.set_clear(d);
        }
        let o = d.obj().expect("d");
        let idx = self.new_raw(8, EMPTY);
        let ent = self.new_array(15);
        self.set(o, D_IDX, Value::from_obj(idx));
        self.set(o, D_ENT, ent);
        o.set_word(slot(D_USED), Value::int(0).0);
        o.set_word(slot(D_LEN), Value::int(0).0);
        Vm::bump(o);
    }
    /// Snapshot of the keys (a temporary Vec; use before any safepoint).
    pub fn dict_keys_vec(d: Value) -> Vec<Value> {
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some((k, _)) = Vm::dict_next(d, &mut pos) {
            out.push(k);
        }
        out
    }
    /// Pops the last entry (popitem).
    pub fn dict_pop_last(&mut self, d: Value) -> Option<(Value, Value)> {
        if Vm::is_kind(d, Kind::Set) {
            return self.set_pop(d).map(|k| (k, Value::TRUE));
        }
        let o = d.obj()?;
        let ent = Vm::get(o, D_ENT).obj()?;
        let used = Vm::get(o, D_USED).as_int() as usize;
        for e in (0..used).rev() {
            let k = Vm::item(ent, 3 * e);
            if !k.is_null() {
                let v = Vm::item(ent, 3 * e + 1);
                let idx = Vm::get(o, D_IDX).obj()?;
                let hash = Vm::item(ent, 3 * e + 2).as_int();
                Vm::unlink_entry(idx, e, hash);
                self.set_item(ent, 3 * e, Value::NULL);
                self.set_item(ent, 3 * e + 1, Value::NULL);
                let len = Vm::get(o, D_LEN).as_int();
                o.set_word(slot(D_LEN), Value::int(len - 1).0);
                Vm::bump(o);
                return Some((k, v));
            }
        }
        None
    }
}
