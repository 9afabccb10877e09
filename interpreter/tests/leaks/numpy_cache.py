# Planted leak (issue 16's scenario): a service keeps every 10th Session,
# each with a 2,048-float numpy array, in a module-level dict.
# usage: pygc numpy_cache.py BEFORE.snap AFTER.snap
import gc
import sys
import numpy as np

_cache = {}


class Session:
    def __init__(self, rid):
        self.rid = rid
        self.history = []
        self.data = np.zeros(2048)


def handle(rid):
    r = Session(rid)  # ALLOC
    r.history.append(rid)
    if rid % 10 == 0:
        _cache[rid] = r
    return len(r.history)


def serve(first, last):
    for rid in range(first, last):
        handle(rid)


serve(0, 2000)
gc.dump_heap(sys.argv[1])
serve(2000, 6000)
gc.dump_heap(sys.argv[2])
print("cached", len(_cache))
