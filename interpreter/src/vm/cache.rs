//! Inline caches. Each code object owns a GC array with `IC_SLOTS` slots
//! (four ways of four slots) per instruction that uses a cache (so the
//! collector updates the cached pointers when objects move); an
//! instruction's line number is `Instr::ic`, assigned when the code object
//! is created (`assign_inline_caches`), so instructions without a cache
//! cost nothing:
//!
//! * LOAD_GLOBAL: `[globals version, builtins version, value, _]`;
//! * LOAD_ATTR / STORE_ATTR on instances: `[map, type epoch, new map or NULL,
//!   slot index]` — a map fixes both the class and the attribute layout;
//! * LOAD_METHOD: `[map or type, type epoch, descriptor, _]`.
//!
//! The type epoch changes whenever a class attribute is set after creation,
//! which invalidates every attribute and method entry at once.

use super::{Vm, R_BUILTINS};
use crate::object::dict::D_VER;
use crate::object::instance::{I_MAP, I_VALS};
use crate::object::layout::*;
use crate::object::types::*;
use crate::object::value::Value;
use gc_api::ObjRef;

/// Cache slots per instruction.
pub const IC_SLOTS: usize = 16;
/// Entries (ways) per polymorphic cache.
const WAYS: usize = 4;

/// The `IC_SLOTS` slots of one instruction. The block is bounds-checked
/// once against the cache array when the line is taken (an instruction
/// without a line, `NO_IC`, gets none and runs uncached); reads mask the
/// slot number into the block, so none can leave it.
#[derive(Clone, Copy)]
struct IcLine {
    cache: ObjRef,
    base: usize,
}

impl IcLine {
    #[inline(always)]
    fn of(cache: ObjRef, line: usize) -> Option<IcLine> {
        let base = IC_SLOTS * line;
        if base + IC_SLOTS > cache.word(LEN_OFF) {
            return None;
        }
        Some(IcLine { cache, base })
    }
    #[inline(always)]
    fn get(self, k: usize) -> Value {
        Value(
            self.cache
                .word(ITEMS_OFF + 8 * (self.base + (k & (IC_SLOTS - 1)))),
        )
    }
}

impl Vm {
    #[inline(always)]
    fn ic_fill(&mut self, cache: ObjRef, line: usize, vals: [Value; 4]) {
        if IcLine::of(cache, line).is_none() {
            return;
        }
        // shift older entries down one way, newest first
        let base = IC_SLOTS * line;
        for w in (1..WAYS).rev() {
            for k in 0..4 {
                let v = Vm::item(cache, base + 4 * (w - 1) + k);
                self.set_item(cache, base + 4 * w + k, v);
            }
        }
        for (k, v) in vals.iter().enumerate() {
            self.set_item(cache, base + k, *v);
        }
    }

    /// The way whose key and epoch match, if any.
    #[inline(always)]
    fn ic_way(line: Option<IcLine>, key: Value, epoch: Value) -> Option<(IcLine, usize)> {
        let line = line?;
        // The newest entry first, without the loop: most sites are monomorphic.
        if line.get(0) == key && line.get(1) == epoch {
            return Some((line, 0));
        }
        let w = (1..WAYS).find(|w| line.get(4 * w) == key && line.get(4 * w + 1) == epoch)?;
        Some((line, w))
    }

    /// LOAD_GLOBAL through the cache; None when the name is unbound.
    #[inline(always)]
    pub fn ic_load_global(
        &mut self,
        cache: ObjRef,
        ic: usize,
        g: Value,
        name: Value,
    ) -> Option<Value> {
        let b = self.root(R_BUILTINS);
        let gv = Vm::get(g.obj()?, D_VER);
        let bv = Vm::get(b.obj()?, D_VER);
        let line = IcLine::of(cache, ic);
        if let Some(line) = line.filter(|l| l.get(0) == gv && l.get(1) == bv) {
            let v = line.get(2);
            if !v.is_null() {
                return Some(v);
            }
        }
        let v = self
            .dict_get_str(g, name)
            .or_else(|| self.dict_get_str(b, name))?;
        if line.is_some() {
            for (k, x) in [gv, bv, v].iter().enumerate() {
                self.set_item(cache, IC_SLOTS * ic + k, *x);
            }
        }
        Some(v)
    }

    fn no_data_descr(&self, t: Value, name: Value) -> bool {
        match self.type_lookup(t, name) {
            None => true,
            Some(d) => !(Vm::is_kind(d, Kind::Property) || self.is_user_data_descr_pub(d)),
        }
    }

