//! Set algebra in CPython's construction order: `|`, `&`, `-`, `^` on sets,
//! the `union`/`intersection`/`difference`/`symmetric_difference` methods,
//! in-place operators and dict-view operands.

use super::dict::{D_ENT, D_IDX, D_LEN};
use super::layout::*;
use super::value::Value;
use crate::vm::{PyResult, Vm};

impl Vm {
    /// CPython's set algebra on two sets (`|`, `&`, `-`, `^`), result of
    /// `a`'s type.
    pub fn set_algebra(&mut self, a: Value, b: Value, op: u32) -> PyResult {
        use crate::compile::bytecode::{B_AND, B_OR, B_SUB};
        let ty = self.type_of(a);
        let base = self.root_depth();
        let ha = self.push_root(a);
        let hb = self.push_root(b);
        let out = self.new_set_of(ty);
        let ho = self.push_root(out);
        let r = (|| -> PyResult<()> {
            match op {
                B_OR => {
                    let (o, a) = (self.root(ho), self.root(ha));
                    self.set_merge(o, a)?;
                    let (o, b) = (self.root(ho), self.root(hb));
                    self.set_merge(o, b)?;
                }
                B_AND => {
                    // iterate the smaller, probe the larger
                    let (mut big, mut small) = (ha, hb);
                    if Vm::dict_len(self.root(hb)) > Vm::dict_len(self.root(ha)) {
                        big = hb;
                        small = ha;
                    }
                    self.set_filter_into(small, big, ho, true)?;
                }
                B_SUB => {
                    let (la, lb) = (Vm::dict_len(self.root(ha)), Vm::dict_len(self.root(hb)));
                    if (la >> 2) > lb {
                        let (o, a) = (self.root(ho), self.root(ha));
                        self.set_merge(o, a)?;
                        let mut pos = 0;
                        while let Some((k, h)) = Vm::set_next_hashed(self.root(hb), &mut pos) {
                            let o = self.root(ho);
                            self.set_discard_hashed(o, k, h)?;
                        }
                    } else {
                        self.set_filter_into(ha, hb, ho, false)?;
                    }
                }
                _ => {
                    // symmetric difference: copy of b, then toggle a's keys
                    let (o, b) = (self.root(ho), self.root(hb));
                    self.set_merge(o, b)?;
                    self.set_toggle(ho, ha)?;
                }
            }
            Ok(())
        })();
        let out = self.root(ho);
        self.pop_roots(base);
        r.map(|_| out)
    }

    /// Toggles the keys of set `hsrc` in set `ho` (symmetric_difference_update).
    fn set_toggle(&mut self, ho: usize, hsrc: usize) -> PyResult<()> {
        let mut pos = 0;
        while let Some((k, h)) = Vm::set_next_hashed(self.root(hsrc), &mut pos) {
            let hk = self.push_root(k);
            let o = self.root(ho);
            let r = self.set_discard_hashed(o, k, h);
            let k = self.root(hk);
            self.pop_roots(hk);
            if !r? {
                let o = self.root(ho);
                self.set_insert_hashed(o, k, h)?;
            }
        }
        Ok(())
    }

    /// Adds to `ho` the keys of `hsrc` that are (`keep_in`) / are not in `hprobe`.
    fn set_filter_into(
        &mut self,
        hsrc: usize,
        hprobe: usize,
        ho: usize,
        keep_in: bool,
    ) -> PyResult<()> {
        let mut pos = 0;
        while let Some((k, h)) = Vm::set_next_hashed(self.root(hsrc), &mut pos) {
            let hk = self.push_root(k);
            let p = self.root(hprobe);
            let r = self.set_contains_hashed(p, k, h);
            let k = self.root(hk);
            self.pop_roots(hk);
            if r? == keep_in {
                let o = self.root(ho);
                self.set_insert_hashed(o, k, h)?;
            }
        }
        Ok(())
    }
}

