//! Small system modules that stdlib modules import: `_imp` (the builtin
//! half of importlib), `_warnings`, `_signal` (handlers recorded, no delivery), `select`
//! (`select`/`poll` on libc `poll`), and `posix` (the `os` module's
//! functions under their C-module name).

use super::util::init_with_native;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};

const IMP_SRC: &str = r#"
import sys as _sys
check_hash_based_pycs = "default"
def lock_held():
    return False
def acquire_lock():
    pass
def release_lock():
    pass
def is_builtin(name):
    return 1 if name in _sys.builtin_module_names else 0
def is_frozen(name):
    return False
def is_frozen_package(name):
    return False
def get_frozen_object(name, data=None):
    raise ImportError("No such frozen object named %r" % name, name=name)
def init_frozen(name):
    return None
def find_frozen(name, withdata=False):
    return None
def create_builtin(spec):
    return __import__(spec.name)
def exec_builtin(mod):
    return 0
def create_dynamic(spec, file=None):
    raise ImportError("pygc cannot load extension modules", name=spec.name)
def exec_dynamic(mod):
    return 0
def extension_suffixes():
    return []
def _fix_co_filename(code, path):
    pass
def source_hash(key, source):
    return bytes(8)
def _frozen_module_names():
    return ()
def _override_multi_interp_extensions_check(override):
    return -1
def _override_frozen_modules_for_tests(override):
    return None
"#;

const SIGNAL_SRC: &str = r#"
SIG_DFL = 0
SIG_IGN = 1
NSIG = 65
SIGHUP = 1
SIGINT = 2
SIGQUIT = 3
SIGILL = 4
SIGTRAP = 5
SIGABRT = 6
SIGIOT = 6
SIGBUS = 7
SIGFPE = 8
SIGKILL = 9
SIGUSR1 = 10
SIGSEGV = 11
SIGUSR2 = 12
SIGPIPE = 13
SIGALRM = 14
SIGTERM = 15
SIGCHLD = 17
SIGCONT = 18
SIGSTOP = 19
SIGTSTP = 20
SIGTTIN = 21
SIGTTOU = 22
SIGURG = 23
SIGXCPU = 24
SIGXFSZ = 25
SIGVTALRM = 26
SIGPROF = 27
SIGWINCH = 28
SIGIO = 29
SIGPOLL = 29
SIGPWR = 30
SIGSYS = 31
SIGRTMIN = 34
SIGRTMAX = 64
SIG_BLOCK = 0
SIG_UNBLOCK = 1
SIG_SETMASK = 2
ITIMER_REAL = 0
ITIMER_VIRTUAL = 1
ITIMER_PROF = 2

class ItimerError(OSError):
    pass

def default_int_handler(signalnum, frame):
    raise KeyboardInterrupt

_handlers = {SIGINT: default_int_handler}

def _check(signalnum):
    if not 1 <= signalnum < NSIG:
        raise ValueError("signal number out of range")

def signal(signalnum, handler):
    _check(signalnum)
    if signalnum in (SIGKILL, SIGSTOP):
        raise OSError(22, "Invalid argument")
    if handler not in (SIG_DFL, SIG_IGN) and not callable(handler):
        raise TypeError("signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object")
    old = _handlers.get(signalnum, SIG_DFL)
    _handlers[signalnum] = handler
    return old

def getsignal(signalnum):
    _check(signalnum)
    return _handlers.get(signalnum, SIG_DFL)

def strsignal(signalnum):
    _check(signalnum)
    return {SIGINT: "Interrupt", SIGTERM: "Terminated", SIGKILL: "Killed",
            SIGHUP: "Hangup", SIGALRM: "Alarm clock", SIGSEGV: "Segmentation fault"}.get(signalnum)

def valid_signals():
    return set(range(1, NSIG))

def set_wakeup_fd(fd, *, warn_on_full_buffer=True):
    return -1

def siginterrupt(signalnum, flag):
    _check(signalnum)

def alarm(seconds):
    return 0

def pause():
    raise OSError(4, "Interrupted system call")

def raise_signal(signalnum):
    _check(signalnum)
    h = _handlers.get(signalnum, SIG_DFL)
    if callable(h):
        h(signalnum, None)
    elif h == SIG_DFL and signalnum == SIGINT:
        raise KeyboardInterrupt

def pthread_sigmask(how, mask):
    return set()

def setitimer(which, seconds, interval=0.0):
    return (0.0, 0.0)

def getitimer(which):
    return (0.0, 0.0)
"#;

const SELECT_SRC: &str = r#"
error = OSError
POLLIN = 1
POLLPRI = 2
POLLOUT = 4
POLLERR = 8
POLLHUP = 16
POLLNVAL = 32
POLLRDNORM = 64
POLLRDBAND = 128
POLLWRNORM = 256
POLLWRBAND = 512
PIPE_BUF = 4096

def _fd(obj):
    if isinstance(obj, int):
        fd = obj
    else:
        fd = obj.fileno()
    if fd < 0:
        raise ValueError("file descriptor cannot be a negative integer (%d)" % fd)
    return fd

def _ms(timeout):
    if timeout is None:
        return -1
    if timeout < 0:
        raise ValueError("timeout must be non-negative")
    return int(timeout * 1000 + 0.999999)

