# List slicing and slice assignment (fast paths and general ones).
a = list(range(10))
a[2:5] = a[4:1:-1]; print(a)
a[:3] = (9, 8, 7); print(a)
a[1:2] = a; print(a)
b = list(range(6)); b[::2] = b[1::2]; print(b)
try:
    b[::2] = [1]
except ValueError as e:
    print(e)
c = list(range(5)); c[1:3] = []; print(c, c[::-1], c[-2:], c[10:], c[:-10])
class L(list): pass
d = L([1, 2, 3]); print(type(d[:2]).__name__, d[::-1])
e = [1, 2, 3]; e[0:0] = "ab"; print(e)
