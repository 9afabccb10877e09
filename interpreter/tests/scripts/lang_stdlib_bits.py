# torture: 500
# requires: stdlib
# Language-level stdlib pieces: inspect.CO_*, functools.singledispatch and
# partialmethod, itertools.combinations_with_replacement, time basics,
# collections.UserDict/UserList/UserString, function annotations.
def t(name, f):
    try:
        print(name, f())
    except BaseException as e:
        print(name, "EXC", type(e).__name__, e)
import inspect
t("co", lambda: (inspect.CO_GENERATOR, inspect.CO_VARARGS, inspect.CO_COROUTINE, inspect.CO_ASYNC_GENERATOR))
import functools
@functools.singledispatch
def f(x): return "obj"
@f.register
def _(x: int): return "int"
@f.register(str)
def _(x): return "str"
@f.register(list)
@f.register(tuple)
def _(x): return "seq"
class MyInt(int): pass
t("sd", lambda: (f(1), f("a"), f(1.0), f(True), f(MyInt(3)), f([1]), f((1,))))
t("sd_dispatch", lambda: f.dispatch(bool).__name__)
class Shape:
    @functools.singledispatchmethod
    def area(self, arg): return "generic"
    @area.register
    def _(self, arg: int): return arg * arg
t("sdm", lambda: (Shape().area(3), Shape().area("x")))
class P:
    def m(self, a, b): return a + b
    pm = functools.partialmethod(m, 10)
    pm2 = functools.partialmethod(m, b=5)
t("pm", lambda: (P().pm(1), P().pm2(1), P().pm2(a=2)))
import itertools
t("cwr", lambda: list(itertools.combinations_with_replacement("abc", 2)))
t("cwr3", lambda: len(list(itertools.combinations_with_replacement(range(4), 3))))
t("cwr0", lambda: list(itertools.combinations_with_replacement([], 2)))
import time
t("strf", lambda: time.strftime("%Y-%m-%d %H:%M:%S %a %b %j", time.gmtime(86400 * 365 + 3661)))
t("gm", lambda: tuple(time.gmtime(1700000000)))
t("gm_attrs", lambda: (time.gmtime(0).tm_year, time.gmtime(0).tm_wday, time.gmtime(0).tm_yday))
t("strp", lambda: tuple(time.strptime("2020-03-01 10:20:30", "%Y-%m-%d %H:%M:%S")))
t("strp2", lambda: tuple(time.strptime("5 Jan 1999", "%d %b %Y"))[:8])
t("strp_bad", lambda: time.strptime("2020-xx", "%Y-%m"))
t("asctime", lambda: time.asctime(time.gmtime(0)))
t("mktime", lambda: type(time.mktime(time.localtime())).__name__)
import collections
ud = collections.UserDict(a=1)
ud["b"] = 2
t("ud", lambda: (ud, len(ud), "a" in ud, ud.get("z", 0), sorted(ud.items()), ud | {"c": 3}))
class Default(collections.UserDict):
    def __missing__(self, k): return k * 2
t("ud_missing", lambda: Default()["ab"])
ul = collections.UserList([3, 1, 2])
ul.sort()
t("ul", lambda: (ul, ul + [4], [0] + ul, ul * 2, ul[1:], ul.index(2), isinstance(ul[1:], collections.UserList)))
us = collections.UserString("Hello")
t("us", lambda: (us + "!", us.upper(), us.split("l"), us[1:3], "ell" in us, len(us), us.count("l")))
def annotated(a: int, *args: str, b: "float" = 1.0, **kw: bool) -> list:
    pass
t("annotations", lambda: annotated.__annotations__)
t("no_annotations", lambda: (lambda x: x).__annotations__)
