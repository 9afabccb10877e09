//! Modules: the import system, source loading and the builtin modules.

pub mod array;
pub mod asyncio;
pub mod asyncio_tools;
pub mod binascii;
pub mod bisect_mod;
pub mod cmath;
pub mod codecs;
pub mod collections;
pub mod copy;
pub mod csv_mod;
pub mod deque;
pub mod exec_src;
pub mod gc;
pub mod hashlib;
pub mod heapq_mod;
pub mod importer;
pub mod inspect_py;
pub mod int_max_digits;
pub mod io;
pub mod io_classes;
pub mod itertools;
pub mod json_enc;
pub mod json_scan;
pub mod lang_py;
pub mod linecache;
pub mod lru;
pub mod math;
pub mod math_extra;
pub mod numpy;
pub mod operator_mod;
pub mod operator_src;
pub mod os;
pub mod os_extra;
pub mod pysrc;
pub mod random;
pub mod random_class;
pub mod rawos;
pub mod socket_mod;
pub mod sre;
pub mod sre_engine;
pub mod stdlib_extra;
pub mod stdlib_path;
pub mod struct_half;
pub mod struct_mod;
pub mod sys;
pub mod sysmods;
pub mod time;
pub mod time_extra;
pub mod tracemalloc;
pub mod unicodedata;
pub mod unicodedata_tables;
pub mod util;
pub mod weakref;
pub mod zlib;

use crate::compile::bytecode::{CodeUnit, Const};
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::call::*;
use crate::vm::{PyResult, Vm, R_BUILTINS};
use std::rc::Rc;

/// A builtin module initialiser: fills the module dict.
type ModInit = fn(&mut Vm, Value) -> PyResult<()>;

const BUILTIN_MODULES: &[(&str, ModInit)] = &[
    ("math", math::init),
    ("cmath", cmath::init),
    ("asyncio", asyncio::init),
    ("sys", sys::init),
    ("time", time::init_time),
    ("gc", gc::init),
    ("random", random::init),
    ("itertools", |vm, d| {
        stdlib_extra::chain(vm, d, itertools::init, stdlib_extra::itertools)
    }),
    ("__future__", exec_src::init_empty),
    ("_collections", collections::init),
    ("array", array::init),
    ("struct", struct_mod::init),
    ("_struct", struct_mod::init),
    ("copy", copy::init_copy),
    ("io", io::init),
    ("_functools", lru::init),
    ("operator", operator_src::init_operator),
    ("_heapq", heapq_mod::init),
    ("_bisect", bisect_mod::init),
    ("_string", stdlib_extra::init_string),
    ("os", os::init_os),
    ("linecache", linecache::init),
    ("abc", pysrc::init_abc),
    ("_thread", pysrc::init_thread),
    ("_sre", sre::init),
    ("_codecs", codecs::init_codecs),
    ("_contextvars", pysrc::init_contextvars),
    ("inspect", |vm, d| {
        stdlib_extra::chain(vm, d, inspect_py::init_inspect, stdlib_extra::inspect)
    }),
    ("errno", pysrc::init_errno),
    ("builtins", exec_src::init_builtins_mod),
    ("numpy", numpy::init),
    ("tracemalloc", tracemalloc::init),
    ("__pypy__", numpy::init_pypy),
    ("_weakref", weakref::init),
    ("atexit", weakref::init_atexit),
    ("binascii", binascii::init),
    ("_csv", csv_mod::init),
    ("unicodedata", unicodedata::init),
    ("_imp", sysmods::init_imp),
    ("_io", sysmods::init_io),
    ("marshal", sysmods::init_marshal),
    ("_json", sysmods::init_json),
    ("_posixsubprocess", sysmods::init_posixsubprocess),
    ("_warnings", sysmods::init_warnings),
    ("_signal", sysmods::init_signal),
    ("select", sysmods::init_select),
    ("_socket", socket_mod::init),
    ("posix", os::init_os),
    ("_random", random_class::init),
    ("_operator", operator_mod::init),
    ("zlib", zlib::init),
    ("_md5", hashlib::init_md5),
    ("_sha1", hashlib::init_sha1),
    ("_sha256", hashlib::init_sha256),
    ("_sha512", hashlib::init_sha512),
    ("_sha3", hashlib::init_sha3),
    ("_blake2", hashlib::init_blake2),
];

