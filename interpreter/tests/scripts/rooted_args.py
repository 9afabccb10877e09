# Builtins written against the typed GC boundary (vm/rooted.rs): their
# arguments stay valid while __hash__/__eq__/__iter__ run Python code that
# allocates (a collection at every safepoint under torture) and mutates.
import gc

junk = []
class Noisy:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        junk.append([self.v] * 50)
        gc.collect()
        return hash(self.v)
    def __eq__(self, o):
        junk.append({self.v: o})
        return isinstance(o, Noisy) and o.v == self.v
    def __repr__(self):
        return f"N({self.v})"

s = set()
s.update([Noisy(1), Noisy(2)], (Noisy(3),), {Noisy(4): 0}, [Noisy(1)])
print(sorted(x.v for x in s))

d = {Noisy(i): i for i in range(5)}
print(d.get(Noisy(3)), d.get(Noisy(9), ["default", "list"]), d.get(Noisy(9)))
print(d.pop(Noisy(2)), d.pop(Noisy(2), ("gone",)), len(d))

class K:
    def __hash__(self):
        return 99
    def __eq__(self, o):
        d2.clear()
        return True
d2 = {i: i for i in range(100)}
print(d2.get(K(), "missing"), len(d2))

class D(dict):
    def __setitem__(self, k, v):
        junk.append(str(k) * 3)
        super().__setitem__(k, v)
fk = D.fromkeys((Noisy(i) for i in range(4)), [0])
print(type(fk).__name__, sorted(k.v for k in fk), list(fk.values())[0])
print(dict.fromkeys("abc"), dict.fromkeys(range(3), 7))

u = {"a": 1}
u.update([("b", 2)], c=[3], d={"x": 4})
u.update(e=5)
u.update({Noisy(7): 7})
print(sorted((k if isinstance(k, str) else repr(k), v) for k, v in u.items()))
try:
    u.update({}, {})
except TypeError as e:
    print("TypeError:", e)
try:
    dict.fromkeys(5)
except TypeError as e:
    print("TypeError:", e)
try:
    d.pop(Noisy(42))
except KeyError as e:
    print("KeyError:", e)
