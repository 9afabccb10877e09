# Planted leak: a ring of objects with __del__ that keeps growing (reachable
# from a global, so never finalized), next to garbage cycles with __del__
# that a collector may reclaim (and finalize) and must not be reported.
# usage: pygc del_cycle.py A.snap B.snap
import gc
import sys

finalized = []


class Node:
    def __init__(self, i):
        self.i = i
        self.next = self
        self.payload = [i] * 8

    def __del__(self):
        finalized.append(self.i)


_ring = Node(0)


def grow(n):
    for i in range(n):
        node = Node(i)  # ALLOC
        node.next = _ring.next
        _ring.next = node
        a, b = Node(-1), Node(-2)  # garbage cycle
        a.next, b.next = b, a


grow(100)
gc.dump_heap(sys.argv[1])
grow(400)
gc.dump_heap(sys.argv[2])
print("ring finalized", sum(1 for i in finalized if i >= 0))
