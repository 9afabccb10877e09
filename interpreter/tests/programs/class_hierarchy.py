# Class hierarchies: ABCs, super(), properties, __slots__, class methods,
# __init_subclass__ registries, operator overloading and total_ordering.
from abc import ABC, abstractmethod
from functools import total_ordering
import math


class Shape(ABC):
    registry = {}

    def __init_subclass__(cls, kind=None, **kw):
        super().__init_subclass__(**kw)
        if kind:
            Shape.registry[kind] = cls

    @abstractmethod
    def area(self):
        ...

    def describe(self):
        return f"{type(self).__name__} area={self.area():.2f}"

    @classmethod
    def make(cls, kind, *args):
        return cls.registry[kind](*args)


@total_ordering
class Circle(Shape, kind="circle"):
    __slots__ = ("r",)

    def __init__(self, r):
        self.r = r

    def area(self):
        return math.pi * self.r ** 2

    def __eq__(self, o):
        return self.area() == o.area()

    def __lt__(self, o):
        return self.area() < o.area()


class Rect(Shape, kind="rect"):
    def __init__(self, w, h):
        self._w, self._h = w, h

    @property
    def w(self):
        return self._w

    @w.setter
    def w(self, v):
        if v <= 0:
            raise ValueError("width must be positive")
        self._w = v

    def area(self):
        return self._w * self._h

    def __lt__(self, o):
        return self.area() < o.area()


class Square(Rect, kind="square"):
    def __init__(self, s):
        super().__init__(s, s)

    def describe(self):
        return "square! " + super().describe()


shapes = [Shape.make("circle", 1), Shape.make("rect", 2, 3), Shape.make("square", 2), Circle(0.5)]
for s in sorted(shapes, key=lambda s: s.area()):
    print(s.describe())
print(Circle(1) > Circle(0.5), Circle(2) <= Circle(2))
try:
    Shape()
except TypeError as e:
    print("TypeError:", e)
r = Rect(1, 1)
try:
    r.w = -1
except ValueError as e:
    print("ValueError:", e)
c = Circle(3)
try:
    c.color = "red"
except AttributeError as e:
    print("AttributeError:", e)
print(Square.__mro__[1].__name__, isinstance(Square(1), Shape), issubclass(Circle, ABC))
print(sorted(Shape.registry))
