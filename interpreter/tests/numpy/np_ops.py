# Element-wise arithmetic, comparisons, broadcasting and unary functions.
import numpy as np

a = np.array([1.0, 2.0, 3.0, 4.0])
b = np.array([4.0, 3.0, 2.0, 1.0])
i = np.array([1, 2, 3, 4])
print(repr(a + b), repr(a - b), repr(a * b), repr(a / b))
print(repr(a + 1), repr(1 + a), repr(a * 2.5), repr(10 - a), repr(2 / a))
print(repr(i + 1), repr(i * 3), repr(i - 10), repr(i / 2), repr(i + 0.5))
print(repr(i // 3), repr(i % 3), repr(i ** 2), repr(a ** 2), repr(a // 1.5), repr(a % 1.5))
print(repr(-a), repr(-i), repr(+a), repr(abs(-a)), repr(np.abs(np.array([-3, 4]))))
print(repr(a > 2), repr(a >= 2), repr(a < b), repr(a == b), repr(a != 3), repr(i <= 2))
print(repr(np.sqrt(a)), repr(np.exp(np.array([0.0, 1.0]))), repr(np.sqrt(i)))
print(repr(np.log(np.array([1.0, np.e]))), repr(np.floor(np.array([1.5, -1.5]))))
print(np.sqrt(16.0), np.abs(-3), np.exp(0.0))
m = np.array([[1.0, 2.0], [3.0, 4.0]])
print(repr(m + m), repr(m * 10), repr(m - np.array([1.0, 2.0])), repr(m / np.array([[1.0], [2.0]])))
print(repr(m + [10, 20]), repr(a + [1, 1, 1, 1]))
x = np.zeros(3)
x += 1
x *= 4
x -= np.array([1.0, 2.0, 3.0])
x /= 2
print(repr(x))
y = np.arange(6).reshape(2, 3)
y += 10
print(repr(y))
v = y[0]
v *= 2
print(repr(y))
try:
    a + np.array([1.0, 2.0])
except ValueError as e:
    print("ValueError", e)
try:
    np.arange(3) + np.arange(4)
except ValueError as e:
    print("ValueError", e)
try:
    bool(a)
except ValueError as e:
    print("ValueError", e)
print(bool(np.array([0.0])), bool(np.array([2])))
print(3.0 in a, 7 in a)
print(repr(a * a - 2 * a + 1))
