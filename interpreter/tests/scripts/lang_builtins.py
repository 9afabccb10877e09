# torture: 500
# requires: stdlib
# Builtins and language items of issue 17 (dir/vars, cells, metaclass __call__,
# object.__new__ checks, from_bytes, recursive repr, throw, descriptors, slots,
# bytes methods, add_note, MethodType, GenericAlias, Unicode casing).
def t(name, f):
    try:
        print(name, f())
    except BaseException as e:
        print(name, "EXC", type(e).__name__, e)
x = 1
t("dir", lambda: 'x' in dir())
def g():
    a = 1; b = 2
    return dir()
t("dir2", g)
class A:
    def f(self): pass
class B(A):
    y = 1
t("dirB", lambda: [n for n in dir(B) if not n.startswith('__')])
t("dirBi", lambda: '__init__' in dir(B()))
t("vars", lambda: sorted(vars(B)) [:3])
def mk():
    v = 5
    def inner(): return v
    return inner
t("cell", lambda: mk().__closure__[0].cell_contents)
class M(type):
    def __call__(cls, *a):
        o = super().__call__(*a)
        o.tag = "m"
        return o
class C(metaclass=M):
    def __init__(self, v): self.v = v
t("metacall", lambda: (C(3).v, C(3).tag))
t("objnew", lambda: object.__new__(A, 1))
t("objinit", lambda: object().__init__(1))
class D:
    pass
t("objnew2", lambda: D(1))
t("frombytes", lambda: int.from_bytes([1, 2], 'big'))
t("frombytes2", lambda: int.from_bytes(iter([1, 2]), 'little'))
t("tobytes", lambda: (255).to_bytes(2, 'little'))
l = [1]; l.append(l); l.append(l)
t("reprl", lambda: repr(l))
d = {}; d['a'] = d
t("reprd", lambda: repr(d))
def gen():
    try:
        yield 1
    except ValueError as e:
        yield repr(e)
gg = gen(); next(gg)
t("throw", lambda: gg.throw(ValueError, ValueError("x")))
class Desc:
    def __get__(s, o, t=None): return 1
    def __set__(s, o, v): print("set")
    def __delete__(s, o): print("delete")
class E:
    d = Desc()
    @property
    def p(self): return 1
    @p.deleter
    def p(self): print("pdel")
e = E()
def dl():
    del e.d; del e.p
t("del", dl)
class S:
    __slots__ = ('a',)
s = S()
def sl():
    s.a = 1; s.b = 2
t("slots", sl)
t("slotsdict", lambda: hasattr(s, '__dict__'))
t("slotdesc", lambda: type(S.__dict__['a']).__name__)
t("bytesm", lambda: (b"abc".upper(), b"a,b".split(b","), b"%d-%s" % (1, b"x"), bytearray(b"ab").title(), b" x ".strip(), b"abc".center(7, b'*'), b'ab'.hex(), b'a\tb'.expandtabs()))
t("note", lambda: callable(ValueError().add_note))
import types
t("methtype", lambda: types.MethodType(lambda self: 1, object())())
t("ga", lambda: (repr(list[int]), type(list[int]).__name__, list[int] == list[int], dict[str, int]))
t("casefold", lambda: ("Straße".casefold(), "hello wörld ǆ".title(), "١٢".isdecimal(), "ß".upper()))
t("maketrans", lambda: "café".translate(str.maketrans("é", "e")))
import sys

t("propdoc", lambda: property(lambda s: 1, doc="hi").__doc__)
def fdoc(s):
    "doc!"
t("propdoc2", lambda: property(fdoc).__doc__)
t("sm", lambda: staticmethod(fdoc).__func__ is fdoc)
t("cm", lambda: classmethod(fdoc).__func__ is fdoc)
t("objinit2", lambda: A().__init__(1))
class WithDir:
    def __dir__(self): return ["b", "a"]
t("userdir", lambda: dir(WithDir()))
import sys as _s
t("dirmod", lambda: "path" in dir(_s))
t("vars0", lambda: sorted(k for k in vars() if not k.startswith("__"))[:3])
t("tobytes2", lambda: (1024).to_bytes(4, "big"))
t("frombytes_signed", lambda: int.from_bytes(b"\xff\xfe", "big", signed=True))
t("frombytes_bad", lambda: int.from_bytes([256], "big"))
t("bytes_more", lambda: (b"a b  c".split(), b"x".join([b"1", b"2"]), b"abc".replace(b"b", b"X"),
      b"Hello".swapcase(), b"  hi\n".rstrip(), b"a=b".partition(b"="), b"%5.2f|%-4s|%r" % (3.14159, b"ab", b"q"),
      b"abc".startswith((b"x", b"a")), b"tEsT".capitalize(), b"l1\nl2\r\n".splitlines(True), b"12".zfill(5)))
t("bytearray_m", lambda: (bytearray(b"ab cd").split(), bytearray(b"xy").upper()))
d2 = {"k": [1]}
d2["k"].append(d2)
t("repr_nested", lambda: repr(d2))
s1 = set(); t("repr_set_empty", lambda: repr(s1))
t("title_more", lambda: ("they're bill's".title(), "ǆemal".title(), "ﬁx".upper(), "İ".lower(), "ΣΑΣ".lower()))
t("isdecimal", lambda: ("٣".isdecimal(), "²".isdigit(), "²".isdecimal(), "½".isnumeric(), "Ⅷ".isnumeric()))
t("maketrans2", lambda: (str.maketrans({"a": "b", "c": None}), "abc".translate(str.maketrans("ab", "xy", "c"))))
t("ga2", lambda: (repr(dict[str, list[int]]), list[int]([1, 2]), list[int].__origin__ is list, tuple[int, ...]))
class MS(type):
    def __call__(cls, *a, **k):
        print("meta call", cls.__name__, a)
        return super().__call__(*a, **k)
class WithInit(metaclass=MS):
    def __init__(self, x): self.x = x
t("meta_init", lambda: WithInit(5).x)
class Slotted:
    __slots__ = ("x", "__y")
    def __init__(self): self.x = 1; self.__y = 2
class SlottedSub(Slotted):
    pass
t("slots_sub_dict", lambda: (hasattr(SlottedSub(), "__dict__"), hasattr(Slotted(), "__dict__")))
t("slots_repr", lambda: repr(Slotted.x))
t("slots_unset", lambda: Slotted.__new__(Slotted).x)
t("slots_mangled", lambda: sorted(k for k in Slotted.__dict__ if "y" in k))
def g2():
    try:
        yield 1
    except KeyError as e:
        yield ("caught", e.args)
gg2 = g2(); next(gg2)
t("throw_args", lambda: gg2.throw(KeyError, ("a", "b")))
t("mt_bound", lambda: types.MethodType(len, [1, 2, 3])())
t("prop_nodeleter", lambda: exec("del e2.q", {"e2": type("E2", (), {"q": property(lambda s: 1)})()}))
t("prop_nosetter", lambda: setattr(type("E3", (), {"q": property(lambda s: 1)})(), "q", 2))
