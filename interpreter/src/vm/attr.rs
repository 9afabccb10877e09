//! Attribute access, descriptors, method loading and instance creation.

use super::call::*;
use super::exc::*;
use super::{PyResult, Vm};
use crate::object::layout::*;
use crate::object::list::L_ATTRS;
use crate::object::types::*;
use crate::object::value::Value;
use crate::object::{N, T};

impl Vm {
    /// Instance attribute fast path: plain instance attribute, no data
    /// descriptor on the class, no `__getattribute__`. No calls.
    #[inline(always)]
    pub fn fast_getattr(&self, o: Value, name: Value) -> Option<Value> {
        let ob = o.obj()?;
        if kind_of(ob) != Kind::Instance {
            return None;
        }
        let v = self.inst_get(ob, name)?;
        let t = Value(ob.word(TYPE_OFF));
        if Vm::type_flags(t) & F_GETATTR != 0 {
            return None;
        }
        // a data descriptor on the class would win: only properties matter here
        if let Some(d) = self.type_lookup(t, name) {
            if Vm::is_kind(d, Kind::Property) {
                return None;
            }
        }
        Some(v)
    }

    /// Instance attribute store fast path. No calls.
    #[inline(always)]
    pub fn fast_setattr(&mut self, o: Value, name: Value, v: Value) -> bool {
        let Some(ob) = o.obj() else { return false };
        if kind_of(ob) != Kind::Instance {
            return false;
        }
        let t = Value(ob.word(TYPE_OFF));
        if Vm::type_flags(t) & F_SETATTR != 0
            || crate::modules::lang_py::slot_refuses(self, t, name)
        {
            return false;
        }
        if let Some(d) = self.type_lookup(t, name) {
            if Vm::is_kind(d, Kind::Property) || self.is_user_data_descr(d) {
                return false;
            }
        }
        self.inst_set(ob, name, v);
        true
    }

    /// Is `d` an instance of a class defining `__set__`?
    pub fn is_user_data_descr_pub(&self, d: Value) -> bool {
        self.is_user_data_descr(d)
    }

    fn is_user_data_descr(&self, d: Value) -> bool {
        if !Vm::is_kind(d, Kind::Instance) {
            return false;
        }
        let t = self.type_of(d);
        self.type_lookup_n(t, N::Set).is_some()
    }

    /// Binds a class attribute found for `obj` of type `t`: (callable, self or NULL).
    pub fn bind_descr(&mut self, d: Value, obj: Value, t: Value) -> PyResult<(Value, Value)> {
        match Vm::kind(d) {
            Some(Kind::Function) => Ok((d, obj)),
            Some(Kind::Builtin) => {
                if Vm::get(d.obj().expect("b"), BI_SELF).is_null() {
                    Ok((d, obj))
                } else {
                    Ok((d, Value::NULL))
                }
            }
            Some(Kind::ClassMethod) => Ok((Vm::get(d.obj().expect("cm"), 1), t)),
            Some(Kind::StaticMethod) => Ok((Vm::get(d.obj().expect("sm"), 1), Value::NULL)),
            Some(Kind::Property) => {
                let v = self.property_get(d, obj)?;
                Ok((v, Value::NULL))
            }
            _ => Ok((d, Value::NULL)),
        }
    }

    fn property_get(&mut self, p: Value, obj: Value) -> PyResult {
        let g = Vm::get(p.obj().expect("prop"), 1);
        if g.is_none() || g.is_null() {
            return Err(self.raise_msg(T::AttributeError, "property has no getter"));
        }
        self.call0(g, &[obj])
    }

    /// A bound method object.
    pub fn new_method(&mut self, f: Value, s: Value) -> Value {
        let ty = self.ty(T::Method);
        let m = self.alloc_rec(Kind::Method, ty);
        Vm::init(m, ME_FUNC, f);
        Vm::init(m, ME_SELF, s);
        Value::from_obj(m)
    }

