class Base:
    count = 0
    def __init__(self, name):
        self.name = name
        Base.count += 1
    def __repr__(self):
        return "%s(%r)" % (type(self).__name__, self.name)
    def __eq__(self, other):
        return isinstance(other, Base) and self.name == other.name
    def __hash__(self):
        return hash(self.name)
    @property
    def upper(self):
        return self.name.upper()
    @classmethod
    def make(cls, n):
        return cls(n)
    @staticmethod
    def helper(x):
        return x * 2

class Child(Base):
    def __init__(self, name, extra):
        super().__init__(name)
        self.extra = extra
    def __lt__(self, other):
        return self.name < other.name

a = Child("b", 1)
b = Base.make("a")
print(a, b, a.upper, Base.helper(21), Base.count)
print(sorted([a, Child("c", 0), Child("a", 2)]))
print({a: 1}[Child("b", 5)], a == Child("b", 9), a != b)

class Slots:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
s = Slots(1, 2)
s.x += 10
print(s.x, s.y)

class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    __rmul__ = __mul__
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return (self.x, self.y)[i]
    def __iter__(self):
        yield self.x
        yield self.y
v = Vec(1, 2) + Vec(3, 4)
w = 2 * v
print(w.x, w.y, len(w), w[1], list(w))

class MyList(list):
    def total(self):
        return sum(self)
ml = MyList()
ml.append(3)
ml.extend([4, 5])
print(ml.total(), len(ml), ml[0], isinstance(ml, list))

def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
c = counter()
c(); c()
print(c())

def deco(f):
    def wrapper(*a, **k):
        return "<" + str(f(*a, **k)) + ">"
    return wrapper
@deco
def hello(name, greeting="hi"):
    return greeting + " " + name
print(hello("bob"), hello("amy", greeting="yo"))

class Meta(type):
    def __new__(mcs, name, bases, ns):
        ns["tag"] = name.lower()
        return super().__new__(mcs, name, bases, ns)
class Tagged(metaclass=Meta):
    pass
print(Tagged.tag, type(Tagged).__name__)
print(getattr(a, "missing", "dflt"), hasattr(a, "name"), [k for k in vars(s)] if hasattr(s, "__dict__") else "slots")
