# pygc additions to the native functools: singledispatch,
# singledispatchmethod, partialmethod.


def _union_args(cls):
    args = getattr(cls, "__args__", None)
    if args is not None and type(cls).__name__ in ("UnionType", "_UnionGenericAlias"):
        return args
    if getattr(cls, "__origin__", None) is not None and \
            repr(getattr(cls, "__origin__", None)) == "typing.Union":
        return args
    return None


def singledispatch(func):
    registry = {}
    cache = {}

    def dispatch(cls):
        try:
            return cache[cls]
        except KeyError:
            pass
        except TypeError:
            pass
        impl = None
        for c in cls.__mro__:
            if c is not object and c in registry:
                impl = registry[c]
                break
        if impl is None:
            for c, f in registry.items():
                if c is not object and isinstance(c, type) and issubclass(cls, c):
                    impl = f
                    break
        if impl is None:
            impl = registry[object]
        try:
            cache[cls] = impl
        except TypeError:
            pass
        return impl

    def register(cls, func=None):
        if func is None:
            if isinstance(cls, type) or _union_args(cls) is not None:
                return lambda f: register(cls, f)
            ann = getattr(cls, "__annotations__", {})
            if not ann:
                raise TypeError(
                    f"Invalid first argument to `register()`: {cls!r}. "
                    "Use either `@register(some_class)` or plain `@register` "
                    "on an annotated function.")
            func = cls
            argname, cls = next(iter(ann.items()))
            if isinstance(cls, str):
                cls = eval(cls, getattr(func, "__globals__", {}))
            if not isinstance(cls, type) and _union_args(cls) is None:
                raise TypeError(
                    f"Invalid annotation for {argname!r}. {cls!r} is not a class.")
        classes = _union_args(cls) or (cls,)
        for c in classes:
            registry[c] = func
        cache.clear()
        return func

    def wrapper(*args, **kw):
        if not args:
            raise TypeError(f"{funcname} requires at least 1 positional argument")
        return dispatch(args[0].__class__)(*args, **kw)

    funcname = getattr(func, "__name__", "singledispatch function")
    registry[object] = func
    wrapper.register = register
    wrapper.dispatch = dispatch
    wrapper.registry = registry
    wrapper._clear_cache = cache.clear
    update_wrapper(wrapper, func)
    return wrapper


class singledispatchmethod:
    def __init__(self, func):
        if not callable(func) and not hasattr(func, "__get__"):
            raise TypeError(f"{func!r} is not callable or a descriptor")
        self.dispatcher = singledispatch(func)
        self.func = func

    def register(self, cls, method=None):
        return self.dispatcher.register(cls, func=method)

    def __get__(self, obj, cls=None):
        def _method(*args, **kwargs):
            method = self.dispatcher.dispatch(args[0].__class__)
            return method.__get__(obj, cls)(*args, **kwargs)
        _method.__isabstractmethod__ = self.__isabstractmethod__
        _method.register = self.register
        update_wrapper(_method, self.func)
        return _method

    @property
    def __isabstractmethod__(self):
        return getattr(self.func, "__isabstractmethod__", False)


class partialmethod:
    def __init__(self, func, /, *args, **keywords):
        if not callable(func) and not hasattr(func, "__get__"):
            raise TypeError(f"{func!r} is not callable or a descriptor")
        if isinstance(func, partialmethod):
            self.func = func.func
            self.args = func.args + args
            self.keywords = {**func.keywords, **keywords}
        else:
            self.func = func
            self.args = args
            self.keywords = keywords

    def __repr__(self):
        args = ", ".join([repr(self.func)] + [repr(a) for a in self.args] +
                         [f"{k}={v!r}" for k, v in self.keywords.items()])
        return f"{type(self).__module__}.{type(self).__qualname__}({args})"

    def _make_unbound_method(self):
        def _method(cls_or_self, /, *args, **keywords):
            keywords = {**self.keywords, **keywords}
            return self.func(cls_or_self, *self.args, *args, **keywords)
        _method.__isabstractmethod__ = self.__isabstractmethod__
        _method._partialmethod = self
        return _method

    def __get__(self, obj, cls=None):
        if isinstance(self.func, (staticmethod, classmethod)):
            f = self.func.__get__(obj, cls)
            return partial(f, *self.args, **self.keywords)
        get = getattr(type(self.func), "__get__", None)
        if get is not None and not isinstance(self.func, partial):
            if obj is None:
                return self._make_unbound_method()
            bound = self.func.__get__(obj, cls)
            if bound is not self.func:
                r = partial(bound, *self.args, **self.keywords)
                try:
                    r.__self__ = bound.__self__
                except (AttributeError, TypeError):
                    pass
                return r
        if obj is None:
            return self._make_unbound_method()
        return partial(self._make_unbound_method(), obj)

    @property
    def __isabstractmethod__(self):
        return getattr(self.func, "__isabstractmethod__", False)
