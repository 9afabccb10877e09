# functools.lru_cache / cache: hits, misses, LRU eviction, typed keys,
# keyword arguments, cache_info/cache_clear, methods.
from functools import lru_cache, cache

calls = []

@lru_cache(maxsize=3)
def sq(x):
    calls.append(x)
    return x * x

for x in [1, 2, 3, 1, 4, 2, 5, 1, 1]:
    sq(x)
print(calls, sq.cache_info())
sq.cache_clear()
print(sq.cache_info(), sq(2), sq.cache_info().misses)

@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(200), fib.cache_info())

@lru_cache(typed=True)
def t(x):
    return type(x).__name__
print(t(1), t(1.0), t(True), t.cache_info().currsize, t.cache_parameters())

@cache
def kw(a, b=0, *, c=1):
    calls.append((a, b, c))
    return a + b + c
calls.clear()
print(kw(1), kw(1, b=2), kw(1, c=5), kw(1), kw(1, b=2), calls, kw.cache_info())
print(kw.__name__, kw.__wrapped__.__name__)

@lru_cache(maxsize=0)
def nocache(x):
    return x
print(nocache(1), nocache(1), nocache.cache_info())

class C:
    @lru_cache(maxsize=8)
    def m(self, k):
        return k * 10
c = C()
print(c.m(3), c.m(3), C.m.cache_info().hits)

@lru_cache
def bare(x):
    return -x
print(bare(4), bare.cache_info().maxsize)
try:
    sq([1])
except TypeError as e:
    print("TypeError", e)
# bounded cache under churn: linear, evicts the least recently used
@lru_cache(maxsize=100)
def ident(x):
    return x
s = 0
for i in range(3000):
    s += ident(i % 150) + ident(i % 7)
print(s, ident.cache_info())
