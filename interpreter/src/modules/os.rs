//! The `os`/`posix` module: environment, `stat`, and a Python part
//! (the rest is in `os_extra`).

use super::exec_src::exec_in;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::{PyResult, Vm};

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
    vm.scope(|vm, s| {
        let h = s.root_value(vm, d);
        let sep = vm.new_str("/");
        vm.set_str_item(h.get(vm).value(), "sep", sep);
        let env = vm.new_dict();
        let he = s.root_value(vm, env);
        for (k, v) in std::env::vars() {
            let vv = vm.new_str(&v);
            let e = he.get(vm).value();
            vm.set_str_item(e, &k, vv);
        }
        let env = he.get(vm).value();
        vm.set_str_item(h.get(vm).value(), "environ", env);
        vm.add_native_fn(h.get(vm).value(), "getcwd", |vm, _s, _args| {
            let c = std::env::current_dir()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            Ok(vm.new_string(c))
        });
        vm.add_native_fn(h.get(vm).value(), "getpid", |_, _a, _| {
            Ok(Value::int(std::process::id() as i64))
        });
        vm.add_native_fn(h.get(vm).value(), "_stat", |vm, _s, args| {
            use std::os::unix::fs::MetadataExt;
            args.check(vm, "stat", 1, 1)?;
            if !Vm::is_str(args.v(vm, 0)) {
                return Err(vm.raise_msg(T::TypeError, "stat: path should be string"));
            }
            let path = Vm::as_str(args.v(vm, 0)).to_string();
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
                    Err(vm.raise_os_error(t, no as i64, what, Some(&path)))
                }
            }
        });
        exec_in(vm, h.get(vm).value(), OS_SRC, "<os>")?;
        let d = h.get(vm).value();
        crate::modules::os_extra::init(vm, d)?;
        let d = h.get(vm).value();
        crate::modules::lang_py::call_lang(vm, "_posix_process_names", &[d])?;
        Ok(())
    })
}