/// Names of the native modules (`sys.builtin_module_names`).
pub fn builtin_module_names() -> Vec<&'static str> {
    BUILTIN_MODULES.iter().map(|(n, _)| *n).collect()
}

impl Vm {
    /// A new module object named `name`.
    pub fn new_module(&mut self, name: &str) -> Value {
        let t = self.ty(T::Module);
        let ht = self.push_root(t);
        let m = self.new_module_of(name, ht);
        self.pop_roots(ht);
        m
    }
    /// A new module object of the (module sub)type rooted at `ht`.
    pub fn new_module_of(&mut self, name: &str, ht: usize) -> Value {
        let d = self.new_dict();
        let h = self.push_root(d);
        let n = self.new_str(name);
        let d = self.root(h);
        self.set_str_item(d, "__name__", n);
        let b = self.root(R_BUILTINS);
        let d = self.root(h);
        self.set_str_item(d, "__builtins__", b);
        let d = self.root(h);
        self.set_str_item(d, "__doc__", Value::NONE);
        let ty = self.root(ht);
        let m = self.alloc_rec(Kind::Module, ty);
        let d = self.root(h);
        self.pop_roots(h);
        Vm::init(m, 1, d);
        Value::from_obj(m)
    }
    /// The dict of a module.
    pub fn module_dict(m: Value) -> Value {
        Vm::get(m.obj().expect("module"), 1)
    }

    /// Turns a compiled unit into a code object.
    pub fn make_code(&mut self, unit: &CodeUnit) -> Value {
        let base = self.root_depth();
        let consts = self.new_array(0);
        let _ = consts;
        let mut hs = vec![];
        for c in &unit.consts {
            let v = self.const_value(c);
            hs.push(self.push_root(v));
        }
        let cv: Vec<Value> = hs.iter().map(|h| self.root(*h)).collect();
        let ct = self.new_tuple(&cv);
        let hc = self.push_root(ct);
        let mut hn = vec![];
        for n in &unit.names {
            let v = self.intern(n);
            hn.push(self.push_root(v));
        }
        let nv: Vec<Value> = hn.iter().map(|h| self.root(*h)).collect();
        let nt = self.new_tuple(&nv);
        let hnt = self.push_root(nt);
        let mut hv = vec![];
        for n in &unit.info.varnames {
            let v = self.intern(n);
            hv.push(self.push_root(v));
        }
        let vv: Vec<Value> = hv.iter().map(|h| self.root(*h)).collect();
        let vt = self.new_tuple(&vv);
        let mut info = unit.info.clone();
        let ic_lines = crate::compile::bytecode::assign_inline_caches(&mut info.instrs);
        self.codes.push(Rc::new(info));
        let idx = self.codes.len() - 1;
        let ty = self.ty(T::Code);
        let co = self.alloc_rec(Kind::Code, ty);
        Vm::init(co, CO_INFO, Value::int(idx as i64));
        Vm::init(co, CO_CONSTS, self.root(hc));
        Vm::init(co, CO_NAMES, self.root(hnt));
        Vm::init(co, CO_VARNAMES, vt);
        let hco = self.push_root(Value::from_obj(co));
        let cache = self.new_array(crate::vm::cache::IC_SLOTS * ic_lines);
        let co = self.root(hco).obj().expect("code");
        Vm::init(co, CO_CACHE, cache);
        self.track_code_cache(cache, idx);
        self.pop_roots(base);
        Value::from_obj(co)
    }

