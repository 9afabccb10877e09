# list.sort() notices any change made by keys or comparisons (CPython's
# test_sort.TestBugs.test_bug453523), including an append undone by a pop.
# (a small generator instead of `random`: importing the stdlib module
# costs seconds under torture)
_state = [453523]


def rand():
    _state[0] = (_state[0] * 1103515245 + 12345) % 2**31
    return _state[0] / 2**31


def randrange(n):
    return int(rand() * n)


class C:
    def __lt__(self, other):
        if L and rand() < 0.75:
            L.pop()
        else:
            L.append(3)
        return rand() < 0.5


errors = 0
for i in range(10):
    L = [C() for i in range(30)]
    try:
        L.sort()
    except ValueError as e:
        errors += 1
        msg = str(e)
print(errors, msg)


class AppendPop:
    def __lt__(self, other):
        M.append(1)
        M.pop()
        return False


M = [AppendPop() for i in range(5)]
try:
    M.sort()
except ValueError as e:
    print("append+pop:", e, len(M))


class Clears:
    def __lt__(self, other):
        N.clear()      # clearing the (empty) list is invisible
        N.sort()       # so is sorting it
        return id(self) < id(other)


N = [Clears() for i in range(6)]
N.sort()
print("clear+sort inside:", len(N))

K = [3, 1, 2]
try:
    K.sort(key=lambda x: (K.append(0), K.pop(), x)[2])
except ValueError as e:
    print("key appends and pops:", e, K)

# reverse=True keeps equal items in their original order, whatever the key
# (re-seeded: the sort algorithms make different numbers of comparisons)
_state[0] = 7
data = [(randrange(20), i) for i in range(60)]
for key in (lambda x: x[0], lambda x: [x[0]], lambda x: (x[0],), lambda x: float(x[0])):
    print(sorted(data, key=key, reverse=True)[:6])
print(sorted([3, 1, 2, 1.0, True, 2.0], reverse=True))
