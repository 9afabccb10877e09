# Lookups along the MRO are cached: every way of changing what a lookup
# finds must be seen at once.
class A:
    def f(self):
        return "A.f"


class B(A):
    pass


class C(B):
    pass


c = C()
out = []
for step in range(8):
    if step == 1:
        B.f = lambda self: "B.f"
    elif step == 2:
        C.f = lambda self: "C.f"
    elif step == 3:
        del C.f
    elif step == 4:
        del B.f
    elif step == 5:
        A.f = lambda self: "A.f2"
    elif step == 6:
        del A.f
    elif step == 7:
        setattr(A, "g", 1)
    out.append(getattr(c, "f", lambda: "none")())
    out.append(getattr(C, "g", None))
print(out)


# dunders found through the type (operators, len, init, hash, iter)
class N:
    def __init__(self, v):
        self.v = v


a, b = N(1), N(2)
try:
    a + b
except TypeError as e:
    print("TypeError:", e)
N.__add__ = lambda s, o: N(s.v + o.v)
print((a + b).v)
N.__add__ = lambda s, o: N(s.v * 10 + o.v)
print((a + b).v)
del N.__add__
try:
    a + b
except TypeError as e:
    print("TypeError:", e)
N.__len__ = lambda s: 7
print(len(a))
N.__init__ = lambda s, v: setattr(s, "v", -v)
print(N(3).v)
del N.__init__
try:
    N(3)
except TypeError as e:
    print("TypeError:", e)
print(N().__class__.__name__)


# a class built while lookups on its bases are cached, slots, dunder names
class Base:
    x = 1


for i in range(3):
    class K(Base):
        __slots__ = ("x",) if i == 1 else ()
        if i == 2:
            x = 5
    print(i, type(K.__dict__.get("x")).__name__, getattr(K, "__doc__", "?"))


class M(type):
    pass


class P(metaclass=M):
    pass


print(type(P).__name__, P.__mro__[-1].__name__)
M.hello = lambda cls: "hello " + cls.__name__
print(P.hello())
# many distinct names and classes: cache collisions
classes = [type("T%d" % i, (), {"a%d" % j: i * 100 + j for j in range(20)}) for i in range(60)]
print(sum(getattr(classes[i], "a%d" % j) for i in range(60) for j in range(20)))
classes[3].a4 = -1
print(getattr(classes[3], "a4"), getattr(classes[4], "a3"))