    fn const_value(&mut self, c: &Const) -> Value {
        match c {
            Const::None => Value::NONE,
            Const::Bool(b) => Value::bool(*b),
            Const::Int(i) => self.new_int(*i),
            Const::BigInt(s) => {
                let t = s.replace('_', "");
                let (digits, radix) =
                    if let Some(x) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
                        (x.to_string(), 16)
                    } else if let Some(x) = t.strip_prefix("0o").or_else(|| t.strip_prefix("0O")) {
                        (x.to_string(), 8)
                    } else if let Some(x) = t.strip_prefix("0b").or_else(|| t.strip_prefix("0B")) {
                        (x.to_string(), 2)
                    } else {
                        (t, 10)
                    };
                let b =
                    num_bigint::BigInt::parse_bytes(digits.as_bytes(), radix).unwrap_or_default();
                self.new_int_big(&b)
            }
            Const::Float(f) => self.new_float(*f),
            Const::Complex(r, i) => self.new_complex(*r, *i),
            Const::Str(s) => {
                if s.len() < 40 && s.chars().all(|c| c.is_alphanumeric() || c == '_') {
                    self.intern(s)
                } else {
                    self.new_str(s)
                }
            }
            Const::Bytes(b) => self.new_bytes(b),
            Const::Ellipsis => Value::ELLIPSIS,
            Const::Tuple(items) => {
                let base = self.root_depth();
                let hs: Vec<usize> = items
                    .iter()
                    .map(|x| {
                        let v = self.const_value(x);
                        self.push_root(v)
                    })
                    .collect();
                let vs: Vec<Value> = hs.iter().map(|h| self.root(*h)).collect();
                self.pop_roots(base);
                self.new_tuple(&vs)
            }
            Const::Code(u) => self.make_code(u),
        }
    }

    /// Compiles and runs `src` in module `m`.
    pub fn exec_source(
        &mut self,
        src: &str,
        filename: &str,
        m: Value,
        interactive: bool,
    ) -> PyResult {
        self.sources.retain(|(f, _)| f != filename);
        self.sources.push((filename.to_string(), Rc::from(src)));
        let unit = match crate::compile::compile_module(src, filename, interactive) {
            Ok(u) => u,
            Err(e) => return Err(self.raise_syntax_error(src, filename, &e)),
        };
        let h = self.push_root(m);
        let code = self.make_code(&unit);
        let m = self.root(h);
        self.pop_roots(h);
        let g = Vm::module_dict(m);
        let info = self.code_info(code);
        let f = self.new_frame(code, g, Value::NONE, &info);
        match self.run_frame(f, false)? {
            crate::vm::interp::Outcome::Return(v) => Ok(v),
            crate::vm::interp::Outcome::Yield(v) => Ok(v),
        }
    }

    /// Raises SyntaxError for a compile error.
    pub fn raise_syntax_error(
        &mut self,
        src: &str,
        filename: &str,
        e: &crate::compile::CompileError,
    ) -> crate::vm::Exc {
        let starts = crate::compile::line_starts(src);
        let line = match starts.binary_search(&e.offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        };
        let line_start = starts.get(line.saturating_sub(1)).copied().unwrap_or(0) as usize;
        let col = src
            .get(line_start..e.offset as usize)
            .map(|s| s.chars().count())
            .unwrap_or(0)
            + 1;
        let text = src
            .lines()
            .nth(line.saturating_sub(1))
            .unwrap_or("")
            .to_string();
        let t = if e.kind == "IndentationError" {
            T::IndentationError
        } else {
            T::SyntaxError
        };
        let msg = self.new_str(&e.msg);
        let ty = self.ty(t);
        let ex = self.new_exc(ty, &[msg]);
        let h = self.push_root(ex);
        let fname = self.new_str(filename);
        let ex = self.root(h);
        self.set_str_attr(ex, "filename", fname);
        self.set_str_attr(ex, "lineno", Value::int(line as i64));
        self.set_str_attr(ex, "offset", Value::int(col as i64));
        let tx = self.new_str(&text);
        let ex = self.root(h);
        self.set_str_attr(ex, "text", tx);
        let msg = self.new_str(&e.msg);
        let ex = self.root(h);
        self.set_str_attr(ex, "msg", msg);
        for n in ["end_lineno", "end_offset", "print_file_and_line"] {
            let ex = self.root(h);
            self.set_str_attr(ex, n, Value::NONE);
        }
        let ex = self.root(h);
        self.pop_roots(h);
        self.set_root(crate::vm::R_EXC, ex);
        crate::vm::Exc
    }

    pub(crate) fn set_str_attr(&mut self, o: Value, name: &str, v: Value) {
        let h = self.push_root(o);
        let hv = self.push_root(v);
        let n = self.intern(name);
        let (o, v) = (self.root(h), self.root(hv));
        self.pop_roots(h);
        let _ = self.generic_setattr(o, n, v);
    }
}
