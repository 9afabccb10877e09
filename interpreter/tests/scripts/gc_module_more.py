# gc module: freeze, debug flags, garbage, is_finalized, callbacks around
# a collection that runs __del__; sys.getsizeof.
import gc
import sys

gc.freeze()
print("frozen", gc.get_freeze_count() > 0)
gc.unfreeze()
print("unfrozen", gc.get_freeze_count())
gc.set_debug(gc.DEBUG_COLLECTABLE | gc.DEBUG_UNCOLLECTABLE)
print("debug", gc.get_debug(), gc.DEBUG_SAVEALL, gc.DEBUG_LEAK, gc.DEBUG_STATS)
gc.set_debug(0)
print("garbage", gc.garbage)

phases = []


def cb(phase, info):
    phases.append((phase, sorted(info)))


class D:
    def __del__(self):
        phases.append("del")


def make():
    d = D()
    d.self = d


gc.callbacks.append(cb)
make()
gc.collect()
gc.callbacks.remove(cb)
# (the phases around gc.collect(); an automatic collection may have run
# the __del__ before it)
around = [p for p in phases if p != "del"]
print("callbacks", around[0], around[-1], "del" in phases)
print("is_tracked", gc.is_tracked([]), gc.is_tracked(1), gc.is_tracked("s"))
print("is_finalized", gc.is_finalized(D()))
sizes = [sys.getsizeof(x) for x in (0, 1.5, "abc", b"ab", (1, 2), [1, 2], {1: 2}, {1}, D)]
print("getsizeof", all(isinstance(n, int) and n > 0 for n in sizes))
print("getsizeof grows", sys.getsizeof(list(range(1000))) > sys.getsizeof([]))
