//! A native subset of `inspect` (embedded Python): predicates, `getmro`,
//! `getmembers`, `getdoc`/`cleandoc`, `unwrap` and `signature` for Python
//! functions and classes. The real inspect.py needs `ast`/`dis`/`importlib`.

use crate::modules::exec_src::exec_in;
use crate::object::value::Value;
use crate::vm::{PyResult, Vm};

const INSPECT_SRC: &str = r#"
import sys as _sys

def isclass(obj):
    return isinstance(obj, type)

def ismodule(obj):
    return type(obj).__name__ == "module"

def isfunction(obj):
    return type(obj).__name__ == "function"

def ismethod(obj):
    return type(obj).__name__ == "method"

def isbuiltin(obj):
    return type(obj).__name__ == "builtin_function_or_method"

def isroutine(obj):
    return isfunction(obj) or ismethod(obj) or isbuiltin(obj)

def isgeneratorfunction(obj):
    return isfunction(obj) and bool(obj.__code__.co_flags & 0x20)

def iscoroutinefunction(obj):
    return isfunction(obj) and bool(obj.__code__.co_flags & 0x80)

def isgenerator(obj):
    return type(obj).__name__ == "generator"

def iscoroutine(obj):
    return type(obj).__name__ == "coroutine"

def isabstract(obj):
    return bool(getattr(obj, "__abstractmethods__", False))

def getmro(cls):
    return cls.__mro__

def getmembers(obj, predicate=None):
    out = []
    for key in dir(obj):
        try:
            value = getattr(obj, key)
        except AttributeError:
            continue
        if predicate is None or predicate(value):
            out.append((key, value))
    out.sort(key=lambda kv: kv[0])
    return out

def cleandoc(doc):
    lines = doc.expandtabs().split("\n")
    margin = None
    for line in lines[1:]:
        content = len(line.lstrip())
        if content:
            indent = len(line) - content
            margin = indent if margin is None else min(margin, indent)
    if lines:
        lines[0] = lines[0].lstrip()
    if margin is not None:
        for i in range(1, len(lines)):
            lines[i] = lines[i][margin:]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)

def getdoc(obj):
    doc = getattr(obj, "__doc__", None)
    if not isinstance(doc, str):
        return None
    return cleandoc(doc)

def unwrap(func, *, stop=None):
    while hasattr(func, "__wrapped__") and (stop is None or not stop(func)):
        func = func.__wrapped__
    return func

class _empty:
    pass

class _void:
    """A marker: "not given" in Parameter.replace."""

class _ParameterKind(int):
    pass

def formatannotation(annotation, base_module=None):
    if getattr(annotation, "__module__", None) == "typing":
        return repr(annotation).replace("typing.", "")
    if isinstance(annotation, type):
        if annotation.__module__ in ("builtins", base_module):
            return annotation.__qualname__
        return annotation.__module__ + "." + annotation.__qualname__
    return repr(annotation)

class Parameter:
    POSITIONAL_ONLY = 0
    POSITIONAL_OR_KEYWORD = 1
    VAR_POSITIONAL = 2
    KEYWORD_ONLY = 3
    VAR_KEYWORD = 4
    empty = _empty

    def __init__(self, name, kind, *, default=_empty, annotation=_empty):
        self.name = name
        self.kind = kind
        self.default = default
        self.annotation = annotation

    def __str__(self):
        s = self.name
        if self.annotation is not _empty:
            s = "%s: %s" % (s, formatannotation(self.annotation))
        if self.default is not _empty:
            if self.annotation is not _empty:
                s = "%s = %r" % (s, self.default)
            else:
                s = "%s=%r" % (s, self.default)
        if self.kind == 2:
            s = "*" + s
        elif self.kind == 4:
            s = "**" + s
        return s

    def __repr__(self):
        return '<Parameter "%s">' % self

    def __eq__(self, other):
        if not isinstance(other, Parameter):
            return NotImplemented
        return (self.name == other.name and self.kind == other.kind
                and self.default == other.default
                and self.annotation == other.annotation)

    def __hash__(self):
        return hash((self.name, self.kind, self.annotation, self.default))

    def replace(self, *, name=None, kind=None, default=_void, annotation=_void):
        return Parameter(self.name if name is None else name,
                         self.kind if kind is None else kind,
                         default=self.default if default is _void else default,
                         annotation=self.annotation if annotation is _void else annotation)