    /// Instance attribute load through the cache.
    #[inline(always)]
    pub fn ic_load_attr(
        &mut self,
        cache: ObjRef,
        ic: usize,
        o: Value,
        name: Value,
    ) -> Option<Value> {
        let ob = o.obj()?;
        if kind_of(ob) != Kind::Instance {
            return None;
        }
        let map = Vm::get(ob, I_MAP);
        let epoch = Value::int(self.epoch);
        let line = IcLine::of(cache, ic);
        if let Some((line, w)) = Vm::ic_way(line, map, epoch).filter(|_| map.is_ref()) {
            let i = line.get(4 * w + 3).as_int() as usize;
            let v = Vm::item(Vm::get(ob, I_VALS).obj()?, i);
            if !v.is_null() {
                return Some(v);
            }
            return None;
        }
        let m = map.obj()?;
        let t = Value(ob.word(TYPE_OFF));
        if Vm::type_flags(t) & F_GETATTR != 0 {
            return None;
        }
        let i = Vm::map_find(m, name)?;
        let v = Vm::item(Vm::get(ob, I_VALS).obj()?, i);
        if v.is_null() || !self.no_data_descr(t, name) {
            return None;
        }
        self.ic_fill(cache, ic, [map, epoch, Value::NULL, Value::int(i as i64)]);
        Some(v)
    }

    /// Instance attribute store through the cache; false when not handled.
    #[inline(always)]
    pub fn ic_store_attr(
        &mut self,
        cache: ObjRef,
        ic: usize,
        o: Value,
        name: Value,
        v: Value,
    ) -> bool {
        let Some(ob) = o.obj() else { return false };
        if kind_of(ob) != Kind::Instance {
            return false;
        }
        let map = Vm::get(ob, I_MAP);
        let epoch = Value::int(self.epoch);
        let line = IcLine::of(cache, ic);
        if let Some((line, w)) = Vm::ic_way(line, map, epoch).filter(|_| map.is_ref()) {
            let i = line.get(4 * w + 3).as_int() as usize;
            let newmap = line.get(4 * w + 2);
            let vals = Vm::get(ob, I_VALS).obj();
            match vals {
                Some(a) if Vm::var_len(a) > i => {
                    self.set_item(a, i, v);
                    if !newmap.is_null() {
                        self.set(ob, I_MAP, newmap);
                    }
                    return true;
                }
                _ => {}
            }
        }
        let Some(m) = map.obj() else { return false };
        let t = Value(ob.word(TYPE_OFF));
        if Vm::type_flags(t) & F_SETATTR != 0
            || !self.no_data_descr(t, name)
            || crate::modules::lang_py::slot_refuses(self, t, name)
        {
            return false;
        }
        let existing = Vm::map_find(m, name);
        self.inst_set(ob, name, v);
        let after = Vm::get(ob, I_MAP);
        if !after.is_ref() {
            return true;
        }
        let (newmap, idx) = match existing {
            Some(i) => (Value::NULL, i),
            None => match Vm::map_find(after.obj().expect("map"), name) {
                Some(i) => (after, i),
                None => return true,
            },
        };
        let map = if existing.is_some() { after } else { map };
        self.ic_fill(cache, ic, [map, epoch, newmap, Value::int(idx as i64)]);
        true
    }

    /// LOAD_METHOD through the cache: Some((callable, self)).
    #[inline(always)]
    pub fn ic_load_method(
        &mut self,
        cache: ObjRef,
        ic: usize,
        o: Value,
        name: Value,
    ) -> Option<(Value, Value)> {
        let key = match o.obj() {
            Some(ob) if kind_of(ob) == Kind::Instance => {
                let m = Vm::get(ob, I_MAP);
                if !m.is_ref() {
                    return None;
                }
                m
            }
            Some(ob) if matches!(kind_of(ob), Kind::Type | Kind::Module | Kind::Super) => {
                return None
            }
            _ => self.type_of(o),
        };
        let epoch = Value::int(self.epoch);
        let line = IcLine::of(cache, ic);
        if let Some((line, w)) = Vm::ic_way(line, key, epoch) {
            return Some((line.get(4 * w + 2), o));
        }
        let t = self.type_of(o);
        if Vm::type_flags(t) & F_GETATTR != 0 {
            return None;
        }
        let d = self.type_lookup(t, name)?;
        let unbound_builtin =
            Vm::is_kind(d, Kind::Builtin) && Vm::get(d.obj()?, crate::vm::call::BI_SELF).is_null();
        if !(Vm::is_kind(d, Kind::Function) || unbound_builtin) {
            return None;
        }
        if let Some(ob) = o.obj() {
            if kind_of(ob) == Kind::Instance && self.inst_get(ob, name).is_some() {
                return None;
            }
        }
        self.ic_fill(cache, ic, [key, epoch, d, Value::NULL]);
        Some((d, o))
    }
}
