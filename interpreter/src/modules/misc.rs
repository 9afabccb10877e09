//! Small modules: time, copy, functools, operator, heapq, bisect,
//! string, os, abc, typing.

use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::{PyResult, Vm, R_BUILTINS};

/// Runs Python source with `d` as its globals.
pub fn exec_in(vm: &mut Vm, d: Value, src: &str, filename: &str) -> PyResult<()> {
    let unit = match crate::compile::compile_module(src, filename, false) {
        Ok(u) => u,
        Err(e) => return Err(vm.raise_syntax_error(src, filename, &e)),
    };
    let h = vm.push_root(d);
    let code = vm.make_code(&unit);
    let d = vm.root(h);
    vm.pop_roots(h);
    let info = vm.code_info(code);
    let f = vm.new_frame(code, d, Value::NONE, &info);
    vm.run_frame(f, false)?;
    Ok(())
}

pub fn init_empty(vm: &mut Vm, d: Value) -> PyResult<()> {
    if let Some(dir) = crate::modules::stdlib_path::stdlib_dir() {
        let path = format!("{dir}/__future__.py");
        if let Ok(src) = std::fs::read_to_string(&path) {
            return exec_in(vm, d, &src, &path);
        }
    }
    let h = vm.push_root(d);
    for n in [
        "annotations",
        "division",
        "print_function",
        "absolute_import",
        "generators",
        "with_statement",
    ] {
        let d = vm.root(h);
        vm.set_str_item(d, n, Value::TRUE);
    }
    vm.pop_roots(h);
    Ok(())
}

pub fn init_time(vm: &mut Vm, d: Value) -> PyResult<()> {
    fn now() -> f64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0)
    }
    let h = vm.push_root(d);
    vm.add_fn(d, "time", |vm, _a, _| Ok(vm.new_float(now())));
    for name in ["perf_counter", "monotonic", "process_time"] {
        let d = vm.root(h);
        vm.add_fn(d, name, |vm, _a, _| {
            let t = vm.start.elapsed().as_secs_f64();
            Ok(vm.new_float(t))
        });
    }
    let d = vm.root(h);
    vm.add_fn(d, "perf_counter_ns", |vm, _a, _| {
        let t = vm.start.elapsed().as_nanos() as i64;
        Ok(vm.new_int(t))
    });
    let d = vm.root(h);
    vm.add_fn(d, "time_ns", |vm, _a, _| {
        Ok(vm.new_int((now() * 1e9) as i64))
    });
    let d = vm.root(h);
    vm.add_fn(d, "sleep", |vm, a, _| {
        let s = vm.to_f64(a[0])?;
        std::thread::sleep(std::time::Duration::from_secs_f64(s.max(0.0)));
        Ok(Value::NONE)
    });
    let d = vm.root(h);
    vm.pop_roots(h);
    crate::modules::time_extra::init(vm, d)
}

const COPY_SRC: &str = r#"
class Error(Exception):
    pass

def copy(x):
    cls = type(x)
    if cls in (int, float, bool, str, tuple, bytes, frozenset, type, range) or x is None:
        return x
    if cls is list:
        return list(x)
    if cls is dict:
        return dict(x)
    if cls is set:
        return set(x)
    if hasattr(x, "__copy__"):
        return x.__copy__()
    if isinstance(x, list):
        r = cls.__new__(cls)
        r.extend(x)
        r.__dict__.update(x.__dict__) if hasattr(x, "__dict__") else None
        return r
    if isinstance(x, dict):
        r = cls.__new__(cls)
        r.update(x)
        return r
    for base in (tuple, str, bytes, int, float, complex, frozenset):
        if isinstance(x, base):
            # an immutable builtin's subclass: built from the value
            r = cls.__new__(cls, base(x))
            break
    else:
        r = object.__new__(cls)
    if hasattr(x, "__dict__"):
        for k, v in x.__dict__.items():
            setattr(r, k, v)
    return r

