# enum members: lookup, comparison, iteration.
from enum import Enum, IntEnum

class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3

class Level(IntEnum):
    LOW = 1
    HIGH = 5

s = 0
for i in range(100000):
    c = Color((i % 3) + 1)
    if c is Color.RED:
        s += 1
    elif c == Color.BLUE:
        s += Level.HIGH
    s += c.value
print(s, [m.name for m in Color], Level.LOW < Level.HIGH)