class Signature:
    empty = _empty

    def __init__(self, parameters=None, *, return_annotation=_empty):
        self._parameters = list(parameters or [])
        self.return_annotation = return_annotation

    @property
    def parameters(self):
        return {p.name: p for p in self._parameters}

    def replace(self, *, parameters=None, return_annotation=None):
        return Signature(self._parameters if parameters is None else parameters,
                         return_annotation=self.return_annotation
                         if return_annotation is None else return_annotation)

    def __str__(self):
        out = []
        render_pos_only = False
        render_kw_sep = True
        for p in self._parameters:
            if p.kind == 0:
                render_pos_only = True
            elif render_pos_only:
                out.append("/")
                render_pos_only = False
            if p.kind == 2:
                render_kw_sep = False
            elif p.kind == 3 and render_kw_sep:
                out.append("*")
                render_kw_sep = False
            out.append(str(p))
        if render_pos_only:
            out.append("/")
        s = "(" + ", ".join(out) + ")"
        if self.return_annotation is not _empty:
            s += " -> " + formatannotation(self.return_annotation)
        return s

    def __repr__(self):
        return "<Signature %s>" % self

    def __eq__(self, other):
        if not isinstance(other, Signature):
            return NotImplemented
        return (self.return_annotation == other.return_annotation
                and self._parameters == other._parameters)

    def __hash__(self):
        return hash((tuple(self._parameters), self.return_annotation))

    @classmethod
    def from_callable(cls, obj, *, follow_wrapped=True):
        return signature(obj, follow_wrapped=follow_wrapped)

    def bind(self, /, *args, **kwargs):
        return self._bind(args, kwargs, False)

    def bind_partial(self, /, *args, **kwargs):
        return self._bind(args, kwargs, True)

    def _bind(self, args, kwargs, partial):
        # positional arguments first, in parameter order; then every
        # parameter left by name; what remains goes to **kwargs
        arguments = {}
        kwargs = dict(kwargs)
        params = self._parameters
        i = 0
        rest = list(args)
        while rest:
            if i >= len(params) or params[i].kind >= 3:
                raise TypeError("too many positional arguments") from None
            p = params[i]
            i += 1
            if p.kind == 2:
                arguments[p.name] = tuple(rest)
                rest = []
                break
            if p.kind == 1 and p.name in kwargs:
                raise TypeError("multiple values for argument %r" % p.name) from None
            arguments[p.name] = rest.pop(0)
        var_kw = None
        for p in params[i:]:
            if p.kind == 4:
                var_kw = p
                continue
            if p.kind == 2:
                continue
            if p.kind == 0 and p.name in kwargs:
                raise TypeError("%r parameter is positional only, but was passed "
                                "as a keyword" % p.name)
            if p.name in kwargs:
                arguments[p.name] = kwargs.pop(p.name)
            elif not partial and p.default is _empty:
                raise TypeError("missing a required argument: %r" % p.name) from None
        if kwargs:
            if var_kw is None:
                raise TypeError("got an unexpected keyword argument %r"
                                % next(iter(kwargs)))
            arguments[var_kw.name] = kwargs
        return BoundArguments(self, arguments)

