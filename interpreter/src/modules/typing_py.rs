//! The native `typing` module (embedded Python): generic aliases with CPython's
//! reprs, Union/Optional, TypeVar, Generic/Protocol, NamedTuple and TypedDict
//! class syntax, get_type_hints. The real typing.py needs much more of the
//! language and library than pygc has.

use crate::modules::exec_src::exec_in;
use crate::object::value::Value;
use crate::vm::{PyResult, Vm};

const TYPING_SRC: &str = r#"
import collections as _collections
import collections.abc as _abc

def _type_repr(t):
    if isinstance(t, type):
        if t is type(None):
            return "NoneType"
        if t.__module__ == "builtins":
            return t.__qualname__
        return t.__module__ + "." + t.__qualname__
    if t is ...:
        return "..."
    if isinstance(t, (list, tuple)):
        return "[" + ", ".join(_type_repr(a) for a in t) + "]"
    if type(t).__name__ == "function":
        return t.__name__
    return repr(t)

def _tuple(p):
    return p if isinstance(p, tuple) else (p,)

class _Final:
    def __init_subclass__(cls, *args, **kwds):
        if "_root" not in kwds:
            raise TypeError("Cannot subclass special typing classes")

class _SpecialForm(_Final, _root=True):
    def __init__(self, name, getitem):
        self._name = name
        self._getitem = getitem
    def __repr__(self):
        return "typing." + self._name
    def __getitem__(self, params):
        return self._getitem(self, params)
    def __call__(self, *args, **kwds):
        raise TypeError("Cannot instantiate %r" % self)
    def __or__(self, other):
        return Union[self, other]
    def __ror__(self, other):
        return Union[other, self]
    def __instancecheck__(self, obj):
        raise TypeError("%r cannot be used with isinstance()" % self)
    def __reduce__(self):
        return self._name

class _GenericAlias(_Final, _root=True):
    def __init__(self, origin, args, name=None):
        self.__origin__ = origin
        self.__args__ = _tuple(args)
        self._name = name
        self.__parameters__ = tuple(a for a in self.__args__ if isinstance(a, TypeVar))
    def __repr__(self):
        if self._name == "Optional":
            return "typing.Optional[%s]" % _type_repr(self.__args__[0])
        name = "typing." + self._name if self._name else _type_repr(self.__origin__)
        if self._name == "Callable" and len(self.__args__) == 2 and isinstance(self.__args__[0], list):
            return "%s[%s, %s]" % (name, _type_repr(self.__args__[0]), _type_repr(self.__args__[1]))
        return "%s[%s]" % (name, ", ".join(_type_repr(a) for a in self.__args__))
    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__
    def __hash__(self):
        return hash((self.__origin__, self.__args__))
    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)
    def __mro_entries__(self, bases):
        o = self.__origin__
        return (o,) if isinstance(o, type) else ()
    def __getitem__(self, params):
        return _GenericAlias(self.__origin__, params, self._name)
    def __instancecheck__(self, obj):
        raise TypeError("Subscripted generics cannot be used with class and instance checks")
    def __or__(self, other):
        return Union[self, other]
    def __ror__(self, other):
        return Union[other, self]

class _Alias(_Final, _root=True):
    def __init__(self, origin, name):
        self.__origin__ = origin
        self._name = name
    def __repr__(self):
        return "typing." + self._name
    def __getitem__(self, params):
        if self._name == "Callable" and isinstance(params, tuple) and len(params) == 2:
            a, r = params
            return _GenericAlias(self.__origin__, (list(a) if isinstance(a, list) else a, r), "Callable")
        return _GenericAlias(self.__origin__, params, self._name)
    def __call__(self, *args, **kwargs):
        raise TypeError("Type %s cannot be instantiated; use %s() instead"
                        % (self._name, self.__origin__.__name__))
    def __instancecheck__(self, obj):
        return isinstance(obj, self.__origin__)
    def __subclasscheck__(self, cls):
        return issubclass(cls, self.__origin__)
    def __mro_entries__(self, bases):
        return (self.__origin__,)
    def __or__(self, other):
        return Union[self, other]

