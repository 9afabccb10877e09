# The gc module: numbers that must agree with CPython's.
import gc

gc.disable()
print("enabled after disable:", gc.isenabled())

# K explicit major collections add exactly K to generation 2.
K = 7
calls = []


def cb(phase, info):
    calls.append((phase, info["generation"], info["uncollectable"]))


gc.callbacks.append(cb)
before = gc.get_stats()
results = [gc.collect() for _ in range(K)]
after = gc.get_stats()
gc.callbacks.remove(cb)
# (at least K: an automatic collection may also finish in between)
print("gen2 delta >= K:", after[2]["collections"] - before[2]["collections"] >= K)
print("results are counts:", all(r is None or r >= 0 for r in results))
print("callbacks:", len(calls), calls[0], calls[-1])
print("phases alternate:", [p for p, _, _ in calls[:4]])
print("stats shape:", len(after),
      all(k in d for d in after for k in ("collections", "collected", "uncollectable")))

# gc.collect(0) and collect(generation=1) are counted (a collector without
# a nursery does a full collection for generation 0).
b = gc.get_stats()
gc.collect(0)
a = gc.get_stats()
print("collect(0) counted:", sum(d["collections"] for d in a) > sum(d["collections"] for d in b))
gc.collect(generation=1)
b = gc.get_stats()
print("collect(1) counted:", sum(d["collections"] for d in b) > sum(d["collections"] for d in a))

# Freed objects: 50 cycles of 20 nodes.


class Node:
    def __init__(self):
        self.next = None


def make_cycles(n, links):
    out = []
    for _ in range(n):
        first = Node()
        cur = first
        for _ in range(links):
            cur.next = Node()
            cur = cur.next
        cur.next = first
        out.append(first)
    return out


cycles = make_cycles(50, 19)
gc.collect()
del cycles
freed = gc.collect()
again = gc.collect()
print("freed at least 1000:", freed is None or freed >= 1000)
print("second collect frees nothing:", again in (0, None))

# Bad arguments.
for bad in (5, -1):
    try:
        gc.collect(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    gc.collect("x")
except TypeError:
    print("TypeError for str generation")

# Introspection.
target = [1, 2]
holder = [target, "s"]
print("tracked:", gc.is_tracked(holder), gc.is_tracked(Node()), gc.is_tracked(1),
      gc.is_tracked("s"), gc.is_tracked(1.5))
print("referrer found:", any(r is holder for r in gc.get_referrers(target)))
print("referent found:", any(r is target for r in gc.get_referents(holder)))
print("in get_objects:", any(o is holder for o in gc.get_objects()))
t = gc.get_threshold()
print("threshold:", len(t), all(isinstance(x, int) for x in t))
c = gc.get_count()
print("count:", len(c), all(isinstance(x, int) and x >= 0 for x in c))

# A failing callback is reported on stderr and dropped.


def bad_cb(phase, info):
    raise RuntimeError("boom")


gc.callbacks.append(bad_cb)
gc.collect()
gc.callbacks.remove(bad_cb)
print("survived a failing callback")
gc.enable()
print("enabled:", gc.isenabled())
