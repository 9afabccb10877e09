# torture: 20
# Cycles with __del__ and weak dictionaries under churn, finalized by
# automatic collections (no gc.collect() in the loop); counts are checked
# after a final gc.collect().
import gc
import weakref

finalized = 0
callbacks = 0


class Node:
    def __init__(self, i):
        self.i = i
        self.peer = None
        self.payload = [i] * 20

    def __del__(self):
        global finalized
        finalized += 1


def on_dead(w):
    global callbacks
    callbacks += 1


cache = weakref.WeakValueDictionary()
refs = set()
created = 0
survivors = []
for rnd in range(200):
    a = Node(rnd)
    b = Node(rnd)
    a.peer = b
    b.peer = a
    created += 2
    cache[rnd] = a
    refs.add(weakref.ref(b, on_dead))
    if rnd % 50 == 0:
        survivors.append(a)
    # churn the weak dictionary while collections happen
    if rnd % 7 == 0:
        for k in list(cache.keys())[:3]:
            v = cache.get(k)
            if v is not None:
                assert v.i == k
a = b = v = None
gc.collect()
print("created", created)
print("finalized", finalized, "alive", len(survivors) * 2)
print("cache", sorted(cache.keys()))
print("callbacks", callbacks, "dead refs", sum(1 for r in refs if r() is None))
survivors.clear()
gc.collect()
print("finalized", finalized, "cache", len(cache))
