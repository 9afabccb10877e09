# Rich comparison of dict/set/bytes subclasses overriding operators,
# requires: stdlib
# torture: 13
# cls.attr = v through the metaclass, __orig_bases__ in __init_subclass__,
# a non-function metaclass __call__, and collections from the stdlib.
from collections import OrderedDict, Counter, ChainMap, namedtuple, deque, defaultdict
import collections.abc


class D(dict):
    def __eq__(self, other):
        return "custom-eq"


print(D() == D(), D() == {}, {} == D(), D() != {})


class S(set):
    def __le__(self, other):
        return "custom-le"


print(S() <= set(), set() >= S(), S([1]) < {1, 2})


class B(bytes):
    def __lt__(self, other):
        return "custom-lt"


print(B(b"a") < b"b", b"b" > B(b"a"), B(b"a") == b"a")


class Base(dict):
    pass


class Sub(Base):
    def __eq__(self, other):
        return "sub-first"


print(Base() == Sub(), Sub() == Base())

a = OrderedDict(a=1, b=2)
b = OrderedDict(b=2, a=1)
print(a == b, a == dict(b), dict(a) == b, a != b)
a.move_to_end("a")
print(list(a), a.popitem(last=False), repr(a))
c = Counter("abracadabra")
print(c.most_common(3), c["z"], sorted(c.elements())[:4])
P = namedtuple("P", "x y", defaults=[0])
p = P(1)
print(p, p._replace(y=5), p._asdict(), P._fields, P._field_defaults)
cm = ChainMap({"a": 1}, {"b": 2, "a": 3})
print(cm["a"], cm["b"], sorted(cm.items()), cm.new_child({"c": 4}))
dq = deque([1, 2, 3], maxlen=3)
dq.append(4)
print(dq, isinstance(dq, collections.abc.MutableSequence))
dd = defaultdict(list)
dd["k"].append(1)
print(dd, isinstance(dd, collections.abc.MutableMapping))
print(isinstance({}, collections.abc.Mapping), isinstance([], collections.abc.Hashable))


class M(type):
    def __setattr__(cls, name, value):
        print("M.__setattr__", name, value)
        super().__setattr__(name, value)


class A(metaclass=M):
    pass


A.x = 1
type.__setattr__(A, "y", 2)
print(A.x, A.y)
try:
    A.__name__ = 5
except TypeError as e:
    print("TypeError:", e)


class io:
    pass


io.__name__ = "typing.io"
io.__qualname__ = "Q.io"
print(io.__name__, io.__qualname__, io)


class P2(type):
    @property
    def prop(cls):
        return 42

    @prop.setter
    def prop(cls, v):
        print("set prop", v)


class WithProp(metaclass=P2):
    pass


WithProp.prop = 5
print(WithProp.prop)


class Meta2(type):
    __call__ = dict


class Movie(metaclass=Meta2):
    pass


m = Movie(title="x")
print(type(m).__name__, m)


class Entry:
    def __mro_entries__(self, bases):
        return (object,)


class Seen:
    def __init_subclass__(cls, **kw):
        print("orig in ns:", "__orig_bases__" in cls.__dict__)


class K(Seen, Entry()):
    pass


print(K.__bases__, len(K.__orig_bases__))
