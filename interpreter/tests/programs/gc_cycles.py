# GC-heavy: many reference cycles, trees with parent links, __del__-free
# graphs, dict/list churn, and gc.collect() counts reaching zero garbage.
import gc


class Node:
    def __init__(self, v):
        self.v = v
        self.next = None
        self.prev = None
        self.kids = []


def ring(n):
    nodes = [Node(i) for i in range(n)]
    for a, b in zip(nodes, nodes[1:] + nodes[:1]):
        a.next, b.prev = b, a
    return nodes[0]


def tree(depth, parent=None):
    n = Node(depth)
    n.prev = parent
    if depth:
        n.kids = [tree(depth - 1, n) for _ in range(3)]
    return n


def count(t):
    return 1 + sum(count(k) for k in t.kids)


total = 0
for round_ in range(30):
    r = ring(200)
    t = tree(5)
    d = {i: [r, t, {"self": None}] for i in range(50)}
    for v in d.values():
        v[2]["self"] = v
    total += count(t) + r.prev.v
    del r, t, d
    if round_ % 10 == 9:
        gc.collect()
print("total", total)
big = []
for i in range(20000):
    x = [i]
    x.append(x)
    big.append(x if i % 100 == 0 else None)
print(len([b for b in big if b is not None]))
print(gc.collect() >= 0, gc.isenabled())
s = "".join(str(i % 10) for i in range(100000))
print(len(s), s[-5:])
