# set iteration order follows CPython's hash table (ints, floats, tuples)
# (the randomized part imports the stdlib random module: torture collects at
# every 7th safepoint)
# torture: 7
print({3, 1, 2}, {10, 5, 8, 1, 33, 17, 64, 2})
s = set()
for x in [100, 7, 33, 1, 65, 9, 41, 2, 97]:
    s.add(x)
    print(sorted(s) == sorted(set(s)), list(s))
print(set(range(20, 0, -1)))
print(set([5, 37, 69, 101, 133, 4, 36]))
print({-1, -2, -3, 0, 1000000, 2 ** 40, -(2 ** 61)})
print({1.5, 2.25, 0.5, 3.0, -0.75, 1e10, float("inf")})
print({(1, 2), (2, 1), (0, 0), (3, 4), (1, 1), ()})
print({(i, i * i) for i in range(8)})
print({True, 2, 0.5, (1, 2)})
print(frozenset([9, 18, 27, 36, 45]), frozenset({(1, "a")}) == frozenset({(1, "a")}))

# deletions leave dummies that are reused
s = set(range(10))
for x in [3, 5, 7]:
    s.discard(x)
s.add(13)
s.add(21)
print(s, len(s))
s.remove(0)
s.add(16)
print(s)
print([s.pop() for _ in range(4)], s)
s.clear()
s.update([40, 8, 24])
print(s)

# set algebra keeps CPython's construction order
a = {1, 2, 3, 17, 33, 65, 129}
b = {3, 4, 5, 33, 129, 257}
print(a | b, b | a)
print(a & b, b & a)
print(a - b, b - a)
print(a ^ b, b ^ a)
print(a.union([99, 1, 50]), a.intersection(b, {129, 3}), a.difference({1}), a.symmetric_difference([1, 1000]))
c = a.copy()
c.add(1025)
print(c, a <= c, c > a, a == set(a), a.isdisjoint({1000}))

# set displays with constants and variables
x, y, z = 33, 1, 65
print({x, y, z}, {33, 1, 65}, {65, 1, 33, 97, 129, 2})
for v in {97, 1, 33, 65, 129}:
    print(v, end=" ")
print()
print(sorted({5, 3, 9}), max({4, 8, 1}), sum({1, 2, 3}))

# sets of frozensets and hashing
fs = {frozenset({1, 2}), frozenset({2, 1}), frozenset(), frozenset({3})}
print(len(fs), frozenset({1, 2}) in fs, {frozenset({1}): "one"}[frozenset([1])])

# dict keys -> set
d = {k: None for k in [50, 2, 34, 18]}
print(set(d), set(d.keys()), set(d.items()) == {(50, None), (2, None), (34, None), (18, None)})

# big sets
big = set(range(0, 3000, 7))
print(len(big), list(big)[:10], list(big)[-5:])
big2 = {i * 1000003 for i in range(100)}
print(list(big2)[:8])

# randomized operation sequences (seeded): orders must match step by step
import random

random.seed(12345)
rng = random
for trial in range(40):
    s = set()
    t = {rng.randrange(300) for _ in range(rng.randrange(1, 30))}
    for step in range(rng.randrange(5, 60)):
        r = rng.random()
        k = rng.choice([rng.randrange(64), 32 * rng.randrange(20) + 1, rng.randrange(10 ** 6)])
        if r < 0.5:
            s.add(k)
        elif r < 0.75:
            s.discard(k)
        elif r < 0.8 and s:
            s.pop()
        elif r < 0.85:
            s = s | t
        elif r < 0.9:
            s = s - {k, k + 1}
        elif r < 0.95:
            s = s ^ t
        else:
            s = s & (t | {k})
    print(trial, list(s)[:12], len(s))
tu = {(i % 5, i // 5) for i in range(23)}
tu.discard((1, 1))
print(list(tu))
print(list({x / 4 for x in range(-10, 30)}))

# dict views in set algebra
d = {k: k * 2 for k in [40, 8, 24, 3, 99]}
e = {k: 0 for k in [3, 24, 7, 1000]}
print(d.keys() & e.keys(), e.keys() & d.keys(), d.keys() | e.keys(), d.keys() - e.keys(), d.keys() ^ e.keys())
print(d.keys() & {99, 8, 5, 3, 1, 2, 77}, {99, 8, 5} & d.keys(), d.keys() - [8], d.items() & {(8, 16), (3, 1)})
print(d.keys() | [1, 2], {1, 2} | d.keys(), {1: 2}.keys() & {1})
# in-place operators
s = {1, 2, 3}
s |= {4}
s &= {1, 4, 9}
s -= {9}
s ^= {5}
print(s, type(s).__name__, frozenset([3, 1]) | {2})

# in-place set operators mutate the set itself
s = {1, 2, 3, 17, 33}
t = s
s |= {49, 65, 2}
print(t is s, t)
s &= {1, 17, 65, 99, 2}
print(t is s, t)
s -= {1}
print(t, s is t)
s ^= {2, 3, 4}
print(t, s is t)
f = frozenset({1})
g = f
f |= {2}
print(f, g, f is g)
u = {5, 6}
u -= u
v = {1, 2}
v ^= v
print(u, v)
for bad in ["w |= [3]", "n = 1\nn += 'a'", "n = 2\nn **= 'b'"]:
    try:
        w = {1, 2}
        exec_ok = False
        if bad.startswith("w"):
            w |= [3]
        elif "+=" in bad:
            n = 1
            n += "a"
        else:
            n = 2
            n **= "b"
    except TypeError as e:
        print("TypeError:", e)
