# Big ints: arithmetic, hashing, formatting, dict keys and collections while
# many big ints (whose digits live in boxes freed by light finalizers) die.
import gc
xs = []
a = 3 ** 200
for i in range(2000):
    b = a * (i + 1) - (7 ** 90) * i
    xs.append(b)
    if len(xs) > 50:
        xs.pop(0)
    if i % 300 == 0:
        gc.collect()
s = 0
for x in xs:
    s ^= x
print(s % 1000000007, hash(xs[-1]) % 1000, str(xs[3])[:30], len(str(xs[-1])))
print((-a) // 7 % 1000, (-a) >> 100, abs(-a) == a, a.bit_length(), int(str(a)) == a, f"{a:,}"[:20], hex(a)[:20])
d = {a: 1, a + 1: 2}
print(d[3 ** 200], -(1 << 70) % 3, divmod(-(10 ** 30), 7), (10**30) / 7, 2 ** 0.5, 0 << 10**12, 1 << 70 >> 69)