def select(rlist, wlist, xlist, timeout=None):
    rlist, wlist, xlist = list(rlist), list(wlist), list(xlist)
    fds = {}
    for objs, ev in ((rlist, POLLIN), (wlist, POLLOUT), (xlist, POLLPRI)):
        for o in objs:
            fd = _fd(o)
            fds[fd] = fds.get(fd, 0) | ev
    res = dict(_poll(list(fds.items()), _ms(timeout)))
    def ready(objs, ev):
        return [o for o in objs if res.get(_fd(o), 0) & (ev | POLLERR | POLLHUP | POLLNVAL)]
    return ready(rlist, POLLIN), ready(wlist, POLLOUT), ready(xlist, POLLPRI)

class poll:
    def __init__(self):
        self._fds = {}
    def register(self, fd, eventmask=POLLIN | POLLPRI | POLLOUT):
        self._fds[_fd(fd)] = eventmask
    def modify(self, fd, eventmask):
        fd = _fd(fd)
        if fd not in self._fds:
            raise FileNotFoundError(2, "No such file or directory")
        self._fds[fd] = eventmask
    def unregister(self, fd):
        del self._fds[_fd(fd)]
    def poll(self, timeout=None):
        ms = -1 if timeout is None or timeout < 0 else int(timeout)
        return [(fd, ev) for fd, ev in _poll(list(self._fds.items()), ms) if ev]
"#;

const WARNINGS_SRC: &str = r#"
def warn(message, category=None, stacklevel=1, source=None):
    import warnings
    warnings.warn(message, category, stacklevel + 1, source)

def warn_explicit(message, category, filename, lineno, module=None, registry=None,
                  module_globals=None, source=None):
    import warnings
    warnings.warn_explicit(message, category, filename, lineno, module, registry,
                           module_globals, source)
"#;

/// `_warnings`: delegates to the stdlib's `warnings` (which, finding no
/// `filters` here, uses its pure-Python implementation).
pub fn init_warnings(vm: &mut Vm, d: Value) -> PyResult<()> {
    init_with_native(vm, d, &[], WARNINGS_SRC, "<_warnings>")
}

pub fn init_imp(vm: &mut Vm, d: Value) -> PyResult<()> {
    let h = vm.push_root(d);
    let r = init_with_native(vm, d, &[], IMP_SRC, "<_imp>");
    let d = vm.root(h);
    vm.pop_roots(h);
    r?;
    crate::modules::exec_src::exec_in(vm, d, include_str!("extra/imp_finder.py"), "<_imp>")
}

/// `_io`: the classes of pygc's `io` under the C module's name.
pub fn init_io(vm: &mut Vm, d: Value) -> PyResult<()> {
    crate::modules::exec_src::exec_in(vm, d, include_str!("extra/_io.py"), "<_io>")
}

/// `_json`: json's pure-Python scanner/encoder under the C module's names.
pub fn init_json(vm: &mut Vm, d: Value) -> PyResult<()> {
    use crate::modules::{json_enc as e, json_scan as s};
    let fns: &[(&'static str, crate::vm::NativeFn)] = &[
        ("scanstring", s::scanstring),
        ("_scan_once", s::scan_once_fn),
        ("encode_basestring_ascii", e::encode_basestring_ascii),
        ("encode_basestring", e::encode_basestring),
        ("_encode", e::encode_fn),
    ];
    init_with_native(vm, d, fns, include_str!("extra/_json.py"), "<_json>")
}

/// `_posixsubprocess`: importable; starting a child process is an OSError.
pub fn init_posixsubprocess(vm: &mut Vm, d: Value) -> PyResult<()> {
    let src = include_str!("extra/_posixsubprocess.py");
    crate::modules::exec_src::exec_in(vm, d, src, "<_posixsubprocess>")
}

/// `marshal`: CPython's format for the value types (no code objects).
pub fn init_marshal(vm: &mut Vm, d: Value) -> PyResult<()> {
    crate::modules::exec_src::exec_in(vm, d, include_str!("extra/marshal.py"), "<marshal>")
}

pub fn init_signal(vm: &mut Vm, d: Value) -> PyResult<()> {
    init_with_native(vm, d, &[], SIGNAL_SRC, "<_signal>")
}

pub fn init_select(vm: &mut Vm, d: Value) -> PyResult<()> {
    init_with_native(vm, d, &[("_poll", poll)], SELECT_SRC, "<select>")
}

/// `_poll([(fd, events), ...], timeout_ms)` → `[(fd, revents), ...]`.
fn poll<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let items = vm.collect(args.v(vm, 0))?;
    let mut fds: Vec<libc::pollfd> = items
        .iter()
        .map(|t| libc::pollfd {
            fd: Vm::int_as_i64(Vm::tuple_get(*t, 0)).unwrap_or(-1) as libc::c_int,
            events: Vm::int_as_i64(Vm::tuple_get(*t, 1)).unwrap_or(0) as libc::c_short,
            revents: 0,
        })
        .collect();
    let ms = Vm::int_as_i64(args.v(vm, 1)).unwrap_or(-1) as libc::c_int;
    // SAFETY: `fds` is a valid array of `fds.len()` pollfd structs.
    let r = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, ms) };
    if r < 0 {
        let e = std::io::Error::last_os_error();
        return Err(vm.raise_msg(T::OSError, &e.to_string()));
    }
    let base = vm.root_depth();
    let mut hs = vec![];
    for p in &fds {
        let t = vm.new_tuple(&[Value::int(p.fd as i64), Value::int(p.revents as i64)]);
        hs.push(vm.push_root(t));
    }
    let vals: Vec<Value> = hs.iter().map(|h| vm.root(*h)).collect();
    vm.pop_roots(base);
    Ok(vm.new_list(&vals))
}
