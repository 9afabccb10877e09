# More of `_pygc_lang` (see lang_src.py): set's in-place methods,
# frozenset's read-only ones, float.hex / float.fromhex.


def _difference_update(self, *others):
    for o in others:
        for x in (o if isinstance(o, (set, frozenset)) else set(o)):
            self.discard(x)


def _intersection_update(self, *others):
    keep = self.intersection(*others)
    self.clear()
    self.update(keep)


def _symmetric_difference_update(self, other):
    res = self.symmetric_difference(other)
    self.clear()
    self.update(res)


for _n, _f in (("difference_update", _difference_update),
               ("intersection_update", _intersection_update),
               ("symmetric_difference_update", _symmetric_difference_update)):
    if _n not in set.__dict__:
        _set_type_attr(set, _n, _f)


def _frozenset_copy(self):
    return self if type(self) is frozenset else frozenset(self)


for _n, _f in (("copy", _frozenset_copy), ("isdisjoint", set.isdisjoint),
               ("issubset", set.issubset), ("issuperset", set.issuperset)):
    if _n not in frozenset.__dict__:
        _set_type_attr(frozenset, _n, _f)


def _float_hex(self):
    x = float(self)
    if x != x:
        return "nan"
    if x in (float("inf"), float("-inf")):
        return "inf" if x > 0 else "-inf"
    sign = "-" if x < 0 or (x == 0 and str(x)[0] == "-") else ""
    x = abs(x)
    if x == 0:
        return sign + "0x0.0p+0"
    import math
    m, e = math.frexp(x)
    m, e = m * 2, e - 1
    if e < -1022:
        m, e = m / 2 ** (-1022 - e), -1022
        lead = 0
    else:
        lead = 1
    frac = int((m - lead) * (1 << 52))
    return "%s0x%d.%013xp%+d" % (sign, lead, frac, e)


def _scale(n, e):
    # n * 2**e correctly rounded (half to even), subnormals included
    import math
    if n == 0:
        return 0.0
    bl = n.bit_length()
    top = bl + e - 1
    prec = 53 if top >= -1022 else max(0, 53 - (-1022 - top))
    shift = bl - prec
    if shift > 0:
        q, r, half = n >> shift, n & ((1 << shift) - 1), 1 << (shift - 1)
        if r > half or (r == half and q & 1):
            q += 1
        n, e = q, e + shift
    try:
        return math.ldexp(n, e)
    except OverflowError:
        raise OverflowError("hexadecimal value too large to represent as a float") from None


def _float_fromhex(cls, s):
    import re
    t = s.strip().lower()
    m = re.fullmatch(r"([+-]?)(?:(inf|infinity|nan)|(?:0x)?([0-9a-f]*)(?:\.([0-9a-f]*))?"
                     r"(?:p([+-]?[0-9]+))?)", t)
    if not m or (m.group(2) is None and not (m.group(3) or m.group(4))):
        raise ValueError("invalid hexadecimal floating-point string")
    neg = m.group(1) == "-"
    if m.group(2):
        v = float("nan") if m.group(2) == "nan" else float("inf")
    else:
        ip, fp = m.group(3) or "", m.group(4) or ""
        n = int(ip + fp or "0", 16)
        e = int(m.group(5) or 0) - 4 * len(fp)
        v = _scale(n, e)
    v = -v if neg else v
    return v if cls is float else cls(v)


if "hex" not in float.__dict__:
    _set_type_attr(float, "hex", _float_hex)
if "fromhex" not in float.__dict__:
    _set_type_attr(float, "fromhex", classmethod(_float_fromhex))
del _n, _f


def _object_getstate(self):
    d = getattr(self, "__dict__", None)
    state = d if d else None
    slots = {}
    for c in type(self).__mro__:
        for n in c.__dict__.get("__slots__", ()):
            if n in ("__dict__", "__weakref__"):
                continue
            if n.startswith("__") and not n.endswith("__"):
                n = "_" + c.__name__.lstrip("_") + n
            try:
                slots[n] = getattr(self, n)
            except AttributeError:
                pass
    return (state, slots) if slots else state


def _object_reduce_ex(self, protocol):
    cls = type(self)
    red = getattr(cls, "__reduce__", None)
    if red is not None and red is not _object_reduce:
        return self.__reduce__()
    return _object_reduce(self, protocol)


def _object_reduce(self, protocol=0):
    import copyreg
    cls = type(self)
    if cls.__module__ == "builtins" and cls is not object:
        raise TypeError(f"cannot pickle {cls.__name__!r} object")
    if protocol < 2:
        return copyreg._reduce_ex(self, protocol)
    args = ()
    if hasattr(self, "__getnewargs_ex__"):
        args, kwargs = self.__getnewargs_ex__()
        if kwargs:
            return (copyreg.__newobj_ex__, (cls, args, kwargs), self.__getstate__(),
                    None, None)
    elif hasattr(self, "__getnewargs__"):
        args = self.__getnewargs__()
    state = self.__getstate__()
    listitems = iter(self) if isinstance(self, list) else None
    dictitems = iter(self.items()) if isinstance(self, dict) else None
    return (copyreg.__newobj__, (cls,) + tuple(args), state, listitems, dictitems)


