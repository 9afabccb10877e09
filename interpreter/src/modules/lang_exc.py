# More of `_pygc_lang` (see lang_src.py): the attributes and messages of
# OSError (errno, strerror, filename, filename2; "[Errno N] text: 'path'")
# and ImportError (name, path, msg). Natively raised OSErrors get the same
# attributes from `Vm::raise_os_error`.

for _n in ("errno", "strerror", "filename", "filename2"):
    _set_type_attr(OSError, _n, None)
_set_type_attr(OSError, "characters_written", 0)


def _oserror_init(self, *args):
    BaseException.__init__(self, *args)
    if 2 <= len(args) <= 5:
        self.errno = args[0]
        self.strerror = args[1]
        if len(args) >= 3:
            self.filename = args[2]
            if len(args) == 5:
                self.filename2 = args[4]
            self.args = args[:2]


def _oserror_str(self):
    if self.filename is not None:
        if self.filename2 is not None:
            return "[Errno %s] %s: %r -> %r" % (
                self.errno, self.strerror, self.filename, self.filename2)
        return "[Errno %s] %s: %r" % (self.errno, self.strerror, self.filename)
    if self.errno is not None and self.strerror is not None:
        return "[Errno %s] %s" % (self.errno, self.strerror)
    a = self.args
    return "" if not a else str(a[0]) if len(a) == 1 else str(a)


def _oserror_reduce(self):
    args = self.args
    if self.filename is not None:
        args = (self.errno, self.strerror, self.filename)
        if self.filename2 is not None:
            args += (None, self.filename2)
    d = getattr(self, "__dict__", None)
    return (type(self), args, d) if d else (type(self), args)


import builtins as _builtins_mod


def _builtin_exc(name, base):
    c = getattr(_builtins_mod, name, None)
    if c is None:
        c = type(name, (base,), {"__module__": "builtins"})
        setattr(_builtins_mod, name, c)
        # the builtins namespace name lookups use (`builtins` is a copy)
        if isinstance(__builtins__, dict):
            __builtins__[name] = c
    return c


_builtin_exc("ConnectionError", OSError)
for _n, _base in (("BlockingIOError", OSError), ("ChildProcessError", OSError),
                  ("BrokenPipeError", _builtins_mod.ConnectionError),
                  ("ConnectionAbortedError", _builtins_mod.ConnectionError),
                  ("ConnectionRefusedError", _builtins_mod.ConnectionError),
                  ("ConnectionResetError", _builtins_mod.ConnectionError),
                  ("FileExistsError", OSError), ("FileNotFoundError", OSError),
                  ("IsADirectoryError", OSError), ("NotADirectoryError", OSError),
                  ("InterruptedError", OSError), ("PermissionError", OSError),
                  ("ProcessLookupError", OSError), ("TimeoutError", OSError)):
    _builtin_exc(_n, _base)
_errno_classes = {}
for _n, _codes in (("BlockingIOError", (11, 114, 115)), ("ChildProcessError", (10,)),
                   ("BrokenPipeError", (32, 108)), ("ConnectionAbortedError", (103,)),
                   ("ConnectionRefusedError", (111,)), ("ConnectionResetError", (104,)),
                   ("FileExistsError", (17,)), ("FileNotFoundError", (2,)),
                   ("IsADirectoryError", (21,)), ("NotADirectoryError", (20,)),
                   ("InterruptedError", (4,)), ("PermissionError", (1, 13)),
                   ("ProcessLookupError", (3,)), ("TimeoutError", (110,))):
    for _code in _codes:
        _errno_classes[_code] = getattr(_builtins_mod, _n)


def _oserror_new(cls, *args, **kwargs):
    if cls is OSError and 2 <= len(args) <= 5 and type(args[0]) is int:
        cls = _errno_classes.get(args[0], cls)
    return BaseException.__new__(cls, *args)


_set_type_attr(OSError, "__new__", staticmethod(_oserror_new))
_set_type_attr(OSError, "__init__", _oserror_init)
_set_type_attr(OSError, "__str__", _oserror_str)
_set_type_attr(OSError, "__reduce__", _oserror_reduce)

for _n in ("name", "path"):
    _set_type_attr(ImportError, _n, None)


def _importerror_init(self, *args, name=None, path=None):
    BaseException.__init__(self, *args)
    self.name = name
    self.path = path
    self.msg = args[0] if len(args) == 1 else None


_set_type_attr(ImportError, "__init__", _importerror_init)
del _n, _base, _codes, _code, _builtins_mod