    /// Resolves a descriptor to the attribute value.
    fn descr_value(&mut self, d: Value, obj: Value, t: Value) -> PyResult {
        match Vm::kind(d) {
            Some(Kind::Function) => Ok(self.new_method(d, obj)),
            Some(Kind::Builtin) => {
                if Vm::get(d.obj().expect("b"), BI_SELF).is_null() {
                    Ok(self.bind_builtin(d, obj))
                } else {
                    Ok(d)
                }
            }
            Some(Kind::ClassMethod) => {
                let f = Vm::get(d.obj().expect("cm"), 1);
                Ok(self.new_method(f, t))
            }
            Some(Kind::StaticMethod) => Ok(Vm::get(d.obj().expect("sm"), 1)),
            Some(Kind::Property) => self.property_get(d, obj),
            Some(Kind::Instance) => {
                let dt = self.type_of(d);
                match self.type_lookup_n(dt, N::Get) {
                    Some(g) => self.call_with_self(g, d, &[obj, t], Value::NULL),
                    None => Ok(d),
                }
            }
            _ => Ok(d),
        }
    }

    /// A builtin bound to `obj`.
    pub fn bind_builtin(&mut self, b: Value, obj: Value) -> Value {
        let bo = b.obj().expect("b");
        let ty = self.ty(T::BuiltinFunction);
        let n = self.alloc_rec(Kind::Builtin, ty);
        Vm::init(n, BI_INDEX, Vm::get(bo, BI_INDEX));
        Vm::init(n, BI_SELF, obj);
        Vm::init(n, BI_NAME, Vm::get(bo, BI_NAME));
        Value::from_obj(n)
    }

    /// `obj.name` for a method call: (callable, self or NULL).
    pub fn load_method(&mut self, obj: Value, name: Value) -> PyResult<(Value, Value)> {
        let t = self.type_of(obj);
        let is_inst = Vm::is_kind(obj, Kind::Instance);
        if !Vm::is_type(obj)
            && !Vm::is_kind(obj, Kind::Module)
            && !Vm::is_kind(obj, Kind::Super)
            && Vm::type_flags(t) & F_GETATTR == 0
        {
            if let Some(d) = self.type_lookup(t, name) {
                if matches!(Vm::kind(d), Some(Kind::Function | Kind::Builtin)) {
                    let shadow = if is_inst {
                        self.inst_get(obj.obj().expect("o"), name)
                    } else {
                        None
                    };
                    match shadow {
                        Some(v) => return Ok((v, Value::NULL)),
                        None => return self.bind_descr(d, obj, t),
                    }
                }
            }
        }
        let v = self.getattr(obj, name)?;
        Ok((v, Value::NULL))
    }

    /// `getattr(obj, name)` where name is an interned str.
    pub fn getattr(&mut self, obj: Value, name: Value) -> PyResult {
        let base = self.root_depth();
        let ho = self.push_root(obj);
        let hn = self.push_root(name);
        let r = self.getattr_opt(obj, name);
        let r = self.getattr_finish(r, ho, hn);
        self.pop_roots(base);
        r
    }

    fn getattr_finish(&mut self, r: PyResult<Option<Value>>, ho: usize, hn: usize) -> PyResult {
        match r? {
            Some(v) => Ok(v),
            None => {
                let (obj, name) = (self.root(ho), self.root(hn));
                if let Some(v) = self.module_getattr_hook(obj, name)? {
                    return Ok(v);
                }
                let (obj, name) = (self.root(ho), self.root(hn));
                let t = self.type_of(obj);
                if Vm::type_flags(t) & F_GETATTR != 0 {
                    if let Some(ga) = self.type_lookup_n(t, N::GetAttr) {
                        return self.call_with_self(ga, obj, &[name], Value::NULL);
                    }
                }
                Err(self.attr_error(obj, name))
            }
        }
    }

