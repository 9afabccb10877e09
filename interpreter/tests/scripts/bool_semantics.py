# bool: not subclassable, bool() conversions, real/imag, from_bytes, bitwise ops
print(True.real, True.imag, False.numerator, True.denominator, type(True.real))
print(True.conjugate(), type(True.conjugate()), True.__index__(), (5).bit_count(), (-255).bit_count())
for base in (bool, range, slice):
    try:
        type("C", (base,), {})
    except TypeError as e:
        print("TypeError", e)
try:
    bool(x=10)
except TypeError as e:
    print("TypeError", e)


class Bad:
    def __init__(self, r):
        self.r = r

    def __bool__(self):
        return self.r


for r in (1, "Yes", None):
    try:
        bool(Bad(r))
    except TypeError as e:
        print("TypeError", e)
print(bool(Bad(True)), not Bad(False))


class Baz(int):
    def __bool__(self):
        return self


try:
    bool(Baz())
except TypeError as e:
    print("TypeError", e)
print(bool.from_bytes(b"\x00" * 8, "big"), bool.from_bytes(b"abcd", "little"))
print(True & True, True | False, True ^ True, False ^ True, True & 1, type(True & 1), True | 2)
print(+True, -True, abs(False), ~False, type(+False), type(abs(True)))
import marshal
print(marshal.loads(marshal.dumps(True)) is True, marshal.loads(marshal.dumps(False)) is False)
print(marshal.loads(marshal.dumps([1, 2**80, -2**70, 1.5, 2j, "é", b"x", (None,), {1: {2}}, frozenset([3])])))
