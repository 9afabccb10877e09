# Fallback `_weakref` for pygc until the collector-backed one lands: the
# references are strong (a referent never dies, callbacks never run), which
# keeps weakref.py, WeakKeyDictionary and WeakSet importable and working.


class ReferenceType:
    __slots__ = ("_obj", "__callback__")

    def __init__(self, obj, callback=None):
        self._obj = obj
        self.__callback__ = callback

    def __call__(self):
        return self._obj

    def __hash__(self):
        return hash(self._obj)

    def __eq__(self, other):
        if not isinstance(other, ReferenceType):
            return NotImplemented
        return self._obj == other._obj

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __repr__(self):
        o = self._obj
        return f"<weakref at 0x{id(self):x}; to '{type(o).__name__}' at 0x{id(o):x}>"

    def __class_getitem__(cls, item):
        return cls


ref = ReferenceType


class ProxyType:
    def __init__(self, obj, callback=None):
        object.__setattr__(self, "_obj", obj)

    def __getattr__(self, name):
        return getattr(object.__getattribute__(self, "_obj"), name)

    def __setattr__(self, name, value):
        setattr(object.__getattribute__(self, "_obj"), name, value)


CallableProxyType = ProxyType


def proxy(obj, callback=None):
    return ProxyType(obj, callback)


def getweakrefcount(obj):
    return 0


def getweakrefs(obj):
    return []


def _remove_dead_weakref(d, key):
    try:
        wr = d[key]
    except KeyError:
        return
    if wr() is None:
        del d[key]
