//! Instances with shared maps (hidden classes): `[type][map][values]`.
//! A map is `[_][parent][name][index][transitions dict][count]`. When an
//! instance needs a real `__dict__` its map slot becomes None and the values
//! slot holds a dict.

use super::layout::*;
use super::value::Value;
use crate::vm::Vm;
use gc_api::ObjRef;

pub const I_MAP: usize = 1;
pub const I_VALS: usize = 2;
/// Small-int flag word (see `vm::finalize::IF_*`); NULL means 0.
pub const I_FLAGS: usize = 3;
pub const M_PARENT: usize = 1;
pub const M_NAME: usize = 2;
pub const M_INDEX: usize = 3;
pub const M_TRANS: usize = 4;
pub const M_COUNT: usize = 5;

/// Past this many attributes an instance switches to dict mode.
const MAX_MAP_ATTRS: i64 = 48;

impl Vm {
    /// A fresh root map.
    pub fn new_root_map(&mut self) -> Value {
        let m = self.alloc_rec(Kind::Map, Value::NONE);
        Vm::init(m, M_INDEX, Value::int(-1));
        Vm::init(m, M_COUNT, Value::int(0));
        Value::from_obj(m)
    }
    /// Index of `name` in `map`, if present. No calls.
    #[inline]
    pub fn map_find(map: ObjRef, name: Value) -> Option<usize> {
        let mut m = map;
        loop {
            let n = Vm::get(m, M_NAME);
            if n.is_null() {
                return None;
            }
            if n == name || Vm::str_eq(n, name) {
                return Some(Vm::get(m, M_INDEX).as_int() as usize);
            }
            m = Vm::get(m, M_PARENT).obj()?;
        }
    }
    fn map_child(&mut self, map: ObjRef, name: Value) -> ObjRef {
        let trans = Vm::get(map, M_TRANS);
        if !trans.is_null() {
            if let Some(c) = self.dict_get_str(trans, name) {
                return c.obj().expect("map");
            }
        }
        let count = Vm::get(map, M_COUNT).as_int();
        let c = self.alloc_rec(Kind::Map, Value::NONE);
        Vm::init(c, M_PARENT, Value::from_obj(map));
        Vm::init(c, M_NAME, name);
        Vm::init(c, M_INDEX, Value::int(count));
        Vm::init(c, M_COUNT, Value::int(count + 1));
        let trans = if trans.is_null() {
            let d = self.new_dict();
            self.set(map, M_TRANS, d);
            d
        } else {
            trans
        };
        self.dict_set_str(trans, name, Value::from_obj(c));
        c
    }
    /// A new instance of type `t` (layout Instance).
    pub fn new_instance(&mut self, t: Value) -> Value {
        let map = Vm::tyf(t, super::types::TY_MAP);
        let o = self.alloc_rec(Kind::Instance, t);
        Vm::init(o, I_MAP, map);
        self.maybe_register_del(t, o);
        Value::from_obj(o)
    }
    /// Reads an instance attribute (no calls).
    #[inline]
    pub fn inst_get(&self, o: ObjRef, name: Value) -> Option<Value> {
        let map = Vm::get(o, I_MAP);
        match map.obj() {
            Some(m) => {
                let i = Vm::map_find(m, name)?;
                let v = Vm::item(Vm::get(o, I_VALS).obj()?, i);
                if v.is_null() {
                    None
                } else {
                    Some(v)
                }
            }
            None => self.dict_get_str(Vm::get(o, I_VALS), name),
        }
    }
    /// Writes an instance attribute.
    pub fn inst_set(&mut self, o: ObjRef, name: Value, v: Value) {
        let map = Vm::get(o, I_MAP);
        let Some(m) = map.obj() else {
            let d = Vm::get(o, I_VALS);
            self.dict_set_str(d, name, v);
            return;
        };
        if let Some(i) = Vm::map_find(m, name) {
            let vals = Vm::get(o, I_VALS).obj().expect("vals");
            self.set_item(vals, i, v);
            return;
        }
        let count = Vm::get(m, M_COUNT).as_int();
        if count >= MAX_MAP_ATTRS {
            self.inst_to_dict(o);
            let d = Vm::get(o, I_VALS);
            self.dict_set_str(d, name, v);
            return;
        }
        let child = self.map_child(m, name);
        let idx = count as usize;
        let vals = Vm::get(o, I_VALS);
        let vals = match vals.obj() {
            Some(a) if Vm::var_len(a) > idx => a,
            old => {
                let n = (idx + 1).max(4) * if idx >= 4 { 2 } else { 1 };
                let na = self.alloc_var(Kind::Array, Value::NONE, n);
                if let Some(oa) = old {
                    for k in 0..Vm::var_len(oa) {
                        Vm::init_item(na, k, Vm::item(oa, k));
                    }
                }
                self.set(o, I_VALS, Value::from_obj(na));
                na
            }
        };
        self.set_item(vals, idx, v);
        self.set(o, I_MAP, Value::from_obj(child));
    }
    /// Switches an instance to dict mode; returns the dict.
    pub fn inst_to_dict(&mut self, o: ObjRef) -> Value {
        let map = Vm::get(o, I_MAP);
        let Some(m) = map.obj() else {
            return Vm::get(o, I_VALS);
        };
        let d = self.new_dict();
        let mut names = Vec::new();
        let mut cur = Some(m);
        while let Some(c) = cur {
            let n = Vm::get(c, M_NAME);
            if n.is_null() {
                break;
            }
            names.push((n, Vm::get(c, M_INDEX).as_int() as usize));
            cur = Vm::get(c, M_PARENT).obj();
        }
        names.reverse();
        let vals = Vm::get(o, I_VALS).obj();
        for (n, i) in names {
            if let Some(a) = vals {
                let v = Vm::item(a, i);
                if !v.is_null() {
                    self.dict_set_str(d, n, v);
                }
            }
        }
        self.set(o, I_MAP, Value::NONE);
        self.set(o, I_VALS, d);
        d
    }
    /// Deletes an instance attribute; false if missing.
    pub fn inst_del(&mut self, o: ObjRef, name: Value) -> bool {
        let d = self.inst_to_dict(o);
        self.dict_get_str(d, name).is_some() && self.dict_del(d, name).ok().flatten().is_some()
    }
    /// The map word of an instance (for inline caches).
    #[inline(always)]
    pub fn inst_map(o: ObjRef) -> Value {
        Vm::get(o, I_MAP)
    }
}
