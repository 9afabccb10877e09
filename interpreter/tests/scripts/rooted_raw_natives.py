# The natives converted last from the raw `&[Value]` convention, each given
# a re-entrant argument (__index__/__fspath__/__hash__/__eq__/__iter__/
# __bytes__/__sizeof__/__mro_entries__/__set_name__) that allocates a lot
# and mutates containers: under PYGC_TORTURE=1 every safepoint collects and
# moves young objects, so a stale copy of an argument would show here.
import sys

junk = []


def churn(n=60):
    # allocate (and drop) many young objects, mutate a shared container
    tmp = [[i, str(i), (i,)] for i in range(n)]
    junk.append(tmp[-1])
    if len(junk) > 5:
        del junk[:3]
    return len(tmp)


class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        churn()
        return self.v


class Path:
    def __init__(self, p):
        self.p = p

    def __fspath__(self):
        churn()
        return "".join([c for c in self.p])


# compile: filename through __fspath__, flags/optimize through __index__,
# the (young) source text read after both
src = "".join(["res", " = ", "[i * 2 for i in range(4)]"])
code = compile(src, Path("<re" + "entrant>"), "exec", Idx(0), Idx(0), Idx(-1))
print(code.co_filename)
g = {"base": [1, 2]}
l = {"z": "".join(["lo", "cal"])}
exec(code, g, l)
print(sorted(k for k in g if k != "__builtins__"), l["res"], l["z"])
# exec/eval: fresh globals/locals dicts, code that allocates a lot
g2 = dict(a=[churn()], b="".join(["x", "y"]))
l2 = {"k": [3, 4]}
exec("".join(["q = [a, b, k] * 3\n", "for i in range(50): q.append(str(i))"]), g2, l2)
print(len(l2["q"]), l2["q"][:3], g2["b"])
print(eval("".join(["[k, b, ", "len([str(i) for i in range(300)])]"]), g2, l2))
print(eval(compile("sum(k) + len(b)", Path("e"), "eval", dont_inherit=Idx(1)), g2, l2))


class Key:
    def __init__(self, k):
        self.k = k

    def __hash__(self):
        churn()
        return hash(self.k)

    def __eq__(self, other):
        churn()
        return isinstance(other, Key) and self.k == other.k


class Desc:
    def __set_name__(self, owner, name):
        churn()
        self.name = "".join([owner.__name__, ".", name])


class Base:
    def __init_subclass__(cls, tag=None, **kw):
        churn()
        cls.tag = [tag, "".join(["t", "g"])]


ns = {"d": Desc(), Key("odd"): "".join(["o", "dd"]), "v": [1, 2, 3]}
C = type.__new__(type, "".join(["C", "x"]), (Base,), ns, tag=Idx(7).v)
print(C.__name__, C.d.name, C.tag, C.__dict__[Key("odd")], C.v)
C2 = type("".join(["C", "y"]), (Base,), {"w": Desc()}, tag="".join(["k", "w"]))
print(C2.__name__, C2.w.name, C2.tag)


class Entry:
    def __init__(self, base):
        self.base = base

    def __mro_entries__(self, bases):
        churn()
        return (self.base,)


class Meta(type):
    @classmethod
    def __prepare__(mcs, name, bases, **kw):
        churn()
        return {"prepared": "".join(["y", "es"])}

    def __new__(mcs, name, bases, ns, **kw):
        churn()
        return super().__new__(mcs, name, bases, ns, **kw)


class D(Entry(Base), Entry(object), metaclass=Meta, tag="".join(["m", "e"])):
    x = [churn(), "d"]
    y = Desc()


print(D.__name__, [b.__name__ for b in D.__bases__], D.prepared, D.tag, D.y.name)
print(type(D).__name__, len(D.__orig_bases__))


class By:
    def __bytes__(self):
        churn()
        return bytes([104, 105])


class Items:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        for i in range(self.n):
            churn(20)
            yield Idx(65 + i)


class Bs(bytes):
    pass


print(bytes(Idx(5)), bytes(By()), bytes(Items(4)))
print(Bs(Idx(3)), type(Bs(Items(2))).__name__, Bs(By()), Bs(source=Items(3)))
print(bytes("".join(["h", "é"]), encoding="".join(["utf", "-8"]), errors="strict"))
print(Bs("".join(["a", "b"]), "ascii") + b"!")


class Sz:
    def __sizeof__(self):
        churn()
        return "".join(["not", "int"])


class Sz2:
    def __sizeof__(self):
        churn()
        return Idx(3).v + 5


print(sys.getsizeof(Sz(), ["".join(["de", "fault"])]))
print(sys.getsizeof(Sz2(), "".join(["un", "used"])) > 0)
try:
    sys.getsizeof(Sz())
except TypeError as e:
    print("TypeError", e)
print(len(junk) > 0)
