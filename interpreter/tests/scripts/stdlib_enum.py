# torture: 1000
# requires: stdlib
# Real CPython enum module (imported from the stdlib found on the machine).
from enum import Enum, IntEnum, Flag, IntFlag, auto, unique


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


class Shape(Enum):
    CIRCLE = auto()
    SQUARE = auto()


class Num(IntEnum):
    ONE = 1
    TWO = 2


class Perm(Flag):
    R = 4
    W = 2
    X = 1


print(Color.RED, repr(Color.RED))
print(Color.RED.name, Color.RED.value)
print(Color(2), Color["BLUE"])
print(list(Color))
print(len(Color), Color.RED in Color)
print(Color.RED is Color(1), Color.RED == Color.GREEN)
print([s.value for s in Shape])
print(Num.ONE + 1, Num.TWO == 2, Num.ONE < Num.TWO, int(Num.TWO))
print(repr(Num.ONE), str(Num.ONE))
rw = Perm.R | Perm.W
print(rw, repr(rw), Perm.R in rw, Perm.X in rw)
print(bool(Perm(0)), list(Perm))
print(isinstance(Color.RED, Color), type(Color.RED).__name__)
print({Color.RED: "r"}[Color.RED])
try:
    Color(7)
except ValueError as e:
    print("ValueError:", e)


@unique
class Dir(Enum):
    N = "n"
    S = "s"

    def flip(self):
        return Dir.S if self is Dir.N else Dir.N


print(Dir.N.flip(), Dir("s").name)
print(Color.__members__.keys())
