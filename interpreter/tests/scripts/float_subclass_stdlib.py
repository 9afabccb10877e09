# requires: stdlib
# torture: 97
# float subclasses with the stdlib: copy, pickle, json, enum mixins
class F(float):
    pass
x = F(2.5)
x.y = 3
import copy, pickle, json
y = copy.copy(x); print(y, type(y).__name__, y.__dict__)
z = pickle.loads(pickle.dumps(x)); print(z, type(z).__name__, z.__dict__)
print(json.dumps([x]), sorted([F(3.0), 1.0, F(2.0)]), max(F(1.0), 2.0), sum([F(1.5), F(2.5)]))
from enum import Enum
class MinimalFloat(float, Enum):
    def __new__(cls, value):
        member = float.__new__(cls, value)
        member._value_ = value
        return member
    ONE = 1.0
    TWO = 2.0
print(MinimalFloat.ONE, MinimalFloat(2.0), MinimalFloat.ONE + 1, list(MinimalFloat), repr(MinimalFloat.TWO))
class Planet(float, Enum):
    MERCURY = 3.303e+23
    VENUS = 4.869e+24
print(Planet.VENUS, Planet.VENUS.value, Planet.VENUS > Planet.MERCURY, f'{Planet.VENUS.value:.2e}')
