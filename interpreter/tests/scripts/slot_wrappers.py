# Operator slot wrappers of builtin types (int.__add__, (1).__lt__, ...)
print((1).__add__(2), (1).__add__(2.5), (1).__add__("a"), int.__radd__(1, 2))
print((1).__lt__(2), (1).__lt__("a"), (2.5).__ge__(2), "a".__lt__("b"), "a".__lt__(1))
print((7).__floordiv__(2), (7).__mod__(3), (7).__divmod__(2), (7.5).__rdivmod__(2))
print((3).__neg__(), (-3).__abs__(), (2.5).__neg__(), (0).__bool__(), (1j).__abs__())
print((5).__and__(3), (5).__or__(3), (5).__xor__(3), (1).__lshift__(3), (~5), (5).__invert__())
print((2.7).__trunc__(), (2.7).__floor__(), (-2.7).__ceil__(), (7).__index__(), (15).__round__(-1), (25).__round__(-1))
print([1].__add__([2]), [1].__mul__(2), (1,).__rmul__(3), "ab".__mul__(2), b"x".__add__(b"y"))
print([1, 2].__lt__([1, 3]), (1, 2).__ge__((1,)), [1].__eq__((1,)), {1: 2}.__eq__({1: 2}))
print({1, 2}.__or__({3}), {1, 2}.__and__({2}), {1, 2}.__sub__({2}), {1}.__xor__({2}), {1}.__or__([2]))
s = {1, 2}
print(s.__ior__({5}) is s, sorted(s), s.__isub__({1}), s.__iand__({2, 5, 9}), s.__ixor__({7}))
l = [1]
print(l.__iadd__((2, 3)) is l, l)
d = {1: 2}
print(d.__or__({3: 4}), d.__ror__({0: 1}), d.__ior__([(5, 6)]) is d, d)
print(object().__lt__(object()), True.__and__(True), True.__or__(False), True ^ True, True & 1)
print(float.__add__(1.0, 2), int.__sub__(5, 3), complex.__mul__(1j, 1j))


class I(int):
    def __add__(self, other):
        return ("I.add", super().__add__(other))

    def __lt__(self, other):
        return ("I.lt", super().__lt__(other))


print(I(3) + 4, I(3).__lt__(4), 4 + I(3), sorted([I(2), I(1)], key=int))


class L(list):
    def __lt__(self, other):
        return super().__lt__(other)


print(L([1]) < L([2]), L([3]) < [2])
for bad in [lambda: 1 < "a", lambda: [1] < (1,), lambda: {1: 2} < {1: 2}, lambda: object() < object()]:
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)
try:
    [].__contains__()
except TypeError:
    print("TypeError for a missing argument")
