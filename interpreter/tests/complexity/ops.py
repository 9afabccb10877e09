# Per-operation cost at size n and 8n for the core types: prints
# "name ratio" lines, ratio = (best time per op at 8n) / (best at n).
# An O(1) operation stays near 1, an O(n) one near 8. Run by
# interpreter/tests/complexity.rs, which checks every ratio; runs unchanged
# on CPython for comparison.
import gc
import sys
import time
from collections import deque
from functools import lru_cache

N = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
K = 2000
REPEATS = 5


def best(setup, op, n):
    t = None
    for _ in range(REPEATS):
        state = setup(n)
        # the setup's garbage is collected first: the timed loop measures
        # the operation, not collection work the setup left due
        gc.collect()
        t0 = time.perf_counter()
        op(state, n)
        dt = time.perf_counter() - t0
        t = dt if t is None else min(t, dt)
    return max(t, 1e-7)


def case(name, setup, op):
    a = best(setup, op, N)
    b = best(setup, op, 8 * N)
    print(name, round(b / a, 2), flush=True)


def deque_popleft(d, n):
    for _ in range(K):
        d.popleft()


def deque_appendleft(d, n):
    for i in range(K):
        d.appendleft(i)
        d.pop()


def deque_index_mid(d, n):
    m = n // 2
    for _ in range(K):
        d[m]


def list_pop_end(l, n):
    for _ in range(K):
        l.pop()


def grown_list(n):
    # grown by appending, as lists that are appended to are: the timed
    # appends then measure append, not the one reallocation of a list made
    # at exactly n items (a copy of n items, plus a young collection that
    # traces the new array, amortized over only K appends)
    l = []
    for i in range(n):
        l.append(i)
    return l


def list_append(l, n):
    for i in range(K):
        l.append(i)


def list_index(l, n):
    m = n - 3
    for _ in range(K):
        l[m]


def dict_tuple_get(d, n):
    for i in range(K):
        d[(i, i + 1)]


def dict_str_set_del(d, n):
    for i in range(K):
        k = "k" + str(i)
        d[k] = i
        del d[k]


def dict_int_get(d, n):
    for i in range(K):
        d[i * 7]


def set_contains(s, n):
    for i in range(K):
        (i, -i) in s


def set_add_discard(s, n):
    for i in range(K):
        s.add(-i - 1)
        s.discard(-i - 1)


def str_index_ascii(s, n):
    m = n - 5
    for _ in range(K):
        s[m]


def str_index_unicode(s, n):
    m = n - 5
    for _ in range(K):
        s[m]


def str_slice_small(s, n):
    m = n - 10
    for _ in range(K):
        s[m:m + 3]


def str_len_and_hash(s, n):
    for _ in range(K):
        len(s)
        hash(s)


def bytes_index(b, n):
    m = n - 5
    for _ in range(K):
        b[m]


def bytearray_append_pop(b, n):
    for i in range(K):
        b.append(i & 255)
        b.pop()


def lru_hit(f, n):
    for i in range(K):
        f(i * 3)


def make_lru(n):
    @lru_cache(maxsize=n)
    def f(x):
        return x
    for i in range(n):
        f(i)
    return f


def sort_cost(l, n):
    sorted(l)


case("deque.popleft", lambda n: deque(range(n)), deque_popleft)
case("deque.appendleft+pop", lambda n: deque(range(n)), deque_appendleft)
case("deque[mid]", lambda n: deque(range(n)), deque_index_mid)
case("list.pop", lambda n: list(range(n)), list_pop_end)
case("list.append", grown_list, list_append)
case("list[i]", lambda n: list(range(n)), list_index)
case("dict[tuple]", lambda n: {(i, i + 1): i for i in range(n)}, dict_tuple_get)
case("dict[str]=,del", lambda n: {"x" + str(i): i for i in range(n)}, dict_str_set_del)
case("dict[int]", lambda n: {i * 7: i for i in range(n)}, dict_int_get)
case("tuple in set", lambda n: {(i, -i) for i in range(n)}, set_contains)
case("set.add+discard", lambda n: set(range(n)), set_add_discard)
case("str[i] ascii", lambda n: "abcdefgh" * (n // 8), str_index_ascii)
case("str[i] unicode", lambda n: "é€x😀" * (n // 4), str_index_unicode)
case("str[i:i+3]", lambda n: "é€x😀" * (n // 4), str_slice_small)
case("len+hash(str)", lambda n: "abc" * n, str_len_and_hash)
case("bytes[i]", lambda n: bytes(n), bytes_index)
case("bytearray.append+pop", lambda n: bytearray(n), bytearray_append_pop)
case("lru_cache hit", make_lru, lru_hit)
case("sorted n log n", lambda n: [(i * 2654435761) % 1000003 for i in range(n)], sort_cost)