    /// A module's `__getattr__` (PEP 562) for a name its dict lacks; None
    /// when there is none or it raises AttributeError.
    pub fn module_getattr_hook(&mut self, m: Value, name: Value) -> PyResult<Option<Value>> {
        if !Vm::is_kind(m, Kind::Module) {
            return Ok(None);
        }
        let k = self.intern("__getattr__");
        let Some(f) = self.dict_get_str(Vm::get(m.obj().expect("module"), 1), k) else {
            return Ok(None);
        };
        match self.call(f, &[name], Value::NULL) {
            Ok(v) => Ok(Some(v)),
            Err(e) => {
                if self.exc_is(T::AttributeError) {
                    self.take_exc();
                    return Ok(None);
                }
                Err(e)
            }
        }
    }

    /// AttributeError for `obj.name`.
    pub fn attr_error(&mut self, obj: Value, name: Value) -> super::Exc {
        let msg = if Vm::is_type(obj) {
            format!(
                "type object '{}' has no attribute '{}'",
                Vm::type_name(obj),
                Vm::as_str(name)
            )
        } else if Vm::is_kind(obj, Kind::Module) {
            let mn = self.module_name(obj);
            format!("module '{}' has no attribute '{}'", mn, Vm::as_str(name))
        } else {
            format!(
                "'{}' object has no attribute '{}'",
                self.type_name_of(obj),
                Vm::as_str(name)
            )
        };
        self.raise_msg(T::AttributeError, &msg)
    }

    /// Attribute lookup without the AttributeError (None when missing).
    pub fn getattr_opt(&mut self, obj: Value, name: Value) -> PyResult<Option<Value>> {
        if Vm::is_kind(obj, Kind::Super) {
            return match crate::builtins::super_getattr(self, obj, name) {
                Ok(v) => Ok(Some(v)),
                Err(e) => {
                    if self.exc_is(T::AttributeError) {
                        self.take_exc();
                        Ok(None)
                    } else {
                        Err(e)
                    }
                }
            };
        }
        let t = self.type_of(obj);
        if Vm::is_type(obj) {
            return self.type_getattr(obj, name);
        }
        let d = self.type_lookup(t, name);
        if let Some(d) = d {
            if Vm::is_kind(d, Kind::Property) || self.is_user_data_descr(d) {
                return self.descr_value(d, obj, t).map(Some);
            }
        }
        if let Some(o) = obj.obj() {
            match kind_of(o) {
                Kind::Instance => {
                    if let Some(v) = self.inst_get(o, name) {
                        return Ok(Some(v));
                    }
                }
                Kind::Module => {
                    let dict = Vm::get(o, 1);
                    if let Some(v) = self.dict_get_str(dict, name) {
                        return Ok(Some(v));
                    }
                }
                Kind::Function => {
                    if let Some(v) = self.func_attr(o, name) {
                        return Ok(Some(v));
                    }
                }
                Kind::List
                | Kind::Dict
                | Kind::Set
                | Kind::Exception
                | Kind::Str
                | Kind::BigInt
                | Kind::FloatSub
                | Kind::Tuple
                | Kind::Deque => {
                    let slot_i = match kind_of(o) {
                        Kind::List => L_ATTRS,
                        Kind::Tuple => TUP_ATTRS_SLOT,
                        Kind::Deque => crate::object::deque::DQ_ATTRS,
                        Kind::Exception => EX_ATTRS,
                        Kind::Str => STR_ATTRS_SLOT,
                        Kind::BigInt => BIG_ATTRS_SLOT,
                        Kind::FloatSub => FLOATSUB_ATTRS,
                        _ => crate::object::dict::D_ATTRS,
                    };
                    let a = Vm::get(o, slot_i);
                    // (an exact str keeps its char index there: not a dict)
                    if Vm::is_kind(a, Kind::Dict) {
                        if let Some(v) = self.dict_get_str(a, name) {
                            return Ok(Some(v));
                        }
                    }
                }
                _ => {}
            }
        }
        if let Some(v) = self.special_attr(obj, name)? {
            return Ok(Some(v));
        }
        match d {
            Some(d) => self.descr_value(d, obj, t).map(Some),
            None => Ok(None),
        }
    }

