//! Collection helpers shared by opcodes and builtins: sets, dict update,
//! list extend.

use super::{PyResult, Vm};
use crate::compile::bytecode::*;
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;

impl Vm {
    /// A new empty set.
    pub fn new_set(&mut self) -> Value {
        let ty = self.ty(T::Set);
        self.new_dict_of(Kind::Set, ty, 0)
    }
    /// `s.add(x)`.
    pub fn set_add(&mut self, s: Value, x: Value) -> PyResult<()> {
        self.dict_set(s, x, Value::TRUE)
    }
    /// `s.update(iterable)`.
    pub fn set_update(&mut self, s: Value, it: Value) -> PyResult<()> {
        if Vm::is_kind(it, Kind::Set) {
            return self.set_merge(s, it);
        }
        if Vm::is_kind(it, Kind::Dict) && self.type_of(it) == self.ty(T::Dict) {
            self.set_presize(s, Vm::dict_len(it));
        }
        let h = self.push_root(s);
        let items = match self.collect(it) {
            Ok(v) => v,
            Err(e) => {
                self.pop_roots(h);
                return Err(e);
            }
        };
        let tmp = self.new_list(&items);
        let ht = self.push_root(tmp);
        let mut i = 0;
        loop {
            let tmp = self.root(ht);
            if i >= Vm::list_len(tmp) {
                break;
            }
            let x = Vm::list_get(tmp, i);
            let s = self.root(h);
            if let Err(e) = self.set_add(s, x) {
                self.pop_roots(h);
                return Err(e);
            }
            i += 1;
        }
        self.pop_roots(h);
        Ok(())
    }
    /// Builds a set (or frozenset) of type `ty` from an iterable.
    pub fn set_from(&mut self, ty: Value, it: Value) -> PyResult {
        let s = self.new_dict_of(Kind::Set, ty, 0);
        let h = self.push_root(s);
        let r = if it.is_null() {
            Ok(())
        } else {
            self.set_update(s, it)
        };
        let s = self.root(h);
        self.pop_roots(h);
        r.map(|_| s)
    }
    /// Set algebra (both operands are sets).
    pub fn set_binary(&mut self, a: Value, b: Value, op: u32) -> PyResult {
        self.set_algebra(a, b, op)
    }
    /// Set comparisons (subset/superset/equality).
    pub fn set_compare(&mut self, a: Value, b: Value, op: u32) -> PyResult {
        let (la, lb) = (Vm::dict_len(a), Vm::dict_len(b));
        let sub = |vm: &mut Vm, x: Value, y: Value| -> PyResult<bool> {
            if Vm::is_kind(x, Kind::Set) && Vm::is_kind(y, Kind::Set) {
                return vm.set_subset_hashed(x, y);
            }
            let keys = Vm::dict_keys_vec(x);
            let l = vm.new_list(&keys);
            let h = vm.push_root(l);
            let hy = vm.push_root(y);
            let n = keys.len();
            for i in 0..n {
                let k = Vm::list_get(vm.root(h), i);
                let y = vm.root(hy);
                match vm.contains(y, k) {
                    Ok(true) => {}
                    Ok(false) => {
                        vm.pop_roots(h);
                        return Ok(false);
                    }
                    Err(e) => {
                        vm.pop_roots(h);
                        return Err(e);
                    }
                }
            }
            vm.pop_roots(h);
            Ok(true)
        };
        let r = match op {
            C_EQ => la == lb && sub(self, a, b)?,
            C_NE => !(la == lb && sub(self, a, b)?),
            C_LE => la <= lb && sub(self, a, b)?,
            C_LT => la < lb && sub(self, a, b)?,
            C_GE => lb <= la && sub(self, b, a)?,
            _ => lb < la && sub(self, b, a)?,
        };
        Ok(Value::bool(r))
    }
    /// Whether every key of set `x` is in set `y`, probing with the hashes
    /// stored in `x` (no `__hash__` call, as CPython's set_issubset).
    fn set_subset_hashed(&mut self, x: Value, y: Value) -> PyResult<bool> {
        let (hx, hy) = (self.push_root(x), self.push_root(y));
        let mut pos = 0;
        let r = loop {
            let Some((k, h)) = Vm::set_next_hashed(self.root(hx), &mut pos) else {
                break Ok(true);
            };
            match self.set_contains_hashed(self.root(hy), k, h) {
                Ok(true) => {}
                Ok(false) => break Ok(false),
                Err(e) => break Err(e),
            }
        };
        self.pop_roots(hx);
        let _ = hy;
        r
    }
    /// `d.update(other)` (dict, or iterable of pairs).
    pub fn dict_update(&mut self, d: Value, other: Value) -> PyResult<()> {
        let base = self.root_depth();
        let hd = self.push_root(d);
        let ho = self.push_root(other);
        let r: PyResult<()> = (|| {
            if Vm::is_kind(other, Kind::Dict) {
                let mut pos = 0;
                loop {
                    let o = self.root(ho);
                    let Some((k, v)) = Vm::dict_next(o, &mut pos) else {
                        break;
                    };
                    let d = self.root(hd);
                    self.dict_set(d, k, v)?;
                }
                return Ok(());
            }
            let keys_n = self.intern("keys");
            if let Some(keys) = self.getattr_opt(other, keys_n)? {
                let ks = self.call0(keys, &[])?;
                let ks = self.collect(ks)?;
                let kl = self.new_list(&ks);
                let hk = self.push_root(kl);
                for i in 0..ks.len() {
                    let k = Vm::list_get(self.root(hk), i);
                    let v = self.getitem(self.root(ho), k)?;
                    let k = Vm::list_get(self.root(hk), i);
                    let d = self.root(hd);
                    self.dict_set(d, k, v)?;
                }
                return Ok(());
            }
            let items = self.collect(other)?;
            let l = self.new_list(&items);
            let hl = self.push_root(l);
            for i in 0..items.len() {
                let p = Vm::list_get(self.root(hl), i);
                let kv = self.unpack(p, 2).map_err(|e| {
                    let _ = e;
                    self.raise_msg(
                        T::ValueError,
                        "dictionary update sequence element has wrong length",
                    )
                })?;
                let d = self.root(hd);
                self.dict_set(d, kv[0], kv[1])?;
            }
            Ok(())
        })();
        self.pop_roots(base);
        r
    }
    /// A shallow copy of a dict (same type).
    pub fn dict_copy(&mut self, d: Value) -> PyResult {
        let ty = self.ty(T::Dict);
        let n = self.new_dict_of(Kind::Dict, ty, Vm::dict_len(d));
        let h = self.push_root(n);
        let r = self.dict_update(n, d);
        let n = self.root(h);
        self.pop_roots(h);
        r.map(|_| n)
    }
    /// Dict equality.
    pub fn dict_eq(&mut self, a: Value, b: Value) -> PyResult<bool> {
        let r = self.cmp_guarded(|vm| vm.dict_eq_inner(a, b).map(Value::bool))?;
        Ok(r == Value::TRUE)
    }

