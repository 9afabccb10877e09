# dict(mapping, **kw) / dict subclass init / int and str subclasses / zip /
# map / reversed: the arguments and keyword names stay valid while the
# mapping's keys() and __getitem__ run Python code (and so collect).


class M:
    def keys(self):
        junk = [[i] * 10 for i in range(20)]
        return ["a", "b"]

    def __getitem__(self, k):
        junk = [str(i) * 3 for i in range(20)]
        return k.upper()


kw = {"x": 1, "y": 2}
d = dict(M(), **kw)
print(sorted(d.items()))


class D(dict):
    pass


print(sorted(D(M(), **{"z" + str(i): i for i in range(3)}).items()))


class I(int):
    pass


class S(str):
    pass


class Idx:
    def __index__(self):
        junk = [[i] for i in range(20)]
        return 7

    def __int__(self):
        junk = [[i] for i in range(20)]
        return 7


print(type(I(Idx())).__name__, I(Idx()) + 1)
print(type(S(b"abc", "ascii")).__name__, S(b"abc", "ascii"))


class Seq:
    def __len__(self):
        junk = [[i] for i in range(20)]
        return 3

    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 10


print(list(reversed(Seq())))


class It:
    def __iter__(self):
        junk = [[i] for i in range(20)]
        return iter([1, 2, 3])


print(list(zip(It(), It(), It())))
print(list(map(lambda a, b: a + b, It(), It())))
