# Bugs found by the differential fuzzer (fuzz crate), second run, and the
# re-entrancy rules of issue 11 around list.sort and list.__setitem__.
# 1. A zero slice step raises before the bounds' __index__ run.
calls = []
class I:
    def __init__(self, v): self.v = v
    def __index__(self):
        calls.append(self.v)
        return self.v
try:
    (1, 2, 3, 4, 5)[I(1)::I(0)]
except ValueError as e:
    print(e, calls)
print([1, 2, 3, 4, 5][I(4):I(0):I(-2)], calls)

# 2. list.sort: the list is empty while keys and comparisons run; a change
#    made meanwhile raises "list modified during sort" (the sorted items stay).
L = [3, 1, 2]
def key(x):
    print("len during sort", len(L))
    return x
L.sort(key=key)
print(L)
class K:
    def __init__(s, v): s.v = v
    def __lt__(s, o):
        L.append(9)
        return s.v < o.v
L = [K(3), K(1), K(2)]
try:
    L.sort()
except ValueError as e:
    print(e)
print([k.v for k in L])
def key2(x):
    L.clear()
    return x
L = [3, 1, 2]
L.sort(key=key2)
print(L)
L = [2, 1]
try:
    L.sort(key=lambda x: 1 / 0)
except ZeroDivisionError:
    print("ZeroDivisionError", L)
print(sorted([5, 3, 4], reverse=True), sorted("cab"))

# 3. list.__setitem__ reads the list after __index__ ran.
L = [1, 2, 3]
class Shrink:
    def __index__(self):
        L.clear()
        return 2
try:
    L.__setitem__(Shrink(), "x")
except IndexError as e:
    print("IndexError", e)
L = [1, 2, 3]
L.__setitem__(I(1), "y")
print(L)
