# Language-level pieces of pygc written in Python (module `_pygc_lang`,
# executed at startup): slot descriptors, BaseException.add_note, the
# str-like methods and %-formatting of bytes/bytearray, types.GenericAlias
# for builtin containers, and a constructible method type.
# `_set_type_attr(type, name, value)` and `_bind(func, obj)` are native.


class member_descriptor:
    def __init__(self, name, owner):
        self.__name__ = name
        self.__objclass__ = owner

    def __get__(self, obj, typ=None):
        if obj is None:
            return self
        raise AttributeError(
            f"'{type(obj).__name__}' object has no attribute '{self.__name__}'")

    def __repr__(self):
        return f"<member '{self.__name__}' of '{self.__objclass__.__name__}' objects>"


def _setup_slots(cls):
    """Creates the slot descriptors of `cls`; True when instances have no
    `__dict__` (every class of the MRO declares `__slots__`)."""
    slots = cls.__dict__["__slots__"]
    if isinstance(slots, str):
        slots = (slots,)
    slots = tuple(slots)
    nodict = True
    made = set()
    for name in slots:
        if not isinstance(name, str):
            raise TypeError(
                f"__slots__ items must be strings, not '{type(name).__name__}'")
        if name == "__dict__":
            nodict = False
            continue
        if name == "__weakref__":
            continue
        if name.startswith("__") and not name.endswith("__"):
            name = "_" + cls.__name__.lstrip("_") + name
        if name in made:
            continue  # a repeated name (datetime's __slots__ has one)
        if name in cls.__dict__:
            raise ValueError(
                f"{name!r} in __slots__ conflicts with class variable")
        made.add(name)
        _set_type_attr(cls, name, member_descriptor(name, cls))
    for base in cls.__mro__[1:]:
        if base is object or (base.__module__ == "builtins"
                              and not issubclass(base, BaseException)):
            continue  # (builtin instances have no __dict__ but exceptions')
        d = base.__dict__
        if "__slots__" not in d:
            return False
        s = d["__slots__"]
        if s == "__dict__" or (not isinstance(s, str) and "__dict__" in s):
            return False
    return nodict


def add_note(self, note):
    if not isinstance(note, str):
        raise TypeError(f"note must be a str, not '{type(note).__name__}'")
    try:
        notes = self.__notes__
    except AttributeError:
        notes = self.__notes__ = []
    notes.append(note)


_set_type_attr(BaseException, "add_note", add_note)


class _C:
    def _m(self):
        pass


def _method_new(cls, func, obj):
    if not callable(func):
        raise TypeError("first argument must be callable")
    if obj is None:
        raise TypeError("instance must not be None")
    return _bind(func, obj)


_set_type_attr(type(_C()._m), "__new__", staticmethod(_method_new))


# --- bytes: the str-like methods (through latin-1 text, ASCII semantics) ---

_WS = " \t\n\r\x0b\x0c"


def _s(b):
    if isinstance(b, (bytes, bytearray)):
        return "".join(map(chr, b))
    if isinstance(b, int):
        if not 0 <= b < 256:
            raise ValueError("byte must be in range(0, 256)")
        return chr(b)
    if hasattr(b, "__bytes__"):
        return "".join(map(chr, bytes(b)))
    if type(b).__name__ == "memoryview":
        return "".join(map(chr, b.tobytes()))
    raise TypeError(f"a bytes-like object is required, not '{type(b).__name__}'")


def _b(s):
    return bytes(map(ord, s))


def _opt(x):
    return None if x is None else _s(x)


def _map_ascii(b, f):
    return bytes(f(c) for c in b)


def _upper(c):
    return c - 32 if 97 <= c <= 122 else c


def _lower(c):
    return c + 32 if 65 <= c <= 90 else c


def _isupper_c(c):
    return 65 <= c <= 90


def _islower_c(c):
    return 97 <= c <= 122


def _isalpha_c(c):
    return _isupper_c(c) or _islower_c(c)


def _isdigit_c(c):
    return 48 <= c <= 57


