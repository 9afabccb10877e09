# types.GenericAlias (`list[int]`, `dict[str, T]`, `tuple[*Ts]`) with the
# behaviour of CPython 3.11's builtin: attribute access delegated to the
# origin except for its own attributes, `__parameters__` collected from the
# arguments, substitution of TypeVars / TypeVarTuples (PEP 646 unpacking:
# `*tuple[int, str]`, `__typing_unpacked_tuple_args__`), `|` making a
# types.UnionType, and `isinstance` refusing it. Runs in `_pygc_lang`.

_OWN = frozenset((
    "__class__", "__origin__", "__args__", "__unpacked__", "__parameters__",
    "__typing_unpacked_tuple_args__", "__mro_entries__", "__reduce_ex__",
    "__reduce__", "__copy__", "__deepcopy__",
))

_oga = object.__getattribute__
_osa = object.__setattr__


def _make_parameters(args):
    params = []
    for t in args:
        if isinstance(t, type):
            continue
        if hasattr(t, "__typing_subst__"):
            if t not in params:
                params.append(t)
            continue
        sub = getattr(t, "__parameters__", None)
        if isinstance(sub, tuple):
            for t2 in sub:
                if t2 not in params:
                    params.append(t2)
    return tuple(params)


def _unpacked_tuple_args(arg):
    if isinstance(arg, GenericAlias) and _oga(arg, "_starred") \
            and _oga(arg, "__origin__") is tuple:
        return _oga(arg, "__args__")
    r = getattr(arg, "__typing_unpacked_tuple_args__", None)
    return r


def _unpack_args(item):
    items = item if isinstance(item, tuple) else (item,)
    out = []
    for it in items:
        if not isinstance(it, type):
            sub = _unpacked_tuple_args(it)
            if isinstance(sub, tuple) and not (sub and sub[-1] is Ellipsis):
                out.extend(sub)
                continue
        out.append(it)
    return tuple(out)


def _is_unpacked_typevartuple(arg):
    if isinstance(arg, type):
        return False
    return bool(getattr(arg, "__typing_is_unpacked_typevartuple__", False))


def _subs_tvars(obj, params, argitems):
    sub = getattr(obj, "__parameters__", None)
    if not (isinstance(sub, tuple) and sub):
        return obj
    subargs = []
    for arg in sub:
        if arg in params:
            i = params.index(arg)
            param = params[i]
            arg = argitems[i]
            if hasattr(type(param), "__iter__") and isinstance(arg, tuple):
                subargs.extend(arg)
                continue
        subargs.append(arg)
    return obj[tuple(subargs)]


def _subs_parameters(self, args, params, item):
    if not params:
        raise TypeError(f"{self!r} is not a generic class")
    item = _unpack_args(item)
    for param in params:
        prepare = getattr(param, "__typing_prepare_subst__", None)
        if prepare is not None:
            item = prepare(self, item if isinstance(item, tuple) else (item,))
    argitems = item if isinstance(item, tuple) else (item,)
    if len(argitems) != len(params):
        raise TypeError(
            f"Too {'many' if len(argitems) > len(params) else 'few'} arguments"
            f" for {self!r}; actual {len(argitems)}, expected {len(params)}")
    new = []
    for arg in args:
        if isinstance(arg, type):
            new.append(arg)
            continue
        unpack = _is_unpacked_typevartuple(arg)
        subst = getattr(arg, "__typing_subst__", None)
        if subst is not None:
            arg = subst(argitems[params.index(arg)])
        else:
            arg = _subs_tvars(arg, params, argitems)
        if unpack:
            new.extend(arg)
        else:
            new.append(arg)
    return tuple(new)


def _repr_item(p):
    if p is Ellipsis:
        return "..."
    if hasattr(p, "__origin__") and hasattr(p, "__args__"):
        return repr(p)
    qn = getattr(p, "__qualname__", None)
    mod = getattr(p, "__module__", None)
    if qn is None or mod is None:
        return repr(p)
    if mod == "builtins":
        return qn
    return f"{mod}.{qn}"


def _union_or(a, b):
    # types.UnionType's builder (pygc's `type.__or__`)
    g = type.__dict__["__or__"].__globals__
    return g["_union"](a, b)


def _unionable(x):
    if x is None or isinstance(x, (type, GenericAlias)):
        return True
    g = type.__dict__["__or__"].__globals__
    return isinstance(x, g["UnionType"])


