# requires: stdlib
# int subclasses: boxed big-int objects holding small values compare, hash
# and index dicts like ints; IntEnum.
class MyInt(int):
    pass
x = MyInt(5)
print(x == 5, 5 == x, x + 1, hash(x) == hash(5), {x: 1}[5], x < 6, repr(x), type(x).__name__)
x.tag = "t"; print(x.tag)
import enum
class C(enum.IntEnum):
    A = 1
    B = 2
print(C.A == 1, C.B + 1, sorted([C.B, C.A]), C(2))
