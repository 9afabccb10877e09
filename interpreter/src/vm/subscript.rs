//! Subscripts: `o[k]`, `o[k] = v`, `del o[k]` for every builtin container,
//! slices included, and the `__getitem__`/`__setitem__`/`__delitem__` fallbacks.

use super::proto::{SL_START, SL_STEP, SL_STOP};
use super::{PyResult, Vm};
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::{N, T};

impl Vm {
    /// `o[k]`.
    pub fn getitem(&mut self, o: Value, k: Value) -> PyResult {
        let (o, k) = match Vm::kind(o) {
            Some(Kind::List | Kind::Tuple | Kind::Str | Kind::Bytes | Kind::Range) => {
                self.plain_key(o, k)?
            }
            _ => (o, k),
        };
        let kind = Vm::kind(o);
        let is_slice = Vm::is_kind(k, Kind::Slice);
        let builtin = kind.is_some() && !Vm::has_flag_heap(self.type_of(o));
        match kind {
            Some(Kind::List)
                if builtin
                    || self
                        .type_lookup_n(self.type_of(o), N::GetItem)
                        .map(|f| Vm::is_kind(f, Kind::Builtin))
                        .unwrap_or(true) =>
            {
                if is_slice {
                    let (start, _, step, n) = self.slice_indices(k, Vm::list_len(o))?;
                    return Ok(self.list_slice(o, start, step, n));
                }
                let i = self.seq_index(k, Vm::list_len(o), "list")?;
                return Ok(Vm::list_get(o, i));
            }
            Some(Kind::Deque) if builtin && k.is_int() => {
                let n = Vm::deque_len(o) as i64;
                let i = k.as_int();
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return Err(self.raise_msg(T::IndexError, "deque index out of range"));
                }
                return Ok(Vm::deque_get(o, j as usize));
            }
            Some(Kind::Tuple) => {
                if is_slice {
                    let (start, _, step, n) = self.slice_indices(k, Vm::tuple_len(o))?;
                    let v: Vec<Value> = (0..n)
                        .map(|i| Vm::tuple_get(o, (start + i as i64 * step) as usize))
                        .collect();
                    return Ok(self.new_tuple(&v));
                }
                let i = self.seq_index(k, Vm::tuple_len(o), "tuple")?;
                return Ok(Vm::tuple_get(o, i));
            }
            Some(Kind::Str) => {
                let s = Vm::as_str(o);
                let ascii = s.len() == Vm::str_nchars(o);
                if is_slice {
                    let n = Vm::str_nchars(o);
                    let (start, _, step, cnt) = self.slice_indices(k, n)?;
                    if cnt == 0 {
                        return Ok(self.new_str(""));
                    }
                    if step == 1 {
                        let a = self.str_char_offset(o, start as usize);
                        let b = self.str_char_offset(o, start as usize + cnt);
                        let out = Vm::as_str(o)[a..b].to_string();
                        return Ok(self.new_string(out));
                    }
                    let out: String = if ascii {
                        let s = Vm::as_str(o).as_bytes();
                        (0..cnt)
                            .map(|i| s[(start + i as i64 * step) as usize] as char)
                            .collect()
                    } else {
                        let chars: Vec<char> = Vm::as_str(o).chars().collect();
                        (0..cnt)
                            .map(|i| chars[(start + i as i64 * step) as usize])
                            .collect()
                    };
                    return Ok(self.new_string(out));
                }
                let i = self.seq_index(k, Vm::str_nchars(o), "string")?;
                let off = self.str_char_offset(o, i);
                let s = Vm::as_str(o);
                let ch = if ascii {
                    s.as_bytes()[i] as char
                } else {
                    s[off..].chars().next().unwrap_or(' ')
                };
                let mut buf = [0u8; 4];
                return Ok(self.new_str(ch.encode_utf8(&mut buf)));
            }
            Some(Kind::Bytes) => {
                let b = Vm::as_bytes(o);
                if is_slice {
                    let (start, _, step, n) = self.slice_indices(k, b.len())?;
                    let b = Vm::as_bytes(o);
                    let v: Vec<u8> = (0..n)
                        .map(|i| b[(start + i as i64 * step) as usize])
                        .collect();
                    return Ok(self.new_bytes(&v));
                }
                let i = self.seq_index(k, b.len(), "index")?;
                return Ok(Value::int(Vm::as_bytes(o)[i] as i64));
            }
            Some(Kind::Dict) if builtin => return self.dict_getitem(o, k),
            Some(Kind::Dict)
                if self
                    .type_lookup_n(self.type_of(o), N::GetItem)
                    .is_some_and(|f| Vm::is_kind(f, Kind::Builtin)) =>
            {
                // dict subclass without its own __getitem__ (defaultdict,
                // Counter): dict_subscript, __missing__ on a miss
                return self.dict_subscript(o, k);
            }
            Some(Kind::Range) => {
                let r = o.obj().expect("range");
                let (a, s) = (Vm::to_big(Vm::get(r, 1)), Vm::to_big(Vm::get(r, 3)));
                let n = self.len(o)?;
                if is_slice {
                    // as CPython's compute_slice: the adjusted bounds
                    // mapped through the range (range(20)[4:0] is range(4, 0))
                    let (start, stop, step, _) = self.slice_indices(k, n)?;
                    let na = &a + &s * start;
                    let ns = &s * step;
                    let nb = &a + &s * stop;
                    let (x, y, z) = (
                        self.new_int_big(&na),
                        self.new_int_big(&nb),
                        self.new_int_big(&ns),
                    );
                    return Ok(self.new_range(x, y, z));
                }
                let i = self.seq_index(k, n, "range object")?;
                let v = a + s * i as i64;
                return Ok(self.new_int_big(&v));
            }
            _ => {}
        }
        let t = self.type_of(o);
        if let Some(f) = self.type_lookup_n(t, N::GetItem) {
            return self.call_with_self(f, o, &[k], Value::NULL);
        }
        if Vm::is_type(o) {
            if let Some(f) = self.type_lookup_n(o, N::ClassGetItem) {
                let (c, s) = self.bind_descr(f, o, o)?;
                return self.call_with_self(c, s, &[k], Value::NULL);
            }
            return Ok(o);
        }
        if kind == Some(Kind::Dict) {
            // `__hash__`/`__eq__` run Python code: re-read `o` and `k`.
            let base = self.push_root(o);
            self.push_root(k);
            let r = self.dict_get(o, k);
            let (o, k) = (self.root(base), self.root(base + 1));
            self.pop_roots(base);
            return match r? {
                Some(v) => Ok(v),
                None => {
                    let t = self.type_of(o);
                    if let Some(m) = self.type_lookup_n(t, N::Missing) {
                        return self.call_with_self(m, o, &[k], Value::NULL);
                    }
                    Err(self.raise_key_error(k))
                }
            };
        }
        let msg = format!("'{}' object is not subscriptable", self.type_name_of(o));
        Err(self.raise_msg(T::TypeError, &msg))
    }

    /// `dict.__getitem__`: the value, else `type(d).__missing__(d, k)` for
    /// dict subclasses, else KeyError.
    pub fn dict_subscript(&mut self, d: Value, k: Value) -> PyResult {
        self.scope(|vm, s| {
            let (hd, hk) = (s.root_value(vm, d), s.root_value(vm, k));
            let r = vm.dict_get(d, k);
            let (d, k) = (hd.get(vm).value(), hk.get(vm).value());
            if let Some(v) = r? {
                return Ok(v);
            }
            let t = vm.type_of(d);
            if t != vm.ty(T::Dict) {
                if let Some(m) = vm.type_lookup_n(t, N::Missing) {
                    return vm.call_with_self(m, d, &[k], Value::NULL);
                }
            }
            Err(vm.raise_key_error(k))
        })
    }

    /// `o[k] = v`.
    pub fn setitem(&mut self, o: Value, k: Value, v: Value) -> PyResult<()> {
        let (o, k, v) = if Vm::is_kind(o, Kind::List) {
            let hv = self.push_root(v);
            let r = self.plain_key(o, k);
            let v = self.root(hv);
            self.pop_roots(hv);
            let (o, k) = r?;
            (o, k, v)
        } else {
            (o, k, v)
        };
        let builtin = !Vm::has_flag_heap(self.type_of(o));
        match Vm::kind(o) {
            Some(Kind::List)
                if builtin
                    || self
                        .type_lookup_n(self.type_of(o), N::SetItem)
                        .map(|f| Vm::is_kind(f, Kind::Builtin))
                        .unwrap_or(true) =>
            {
                if Vm::is_kind(k, Kind::Slice) {
                    return self.list_set_slice(o, k, v);
                }
                let i = self.seq_index(k, Vm::list_len(o), "list assignment")?;
                self.list_set(o, i, v);
                return Ok(());
            }
            Some(Kind::Dict) if builtin => return self.dict_set(o, k, v),
            _ => {}
        }
        let t = self.type_of(o);
        if let Some(f) = self.type_lookup_n(t, N::SetItem) {
            self.call_with_self(f, o, &[k, v], Value::NULL)?;
            return Ok(());
        }
        if Vm::is_kind(o, Kind::Dict) {
            return self.dict_set(o, k, v);
        }
        let msg = format!(
            "'{}' object does not support item assignment",
            self.type_name_of(o)
        );
        Err(self.raise_msg(T::TypeError, &msg))
    }

    /// Slice assignment from a list or tuple with a slice of ints / None:
    /// nothing here can run Python code, so no rooting is needed. Returns
    /// false (nothing done) when the general path must run.
    fn list_set_slice_fast(&mut self, l: Value, k: Value, v: Value) -> PyResult<bool> {
        let simple = |x: Value| x.is_none() || x.is_int();
        let so = k.obj().expect("slice");
        if !(simple(Vm::get(so, SL_START))
            && simple(Vm::get(so, SL_STOP))
            && simple(Vm::get(so, SL_STEP)))
        {
            return Ok(false);
        }
        // A copy first: `v` may be `l` itself.
        let items = match Vm::kind(v) {
            Some(Kind::List) => Vm::list_items(v),
            Some(Kind::Tuple) => Vm::tuple_items(v),
            _ => return Ok(false),
        };
        let r = self.slice_indices(k, Vm::list_len(l))?;
        self.assign_list_slice(l, r, items)?;
        Ok(true)
    }

    /// Stores `items` into the slice `(start, stop, step, n)` of list `l`
    /// (indices from `slice_indices`): in place when the length is kept,
    /// by rebuilding the item array when a simple slice changes size.
    fn assign_list_slice(
        &mut self,
        l: Value,
        (start, stop, step, n): (i64, i64, i64, usize),
        items: Vec<Value>,
    ) -> PyResult<()> {
        if step == 1 && items.len() != n {
            let mut cur = Vm::list_items(l);
            cur.splice(start as usize..stop.max(start) as usize, items);
            self.list_set_items(l, &cur);
            return Ok(());
        }
        if items.len() != n {
            let msg = format!(
                "attempt to assign sequence of size {} to extended slice of size {}",
                items.len(),
                n
            );
            return Err(self.raise_msg(T::ValueError, &msg));
        }
        for (i, x) in items.into_iter().enumerate() {
            self.list_set(l, (start + i as i64 * step) as usize, x);
        }
        Ok(())
    }

    fn list_set_slice(&mut self, l: Value, k: Value, v: Value) -> PyResult<()> {
        if self.list_set_slice_fast(l, k, v)? {
            return Ok(());
        }
        self.scope(|vm, s| {
            let h = s.root_value(vm, l);
            let hk = s.root_value(vm, k);
            let items = vm.collect(v)?;
            let tmp = vm.new_list(&items);
            let ht = s.root_value(vm, tmp);
            let (l, k) = (h.get(vm).value(), hk.get(vm).value());
            let r = vm.slice_indices(k, Vm::list_len(l));
            let (l, tmp) = (h.get(vm).value(), ht.get(vm).value());
            let r = r?;
            let items = Vm::list_items(tmp);
            vm.assign_list_slice(l, r, items)
        })
    }

    /// `del o[k]`.
    pub fn delitem(&mut self, o: Value, k: Value) -> PyResult<()> {
        let (o, k) = if Vm::is_kind(o, Kind::List) {
            self.plain_key(o, k)?
        } else {
            (o, k)
        };
        match Vm::kind(o) {
            Some(Kind::List) => {
                if Vm::is_kind(k, Kind::Slice) {
                    let (start, _, step, n) = self.slice_indices(k, Vm::list_len(o))?;
                    let mut idx: Vec<usize> =
                        (0..n).map(|i| (start + i as i64 * step) as usize).collect();
                    idx.sort_unstable();
                    let cur = Vm::list_items(o);
                    let keep: Vec<Value> = cur
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| idx.binary_search(i).is_err())
                        .map(|(_, v)| *v)
                        .collect();
                    self.list_set_items(o, &keep);
                    return Ok(());
                }
                let i = self.seq_index(k, Vm::list_len(o), "list assignment")?;
                self.list_remove_at(o, i);
                return Ok(());
            }
            Some(Kind::Dict)
                if !Vm::has_flag_heap(self.type_of(o))
                    || self.type_lookup_n(self.type_of(o), N::DelItem).is_none() =>
            {
                return self.dict_delitem(o, k).map(|_| ());
            }
            _ => {}
        }
        let t = self.type_of(o);
        if let Some(f) = self.type_lookup_n(t, N::DelItem) {
            self.call_with_self(f, o, &[k], Value::NULL)?;
            return Ok(());
        }
        let msg = format!(
            "'{}' object does not support item deletion",
            self.type_name_of(o)
        );
        Err(self.raise_msg(T::TypeError, &msg))
    }
}
