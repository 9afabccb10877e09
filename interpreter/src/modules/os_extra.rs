//! More of `os` for the stdlib modules that import it: `urandom`, the
//! `O_*`/`SEEK_*`/access constants, `PathLike`, `fsencode`/`fsdecode`,
//! `getenv`, directory and file operations (`listdir`, `scandir`, `walk`,
//! `mkdir`/`makedirs`, `remove`, `rename`, ...) and fd-level I/O.

use super::rawos;
use super::util::{buf, init_with_native};
use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};

const SRC: &str = r#"
import abc as _abc

error = OSError
O_RDONLY = 0
O_WRONLY = 1
O_RDWR = 2
O_CREAT = 64
O_EXCL = 128
O_NOCTTY = 256
O_TRUNC = 512
O_APPEND = 1024
O_NONBLOCK = 2048
O_DSYNC = 4096
O_SYNC = 1052672
O_CLOEXEC = 524288
O_NOFOLLOW = 131072
O_DIRECTORY = 65536
O_ACCMODE = 3
F_OK = 0
R_OK = 4
W_OK = 2
X_OK = 1
SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2
EX_OK = 0
supports_fd = set()
supports_dir_fd = set()
supports_effective_ids = set()
supports_follow_symlinks = set()
supports_bytes_environ = True
_have_functions = []

class PathLike(_abc.ABC):
    @_abc.abstractmethod
    def __fspath__(self):
        raise NotImplementedError
    @classmethod
    def __subclasshook__(cls, subclass):
        if cls is PathLike:
            return hasattr(subclass, "__fspath__")
        return NotImplemented

def fsencode(filename):
    filename = fspath(filename)
    if isinstance(filename, str):
        return filename.encode("utf-8", "surrogateescape")
    return filename

def fsdecode(filename):
    filename = fspath(filename)
    if isinstance(filename, bytes):
        return filename.decode("utf-8", "surrogateescape")
    return filename

def getenv(key, default=None):
    return environ.get(key, default)

def putenv(key, value):
    environ[key] = value

def unsetenv(key):
    environ.pop(key, None)

environb = {k.encode(): v.encode() for k, v in environ.items()}

def getcwdb():
    return getcwd().encode()

def _p(path):
    p = fspath(path)
    return p.decode() if isinstance(p, bytes) else p

def _err(r, path=None):
    if isinstance(r, tuple):
        if path is None:
            raise OSError(r[0], r[1])
        raise OSError(r[0], r[1], path)
    return r

def listdir(path="."):
    r = _err(_listdir(_p(path)), path)
    if isinstance(fspath(path), bytes):
        return [n.encode() for n in r]
    return r

def mkdir(path, mode=0o777, *, dir_fd=None):
    _err(_fsop("mkdir", _p(path), "", mode), path)

def makedirs(name, mode=0o777, exist_ok=False):
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    if head and tail and not path.exists(head):
        try:
            makedirs(head, exist_ok=exist_ok)
        except FileExistsError:
            pass
    try:
        mkdir(name, mode)
    except OSError:
        if not exist_ok or not path.isdir(name):
            raise

def rmdir(path, *, dir_fd=None):
    _err(_fsop("rmdir", _p(path), "", 0), path)

def remove(path, *, dir_fd=None):
    _err(_fsop("unlink", _p(path), "", 0), path)

unlink = remove

def rename(src, dst, *, src_dir_fd=None, dst_dir_fd=None):
    _err(_fsop("rename", _p(src), _p(dst), 0), src)

replace = rename

def removedirs(name):
    rmdir(name)
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    while head and tail:
        try:
            rmdir(head)
        except OSError:
            break
        head, tail = path.split(head)

def chdir(path):
    _err(_fsop("chdir", _p(path), "", 0), path)

def access(path, mode, *, dir_fd=None, effective_ids=False, follow_symlinks=True):
    return _fsop("access", _p(path), "", mode) is None

def chmod(path, mode, *, dir_fd=None, follow_symlinks=True):
    _err(_fsop("chmod", _p(path), "", mode), path)

def symlink(src, dst, target_is_directory=False, *, dir_fd=None):
    _err(_fsop("symlink", _p(src), _p(dst), 0), src)

def readlink(path, *, dir_fd=None):
    return _err(_fsop("readlink", _p(path), "", 0), path)

def open(path, flags, mode=0o777, *, dir_fd=None):
    return _err(_fdop("open", 0, _p(path), flags, mode), path)

