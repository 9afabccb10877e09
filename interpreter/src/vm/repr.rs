//! repr(), str(), format() and `%` formatting.

use super::{Exc, PyResult, Vm};
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::{N, T};
use crate::support::error::{ExcKind, SupportError};
use crate::support::percent::{percent_format, ArgRef, PercentArg, PercentArgs};

/// Python's repr of a str.
pub fn repr_str(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

/// Python's repr of bytes.
pub fn repr_bytes(b: &[u8]) -> String {
    let q = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from("b");
    out.push(q);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == q => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(q);
    out
}

/// Python's float repr.
pub fn float_repr(f: f64) -> String {
    crate::support::float_repr::repr(f)
}

impl Vm {
    /// Maps a support-module error to a raised exception.
    pub fn support_err(&mut self, e: SupportError) -> Exc {
        let t = match e.kind {
            ExcKind::ValueError => T::ValueError,
            ExcKind::TypeError => T::TypeError,
            ExcKind::OverflowError => T::OverflowError,
            ExcKind::ZeroDivisionError => T::ZeroDivisionError,
            ExcKind::IndexError => T::IndexError,
            ExcKind::MemoryError => T::MemoryError,
        };
        self.raise_msg(t, &e.msg)
    }

    /// `repr(v)` as a str object.
    pub fn repr(&mut self, v: Value) -> PyResult {
        if Vm::is_str(v) && self.type_of(v) == self.ty(T::Str) {
            let s = repr_str(Vm::as_str(v));
            return Ok(self.new_string(s));
        }
        let s = self.repr_string(v)?;
        Ok(self.new_string(s))
    }

    /// `repr(v)` as Rust text (bounded: a `__repr__` that is `object.__str__`
    /// recurses into RecursionError, as CPython).
    pub fn repr_string(&mut self, v: Value) -> PyResult<String> {
        if !v.is_ref() {
            return self.repr_string_unguarded(v);
        }
        if self.depth >= self.rec_limit {
            let m = "maximum recursion depth exceeded while getting the repr of an object";
            return Err(self.raise_msg(T::RecursionError, m));
        }
        self.depth += 1;
        let r = self.repr_string_unguarded(v);
        self.depth -= 1;
        r
    }

    fn repr_string_unguarded(&mut self, v: Value) -> PyResult<String> {
        if v.is_int() {
            return Ok(v.as_int().to_string());
        }
        match v {
            Value::NONE => return Ok("None".into()),
            Value::TRUE => return Ok("True".into()),
            Value::FALSE => return Ok("False".into()),
            Value::NOT_IMPL => return Ok("NotImplemented".into()),
            Value::ELLIPSIS => return Ok("Ellipsis".into()),
            Value::NULL => return Ok("<NULL>".into()),
            _ => {}
        }
        let t = self.type_of(v);
        let heap = Vm::type_flags(t) & crate::object::types::F_HEAP != 0;
        if heap {
            if let Some(f) = self.type_lookup_n(t, N::Repr) {
                if !Vm::is_kind(f, Kind::Builtin) {
                    let r = self.call_with_self(f, v, &[], Value::NULL)?;
                    if !Vm::is_str(r) {
                        let msg = format!(
                            "__repr__ returned non-string (type {})",
                            self.type_name_of(r)
                        );
                        return Err(self.raise_msg(T::TypeError, &msg));
                    }
                    return Ok(Vm::as_str(r).to_string());
                }
            }
        }
        self.repr_native(v)
    }

    /// The builtin type's repr of `v`, ignoring `__repr__` overrides of subclasses
    /// (`int.__repr__`, `tuple.__repr__`, ...).
    pub fn repr_native(&mut self, v: Value) -> PyResult<String> {
        if v.is_int() || !v.is_ref() {
            return self.repr_string(v);
        }
        let o = v.obj().expect("obj");
        let t = self.type_of(v);
        for (vt, name) in [
            (T::DictKeys, "dict_keys"),
            (T::DictValues, "dict_values"),
            (T::DictItems, "dict_items"),
        ] {
            if t == self.ty(vt) && kind_of(o) == Kind::Misc {
                let items = self.collect(v)?;
                let l = self.new_list(&items);
                let inner = self.repr_string(l)?;
                return Ok(format!("{name}({inner})"));
            }
        }
        Ok(match kind_of(o) {
            Kind::Str => repr_str(Vm::as_str(v)),
            Kind::Bytes => repr_bytes(Vm::as_bytes(v)),
            Kind::Float | Kind::FloatSub => float_repr(Vm::float_val(v)),
            Kind::Complex => crate::object::complex::complex_repr(Vm::complex_val(v)),
            Kind::BigInt => crate::modules::int_max_digits::to_decimal(self, &Vm::to_big(v))?,
            Kind::Tuple => {
                let n = Vm::tuple_len(v);
                let parts = self.repr_items(v, n, Vm::tuple_get)?;
                if n == 1 {
                    format!("({},)", parts[0])
                } else {
                    format!("({})", parts.join(", "))
                }
            }
            Kind::List => {
                let parts = self.repr_items(v, usize::MAX, Vm::list_get)?;
                format!("[{}]", parts.join(", "))
            }
            Kind::Dict => {
                if self.repr_guard_enter(v) {
                    return Ok("{...}".into());
                }
                let h = self.push_root(v);
                let mut parts = vec![];
                let mut pos = 0;
                loop {
                    let d = self.root(h);
                    let Some((k, val)) = Vm::dict_next(d, &mut pos) else {
                        break;
                    };
                    let hv = self.push_root(val);
                    let ks = self.repr_string(k);
                    let val = self.root(hv);
                    self.pop_roots(hv);
                    let ks = match ks {
                        Ok(s) => s,
                        Err(e) => {
                            self.pop_roots(h);
                            self.repr_guard_exit();
                            return Err(e);
                        }
                    };
                    match self.repr_string(val) {
                        Ok(vs) => parts.push(format!("{ks}: {vs}")),
                        Err(e) => {
                            self.pop_roots(h);
                            self.repr_guard_exit();
                            return Err(e);
                        }
                    }
                }
                self.pop_roots(h);
                self.repr_guard_exit();
                let body = format!("{{{}}}", parts.join(", "));
                if t != self.ty(T::Dict) {
                    let tn = Vm::type_name(t);
                    if tn == "defaultdict" {
                        format!("defaultdict(<factory>, {body})")
                    } else if tn == "Counter" || tn == "OrderedDict" {
                        if parts.is_empty() {
                            format!("{tn}()")
                        } else {
                            format!("{tn}({body})")
                        }
                    } else {
                        body
                    }
                } else {
                    body
                }
            }
            Kind::Set => {
                let keys = Vm::dict_keys_vec(v);
                let l = self.new_list(&keys);
                let parts = self.repr_items(l, usize::MAX, Vm::list_get)?;
                let frozen = self.type_of(v) == self.ty(T::FrozenSet);
                if parts.is_empty() {
                    if frozen {
                        "frozenset()".into()
                    } else {
                        "set()".into()
                    }
                } else if frozen {
                    format!("frozenset({{{}}})", parts.join(", "))
                } else {
                    format!("{{{}}}", parts.join(", "))
                }
            }
            Kind::Type => {
                let m = self.dict_get_str(
                    Vm::tyf(v, crate::object::types::TY_DICT),
                    self.name(N::Module),
                );
                let q = Vm::as_str(Vm::tyf(v, crate::object::types::TY_QUALNAME)).to_string();
                match m {
                    Some(m) if Vm::is_str(m) && Vm::as_str(m) != "builtins" => {
                        format!("<class '{}.{}'>", Vm::as_str(m), q)
                    }
                    _ => format!("<class '{q}'>"),
                }
            }
            Kind::Function => {
                let q = Vm::as_str(Vm::get(o, super::call::FN_QUALNAME)).to_string();
                format!("<function {} at 0x{:x}>", q, self.m.identity(o))
            }
            Kind::Builtin => {
                let n = Vm::as_str(Vm::get(o, super::call::BI_NAME)).to_string();
                format!("<built-in function {n}>")
            }
            Kind::Method => {
                let f = Vm::get(o, super::call::ME_FUNC);
                let s = Vm::get(o, super::call::ME_SELF);
                let fname = match f.obj() {
                    Some(fo) if kind_of(fo) == Kind::Function => {
                        Vm::as_str(Vm::get(fo, super::call::FN_QUALNAME)).to_string()
                    }
                    _ => "?".into(),
                };
                let sr = self.repr_string(s)?;
                format!("<bound method {fname} of {sr}>")
            }
            Kind::Module => {
                let n = self.module_name(v);
                format!("<module '{n}'>")
            }
            Kind::Range => {
                let (a, b, s) = (Vm::get(o, 1), Vm::get(o, 2), Vm::get(o, 3));
                let (a, b) = (Vm::to_big(a), Vm::to_big(b));
                if Vm::int_as_i64(s) == Some(1) {
                    format!("range({a}, {b})")
                } else {
                    format!("range({a}, {b}, {})", Vm::to_big(s))
                }
            }
            Kind::Slice => {
                let (a, b, c) = (Vm::get(o, 1), Vm::get(o, 2), Vm::get(o, 3));
                let (a, b, c) = (
                    self.repr_string(a)?,
                    self.repr_string(b)?,
                    self.repr_string(c)?,
                );
                format!("slice({a}, {b}, {c})")
            }
            Kind::Exception => {
                let args = Vm::get(o, crate::vm::exc::EX_ARGS);
                let n = Vm::tuple_len(args);
                let name = Vm::type_name(t);
                if n == 1 {
                    let a = self.repr_string(Vm::tuple_get(args, 0))?;
                    format!("{name}({a})")
                } else {
                    let a = self.repr_string(args)?;
                    if n == 0 {
                        format!("{name}()")
                    } else {
                        format!("{name}{a}")
                    }
                }
            }
            Kind::Generator => {
                let q = Vm::as_str(Vm::get(o, crate::vm::gen::G_QUALNAME)).to_string();
                let what = Vm::type_name(t);
                format!("<{} object {} at 0x{:x}>", what, q, self.m.identity(o))
            }
            Kind::Cell => "<cell>".into(),
            _ => {
                if let Some(f) = self.type_lookup_n(t, N::Repr) {
                    if Vm::is_kind(f, Kind::Builtin) {
                        let r = self.call_with_self(f, v, &[], Value::NULL)?;
                        if Vm::is_str(r) {
                            return Ok(Vm::as_str(r).to_string());
                        }
                    }
                }
                let m = self.type_lookup(t, self.name(N::Module));
                let q = Vm::as_str(Vm::tyf(t, crate::object::types::TY_QUALNAME)).to_string();
                let qn = match m {
                    Some(m) if Vm::is_str(m) && Vm::as_str(m) != "builtins" => {
                        format!("{}.{}", Vm::as_str(m), q)
                    }
                    _ => q,
                };
                format!("<{} object at 0x{:x}>", qn, self.m.identity(o))
            }
        })
    }

    fn repr_guard_enter(&mut self, v: Value) -> bool {
        self.repr_enter(v)
    }
    fn repr_guard_exit(&mut self) {
        self.repr_leave();
    }

    fn repr_items(
        &mut self,
        v: Value,
        n: usize,
        get: fn(Value, usize) -> Value,
    ) -> PyResult<Vec<String>> {
        if self.repr_guard_enter(v) {
            return Ok(vec!["...".into()]);
        }
        let h = self.push_root(v);
        let mut out = vec![];
        let mut i = 0;
        loop {
            let v = self.root(h);
            let len = if n == usize::MAX { Vm::list_len(v) } else { n };
            if i >= len {
                break;
            }
            match self.repr_string(get(v, i)) {
                Ok(s) => out.push(s),
                Err(e) => {
                    self.pop_roots(h);
                    self.repr_guard_exit();
                    return Err(e);
                }
            }
            i += 1;
        }
        self.pop_roots(h);
        self.repr_guard_exit();
        Ok(out)
    }

    /// `str(v)` as Rust text.
    pub fn str_of(&mut self, v: Value) -> PyResult<String> {
        if Vm::is_str(v) && self.type_of(v) == self.ty(T::Str) {
            return Ok(Vm::as_str(v).to_string());
        }
        if self.depth >= self.rec_limit {
            let m = "maximum recursion depth exceeded while getting the str of an object";
            return Err(self.raise_msg(T::RecursionError, m));
        }
        self.depth += 1;
        let r = self.str_of_unguarded(v);
        self.depth -= 1;
        r
    }

    fn str_of_unguarded(&mut self, v: Value) -> PyResult<String> {
        if Vm::is_exact_float(v) {
            return Ok(float_repr(Vm::float_val(v)));
        }
        if let Some(o) = v.obj() {
            let t = self.type_of(v);
            if let Some(f) = self.type_lookup_n(t, N::Str) {
                // builtin __str__ of a builtin base (str.__str__, int.__repr__ put
                // there by enum's ReprEnum, ...) also applies to subclass instances
                let base_builtin = Vm::is_kind(f, Kind::Builtin)
                    && f != self.object_str()
                    && Vm::type_flags(t) & crate::object::types::F_HEAP != 0;
                if !Vm::is_kind(f, Kind::Builtin) || base_builtin {
                    let r = self.call_with_self(f, v, &[], Value::NULL)?;
                    if !Vm::is_str(r) {
                        let msg = format!(
                            "__str__ returned non-string (type {})",
                            self.type_name_of(r)
                        );
                        return Err(self.raise_msg(T::TypeError, &msg));
                    }
                    return Ok(Vm::as_str(r).to_string());
                }
            }
            if kind_of(o) == Kind::Exception {
                let args = Vm::get(o, crate::vm::exc::EX_ARGS);
                let n = Vm::tuple_len(args);
                return match n {
                    0 => Ok(String::new()),
                    1 => {
                        let a = Vm::tuple_get(args, 0);
                        if self.isinstance(v, self.ty(T::KeyError)) {
                            self.repr_string(a)
                        } else {
                            self.str_of(a)
                        }
                    }
                    _ => self.repr_string(args),
                };
            }
            if Vm::type_flags(t) & crate::object::types::F_HEAP != 0 {
                if let Some(f) = self.type_lookup_n(t, N::Repr) {
                    if !Vm::is_kind(f, Kind::Builtin) {
                        return self.repr_string(v);
                    }
                }
            }
        }
        self.repr_string(v)
    }

    fn object_str(&mut self) -> Value {
        let o = self.ty(T::Object);
        self.type_lookup_n(o, N::Str).unwrap_or(Value::NULL)
    }

    /// `str(v)` as an object.
    pub fn to_str(&mut self, v: Value) -> PyResult {
        if Vm::is_str(v) && self.type_of(v) == self.ty(T::Str) {
            return Ok(v);
        }
        let s = self.str_of(v)?;
        Ok(self.new_string(s))
    }

    /// `format(v, spec)`.
    pub fn format(&mut self, v: Value, spec: &str) -> PyResult<String> {
        use crate::support::format_spec as fs;
        let t = self.type_of(v);
        if Vm::type_flags(t) & crate::object::types::F_HEAP != 0 {
            // a `__format__` written in Python (the builtin ones end up here)
            match self.type_lookup_n(t, N::Format) {
                Some(f) if !Vm::is_kind(f, Kind::Builtin) => {
                    let s = self.new_str(spec);
                    let r = self.call_with_self(f, v, &[s], Value::NULL)?;
                    if !Vm::is_str(r) {
                        let msg =
                            format!("__format__ must return a str, not {}", self.type_name_of(r));
                        return Err(self.raise_msg(T::TypeError, &msg));
                    }
                    return Ok(Vm::as_str(r).to_string());
                }
                _ => {}
            }
            if spec.is_empty() {
                return self.str_of(v);
            }
        }
        let r = if v.is_int() {
            fs::format_i64(v.as_int(), spec, "int")
        } else if v == Value::TRUE || v == Value::FALSE {
            if spec.is_empty() {
                return self.str_of(v);
            }
            fs::format_i64((v == Value::TRUE) as i64, spec, "bool")
        } else if Vm::is_bigint(v) {
            fs::format_int(&Vm::to_big(v), spec, "int")
        } else if Vm::is_float(v) {
            fs::format_float(Vm::float_val(v), spec)
        } else if Vm::is_str(v) {
            fs::format_str(Vm::as_str(v), spec)
        } else if crate::object::complex::is_complex_value(v) && !spec.is_empty() {
            crate::object::complex::format_complex(Vm::complex_val(v), spec)
        } else {
            if spec.is_empty() {
                return self.str_of(v);
            }
            let msg = format!(
                "unsupported format string passed to {}.__format__",
                self.type_name_of(v)
            );
            return Err(self.raise_msg(T::TypeError, &msg));
        };
        r.map_err(|e| self.support_err(e))
    }

    /// f-string `{v!conv:spec}`.
    pub fn format_value(&mut self, v: Value, conv: u32, spec: Value) -> PyResult {
        let v = match conv {
            1 => self.to_str(v)?,
            2 | 3 => self.repr(v)?,
            _ => v,
        };
        if spec.is_null() && Vm::is_str(v) && self.type_of(v) == self.ty(T::Str) {
            return Ok(v);
        }
        let sp = if spec.is_null() {
            String::new()
        } else {
            Vm::as_str(spec).to_string()
        };
        let s = self.format(v, &sp)?;
        Ok(self.new_string(s))
    }

    /// `fmt % args`.
    pub fn percent_format(&mut self, fmt: Value, args: Value) -> PyResult {
        let f = Vm::as_str(fmt).to_string();
        let base = self.root_depth();
        let h = self.push_root(args);
        let hk = self.push_root(Value::NULL);
        let mut a = VmArgs { vm: self, h, hk };
        let r = percent_format(&f, &mut a);
        self.pop_roots(base);
        let s = r.map_err(|e| match e {
            PErr::Raised(x) => x,
            PErr::Support(s) => self.support_err(s),
        })?;
        Ok(self.new_string(s))
    }
}

enum PErr {
    Raised(Exc),
    Support(SupportError),
}
impl From<SupportError> for PErr {
    fn from(e: SupportError) -> PErr {
        PErr::Support(e)
    }
}

struct VmArgs<'a> {
    vm: &'a mut Vm,
    h: usize,
    hk: usize,
}

