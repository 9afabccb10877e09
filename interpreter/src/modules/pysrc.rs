//! Native modules written in Python and embedded in the binary: `abc` (the
//! `_py_abc` algorithm with plain sets instead of weak sets) and `_thread`
//! (single-threaded: locks that never block, one thread id).

use crate::modules::exec_src::exec_in;
use crate::object::value::Value;
use crate::vm::{PyResult, Vm};

const ABC_SRC: &str = r#"
def abstractmethod(funcobj):
    funcobj.__isabstractmethod__ = True
    return funcobj

class abstractproperty(property):
    __isabstractmethod__ = True

_abc_invalidation_counter = 0

def get_cache_token():
    return _abc_invalidation_counter

class ABCMeta(type):
    def __new__(mcls, name, bases, namespace, /, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        abstracts = {name
                     for name, value in namespace.items()
                     if getattr(value, "__isabstractmethod__", False)}
        for base in bases:
            for name in getattr(base, "__abstractmethods__", set()):
                value = getattr(cls, name, None)
                if getattr(value, "__isabstractmethod__", False):
                    abstracts.add(name)
        cls.__abstractmethods__ = frozenset(abstracts)
        cls._abc_registry = set()
        cls._abc_cache = set()
        cls._abc_negative_cache = set()
        cls._abc_negative_cache_version = _abc_invalidation_counter
        cls._abc_subclasses = []
        for base in bases:
            if isinstance(base, ABCMeta):
                base._abc_subclasses.append(cls)
        return cls

    def register(cls, subclass):
        global _abc_invalidation_counter
        if not isinstance(subclass, type):
            raise TypeError("Can only register classes")
        if issubclass(subclass, cls):
            return subclass
        if issubclass(cls, subclass):
            raise RuntimeError("Refusing to create an inheritance cycle")
        cls._abc_registry.add(subclass)
        _abc_invalidation_counter += 1
        return subclass

    def __instancecheck__(cls, instance):
        subclass = instance.__class__
        if subclass in cls._abc_cache:
            return True
        subtype = type(instance)
        if subtype is subclass:
            if (cls._abc_negative_cache_version == _abc_invalidation_counter and
                    subclass in cls._abc_negative_cache):
                return False
            return cls.__subclasscheck__(subclass)
        return any(cls.__subclasscheck__(c) for c in (subclass, subtype))

    def __subclasscheck__(cls, subclass):
        if not isinstance(subclass, type):
            raise TypeError('issubclass() arg 1 must be a class')
        if subclass in cls._abc_cache:
            return True
        if cls._abc_negative_cache_version < _abc_invalidation_counter:
            cls._abc_negative_cache = set()
            cls._abc_negative_cache_version = _abc_invalidation_counter
        elif subclass in cls._abc_negative_cache:
            return False
        ok = cls.__subclasshook__(subclass)
        if ok is not NotImplemented:
            assert isinstance(ok, bool)
            if ok:
                cls._abc_cache.add(subclass)
            else:
                cls._abc_negative_cache.add(subclass)
            return ok
        if cls in getattr(subclass, '__mro__', ()):
            cls._abc_cache.add(subclass)
            return True
        for rcls in cls._abc_registry:
            if issubclass(subclass, rcls):
                cls._abc_cache.add(subclass)
                return True
        for scls in cls._abc_subclasses:
            if issubclass(subclass, scls):
                cls._abc_cache.add(subclass)
                return True
        cls._abc_negative_cache.add(subclass)
        return False

    def _abc_registry_clear(cls):
        cls._abc_registry.clear()

    def _abc_caches_clear(cls):
        cls._abc_cache.clear()
        cls._abc_negative_cache.clear()

def update_abstractmethods(cls):
    if not hasattr(cls, '__abstractmethods__'):
        return cls
    abstracts = set()
    for scls in cls.__bases__:
        for name in getattr(scls, '__abstractmethods__', ()):
            value = getattr(cls, name, None)
            if getattr(value, "__isabstractmethod__", False):
                abstracts.add(name)
    for name, value in cls.__dict__.items():
        if getattr(value, "__isabstractmethod__", False):
            abstracts.add(name)
    cls.__abstractmethods__ = frozenset(abstracts)
    return cls

class ABC(metaclass=ABCMeta):
    __slots__ = ()
"#;

pub fn init_abc(vm: &mut Vm, d: Value) -> PyResult<()> {
    exec_in(vm, d, ABC_SRC, "<abc>")
}

const THREAD_SRC: &str = r#"
error = RuntimeError
TIMEOUT_MAX = 9223372036.0

def get_ident():
    return 1

def get_native_id():
    return 1

def _count():
    return 0

def stack_size(size=0):
    return 0

def start_new_thread(function, args, kwargs={}):
    raise RuntimeError("can't start new thread: pygc is single-threaded")

start_new = start_new_thread

def _set_sentinel():
    return allocate_lock()

class LockType:
    def __init__(self):
        self._locked = False
    def acquire(self, blocking=True, timeout=-1):
        if self._locked:
            if blocking and timeout < 0:
                raise RuntimeError("deadlock: acquiring a held lock (pygc is single-threaded)")
            return False
        self._locked = True
        return True
    def release(self):
        if not self._locked:
            raise RuntimeError("release unlocked lock")
        self._locked = False
    def locked(self):
        return self._locked
    def _at_fork_reinit(self):
        self._locked = False
    def __enter__(self):
        return self.acquire()
    def __exit__(self, t, v, tb):
        self.release()
    acquire_lock = acquire
    release_lock = release
    locked_lock = locked

def allocate_lock():
    return LockType()

allocate = allocate_lock

class RLock:
    def __init__(self):
        self._count = 0
    def acquire(self, blocking=True, timeout=-1):
        self._count += 1
        return True
    def release(self):
        if self._count == 0:
            raise RuntimeError("cannot release un-acquired lock")
        self._count -= 1
    def _is_owned(self):
        return self._count > 0
    def __enter__(self):
        return self.acquire()
    def __exit__(self, t, v, tb):
        self.release()

class _local:
    pass

def interrupt_main(signum=2):
    raise KeyboardInterrupt
"#;

pub fn init_thread(vm: &mut Vm, d: Value) -> PyResult<()> {
    exec_in(vm, d, THREAD_SRC, "<_thread>")
}

const SYS_SRC: &str = r#"
implementation = _SimpleNamespace(name="pygc", cache_tag=None, version=version_info,
                                 hexversion=0x30b00f0, _multiarch="x86_64-linux-gnu")
flags = _SimpleNamespace(debug=0, inspect=0, interactive=0, optimize=0,
                        dont_write_bytecode=0, no_user_site=0, no_site=0,
                        ignore_environment=0, verbose=0, bytes_warning=0, quiet=0,
                        hash_randomization=1, isolated=0, dev_mode=False, utf8_mode=0,
                        warn_default_encoding=0, safe_path=False, int_max_str_digits=-1)
hash_info = _SimpleNamespace(width=64, modulus=2305843009213693951, inf=314159, nan=0,
                             imag=1000003, algorithm="siphash13", hash_bits=64,
                             seed_bits=128, cutoff=0)
float_info = _SimpleNamespace(max=1.7976931348623157e+308, max_exp=1024, max_10_exp=308,
                              min=2.2250738585072014e-308, min_exp=-1021, min_10_exp=-307,
                              dig=15, mant_dig=53, epsilon=2.220446049250313e-16, radix=2,
                              rounds=1)
int_info = _SimpleNamespace(bits_per_digit=30, sizeof_digit=4, default_max_str_digits=4300,
                            str_digits_check_threshold=640)
del _SimpleNamespace

hexversion = 0x30b00f0
copyright = "Copyright (c) pygc authors.\nPython language and standard library: Copyright (c) 2001-2023 Python Software Foundation."
maxunicode = 0x10ffff
api_version = 1013
dont_write_bytecode = True
meta_path = []
path_hooks = []
path_importer_cache = {}
def getdefaultencoding():
    return "utf-8"
def getfilesystemencoding():
    return "utf-8"
def getfilesystemencodeerrors():
    return "surrogateescape"
def audit(event, *args):
    pass
"#;

const UNION_SRC: &str = r#"
class SimpleNamespace:
    def __init__(self, /, **kwargs):
        self.__dict__.update(kwargs)
    def __repr__(self):
        name = "namespace" if type(self) is SimpleNamespace else type(self).__name__
        items = ("{}={!r}".format(k, v) for k, v in self.__dict__.items())
        return "{}({})".format(name, ", ".join(items))
    def __eq__(self, other):
        if isinstance(self, SimpleNamespace) and isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented
    __hash__ = None
SimpleNamespace.__module__ = "types"

class UnionType:
    def __init__(self, args):
        self.__args__ = args
    def __repr__(self):
        def name(t):
            if t is type(None):
                return "None"
            if isinstance(t, type):
                return t.__name__ if t.__module__ == "builtins" else t.__module__ + "." + t.__qualname__
            return repr(t)
        return " | ".join(name(a) for a in self.__args__)
    def __or__(self, other):
        return _union(self, other)
    def __ror__(self, other):
        return _union(other, self)
    def __eq__(self, other):
        if not isinstance(other, UnionType):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)
    def __hash__(self):
        return hash(frozenset(self.__args__))
    def __instancecheck__(self, obj):
        return isinstance(obj, self.__args__)
    def __subclasscheck__(self, cls):
        return issubclass(cls, self.__args__)
