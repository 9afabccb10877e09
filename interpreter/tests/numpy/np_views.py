# Indexing, slicing, views sharing the buffer, item and slice assignment,
# iteration.
import numpy as np

a = np.arange(10.0)
print(a[0], a[-1], a[3])
s = a[2:7]
print(repr(s), s.shape, s.base is a)
s[0] = 100.0
print(repr(a))
r = a[::-2]
print(repr(r))
r[0] = -1
print(repr(a))
a[1:3] = 5.0
print(repr(a))
a[7:10] = np.array([7.0, 8.0, 9.0])
print(repr(a))
a[:] = 0
print(repr(a))
m = np.arange(12).reshape(3, 4)
print(repr(m[1]), repr(m[:, 2]), repr(m[1:, 1:3]), m[2, 3], m[-1, -1])
print(repr(m[::2, ::3]), repr(m[1][2:]))
col = m[:, 0]
col[:] = -5
print(repr(m))
m[1, :] = np.array([9, 8, 7, 6])
print(repr(m))
m[2] = 1
print(repr(m))
m[0, 1] = 42
print(repr(m))
t = m.T
t[0, 2] = 77
print(repr(m))
v = m.reshape(4, 3)
v[0, 0] = 0
print(m[0, 0], v.base is m)
for row in m:
    print(row)
for x in np.array([1.5, 2.5]):
    print(x)
g = np.arange(6.0)
print(repr(g[g > 2]), repr(g[np.array([True, False, True, False, True, False])]))
g[g < 3] = 0
print(repr(g))
print(repr(g[[0, 5, 5]]), repr(np.arange(5)[np.array([4, 0])]))
k = np.zeros((2, 3))
k[...] = 2
print(repr(k))
try:
    a[10]
except IndexError as e:
    print("IndexError", e)
try:
    m[0, 0, 0]
except IndexError as e:
    print("IndexError", e)
try:
    m[5, 0]
except IndexError as e:
    print("IndexError", e)
del a, s, r
import gc
gc.collect()
w = np.arange(4.0)[1:]
gc.collect()
print(repr(w), repr(w.base))
