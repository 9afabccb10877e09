# Found by the differential fuzzer (seed 1004): set algebra must reuse the
# hashes stored in the operand tables, so __hash__/__eq__ run exactly as
# often as in CPython (programs that count calls see the same numbers).
calls = []
class H:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        calls.append(("hash", self.v))
        return self.v % 4
    def __eq__(self, o):
        calls.append(("eq", self.v))
        return isinstance(o, H) and o.v == self.v
    def __repr__(self):
        return f"H({self.v})"

def count(label, f):
    calls.clear()
    r = f()
    print(label, sorted(r, key=repr) if isinstance(r, (set, frozenset)) else r, len(calls),
          sorted(calls))

a = {H(1), H(2), 3, 4}
b = {H(2), 6, 2}
count("build", lambda: {H(9), 1})
count("sub", lambda: a - b)
count("sub big", lambda: set(range(40)) - {H(2), 7})
count("and", lambda: a & b)
count("xor", lambda: a ^ b)
count("or", lambda: a | b)
count("intersection list", lambda: a.intersection([H(2), 3, 9]))
count("difference", lambda: a.difference(b, [H(1)]))
count("symmetric_difference", lambda: a.symmetric_difference([H(1), 8]))
count("issubset", lambda: {H(1)} <= a)
count("issubset list", lambda: a.issubset([H(1), H(2), 3, 4, 5]))
count("issuperset", lambda: a.issuperset({H(2)}))
count("isdisjoint", lambda: a.isdisjoint([H(5), 8]))
count("frozenset eq", lambda: frozenset(a) == a)
