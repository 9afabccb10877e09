# defaultdict (repr recursion, copy, pickle, |), object.__reduce_ex__, str(bytes, enc, errors)
# requires: stdlib
# torture: 13
from collections import defaultdict
import pickle
class sub(defaultdict):
    def __init__(self):
        self.default_factory = self._factory
    def _factory(self):
        return []
print(repr(sub()))
d = defaultdict(int, {1: 2})
print(pickle.loads(pickle.dumps(d)))
import copy
class P:
    def __init__(self): self.a = [1, 2]
class S:
    __slots__ = ("x", "y")
    def __init__(self): self.x = 1
p = pickle.loads(pickle.dumps(P()))
print(p.a, copy.copy(P()).a, copy.deepcopy(P()).a)
s = pickle.loads(pickle.dumps(S(), 2)); print(s.x, hasattr(s, "y"))
for proto in range(0, 5):
    print(proto, pickle.loads(pickle.dumps(defaultdict(list, {1: [2]}), proto)))
d = defaultdict(int, {1: 1}); d |= [(2, 2)]; print(d)
try:
    d |= None
except TypeError as e: print("TypeError", e)
try: defaultdict(1)
except TypeError as e: print("TypeError", e)
print(copy.deepcopy(defaultdict(list, {1: [2]})), copy.copy(defaultdict(list, {1: [2]})))
print(defaultdict(int, {1: 1}) | {2: 2}, {0: 0} | defaultdict(str, {1: 1}))
print(str(b"caf\xc3\xa9", "utf-8"), str(b"\xff", "utf-8", "replace"), str(bytearray(b"ab"), encoding="ascii"))
