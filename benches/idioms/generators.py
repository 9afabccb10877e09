# generator functions and generator expressions.
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        yield a
        a, b = b, a + b

def chunks(it, k):
    buf = []
    for x in it:
        buf.append(x)
        if len(buf) == k:
            yield buf
            buf = []
    if buf:
        yield buf

t = 0
for _ in range(200):
    t += sum(x % 1000 for x in fib(300))
    t += sum(len(c) for c in chunks(range(1000), 7))
print(t)
