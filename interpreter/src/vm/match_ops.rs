//! Runtime support of `match` statements (PEP 634): the MatchClass,
//! MatchSequence, MatchMapping, MatchKeys and CopyDictWithoutKeys opcodes.

use super::{PyResult, Vm};
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;

/// Builtin types whose single positional sub-pattern matches the subject itself.
const MATCH_SELF: [T; 11] = [
    T::Bool,
    T::ByteArray,
    T::Bytes,
    T::Dict,
    T::Float,
    T::FrozenSet,
    T::Int,
    T::List,
    T::Set,
    T::Str,
    T::Tuple,
];

impl Vm {
    fn mro_has_name(&self, t: Value, names: &[&str]) -> bool {
        let Some(mro) = Vm::tyf(t, crate::object::types::TY_MRO).obj() else {
            return false;
        };
        (0..Vm::var_len(mro)).any(|i| {
            let c = Vm::item(mro, i);
            names.contains(&Vm::type_name(c).as_str())
        })
    }

    /// Does `v` count as a sequence for sequence patterns?
    pub fn match_is_sequence(&mut self, v: Value) -> bool {
        let t = self.type_of(v);
        match Vm::kind(v) {
            Some(Kind::List | Kind::Tuple | Kind::Range) => return true,
            Some(Kind::Str | Kind::Bytes | Kind::Dict | Kind::Set) => return false,
            _ => {}
        }
        for s in [T::Deque, T::ArrayT] {
            if Vm::is_subtype(t, self.ty(s)) {
                return true;
            }
        }
        if Vm::is_subtype(t, self.ty(T::ByteArray)) {
            return false;
        }
        if self.mro_has_name(t, &["Sequence", "MutableSequence", "deque"]) {
            return true;
        }
        // collections.namedtuple classes (tuple-like, not tuple subclasses here)
        let (f, m) = (self.intern("_fields"), self.intern("_make"));
        self.type_lookup(t, f)
            .is_some_and(|v| Vm::is_kind(v, Kind::Tuple))
            && self.type_lookup(t, m).is_some()
    }

    /// Does `v` count as a mapping for mapping patterns?
    pub fn match_is_mapping(&self, v: Value) -> bool {
        if Vm::is_kind(v, Kind::Dict) {
            return true;
        }
        let t = self.type_of(v);
        self.mro_has_name(t, &["Mapping", "MutableMapping"])
    }

    /// `getattr(obj, name)`, None on AttributeError (runs `__getattr__`).
    fn getattr_or_none(&mut self, obj: Value, name: Value) -> PyResult<Option<Value>> {
        match self.getattr(obj, name) {
            Ok(v) => Ok(Some(v)),
            Err(e) => {
                if self.exc_is(T::AttributeError) {
                    self.take_exc();
                    Ok(None)
                } else {
                    Err(e)
                }
            }
        }
    }

    fn match_isinstance(&mut self, v: Value, cls: Value) -> PyResult<bool> {
        if self.isinstance(v, cls) {
            return Ok(true);
        }
        if Vm::type_flags(cls) & crate::object::types::F_HEAP == 0 {
            return Ok(false);
        }
        let f = self.builtin_value("isinstance");
        let r = self.call0(f, &[v, cls])?;
        Ok(r == Value::TRUE)
    }

    /// MatchClass: `[subject, cls, kwnames]` → attribute tuple or None.
    pub fn match_class(
        &mut self,
        subj: Value,
        cls: Value,
        names: Value,
        nargs: usize,
    ) -> PyResult<Value> {
        if !Vm::is_type(cls) {
            return Err(self.raise_msg(T::TypeError, "called match pattern must be a type"));
        }
        let base = self.root_depth();
        let hs = self.push_root(subj);
        let hc = self.push_root(cls);
        let hn = self.push_root(names);
        let r = self.match_class_inner(hs, hc, hn, nargs);
        self.pop_roots(base);
        r
    }

    fn match_class_inner(&mut self, hs: usize, hc: usize, hn: usize, nargs: usize) -> PyResult {
        let (subj, cls) = (self.root(hs), self.root(hc));
        if !self.match_isinstance(subj, cls)? {
            return Ok(Value::NONE);
        }
        let attrs = self.new_list(&[]);
        let ha = self.push_root(attrs);
        let seen = self.new_list(&[]);
        let hseen = self.push_root(seen);
        let cname = Vm::type_name(self.root(hc));
        if nargs > 0 {
            let ma_name = self.intern("__match_args__");
            let cls = self.root(hc);
            let ma = self.getattr_or_none(cls, ma_name)?;
            let (allowed, match_self, ma) = match ma {
                Some(m) => {
                    if !Vm::is_kind(m, Kind::Tuple) {
                        let msg = format!(
                            "{cname}.__match_args__ must be a tuple (got {})",
                            self.type_name_of(m)
                        );
                        return Err(self.raise_msg(T::TypeError, &msg));
                    }
                    (Vm::tuple_len(m), false, m)
                }
                None => {
                    let cls = self.root(hc);
                    let ms = MATCH_SELF.iter().any(|t| Vm::is_subtype(cls, self.ty(*t)));
                    (ms as usize, ms, Value::NONE)
                }
            };
            let hm = self.push_root(ma);
            if allowed < nargs {
                let msg = format!(
                    "{cname}() accepts {allowed} positional sub-pattern{} ({nargs} given)",
                    if allowed == 1 { "" } else { "s" }
                );
                return Err(self.raise_msg(T::TypeError, &msg));
            }
            if match_self {
                let (a, s) = (self.root(ha), self.root(hs));
                self.list_append(a, s);
            } else {
                for i in 0..nargs {
                    let name = Vm::tuple_get(self.root(hm), i);
                    if !Vm::is_str(name) {
                        let msg = format!(
                            "__match_args__ elements must be strings (got {})",
                            self.type_name_of(name)
                        );
                        return Err(self.raise_msg(T::TypeError, &msg));
                    }
                    if !self.match_class_attr(hs, ha, hseen, name, &cname)? {
                        return Ok(Value::NONE);
                    }
                }
            }
        }
        let nk = Vm::tuple_len(self.root(hn));
        for i in 0..nk {
            let name = Vm::tuple_get(self.root(hn), i);
            if !self.match_class_attr(hs, ha, hseen, name, &cname)? {
                return Ok(Value::NONE);
            }
        }
        let items = Vm::list_items(self.root(ha));
        Ok(self.new_tuple(&items))
    }