impl VmArgs<'_> {
    fn arg(&self, a: ArgRef) -> Value {
        let args = self.vm.root(self.h);
        match a {
            ArgRef::Index(i) => Vm::tuple_get(args, i),
            ArgRef::Whole => args,
            ArgRef::Keyed => self.vm.root(self.hk),
        }
    }
}

impl PercentArgs for VmArgs<'_> {
    type Error = PErr;
    fn tuple_len(&self) -> Option<usize> {
        let a = self.vm.root(self.h);
        if Vm::is_kind(a, Kind::Tuple) {
            Some(Vm::tuple_len(a))
        } else {
            None
        }
    }
    fn is_mapping(&self) -> bool {
        let a = self.vm.root(self.h);
        matches!(Vm::kind(a), Some(Kind::Dict | Kind::List))
    }
    fn lookup_key(&mut self, key: &str) -> Result<(), PErr> {
        let k = self.vm.new_str(key);
        let a = self.vm.root(self.h);
        let v = self.vm.getitem(a, k).map_err(PErr::Raised)?;
        self.vm.set_root(self.hk, v);
        Ok(())
    }
    fn convert(&mut self, a: ArgRef, conv: char) -> Result<PercentArg, PErr> {
        let v = self.arg(a);
        let vm = &mut *self.vm;
        match conv {
            's' => Ok(PercentArg::Str(vm.str_of(v).map_err(PErr::Raised)?)),
            'r' | 'a' => Ok(PercentArg::Str(vm.repr_string(v).map_err(PErr::Raised)?)),
            'd' | 'i' | 'u' => {
                if Vm::is_intlike(v) {
                    Ok(PercentArg::Int(Vm::to_big(v)))
                } else if Vm::is_float(v) {
                    let f = Vm::float_val(v);
                    if !f.is_finite() {
                        return Err(PErr::Raised(vm.raise_msg(
                            T::OverflowError,
                            "cannot convert float infinity to integer",
                        )));
                    }
                    Ok(PercentArg::Int(num_bigint::BigInt::from(f.trunc() as i128)))
                } else {
                    let msg = format!(
                        "%{conv} format: a real number is required, not {}",
                        vm.type_name_of(v)
                    );
                    Err(PErr::Raised(vm.raise_msg(T::TypeError, &msg)))
                }
            }
            'o' | 'x' | 'X' => {
                if Vm::is_intlike(v) {
                    Ok(PercentArg::Int(Vm::to_big(v)))
                } else {
                    let msg = format!(
                        "%{conv} format: an integer is required, not {}",
                        vm.type_name_of(v)
                    );
                    Err(PErr::Raised(vm.raise_msg(T::TypeError, &msg)))
                }
            }
            'c' => {
                if Vm::is_intlike(v) {
                    Ok(PercentArg::Int(Vm::to_big(v)))
                } else if Vm::is_str(v) {
                    Ok(PercentArg::Str(Vm::as_str(v).to_string()))
                } else {
                    Err(PErr::Raised(
                        vm.raise_msg(T::TypeError, "%c requires int or char"),
                    ))
                }
            }
            _ => {
                if Vm::is_float(v) || Vm::is_intlike(v) {
                    Ok(PercentArg::Float(vm.to_f64(v).map_err(PErr::Raised)?))
                } else {
                    let msg = format!("must be real number, not {}", vm.type_name_of(v));
                    Err(PErr::Raised(vm.raise_msg(T::TypeError, &msg)))
                }
            }
        }
    }
    fn star(&mut self, a: ArgRef, _is_precision: bool) -> Result<i64, PErr> {
        let v = self.arg(a);
        match Vm::int_as_i64(v) {
            Some(i) => Ok(i),
            None => Err(PErr::Raised(self.vm.raise_msg(T::TypeError, "* wants int"))),
        }
    }
}
