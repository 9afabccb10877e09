# requires: stdlib
# torture: 50
# The stdlib's weakref.py / _weakrefset.py on pygc's native _weakref.
import gc
import weakref


class A:
    pass


def make(n):
    return [A() for i in range(n)]


# ref: identity reuse, callbacks newest first, hash/eq.
a = A()
r = weakref.ref(a)
print(r() is a, weakref.ref(a) is r, weakref.getweakrefcount(a))
log = []
r2 = weakref.ref(a, lambda w: log.append(("cb2", w is r2)))
r3 = weakref.ref(a, lambda w: log.append(("cb3", w is r3)))
print(weakref.getweakrefcount(a), len(weakref.getweakrefs(a)))
print(hash(r) == hash(a), r == r2, r != r3, r2.__callback__ is not None)
h = hash(r2)
del a
gc.collect()
print(r(), r2(), log, hash(r2) == h, r == r2, r2 == r2)
try:
    hash(r3)
except TypeError as e:
    print("TypeError", e)
print(isinstance(r, weakref.ReferenceType), type(r) is weakref.ref)

# What can be weakly referenced.
for obj in (1, "s", (1,), [1], {1: 2}):
    try:
        weakref.ref(obj)
    except TypeError as e:
        print(e)


class S:
    __slots__ = ("x",)


class SW:
    __slots__ = ("x", "__weakref__")


class L(list):
    pass


try:
    weakref.ref(S())
except TypeError as e:
    print(e)
sw = SW()
print(weakref.ref(sw)() is sw)
ll = L([1, 2])
print(weakref.ref(ll)() == [1, 2])


def func():
    return 7


fs = {1}
print(weakref.ref(func)()(), weakref.ref(A)() is A, weakref.ref(fs)() == {1})

# A dead reference's callback is not called.
log.clear()
b = A()
rb = weakref.ref(b, lambda w: log.append("must not run"))
del rb
del b
gc.collect()
print("dead ref callback", log)

# Callbacks that mutate containers and allocate.
registry = {}
events = []


def on_death(w):
    key = registry.pop(w)
    events.append(key)
    junk = [str(i) * 3 for i in range(100)]
    registry[("after", key)] = len(junk)


def populate():
    objs = make(20)
    for i, o in enumerate(objs):
        registry[weakref.ref(o, on_death)] = i
    return objs


objs = populate()
del objs[::2]
gc.collect()
print(sorted(events), len(registry))
objs.clear()
gc.collect()
print(len(events), sorted(k for k in registry if isinstance(k, tuple))[:3])

# WeakValueDictionary / WeakKeyDictionary / WeakSet under churn.
wvd = weakref.WeakValueDictionary()
wkd = weakref.WeakKeyDictionary()
ws = weakref.WeakSet()
keep = []
for rnd in range(30):
    batch = make(50)
    for i, o in enumerate(batch):
        wvd[rnd * 100 + i] = o
        wkd[o] = rnd
        ws.add(o)
    keep.extend(batch[:2])
    del batch
    if rnd % 10 == 9:
        gc.collect()
gc.collect()
print(len(wvd), len(wkd), len(ws))
print(sorted(wvd.keys())[:4], all(wkd[o] >= 0 for o in keep), keep[0] in ws)
keep = keep[:10]
gc.collect()
print(len(wvd), len(wkd), len(ws))

# WeakMethod.
class B:
    def m(self):
        return 42


bb = B()
wm = weakref.WeakMethod(bb.m)
print(wm()(), wm == weakref.WeakMethod(bb.m))
del bb
gc.collect()
print(wm())

# finalize.
c = A()
f = weakref.finalize(c, log.append, "finalized")
print(f.alive, f.peek()[0] is c)
del c
gc.collect()
print(f.alive, log[-1])
d = A()
f2 = weakref.finalize(d, lambda: "called")
print(f2(), f2.alive, f2())

# proxies.
x = A()
x.v = 5
p = weakref.proxy(x)
print(p.v, type(p).__name__, weakref.getweakrefcount(x))
p.w = 6
print(x.w, p == x)
ll2 = L([3, 1, 2])
pl = weakref.proxy(ll2)
print(len(pp := pl), pl[0], 2 in pl, sorted(pl), pl + [9])
cp = weakref.proxy(func)
print(type(cp).__name__, cp())
try:
    hash(p)
except TypeError as e:
    print("TypeError", e)
del x
gc.collect()
try:
    p.v
except ReferenceError as e:
    print("ReferenceError", e)
print("done")

# __weakref__ and __slots__.
class W:
    pass


class WS:
    __slots__ = ("x", "__weakref__")


class NoWeak:
    __slots__ = ()


w = W()
print(w.__weakref__, "__weakref__" in W.__dict__, hasattr(NoWeak(), "__weakref__"))
rw = weakref.ref(w)
ws_ = WS()
print(w.__weakref__ is rw, ws_.__weakref__, "__weakref__" in WS.__dict__)
