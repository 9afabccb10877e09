# env: PYGC_JIT=on
# env: PYGC_JIT_THRESHOLD=1
# Functions the first JIT tier does not compile (generators, try/with,
# closures, comprehensions' own code, class bodies) keep running in the
# interpreter next to compiled callers and callees.


def gen(n):
    for i in range(n):
        yield i * i


def with_try(xs):
    t = 0
    for x in xs:
        try:
            t += 10 // x
        except ZeroDivisionError:
            t -= 1
    return t


def closure(n):
    k = 3

    def add(x):
        return x + k

    t = 0
    for i in range(n):
        t = add(t)
    return t


def consumer(n):
    t = 0
    for v in gen(n):
        t += v
    return t


class Acc:
    total = 0

    def add(self, v):
        self.total += v
        return self


def uses_class(n):
    a = Acc()
    for i in range(n):
        a.add(i).add(1)
    return a.total


def keeps_locals(n):
    x = [i for i in range(n)]
    d = {i: i * i for i in range(n)}
    return sum(x), sum(d.values()), sorted(set(x))[:3]


for _ in range(3):
    print(list(gen(5)), consumer(10))
    print(with_try([1, 0, 2, 0, 5]))
    print(closure(10))
    print(uses_class(10))
    print(keeps_locals(6))
