# reversed(), zip(), range ==/hash, **kwargs keys, callable instances,
# __format__, SyntaxError details, tuple-subclass attributes, implicit class
# methods, __slots__ naming __doc__ (CPython semantics, checked against python3).


def show(*a):
    print(*a)


def err(f, *a, **k):
    try:
        return f(*a, **k)
    except Exception as e:
        return f"{type(e).__name__}: {e}"


class NoLen:
    def __getitem__(self, i):
        return 1


class NoGetItem:
    def __len__(self):
        return 2


class Blocked:
    def __getitem__(self, i):
        return 1

    def __len__(self):
        return 2

    __reversed__ = None


class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 10

    def __len__(self):
        return 3


def in_function(x):
    return err(reversed, x)


show(in_function(NoLen()), in_function(NoGetItem()), in_function(Blocked()))
show(list(reversed(Seq())), list(reversed("abc")), list(reversed({1: 2, 3: 4})))
for bad in (set(), (i for i in ()), map(str, [1])):
    show(err(reversed, bad))
show(list(zip()), list(zip(*[])), err(zip, None), err(zip, [1], 42))

show(range(5) == range(5), range(0) == range(5, 2), range(0, 10, 2) == range(0, 9, 2))
show(range(1, 2, 5) == range(1, 3, 7), range(5) != range(6), range(3) == [0, 1, 2])
show(hash(range(0, 10, 2)) == hash(range(0, 9, 2)), hash(range(0)) == hash(range(4, 1)))
show(len({range(3), range(0, 3, 1), range(0, 3)}))


def kw(*a, **k):
    return k


class K:
    def m(self, **k):
        return k


show(err(lambda: kw(**{1: 2})), K().m(**{"a": 1}), err(lambda: K().m(**{(1,): 2})))


class A:
    pass


A.__call__ = A()
show(err(A()) [:14])


class S(str):
    def __str__(self):
        return "__str__ overridden"


class F:
    def __format__(self, spec):
        return "F<" + spec + ">"


class Bad:
    def __format__(self, spec):
        return 42


s = S("xxx")
show(format(s), "{}".format(s), f"{s}", f"{s:>5}", "%s" % s)
show(f"{F()}", f"{F():x}", format(F()), "{:y}".format(F()), err(format, Bad()))

e = SyntaxError("msg", ("f.py", 3, 4, "text", 3, 6))
show(e, e.msg, e.filename, e.lineno, e.offset, e.text, e.end_lineno, e.end_offset)
show(SyntaxError("only"), SyntaxError().msg, err(SyntaxError, "m", (1, 2)))
try:
    compile("continue", "frag.py", "exec")
except SyntaxError as x:
    show(x, "|", x.msg, x.filename, x.lineno)


class T(tuple):
    pass


t = T((1, 2))
t.tag = "x"
show(t, t.tag, t.__dict__, t + (3,), len(t))


class NT(tuple):
    __slots__ = ()


show(err(setattr, NT(), "a", 1), hasattr(NT(), "__dict__"))


class Base:
    def __init_subclass__(cls, **kw):
        cls.kw = kw

    def __class_getitem__(cls, item):
        return (cls.__name__, item)


class Sub(Base, flag=1):
    pass


show(Sub.kw, Base[int], Sub[str], type(Base.__dict__["__init_subclass__"]).__name__)
Base.__init_subclass__()
show(Base.kw)


class WithDocSlot:
    __slots__ = ("__doc__", "v")

    def __init__(self):
        self.__doc__ = "instance doc"


show(WithDocSlot().__doc__, type(WithDocSlot.__dict__["__doc__"]).__name__)


class cistr(str):
    def __init__(self, value):
        self.canonical = value.lower()
        self.hashcode = hash(self.canonical)

    def __eq__(self, other):
        if not isinstance(other, cistr):
            other = cistr(other)
        return self.canonical == other.canonical

    def __hash__(self):
        return self.hashcode


c = cistr("ABC")
show(len(c), str(c), c.upper(), c + "d", c == "abc", "aBc" == c, c != "x")
d = {cistr("one"): 1, cistr("two"): 2}
show(d[cistr("tWo")], cistr("ONE") in d, d.get(cistr("thrEE")), "two" in d)


class PlainS(str):
    pass


show(PlainS("a") == "a", "a" == PlainS("a"), PlainS("a") < "b", {"a": 1}[PlainS("a")])
show(hash("abc") == "abc".__hash__(), hash(PlainS("abc")) == hash("abc"), (7).__hash__())
show("__hash__" in str.__dict__, "__hash__" in tuple.__dict__)


class Mixin:
    def __hash__(self):
        return 12345


class StrFirst(str, Mixin):
    pass


show(hash(StrFirst("q")) == hash("q"))


class Foo:
    pass


Foo.__repr__ = Foo.__str__
show(err(repr, Foo())[:14], err(str, Foo())[:14])
import itertools

show(list(itertools.repeat(1, 3)), list(itertools.repeat(1, -2)), err(itertools.repeat, 1, 2.5))
