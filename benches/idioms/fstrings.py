# f-strings with formatting specs.
n = 0
for i in range(150000):
    s = f"{i}:{i * 0.5:.2f}|{i:>8}|{i:x}|{'ab'!r}"
    n += len(s)
print(n)
