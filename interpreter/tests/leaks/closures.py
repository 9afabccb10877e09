# Planted leak: every request subscribes a callback whose closure keeps the
# request (and its body) alive; nobody unsubscribes.
# usage: pygc closures.py A.snap B.snap C.snap
import gc
import sys


class Bus:
    def __init__(self):
        self.listeners = []

    def subscribe(self, fn):
        self.listeners.append(fn)


bus = Bus()


class Request:
    def __init__(self, n):
        self.n = n
        self.body = "x" * 1000 + str(n)


def handle(n):
    req = Request(n)  # ALLOC

    def on_close():
        return req.n

    bus.subscribe(on_close)
    tmp = Request(-n)  # garbage
    return tmp.n


for step, path in enumerate(sys.argv[1:]):
    for n in range(300 * step, 300 * (step + 1)):
        handle(n)
    gc.dump_heap(path)
print("listeners", len(bus.listeners))