UnionType.__module__ = "types"

def _union(a, b):
    args = []
    for x in (a, b):
        if x is None:
            x = type(None)
        for t in (x.__args__ if isinstance(x, UnionType) else (x,)):
            if t not in args:
                args.append(t)
    return UnionType(tuple(args)) if len(args) > 1 else args[0]

def _type_or(self, other):
    if other is None or isinstance(other, (type, UnionType)):
        return _union(self, other)
    return NotImplemented
def _type_ror(self, other):
    if other is None or isinstance(other, (type, UnionType)):
        return _union(other, self)
    return NotImplemented
type.__or__ = _type_or
type.__ror__ = _type_ror
"#;

/// The Python-level parts of `sys` (`implementation`, `flags`, encodings, ...)
/// and `type.__or__` (PEP 604 unions, `types.UnionType`) in a private namespace.
pub fn init_sys_py(vm: &mut Vm, d: Value) -> PyResult<()> {
    let h = vm.push_root(d);
    let m = vm.new_module("types");
    let hm = vm.push_root(m);
    let r = exec_in(vm, Vm::module_dict(m), UNION_SRC, "<types>").and_then(|_| {
        let k = vm.intern("SimpleNamespace");
        let ns = vm.dict_get_str(Vm::module_dict(vm.root(hm)), k);
        vm.set_str_item(vm.root(h), "_SimpleNamespace", ns.unwrap_or(Value::NONE));
        exec_in(vm, vm.root(h), SYS_SRC, "<sys>")
    });
    vm.pop_roots(h);
    r
}