    fn match_class_attr(
        &mut self,
        hs: usize,
        ha: usize,
        hseen: usize,
        name: Value,
        cname: &str,
    ) -> PyResult<bool> {
        let name = self.intern_value(name);
        let seen = self.root(hseen);
        if Vm::list_items(seen).iter().any(|x| Vm::str_eq(*x, name)) {
            let msg = format!(
                "{cname}() got multiple sub-patterns for attribute {}",
                super::repr::repr_str(Vm::as_str(name))
            );
            return Err(self.raise_msg(T::TypeError, &msg));
        }
        self.list_append(seen, name);
        let subj = self.root(hs);
        match self.getattr_or_none(subj, name)? {
            Some(v) => {
                let a = self.root(ha);
                self.list_append(a, v);
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// MatchKeys: the values of `keys` in mapping `subj` (a tuple), or None.
    pub fn match_keys(&mut self, subj: Value, keys: Value) -> PyResult<Value> {
        let n = Vm::tuple_len(keys);
        if n == 0 {
            return Ok(self.new_tuple(&[]));
        }
        let base = self.root_depth();
        let hs = self.push_root(subj);
        let hk = self.push_root(keys);
        let r = self.match_keys_inner(hs, hk, n);
        self.pop_roots(base);
        r
    }

    fn match_keys_inner(&mut self, hs: usize, hk: usize, n: usize) -> PyResult {
        let vals = self.new_list(&[]);
        let hv = self.push_root(vals);
        let seen = self.new_set();
        let hseen = self.push_root(seen);
        let subj = self.root(hs);
        let exact = self.type_of(subj) == self.ty(T::Dict);
        let (get, dummy) = if exact {
            (Value::NULL, Value::NULL)
        } else {
            let gn = self.intern("get");
            let g = self.getattr(subj, gn)?;
            let ot = self.ty(T::Object);
            let d = self.new_instance(ot);
            (g, d)
        };
        let hg = self.push_root(get);
        let hd = self.push_root(dummy);
        for i in 0..n {
            let k = Vm::tuple_get(self.root(hk), i);
            let seen = self.root(hseen);
            if self.dict_get(seen, k)?.is_some() {
                let k = Vm::tuple_get(self.root(hk), i);
                let r = self.repr(k)?;
                let msg = format!("mapping pattern checks duplicate key ({})", Vm::as_str(r));
                return Err(self.raise_msg(T::ValueError, &msg));
            }
            let (seen, k) = (self.root(hseen), Vm::tuple_get(self.root(hk), i));
            self.set_add(seen, k)?;
            let k = Vm::tuple_get(self.root(hk), i);
            let v = if exact {
                let s = self.root(hs);
                self.dict_get(s, k)?
            } else {
                let (g, d) = (self.root(hg), self.root(hd));
                let r = self.call0(g, &[k, d])?;
                if r == self.root(hd) {
                    None
                } else {
                    Some(r)
                }
            };
            match v {
                Some(v) => {
                    let l = self.root(hv);
                    self.list_append(l, v);
                }
                None => return Ok(Value::NONE),
            }
        }
        let items = Vm::list_items(self.root(hv));
        Ok(self.new_tuple(&items))
    }

    /// `rest = dict(subj)` minus `keys` (for `**rest` in mapping patterns).
    pub fn copy_dict_without_keys(&mut self, subj: Value, keys: Value) -> PyResult<Value> {
        let base = self.root_depth();
        let hk = self.push_root(keys);
        let d = self.new_dict();
        let hd = self.push_root(d);
        let r = (|| -> PyResult<()> {
            self.dict_update(d, subj)?;
            for i in 0..Vm::tuple_len(self.root(hk)) {
                let k = Vm::tuple_get(self.root(hk), i);
                let d = self.root(hd);
                self.dict_del(d, k)?;
            }
            Ok(())
        })();
        let d = self.root(hd);
        self.pop_roots(base);
        r.map(|_| d)
    }
}
