//! `collections` and `collections.abc`, written in Python on top of the
//! builtin types.

use crate::object::value::Value;
use crate::vm::{PyResult, Vm};

const PY_SRC: &str = r#"
class deque:
    def __init__(self, iterable=(), maxlen=None):
        self._items = list(iterable)
        self.maxlen = maxlen
        if maxlen is not None and len(self._items) > maxlen:
            self._items = self._items[len(self._items) - maxlen:]
    def append(self, x):
        self._items.append(x)
        if self.maxlen is not None and len(self._items) > self.maxlen:
            self._items.pop(0)
    def appendleft(self, x):
        self._items.insert(0, x)
        if self.maxlen is not None and len(self._items) > self.maxlen:
            self._items.pop()
    def pop(self):
        if not self._items:
            raise IndexError("pop from an empty deque")
        return self._items.pop()
    def popleft(self):
        if not self._items:
            raise IndexError("pop from an empty deque")
        return self._items.pop(0)
    def extend(self, it):
        for x in it:
            self.append(x)
    def extendleft(self, it):
        for x in it:
            self.appendleft(x)
    def clear(self):
        self._items = []
    def rotate(self, n=1):
        if self._items:
            n = n % len(self._items)
            self._items = self._items[-n:] + self._items[:-n]
    def count(self, x):
        return self._items.count(x)
    def remove(self, x):
        self._items.remove(x)
    def reverse(self):
        self._items.reverse()
    def copy(self):
        return deque(self._items, self.maxlen)
    def __len__(self):
        return len(self._items)
    def __iter__(self):
        return iter(self._items)
    def __reversed__(self):
        return reversed(self._items)
    def __getitem__(self, i):
        return self._items[i]
    def __setitem__(self, i, v):
        self._items[i] = v
    def __contains__(self, x):
        return x in self._items
    def __bool__(self):
        return len(self._items) > 0
    def __eq__(self, other):
        return isinstance(other, deque) and self._items == other._items
    def __repr__(self):
        if self.maxlen is None:
            return "deque(" + repr(self._items) + ")"
        return "deque(" + repr(self._items) + ", maxlen=" + repr(self.maxlen) + ")"

class defaultdict(dict):
    def __init__(self, default_factory=None, *args, **kwargs):
        dict.__init__(self, *args, **kwargs)
        self.default_factory = default_factory
    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        v = self.default_factory()
        self[key] = v
        return v
    def __getitem__(self, key):
        if key in self:
            return dict.__getitem__(self, key)
        return self.__missing__(key)
    def __repr__(self):
        return "defaultdict(" + repr(self.default_factory) + ", " + dict.__repr__(self) + ")"
    def copy(self):
        d = defaultdict(self.default_factory)
        d.update(self)
        return d

class OrderedDict(dict):
    def move_to_end(self, key, last=True):
        v = self.pop(key)
        if last:
            self[key] = v
        else:
            items = list(self.items())
            self.clear()
            self[key] = v
            for k, x in items:
                self[k] = x
    def popitem(self, last=True):
        if not self:
            raise KeyError("dictionary is empty")
        if last:
            return dict.popitem(self)
        k = next(iter(self))
        return (k, self.pop(k))

class Counter(dict):
    def __init__(self, iterable=None, **kwds):
        dict.__init__(self)
        self.update(iterable, **kwds)
    def __missing__(self, key):
        return 0
    def __getitem__(self, key):
        if key in self:
            return dict.__getitem__(self, key)
        return 0
    def update(self, iterable=None, **kwds):
        if iterable is not None:
            if isinstance(iterable, dict):
                for k, v in iterable.items():
                    self[k] = self[k] + v
            else:
                for k in iterable:
                    self[k] = self[k] + 1
        for k, v in kwds.items():
            self[k] = self[k] + v
    def subtract(self, iterable=None):
        if iterable is not None:
            if isinstance(iterable, dict):
                for k, v in iterable.items():
                    self[k] = self[k] - v
            else:
                for k in iterable:
                    self[k] = self[k] - 1
    def most_common(self, n=None):
        items = sorted(self.items(), key=lambda kv: kv[1], reverse=True)
        return items if n is None else items[:n]
    def elements(self):
        for k, v in self.items():
            for _ in range(v):
                yield k
    def total(self):
        return sum(self.values())
    def __repr__(self):
        if not self:
            return "Counter()"
        return "Counter({" + ", ".join(repr(k) + ": " + repr(v) for k, v in self.most_common()) + "})"

