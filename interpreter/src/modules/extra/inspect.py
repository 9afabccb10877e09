# pygc additions to the native inspect subset: code flags and predicates.
CO_OPTIMIZED = 1
CO_NEWLOCALS = 2
CO_VARARGS = 4
CO_VARKEYWORDS = 8
CO_NESTED = 16
CO_GENERATOR = 32
CO_NOFREE = 64
CO_COROUTINE = 128
CO_ITERABLE_COROUTINE = 256
CO_ASYNC_GENERATOR = 512


def isasyncgenfunction(obj):
    code = getattr(obj, "__code__", None)
    return code is not None and bool(code.co_flags & CO_ASYNC_GENERATOR)


def isawaitable(obj):
    return iscoroutine(obj) or hasattr(type(obj), "__await__")


def isdatadescriptor(obj):
    if isclass(obj) or ismethod(obj) or isfunction(obj):
        return False
    tp = type(obj)
    return hasattr(tp, "__set__") or hasattr(tp, "__delete__")


def ismethoddescriptor(obj):
    if isclass(obj) or ismethod(obj) or isfunction(obj):
        return False
    tp = type(obj)
    return hasattr(tp, "__get__") and not hasattr(tp, "__set__")


def istraceback(obj):
    return type(obj).__name__ == "traceback"


def isframe(obj):
    return type(obj).__name__ == "frame"


def iscode(obj):
    return type(obj).__name__ == "code"


def getfile(obj):
    import sys
    if ismodule(obj):
        f = getattr(obj, "__file__", None)
        if f:
            return f
        raise TypeError(f"{obj!r} is a built-in module")
    if isclass(obj):
        mod = sys.modules.get(getattr(obj, "__module__", None))
        f = getattr(mod, "__file__", None)
        if f:
            return f
        raise TypeError(f"{obj!r} is a built-in class")
    if ismethod(obj):
        obj = obj.__func__
    if isfunction(obj):
        obj = obj.__code__
    if istraceback(obj):
        obj = obj.tb_frame
    if isframe(obj):
        obj = obj.f_code
    if iscode(obj):
        return obj.co_filename
    raise TypeError("module, class, method, function, traceback, frame, or "
                    f"code object was expected, got {type(obj).__name__}")


def getsourcefile(obj):
    import os
    f = getfile(obj)
    if f.endswith((".pyc", ".pyo")):
        f = f[:-1]
    if os.path.exists(f):
        return f
    import linecache
    if f in linecache.cache:
        return f
    return None


def getsourcelines(obj):
    import linecache
    f = getsourcefile(obj)
    if f is None:
        raise OSError("could not get source code")
    lines = linecache.getlines(f)
    if ismodule(obj):
        return lines, 0
    if ismethod(obj):
        obj = obj.__func__
    if isfunction(obj):
        obj = obj.__code__
    start = getattr(obj, "co_firstlineno", None)
    if start is None:
        if isclass(obj):
            import re
            pat = re.compile(r"^(\s*)class\s*" + obj.__name__ + r"\b")
            for i, line in enumerate(lines):
                if pat.match(line):
                    start = i + 1
                    break
        if start is None:
            raise OSError("could not find class definition")
    i = start - 1
    while i < len(lines) and lines[i].lstrip().startswith("@"):
        i += 1
    if i >= len(lines):
        raise OSError("could not get source code")
    indent = len(lines[i]) - len(lines[i].lstrip())
    end = i + 1
    while end < len(lines):
        line = lines[end]
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        end += 1
    while end > i + 1 and not lines[end - 1].strip():
        end -= 1
    return lines[start - 1:end], start


def getsource(obj):
    return "".join(getsourcelines(obj)[0])


def findsource(obj):
    import linecache
    lines, lnum = getsourcelines(obj)
    return linecache.getlines(getsourcefile(obj)), max(lnum - 1, 0)
