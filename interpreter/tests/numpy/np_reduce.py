# Reductions (functions and methods, with axis), dot, mean of ints.
import numpy as np

a = np.array([3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0])
i = np.arange(1, 11)
m = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print(a.sum(), a.mean(), a.min(), a.max(), a.argmin(), a.argmax(), a.prod())
print(np.sum(a), np.mean(a), np.min(a), np.max(a), np.amin(i), np.amax(i))
print(i.sum(), i.mean(), i.min(), i.max(), i.prod())
print(repr(m.sum(axis=0)), repr(m.sum(axis=1)), repr(m.mean(axis=0)), repr(np.max(m, axis=1)))
print(repr(m.min(0)), repr(m.argmax(axis=1)), m.sum(), m.mean())
print(np.sum([1, 2, 3]), np.mean([1.0, 2.0]), np.max([[1, 5], [3, 2]]))
print((a > 2).sum(), (a > 2).any(), (a > 100).any(), (a > 0).all())
x = np.arange(1000) * 0.1
print(x.sum(), x.mean())
y = np.linspace(0, 1, 1001)
print(y.sum(), (y * y).sum())
print(np.dot(np.array([1.0, 2.0, 3.0]), np.array([4.0, 5.0, 6.0])))
print(np.dot(np.array([1, 2, 3]), np.array([4, 5, 6])))
p = np.array([[1.0, 2.0], [3.0, 4.0]])
q = np.array([[5.0, 6.0], [7.0, 8.0]])
print(repr(np.dot(p, q)), repr(p.dot(q)), repr(p @ q))
print(repr(np.dot(p, np.array([1.0, -1.0]))), repr(np.dot(np.array([1.0, 1.0]), q)))
r = np.arange(6).reshape(2, 3)
print(repr(np.dot(r, r.T)), repr(r.T @ r))
try:
    np.dot(r, r)
except ValueError as e:
    print("ValueError", e)
try:
    np.zeros(0).max()
except ValueError as e:
    print("ValueError", e)
print(np.zeros(0).sum(), np.array([np.nan, 1.0]).max())
print(repr(np.sqrt(np.abs(np.array([-4.0, 9.0])))).replace(" ", ""))
