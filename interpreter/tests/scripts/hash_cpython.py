# hash() equals CPython 3.11's. str/bytes hashes (SipHash-1-3) equal
# CPython's with PYTHONHASHSEED=0, which pygc always uses: the expected file
# is generated with `PYTHONHASHSEED=0 python3 hash_cpython.py`.
# (hash(None) is address-based in CPython 3.11: not compared.)
# (a 90,000-element set: torture verifies every 97th safepoint, not each)
# torture: 97
vals = [0, 1, -1, -2, 2**61 - 2, 2**61 - 1, 2**61, -(2**61), 2**62, 2**64 + 5, -(10**30),
        0.0, -0.0, 0.5, -1.5, 1e300, 1e-300, 3.141592653589793, float("inf"), float("-inf"),
        1j, 1.5 - 2j, complex(0, -1), True, False,
        "", "a", "abc", "hello world", "é", "h€llo", "😀x", "x" * 100,
        b"", b"a", b"abc", bytes(range(256)),
        (), (0,), (0, 0), (1, 2), (1, (2, 3)), ("a", 1, 2.5, False), ((),),
        frozenset(), frozenset([1, 2, 3]), frozenset(["a", "b"]), frozenset([(1, 2)])]
for v in vals:
    print(repr(v)[:40], hash(v))
print(hash(1) == hash(1.0) == hash(True), hash(0) == hash(0.0) == hash(False) == hash(-0.0))
print(hash(2**61 - 1) == hash(0), hash(1.5) == hash(complex(1.5, 0)), hash(10**20) == hash(1e20))
# distinct small tuple hashes (no clustering)
print(len({hash((i, j)) for i in range(300) for j in range(300)}))
# set and dict iteration orders follow the hashes
print(list({"x", "y", "z", "apple", "banana", "kiwi"}))
print(list({(1, 2), (3, 4), (5, 6), (-1, -1), (0, 0)}))
print(list({1.5, 2.5, -3.25, 1e10, 7}))
print(list(frozenset({"a", "bb", "ccc", "dddd"})))
s = set()
for i in range(40):
    s.add("k%d" % i)
    if i % 3 == 0:
        s.discard("k%d" % (i // 2))
print(list(s))
class H:
    def __init__(self, h):
        self.h = h
    def __hash__(self):
        return self.h
print(hash(H(-1)), hash(H(2**70)), hash(H(12345)))
