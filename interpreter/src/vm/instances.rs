//! Creating functions and instances: `make_function`, calling a type
//! (`__new__` + `__init__`), the inline instance fast path, `with` entry.

use super::call::*;
use super::{PyResult, Vm, R_BUILTINS};
use crate::object::layout::*;
use crate::object::types::*;
use crate::object::value::Value;
use crate::object::{N, T};
use crate::vm::rooted::Rooted;
use gc_api::ObjRef;

impl Vm {
    /// A new function object.
    pub fn make_function(
        &mut self,
        code: Value,
        globals: Value,
        defs: Value,
        kwd: Value,
        closure: Value,
    ) -> Value {
        let info = self.code_info(code);
        let name = self.intern(&info.name);
        let qual = self.new_str(&info.qualname);
        let modname = self.intern("__name__");
        let module = self.dict_get_str(globals, modname).unwrap_or(Value::NONE);
        let ty = self.ty(T::Function);
        let f = self.alloc_rec(Kind::Function, ty);
        Vm::init(f, FN_CODE, code);
        Vm::init(f, FN_GLOBALS, globals);
        Vm::init(f, FN_DEFAULTS, defs);
        Vm::init(f, FN_KWDEFAULTS, kwd);
        Vm::init(f, FN_CLOSURE, closure);
        Vm::init(f, FN_NAME, name);
        Vm::init(f, FN_QUALNAME, qual);
        Vm::init(f, FN_MODULE, module);
        Vm::init(f, FN_DOC, Value::NONE);
        if let Some(d) = &info.doc {
            let fv = Value::from_obj(f);
            let h = self.push_root(fv);
            let s = self.new_str(d);
            let f = self.root(h).obj().expect("f");
            self.pop_roots(h);
            self.set(f, FN_DOC, s);
            return Value::from_obj(f);
        }
        Value::from_obj(f)
    }

    /// A builtin from the builtins module by name.
    pub fn builtin_value(&mut self, name: &str) -> Value {
        let n = self.intern(name);
        self.dict_get_str(self.root(R_BUILTINS), n)
            .unwrap_or(Value::NONE)
    }

    /// Class instantiation fast path: a plain class whose `__init__` is a
    /// Python function and whose `__new__` is `object.__new__`. Returns the
    /// `__init__` frame (flagged to return the instance).
    pub fn fast_new_instance(
        &mut self,
        t: Value,
        args: &[Value],
        kwnames: Value,
    ) -> PyResult<Option<ObjRef>> {
        if !Vm::is_type(t) || Vm::type_kind(t) != Kind::Instance || Vm::type_flags(t) & F_HEAP == 0
        {
            return Ok(None);
        }
        let meta = self.type_of(t);
        if meta != self.ty(T::Type) {
            let tc = self.type_lookup_n(self.ty(T::Type), N::Call);
            if self.type_lookup_n(meta, N::Call) != tc {
                return Ok(None);
            }
        }
        let init = self.type_lookup_n(t, N::Init);
        let Some(init) = init else { return Ok(None) };
        if !Vm::is_kind(init, Kind::Function) {
            return Ok(None);
        }
        // only `object.__new__` (str.__new__, int.__new__, ... of a builtin
        // base build their own objects)
        let newf = self.type_lookup_n(t, N::New);
        if let Some(nf) = newf {
            let on = self.type_lookup_n(self.ty(T::Object), N::New);
            if !Vm::is_kind(nf, Kind::Builtin) || Some(nf) != on {
                return Ok(None);
            }
        }
        self.check_abstract(t)?;
        let inst = self.new_instance(t);
        let f = self.frame_for_call(init, inst, args, kwnames)?;
        f.set_word(crate::object::layout::FRAME_FLAGS, FF_INIT);
        Ok(Some(f))
    }

