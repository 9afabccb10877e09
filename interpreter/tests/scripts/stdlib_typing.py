# typing basics, functools, operator, collections.namedtuple.
# requires: stdlib
# torture: 13
import functools
import operator
from collections import namedtuple
from typing import (Any, Callable, Dict, List, NamedTuple, Optional, Tuple, TypedDict,
                    TypeVar, Union, get_type_hints)

print(List[int], Optional[int], Union[int, str], Dict[str, List[int]])
print(Tuple[int, ...], Callable[[int], str], Any, Optional[List[int]], Union[int, None, str])
print(Union[int, int], Optional[int] == Union[int, None], isinstance([], List))
T = TypeVar("T")
print(T)


def f(x: int, y: Optional[str] = None) -> List[int]:
    return [x]


class Point(NamedTuple):
    x: int
    y: int = 0

    def norm(self):
        return abs(self.x) + abs(self.y)


p = Point(3, -4)
print(p, p.x, p[1], p.norm(), Point(1), p._replace(y=5), p._asdict(), Point._fields)
print(Point._field_defaults, isinstance(p, tuple), len(p), tuple(p))


class Movie(TypedDict):
    title: str
    year: int


m = Movie(title="Alien", year=1979)
print(m, type(m).__name__, Movie.__required_keys__ == {"title", "year"})


class Config:
    debug: bool = False
    name: str


print(get_type_hints(Config), Config.__annotations__)

Pair = namedtuple("Pair", "a b", defaults=[2])
q = Pair(1)
print(q, q._replace(a=7), q._asdict(), Pair._fields, q == (1, 2))


@functools.total_ordering
class Ver:
    def __init__(self, n):
        self.n = n

    def __eq__(self, o):
        return self.n == o.n

    def __lt__(self, o):
        return self.n < o.n


print(Ver(1) < Ver(2), Ver(2) >= Ver(1), Ver(3) <= Ver(3), Ver(1) > Ver(2))


@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80))
add3 = functools.partial(operator.add, 3)
print(add3(4), functools.reduce(operator.mul, range(1, 6)), functools.reduce(operator.add, [], 0))


def deco(fn):
    @functools.wraps(fn)
    def wrapper(*a, **k):
        return fn(*a, **k)
    return wrapper


@deco
def hello():
    "says hi"
    return "hi"


print(hello(), hello.__name__, hello.__doc__, hello.__wrapped__ is not None)
print(operator.itemgetter(1)([5, 6]), operator.attrgetter("x")(p), operator.methodcaller("upper")("a"))
print(sorted([("b", 2), ("a", 1)], key=operator.itemgetter(1)))
