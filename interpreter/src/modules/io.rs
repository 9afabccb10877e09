//! `io` (StringIO, files) and the sys.stdout/stderr objects.

use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};

const PY_SRC: &str = r#"
class StringIO:
    def __init__(self, initial_value="", newline="\n"):
        self._parts = [initial_value] if initial_value else []
        self._pos = 0
    def write(self, s):
        if not isinstance(s, str):
            raise TypeError("string argument expected, got '" + type(s).__name__ + "'")
        self._parts.append(s)
        return len(s)
    def writelines(self, lines):
        for l in lines:
            self.write(l)
    def getvalue(self):
        v = "".join(self._parts)
        self._parts = [v] if v else []
        return v
    def read(self, n=-1):
        v = self.getvalue()
        if n is None or n < 0:
            r = v[self._pos:]
        else:
            r = v[self._pos:self._pos + n]
        self._pos += len(r)
        return r
    def readline(self):
        v = self.getvalue()
        i = v.find("\n", self._pos)
        end = len(v) if i < 0 else i + 1
        r = v[self._pos:end]
        self._pos = end
        return r
    def __iter__(self):
        while True:
            l = self.readline()
            if not l:
                return
            yield l
    def seek(self, pos, whence=0):
        self._pos = pos
        return pos
    def tell(self):
        return self._pos
    def truncate(self, size=None):
        v = self.getvalue()
        size = self._pos if size is None else size
        self._parts = [v[:size]]
        return size
    def close(self):
        pass
    def flush(self):
        pass
    def __enter__(self):
        return self
    def __exit__(self, *a):
        return False

class BytesIO:
    def __init__(self, initial=b""):
        self._b = initial
    def getvalue(self):
        return self._b
    def write(self, b):
        self._b = self._b + b
        return len(b)

class TextFile:
    def __init__(self, name, mode, data):
        self.name = name
        self.mode = mode
        self._data = data
        self._pos = 0
        self._out = []
        self.closed = False
    def read(self, n=-1):
        r = self._data[self._pos:] if n is None or n < 0 else self._data[self._pos:self._pos + n]
        self._pos += len(r)
        return r
    def readline(self):
        i = self._data.find("\n", self._pos)
        end = len(self._data) if i < 0 else i + 1
        r = self._data[self._pos:end]
        self._pos = end
        return r
    def readlines(self):
        return list(self)
    def __iter__(self):
        while True:
            l = self.readline()
            if not l:
                return
            yield l
    def write(self, s):
        self._out.append(s)
        return len(s)
    def close(self):
        if not self.closed and self.mode[0] in "wa":
            _write_file(self.name, "".join(self._out), self.mode[0] == "a")
        self.closed = True
    def __enter__(self):
        return self
    def __exit__(self, *a):
        self.close()
        return False
"#;

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    let h = vm.push_root(d);
    vm.add_native_fn(d, "_write_file", write_file);
    let d = vm.root(h);
    vm.add_native_fn(d, "_read_bytes", read_bytes);
    let d = vm.root(h);
    vm.add_native_fn(d, "_write_bytes", write_bytes);
    let d = vm.root(h);
    crate::modules::exec_src::exec_in(vm, d, PY_SRC, "<io>")?;
    let d = vm.root(h);
    vm.pop_roots(h);
    let src = crate::modules::io_classes::IO_CLASSES_SRC;
    crate::modules::exec_src::exec_in(vm, d, src, "<io>")
}

fn write_file<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let path = Vm::as_str(args.v(vm, 0)).to_string();
    let data = Vm::as_str(args.v(vm, 1)).to_string();
    let r = if args.v(vm, 2) == Value::TRUE {
        use std::io::Write;
        std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(&path)
            .and_then(|mut f| f.write_all(data.as_bytes()))
    } else {
        std::fs::write(&path, data)
    };
    match r {
        Ok(_) => Ok(Value::NONE),
        Err(e) => Err(vm.raise_msg(T::OSError, &e.to_string())),
    }
}

fn io_err(vm: &mut Vm, e: std::io::Error, path: &str) -> crate::vm::Exc {
    let (t, n) = match e.kind() {
        std::io::ErrorKind::NotFound => (T::FileNotFoundError, 2),
        std::io::ErrorKind::PermissionDenied => (T::OSError, 13),
        _ => (T::OSError, e.raw_os_error().unwrap_or(5)),
    };
    let s = e.to_string();
    let s = s.split(" (os error").next().unwrap_or("").to_string();
    vm.raise_os_error(t, n as i64, &s, Some(path))
}