    fn type_getattr(&mut self, t: Value, name: Value) -> PyResult<Option<Value>> {
        // data descriptors of the metatype win over the class's own dict
        // (an enum member or class attribute named `__name__`)
        if matches!(
            Vm::as_str(name),
            "__name__" | "__qualname__" | "__mro__" | "__bases__" | "__base__"
        ) {
            if let Some(v) = self.special_attr(t, name)? {
                return Ok(Some(v));
            }
        }
        if let Some(d) = self.type_lookup(t, name) {
            return match Vm::kind(d) {
                Some(Kind::ClassMethod) => {
                    let f = Vm::get(d.obj().expect("cm"), 1);
                    Ok(Some(self.new_method(f, t)))
                }
                Some(Kind::StaticMethod) => Ok(Some(Vm::get(d.obj().expect("sm"), 1))),
                Some(Kind::Instance) => {
                    let dt = self.type_of(d);
                    match self.type_lookup_n(dt, N::Get) {
                        Some(g) => self
                            .call_with_self(g, d, &[Value::NONE, t], Value::NULL)
                            .map(Some),
                        None => Ok(Some(d)),
                    }
                }
                _ => Ok(Some(d)),
            };
        }
        if let Some(v) = self.special_attr(t, name)? {
            return Ok(Some(v));
        }
        // metaclass attributes (e.g. methods defined on a metaclass, `mro`)
        let meta = self.type_of(t);
        if meta != self.ty(T::Type) {
            if let Some(d) = self.type_lookup(meta, name) {
                return self.descr_value(d, t, meta).map(Some);
            }
        }
        if let Some(d) = self.type_lookup(self.ty(T::Type), name) {
            return self.descr_value(d, t, meta).map(Some);
        }
        Ok(None)
    }

    /// `obj.name = v`.
    pub fn setattr(&mut self, obj: Value, name: Value, v: Value) -> PyResult<()> {
        let t = self.type_of(obj);
        if Vm::is_type(obj) {
            return self.type_setattr(obj, name, v);
        }
        if let Some(d) = self.type_lookup(t, name) {
            if Vm::is_kind(d, Kind::Property) {
                let s = Vm::get(d.obj().expect("p"), 2);
                if s.is_none() || s.is_null() {
                    let msg = format!(
                        "property '{}' of '{}' object has no setter",
                        Vm::as_str(name),
                        self.type_name_of(obj)
                    );
                    return Err(self.raise_msg(T::AttributeError, &msg));
                }
                self.call0(s, &[obj, v])?;
                return Ok(());
            }
            if self.is_user_data_descr(d) {
                let dt = self.type_of(d);
                let sf = self.type_lookup_n(dt, N::Set).expect("set");
                self.call_with_self(sf, d, &[obj, v], Value::NULL)?;
                return Ok(());
            }
        }
        if Vm::type_flags(t) & F_SETATTR != 0 {
            if let Some(sa) = self.type_lookup_n(t, N::SetAttr) {
                if Vm::is_kind(sa, Kind::Function) {
                    self.call_with_self(sa, obj, &[name, v], Value::NULL)?;
                    return Ok(());
                }
            }
        }
        self.generic_setattr(obj, name, v)
    }

