# Found by the differential fuzzer: KeyError(key) built from a key that
# __hash__/__eq__ (Python code) had let a moving collector move (GC verify
# failure under generational PYGC_TENURE=15); __missing__ gets current values.
L = [3, 1, 2]
class C:
    def __init__(self, v): self.v = v
    def __repr__(self): return 'C(%d)' % self.v
    def __hash__(self):
        L.reverse()
        L.append([self.v] * 20)
        return self.v % 3
    def __eq__(self, o): return self is o
M = {1: 'a', 2: 'b'}
for op in (lambda k: M[k], lambda k: M.__getitem__(k), lambda k: M.pop(k),
           lambda k: M.__delitem__(k), lambda k: {5}.remove(k)):
    try:
        op(C(9))
    except KeyError as e:
        print("KeyError", e.args)
try:
    del M[C(4)]
except KeyError as e:
    print("KeyError", e)
class D(dict):
    def __missing__(self, k):
        return ('missing', k)
print(D()[C(7)], M.pop(C(1), 'default'), len(L))
