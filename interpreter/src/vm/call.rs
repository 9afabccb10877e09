//! Frames, argument binding and calls from Rust.

use super::method_desc::CurNative;
use super::{Native, PyResult, Vm, R_FRAME};
use crate::compile::bytecode::*;
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::{N, T};
use gc_api::ObjRef;
use std::rc::Rc;

/// Function slots.
pub const FN_CODE: usize = 1;
pub const FN_GLOBALS: usize = 2;
pub const FN_DEFAULTS: usize = 3;
pub const FN_KWDEFAULTS: usize = 4;
pub const FN_CLOSURE: usize = 5;
pub const FN_NAME: usize = 6;
pub const FN_QUALNAME: usize = 7;
pub const FN_DICT: usize = 8;
pub const FN_MODULE: usize = 9;
pub const FN_DOC: usize = 10;
/// Code slots.
pub const CO_INFO: usize = 1;
pub const CO_CONSTS: usize = 2;
pub const CO_NAMES: usize = 3;
pub const CO_VARNAMES: usize = 4;
pub const CO_CACHE: usize = 5;
/// Builtin slots.
pub const BI_INDEX: usize = 1;
pub const BI_SELF: usize = 2;
pub const BI_NAME: usize = 3;
/// Method slots.
pub const ME_FUNC: usize = 1;
pub const ME_SELF: usize = 2;

/// Frame flags.
pub const FF_ENTRY: usize = 1;
pub const FF_INIT: usize = 2;

impl Vm {
    /// The CodeInfo of a code object.
    #[inline(always)]
    pub fn code_info(&self, code: Value) -> Rc<CodeInfo> {
        let i = Vm::get(code.obj().expect("code"), CO_INFO).as_int() as usize;
        self.codes[i].clone()
    }
    /// Allocates a frame for `func` (a Function) with its cells/free vars set.
    pub fn new_frame(
        &mut self,
        code: Value,
        globals: Value,
        func: Value,
        info: &CodeInfo,
    ) -> ObjRef {
        let n = info.frame_size();
        let f = self.alloc_var(Kind::Frame, self.ty(T::Frame), n);
        f.set_word(FRAME_CODE, code.0);
        f.set_word(FRAME_GLOBALS, globals.0);
        f.set_word(FRAME_FUNC, func.0);
        f.set_word(FRAME_PC, 0);
        f.set_word(FRAME_SP, info.stack_base());
        f.set_word(FRAME_FLAGS, 0);
        f
    }
    /// Frame item access.
    #[inline(always)]
    pub fn fget(f: ObjRef, i: usize) -> Value {
        Value(f.word(FRAME_ITEMS + 8 * i))
    }
    /// Frame item store (barrier).
    #[inline(always)]
    pub fn fset(&mut self, f: ObjRef, i: usize, v: Value) {
        self.m.write_item(f, i, FRAME_ITEMS + 8 * i, v.0);
    }
    /// A new cell.
    pub fn new_cell(&mut self, v: Value) -> Value {
        let ty = self.ty(T::Cell);
        let c = self.alloc_rec(Kind::Cell, ty);
        Vm::init(c, 1, v);
        Value::from_obj(c)
    }

    /// Sets up cells and free variables after the arguments are bound.
    fn init_cells(&mut self, f: ObjRef, func: Value, info: &CodeInfo) {
        let nl = info.nlocals as usize;
        for (i, src) in info.cell2arg.iter().enumerate() {
            let v = match src {
                Some(a) => Vm::fget(f, *a as usize),
                None => Value::NULL,
            };
            let c = self.new_cell(v);
            self.fset(f, nl + i, c);
        }
        if !info.freevars.is_empty() {
            let clo = Vm::get(func.obj().expect("func"), FN_CLOSURE);
            let nc = info.cellvars.len();
            for i in 0..info.freevars.len() {
                let c = Vm::tuple_get(clo, i);
                self.fset(f, nl + nc + i, c);
            }
        }
    }

    /// Builds a frame for calling Python function `func` with `args`
    /// (positional then keyword values named by `kwnames`). No calls.
    pub fn frame_for_call(
        &mut self,
        func: Value,
        selfv: Value,
        args: &[Value],
        kwnames: Value,
    ) -> PyResult<ObjRef> {
        let fo = func.obj().expect("func");
        let code = Vm::get(fo, FN_CODE);
        let info = self.code_info(code);
        let globals = Vm::get(fo, FN_GLOBALS);
        let f = self.new_frame(code, globals, func, &info);
        let nkw = if kwnames.is_null() {
            0
        } else {
            Vm::tuple_len(kwnames)
        };
        let has_self = !selfv.is_null();
        let npos = args.len() - nkw + has_self as usize;
        let simple = nkw == 0 && info.flags & (CO_VARARGS | CO_VARKW) == 0 && info.kwonly == 0;
        if simple && npos == info.argcount as usize {
            let mut k = 0;
            if has_self {
                f.set_word(FRAME_ITEMS, selfv.0);
                k = 1;
            }
            for (i, a) in args.iter().enumerate() {
                f.set_word(FRAME_ITEMS + 8 * (i + k), a.0);
            }
        } else {
            self.bind_general(f, fo, &info, selfv, args, kwnames)?;
        }
        if !info.cellvars.is_empty() || !info.freevars.is_empty() {
            self.init_cells(f, func, &info);
        }
        Ok(f)
    }