class BoundArguments:
    def __init__(self, signature, arguments):
        self.arguments = arguments
        self._signature = signature

    @property
    def signature(self):
        return self._signature

    @property
    def args(self):
        out = []
        for p in self._signature._parameters:
            if p.kind >= 3 or p.name not in self.arguments:
                break
            if p.kind == 2:
                out.extend(self.arguments[p.name])
            else:
                out.append(self.arguments[p.name])
        return tuple(out)

    @property
    def kwargs(self):
        # what `args` cannot carry: everything after the first parameter
        # that is keyword-only, **kwargs, or missing
        out = {}
        by_keyword = False
        for p in self._signature._parameters:
            if not by_keyword:
                if p.kind >= 3:
                    by_keyword = True
                elif p.name not in self.arguments:
                    by_keyword = True
                    continue
                else:
                    continue
            if p.name in self.arguments:
                if p.kind == 4:
                    out.update(self.arguments[p.name])
                else:
                    out[p.name] = self.arguments[p.name]
        return out

    def apply_defaults(self):
        filled = {}
        for p in self._signature._parameters:
            if p.name in self.arguments:
                filled[p.name] = self.arguments[p.name]
            elif p.default is not _empty:
                filled[p.name] = p.default
            elif p.kind == 2:
                filled[p.name] = ()
            elif p.kind == 4:
                filled[p.name] = {}
        self.arguments = filled

    def __eq__(self, other):
        if not isinstance(other, BoundArguments):
            return NotImplemented
        return self.signature == other.signature and self.arguments == other.arguments

    def __repr__(self):
        return "<BoundArguments (%s)>" % ", ".join(
            "%s=%r" % kv for kv in self.arguments.items())

def _from_function(f, skip_first=False):
    code = f.__code__
    names = code.co_varnames
    npos = code.co_argcount
    nposonly = code.co_posonlyargcount
    nkw = code.co_kwonlyargcount
    defaults = f.__defaults__ or ()
    kwdefaults = f.__kwdefaults__ or {}
    ann = getattr(f, "__annotations__", {}) or {}
    params = []
    first_default = npos - len(defaults)
    for i in range(npos):
        kind = 0 if i < nposonly else 1
        d = defaults[i - first_default] if i >= first_default else _empty
        params.append(Parameter(names[i], kind, default=d, annotation=ann.get(names[i], _empty)))
    i = npos
    if code.co_flags & 4:
        params.append(Parameter(names[npos + nkw], 2,
                                annotation=ann.get(names[npos + nkw], _empty)))
    for j in range(nkw):
        n = names[npos + j]
        params.append(Parameter(n, 3, default=kwdefaults.get(n, _empty),
                                annotation=ann.get(n, _empty)))
    if code.co_flags & 8:
        k = npos + nkw + (1 if code.co_flags & 4 else 0)
        params.append(Parameter(names[k], 4, annotation=ann.get(names[k], _empty)))
    if skip_first:
        params = params[1:]
    return Signature(params, return_annotation=ann.get("return", _empty))

def signature(obj, *, follow_wrapped=True):
    if follow_wrapped:
        obj = unwrap(obj)
    if isfunction(obj):
        return _from_function(obj)
    if ismethod(obj):
        return _from_function(obj.__func__, True)
    if isclass(obj):
        init = getattr(obj, "__init__", None)
        if isfunction(init):
            return _from_function(init, True)
        new = obj.__dict__.get("__new__")
        if new is not None:
            new = getattr(obj, "__new__")
            if isfunction(new):
                return _from_function(new, True)
        raise ValueError("no signature found for builtin type %r" % obj)
    if callable(obj) and isfunction(getattr(type(obj), "__call__", None)):
        return _from_function(type(obj).__call__, True)
    raise ValueError("no signature found for %r" % (obj,))

def getmodule(obj):
    return _sys.modules.get(getattr(obj, "__module__", None))

def currentframe():
    return _sys._getframe(1)

def stack():
    return []
"#;

pub fn init_inspect(vm: &mut Vm, d: Value) -> PyResult<()> {
    exec_in(vm, d, INSPECT_SRC, "<inspect>")
}