const BYTEARRAY_SRC: &str = r#"
class PendingDeprecationWarning(Warning):
    pass
class RuntimeWarning(Warning):
    pass
class SyntaxWarning(Warning):
    pass
class FutureWarning(Warning):
    pass
class ImportWarning(Warning):
    pass
class UnicodeWarning(Warning):
    pass
class BytesWarning(Warning):
    pass
class ResourceWarning(Warning):
    pass
class EncodingWarning(Warning):
    pass

class BaseExceptionGroup(BaseException):
    # The exception-group types (PEP 654) without `except*`: construction,
    # `exceptions`, `message`, `subgroup`/`split`/`derive`, as CPython.
    def __new__(cls, message, exceptions, /):
        if not isinstance(message, str):
            raise TypeError("argument 1 must be str, not " + type(message).__name__)
        exceptions = tuple(exceptions)
        if not exceptions:
            raise ValueError("second argument (exceptions) must be a non-empty sequence")
        for e in exceptions:
            if not isinstance(e, BaseException):
                raise ValueError("Item %d of second argument (exceptions) is not an exception" % exceptions.index(e))
        if cls is BaseExceptionGroup and all(isinstance(e, Exception) for e in exceptions):
            cls = ExceptionGroup
        self = BaseException.__new__(cls, message, exceptions)
        self._message = message
        self._exceptions = exceptions
        return self
    def __init__(self, message, exceptions, /):
        BaseException.__init__(self, message, exceptions)
    @property
    def message(self):
        return self._message
    @property
    def exceptions(self):
        return self._exceptions
    def __str__(self):
        n = len(self._exceptions)
        return "%s (%d sub-exception%s)" % (self._message, n, "" if n == 1 else "s")
    def derive(self, excs):
        return BaseExceptionGroup(self._message, excs)
    def _match(self, cond):
        if isinstance(cond, type) or isinstance(cond, tuple):
            kinds = cond
            return lambda e: isinstance(e, kinds)
        return cond
    def split(self, condition):
        cond = self._match(condition)
        if cond(self):
            return self, None
        yes, no = [], []
        for e in self._exceptions:
            if isinstance(e, BaseExceptionGroup):
                a, b = e.split(cond)
                if a is not None:
                    yes.append(a)
                if b is not None:
                    no.append(b)
            elif cond(e):
                yes.append(e)
            else:
                no.append(e)
        return (self.derive(yes) if yes else None), (self.derive(no) if no else None)
    def subgroup(self, condition):
        return self.split(condition)[0]

