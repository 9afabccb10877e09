# Unpacking takes one item past the targets to see that there are too many
# (as CPython), instead of running the iterable to its end.
calls = []


class Seq:
    def __getitem__(self, i):
        calls.append(i)
        if i > 5:
            raise IndexError(i)
        return i


try:
    x, y = Seq()
except ValueError as e:
    print(e, calls)
calls.clear()
a, b, *rest = Seq()
print(a, b, rest, calls)


def gen():
    for i in range(10):
        calls.append(("g", i))
        yield i


calls.clear()
try:
    p, q = gen()
except ValueError as e:
    print(e, calls)
calls.clear()
try:
    p, q, r = iter([1])
except ValueError as e:
    print(e)
p, q = (c for c in "ab")
print(p, q)