def close(fd):
    _err(_fdop("close", fd, "", 0, 0))

def read(fd, n):
    return _err(_fdop("read", fd, "", n, 0))

def write(fd, data):
    return _err(_fdop("write", fd, bytes(data), 0, 0))

def lseek(fd, pos, how):
    return _err(_fdop("lseek", fd, "", pos, how))

def isatty(fd):
    return _fdop("isatty", fd, "", 0, 0)

def fstat(fd):
    return stat_result(tuple(_err(_fdop("fstat", fd, "", 0, 0))))

def strerror(code):
    return _fdop("strerror", code, "", 0, 0)

def cpu_count():
    return _fdop("cpu_count", 0, "", 0, 0)

def getppid():
    return _fdop("getppid", 0, "", 0, 0)

def getuid():
    return _fdop("getuid", 0, "", 0, 0)

geteuid = getuid

def getgid():
    return _fdop("getgid", 0, "", 0, 0)

getegid = getgid

def umask(mask):
    return _fdop("umask", mask, "", 0, 0)

def get_terminal_size(fd=1):
    return terminal_size((80, 24))

class terminal_size(tuple):
    columns = property(lambda self: self[0])
    lines = property(lambda self: self[1])

def get_exec_path(env=None):
    return (env or environ).get("PATH", "").split(pathsep)

class DirEntry:
    def __init__(self, dirpath, name):
        self.name = name
        self.path = path.join(dirpath, name)
    def is_dir(self, *, follow_symlinks=True):
        return path.isdir(self.path)
    def is_file(self, *, follow_symlinks=True):
        return path.isfile(self.path)
    def is_symlink(self):
        return path.islink(self.path)
    def stat(self, *, follow_symlinks=True):
        return stat(self.path)
    def inode(self):
        return self.stat().st_ino
    def __fspath__(self):
        return self.path
    def __repr__(self):
        return "<DirEntry %r>" % self.name

class _ScandirIterator:
    def __init__(self, entries):
        self._it = iter(entries)
    def __iter__(self):
        return self
    def __next__(self):
        return next(self._it)
    def __enter__(self):
        return self
    def __exit__(self, *a):
        pass
    def close(self):
        pass

def scandir(p="."):
    d = _p(p)
    return _ScandirIterator([DirEntry(d, n) for n in listdir(d)])

def walk(top, topdown=True, onerror=None, followlinks=False):
    try:
        names = listdir(top)
    except OSError as e:
        if onerror is not None:
            onerror(e)
        return
    dirs, files = [], []
    for n in names:
        (dirs if path.isdir(path.join(top, n)) else files).append(n)
    if topdown:
        yield top, dirs, files
    for d in dirs:
        p = path.join(top, d)
        if followlinks or not path.islink(p):
            yield from walk(p, topdown, onerror, followlinks)
    if not topdown:
        yield top, dirs, files

def urandom(n):
    return _urandom(n)

def pipe():
    return tuple(_err(_fdop("pipe2", 0, "", O_CLOEXEC, 0)))

def pipe2(flags):
    return tuple(_err(_fdop("pipe2", 0, "", flags, 0)))

def dup(fd):
    return _err(_fdop("dup", fd, "", 0, 0))

def dup2(fd, fd2, inheritable=True):
    return _err(_fdop("dup2", fd, "", fd2, bool(inheritable)))

def get_inheritable(fd):
    return not (_err(_fdop("fcntl", fd, "", _F_GETFD, 0)) & _FD_CLOEXEC)

def set_inheritable(fd, inheritable):
    flags = _err(_fdop("fcntl", fd, "", _F_GETFD, 0))
    flags = flags & ~_FD_CLOEXEC if inheritable else flags | _FD_CLOEXEC
    _err(_fdop("fcntl", fd, "", _F_SETFD, flags))

def get_blocking(fd):
    return not (_err(_fdop("fcntl", fd, "", _F_GETFL, 0)) & O_NONBLOCK)

def set_blocking(fd, blocking):
    flags = _err(_fdop("fcntl", fd, "", _F_GETFL, 0))
    flags = flags & ~O_NONBLOCK if blocking else flags | O_NONBLOCK
    _err(_fdop("fcntl", fd, "", _F_SETFL, flags))

def fsync(fd):
    if not isinstance(fd, int):
        fd = fd.fileno()
    _err(_fdop("fsync", fd, "", 0, 0))