class _bytes_methods:
    def upper(self):
        return _map_ascii(self, _upper)

    def lower(self):
        return _map_ascii(self, _lower)

    def swapcase(self):
        return bytes(_upper(c) if _islower_c(c) else _lower(c) for c in self)

    def capitalize(self):
        return bytes(_upper(c) if i == 0 else _lower(c) for i, c in enumerate(self))

    def title(self):
        out = []
        prev = False
        for c in self:
            if _isalpha_c(c):
                out.append(_lower(c) if prev else _upper(c))
                prev = True
            else:
                out.append(c)
                prev = False
        return bytes(out)

    def isupper(self):
        return any(_isupper_c(c) for c in self) and not any(_islower_c(c) for c in self)

    def islower(self):
        return any(_islower_c(c) for c in self) and not any(_isupper_c(c) for c in self)

    def isalpha(self):
        return len(self) > 0 and all(_isalpha_c(c) for c in self)

    def isdigit(self):
        return len(self) > 0 and all(_isdigit_c(c) for c in self)

    def isalnum(self):
        return len(self) > 0 and all(_isalpha_c(c) or _isdigit_c(c) for c in self)

    def isspace(self):
        return len(self) > 0 and all(chr(c) in _WS for c in self)

    def isascii(self):
        return all(c < 128 for c in self)

    def istitle(self):
        cased = False
        prev = False
        for c in self:
            if _isupper_c(c):
                if prev:
                    return False
                prev = cased = True
            elif _islower_c(c):
                if not prev:
                    return False
                prev = cased = True
            else:
                prev = False
        return cased

    def startswith(self, prefix, start=None, end=None):
        if isinstance(prefix, tuple):
            return any(_s(self).startswith(_s(p), start, end) for p in prefix)
        if isinstance(prefix, int) or isinstance(prefix, str):
            raise TypeError("startswith first arg must be bytes or a tuple of bytes, "
                            f"not {type(prefix).__name__}")
        return _s(self).startswith(_s(prefix), start, end)

    def endswith(self, suffix, start=None, end=None):
        if isinstance(suffix, tuple):
            return any(_s(self).endswith(_s(p), start, end) for p in suffix)
        if isinstance(suffix, int) or isinstance(suffix, str):
            raise TypeError("endswith first arg must be bytes or a tuple of bytes, "
                            f"not {type(suffix).__name__}")
        return _s(self).endswith(_s(suffix), start, end)

    def find(self, sub, start=None, end=None):
        return _s(self).find(_s(sub), start, end)

    def rfind(self, sub, start=None, end=None):
        return _s(self).rfind(_s(sub), start, end)

    def index(self, sub, start=None, end=None):
        r = _s(self).find(_s(sub), start, end)
        if r < 0:
            raise ValueError("subsection not found")
        return r

    def rindex(self, sub, start=None, end=None):
        r = _s(self).rfind(_s(sub), start, end)
        if r < 0:
            raise ValueError("subsection not found")
        return r

    def count(self, sub, start=None, end=None):
        return _s(self).count(_s(sub), start, end)

    def replace(self, old, new, count=-1):
        return bytes(_b(_s(self).replace(_s(old), _s(new), count)))

    def split(self, sep=None, maxsplit=-1):
        if sep is None:
            return [bytes(_b(p)) for p in _ws_split(_s(self), maxsplit)]
        return [bytes(_b(p)) for p in _s(self).split(_s(sep), maxsplit)]

    def rsplit(self, sep=None, maxsplit=-1):
        if sep is None:
            s = _s(self)[::-1]
            return [bytes(_b(p[::-1])) for p in _ws_split(s, maxsplit)][::-1]
        return [bytes(_b(p)) for p in _s(self).rsplit(_s(sep), maxsplit)]

    def strip(self, chars=None):
        return bytes(_b(_s(self).strip(_WS if chars is None else _s(chars))))

    def lstrip(self, chars=None):
        return bytes(_b(_s(self).lstrip(_WS if chars is None else _s(chars))))

    def rstrip(self, chars=None):
        return bytes(_b(_s(self).rstrip(_WS if chars is None else _s(chars))))

    def partition(self, sep):
        return tuple(bytes(_b(p)) for p in _s(self).partition(_s(sep)))

    def rpartition(self, sep):
        return tuple(bytes(_b(p)) for p in _s(self).rpartition(_s(sep)))

    def center(self, width, fillchar=b" "):
        return bytes(_b(_s(self).center(width, _s(fillchar))))

    def ljust(self, width, fillchar=b" "):
        return bytes(_b(_s(self).ljust(width, _s(fillchar))))

    def rjust(self, width, fillchar=b" "):
        return bytes(_b(_s(self).rjust(width, _s(fillchar))))

    def zfill(self, width):
        return bytes(_b(_s(self).zfill(width)))

    def expandtabs(self, tabsize=8):
        return bytes(_b(_s(self).expandtabs(tabsize)))

    def splitlines(self, keepends=False):
        out = []
        s = _s(self)
        i = 0
        n = len(s)
        while i < n:
            j = i
            while j < n and s[j] not in "\r\n":
                j += 1
            k = j
            if j < n:
                k = j + 2 if s[j] == "\r" and j + 1 < n and s[j + 1] == "\n" else j + 1
            out.append(bytes(_b(s[i:k] if keepends else s[i:j])))
            i = k
        return out

    def removeprefix(self, prefix):
        p = _s(prefix)
        s = _s(self)
        return bytes(_b(s[len(p):] if s.startswith(p) else s))

    def removesuffix(self, suffix):
        p = _s(suffix)
        s = _s(self)
        return bytes(_b(s[:-len(p)] if p and s.endswith(p) else s))

    def translate(self, table, delete=b""):
        d = set(delete)
        if table is None:
            return bytes(bytes(c for c in self if c not in d))
        if len(table) != 256:
            raise ValueError("translation table must be 256 characters long")
        return bytes(bytes(table[c] for c in self if c not in d))

    def __mod__(self, args):
        return bytes(_b(_percent(_s(self), args)))

    def __rmod__(self, other):
        return NotImplemented


