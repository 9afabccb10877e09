def fib(n):
    if n < 2:
        return n
    return fib(n-1) + fib(n-2)
print(fib(20))
x = [1, 2, 3]
x.append(4)
print(x, len(x), x[1:3], {'a': 1, 'b': (1, 2)})
for i in range(3):
    print(i, end=' ')
print()
class A:
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v * 2
class B(A):
    def get(self):
        return super().get() + 1
print(B(5).get(), isinstance(B(1), A))
try:
    1/0
except ZeroDivisionError as e:
    print("caught", e)
print("%d items, %.3f" % (3, 2.5), f"{x[0]:>5}|{3.14159:.2f}")
def gen(n):
    for i in range(n):
        yield i * i
print(list(gen(5)), sum(gen(5)))
print([i*2 for i in range(5) if i % 2], {k: v for k, v in zip("abc", range(3))})
print(2**100, -7 // 2, -7 % 2, 7.0 / 2)
a, *b = [1, 2, 3]
print(a, b)
def f(*args, **kw): return args, kw
print(f(1, 2, x=3))
print(sorted([3, 1, 2], reverse=True), max([1, 5, 3]), min(4, 2, 8))
