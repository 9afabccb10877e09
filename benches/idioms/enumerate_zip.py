# enumerate and zip loops.
a = list(range(200000))
b = [x * 2 for x in a]
s = 0
for i, x in enumerate(a):
    s += i ^ x
for x, y in zip(a, b):
    s += y - x
for i, (x, y) in enumerate(zip(a, reversed(b))):
    if i % 1000 == 0:
        s += x * y
print(s)