def ftruncate(fd, length):
    _err(_fdop("ftruncate", fd, "", length, 0))

def truncate(path, length):
    fd = open(path, O_WRONLY)
    try:
        ftruncate(fd, length)
    finally:
        close(fd)

def kill(pid, sig):
    _err(_fdop("kill", pid, "", sig, 0))

def getpgrp():
    return _fdop("getpgrp", 0, "", 0, 0)

def closerange(fd_low, fd_high):
    for fd in range(fd_low, fd_high):
        try:
            close(fd)
        except OSError:
            pass

def device_encoding(fd):
    return "utf-8" if isatty(fd) else None

def _get_exports_list(module):
    try:
        return list(module.__all__)
    except AttributeError:
        return [n for n in dir(module) if n[0] != '_']

def WIFEXITED(status):
    return (status & 0x7f) == 0

def WEXITSTATUS(status):
    return (status >> 8) & 0xff

def WIFSIGNALED(status):
    return ((status & 0x7f) + 1) >> 1 > 0 and (status & 0x7f) != 0x7f and (status & 0x7f) != 0

def WTERMSIG(status):
    return status & 0x7f

def WIFSTOPPED(status):
    return (status & 0xff) == 0x7f

def WSTOPSIG(status):
    return WEXITSTATUS(status)

_F_GETFD = 1
_F_SETFD = 2
_F_GETFL = 3
_F_SETFL = 4
_FD_CLOEXEC = 1
WNOHANG = 1
WUNTRACED = 2
"#;

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    init_with_native(
        vm,
        d,
        &[
            ("_urandom", urandom),
            ("_listdir", listdir),
            ("_fsop", fsop),
            ("_fdop", fdop),
        ],
        SRC,
        "<os>",
    )
}

fn urandom<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let n = super::util::int_arg(vm, args.opt_v(vm, 0), 0)?;
    if n < 0 {
        return Err(vm.raise_msg(T::ValueError, "negative argument not allowed"));
    }
    let mut b = vec![0u8; n as usize];
    let r = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut b));
    match r {
        Ok(()) => Ok(vm.new_bytes(&b)),
        Err(e) => Err(vm.raise_msg(T::OSError, &e.to_string())),
    }
}

/// An `(errno, strerror)` tuple for a failed call.
fn err_tuple(vm: &mut Vm, e: &std::io::Error) -> PyResult {
    let code = e.raw_os_error().unwrap_or(0);
    let msg = strerror(code);
    let m = vm.new_string(msg);
    let h = vm.push_root(m);
    let m = vm.root(h);
    vm.pop_roots(h);
    Ok(vm.new_tuple(&[Value::int(code as i64), m]))
}

pub(super) fn strerror(code: i32) -> String {
    let s = std::io::Error::from_raw_os_error(code).to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn listdir<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let p = Vm::as_str(args.v(vm, 0)).to_string();
    match std::fs::read_dir(&p) {
        Ok(rd) => {
            let names: Vec<String> = rd
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().to_string())
                .collect();
            let base = vm.root_depth();
            let hs: Vec<usize> = names
                .iter()
                .map(|n| {
                    let v = vm.new_str(n);
                    vm.push_root(v)
                })
                .collect();
            let vals: Vec<Value> = hs.iter().map(|h| vm.root(*h)).collect();
            vm.pop_roots(base);
            Ok(vm.new_list(&vals))
        }
        Err(e) => err_tuple(vm, &e),
    }
}

/// `_fsop(op, path, path2, mode)`: None on success, a value for readlink,
/// or an `(errno, strerror)` tuple.
fn fsop<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    use std::os::unix::fs::PermissionsExt;
    let op = Vm::as_str(args.v(vm, 0)).to_string();
    let p = Vm::as_str(args.v(vm, 1)).to_string();
    let p2 = Vm::as_str(args.v(vm, 2)).to_string();
    let mode = Vm::int_as_i64(args.v(vm, 3)).unwrap_or(0);
    let r: std::io::Result<Option<String>> = match op.as_str() {
        "mkdir" => {
            let mut b = std::fs::DirBuilder::new();
            std::os::unix::fs::DirBuilderExt::mode(&mut b, mode as u32);
            b.create(&p).map(|_| None)
        }
        "rmdir" => std::fs::remove_dir(&p).map(|_| None),
        "unlink" => std::fs::remove_file(&p).map(|_| None),
        "rename" => std::fs::rename(&p, &p2).map(|_| None),
        "chdir" => std::env::set_current_dir(&p).map(|_| None),
        "chmod" => {
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode as u32)).map(|_| None)
        }
        "symlink" => std::os::unix::fs::symlink(&p, &p2).map(|_| None),
        "readlink" => std::fs::read_link(&p).map(|t| Some(t.display().to_string())),
        "access" => access(&p, mode).map(|_| None),
        _ => return Err(vm.raise_msg(T::ValueError, "unknown os operation")),
    };
    match r {
        Ok(None) => Ok(Value::NONE),
        Ok(Some(s)) => Ok(vm.new_string(s)),
        Err(e) => err_tuple(vm, &e),
    }
}

