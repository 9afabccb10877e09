class Node:
    def __init__(self, l, r):
        self.l = l
        self.r = r
def make(d):
    if d == 0:
        return Node(None, None)
    return Node(make(d-1), make(d-1))
def check(n):
    if n.l is None:
        return 1
    return 1 + check(n.l) + check(n.r)
total = 0
for i in range(20):
    total += check(make(6))
print(total)
d = {}
for i in range(300):
    d[str(i)] = [i, (i, str(i)), {i: i}]
print(len(d), d["42"])
s = set()
for i in range(200):
    s.add((i, i % 7))
print(len(s))
def g():
    for i in range(50):
        yield [i] * 3
print(sum(len(x) for x in g()))
import itertools, random, collections
random.seed(5)
print([random.randrange(100) for _ in range(5)])
dq = collections.deque(range(5))
dq.appendleft(9)
print(list(dq), sorted(["b", "a", "c"], key=lambda x: x * 2))
print(" ".join(str(x) for x in itertools.islice(itertools.count(3), 5)))