impl Vm {
    /// `so.union/intersection/difference/symmetric_difference(*others)`
    /// following CPython's construction order. `a[0]` is the set.
    pub fn set_multi(&mut self, a: &[Value], op: u32) -> PyResult {
        use crate::compile::bytecode::{B_AND, B_OR, B_SUB};
        let base = self.root_depth();
        let hs: Vec<usize> = a.iter().map(|v| self.push_root(*v)).collect();
        let r = (|| -> PyResult {
            let so = self.root(hs[0]);
            let ty = self.type_of(so);
            let copy = |vm: &mut Vm, h: usize| -> PyResult {
                let out = vm.new_set_of(ty);
                let ho = vm.push_root(out);
                let src = vm.root(h);
                let r = vm.set_merge(out, src);
                let out = vm.root(ho);
                vm.pop_roots(ho);
                r.map(|_| out)
            };
            let acc = copy(self, hs[0])?;
            let hacc = self.push_root(acc);
            if hs.len() == 1 {
                return Ok(acc);
            }
            match op {
                B_OR => {
                    for h in &hs[1..] {
                        let (acc, o) = (self.root(hacc), self.root(*h));
                        self.set_update(acc, o)?;
                    }
                }
                B_AND => {
                    // acc starts as `so` itself (not a copy)
                    self.set_root(hacc, self.root(hs[0]));
                    for h in &hs[1..] {
                        let o = self.root(*h);
                        let cur = self.root(hacc);
                        let next = if Vm::is_kind(o, Kind::Set) {
                            self.set_algebra(cur, o, B_AND)?
                        } else {
                            let items = self.collect(o)?;
                            let l = self.new_list(&items);
                            let hl = self.push_root(l);
                            let out = self.new_set_of(ty);
                            let ho = self.push_root(out);
                            for i in 0..items.len() {
                                // one __hash__ per item, as CPython
                                let h = self.set_hash(Vm::list_get(self.root(hl), i))?;
                                let (cur, k) = (self.root(hacc), Vm::list_get(self.root(hl), i));
                                if self.set_contains_hashed(cur, k, h)? {
                                    let (out, k) = (self.root(ho), Vm::list_get(self.root(hl), i));
                                    self.set_insert_hashed(out, k, h)?;
                                }
                            }
                            let out = self.root(ho);
                            self.pop_roots(hl);
                            out
                        };
                        self.set_root(hacc, next);
                    }
                }
                B_SUB => {
                    let first = self.root(hs[1]);
                    let cur = self.root(hs[0]);
                    let is_set = Vm::is_kind(first, Kind::Set);
                    let res = if is_set && (Vm::dict_len(cur) >> 2) <= Vm::dict_len(first) {
                        self.set_algebra(cur, first, B_SUB)?
                    } else {
                        let acc = self.root(hacc);
                        self.set_discard_all(acc, first)?;
                        self.root(hacc)
                    };
                    self.set_root(hacc, res);
                    for h in &hs[2..] {
                        let (acc, o) = (self.root(hacc), self.root(*h));
                        self.set_discard_all(acc, o)?;
                    }
                }
                _ => {
                    // a new set from `other`, toggled by so's keys
                    let t = self.new_set_of(ty);
                    self.set_root(hacc, t);
                    let o = self.root(hs[1]);
                    self.set_update(t, o)?;
                    self.set_toggle(hacc, hs[0])?;
                }
            }
            Ok(self.root(hacc))
        })();
        self.pop_roots(base);
        r
    }

    /// Discards every item of iterable `it` from set `s`.
    fn set_discard_all(&mut self, s: Value, it: Value) -> PyResult<()> {
        let base = self.root_depth();
        let hs = self.push_root(s);
        let items = if Vm::is_kind(it, Kind::Set) || Vm::is_kind(it, Kind::Dict) {
            Vm::dict_keys_vec(it)
        } else {
            match self.collect(it) {
                Ok(v) => v,
                Err(e) => {
                    self.pop_roots(base);
                    return Err(e);
                }
            }
        };
        let l = self.new_list(&items);
        let hl = self.push_root(l);
        for i in 0..items.len() {
            let k = Vm::list_get(self.root(hl), i);
            let s = self.root(hs);
            if let Err(e) = self.set_discard(s, k) {
                self.pop_roots(base);
                return Err(e);
            }
        }
        self.pop_roots(base);
        Ok(())
    }
}

impl Vm {
    fn is_set_view(&self, v: Value) -> bool {
        let t = self.type_of(v);
        Vm::is_kind(v, Kind::Misc)
            && (t == self.ty(super::T::DictKeys) || t == self.ty(super::T::DictItems))
    }

