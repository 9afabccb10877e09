//! Type objects: `[type][name][bases][mro][dict][kind][root map][tag][flags]
//! [qualname][slots][base]...`, C3 linearisation and MRO lookup.

use super::layout::*;
use super::value::Value;
use super::{N, T};
use crate::vm::{PyResult, Vm};

pub const TY_NAME: usize = 1;
pub const TY_BASES: usize = 2;
pub const TY_MRO: usize = 3;
pub const TY_DICT: usize = 4;
pub const TY_KIND: usize = 5;
pub const TY_MAP: usize = 6;
pub const TY_TAG: usize = 7;
pub const TY_FLAGS: usize = 8;
pub const TY_QUALNAME: usize = 9;
pub const TY_SLOTS: usize = 10;
pub const TY_BASE: usize = 11;

/// Flag: instances of this (user) class may have custom `__getattr__`.
pub const F_GETATTR: i64 = 1;
/// Flag: class defines `__getattribute__`/`__setattr__` overrides.
pub const F_SETATTR: i64 = 2;
/// Flag: heap (user-defined) type.
pub const F_HEAP: i64 = 4;
/// Flag: class has `__slots__` (no `__dict__`).
pub const F_SLOTS: i64 = 8;
/// Flag: class (or a heap base) defines `__getitem__`/`__setitem__`.
pub const F_ITEMS: i64 = 16;
/// Flag: `__abstractmethods__` is non-empty (instantiation raises TypeError).
pub const F_ABSTRACT: i64 = 32;
/// Flag: the class (or a base) defines `__del__`: instances are registered
/// for finalization when created.
pub const F_DEL: i64 = 64;
/// Flag: instances have no `__dict__` (`__slots__` all along the MRO).
pub const F_NODICT: i64 = 128;