    fn bind_general(
        &mut self,
        f: ObjRef,
        fo: ObjRef,
        info: &CodeInfo,
        selfv: Value,
        args: &[Value],
        kwnames: Value,
    ) -> PyResult<()> {
        let nkw = if kwnames.is_null() {
            0
        } else {
            Vm::tuple_len(kwnames)
        };
        let mut pos: Vec<Value> = Vec::with_capacity(args.len() + 1);
        if !selfv.is_null() {
            pos.push(selfv);
        }
        pos.extend_from_slice(&args[..args.len() - nkw]);
        let argc = info.argcount as usize;
        let kwonly = info.kwonly as usize;
        let fname = info.qualname.clone();
        let mut slots: Vec<Value> = vec![Value::NULL; argc + kwonly];
        let mut idx = argc + kwonly;
        for (i, v) in pos.iter().enumerate().take(argc) {
            slots[i] = *v;
        }
        let varargs_idx = if info.flags & CO_VARARGS != 0 {
            let i = idx;
            idx += 1;
            Some(i)
        } else {
            None
        };
        let varkw_idx = if info.flags & CO_VARKW != 0 {
            Some(idx)
        } else {
            None
        };
        if pos.len() > argc {
            match varargs_idx {
                Some(vi) => {
                    let t = self.new_tuple(&pos[argc..]);
                    f.set_word(FRAME_ITEMS + 8 * vi, t.0);
                }
                None => {
                    let ndef = Vm::get(fo, FN_DEFAULTS);
                    let nd = if ndef.is_ref() {
                        Vm::tuple_len(ndef)
                    } else {
                        0
                    };
                    let takes = if nd > 0 {
                        format!("from {} to {} positional arguments", argc - nd, argc)
                    } else {
                        format!(
                            "{} positional argument{}",
                            argc,
                            if argc == 1 { "" } else { "s" }
                        )
                    };
                    let msg = format!(
                        "{}() takes {} but {} {} given",
                        fname,
                        takes,
                        pos.len(),
                        if pos.len() == 1 { "was" } else { "were" }
                    );
                    return Err(self.raise_msg(T::TypeError, &msg));
                }
            }
        } else if let Some(vi) = varargs_idx {
            let t = self.new_tuple(&[]);
            f.set_word(FRAME_ITEMS + 8 * vi, t.0);
        }
        let mut kwdict = Value::NULL;
        if let Some(ki) = varkw_idx {
            kwdict = self.new_dict();
            f.set_word(FRAME_ITEMS + 8 * ki, kwdict.0);
        }
        if nkw > 0 {
            let varnames = Vm::get(Vm::get(fo, FN_CODE).obj().expect("code"), CO_VARNAMES);
            let posonly = info.posonly as usize;
            for k in 0..nkw {
                let name = Vm::tuple_get(kwnames, k);
                let val = args[args.len() - nkw + k];
                let mut found = None;
                for i in posonly..argc + kwonly {
                    let vn = Vm::tuple_get(varnames, i);
                    if vn == name || Vm::str_eq(vn, name) {
                        found = Some(i);
                        break;
                    }
                }
                match found {
                    Some(i) => {
                        if !slots[i].is_null() {
                            let msg = format!(
                                "{}() got multiple values for argument '{}'",
                                fname,
                                Vm::as_str(name)
                            );
                            return Err(self.raise_msg(T::TypeError, &msg));
                        }
                        slots[i] = val;
                    }
                    None => {
                        if kwdict.is_null() {
                            let msg = format!(
                                "{}() got an unexpected keyword argument '{}'",
                                fname,
                                Vm::as_str(name)
                            );
                            return Err(self.raise_msg(T::TypeError, &msg));
                        }
                        self.dict_set_str(kwdict, name, val);
                    }
                }
            }
        }
        // defaults
        let defs = Vm::get(fo, FN_DEFAULTS);
        let nd = if defs.is_ref() {
            Vm::tuple_len(defs)
        } else {
            0
        };
        let mut missing = vec![];
        for (i, slot) in slots.iter_mut().enumerate().take(argc) {
            if slot.is_null() {
                if i + nd >= argc {
                    *slot = Vm::tuple_get(defs, i + nd - argc);
                } else {
                    missing.push(info.varnames[i].clone());
                }
            }
        }
        if !missing.is_empty() {
            let names: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
            let list = if names.len() == 1 {
                names[0].clone()
            } else {
                format!(
                    "{} and {}",
                    names[..names.len() - 1].join(", "),
                    names[names.len() - 1]
                )
            };
            let msg = format!(
                "{}() missing {} required positional argument{}: {}",
                fname,
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                list
            );
            return Err(self.raise_msg(T::TypeError, &msg));
        }
        let kwd = Vm::get(fo, FN_KWDEFAULTS);
        for (i, slot) in slots.iter_mut().enumerate().skip(argc) {
            if slot.is_null() {
                let name = &info.varnames[i];
                let mut v = None;
                if kwd.is_ref() {
                    let mut pos = 0;
                    while let Some((k, val)) = Vm::dict_next(kwd, &mut pos) {
                        if Vm::as_str(k) == name {
                            v = Some(val);
                        }
                    }
                }
                match v {
                    Some(v) => *slot = v,
                    None => {
                        let msg = format!(
                            "{}() missing 1 required keyword-only argument: '{}'",
                            fname, name
                        );
                        return Err(self.raise_msg(T::TypeError, &msg));
                    }
                }
            }
        }
        for (i, v) in slots.iter().enumerate() {
            f.set_word(FRAME_ITEMS + 8 * i, v.0);
        }
        Ok(())
    }

