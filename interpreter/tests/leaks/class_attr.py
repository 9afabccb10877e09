# Planted leak: plugins register themselves in a class attribute that
# nothing ever clears.
# usage: pygc class_attr.py A.snap B.snap
import gc
import sys


class Registry:
    entries = []

    @classmethod
    def register(cls, item):
        cls.entries.append(item)


class Plugin:
    def __init__(self, name):
        self.name = name
        self.config = {"name": name, "opts": [1, 2, 3]}


def load(i):
    p = Plugin("plugin-%d" % i)  # ALLOC
    Registry.register(p)
    return p.name


for i in range(200):
    load(i)
gc.dump_heap(sys.argv[1])
for i in range(200, 1000):
    load(i)
gc.dump_heap(sys.argv[2])
print("registered", len(Registry.entries))