def _union(self, params):
    args = []
    for p in _tuple(params):
        if p is None:
            p = type(None)
        if isinstance(p, _GenericAlias) and p.__origin__ is Union:
            ps = p.__args__
        else:
            ps = (p,)
        for q in ps:
            if q not in args:
                args.append(q)
    if len(args) == 1:
        return args[0]
    if len(args) == 2 and type(None) in args:
        other = args[0] if args[1] is type(None) else args[1]
        if args[1] is type(None):
            return _GenericAlias(Union, (other, type(None)), "Optional")
    return _GenericAlias(Union, tuple(args), "Union")

def _optional(self, param):
    return Union[param, None]

def _one(self, param):
    return _GenericAlias(self, param, self._name)

def _literal(self, params):
    return _GenericAlias(self, _tuple(params), self._name)

Any = _SpecialForm("Any", _one)
NoReturn = _SpecialForm("NoReturn", _one)
Never = _SpecialForm("Never", _one)
Self = _SpecialForm("Self", _one)
ClassVar = _SpecialForm("ClassVar", _one)
Final = _SpecialForm("Final", _one)
Union = _SpecialForm("Union", _union)
Optional = _SpecialForm("Optional", _optional)
Literal = _SpecialForm("Literal", _literal)
Annotated = _SpecialForm("Annotated", _literal)
TypeAlias = _SpecialForm("TypeAlias", _one)

List = _Alias(list, "List")
Dict = _Alias(dict, "Dict")
Set = _Alias(set, "Set")
FrozenSet = _Alias(frozenset, "FrozenSet")
Tuple = _Alias(tuple, "Tuple")
Type = _Alias(type, "Type")
DefaultDict = _Alias(_collections.defaultdict, "DefaultDict")
Deque = _Alias(_collections.deque, "Deque")
Counter = _Alias(_collections.Counter, "Counter")
OrderedDict = _Alias(_collections.OrderedDict, "OrderedDict")
Callable = _Alias(_abc.Callable, "Callable")
Iterable = _Alias(_abc.Iterable, "Iterable")
Iterator = _Alias(_abc.Iterator, "Iterator")
Generator = _Alias(_abc.Generator, "Generator")
Sequence = _Alias(_abc.Sequence, "Sequence")
MutableSequence = _Alias(_abc.MutableSequence, "MutableSequence")
Mapping = _Alias(_abc.Mapping, "Mapping")
MutableMapping = _Alias(_abc.MutableMapping, "MutableMapping")
AbstractSet = _Alias(_abc.Set, "AbstractSet")
MutableSet = _Alias(_abc.MutableSet, "MutableSet")
Collection = _Alias(_abc.Collection, "Collection")
Container = _Alias(_abc.Container, "Container")
Sized = _Alias(_abc.Sized, "Sized")
Hashable = _Alias(_abc.Hashable, "Hashable")
Text = str
AnyStr = None

class TypeVar(_Final, _root=True):
    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant
    def __repr__(self):
        prefix = "+" if self.__covariant__ else "-" if self.__contravariant__ else "~"
        return prefix + self.__name__
    def __or__(self, other):
        return Union[self, other]

AnyStr = TypeVar("AnyStr", bytes, str)

class Generic:
    __slots__ = ()
    def __class_getitem__(cls, params):
        return _GenericAlias(cls, params)

class Protocol(Generic):
    __slots__ = ()

def runtime_checkable(cls):
    return cls

TYPE_CHECKING = False

def cast(typ, val):
    return val

def overload(func):
    return func

def final(f):
    return f

def no_type_check(arg):
    return arg

def NewType(name, tp):
    def new_type(x):
        return x
    new_type.__name__ = name
    new_type.__supertype__ = tp
    return new_type

