//! Exceptions: raising, matching, tracebacks and their printing.

use super::{Exc, PyResult, Vm, R_EXC, R_HANDLED};
use crate::object::layout::*;
use crate::object::types::TY_KIND;
use crate::object::value::Value;
use crate::object::T;

pub const EX_ARGS: usize = 1;
pub const EX_TB: usize = 2;
pub const EX_CAUSE: usize = 3;
pub const EX_CONTEXT: usize = 4;
pub const EX_ATTRS: usize = 5;
pub const EX_VALUE: usize = 6;
pub const EX_SUPPRESS: usize = 7;
pub const TB_NEXT: usize = 1;
pub const TB_CODE: usize = 2;
pub const TB_LINE: usize = 3;
pub const TB_FRAME: usize = 4;

impl Vm {
    /// A new exception instance of type `t` with `args`.
    pub fn new_exc(&mut self, t: Value, args: &[Value]) -> Value {
        let a = self.new_tuple(args);
        let e = self.alloc_rec(Kind::Exception, t);
        Vm::init(e, EX_ARGS, a);
        Vm::init(e, EX_TB, Value::NONE);
        Vm::init(e, EX_CAUSE, Value::NONE);
        Vm::init(e, EX_CONTEXT, Value::NONE);
        Vm::init(e, EX_SUPPRESS, Value::FALSE);
        if args.len() == 1 {
            Vm::init(e, EX_VALUE, args[0]);
        } else {
            Vm::init(e, EX_VALUE, Value::NONE);
        }
        Value::from_obj(e)
    }
    /// Is `v` an exception instance?
    pub fn is_exc(&self, v: Value) -> bool {
        Vm::is_kind(v, Kind::Exception)
    }
    pub(crate) fn set_current(&mut self, e: Value) {
        let h = self.root(R_HANDLED);
        if h.is_ref() && h != e {
            if let Some(o) = e.obj() {
                if Vm::get(o, EX_CONTEXT).is_none() {
                    self.set(o, EX_CONTEXT, h);
                }
            }
        }
        self.set_root(R_EXC, e);
    }
    /// Raises `t(msg)`.
    pub fn raise_msg(&mut self, t: T, msg: &str) -> Exc {
        let m = self.new_str(msg);
        let ty = self.ty(t);
        let e = self.new_exc(ty, &[m]);
        self.set_current(e);
        Exc
    }
    /// Raises `t(errno, strerror[, filename])` with the attributes
    /// `OSError.__init__` (lang_exc.py) gives Python-raised ones; the class
    /// comes from the errno like CPython's (`OSError(2, ..)` is a
    /// FileNotFoundError) when `t` is OSError itself.
    pub fn raise_os_error(&mut self, t: T, errno: i64, strerror: &str, path: Option<&str>) -> Exc {
        let ty = if t == T::OSError {
            self.os_error_class(errno)
        } else {
            self.ty(t)
        };
        let h = self.push_root(ty);
        let s = self.new_str(strerror);
        let hs = self.push_root(s);
        let args = [Value::int(errno), self.root(hs)];
        let ty = self.root(h);
        let e = self.new_exc(ty, &args);
        let he = self.push_root(e);
        self.set_str_attr(e, "errno", Value::int(errno));
        let s = self.root(hs);
        self.set_str_attr(self.root(he), "strerror", s);
        if let Some(p) = path {
            let p = self.new_str(p);
            self.set_str_attr(self.root(he), "filename", p);
        }
        let e = self.root(he);
        self.pop_roots(h);
        self.set_current(e);
        Exc
    }
    /// Raises `t(msg)` with `name` set, like CPython's import machinery.
    pub fn raise_import_error(&mut self, t: T, msg: &str, name: &str) -> Exc {
        let m = self.new_str(msg);
        let ty = self.ty(t);
        let e = self.new_exc(ty, &[m]);
        let he = self.push_root(e);
        let n = self.new_str(name);
        self.set_str_attr(self.root(he), "name", n);
        let m = self.new_str(msg);
        self.set_str_attr(self.root(he), "msg", m);
        let e = self.root(he);
        self.pop_roots(he);
        self.set_current(e);
        Exc
    }
    /// The OSError subclass for `errno` (`_errno_classes` of lang_exc.py).
    fn os_error_class(&mut self, errno: i64) -> Value {
        let base = self.ty(T::OSError);
        let mods = self.root(super::R_MODULES);
        let k = self.intern("_pygc_lang");
        let Some(m) = self.dict_get_str(mods, k) else {
            return base;
        };
        let k = self.intern("_errno_classes");
        let Some(d) = self.dict_get_str(Vm::module_dict(m), k) else {
            return base;
        };
        if !Vm::is_kind(d, Kind::Dict) {
            return base;
        }
        // an int key: no Python code runs
        match self.dict_get(d, Value::int(errno)) {
            Ok(Some(c)) => c,
            _ => base,
        }
    }
    /// Raises an exception of type value `t` with args.
    pub fn raise_type_args(&mut self, t: Value, args: &[Value]) -> Exc {
        let e = self.new_exc(t, args);
        self.set_current(e);
        Exc
    }
    /// Raises a KeyError for `k`.
    pub fn raise_key_error(&mut self, k: Value) -> Exc {
        let t = self.ty(T::KeyError);
        self.raise_type_args(t, &[k])
    }
    /// Raises StopIteration(value).
    pub fn raise_stop(&mut self, v: Value) -> Exc {
        let t = self.ty(T::StopIteration);
        if v.is_none() {
            self.raise_type_args(t, &[])
        } else {
            self.raise_type_args(t, &[v])
        }
    }
    /// `raise e [from cause]`. `cause` NULL = no from clause.
    pub fn raise_value(&mut self, e: Value, cause: Value) -> Exc {
        let base = self.root_depth();
        let hc = self.push_root(cause);
        let e = match self.make_exc_instance(e) {
            Ok(e) => e,
            Err(x) => {
                self.pop_roots(base);
                return x;
            }
        };
        let cause = self.root(hc);
        let he = self.push_root(e);
        if !cause.is_null() {
            let c = if cause.is_none() {
                Ok(Value::NONE)
            } else {
                self.make_exc_instance(cause)
            };
            match c {
                Ok(c) => {
                    let e = self.root(he);
                    let o = e.obj().expect("exc");
                    self.set(o, EX_CAUSE, c);
                    self.set(o, EX_SUPPRESS, Value::TRUE);
                }
                Err(x) => {
                    self.pop_roots(base);
                    return x;
                }
            }
        }
        let e = self.root(he);
        self.pop_roots(base);
        self.set_current(e);
        Exc
    }
    fn make_exc_instance(&mut self, e: Value) -> PyResult {
        if self.is_exc(e) {
            return Ok(e);
        }
        if Vm::is_type(e) && Vm::is_subtype(e, self.ty(T::BaseException)) {
            let v = self.call0(e, &[])?;
            if self.is_exc(v) {
                return Ok(v);
            }
        }
        Err(self.raise_msg(T::TypeError, "exceptions must derive from BaseException"))
    }
    /// Appends a traceback entry for the current exception.
    pub fn add_traceback(&mut self, code: Value, line: u32) {
        let e = self.root(R_EXC);
        let Some(o) = e.obj() else { return };
        if kind_of(o) != Kind::Exception {
            return;
        }
        let ty = self.ty(T::Traceback);
        let tb = self.alloc_rec(Kind::Traceback, ty);
        let o = self.root(R_EXC).obj().expect("exc");
        Vm::init(tb, TB_NEXT, Vm::get(o, EX_TB));
        Vm::init(tb, TB_CODE, code);
        Vm::init(tb, TB_LINE, Value::int(line as i64));
        Vm::init(tb, TB_FRAME, self.root(crate::vm::R_FRAME));
        self.set(o, EX_TB, Value::from_obj(tb));
    }
    /// The traceback of an exception (or None).
    pub fn exc_traceback(&self, e: Value) -> Value {
        match e.obj() {
            Some(o) if kind_of(o) == Kind::Exception => Vm::get(o, EX_TB),
            _ => Value::NONE,
        }
    }
    /// `except t:` matching (t may be a tuple).
    pub fn exc_matches(&mut self, e: Value, t: Value) -> PyResult<bool> {
        if Vm::is_kind(t, Kind::Tuple) {
            for x in Vm::tuple_items(t) {
                if self.exc_matches(e, x)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        if !Vm::is_type(t) || !Vm::is_subtype(t, self.ty(T::BaseException)) {
            return Err(self.raise_msg(
                T::TypeError,
                "catching classes that do not inherit from BaseException is not allowed",
            ));
        }
        Ok(self.isinstance(e, t))
    }
    /// Does the current exception match builtin type `t`?
    pub fn exc_is(&self, t: T) -> bool {
        let e = self.root(R_EXC);
        self.isinstance(e, self.ty(t))
    }
    /// Clears the current exception, returning it.
    pub fn take_exc(&mut self) -> Value {
        let e = self.root(R_EXC);
        self.set_root(R_EXC, Value::NULL);
        e
    }
    /// Is `t` an exception type (layout Exception)?
    pub fn is_exc_type(t: Value) -> bool {
        Vm::is_type(t) && Vm::tyf(t, TY_KIND).as_int() == Kind::Exception as i64
    }

    /// "Type: message" line of an exception.
    pub fn exc_line(&mut self, e: Value) -> String {
        let t = self.type_of(e);
        let mut name = Vm::type_name(t);
        if let Some(m) = self.type_lookup(t, self.name(crate::object::N::Module)) {
            if Vm::is_str(m) {
                let ms = Vm::as_str(m);
                if ms != "builtins" && ms != "__main__" {
                    name = format!("{ms}.{name}");
                }
            }
        }
        let msg = match self.str_of(e) {
            Ok(s) => s,
            Err(_) => {
                self.take_exc();
                "<exception str() failed>".into()
            }
        };
        if msg.is_empty() {
            name
        } else {
            format!("{name}: {msg}")
        }
    }

    /// Formats a traceback like CPython.
    pub fn format_exception(&mut self, e: Value, out: &mut String, depth: usize) {
        let he = self.push_root(e);
        self.format_chain(e, out, depth);
        let e = self.root(he);
        self.pop_roots(he);
        self.format_one(e, out);
    }

    fn format_chain(&mut self, e: Value, out: &mut String, depth: usize) {
        if let Some(o) = e.obj() {
            if kind_of(o) == Kind::Exception && depth < 10 {
                let cause = Vm::get(o, EX_CAUSE);
                let ctx = Vm::get(o, EX_CONTEXT);
                let suppress = Vm::get(o, EX_SUPPRESS) == Value::TRUE;
                if cause.is_ref() {
                    self.format_exception(cause, out, depth + 1);
                    out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
                } else if ctx.is_ref() && !suppress {
                    self.format_exception(ctx, out, depth + 1);
                    out.push_str(
                        "\nDuring handling of the above exception, another exception occurred:\n\n",
                    );
                }
            }
        }
    }

    fn format_one(&mut self, e: Value, out: &mut String) {
        let mut entries = vec![];
        let mut tb = self.exc_traceback(e);
        while let Some(t) = tb.obj() {
            let code = Vm::get(t, TB_CODE);
            let line = Vm::get(t, TB_LINE).as_int();
            let info = self.code_info(code);
            entries.push((info.filename.clone(), line, info.name.clone()));
            tb = Vm::get(t, TB_NEXT);
        }
        if !entries.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            for (file, line, name) in entries {
                out.push_str(&format!("  File \"{file}\", line {line}, in {name}\n"));
                if let Some(src) = self.source_line(&file, line as usize) {
                    let t = src.trim();
                    if !t.is_empty() {
                        out.push_str(&format!("    {t}\n"));
                    }
                }
            }
        }
        let h = self.push_root(e);
        let l = self.exc_line(e);
        out.push_str(&l);
        out.push('\n');
        let e = self.root(h);
        self.pop_roots(h);
        for n in crate::builtins::extra_attrs::exc_notes(self, e) {
            out.push_str(&n);
            out.push('\n');
        }
    }

    /// Line `n` (1-based) of a loaded source file.
    pub fn source_line(&self, file: &str, n: usize) -> Option<String> {
        let (_, src) = self.sources.iter().find(|(f, _)| f == file)?;
        src.lines().nth(n.checked_sub(1)?).map(|s| s.to_string())
    }
}
