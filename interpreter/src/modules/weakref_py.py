# The Python half of pygc's _weakref (see weakref.rs): reference and proxy
# classes over the native weak cells. `_new`, `_get`, `getweakrefs` and
# `getweakrefcount` are native.


class ReferenceType:
    __slots__ = ("_cell", "__callback__", "_hash")

    def __new__(cls, ob, callback=None):
        if callback is None and cls is ReferenceType:
            for r in getweakrefs(ob):
                if type(r) is ReferenceType and r.__callback__ is None:
                    return r
        self = object.__new__(cls)
        self.__callback__ = callback
        self._hash = None
        self._cell = _new(ob, self)
        return self

    def __init__(self, ob, callback=None):
        pass

    def __call__(self):
        return _get(self._cell)

    def __hash__(self):
        h = self._hash
        if h is None:
            o = _get(self._cell)
            if o is None:
                raise TypeError("weak object has gone away")
            h = hash(o)
            self._hash = h
        return h

    def __eq__(self, other):
        if not isinstance(other, ReferenceType):
            return NotImplemented
        a = _get(self._cell)
        b = _get(other._cell)
        if a is None or b is None:
            return self is other
        return a == b

    def __ne__(self, other):
        if not isinstance(other, ReferenceType):
            return NotImplemented
        a = _get(self._cell)
        b = _get(other._cell)
        if a is None or b is None:
            return self is not other
        return a != b

    def __repr__(self):
        o = _get(self._cell)
        if o is None:
            return "<weakref at %#x; dead>" % id(self)
        name = getattr(o, "__name__", None)
        if isinstance(name, str):
            return "<weakref at %#x; to '%s' at %#x (%s)>" % (
                id(self), type(o).__name__, id(o), name)
        return "<weakref at %#x; to '%s' at %#x>" % (id(self), type(o).__name__, id(o))

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)


ReferenceType.__module__ = "weakref"
ref = ReferenceType


def _deref(p):
    o = _get(object.__getattribute__(p, "_proxy_cell"))
    if o is None:
        raise ReferenceError("weakly-referenced object no longer exists")
    return o


def _unwrap(o):
    if isinstance(o, ProxyType):
        return _deref(o)
    return o


def _make_proxy(cls, ob, callback):
    if callback is None:
        for r in getweakrefs(ob):
            if type(r) is cls and object.__getattribute__(r, "__callback__") is None:
                return r
    p = object.__new__(cls)
    object.__setattr__(p, "__callback__", callback)
    object.__setattr__(p, "_proxy_cell", _new(ob, p))
    return p


class ProxyType:
    __slots__ = ("_proxy_cell", "__callback__")

    def __getattr__(self, name):
        return getattr(_deref(self), name)

    def __setattr__(self, name, value):
        setattr(_deref(self), name, value)

    def __delattr__(self, name):
        delattr(_deref(self), name)

    def __repr__(self):
        o = _get(object.__getattribute__(self, "_proxy_cell"))
        if o is None:
            return "<weakproxy at %#x; dead>" % id(self)
        return "<weakproxy at %#x; to '%s' at %#x>" % (id(self), type(o).__name__, id(o))

    def __str__(self):
        return str(_deref(self))

    def __bytes__(self):
        return bytes(_deref(self))

    def __hash__(self):
        raise TypeError("unhashable type: 'weakref.%s'" % type(self).__name__)

    def __bool__(self):
        return bool(_deref(self))

    def __len__(self):
        return len(_deref(self))

    def __iter__(self):
        return iter(_deref(self))

    def __next__(self):
        return next(_deref(self))

    def __reversed__(self):
        return reversed(_deref(self))

    def __contains__(self, x):
        return x in _deref(self)

    def __getitem__(self, k):
        return _deref(self)[k]

    def __setitem__(self, k, v):
        _deref(self)[k] = v

    def __delitem__(self, k):
        del _deref(self)[k]

    def __index__(self):
        return _deref(self).__index__()

    def __int__(self):
        return int(_deref(self))

    def __float__(self):
        return float(_deref(self))

    def __neg__(self):
        return -_deref(self)

    def __pos__(self):
        return +_deref(self)

    def __abs__(self):
        return abs(_deref(self))

    def __invert__(self):
        return ~_deref(self)

    def __eq__(self, o):
        return _deref(self) == _unwrap(o)

    def __ne__(self, o):
        return _deref(self) != _unwrap(o)

    def __lt__(self, o):
        return _deref(self) < _unwrap(o)

    def __le__(self, o):
        return _deref(self) <= _unwrap(o)

    def __gt__(self, o):
        return _deref(self) > _unwrap(o)

    def __ge__(self, o):
        return _deref(self) >= _unwrap(o)


def _add_operators():
    ops = [("add", "+"), ("sub", "-"), ("mul", "*"), ("truediv", "/"),
           ("floordiv", "//"), ("mod", "%"), ("pow", "**"), ("lshift", "<<"),
           ("rshift", ">>"), ("and", "&"), ("or", "|"), ("xor", "^"),
           ("matmul", "@")]
    lines = []
    for name, op in ops:
        lines.append("def __%s__(self, o):\n    return _deref(self) %s _unwrap(o)\n" % (name, op))
        lines.append("def __r%s__(self, o):\n    return _unwrap(o) %s _deref(self)\n" % (name, op))
        lines.append("def __i%s__(self, o):\n    r = _deref(self)\n    r %s= _unwrap(o)\n"
                     "    return r\n" % (name, op))
    ns = {}
    exec("".join(lines), globals(), ns)
    for k, v in ns.items():
        setattr(ProxyType, k, v)


_add_operators()
del _add_operators


class CallableProxyType(ProxyType):
    __slots__ = ()

    def __call__(self, *args, **kwargs):
        return _deref(self)(*args, **kwargs)


ProxyType.__module__ = CallableProxyType.__module__ = "weakref"


def proxy(ob, callback=None):
    if callable(ob):
        return _make_proxy(CallableProxyType, ob, callback)
    return _make_proxy(ProxyType, ob, callback)


def _remove_dead_weakref(d, key):
    try:
        wr = d[key]
    except KeyError:
        return
    if wr() is None:
        del d[key]
