# functools.lru_cache: recursion memo and a bounded cache.
from functools import lru_cache

@lru_cache(maxsize=None)
def paths(r, c):
    if r == 0 or c == 0:
        return 1
    return paths(r - 1, c) + paths(r, c - 1)

@lru_cache(maxsize=1024)
def sq(x):
    return x * x

s = paths(150, 150) % 1000003
for i in range(200000):
    s += sq(i % 1500)
print(s, sq.cache_info().maxsize, paths.cache_info().currsize)
