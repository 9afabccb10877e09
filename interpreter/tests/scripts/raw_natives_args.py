# Argument binding and messages of the natives converted from the raw
# convention (exec, eval, compile, type.__new__, __build_class__,
# bytes.__new__, sys.getsizeof): CPython's argument clinic messages.
import sys


def t(f):
    try:
        r = f()
        print("ok", type(r).__name__, r if isinstance(r, (bytes, int, str)) else "")
    except Exception as e:
        print(type(e).__name__, e)


t(lambda: exec())
t(lambda: exec("x=1", {}, {}, {}))
t(lambda: exec("x=1", globals={}))
t(lambda: exec("x=1", 5))
t(lambda: exec("x=1", {}, 5))
t(lambda: exec(5))
t(lambda: exec("x=1", closure=None))
t(lambda: exec("x=1", foo=None))
t(lambda: eval())
t(lambda: eval("1", {}, {}, {}))
t(lambda: eval("1", globals={}))
t(lambda: eval("1", 5))
t(lambda: eval("1", {}, 5))
t(lambda: eval(5))
t(lambda: eval("1", None, None))
t(lambda: eval("x + 1", {"x": 41}))
t(lambda: eval("x + y", {"x": 1}, {"y": 2}))
t(lambda: compile())
t(lambda: compile("1", "f"))
t(lambda: compile("1", "f", "bad"))
t(lambda: compile("1", "f", "eval", flags="x"))
t(lambda: compile("1", "f", "eval", 0, 0, 0, 0))
t(lambda: eval(compile(source="6*7", filename="f", mode="eval")))
t(lambda: compile("1", 5, "eval"))
t(lambda: compile("1", "f", 5))
t(lambda: compile(5, "f", "eval"))
t(lambda: compile("1", "f", "eval", foo=1))
t(lambda: compile("1", "f", "eval", optimize="x"))
t(lambda: compile("1", "f", "eval", optimize=3))
t(lambda: compile("1", "f", "eval", dont_inherit=[]))
t(lambda: compile("1", "f", "eval", 0x7FFFFFFF))
t(lambda: compile("1", "f", "eval", 0, filename="g"))
t(lambda: eval(compile("1", b"f", "eval")))
t(lambda: compile(compile("1", "f", "eval"), "f", "eval"))


def outer():
    x = 5

    def inner():
        return x

    return inner


inner = outer()
t(lambda: exec(inner.__code__, {}))
t(lambda: exec(inner.__code__, {}, None, closure=(1,)))
t(lambda: exec(inner.__code__, {}, None, closure=inner.__closure__))
t(lambda: exec("1", closure=()))
t(lambda: exec(compile("1", "f", "exec"), closure=()))
t(lambda: eval(inner.__code__))

t(lambda: type.__new__())
t(lambda: type.__new__(type))
t(lambda: type.__new__(type, 1))
t(lambda: type.__new__(type, 1, 2))
t(lambda: type.__new__(type, "A", (), {}, 5))
t(lambda: type.__new__(5, "A", (), {}))
t(lambda: type.__new__(int, "A", (), {}))
t(lambda: type.__new__(type, 5, (), {}))
t(lambda: type.__new__(type, "A", 5, {}))
t(lambda: type.__new__(type, "A", (), 5))
t(lambda: type.__new__(type, "A", (5,), {}).__name__)
t(lambda: type.__new__(type, "A", (), {}, x=1))
t(lambda: type("A", (), {}, x=1))
t(lambda: type(1, 2))
t(lambda: type(1, x=2))
t(lambda: type())
t(lambda: type("B", (), {"v": 3}).v)


class M(type):
    pass


t(lambda: M(1))
t(lambda: M("C", (), {}).__name__)
t(lambda: __build_class__())
t(lambda: __build_class__(5))
t(lambda: __build_class__(lambda: None))
t(lambda: __build_class__(5, "A"))
t(lambda: __build_class__(lambda: None, 5))
t(lambda: __build_class__(lambda: None, "A", metaclass=5))


class ListEntries:
    def __mro_entries__(self, bases):
        return [object]


def bad_entries():
    class A(ListEntries()):
        pass


t(bad_entries)
t(lambda: bytes.__new__())
t(lambda: bytes.__new__(5))
t(lambda: bytes.__new__(int))
t(lambda: bytes.__new__(bytes, 1, 2, 3, 4))
t(lambda: bytes.__new__(bytes, "x"))
t(lambda: bytes.__new__(bytes, "x", "ascii"))
t(lambda: bytes.__new__(bytes, source="x", encoding="ascii", errors="strict"))
t(lambda: bytes.__new__(bytes, foo=1))
t(lambda: bytes("x", 5))
t(lambda: bytes("x", "ascii", 5))
t(lambda: bytes(b"ab", source=b"c"))
t(lambda: bytes(-1))
t(lambda: bytes(5, "ascii"))
t(lambda: bytes(3.5))
t(lambda: bytes(3))


class B(bytes):
    pass


t(lambda: type(B(b"xy")).__name__ + repr(B(b"xy")))
t(lambda: B(source=[65, 66]))
t(lambda: sys.getsizeof())
t(lambda: sys.getsizeof(1, 2, 3))
t(lambda: sys.getsizeof(object=1) > 0)
t(lambda: sys.getsizeof(1, foo=2))
t(lambda: sys.getsizeof(1, object=2))


class Sized:
    def __sizeof__(self):
        return "big"


t(lambda: sys.getsizeof(Sized()))
t(lambda: sys.getsizeof(Sized(), "dflt"))
t(lambda: sys.getsizeof(Sized(), default=7))
t(lambda: int(1, 2, 3))
t(lambda: int.__new__(int, 1, 2, 3))
t(lambda: int(x=1))
t(lambda: int("1", base=10, y=2))
t(lambda: int("11", base=2))
t(lambda: int("11", 3))
t(lambda: int())
t(lambda: type("I", (int,), {})("7", 8))
