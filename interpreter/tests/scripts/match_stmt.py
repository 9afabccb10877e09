# match statements (PEP 634)
# requires: stdlib
# torture: 13
from collections import namedtuple


def describe(v):
    match v:
        case 0:
            return "zero"
        case 1 | 2 | 3:
            return "small"
        case -1:
            return "minus one"
        case "hello":
            return "greeting"
        case b"raw":
            return "bytes"
        case None:
            return "none"
        case True:
            return "true"
        case False:
            return "false"
        case 2.5:
            return "two and a half"
        case [] :
            return "empty sequence"
        case [x]:
            return f"one element {x!r}"
        case [x, y]:
            return f"pair {x!r} {y!r}"
        case [first, *rest] if len(rest) > 3:
            return f"long, first={first!r} rest={rest!r}"
        case [first, *middle, last]:
            return f"first={first!r} middle={middle!r} last={last!r}"
        case {"type": "point", "x": px, "y": py}:
            return f"point dict {px},{py}"
        case {"type": t, **others}:
            return f"typed {t} others={others}"
        case {}:
            return "some mapping"
        case str() as s:
            return f"other str {s!r}"
        case int(n) if n > 100:
            return f"big int {n}"
        case int(n):
            return f"int {n}"
        case float(f):
            return f"float {f}"
        case _:
            return "something else"


for v in [0, 1, 3, -1, "hello", b"raw", None, True, False, 2.5, [], (), [7], (8,),
          [1, 2], (3, "a"), [1, 2, 3], [1, 2, 3, 4, 5], (9, 8, 7),
          {"type": "point", "x": 1, "y": 2}, {"type": "circle", "r": 3, "c": 0},
          {"x": 1}, {}, "other", 1000, 42, 3.75, {1, 2}, "", range(3), range(1)]:
    print(repr(v), "->", describe(v))


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Point3(Point):
    __match_args__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


def where(p):
    match p:
        case Point(0, 0):
            return "origin"
        case Point3(x, y, z=0):
            return f"3d flat {x} {y}"
        case Point3(x=0, y=0, z=z):
            return f"3d on z axis {z}"
        case Point(0, y):
            return f"on y axis {y}"
        case Point(x, 0):
            return f"on x axis {x}"
        case Point(x=x, y=y) if x == y:
            return f"diagonal {x}"
        case Point():
            return "somewhere"
        case _:
            return "not a point"


for p in [Point(0, 0), Point(0, 5), Point(4, 0), Point(3, 3), Point(1, 2),
          Point3(1, 2, 0), Point3(0, 0, 9), Point3(5, 6, 7), "nope"]:
    print(where(p))

NT = namedtuple("NT", "a b c")
match NT(1, 2, 3):
    case NT(a, b, c=cc):
        print("namedtuple", a, b, cc)

match NT(1, 2, 3):
    case (x, y, z):
        print("namedtuple as sequence", x, y, z)


# nested patterns
def nested(v):
    match v:
        case [Point(x=0) as p, [1, *_], {"k": [a, b]}]:
            return f"nested p.y={p.y} a={a} b={b}"
        case [(1 | 2) as n, ("a" | "b") as s]:
            return f"or-as {n} {s}"
        case [[x, y] | (x, y, _)] :
            return f"or with captures {x} {y}"
        case {"a": {"b": {"c": deep}}}:
            return f"deep {deep}"
        case _:
            return "no"


print(nested([Point(0, 7), [1, 2, 3], {"k": [4, 5], "z": 0}]))
print(nested([2, "b"]))
print(nested([3, "b"]))
print(nested([[1, 2]]))
print(nested([(3, 4, 5)]))
print(nested([(3, 4, 5, 6)]))
print(nested({"a": {"b": {"c": "found"}}}))


# value patterns (dotted names)
class Color:
    RED = 1
    GREEN = 2
    BLUE = 3


def color(c):
    match c:
        case Color.RED:
            return "red"
        case Color.GREEN | Color.BLUE:
            return "green or blue"
        case other:
            return f"unknown {other}"


print(color(1), color(3), color(9))

# binding semantics: names bound only when the whole pattern matches
x = "unset"
match [1, 2]:
    case [x, 3]:
        print("unexpected")
    case [_, _]:
        print("x after failed case:", x)

match [10, 20]:
    case [a, b] if a > b:
        print("unexpected")
    case _:
        print("guard failed; a, b bound anyway:", a, b)

# or-pattern binding order differs between alternatives
match (1, "s"):
    case (int(i), str(s)) | (str(s), int(i)):
        print("alt1", i, s)