    fn dict_eq_inner(&mut self, a: Value, b: Value) -> PyResult<bool> {
        if Vm::dict_len(a) != Vm::dict_len(b) {
            return Ok(false);
        }
        let base = self.root_depth();
        let ha = self.push_root(a);
        let hb = self.push_root(b);
        let mut pos = 0;
        let r: PyResult<bool> = (|| loop {
            let a = self.root(ha);
            let Some((k, v)) = Vm::dict_next(a, &mut pos) else {
                return Ok(true);
            };
            let hv = self.push_root(v);
            let b = self.root(hb);
            let ov = self.dict_get(b, k)?;
            let v = self.root(hv);
            self.pop_roots(hv);
            match ov {
                None => return Ok(false),
                Some(ov) => {
                    if !self.eq_bool(v, ov)? {
                        return Ok(false);
                    }
                }
            }
        })();
        self.pop_roots(base);
        r
    }
    /// `l.extend(iterable)`.
    pub fn list_extend(&mut self, l: Value, it: Value) -> PyResult<()> {
        let exact = Vm::type_flags(self.type_of(it)) & crate::object::types::F_HEAP == 0;
        if exact && (Vm::is_kind(it, Kind::List) || Vm::is_kind(it, Kind::Tuple)) {
            let items = if Vm::is_kind(it, Kind::List) {
                Vm::list_items(it)
            } else {
                Vm::tuple_items(it)
            };
            for x in items {
                self.list_append(l, x);
            }
            return Ok(());
        }
        let h = self.push_root(l);
        let items = self.collect_hinted(it);
        let l = self.root(h);
        self.pop_roots(h);
        for x in items? {
            self.list_append(l, x);
        }
        Ok(())
    }
}
