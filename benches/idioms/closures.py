# Closures: counters, adders and nonlocal state.
def make_adder(n):
    def add(x):
        return x + n
    return add

def counter():
    c = 0
    def inc():
        nonlocal c
        c += 1
        return c
    return inc

adders = [make_adder(i) for i in range(100)]
total = 0
for _ in range(3000):
    for a in adders:
        total = a(total) % 1000003
inc = counter()
for _ in range(200000):
    inc()
print(total, inc())