impl Vm {
    /// Allocates a bare type object (no MRO yet).
    pub fn alloc_type(&mut self, meta: Value, name: Value, kind: Kind) -> Value {
        let dict = self.new_dict();
        let map = self.new_root_map();
        let t = self.alloc_rec(Kind::Type, meta);
        Vm::init(t, TY_NAME, name);
        Vm::init(t, TY_DICT, dict);
        Vm::init(t, TY_KIND, Value::int(kind as i64));
        Vm::init(t, TY_MAP, map);
        self.next_tag += 1;
        Vm::init(t, TY_TAG, Value::int(self.next_tag));
        Vm::init(t, TY_FLAGS, Value::int(0));
        Vm::init(t, TY_QUALNAME, name);
        Vm::init(t, TY_SLOTS, Value::NONE);
        Value::from_obj(t)
    }
    /// Field of a type object.
    #[inline(always)]
    pub fn tyf(t: Value, i: usize) -> Value {
        Vm::get(t.obj().expect("type"), i)
    }
    /// The instance layout kind of type `t`.
    #[inline(always)]
    pub fn type_kind(t: Value) -> Kind {
        ALL_KINDS[Vm::tyf(t, TY_KIND).as_int() as usize]
    }
    /// Type flags.
    #[inline(always)]
    pub fn type_flags(t: Value) -> i64 {
        Vm::tyf(t, TY_FLAGS).as_int()
    }
    /// The name of a type, as Rust text.
    pub fn type_name(t: Value) -> String {
        Vm::as_str(Vm::tyf(t, TY_NAME)).to_string()
    }
    /// The type name of a value.
    pub fn type_name_of(&self, v: Value) -> String {
        Vm::type_name(self.type_of(v))
    }
    /// Sets bases and computes the MRO. Errors on inconsistent hierarchies.
    pub fn set_bases(&mut self, t: Value, bases: Value) -> PyResult<()> {
        let to = t.obj().expect("type");
        self.set(to, TY_BASES, bases);
        let bl = Vm::tuple_items(bases);
        if let Some(b) = bl.first() {
            self.set(to, TY_BASE, *b);
        }
        // C3 linearisation.
        let mut seqs: Vec<Vec<Value>> = Vec::new();
        for b in &bl {
            seqs.push(Vm::tuple_items(Vm::tyf(*b, TY_MRO)));
        }
        seqs.push(bl.clone());
        let mut out = vec![t];
        loop {
            seqs.retain(|s| !s.is_empty());
            if seqs.is_empty() {
                break;
            }
            let mut cand = None;
            for s in &seqs {
                let c = s[0];
                if !seqs.iter().any(|s2| s2[1..].contains(&c)) {
                    cand = Some(c);
                    break;
                }
            }
            let Some(c) = cand else {
                let names: Vec<String> = bl.iter().map(|b| Vm::type_name(*b)).collect();
                return Err(self.raise_msg(
                    T::TypeError,
                    &format!(
                        "Cannot create a consistent method resolution order (MRO) for bases {}",
                        names.join(", ")
                    ),
                ));
            };
            out.push(c);
            for s in seqs.iter_mut() {
                if s[0] == c {
                    s.remove(0);
                }
            }
        }
        let mro = self.new_tuple(&out);
        let to = t.obj().expect("type");
        self.set(to, TY_MRO, mro);
        self.epoch += 1; // lookups along the old MRO are stale
        Ok(())
    }
    /// Looks up a well-known dunder.
    #[inline]
    pub fn type_lookup_n(&self, t: Value, n: N) -> Option<Value> {
        self.type_lookup(t, self.name(n))
    }
    /// Is `sub` a subtype of `sup`?
    #[inline]
    pub fn is_subtype(sub: Value, sup: Value) -> bool {
        if sub == sup {
            return true;
        }
        let Some(mro) = Vm::tyf(sub, TY_MRO).obj() else {
            return false;
        };
        (0..Vm::var_len(mro)).any(|i| Vm::item(mro, i) == sup)
    }
    /// isinstance with a single type.
    #[inline]
    pub fn isinstance(&self, v: Value, t: Value) -> bool {
        Vm::is_subtype(self.type_of(v), t)
    }
    /// Is `v` a type object?
    #[inline]
    pub fn is_type(v: Value) -> bool {
        Vm::is_kind(v, Kind::Type)
    }
    /// Creates a builtin type with the given base at bootstrap.
    pub fn make_builtin_type(&mut self, name: &str, base: Option<Value>, kind: Kind) -> Value {
        let n = self.intern(name);
        let meta = self.ty_or_null(T::Type);
        let t = self.alloc_type(meta, n, kind);
        let bases = match base {
            Some(b) => self.new_tuple(&[b]),
            None => self.new_tuple(&[]),
        };
        let _ = self.set_bases(t, bases);
        t
    }
    fn ty_or_null(&self, t: T) -> Value {
        match self.root(crate::vm::R_TYPES).obj() {
            Some(a) => Vm::item(a, t as usize),
            None => Value::NULL,
        }
    }
    /// Sets an attribute in a type's dict (invalidates caches).
    pub fn type_set_attr(&mut self, t: Value, name: Value, v: Value) {
        let d = Vm::tyf(t, TY_DICT);
        self.dict_set_str(d, name, v);
        self.epoch += 1;
        let extra = match Vm::as_str(name) {
            "__getattr__" | "__getattribute__" => F_GETATTR,
            "__setattr__" | "__delattr__" => F_SETATTR,
            "__getitem__" | "__setitem__" => F_ITEMS,
            "__del__" => F_DEL,
            _ => 0,
        };
        if extra == F_DEL {
            // Existing instances and subclasses are registered at the next
            // safepoint (a heap walk: see vm/finalize.rs).
            self.fin.del_added = true;
            self.m.context().request_safepoint();
        }
        if extra != 0 && Vm::type_flags(t) & F_HEAP != 0 {
            let fl = Vm::type_flags(t) | extra;
            let to = t.obj().expect("type");
            self.set(to, TY_FLAGS, Value::int(fl));
        }
        if Vm::as_str(name) == "__abstractmethods__" {
            let abstract_ = matches!(Vm::kind(v), Some(Kind::Set)) && Vm::dict_len(v) > 0;
            let fl = Vm::type_flags(t) & !F_ABSTRACT | if abstract_ { F_ABSTRACT } else { 0 };
            let to = t.obj().expect("type");
            self.set(to, TY_FLAGS, Value::int(fl));
        }
    }

    /// Is `v` an instance of a plain (record) class?
    pub fn type_kind_of_obj_is_instance(&self, v: Value) -> bool {
        Vm::is_kind(v, Kind::Instance) && Vm::type_kind(self.type_of(v)) == Kind::Instance
    }

    /// TypeError if `t` has abstract methods (`object.__new__` check).
    pub fn check_abstract(&mut self, t: Value) -> PyResult<()> {
        if Vm::type_flags(t) & F_ABSTRACT == 0 {
            return Ok(());
        }
        let n = self.intern("__abstractmethods__");
        let mut names: Vec<String> = match self.type_lookup(t, n) {
            Some(s) if Vm::is_kind(s, Kind::Set) => Vm::dict_keys_vec(s)
                .iter()
                .filter(|k| Vm::is_str(**k))
                .map(|k| Vm::as_str(*k).to_string())
                .collect(),
            _ => vec![],
        };
        names.sort();
        let msg = format!(
            "Can't instantiate abstract class {} with abstract method{} {}",
            Vm::type_name(t),
            if names.len() == 1 { "" } else { "s" },
            names.join(", ")
        );
        Err(self.raise_msg(T::TypeError, &msg))
    }
}
