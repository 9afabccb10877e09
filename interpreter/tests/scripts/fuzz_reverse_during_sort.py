# list.reverse() while a sort runs sees the empty list and changes nothing
# (CPython: no "list modified during sort"); fuzzer seed 88010.
L = [3, 1, 2]
class C1:
    def __lt__(self, o):
        L.reverse()
try:
    L.sort(key=lambda x: C1())
    print("no error", L)
except Exception as e:
    print("exc", type(e).__name__, e)
L = [5, 4, 3, 2, 1]
def key(x):
    L.reverse()
    L.append(x)
    return x
try:
    L.sort(key=key)
except ValueError as e:
    print("exc", e)
print(L)
# reverse in place: same list object, every length, subclass, big list
for n in range(6):
    x = list(range(n))
    y = x
    x.reverse()
    print(n, x, y is x)
class Sub(list):
    pass
s = Sub("abc")
s.reverse()
print(s, type(s).__name__)
big = [str(i) for i in range(3000)]
big.reverse()
print(big[0], big[-1], len(big))