class ExceptionGroup(BaseExceptionGroup, Exception):
    pass

class bytearray:
    __hash__ = None
    def __init__(self, source=None, encoding=None, errors=None):
        if source is None:
            self._b = []
        elif isinstance(source, int):
            if source < 0:
                raise ValueError("negative count")
            self._b = [0] * source
        elif isinstance(source, str):
            if encoding is None:
                raise TypeError("string argument without an encoding")
            self._b = list(source.encode(encoding))
        elif hasattr(type(source), '__index__'):
            n = type(source).__index__(source)
            if n < 0:
                raise ValueError("negative count")
            self._b = [0] * n
        else:
            self._b = [int(x) for x in source]
    @classmethod
    def fromhex(cls, s):
        return cls(bytes.fromhex(s))
    def __len__(self):
        return len(self._b)
    def __iter__(self):
        return iter(self._b)
    def __contains__(self, x):
        if isinstance(x, int):
            return x in self._b
        return bytes(self).find(bytes(x)) >= 0
    def __getitem__(self, i):
        if isinstance(i, slice):
            return bytearray(self._b[i])
        return self._b[i]
    def __setitem__(self, i, v):
        if isinstance(i, slice):
            self._b[i] = list(v)
        else:
            if not 0 <= v < 256:
                raise ValueError("byte must be in range(0, 256)")
            self._b[i] = v
    def __delitem__(self, i):
        del self._b[i]
    def __bytes__(self):
        return bytes(self._b)
    def __eq__(self, other):
        if isinstance(other, (bytes, bytearray)):
            return bytes(self) == bytes(other)
        return NotImplemented
    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r
    def __add__(self, other):
        return bytearray(self._b + list(other))
    def __iadd__(self, other):
        self._b.extend(other)
        return self
    def __mul__(self, n):
        return bytearray(self._b * n)
    def __repr__(self):
        return "bytearray(" + repr(bytes(self._b)) + ")"
    def append(self, x):
        self._b.append(x)
    def extend(self, it):
        self._b.extend(it)
    def pop(self, i=-1):
        return self._b.pop(i)
    def insert(self, i, x):
        self._b.insert(i, x)
    def clear(self):
        self._b.clear()
    def copy(self):
        return bytearray(self._b)
    def reverse(self):
        self._b.reverse()
    def find(self, sub, start=0, end=None):
        b = self._b
        n = len(b)
        end = n if end is None else (min(end, n) if end >= 0 else max(0, end + n))
        if start < 0:
            start = max(0, start + n)
        s = [sub] if isinstance(sub, int) else list(sub)
        m = len(s)
        for i in range(start, end - m + 1):
            if b[i:i + m] == s:
                return i
        return -1
    def index(self, sub, start=0, end=None):
        r = self.find(sub, start, end)
        if r < 0:
            raise ValueError("subsection not found")
        return r
    def count(self, sub):
        s = [sub] if isinstance(sub, int) else list(sub)
        m = len(s)
        i = n = 0
        while m and i + m <= len(self._b):
            if self._b[i:i + m] == s:
                n += 1
                i += m
            else:
                i += 1
        return n
    def decode(self, encoding="utf-8", errors="strict"):
        return bytes(self._b).decode(encoding, errors)
    def hex(self):
        return bytes(self._b).hex()
    def translate(self, table, delete=b""):
        return bytearray(table[c] for c in self._b if c not in delete)
    def startswith(self, p):
        return bytes(self._b).startswith(bytes(p))
    def endswith(self, p):
        return bytes(self._b).endswith(bytes(p))

class memoryview:
    def __init__(self, obj):
        self._data = bytes(obj)
        self.format = "B"
        self.itemsize = 1
        self._items = list(self._data)
    def cast(self, fmt):
        sizes = {"B": 1, "b": 1, "H": 2, "h": 2, "I": 4, "i": 4, "L": 8, "l": 8, "Q": 8, "q": 8}
        n = sizes[fmt]
        m = memoryview(self._data)
        m.format = fmt
        m.itemsize = n
        m._items = [int.from_bytes(self._data[i:i + n], "little", signed=fmt.islower() and fmt != "B")
                    for i in range(0, len(self._data), n)]
        return m
    def __len__(self):
        return len(self._items)
    def __getitem__(self, i):
        return self._items[i]
    def __iter__(self):
        return iter(self._items)
    def tolist(self):
        return list(self._items)
    def tobytes(self):
        return self._data
"#;