    /// `&`, `|`, `-`, `^` with a dict keys/items view on either side
    /// (CPython's dictviews_* functions). None when neither side is a view.
    pub fn dictview_binary(&mut self, a: Value, b: Value, op: u32) -> PyResult<Option<Value>> {
        use crate::compile::bytecode::{B_AND, B_OR, B_SUB, B_XOR};
        if !matches!(op, B_AND | B_OR | B_SUB | B_XOR)
            || !(self.is_set_view(a) || self.is_set_view(b))
        {
            return Ok(None);
        }
        let base = self.root_depth();
        let ha = self.push_root(a);
        let hb = self.push_root(b);
        let r = (|| -> PyResult {
            let st = self.ty(super::T::Set);
            let (mut hs, mut ho) = (ha, hb);
            if op == B_AND && !self.is_set_view(self.root(ha)) {
                std::mem::swap(&mut hs, &mut ho);
            }
            if op == B_AND {
                let (v, o) = (self.root(hs), self.root(ho));
                if self.type_of(o) == st {
                    let d = Vm::get(v.obj().expect("view"), 1);
                    if Vm::dict_len(d) <= Vm::dict_len(o) {
                        return self.set_multi(&[o, v], B_AND);
                    }
                }
            }
            let out = self.new_set_of(st);
            let hout = self.push_root(out);
            if op == B_AND {
                // result: items of `other` contained in the view
                let view_set = self.new_set_of(st);
                let hv = self.push_root(view_set);
                let v = self.root(hs);
                self.set_update(view_set, v)?;
                let o = self.root(ho);
                let items = self.collect(o)?;
                let l = self.new_list(&items);
                let hl = self.push_root(l);
                for i in 0..items.len() {
                    let k = Vm::list_get(self.root(hl), i);
                    let vs = self.root(hv);
                    if self.set_contains_key(vs, k)? {
                        let (out, k) = (self.root(hout), Vm::list_get(self.root(hl), i));
                        self.set_insert(out, k)?;
                    }
                }
                return Ok(self.root(hout));
            }
            let mut first = self.root(ha);
            if Vm::is_kind(first, Kind::Misc) && self.type_of(first) == self.ty(super::T::DictKeys)
            {
                let d = Vm::get(first.obj().expect("view"), 1);
                if self.type_of(d) == self.ty(super::T::Dict) {
                    first = d;
                }
            }
            self.set_update(out, first)?;
            let (o, second) = (self.root(hout), self.root(hb));
            match op {
                B_OR => self.set_update(o, second)?,
                B_SUB => self.set_discard_all(o, second)?,
                _ => {
                    let tmp = self.new_set_of(st);
                    let ht = self.push_root(tmp);
                    let second = self.root(hb);
                    self.set_update(tmp, second)?;
                    self.set_toggle(hout, ht)?;
                }
            }
            Ok(self.root(hout))
        })();
        self.pop_roots(base);
        r.map(Some)
    }
}

impl Vm {
    /// `a |= b`, `&=`, `-=`, `^=` on a mutable set with a set operand:
    /// in place, like CPython. None when not applicable.
    pub fn set_inplace(&mut self, a: Value, b: Value, op: u32) -> PyResult<Option<Value>> {
        use crate::compile::bytecode::{B_AND, B_OR, B_SUB, B_XOR};
        if !Vm::is_kind(a, Kind::Set)
            || !Vm::is_kind(b, Kind::Set)
            || Vm::is_subtype(self.type_of(a), self.ty(super::T::FrozenSet))
            || !matches!(op, B_AND | B_OR | B_SUB | B_XOR)
        {
            return Ok(None);
        }
        let base = self.root_depth();
        let ha = self.push_root(a);
        let hb = self.push_root(b);
        let r = (|| -> PyResult<()> {
            match op {
                B_OR => self.set_merge(a, b),
                B_SUB => {
                    if a == b {
                        self.set_clear(a);
                        return Ok(());
                    }
                    let mut pos = 0;
                    while let Some(k) = Vm::set_next(self.root(hb), &mut pos) {
                        let a = self.root(ha);
                        self.set_discard(a, k)?;
                    }
                    Ok(())
                }
                B_XOR => {
                    if a == b {
                        self.set_clear(a);
                        return Ok(());
                    }
                    self.set_toggle(ha, hb)
                }
                _ => {
                    let t = self.set_algebra(a, b, B_AND)?;
                    let (a, t) = (self.root(ha).obj().expect("set"), t.obj().expect("set"));
                    for i in [D_LEN, D_IDX, D_ENT] {
                        let v = Vm::get(t, i);
                        self.set(a, i, v);
                    }
                    Ok(())
                }
            }
        })();
        let a = self.root(ha);
        self.pop_roots(base);
        r.map(|_| Some(a))
    }
}
