# __del__ (PEP 442 semantics): run once per object, after the collection that
# found it unreachable; resurrection; cycles with __del__ are collected.
import gc

n = 0


class A:
    def __del__(self):
        global n
        n += 1


for i in range(1000):
    A()
gc.collect()
print("plain", n)

log = []


class Named:
    def __init__(self, name, other=None):
        self.name = name
        self.other = other

    def __del__(self):
        log.append(self.name)


def make_chain():
    c = Named("c")
    b = Named("b", c)
    a = Named("a", b)
    return a


x = make_chain()
x = None
gc.collect()
print("chain", log)

log.clear()


def make_cycle():
    p = Named("p")
    q = Named("q", p)
    p.other = q
    r = Named("r", [p, q])


make_cycle()
gc.collect()
print("cycle", sorted(log))

# Resurrection: __del__ stores self; it is not called a second time.
saved = []
calls = 0


class Phoenix:
    def __del__(self):
        global calls
        calls += 1
        saved.append(self)


def make_phoenix():
    p = Phoenix()
    p.value = 42


make_phoenix()
gc.collect()
print("resurrected", calls, len(saved), saved[0].value, gc.is_finalized(saved[0]))
saved.clear()
gc.collect()
print("after second death", calls)

# A subclass inherits __del__.
log.clear()


class Sub(Named):
    pass


def make_sub():
    Sub("sub")
    Named("base")


make_sub()
gc.collect()
print("subclass", sorted(log))

# __del__ assigned after the class is created: existing and new instances.
log.clear()


class Late:
    def __init__(self, name):
        self.name = name


keep = [Late("old")]


def late_del(self):
    log.append(self.name)


Late.__del__ = late_del
keep.append(Late("new"))
keep.clear()
gc.collect()
print("late", sorted(log))

# Finalizers that allocate and build new objects with __del__.
log.clear()


class Spawner:
    def __init__(self, depth):
        self.depth = depth

    def __del__(self):
        log.append(self.depth)
        if self.depth > 0:
            Spawner(self.depth - 1)
        tmp = [str(i) for i in range(50)]
        assert len(tmp) == 50


def spawn():
    Spawner(3)


spawn()
gc.collect()
gc.collect()
print("spawner", sorted(log))

# A finalizer that raises: reported on stderr, the program goes on.
log.clear()


class Bad:
    def __del__(self):
        log.append("bad")
        raise ValueError("boom")


def make_bad():
    Bad()
    Named("good")


make_bad()
gc.collect()
print("raising", sorted(log))
print("is_finalized", gc.is_finalized(Named("x")), gc.is_finalized(1))
print("done")
