//! A global cache of attribute lookups along type MROs (CPython's method
//! cache), in front of [`Vm::type_lookup`].
//!
//! An entry remembers, for a (type, name) pair, where the lookup found the
//! name: the index of the class in the MRO and of the entry in that class's
//! dict, or that no class has it. The cache lives outside the GC heap, so it
//! holds no pointers: the type is identified by its tag (unique, stable),
//! the name by its full str hash and length, and a hit re-reads the value
//! from the dict entry after checking that the entry's key *is* the name.
//! An entry is valid while
//! * the VM's type epoch is unchanged (bumped whenever an attribute of a
//!   class is set or deleted after creation, or an MRO changes), and
//! * the version of the type's own dict is unchanged (covers the dict
//!   writes made while a class is being built).

use super::dict::{D_ENT, D_VER};
use super::layout::*;
use super::types::{TY_DICT, TY_MRO, TY_TAG};
use super::value::Value;
use crate::vm::Vm;
use std::cell::Cell;

/// Entries (a power of two).
const ENTRIES: usize = 2048;
/// `pos` of an entry recording that no class along the MRO has the name.
const ABSENT: u32 = u32::MAX;

#[derive(Clone, Copy, Default)]
struct Entry {
    tag: i64,
    hash: i64,
    nlen: usize,
    epoch: i64,
    ver: i64,
    /// index in the MRO of the class whose dict has the name, or ABSENT
    pos: u32,
    /// index of the entry in that dict's entry array
    ent: u32,
}

/// The cache (a field of the VM; interior mutability: lookups take `&Vm`).
pub struct MethodCache {
    e: Box<[Cell<Entry>]>,
}

impl Default for MethodCache {
    fn default() -> Self {
        MethodCache {
            e: (0..ENTRIES).map(|_| Cell::new(Entry::default())).collect(),
        }
    }
}

impl std::fmt::Debug for MethodCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MethodCache")
    }
}

fn index(tag: i64, hash: i64) -> usize {
    let x = (tag as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (hash as u64);
    (x ^ (x >> 29)) as usize & (ENTRIES - 1)
}

impl Vm {
    /// Looks `name` (a str) up along the MRO of type `t`, through the cache.
    #[inline]
    pub fn type_lookup(&self, t: Value, name: Value) -> Option<Value> {
        let (Some(to), Some(no)) = (t.obj(), name.obj()) else {
            return None;
        };
        let tag = Vm::get(to, TY_TAG).as_int();
        let hash = Vm::str_hash_full(name);
        let nlen = no.word(LEN_OFF);
        let dict = Vm::get(to, TY_DICT).obj()?;
        let ver = Vm::get(dict, D_VER).as_int();
        let slot = &self.mcache.e[index(tag, hash)];
        let e = slot.get();
        if e.tag == tag && e.hash == hash && e.nlen == nlen && e.epoch == self.epoch && e.ver == ver
        {
            if e.pos == ABSENT {
                return None;
            }
            if let Some(v) = Vm::cached_entry(to, e.pos, e.ent, name) {
                return Some(v);
            }
        }
        let (found, pos, ent) = self.type_lookup_walk(t, name);
        slot.set(Entry {
            tag,
            hash,
            nlen,
            epoch: self.epoch,
            ver,
            pos,
            ent,
        });
        found
    }

    /// The value of entry `ent` of the dict of class `pos` in the MRO of
    /// `t`, if that entry's key is `name`.
    #[inline]
    fn cached_entry(t: gc_api::ObjRef, pos: u32, ent: u32, name: Value) -> Option<Value> {
        let mro = Vm::get(t, TY_MRO).obj()?;
        if pos as usize >= Vm::var_len(mro) {
            return None;
        }
        let c = Vm::item(mro, pos as usize);
        let ents = Vm::get(Vm::tyf(c, TY_DICT).obj()?, D_ENT).obj()?;
        let i = 3 * ent as usize;
        if i + 1 >= Vm::var_len(ents) || Vm::item(ents, i) != name {
            return None;
        }
        Some(Vm::item(ents, i + 1))
    }

    /// The uncached lookup: the value and where it was found (MRO index and
    /// dict entry index; `ABSENT` when nowhere).
    fn type_lookup_walk(&self, t: Value, name: Value) -> (Option<Value>, u32, u32) {
        let Some(mro) = Vm::tyf(t, TY_MRO).obj() else {
            return (None, ABSENT, 0);
        };
        for i in 0..Vm::var_len(mro) {
            let c = Vm::item(mro, i);
            if let Some((v, e)) = self.dict_get_str_at(Vm::tyf(c, TY_DICT), name) {
                return (Some(v), i as u32, e as u32);
            }
        }
        (None, ABSENT, 0)
    }
}
