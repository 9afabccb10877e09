for x in [1.0, -0.0, 0.0, 3.14159, 1e-310, 5e-324, 1.7976931348623157e308, -2.5, 0.1, float("inf"), float("nan"), 2**-1022]:
    h = x.hex()
    print(h, float.fromhex(h) == x or x != x)
for s in ["0x1p3", "-0X1.8P-1", "inf", "1.", "0x.8", " 0x10 ", "ff"]:
    print(float.fromhex(s))
for bad in ["", "0x", "zz", "0x1p"]:
    try: float.fromhex(bad)
    except ValueError as e: print("ValueError", e)
try: float.fromhex("0x1p5000")
except OverflowError as e: print("OverflowError", e)
s = {1, 2, 3}; s.difference_update([1], {2}); print(s)
s = {1, 2, 3}; s.intersection_update([1, 2], (2, 3)); print(s)
s = {1, 2}; s.symmetric_difference_update([2, 3]); print(s)
f = frozenset([1]); print(f.copy() is f, f.isdisjoint([2]), f.issubset([1, 2]), f.issuperset([]))
import itertools
c = itertools.count(5); print(c.__next__(), next(c), c.__iter__() is c)