fn access(p: &str, mode: i64) -> std::io::Result<()> {
    rawos::access(p, mode as i32)
}

/// The value of a raw call, or its `(errno, strerror)` tuple.
fn ret(vm: &mut Vm, r: std::io::Result<Value>) -> PyResult {
    match r {
        Ok(v) => Ok(v),
        Err(e) => err_tuple(vm, &e),
    }
}

/// `_fdop(op, fd, data_or_path, n, m)`: fd-level calls (modules/rawos.rs).
fn fdop<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let op = Vm::as_str(args.v(vm, 0)).to_string();
    let fd = Vm::int_as_i64(args.v(vm, 1)).unwrap_or(-1) as i32;
    let n = Vm::int_as_i64(args.v(vm, 3)).unwrap_or(0);
    let m = Vm::int_as_i64(args.v(vm, 4)).unwrap_or(0);
    let none = |r: std::io::Result<()>| r.map(|_| Value::NONE);
    let int = |r: std::io::Result<i32>| r.map(|x| Value::int(x as i64));
    let r = match op.as_str() {
        "open" => {
            let p = Vm::as_str(args.v(vm, 2)).to_string();
            if p.contains('\0') {
                return Err(vm.raise_msg(T::ValueError, "embedded null byte"));
            }
            int(rawos::open(&p, n as i32, m as u32))
        }
        "close" => none(rawos::close(fd)),
        "read" => match rawos::read(fd, n.max(0) as usize) {
            Ok(b) => Ok(vm.new_bytes(&b)),
            Err(e) => Err(e),
        },
        "write" => {
            let b = buf(vm, args.v(vm, 2))?;
            rawos::write(fd, &b).map(|x| Value::int(x as i64))
        }
        "lseek" => match rawos::lseek(fd, n, m as i32) {
            Ok(x) => Ok(vm.new_int(x)),
            Err(e) => Err(e),
        },
        "isatty" => Ok(Value::bool(rawos::isatty(fd))),
        "fstat" => match rawos::fstat(fd) {
            Ok(vals) => {
                let v: Vec<Value> = vals.iter().map(|x| Value::int(*x)).collect();
                // a list: `_err` takes tuples for errors
                Ok(vm.new_list(&v))
            }
            Err(e) => Err(e),
        },
        "pipe2" => match rawos::pipe2(n as i32) {
            // a list: `_err` takes tuples for errors
            Ok((a, b)) => Ok(vm.new_list(&[Value::int(a as i64), Value::int(b as i64)])),
            Err(e) => Err(e),
        },
        "dup" => int(rawos::dup(fd)),
        "dup2" => int(rawos::dup2(fd, n as i32, m != 0)),
        "fcntl" => int(rawos::fcntl(fd, n as i32, m as i32)),
        "fsync" => none(rawos::fsync(fd)),
        "ftruncate" => none(rawos::ftruncate(fd, n)),
        "kill" => none(rawos::kill(fd as i64, n as i32)),
        "getpgrp" => Ok(Value::int(rawos::getpgrp())),
        "strerror" => Ok(vm.new_string(strerror(fd))),
        "cpu_count" => Ok(Value::int(
            std::thread::available_parallelism().map_or(1, |n| n.get()) as i64,
        )),
        "getppid" => Ok(Value::int(rawos::getppid())),
        "getuid" => Ok(Value::int(rawos::getuid())),
        "getgid" => Ok(Value::int(rawos::getgid())),
        "umask" => Ok(Value::int(rawos::umask(fd as u32))),
        _ => return Err(vm.raise_msg(T::ValueError, "unknown os operation")),
    };
    ret(vm, r)
}
