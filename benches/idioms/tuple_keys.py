# dict keyed by (i, j) tuples: a grid.
grid = {}
for i in range(300):
    for j in range(300):
        grid[(i, j)] = i * j
s = 0
for i in range(1, 299):
    for j in range(1, 299):
        s += grid[(i - 1, j)] + grid[(i, j + 1)] - grid[(i + 1, j - 1)]
seen = set()
for i in range(300):
    for j in range(0, 300, 3):
        seen.add((j, i, "x"))
print(s, len(grid), len(seen))