match ("t", 2):
    case (int(i), str(s)) | (str(s), int(i)):
        print("alt2", i, s)


# builtins match themselves positionally
for v in [True, 5, 2.0, "s", b"b", [1], (1,), {1: 2}, {3}, frozenset({4})]:
    match v:
        case bool(b):
            print("bool", b)
        case int(i):
            print("int", i)
        case float(f):
            print("float", f)
        case str(s):
            print("str", s)
        case bytes(b):
            print("bytes", b)
        case list(l):
            print("list", l)
        case tuple(t):
            print("tuple", t)
        case dict(d):
            print("dict", d)
        case set(s):
            print("set", s)
        case frozenset(s):
            print("frozenset", s)
        case bytearray(b):
            print("bytearray", b)

# strings are not sequences; dicts are not sequences
for v in ["ab", b"ab", {"a": 1}, [1, 2]]:
    match v:
        case [a, b]:
            print("sequence of two", a, b)
        case _:
            print("not a sequence:", repr(v))

# fallthrough: no case matches
match 99:
    case 1:
        print("one")
print("after match with no match")

# match in loops with break / continue / return
for i in range(6):
    match i:
        case 1:
            continue
        case 4:
            break
        case n:
            print("loop", n)


def find(items):
    for it in items:
        match it:
            case {"id": ident, "ok": True}:
                return ident
    return None


print(find([{"id": 1, "ok": False}, {"id": 2, "ok": True}]))

# match with subject expression evaluated once
calls = []


def subject():
    calls.append(1)
    return [1, 2, 3]


match subject():
    case [1]:
        pass
    case [1, 2]:
        pass
    case [1, 2, 3]:
        print("matched after", len(calls), "evaluation(s)")

# mapping with **rest and non-dict keys
match {1: "a", 2: "b", 3: "c"}:
    case {1: one, **rest}:
        print(one, rest)

# tuple subject with star in the middle
match (1, 2, 3, 4, 5):
    case (1, *mid, 5):
        print("mid", mid)

match [1, [2, [3, [4]]]]:
    case [a, [b, [c, [d]]]]:
        print(a + b + c + d)


# class with no __match_args__ and keyword patterns
class Obj:
    def __init__(self):
        self.name = "obj"
        self.size = 3


match Obj():
    case Obj(name="obj", size=s):
        print("Obj size", s)

match Obj():
    case Obj(missing=1):
        print("unexpected")
    case Obj(name=n):
        print("missing attribute means no match; name", n)


# errors
def err(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ":", e)


class BadArgs:
    __match_args__ = ["x"]


class BadElem:
    __match_args__ = ("x", 1)
    x = 1


class Dup:
    __match_args__ = ("x",)
    x = 3


def e1():
    match BadArgs():
        case BadArgs(1):
            pass


def e2():
    match BadElem():
        case BadElem(1, 2):
            pass


def e3():
    match 3:
        case int(1, 2):
            pass


def e4():
    match Dup():
        case Dup(x, x=y):
            pass


def e5():
    notatype = 5
    match 3:
        case notatype.real():
            pass


def e6():
    match Point(1, 2):
        case Point(1, 2, 3):
            pass


def e7():
    match Obj():
        case Obj(1):
            pass


def e8():
    class K:
        a = "k"
        b = "k"
    match {"k": 1, "j": 2}:
        case {K.a: 1, K.b: 2}:
            pass


for f in [e1, e2, e3, e4, e5, e6, e7, e8]:
    err(f)

# match inside class bodies, generators and nested matches
from collections import deque


class Config:
    match {"debug": True, "level": 3}:
        case {"debug": dbg, **extra}:
            DEBUG = dbg
            EXTRA = extra


print(Config.DEBUG, Config.EXTRA)


def gen(items):
    for it in items:
        match it:
            case (k, v):
                match v:
                    case int() | float():
                        yield f"{k}=number"
                    case str():
                        yield f"{k}=text"
                    case _:
                        yield f"{k}=?"
            case _:
                yield "skip"


print(list(gen([("a", 1), ("b", "x"), ("c", 2.0), ("d", None), 7])))

match deque([1, 2, 3]):
    case [1, *rest]:
        print("deque rest", rest)

match {"only": 1}:
    case {**everything}:
        print("everything", everything)

match 5:
    case 1 | 2 as n:
        print("unexpected", n)
    case (3 | 4 | 5) as n:
        print("parenthesised or-as", n)