/// `_read_bytes(path)`: the file's bytes.
fn read_bytes<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let path = Vm::as_str(args.v(vm, 0)).to_string();
    match std::fs::read(&path) {
        Ok(b) => Ok(vm.new_bytes(&b)),
        Err(e) => Err(io_err(vm, e, &path)),
    }
}

/// `_write_bytes(path, data)`: replaces the file's contents.
fn write_bytes<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let path = Vm::as_str(args.v(vm, 0)).to_string();
    match std::fs::write(&path, Vm::as_bytes(args.v(vm, 1))) {
        Ok(()) => Ok(Value::NONE),
        Err(e) => Err(io_err(vm, e, &path)),
    }
}

/// `open(path, mode)` for a binary mode: a BytesIO over the file's bytes
/// that writes them back on close when writable.
fn open_binary(vm: &mut Vm, path: &str, mode: &str) -> PyResult {
    let data = if mode.contains('r') || mode.contains('a') {
        match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if mode.contains('a') && e.kind() == std::io::ErrorKind::NotFound => vec![],
            Err(e) => return Err(io_err(vm, e, path)),
        }
    } else {
        if mode.contains('x') && std::path::Path::new(path).exists() {
            return Err(vm.raise_os_error(T::OSError, 17, "File exists", Some(path)));
        }
        if let Err(e) = std::fs::write(path, b"") {
            return Err(io_err(vm, e, path));
        }
        vec![]
    };
    let io = vm.import_module("io")?;
    let n = vm.intern("_BinaryFile");
    let cls = vm.getattr(io, n)?;
    let hc = vm.push_root(cls);
    let p = vm.new_str(path);
    let hp = vm.push_root(p);
    let m = vm.new_str(mode);
    let hm = vm.push_root(m);
    let dv = vm.new_bytes(&data);
    let (cls, p, m) = (vm.root(hc), vm.root(hp), vm.root(hm));
    vm.pop_roots(hc);
    vm.call0(cls, &[p, m, dv])
}

/// `open(path, mode)`.
pub fn open_file(vm: &mut Vm, path: &str, mode: &str) -> PyResult {
    if mode.contains('b') {
        return open_binary(vm, path, mode);
    }
    let io = vm.import_module("io")?;
    let h = vm.push_root(io);
    let data = if mode.starts_with('r') {
        match std::fs::read_to_string(path) {
            Ok(s) => s,
            Err(e) => {
                vm.pop_roots(h);
                return Err(io_err(vm, e, path));
            }
        }
    } else {
        String::new()
    };
    let n = vm.intern("TextFile");
    let io = vm.root(h);
    vm.pop_roots(h);
    let cls = vm.getattr(io, n)?;
    let hc = vm.push_root(cls);
    let p = vm.new_str(path);
    let hp = vm.push_root(p);
    let m = vm.new_str(mode);
    let hm = vm.push_root(m);
    let dv = vm.new_string(data);
    let (cls, p, m) = (vm.root(hc), vm.root(hp), vm.root(hm));
    vm.pop_roots(hc);
    vm.call0(cls, &[p, m, dv])
}

/// The object behind sys.stdout / sys.stderr.
pub fn stdout_obj(vm: &mut Vm, err: bool) -> PyResult {
    let m = vm.new_module(if err { "<stderr>" } else { "<stdout>" });
    let d = Vm::module_dict(m);
    let h = vm.push_root(m);
    if err {
        vm.add_native_fn(d, "write", |vm, _s, args| {
            let s = vm.str_of(args.v(vm, 0))?;
            vm.flush_out();
            eprint!("{s}");
            Ok(Value::int(s.chars().count() as i64))
        });
    } else {
        vm.add_native_fn(d, "write", |vm, _s, args| {
            let s = vm.str_of(args.v(vm, 0))?;
            vm.write_out(s.as_bytes());
            Ok(Value::int(s.chars().count() as i64))
        });
    }
    let d = Vm::module_dict(vm.root(h));
    vm.add_native_fn(d, "flush", |vm, _s, _args| {
        vm.flush_out();
        Ok(Value::NONE)
    });
    let m = vm.root(h);
    vm.pop_roots(h);
    Ok(m)
}