class GenericAlias:
    """Represent a PEP 585 generic type

E.g. for t = list[int], t.__origin__ is list and t.__args__ is (int,)."""

    def __new__(cls, *args, **kwargs):
        if kwargs:
            raise TypeError("GenericAlias() takes no keyword arguments")
        if len(args) != 2:
            raise TypeError(f"GenericAlias expected 2 arguments, got {len(args)}")
        origin, a = args
        self = object.__new__(cls)
        _osa(self, "__origin__", origin)
        _osa(self, "__args__", a if isinstance(a, tuple) else (a,))
        _osa(self, "_starred", False)
        _osa(self, "_params", None)
        return self

    # (pygc has no Python-level __getattribute__: the own attributes are
    # properties and instance attributes, the rest comes from the origin)
    @property
    def __parameters__(self):
        p = _oga(self, "_params")
        if p is None:
            p = _make_parameters(_oga(self, "__args__"))
            _osa(self, "_params", p)
        return p

    @property
    def __unpacked__(self):
        return _oga(self, "_starred")

    @property
    def __typing_unpacked_tuple_args__(self):
        if _oga(self, "_starred") and _oga(self, "__origin__") is tuple:
            return _oga(self, "__args__")
        return None

    def __getattr__(self, name):
        if name in _OWN or name in ("_starred", "_params"):
            raise AttributeError(
                f"'types.GenericAlias' object has no attribute '{name}'")
        return getattr(_oga(self, "__origin__"), name)

    def __setattr__(self, name, value):
        if name in _OWN:
            raise AttributeError("readonly attribute")
        if type(self) is not GenericAlias:
            # (a subclass's instances have a __dict__: a dataclass)
            return _osa(self, name, value)
        raise AttributeError(
            f"'types.GenericAlias' object has no attribute '{name}'")

    def __delattr__(self, name):
        self.__setattr__(name, None)

    def __call__(self, *args, **kwargs):
        obj = _oga(self, "__origin__")(*args, **kwargs)
        try:
            obj.__orig_class__ = self
        except (AttributeError, TypeError):
            pass
        return obj

    def __mro_entries__(self, bases):
        return (_oga(self, "__origin__"),)

    def __repr__(self):
        star = "*" if _oga(self, "_starred") else ""
        args = _oga(self, "__args__")
        parts = []
        for a in args:
            if isinstance(a, list):
                parts.append("[" + ", ".join(_repr_item(x) for x in a) + "]")
            else:
                parts.append(_repr_item(a))
        inner = ", ".join(parts) if args else "()"
        return f"{star}{_repr_item(_oga(self, '__origin__'))}[{inner}]"

    def __eq__(self, other):
        if not isinstance(other, GenericAlias):
            return NotImplemented
        if _oga(self, "_starred") != _oga(other, "_starred"):
            return False
        return (_oga(self, "__origin__") == _oga(other, "__origin__")
                and _oga(self, "__args__") == _oga(other, "__args__"))

    def __hash__(self):
        return hash(_oga(self, "__origin__")) ^ hash(_oga(self, "__args__"))

    def __or__(self, other):
        if _unionable(other):
            return _union_or(self, other)
        return NotImplemented

    def __ror__(self, other):
        if _unionable(other):
            return _union_or(other, self)
        return NotImplemented

    def __getitem__(self, item):
        args = _oga(self, "__args__")
        new = _subs_parameters(self, args, self.__parameters__, item)
        res = GenericAlias(_oga(self, "__origin__"), new)
        _osa(res, "_starred", _oga(self, "_starred"))
        return res

    def __iter__(self):
        starred = GenericAlias(_oga(self, "__origin__"), _oga(self, "__args__"))
        _osa(starred, "_starred", True)
        yield starred

    def __instancecheck__(self, obj):
        raise TypeError("isinstance() argument 2 cannot be a parameterized generic")

    def __subclasscheck__(self, cls):
        raise TypeError("issubclass() argument 2 cannot be a parameterized generic")

    def __reduce__(self):
        origin, args = _oga(self, "__origin__"), _oga(self, "__args__")
        if _oga(self, "_starred"):
            return next, (iter(GenericAlias(origin, args)),)
        return type(self), (origin, args)

    def __dir__(self):
        d = list(dir(_oga(self, "__origin__")))
        for n in sorted(_OWN):
            if n not in d:
                d.append(n)
        return d


GenericAlias.__module__ = "types"


def _class_getitem(cls, item):
    return GenericAlias(cls, item)


for _t in (list, dict, tuple, set, frozenset, type, enumerate):
    if "__class_getitem__" not in _t.__dict__:
        _set_type_attr(_t, "__class_getitem__", classmethod(_class_getitem))
del _t
