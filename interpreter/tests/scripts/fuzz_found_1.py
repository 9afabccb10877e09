# Bugs found by the differential fuzzer (fuzz crate), first run.
# 1. map() stops when its function raises StopIteration.
def f(_): return next(iter([]))
print(list(map(f, [0, 1])), tuple(map(f, [1])), sorted(map(f, [1])))
def g():
    yield from map(f, [0])
print(list(g()), [x for x in map(f, [1])], sum(map(f, [1])))

# 2. object.__format__ rejects a non-empty spec without calling __str__.
class R:
    def __repr__(self):
        print("repr called")
        return "R"
try:
    format(R(), 'x')
except TypeError as e:
    print(e)
print(format(R(), ''))

# 3. Dict and set iteration notices a size change.
M = {1: 'a', 2: 'b', 3: 'c'}
try:
    for x in M:
        M.pop(x)
except RuntimeError as e:
    print(e, M)
T = {1, 2, 3}
try:
    for x in T:
        T.add(x + 10)
except RuntimeError as e:
    print(e, len(T))
M = {1: 2}
it = iter(M)
print(list(it))
M[5] = 6
print(list(it))
it = iter(M.items())
M[7] = 8
for _ in range(2):
    try:
        print(list(it))
    except RuntimeError as e:
        print(e)
M = {1: 2}
for k in M:
    M[k] = 3
print(M)

# 4. A class defining __eq__ without __hash__ is unhashable.
class E:
    def __eq__(self, o): return True
class H(E):
    def __hash__(self): return 5
print(E.__hash__, hash(H()))
try:
    {E(): 1}
except TypeError as e:
    print(e)

# 5. bytes/bytearray of an object with __index__ (errors propagate).
class I:
    def __init__(self, n): self.n = n
    def __index__(self):
        if self.n < 0:
            raise AttributeError("no")
        return self.n
print(bytes(I(3)), bytearray(I(2)))
for t in (bytes, bytearray):
    try:
        t(I(-1))
    except AttributeError as e:
        print(t.__name__, "AttributeError", e)

# 6. setdefault hashes the key once.
calls = []
class K:
    def __init__(self, v): self.v = v
    def __hash__(self):
        calls.append(self.v)
        return self.v
    def __eq__(self, o): return self.v == getattr(o, 'v', None)
d = {}
d.setdefault(K(1), [])
d.setdefault(K(1), [])
print(calls, len(d))

# 7. Tuple comparison re-reads items after __eq__ ran Python code (a moving
#    collector moved them: crashed under generational PYGC_TENURE=15).
class A:
    def __init__(self, v): self.v = v
class B:
    def __init__(self, v): self.v = v
    def __eq__(self, o):
        self.n = [getattr(self, 'n', 0)] * 100
try:
    print((B(8), A(1)) < (B(7), A(8)))
except TypeError as e:
    print(e)
lst = [B(1), 2]
class Shrinker:
    def __eq__(self, o):
        lst.clear()
        return False
print([Shrinker(), 1] < lst, lst)
