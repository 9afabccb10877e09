# env: PYGC_JIT=on
# env: PYGC_JIT_THRESHOLD=2
# Hot loops run by the method JIT (threshold 2: compiled on the second call
# or loop iteration): small-int fast paths, overflow into big ints, type
# changes mid-loop, calls, globals, attributes, subscripts, unpacking.

def count(n):
    s = 0
    for i in range(n):
        s += i * 2 - 1
    return s


def while_loop(n):
    i = 0
    t = 0
    while i < n:
        if i % 3 == 0 and i != 9:
            t = t + i
        elif i >= 50 or i == 7:
            t -= 1
        i += 1
    return t


def overflow(n):
    x = 1
    y = 1
    for i in range(n):
        x = x * 7
        y = y + x
    return x, y


def neg_overflow():
    a = -(2 ** 62)
    out = []
    for k in range(3):
        a = a - 1
        out.append(a)
    return out


def mixed(values):
    acc = 0
    for v in values:
        acc = acc + v
    return acc


def steps():
    out = []
    for i in range(10, 0, -3):
        out.append(i)
    for i in range(0, 20, 7):
        out.append(i)
    for i in range(5, 5):
        out.append(-1)
    return out


G = 10


def use_global(n):
    s = 0
    for i in range(n):
        s += G
    return s


class P:
    def __init__(self, x):
        self.x = x

    def bump(self, d):
        self.x = self.x + d
        return self.x


def methods(n):
    p = P(0)
    for i in range(n):
        p.bump(i)
    return p.x


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def subscripts(n):
    lst = [0] * n
    for i in range(n):
        lst[i] = i * i
    t = 0
    for i in range(n):
        t += lst[i] - lst[n - 1 - i]
    pairs = [(i, -i) for i in range(4)]
    u = 0
    for p in pairs:
        a, b = p
        u += a * 10 - b
    return t, lst[-1], u


def compare_kinds(n):
    c = 0
    for i in range(n):
        if i < 3:
            c += 1
        if i <= 3:
            c += 10
        if i == 4:
            c += 100
        if i != 5:
            c += 1000
        if i > 6:
            c += 10000
        if i >= 7:
            c += 100000
        if i is None:
            c = -1
        if not i:
            c += 7
    return c


def floats(n):
    x = 0.5
    for i in range(n):
        x = x * 1.5 - i
    return x


def strings(n):
    s = ""
    for i in range(n):
        s = s + str(i)
    return s, len(s), "3" in s


def swap(n):
    a, b = 0, 1
    for i in range(n):
        a, b = b, a + b
    return a


def default_and_kw(n, step=2, *, scale=1):
    return sum_to(n, step=step) * scale


def sum_to(n, step=1):
    t = 0
    i = 0
    while i < n:
        t += i
        i += step
    return t


for _ in range(3):
    print(count(10), count(1000))
    print(while_loop(100))
    print(overflow(40))
    print(neg_overflow())
    print(mixed([1, 2, 3]), mixed([1, 2.5, 3]), mixed([2 ** 70, 1, -5]))
    print(steps())
    print(use_global(50))
    print(methods(20))
    print(fib(15))
    print(subscripts(10))
    print(compare_kinds(10))
    print(floats(20))
    print(strings(12))
    print(swap(100))
    print(default_and_kw(20), default_and_kw(20, 3, scale=2))
    G = G + 1