def get_origin(tp):
    if isinstance(tp, (_GenericAlias, _Alias)):
        return tp.__origin__
    return None

def get_args(tp):
    if isinstance(tp, _GenericAlias):
        return tp.__args__
    return ()

def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    hints = {}
    if isinstance(obj, type):
        for base in reversed(obj.__mro__):
            hints.update(base.__dict__.get("__annotations__", {}))
    else:
        hints.update(getattr(obj, "__annotations__", {}))
    for k, v in hints.items():
        if v is None:
            hints[k] = type(None)
        elif isinstance(v, str):
            g = globalns if globalns is not None else getattr(obj, "__globals__", None)
            if g is None:
                import sys
                g = sys.modules[obj.__module__].__dict__
            hints[k] = eval(v, g, localns)
    return hints

class NamedTupleMeta(type):
    def __new__(cls, typename, bases, ns):
        types = ns.get("__annotations__", {})
        fields = list(types)
        defaults = []
        for n in fields:
            if n in ns:
                defaults.append(ns[n])
            elif defaults:
                raise TypeError("Non-default namedtuple field %s cannot follow default field%s %s"
                                % (n, "s" if len(defaults) > 1 else "",
                                   ", ".join(fields[fields.index(n) - len(defaults):fields.index(n)])))
        nm_tpl = _collections.namedtuple(typename, fields, defaults=defaults,
                                         module=ns.get("__module__"))
        nm_tpl.__annotations__ = types
        for key, val in ns.items():
            if key in ("__annotations__", "__module__", "__qualname__", "__doc__") or key in types:
                continue
            setattr(nm_tpl, key, val)
        return nm_tpl

def NamedTuple(typename, fields=None, /, **kwargs):
    if fields is None:
        fields = kwargs.items()
    fields = list(fields)
    nt = _collections.namedtuple(typename, [n for n, t in fields])
    nt.__annotations__ = {n: t for n, t in fields}
    return nt

_NamedTuple = type.__new__(NamedTupleMeta, "NamedTuple", (), {})
NamedTuple.__mro_entries__ = lambda bases: (_NamedTuple,)

class _TypedDictMeta(type):
    def __new__(cls, name, bases, ns, total=True):
        ann = {}
        for b in bases:
            ann.update(b.__dict__.get("__annotations__", {}))
        own = ns.get("__annotations__", {})
        ann.update(own)
        ns = dict(ns)
        ns["__annotations__"] = ann
        tp = type.__new__(_TypedDictMeta, name, (dict,), ns)
        req = set()
        opt = set()
        for b in bases:
            req |= b.__dict__.get("__required_keys__", set())
            opt |= b.__dict__.get("__optional_keys__", set())
        (req if total else opt).update(own)
        tp.__required_keys__ = frozenset(req)
        tp.__optional_keys__ = frozenset(opt)
        tp.__total__ = total
        return tp
    def __call__(cls, *args, **kwargs):
        return dict(*args, **kwargs)
    def __instancecheck__(cls, obj):
        raise TypeError("TypedDict does not support instance and class checks")

def TypedDict(typename, fields=None, /, *, total=True, **kwargs):
    if fields is None:
        fields = kwargs
    ns = {"__annotations__": dict(fields), "__module__": "__main__"}
    return _TypedDictMeta(typename, (), ns, total=total)

_TypedDict = type.__new__(_TypedDictMeta, "TypedDict", (), {})
TypedDict.__mro_entries__ = lambda bases: (_TypedDict,)
"#;

/// `typing`: generic aliases with CPython's reprs, Union/Optional, TypeVar,
/// Generic/Protocol, NamedTuple and TypedDict class syntax, get_type_hints.
pub fn init_typing(vm: &mut Vm, d: Value) -> PyResult<()> {
    exec_in(vm, d, TYPING_SRC, "<typing>")
}