def deepcopy(x, memo=None):
    if memo is None:
        memo = {}
    i = id(x)
    if i in memo:
        return memo[i]
    cls = type(x)
    if cls in (int, float, bool, str, bytes, type, range) or x is None:
        return x
    if cls is list:
        r = []
        memo[i] = r
        for v in x:
            r.append(deepcopy(v, memo))
        return r
    if cls is tuple:
        return tuple(deepcopy(v, memo) for v in x)
    if cls is dict:
        r = {}
        memo[i] = r
        for k, v in x.items():
            r[deepcopy(k, memo)] = deepcopy(v, memo)
        return r
    if cls is set:
        return set(deepcopy(v, memo) for v in x)
    if hasattr(x, "__deepcopy__"):
        return x.__deepcopy__(memo)
    r = object.__new__(cls)
    memo[i] = r
    if hasattr(x, "__dict__"):
        for k, v in x.__dict__.items():
            setattr(r, k, deepcopy(v, memo))
    return r
"#;

pub fn init_copy(vm: &mut Vm, d: Value) -> PyResult<()> {
    exec_in(vm, d, COPY_SRC, "<copy>")
}

pub(crate) const OPERATOR_SRC: &str = r#"
def add(a, b): return a + b
def sub(a, b): return a - b
def mul(a, b): return a * b
def truediv(a, b): return a / b
def floordiv(a, b): return a // b
def mod(a, b): return a % b
def pow(a, b): return a ** b
def neg(a): return -a
def pos(a): return +a
def not_(a): return not a
def truth(a): return bool(a)
def and_(a, b): return a & b
def or_(a, b): return a | b
def xor(a, b): return a ^ b
def lshift(a, b): return a << b
def rshift(a, b): return a >> b
def invert(a): return ~a
def lt(a, b): return a < b
def le(a, b): return a <= b
def eq(a, b): return a == b
def ne(a, b): return a != b
def gt(a, b): return a > b
def ge(a, b): return a >= b
def is_(a, b): return a is b
def is_not(a, b): return a is not b
def contains(a, b): return b in a
def getitem(a, b): return a[b]
def setitem(a, b, c): a[b] = c
def delitem(a, b): del a[b]
def concat(a, b): return a + b
def index(a): return a.__index__()
def abs(a): return __builtins__["abs"](a) if isinstance(__builtins__, dict) else a.__abs__()
iadd = add
isub = sub
imul = mul

class itemgetter:
    def __init__(self, item, *items):
        self._items = (item,) + items
    def __call__(self, obj):
        if len(self._items) == 1:
            return obj[self._items[0]]
        return tuple(obj[i] for i in self._items)

class attrgetter:
    def __init__(self, attr, *attrs):
        self._attrs = (attr,) + attrs
    def _get(self, obj, name):
        for part in name.split("."):
            obj = getattr(obj, part)
        return obj
    def __call__(self, obj):
        if len(self._attrs) == 1:
            return self._get(obj, self._attrs[0])
        return tuple(self._get(obj, a) for a in self._attrs)

class methodcaller:
    def __init__(self, name, *args, **kwargs):
        self._name = name
        self._args = args
        self._kwargs = kwargs
    def __call__(self, obj):
        return getattr(obj, self._name)(*self._args, **self._kwargs)
"#;

pub fn init_operator(vm: &mut Vm, d: Value) -> PyResult<()> {
    exec_in(vm, d, OPERATOR_SRC, "<operator>")
}

const OS_SRC: &str = r#"
name = "posix"
curdir = "."
pardir = ".."
extsep = "."
altsep = None
pathsep = ":"
linesep = "\n"
devnull = "/dev/null"

def fspath(path):
    if isinstance(path, (str, bytes)):
        return path
    f = getattr(type(path), "__fspath__", None)
    if f is None:
        raise TypeError("expected str, bytes or os.PathLike object, not "
                        + type(path).__name__)
    return f(path)