_set_type_attr(object, "__getstate__", _object_getstate)
_set_type_attr(object, "__reduce_ex__", _object_reduce_ex)
_set_type_attr(object, "__reduce__", _object_reduce)


def _excepthook(exc_type, exc_value, exc_tb):
    import traceback
    traceback.print_exception(exc_type, exc_value, exc_tb)


def _unraisablehook(unraisable):
    import sys
    msg = unraisable.err_msg or "Exception ignored in"
    print(f"{msg}: {unraisable.object!r}", file=sys.stderr)


def _displayhook(value):
    import builtins
    import sys
    if value is None:
        return
    builtins._ = None
    sys.stdout.write(repr(value) + "\n")
    builtins._ = value


_trace = [None, None]


class _Stdin:
    # sys.stdin: text lines read from fd 0 (os.read)
    encoding = "utf-8"
    errors = "strict"
    newlines = None
    closed = False
    mode = "r"
    name = "<stdin>"

    def __init__(self):
        self._buf = b""
        self._eof = False

    def fileno(self):
        return 0

    def isatty(self):
        import os
        return os.isatty(0)

    def readable(self):
        return True

    def writable(self):
        return False

    def _fill(self):
        import os
        if self._eof:
            return False
        chunk = os.read(0, 65536)
        if not chunk:
            self._eof = True
            return False
        self._buf += chunk
        return True

    def readline(self, size=-1):
        while b"\n" not in self._buf and self._fill():
            pass
        i = self._buf.find(b"\n")
        n = len(self._buf) if i < 0 else i + 1
        if size is not None and size >= 0:
            n = min(n, size)
        line, self._buf = self._buf[:n], self._buf[n:]
        return line.decode(self.encoding, self.errors)

    def read(self, size=-1):
        if size is None or size < 0:
            while self._fill():
                pass
            data, self._buf = self._buf, b""
        else:
            while len(self._buf) < size and self._fill():
                pass
            data, self._buf = self._buf[:size], self._buf[size:]
        return data.decode(self.encoding, self.errors)

    def readlines(self):
        return list(self)

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *a):
        pass


def _waitstatus_to_exitcode(status):
    if status & 0x7F == 0:
        return (status >> 8) & 0xFF
    if ((status & 0x7F) + 1) >> 1 > 0:
        return -(status & 0x7F)
    raise ValueError(f"invalid wait status: {status}")


def _waitpid(pid, options):
    raise ChildProcessError(10, "No child processes")


def _posix_process_names(d):
    # called by the posix module's init (so `os` is not imported at startup)
    for name, v in (("waitpid", _waitpid), ("waitstatus_to_exitcode", _waitstatus_to_exitcode),
                    ("WIFSTOPPED", lambda s: s & 0xFF == 0x7F),
                    ("WSTOPSIG", lambda s: (s >> 8) & 0xFF), ("WNOHANG", 1)):
        if name not in d:
            d[name] = v


def _sys_hooks():
    import sys
    if not hasattr(sys, "stdin"):
        sys.stdin = sys.__stdin__ = _Stdin()
    if not hasattr(sys, "gettrace"):
        # pygc runs no trace or profile functions; they are only stored
        sys.gettrace = lambda: _trace[0]
        sys.settrace = lambda f: _trace.__setitem__(0, f)
        sys.getprofile = lambda: _trace[1]
        sys.setprofile = lambda f: _trace.__setitem__(1, f)
    for name, f in (("excepthook", _excepthook), ("unraisablehook", _unraisablehook),
                    ("displayhook", _displayhook)):
        if not hasattr(sys, name):
            setattr(sys, name, f)
            setattr(sys, "__" + name + "__", f)


_sys_hooks()


def _syntax_error_init(self, *args):
    # SyntaxError(msg, (filename, lineno, offset, text[, end_lineno[, end_offset]]))
    BaseException.__init__(self, *args)
    self.msg = args[0] if args else None
    self.filename = self.lineno = self.offset = self.text = None
    self.end_lineno = self.end_offset = self.print_file_and_line = None
    if len(args) == 2:
        info = tuple(args[1])
        if len(info) < 4:
            raise TypeError(
                f"function takes at least 4 arguments ({len(info)} given)")
        if len(info) > 6:
            raise TypeError(
                f"function takes at most 6 arguments ({len(info)} given)")
        self.filename, self.lineno, self.offset, self.text = info[:4]
        if len(info) > 4:
            self.end_lineno = info[4]
        if len(info) > 5:
            self.end_offset = info[5]


def _syntax_error_str(self):
    fn = self.filename
    fn = fn.rpartition("/")[2] if isinstance(fn, str) else None
    line = self.lineno if isinstance(self.lineno, int) else None
    msg = str(self.msg if self.msg is not None else "")
    if fn is not None and line is not None:
        return f"{msg} ({fn}, line {line})"
    if fn is not None:
        return f"{msg} ({fn})"
    if line is not None:
        return f"{msg} (line {line})"
    return msg


_set_type_attr(SyntaxError, "__init__", _syntax_error_init)
_set_type_attr(SyntaxError, "__str__", _syntax_error_str)
