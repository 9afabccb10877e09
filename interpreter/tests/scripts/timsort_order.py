# torture: 200
# list.sort is CPython's timsort: same __lt__ calls (count and pairs), same
# order for inconsistent keys (NaN), same partial state when __lt__ raises,
# and the call-free key paths (ints, scalars, tuples) agree with it.
import math

calls = []


class K:
    __slots__ = ("v",)

    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        calls.append((self.v, other.v))
        return self.v < other.v

    def __repr__(self):
        return "K(%r)" % (self.v,)


def lcg(n, seed, mod):
    out, x = [], seed
    for _ in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        out.append(x % mod)
    return out


patterns = {
    "runs": [i % 37 for i in range(1500)],
    "random": lcg(1200, 7, 1000),
    "saw": [(i % 100) if (i // 100) % 2 else 100 - i % 100 for i in range(1300)],
    "dups": lcg(900, 3, 4),
    "asc_desc": list(range(300)) + list(range(300, 0, -1)) + list(range(200)),
}
for name, data in patterns.items():
    calls.clear()
    out = sorted(K(x) for x in data)
    print(name, len(calls), hash(tuple(calls)) % 1000003, [k.v for k in out] == sorted(data))

# stability with reverse and key
pairs = [(x % 7, i) for i, x in enumerate(lcg(500, 11, 100))]
print(sorted(pairs, key=lambda p: p[0], reverse=True)[:12])

# NaNs: the result depends on the algorithm's comparisons exactly
nan = float("nan")
fl = [float(x) if x % 5 else nan for x in lcg(700, 5, 50)]
print([repr(x) for x in sorted(fl)[:40]])
tl = [(x, -x) if x % 5 else (nan, x) for x in lcg(300, 9, 20)]
print(sorted(tl)[:20])

# tuples of mixed numbers and strs per position, ints against floats
tk = [(x % 3, "s%d" % (x % 11), x * 0.5) for x in lcg(800, 13, 1000)]
print(sorted(tk)[:5], sorted(tk, reverse=True)[:3])
big = 2**53
print(sorted([big + 1, float(big), big - 1, big, float(big + 2)]))
print(sorted([(big + 1, 1), (float(big), 2), (big, 3)]))
print(sorted([1, 2.5, True, -3, 0.0, False]))

# a comparison raising mid-merge leaves a permutation, as CPython leaves it
class Boom(K):
    __slots__ = ()
    limit = 0

    def __lt__(self, other):
        Boom.limit -= 1
        if Boom.limit < 0:
            raise ValueError("boom")
        return self.v < other.v


for limit in (3, 700, 2500, 6000):
    Boom.limit = limit
    lst = [Boom(x) for x in lcg(1000, 17, 500)]
    try:
        lst.sort()
    except ValueError as e:
        print(limit, e, hash(tuple(k.v for k in lst)) % 1000003, sorted(k.v for k in lst) == sorted(lcg(1000, 17, 500)))
    else:
        print(limit, "sorted", [k.v for k in lst] == sorted(lcg(1000, 17, 500)))

# mixed types still raise what CPython raises
for bad in ([(1, "a"), (1, 2)], [1, "x"], [(1,), ("a",)]):
    try:
        sorted(bad)
    except TypeError as e:
        print("TypeError:", e)
