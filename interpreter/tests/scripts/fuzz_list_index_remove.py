# Found by the differential fuzzer (seed 777021, generational tenure 15, in
# torture mode: SystemError): list.index/remove and tuple.index keep their
# arguments rooted while __eq__ runs; start/stop bounds as CPython.
import gc
L = list(range(10))
class E:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        gc.collect()
        junk = [str(i) * 10 for i in range(50)]
        if o == 5:
            del L[6:]
        return False
    def __repr__(self):
        return f"E({self.v})"

for f in (lambda: L.index(E(1)), lambda: L.remove(E(2)), lambda: (1, 2, 3).index(E(3))):
    try:
        f()
    except ValueError as e:
        print("ValueError:", e)
print(L)

class Shrink:
    def __eq__(self, o):
        if o == 3:
            L.clear()
            return True
        return False
L = list(range(6))
L.remove(Shrink())
print(L)

M = [5, 1, 5, 2, 5, 3]
print(M.index(5), M.index(5, 1), M.index(5, -2), M.index(5, 1, 3))
for args in ((5, 5, 6), (9,), (5, 10), (5, -100, 1), (1, 0, -5)):
    try:
        print(args, M.index(*args))
    except ValueError as e:
        print(args, "ValueError:", e)
print((7, 8, 7).index(7, 1), (7, 8, 7).index(7, -1))
class I:
    def __index__(self):
        return 2
print(M.index(5, I()))
