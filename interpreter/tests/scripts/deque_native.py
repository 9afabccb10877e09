# collections.deque: the native ring buffer against CPython's behaviour.
# torture: 13
from collections import deque
import copy

d = deque(range(10), maxlen=12)
d.extend("ab")
d.append("c")
d.extendleft([-1, -2])
print(d, len(d), d.maxlen, d[0], d[-1], d[5])
d.rotate(3)
print(d)
d.rotate(-5)
print(d, d.index("a"), d.count(3), "b" in d, 99 in d)
d.remove("a")
del d[2]
d.insert(3, "x")
d[0] = "first"
print(d, d.pop(), d.popleft(), list(reversed(d))[:3])
d.reverse()
print(d, d == d.copy(), d != deque(d), deque([1, 2]) < deque([1, 3]), deque([2]) > deque([1, 9]))
print(deque([1, 2]) + deque([3]), deque("ab") * 3, 2 * deque([0]), deque("abc", maxlen=4) * 2)
e = deque([1])
e += [2, 3]
e *= 2
print(e, copy.copy(e), e.__reduce__()[1], deque([], 3).__reduce__()[1])
r = deque()
r.append(r)
r.append([r])
print(r)
for bad in (lambda: deque().pop(), lambda: deque().popleft(), lambda: deque([1])[5],
            lambda: deque([1]).remove(2), lambda: deque([1]).index(2),
            lambda: deque([1], maxlen=1).insert(0, 2), lambda: deque(maxlen=-1),
            lambda: deque() + [1], lambda: hash(deque()), lambda: deque([1])["a"]):
    try:
        bad()
    except Exception as ex:
        print(type(ex).__name__, ex)
m = deque(range(5))
try:
    for x in m:
        m.append(x)
except RuntimeError as ex:
    print("RuntimeError", ex)
class Q(deque):
    def peek(self):
        return self[0]
q = Q([3, 4], maxlen=5)
q.tag = "t"
print(q, q.peek(), q.tag, type(q.copy()).__name__, isinstance(q, deque))
# a long FIFO (tests/complexity.rs checks that both ends are O(1))
big = deque()
for i in range(20000):
    big.append(i)
    if i % 3 == 0:
        big.appendleft(-i)
s = 0
while big:
    s += big.popleft()
    if big:
        s -= big.pop()
print(s, len(big))
w = deque(maxlen=3)
for i in range(10):
    w.append(i)
print(w, list(w), bool(w), bool(deque()))