def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(",", " ").split()
    field_names = tuple(field_names)
    nfields = len(field_names)
    defaults = tuple(defaults) if defaults is not None else ()

    def __init__(self, *args, **kwargs):
        if len(args) > nfields:
            raise TypeError(typename + "() takes " + str(nfields) + " positional arguments but " + str(len(args)) + " were given")
        vals = list(args)
        for i in range(len(args), nfields):
            name = field_names[i]
            if name in kwargs:
                vals.append(kwargs.pop(name))
            elif i >= nfields - len(defaults):
                vals.append(defaults[i - (nfields - len(defaults))])
            else:
                raise TypeError(typename + "() missing required argument: '" + name + "'")
        if kwargs:
            raise TypeError(typename + "() got an unexpected keyword argument '" + list(kwargs)[0] + "'")
        self._values = tuple(vals)

    def __getattr__(self, name):
        if name in field_names:
            return self._values[field_names.index(name)]
        raise AttributeError("'" + typename + "' object has no attribute '" + name + "'")

    def __repr__(self):
        return typename + "(" + ", ".join(f + "=" + repr(v) for f, v in zip(field_names, self._values)) + ")"

    def __iter__(self):
        return iter(self._values)

    def __len__(self):
        return nfields

    def __getitem__(self, i):
        return self._values[i]

    def __eq__(self, other):
        if isinstance(other, tuple):
            return self._values == other
        return hasattr(other, "_values") and self._values == other._values

    def __hash__(self):
        return hash(self._values)

    def __lt__(self, other):
        return self._values < tuple(other)

    def _asdict(self):
        return dict(zip(field_names, self._values))

    def _replace(self, **kw):
        vals = [kw.pop(f, v) for f, v in zip(field_names, self._values)]
        return cls(*vals)

    @classmethod
    def _make(c, iterable):
        return c(*iterable)

    ns = {"__init__": __init__, "__getattr__": __getattr__, "__repr__": __repr__, "__iter__": __iter__,
          "__len__": __len__, "__getitem__": __getitem__, "__eq__": __eq__, "__hash__": __hash__,
          "__lt__": __lt__, "_asdict": _asdict, "_replace": _replace, "_make": _make,
          "_fields": field_names, "__match_args__": field_names, "__slots__": ("_values",)}
    cls = type(typename, (object,), ns)
    return cls

class ChainMap:
    def __init__(self, *maps):
        self.maps = list(maps) or [{}]
    def __getitem__(self, key):
        for m in self.maps:
            if key in m:
                return m[key]
        raise KeyError(key)
    def get(self, key, default=None):
        return self[key] if key in self else default
    def __contains__(self, key):
        return any(key in m for m in self.maps)
    def __setitem__(self, key, value):
        self.maps[0][key] = value
"#;

const ABC_SRC: &str = r#"
class Iterable:
    __abc__ = True
class Iterator(Iterable):
    __abc__ = True
class Generator(Iterator):
    __abc__ = True
class Callable:
    __abc__ = True
class Hashable:
    __abc__ = True
class Sized:
    __abc__ = True
class Container:
    __abc__ = True
class Collection(Sized, Iterable, Container):
    __abc__ = True
class Sequence(Collection):
    __abc__ = True
class MutableSequence(Sequence):
    __abc__ = True
class Mapping(Collection):
    __abc__ = True
class MutableMapping(Mapping):
    __abc__ = True
class Set(Collection):
    __abc__ = True
class MutableSet(Set):
    __abc__ = True
class Awaitable:
    __abc__ = True
class Coroutine(Awaitable):
    __abc__ = True
"#;

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    crate::modules::misc::exec_in(vm, d, PY_SRC, "<collections>")
}

pub fn init_abc(vm: &mut Vm, d: Value) -> PyResult<()> {
    crate::modules::misc::exec_in(vm, d, ABC_SRC, "<collections.abc>")
}