    /// Runs a builtin; a panic inside it (a builtin reading an argument
    /// it was not given, a stale index) becomes a Python exception instead
    /// of ending the process: TypeError for a missing argument, SystemError
    /// otherwise. Roots and the recursion depth are restored.
    fn call_builtin_guarded(
        &mut self,
        f: Native,
        idx: usize,
        selfv: Value,
        args: &[Value],
        kwnames: Value,
    ) -> PyResult {
        let nkw = if kwnames.is_null() {
            0
        } else {
            Vm::tuple_len(kwnames)
        };
        if selfv.is_null() {
            if let Some(t) = self.builtins_tab[idx].owner {
                let recv = args.first().copied().unwrap_or(Value::NULL);
                if args.len() == nkw || !Vm::is_subtype(self.type_of(recv), self.ty(t)) {
                    self.check_receiver(t, idx, args.len() - nkw, recv)?;
                }
            }
        }
        let has_self = usize::from(!selfv.is_null());
        let cur = CurNative {
            idx,
            total: args.len() + has_self,
            npos: args.len() - nkw + has_self,
        };
        let prev = std::mem::replace(&mut self.cur_native, cur);
        let (roots, depth) = (self.root_depth(), self.depth);
        let hf = self.push_root(self.root(R_FRAME));
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match f {
            Native::Rooted(f) => self.call_native(f, selfv, args, kwnames),
        }));
        self.cur_native = prev;
        match r {
            Ok(r) => {
                self.pop_roots(roots);
                r
            }
            Err(p) => {
                let fr = self.root(hf);
                self.set_root(R_FRAME, fr);
                self.pop_roots(roots);
                self.depth = depth;
                let msg = p
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| p.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                let name = self.builtins_tab[idx].name;
                let nk = nkw;
                let given = args.len() + usize::from(!selfv.is_null());
                let prefix = format!("the len is {given} but the index is");
                if msg.contains(&prefix) {
                    let m = format!("{name}() missing required argument ({} given)", given - nk);
                    return Err(self.raise_msg(T::TypeError, &m));
                }
                Err(self.raise_msg(T::SystemError, &format!("{name}: {msg}")))
            }
        }
    }

    /// Calls any callable from Rust. `args` are positional values followed by
    /// keyword values named by `kwnames` (NULL for none). May run Python code:
    /// the caller must not hold unrooted objects across this call.
    pub fn call(&mut self, callable: Value, args: &[Value], kwnames: Value) -> PyResult {
        let Some(o) = callable.obj() else {
            return Err(self.not_callable(callable));
        };
        match kind_of(o) {
            Kind::Function => self.call_function(callable, Value::NULL, args, kwnames),
            Kind::Builtin => {
                let idx = Vm::get(o, BI_INDEX).as_int() as usize;
                let selfv = Vm::get(o, BI_SELF);
                let f = self.builtins_tab[idx].f;
                self.call_builtin_guarded(f, idx, selfv, args, kwnames)
            }
            Kind::Method => {
                let func = Vm::get(o, ME_FUNC);
                let selfv = Vm::get(o, ME_SELF);
                if Vm::is_kind(func, Kind::Function) {
                    self.call_function(func, selfv, args, kwnames)
                } else {
                    let mut v = Vec::with_capacity(args.len() + 1);
                    v.push(selfv);
                    v.extend_from_slice(args);
                    self.call(func, &v, kwnames)
                }
            }
            Kind::Type => {
                // a metaclass __call__ written in Python (enum, TypedDict, ...)
                let meta = Value(o.word(crate::object::layout::TYPE_OFF));
                if meta != self.ty(T::Type) {
                    if let Some(c) = self.type_lookup_n(meta, N::Call) {
                        if Vm::is_kind(c, Kind::Function) {
                            return self.call_function(c, callable, args, kwnames);
                        }
                        if !Vm::is_kind(c, Kind::Builtin) {
                            // any other callable (`__call__ = dict`), bound
                            // through the descriptor protocol
                            let (f, s) = self.bind_descr(c, callable, meta)?;
                            return self.call_with_self(f, s, args, kwnames);
                        }
                    }
                }
                self.call_type(callable, args, kwnames)
            }
            _ => {
                let t = self.type_of(callable);
                match self.type_lookup_n(t, N::Call) {
                    Some(c) => {
                        // `__call__` may itself be a callable instance
                        // (`A.__call__ = A()`): bounded like Python calls
                        if self.depth >= self.rec_limit {
                            let m =
                                "maximum recursion depth exceeded while calling a Python object";
                            return Err(self.raise_msg(T::RecursionError, m));
                        }
                        let mut v = Vec::with_capacity(args.len() + 1);
                        v.push(callable);
                        v.extend_from_slice(args);
                        self.depth += 1;
                        let r = self.call(c, &v, kwnames);
                        self.depth -= 1;
                        r
                    }
                    None => Err(self.not_callable(callable)),
                }
            }
        }
    }

    /// Calls with a receiver (`self` may be NULL).
    pub fn call_with_self(
        &mut self,
        f: Value,
        selfv: Value,
        args: &[Value],
        kwnames: Value,
    ) -> PyResult {
        if selfv.is_null() {
            return self.call(f, args, kwnames);
        }
        if Vm::is_kind(f, Kind::Function) {
            return self.call_function(f, selfv, args, kwnames);
        }
        if let Some(o) = f.obj().filter(|_| Vm::is_kind(f, Kind::Builtin)) {
            let idx = Vm::get(o, BI_INDEX).as_int() as usize;
            if Vm::get(o, BI_SELF).is_null() {
                // an unbound native method called with its receiver: no copy
                let nf = self.builtins_tab[idx].f;
                return self.call_builtin_guarded(nf, idx, selfv, args, kwnames);
            }
        }
        let mut v = Vec::with_capacity(args.len() + 1);
        v.push(selfv);
        v.extend_from_slice(args);
        self.call(f, &v, kwnames)
    }

    fn not_callable(&mut self, v: Value) -> super::Exc {
        let msg = format!("'{}' object is not callable", self.type_name_of(v));
        self.raise_msg(T::TypeError, &msg)
    }

    /// Calls a Python function from Rust (nested dispatch loop).
    pub fn call_function(
        &mut self,
        func: Value,
        selfv: Value,
        args: &[Value],
        kwnames: Value,
    ) -> PyResult {
        let f = self.frame_for_call(func, selfv, args, kwnames)?;
        let code = Value(f.word(FRAME_CODE));
        let flags = self.code_info(code).flags;
        if flags & (CO_GENERATOR | CO_COROUTINE) != 0 {
            return Ok(self.new_generator(f, func, flags));
        }
        match self.run_frame(f, false)? {
            super::interp::Outcome::Return(v) => Ok(v),
            super::interp::Outcome::Yield(v) => Ok(v),
        }
    }

    /// The current frame.
    pub fn cur_frame(&self) -> Value {
        self.root(R_FRAME)
    }

    /// Calls `callable(*args)` with no keywords.
    pub fn call0(&mut self, callable: Value, args: &[Value]) -> PyResult {
        self.call(callable, args, Value::NULL)
    }

    /// Calls method `name` of `obj` if the type defines it.
    pub fn call_method_n(&mut self, obj: Value, n: N, args: &[Value]) -> PyResult<Option<Value>> {
        let t = self.type_of(obj);
        match self.type_lookup_n(t, n) {
            Some(m) => {
                let m = self.bind_descr(m, obj, t)?;
                Ok(Some(self.call_with_self(m.0, m.1, args, Value::NULL)?))
            }
            None => Ok(None),
        }
    }
}