def _ws_split(s, maxsplit):
    out = []
    i = 0
    n = len(s)
    while True:
        while i < n and s[i] in _WS:
            i += 1
        if i >= n:
            break
        if maxsplit >= 0 and len(out) == maxsplit:
            out.append(s[i:])
            break
        j = i
        while j < n and s[j] not in _WS:
            j += 1
        out.append(s[i:j])
        i = j
    return out


def _pct_arg(spec, a):
    if spec in "sb":
        if isinstance(a, (bytes, bytearray)):
            return _s(a)
        if hasattr(a, "__bytes__"):
            return _s(bytes(a))
        raise TypeError(
            "%b requires a bytes-like object, or an object that implements __bytes__, "
            f"not '{type(a).__name__}'")
    if spec in "ra":
        return ascii(a)
    if spec == "c":
        if isinstance(a, int):
            return chr(a)
        if isinstance(a, (bytes, bytearray)) and len(a) == 1:
            return chr(a[0])
        raise TypeError("%c requires an integer in range(256) or a single byte")
    return a


def _percent(fmt, args):
    # convert the bytes-specific conversions to %s of latin-1 text
    specs = []
    i = 0
    n = len(fmt)
    out = []
    while i < n:
        c = fmt[i]
        if c != "%":
            out.append(c)
            i += 1
            continue
        j = i + 1
        if j < n and fmt[j] == "(":
            k = fmt.index(")", j)
            j = k + 1
        while j < n and fmt[j] in "-+ #0123456789.*":
            j += 1
        if j >= n:
            raise ValueError("incomplete format")
        conv = fmt[j]
        piece = fmt[i:j + 1]
        if conv == "%":
            out.append(piece)
        elif conv in "sbrac":
            out.append(piece[:-1] + "s")
            specs.append(conv)
        else:
            out.append(piece)
            specs.append(conv)
        i = j + 1
    f = "".join(out)
    if isinstance(args, dict):
        return f % {k: _pct_arg(c, v) for k, v in args.items()
                    for c in [_dict_conv(fmt, k)]}
    single = not isinstance(args, tuple)
    items = (args,) if single else args
    conv_items = []
    si = 0
    for a in items:
        conv_items.append(_pct_arg(specs[si], a) if si < len(specs) else a)
        si += 1
    return f % tuple(conv_items)


def _dict_conv(fmt, key):
    i = fmt.find("%(" + str(key) + ")")
    if i < 0:
        return "d"
    j = i + len(key) + 3
    while j < len(fmt) and fmt[j] in "-+ #0123456789.*":
        j += 1
    return fmt[j] if j < len(fmt) else "d"


for _n, _f in list(_bytes_methods.__dict__.items()):
    if not _n.startswith("__") or _n in ("__mod__", "__rmod__"):
        if "__dict__" not in _n and callable(_f):
            _set_type_attr(bytes, _n, _f)