class stat_result(tuple):
    n_sequence_fields = 10
    st_mode = property(lambda self: self[0])
    st_ino = property(lambda self: self[1])
    st_dev = property(lambda self: self[2])
    st_nlink = property(lambda self: self[3])
    st_uid = property(lambda self: self[4])
    st_gid = property(lambda self: self[5])
    st_size = property(lambda self: self[6])
    st_atime = property(lambda self: self[7])
    st_mtime = property(lambda self: self[8])
    st_ctime = property(lambda self: self[9])
    def __repr__(self):
        names = ("st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid",
                 "st_size", "st_atime", "st_mtime", "st_ctime")
        vals = [int(v) for v in self]
        return "os.stat_result(" + ", ".join("%s=%r" % nv for nv in zip(names, vals)) + ")"

def stat(path, *, dir_fd=None, follow_symlinks=True):
    return stat_result(_stat(fspath(path)))

lstat = stat

# os.path is the stdlib's pure-Python posixpath when a CPython stdlib is found
try:
    import posixpath as path
    import sys as _sys
    _sys.modules["os.path"] = path
    del _sys
except Exception:
    pass
"#;

pub fn init_os(vm: &mut Vm, d: Value) -> PyResult<()> {
    let h = vm.push_root(d);
    let sep = vm.new_str("/");
    vm.set_str_item(vm.root(h), "sep", sep);
    let env = vm.new_dict();
    let he = vm.push_root(env);
    for (k, v) in std::env::vars() {
        let vv = vm.new_str(&v);
        let e = vm.root(he);
        vm.set_str_item(e, &k, vv);
    }
    let env = vm.root(he);
    vm.set_str_item(vm.root(h), "environ", env);
    vm.add_fn(vm.root(h), "getcwd", |vm, _a, _| {
        let c = std::env::current_dir()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        Ok(vm.new_string(c))
    });
    vm.add_fn(vm.root(h), "getpid", |_, _a, _| {
        Ok(Value::int(std::process::id() as i64))
    });
    vm.add_fn(vm.root(h), "_stat", |vm, a, _| {
        use std::os::unix::fs::MetadataExt;
        vm.check_args("stat", a, 1, 1)?;
        if !Vm::is_str(a[0]) {
            return Err(vm.raise_msg(T::TypeError, "stat: path should be string"));
        }
        let path = Vm::as_str(a[0]).to_string();
        match std::fs::metadata(&path) {
            Ok(m) => {
                let ints = [
                    m.mode() as i64,
                    m.ino() as i64,
                    m.dev() as i64,
                    m.nlink() as i64,
                    m.uid() as i64,
                    m.gid() as i64,
                    m.size() as i64,
                ];
                let mut vals: Vec<Value> = ints.iter().map(|n| vm.new_int(*n)).collect();
                for (s, ns) in [
                    (m.atime(), m.atime_nsec()),
                    (m.mtime(), m.mtime_nsec()),
                    (m.ctime(), m.ctime_nsec()),
                ] {
                    vals.push(vm.new_float(s as f64 + ns as f64 * 1e-9));
                }
                Ok(vm.new_tuple(&vals))
            }
            Err(e) => {
                let (t, no, what) = match e.kind() {
                    std::io::ErrorKind::NotFound => {
                        (T::FileNotFoundError, 2, "No such file or directory")
                    }
                    _ => (T::OSError, e.raw_os_error().unwrap_or(0), "OS error"),
                };
                let msg = format!("[Errno {no}] {what}: '{path}'");
                Err(vm.raise_msg(t, &msg))
            }
        }
    });
    exec_in(vm, vm.root(h), OS_SRC, "<os>")?;
    let d = vm.root(h);
    vm.pop_roots(h);
    crate::modules::os_extra::init(vm, d)
}

pub fn init_builtins_mod(vm: &mut Vm, d: Value) -> PyResult<()> {
    let b = vm.root(R_BUILTINS);
    vm.dict_update(d, b)
}

#[allow(dead_code)]
fn unused(_: Kind) {}