    /// `object.__setattr__` semantics.
    pub fn generic_setattr(&mut self, obj: Value, name: Value, v: Value) -> PyResult<()> {
        if crate::builtins::extra_attrs::extra_setattr(self, obj, name, v)? {
            return Ok(());
        }
        if let Some(o) = obj.obj() {
            match kind_of(o) {
                Kind::Instance => {
                    let t = Value(o.word(TYPE_OFF));
                    if crate::modules::lang_py::slot_refuses(self, t, name) {
                        return Err(self.attr_error(obj, name));
                    }
                    self.inst_set(o, name, v);
                    return Ok(());
                }
                Kind::Module => {
                    let d = Vm::get(o, 1);
                    self.dict_set_str(d, name, v);
                    return Ok(());
                }
                Kind::Function => {
                    let s = Vm::as_str(name).to_string();
                    if !self.func_setattr(o, &s, v)? {
                        let mut d = Vm::get(o, FN_DICT);
                        if !d.is_ref() {
                            d = self.new_dict();
                            let o = obj.obj().expect("f");
                            self.set(o, FN_DICT, d);
                        }
                        self.dict_set_str(d, name, v);
                    }
                    return Ok(());
                }
                Kind::List
                | Kind::Dict
                | Kind::Set
                | Kind::Exception
                | Kind::Str
                | Kind::BigInt
                | Kind::FloatSub
                | Kind::Tuple
                | Kind::Deque => {
                    let si = match kind_of(o) {
                        Kind::List => L_ATTRS,
                        Kind::Tuple => TUP_ATTRS_SLOT,
                        Kind::Deque => crate::object::deque::DQ_ATTRS,
                        Kind::Exception => EX_ATTRS,
                        Kind::Str => STR_ATTRS_SLOT,
                        Kind::BigInt => BIG_ATTRS_SLOT,
                        Kind::FloatSub => FLOATSUB_ATTRS,
                        _ => crate::object::dict::D_ATTRS,
                    };
                    if kind_of(o) == Kind::Exception {
                        match Vm::as_str(name) {
                            "__cause__" => {
                                self.set(o, EX_CAUSE, v);
                                self.set(o, EX_SUPPRESS, Value::TRUE);
                                return Ok(());
                            }
                            "__context__" => {
                                self.set(o, EX_CONTEXT, v);
                                return Ok(());
                            }
                            "__traceback__" => {
                                self.set(o, EX_TB, v);
                                return Ok(());
                            }
                            "args" => {
                                let t = self.collect(v)?;
                                let t = self.new_tuple(&t);
                                let o = obj.obj().expect("e");
                                self.set(o, EX_ARGS, t);
                                return Ok(());
                            }
                            _ => {}
                        }
                    }
                    let t = self.type_of(obj);
                    if crate::modules::lang_py::slot_refuses(self, t, name) {
                        return Err(self.attr_error(obj, name));
                    }
                    if Vm::type_flags(t) & F_HEAP != 0 || kind_of(o) == Kind::Exception {
                        let mut d = Vm::get(o, si);
                        if !d.is_ref() {
                            d = self.new_dict();
                            let o = obj.obj().expect("o");
                            self.set(o, si, d);
                        }
                        self.dict_set_str(d, name, v);
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        let msg = format!(
            "'{}' object has no attribute '{}'",
            self.type_name_of(obj),
            Vm::as_str(name)
        );
        Err(self.raise_msg(T::AttributeError, &msg))
    }

    /// `del obj.name`.
    pub fn delattr(&mut self, obj: Value, name: Value) -> PyResult<()> {
        if crate::builtins::extra_attrs::descr_delete(self, obj, name)? {
            return Ok(());
        }
        if let Some(o) = obj.obj() {
            match kind_of(o) {
                Kind::Instance if self.inst_del(o, name) => {
                    return Ok(());
                }
                Kind::Type => {
                    let d = Vm::tyf(obj, TY_DICT);
                    self.epoch += 1;
                    if self.dict_del(d, name)?.is_some() {
                        return Ok(());
                    }
                }
                Kind::Module => {
                    let d = Vm::get(o, 1);
                    if self.dict_del(d, name)?.is_some() {
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        Err(self.attr_error(obj, name))
    }
}