/// `bytearray`, a read-only `memoryview` and the warning categories missing
/// from the native exception table (Python classes, installed as builtins).
pub fn install_bytearray(vm: &mut Vm) -> PyResult<()> {
    let m = vm.new_module("builtins");
    let h = vm.push_root(m);
    let r = exec_in(vm, Vm::module_dict(m), BYTEARRAY_SRC, "<bytearray>");
    if r.is_ok() {
        let d = Vm::module_dict(vm.root(h));
        for n in [
            "bytearray",
            "memoryview",
            "PendingDeprecationWarning",
            "RuntimeWarning",
            "SyntaxWarning",
            "FutureWarning",
            "ImportWarning",
            "UnicodeWarning",
            "BytesWarning",
            "ResourceWarning",
            "EncodingWarning",
            "BaseExceptionGroup",
            "ExceptionGroup",
        ] {
            let k = vm.intern(n);
            if let Some(c) = vm.dict_get_str(d, k) {
                let b = vm.root(crate::vm::R_BUILTINS);
                vm.dict_set_str(b, k, c);
            }
        }
    }
    vm.pop_roots(h);
    r
}

const CODECS_SRC: &str = r#"
_search = []

def register(search_function):
    _search.append(search_function)

def unregister(search_function):
    if search_function in _search:
        _search.remove(search_function)

def lookup(encoding):
    norm = encoding.lower().replace(" ", "_")
    for f in _search:
        r = f(norm)
        if r is not None:
            return r
    raise LookupError("unknown encoding: %s" % encoding)

def lookup_error(name):
    raise LookupError("unknown error handler name '%s'" % name)

def register_error(name, handler):
    pass

def encode(obj, encoding="utf-8", errors="strict"):
    return obj.encode(encoding, errors)

def decode(obj, encoding="utf-8", errors="strict"):
    return obj.decode(encoding, errors)

def utf_8_encode(s, errors=None):
    return (s.encode("utf-8"), len(s))

def utf_8_decode(b, errors=None, final=False):
    return (bytes(b).decode("utf-8"), len(b))

def charmap_build(s):
    return {ord(c): i for i, c in enumerate(s)}
"#;

/// `_codecs`: enough for the pure-Python `codecs` module to import (utf-8 only).
pub fn init_codecs(vm: &mut Vm, d: Value) -> PyResult<()> {
    exec_in(vm, d, CODECS_SRC, "<_codecs>")
}

const CONTEXTVARS_SRC: &str = r#"
_MISSING = object()

class Token:
    MISSING = _MISSING
    def __init__(self, var, old_value):
        self.var = var
        self.old_value = old_value

class Context:
    def __init__(self):
        self._vars = {}
    def run(self, callable, *args, **kwargs):
        global _current
        saved = _current
        _current = self
        try:
            return callable(*args, **kwargs)
        finally:
            _current = saved
    def copy(self):
        c = Context()
        c._vars = dict(self._vars)
        return c
    def __getitem__(self, var):
        return self._vars[var]
    def __contains__(self, var):
        return var in self._vars
    def __len__(self):
        return len(self._vars)
    def __iter__(self):
        return iter(self._vars)
    def get(self, var, default=None):
        return self._vars.get(var, default)
    def keys(self):
        return self._vars.keys()
    def values(self):
        return self._vars.values()
    def items(self):
        return self._vars.items()

_current = Context()

def copy_context():
    return _current.copy()

class ContextVar:
    def __init__(self, name, *, default=_MISSING):
        self.name = name
        self._default = default
    def get(self, *args):
        v = _current._vars.get(self, _MISSING)
        if v is not _MISSING:
            return v
        if args:
            return args[0]
        if self._default is not _MISSING:
            return self._default
        raise LookupError(self)
    def set(self, value):
        old = _current._vars.get(self, _MISSING)
        _current._vars[self] = value
        return Token(self, old)
    def reset(self, token):
        if token.old_value is _MISSING:
            _current._vars.pop(self, None)
        else:
            _current._vars[self] = token.old_value
    def __repr__(self):
        return "<ContextVar name=%r>" % self.name
"#;

/// `_contextvars` (single-threaded: one current context).
pub fn init_contextvars(vm: &mut Vm, d: Value) -> PyResult<()> {
    exec_in(vm, d, CONTEXTVARS_SRC, "<_contextvars>")
}

/// `errno` (Linux values).
pub fn init_errno(vm: &mut Vm, d: Value) -> PyResult<()> {
    exec_in(vm, d, include_str!("extra/errno.py"), "<errno>")
}
