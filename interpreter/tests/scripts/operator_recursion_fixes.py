# no unbounded native recursion: "s" + UserList, copy of a tuple subclass,
# requires: stdlib
# torture: 13
# object.__new__ of a builtin-layout subclass, x |= pairs on dicts
import copy
from collections import UserList

u = UserList("eggs")
print("spam" + u, u.__radd__(UserList("ab")))


class C(tuple):
    pass


x = C([1, 2, 3])
y = copy.copy(x)
print(type(y).__name__, tuple(y), len(y))
for cls in (C, type("S", (str,), {}), type("I", (int,), {})):
    try:
        object.__new__(cls)
    except TypeError as e:
        print("TypeError", e)
d = {1: 2}
d |= [(3, 4)]
print(d)
try:
    "a" + 1
except TypeError as e:
    print("TypeError", e)
print("a".__add__("b"))
try:
    "a".__add__(1)
except TypeError as e:
    print("TypeError", e)
