//! `collections` and `collections.abc`, written in Python on top of the
//! builtin types; `deque` is native (`modules::deque`).

use crate::object::value::Value;
use crate::object::{N, T};
use crate::vm::{PyResult, Vm};

const PY_SRC: &str = r#"
_dd_repr_running = set()

class defaultdict(dict):
    def __init__(self, default_factory=None, /, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError("first argument must be callable or None")
        dict.__init__(self, *args, **kwargs)
        self.default_factory = default_factory
    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        v = self.default_factory()
        self[key] = v
        return v
    def __repr__(self):
        key = id(self.default_factory)
        if key in _dd_repr_running:
            f = "..."
        else:
            _dd_repr_running.add(key)
            try:
                f = repr(self.default_factory)
            finally:
                _dd_repr_running.discard(key)
        return type(self).__name__ + "(" + f + ", " + dict.__repr__(self) + ")"
    def copy(self):
        return type(self)(self.default_factory, self)
    __copy__ = copy
    def __deepcopy__(self, memo):
        from copy import deepcopy
        new = type(self)(self.default_factory)
        memo[id(self)] = new
        for k, v in self.items():
            new[deepcopy(k, memo)] = deepcopy(v, memo)
        return new
    def __reduce__(self):
        args = (self.default_factory,) if self.default_factory is not None else ()
        return (type(self), args, None, None, iter(self.items()))
    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = self.copy()
        new.update(other)
        return new
    def __ror__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = type(self)(self.default_factory, other)
        new.update(self)
        return new

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
    import sys as _sys
    if isinstance(field_names, str):
        field_names = field_names.replace(",", " ").split()
    field_names = list(map(str, field_names))
    typename = _sys.intern(str(typename))
    if rename:
        seen = set()
        for index, name in enumerate(field_names):
            if (not name.isidentifier() or _iskeyword(name)
                    or name.startswith("_") or name in seen):
                field_names[index] = f"_{index}"
            seen.add(name)
    for name in [typename] + field_names:
        if type(name) is not str:
            raise TypeError("Type names and field names must be strings")
        if not name.isidentifier():
            raise ValueError("Type names and field names must be valid "
                             f"identifiers: {name!r}")
        if _iskeyword(name):
            raise ValueError("Type names and field names cannot be a "
                             f"keyword: {name!r}")
    seen = set()
    for name in field_names:
        if name.startswith("_") and not rename:
            raise ValueError("Field names cannot start with an underscore: "
                             f"{name!r}")
        if name in seen:
            raise ValueError(f"Encountered duplicate field name: {name!r}")
        seen.add(name)
    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(field_names):
            raise TypeError("Got more default values than field names")
        field_defaults = dict(reversed(list(zip(reversed(field_names),
                                                reversed(defaults)))))
    field_names = tuple(map(_sys.intern, field_names))
    num_fields = len(field_names)
    arg_list = ", ".join(field_names)
    if num_fields == 1:
        arg_list += ","
    repr_fmt = "(" + ", ".join(f"{name}=%r" for name in field_names) + ")"
    tuple_new = tuple.__new__
    ns = {"_tuple_new": tuple_new, "__builtins__": {}, "__name__": f"namedtuple_{typename}"}
    exec(f"def __new__(_cls, {arg_list}): return _tuple_new(_cls, ({arg_list}))", ns)
    __new__ = ns["__new__"]
    __new__.__doc__ = f"Create new instance of {typename}({arg_list})"
    if defaults is not None:
        __new__.__defaults__ = defaults

    @classmethod
    def _make(cls, iterable):
        result = tuple_new(cls, iterable)
        if len(result) != num_fields:
            raise TypeError(f"Expected {num_fields} arguments, got {len(result)}")
        return result

    def _replace(self, /, **kwds):
        result = self._make([kwds.pop(f, v) for f, v in zip(field_names, self)])
        if kwds:
            raise ValueError(f"Got unexpected field names: {list(kwds)!r}")
        return result

    def __repr__(self):
        return self.__class__.__name__ + repr_fmt % tuple(self)

    def _asdict(self):
        return dict(zip(self._fields, self))

    def __getnewargs__(self):
        return tuple(self)

    class_namespace = {
        "__doc__": f"{typename}({arg_list})",
        "__slots__": (),
        "_fields": field_names,
        "_field_defaults": field_defaults,
        "__new__": __new__,
        "_make": _make,
        "_replace": _replace,
        "__repr__": __repr__,
        "_asdict": _asdict,
        "__getnewargs__": __getnewargs__,
        "__match_args__": field_names,
    }
    for index, name in enumerate(field_names):
        class_namespace[name] = property(lambda self, _i=index: self[_i],
                                         doc=f"Alias for field number {index}")
    result = type(typename, (tuple,), class_namespace)
    if module is None:
        try:
            module = _sys._getframe(1).f_globals.get("__name__", "__main__")
        except (AttributeError, ValueError):
            pass
    if module is not None:
        result.__module__ = module
    return result

_KEYWORDS = frozenset(["False", "None", "True", "and", "as", "assert", "async", "await",
    "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for",
    "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass",
    "raise", "return", "try", "while", "with", "yield"])

def _iskeyword(s):
    return s in _KEYWORDS

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
    let h = vm.push_root(d);
    let m = vm.intern("collections");
    let n = vm.name(N::Module);
    let t = vm.ty(T::Deque);
    vm.type_set_attr(t, n, m);
    let d = vm.root(h);
    vm.set_str_item(d, "deque", t);
    let d = vm.root(h);
    vm.pop_roots(h);
    crate::modules::exec_src::exec_in(vm, d, PY_SRC, "<collections>")
}

pub fn init_abc(vm: &mut Vm, d: Value) -> PyResult<()> {
    crate::modules::exec_src::exec_in(vm, d, ABC_SRC, "<collections.abc>")
}
