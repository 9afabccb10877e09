# Native functions keep reading their arguments after calling back into
# Python (__index__ here) that collects: the arguments read before the call
# must follow the objects the collection moved.
import gc


class Idx:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        gc.collect()
        junk = [[i] * 8 for i in range(1000)]
        del junk
        return self.n


def big(k):
    return 10 ** 30 + k


for k in range(3):
    r = range(big(k), Idx(5) and big(k) + 10, Idx(3))
    print(r, len(r), list(r)[:2])
    r = range(big(k), Idx(-1))
    print(r.start == big(k), r.stop, len(r))

mods = [str(i) for i in range(2)]
m = __import__("os.path", None, None, [x + "" for x in ["join", "sep"]], Idx(0))
print(m.__name__)