def _maketrans(frm, to):
    frm = bytes(frm)
    to = bytes(to)
    if len(frm) != len(to):
        raise ValueError("maketrans arguments must have same length")
    t = list(range(256))
    for a, b in zip(frm, to):
        t[a] = b
    return bytes(t)


_set_type_attr(bytes, "maketrans", staticmethod(_maketrans))


def _ba_wrap(name):
    f = getattr(_bytes_methods, name)

    def m(self, *args):
        r = f(bytes(self), *args)
        if isinstance(r, bytes):
            return bytearray(r)
        if isinstance(r, list):
            return [bytearray(x) for x in r]
        if isinstance(r, tuple):
            return tuple(bytearray(x) for x in r)
        return r
    m.__name__ = name
    return m


for _n in list(_bytes_methods.__dict__):
    if _n.startswith("_") and _n != "__mod__":
        continue
    if _n not in bytearray.__dict__ or _n in ("translate", "startswith", "endswith",
                                             "find", "count", "index"):
        setattr(bytearray, _n, _ba_wrap(_n))
bytearray.maketrans = staticmethod(_maketrans)
del _n, _f


def _str_maketrans(x, y=None, z=None):
    if y is None:
        if not isinstance(x, dict):
            raise TypeError(
                "if you give only one argument to maketrans it must be a dict")
        r = {}
        for k, v in x.items():
            if isinstance(k, str):
                if len(k) != 1:
                    raise ValueError(
                        "string keys in translate table must be of length 1")
                k = ord(k)
            elif not isinstance(k, int):
                raise TypeError(
                    "keys in translate table must be strings or integers")
            r[k] = v
        return r
    if not isinstance(x, str):
        raise TypeError(f"maketrans() argument 1 must be str, not {type(x).__name__}")
    if not isinstance(y, str):
        raise TypeError(f"maketrans() argument 2 must be str, not {type(y).__name__}")
    if len(x) != len(y):
        raise ValueError("the first two maketrans arguments must have equal length")
    r = {}
    for a, b in zip(x, y):
        r[ord(a)] = ord(b)
    if z is not None:
        for c in z:
            r[ord(c)] = None
    return r


_set_type_attr(str, "maketrans", staticmethod(_str_maketrans))


def _str_removeprefix(self, prefix):
    if not isinstance(prefix, str):
        raise TypeError(
            f"removeprefix() argument must be str, not {type(prefix).__name__}")
    return self[len(prefix):] if self.startswith(prefix) else self[:]


def _str_removesuffix(self, suffix):
    if not isinstance(suffix, str):
        raise TypeError(
            f"removesuffix() argument must be str, not {type(suffix).__name__}")
    return self[:-len(suffix)] if suffix and self.endswith(suffix) else self[:]


for _n, _f in (("removeprefix", _str_removeprefix), ("removesuffix", _str_removesuffix)):
    if _n not in str.__dict__:
        _set_type_attr(str, _n, _f)
del _n, _f


def _sys_defaults():
    import sys
    for k, v in (("platlibdir", "lib"), ("abiflags", ""),
                 ("pycache_prefix", None), ("dont_write_bytecode", True)):
        if not hasattr(sys, k):
            setattr(sys, k, v)


_sys_defaults()


def _float_getformat(cls, typestr):
    if typestr not in ("double", "float"):
        raise ValueError("__getformat__() argument 1 must be 'double' or 'float'")
    return "IEEE, little-endian"


if "__getformat__" not in float.__dict__:
    _set_type_attr(float, "__getformat__", classmethod(_float_getformat))


def _frame_clear(self):
    return None


def _install_misc():
    import sys
    ft = type(sys._getframe())
    if "clear" not in ft.__dict__:
        _set_type_attr(ft, "clear", _frame_clear)

    def _slice_key(s):
        return (s.start, s.stop, s.step)

    def _slice_cmp(op):
        def f(self, other):
            if not isinstance(other, slice):
                return NotImplemented
            return op(_slice_key(self), _slice_key(other))
        return f
    import operator
    for n, op in (("__eq__", operator.eq), ("__ne__", operator.ne), ("__lt__", operator.lt),
                  ("__le__", operator.le), ("__gt__", operator.gt), ("__ge__", operator.ge)):
        if n not in slice.__dict__:
            _set_type_attr(slice, n, _slice_cmp(op))


_install_misc()
