# float subclasses: instances of their class with attributes, float arithmetic,
# Python overrides win (also for int subclasses: compare and unary operators)
import math
class F(float):
    pass
x = F(2.5)
x.y = 3
print(x, x.y, type(x).__name__, x + 1, type(x + 1).__name__, -x, type(-x).__name__, +x, type(+x).__name__)
print(x == 2.5, x < 3, hash(x) == hash(2.5), bool(F(0.0)), repr(x), str(x), f"{x:.3f}", int(x), float(x), type(float(x)).__name__)
print(x.real, type(x.real).__name__, x.imag, x.is_integer(), x.as_integer_ratio(), math.floor(x), round(x), abs(x), type(abs(x)).__name__)
print(vars(x), x.__dict__, isinstance(x, float), issubclass(F, float))
d = {x: 1}; print(d[2.5], 2.5 in d, {2.5: 'a'}[x])
class G(float):
    def __new__(cls, v, tag):
        self = super().__new__(cls, v)
        self.tag = tag
        return self
    def __add__(self, o): return "ADD"
    def __eq__(self, o): return "EQ"
    def __lt__(self, o): return "LT"
    def __neg__(self): return "NEG"
    def __repr__(self): return f"G({float(self)!r}, {self.tag!r})"
    __hash__ = float.__hash__
g = G(1.5, 'q')
print(g, g + 1, 1 + g, g == 1.5, 1.5 == g, g < 2, -g, g.tag, g * 2, [g])
class S(float):
    __slots__ = ()
try:
    S(1.0).a = 1
except AttributeError as e:
    print("AttributeError", e)
for bad in [5, int]:
    try:
        float.__new__(bad, 1.0)
    except TypeError as e:
        print("TypeError", e)
class I(int):
    def __eq__(s, o): return "EQ"
    def __lt__(s, o): return "LT"
    def __neg__(s): return "NEG"
    def __invert__(s): return super().__invert__() * 10
    def __gt__(s, o): return super().__gt__(o)
x = I(10**30); y = I(3)
print(x == 1, x < 2, -x, y == 1, 1 == y, 2 > y, y < 2, -y, ~y, y > 1, y > 5)
