# Allocates until MemoryError, catches it, drops the data and goes on.
# pygc runs this under PYGC_MAX_HEAP=16MB (tests/gc_semantics.rs) and must
# print what CPython prints. CPython without a memory limit reaches the
# emulated limit below instead (far above 16 MB) and raises MemoryError
# itself; stderr says which one happened ("real" / "emulated").
import gc
import sys

EMULATED_LIMIT = 2500  # chunks of about 100 KB


def chunk(kind, i):
    if kind == 0:
        return [i] * 12500
    if kind == 1:
        return b"x" * 100000 + bytes([i % 256])
    return {j: i for j in range(2000)}


def grow(kind):
    data = []
    try:
        for i in range(EMULATED_LIMIT + 1):
            if i == EMULATED_LIMIT:
                raise MemoryError
            data.append(chunk(kind, i))
    except MemoryError as e:
        n = len(data)
        data = None
        sys.stderr.write("real\n" if n < EMULATED_LIMIT else "emulated\n")
        return n, type(e).__name__
    return -1, None


for rnd in range(2):
    for kind in range(3):
        n, what = grow(kind)
        print("round", rnd, "kind", kind, what, n > 20)
    gc.collect()

# The program goes on: ordinary work after recovering.
words = [str(i) * 3 for i in range(20000)]
print("after recovery", len(words), words[-1])

# A request that can never fit fails at once.
for make in (lambda: [0] * (10 ** 13), lambda: b"ab" * (10 ** 13)):
    try:
        make()
    except MemoryError as e:
        print("too large:", type(e).__name__, e.args)


# MemoryError inside nested calls unwinds through finally blocks.
def nested(depth, acc):
    try:
        if depth == 0:
            while len(acc) <= EMULATED_LIMIT:
                if len(acc) == EMULATED_LIMIT:
                    raise MemoryError
                acc.append([0] * 12500)
        else:
            nested(depth - 1, acc)
    finally:
        acc.append(None)


acc = []
try:
    nested(5, acc)
except MemoryError:
    print("nested: caught, finally blocks ran:", acc[-6:] == [None] * 6)
acc = None
gc.collect()
print("done")
