# set algebra and membership.
a = set(range(0, 100000, 2))
b = set(range(0, 100000, 3))
s = 0
for _ in range(10):
    s += len(a & b) + len(a | b) + len(a - b) + len(a ^ b)
hits = 0
for i in range(200000):
    if i in a:
        hits += 1
print(s, hits)