    /// `t(*args)` from Rust.
    pub fn call_type(&mut self, t: Value, args: &[Value], kwnames: Value) -> PyResult {
        if t == self.ty(T::Type) {
            let nkw = if kwnames.is_null() {
                0
            } else {
                Vm::tuple_len(kwnames)
            };
            match args.len() - nkw {
                1 if nkw == 0 => return Ok(self.type_of(args[0])),
                1 => {
                    let m = "type() takes no keyword arguments";
                    return Err(self.raise_msg(T::TypeError, m));
                }
                3 => {}
                _ => return Err(self.raise_msg(T::TypeError, "type() takes 1 or 3 arguments")),
            }
        }
        let newf = self.type_lookup_n(t, N::New);
        self.scope(|vm, s| {
            let ht = s.root_value(vm, t);
            let hargs: Vec<Rooted> = args.iter().map(|a| s.root_value(vm, *a)).collect();
            let hkw = s.root_value(vm, kwnames);
            let obj = match newf {
                Some(nf) => {
                    let nf = if Vm::is_kind(nf, Kind::StaticMethod) {
                        Vm::get(nf.obj().expect("sm"), 1)
                    } else {
                        nf
                    };
                    let mut v = Vec::with_capacity(args.len() + 1);
                    v.push(t);
                    v.extend_from_slice(args);
                    vm.call(nf, &v, kwnames)
                }
                None => vm.check_abstract(t).map(|_| vm.new_instance(t)),
            };
            let obj = obj?;
            let t = ht.get(vm).value();
            if !vm.isinstance(obj, t) {
                return Ok(obj);
            }
            let hobj = s.root_value(vm, obj);
            let init = vm.type_lookup_n(t, N::Init);
            if init.is_some() && vm.object_init_is_noop(init, newf, args.len(), kwnames) {
                return Ok(hobj.get(vm).value());
            }
            if let Some(init) = init {
                let args: Vec<Value> = hargs.iter().map(|h| h.get(vm).value()).collect();
                let kw = hkw.get(vm).value();
                let r = vm.call_with_self(init, obj, &args, kw);
                match r {
                    Ok(v) if !v.is_none() => {
                        let msg = format!(
                            "__init__() should return None, not '{}'",
                            vm.type_name_of(v)
                        );
                        return Err(vm.raise_msg(T::TypeError, &msg));
                    }
                    Ok(_) => {}
                    Err(e) => return Err(e),
                }
            }
            let obj = hobj.get(vm).value();
            Ok(obj)
        })
    }

    /// Would calling `init` (the type's `__init__`) do nothing? True when it
    /// is `object.__init__` and CPython's `object_init` would not complain:
    /// no arguments, or `__new__` overridden (`newf` not `object.__new__`).
    fn object_init_is_noop(
        &self,
        init: Option<Value>,
        newf: Option<Value>,
        nargs: usize,
        kw: Value,
    ) -> bool {
        if init.is_none_or(|f| Vm::is_kind(f, Kind::Function)) {
            return false; // a Python __init__ (the common case): no lookup
        }
        let obj = self.ty(T::Object);
        if init != self.type_lookup_n(obj, N::Init) {
            return false;
        }
        let no_args = nargs == 0 && (kw.is_null() || Vm::tuple_len(kw) == 0);
        no_args || newf.is_some_and(|nf| Some(nf) != self.type_lookup_n(obj, N::New))
    }

    /// `with mgr:` entry: (bound __exit__, __enter__ result).
    pub fn before_with(&mut self, mgr: Value) -> PyResult<(Value, Value)> {
        let exit_n = self.name(N::Exit);
        let enter_n = self.name(N::Enter);
        self.scope(|vm, s| {
            let h = s.root_value(vm, mgr);
            let exit = vm.getattr(mgr, exit_n)?;
            let he = s.root_value(vm, exit);
            let mgr = h.get(vm).value();
            let r = vm.getattr(mgr, enter_n).and_then(|en| vm.call0(en, &[]));
            let exit = he.get(vm).value();
            Ok((exit, r?))
        })
    }

    /// The `__name__` of a module.
    pub fn module_name(&mut self, m: Value) -> String {
        let d = Vm::get(m.obj().expect("m"), 1);
        let n = self.name(N::Name);
        match self.dict_get_str(d, n) {
            Some(v) if Vm::is_str(v) => Vm::as_str(v).to_string(),
            _ => "?".into(),
        }
    }
}
