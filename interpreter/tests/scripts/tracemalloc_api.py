# tracemalloc: CPython's API on pygc's allocation-site table.
# torture: 200
import tracemalloc

print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
try:
    tracemalloc.take_snapshot()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    tracemalloc.start(0)
except ValueError as e:
    print("ValueError:", e)

tracemalloc.start(5)
print(tracemalloc.is_tracing(), tracemalloc.get_traceback_limit())


class Item:
    def __init__(self, i):
        self.i = i
        self.tags = [i] * 4


def make(n):
    return [Item(i) for i in range(n)]


before = tracemalloc.take_snapshot()
kept = make(300)
after = tracemalloc.take_snapshot()

stats = after.compare_to(before, "lineno")
print(type(stats[0]).__name__, len(stats) > 0)
lines = {s.traceback[0].lineno for s in stats if s.size_diff > 0}
print("line 22 grew:", 22 in lines, "line 26 grew:", 26 in lines)
top = [s for s in stats if s.traceback[0].lineno == 26][0]
print(top.count_diff >= 300, top.size_diff > 0, str(top).startswith(__file__ + ":26: size="))
print(", count=" in str(top) and "average=" in str(top))

class Slotted:
    __slots__ = ("v",)


def make_slotted():
    return Slotted()


obj = make_slotted()
tb = tracemalloc.get_object_traceback(obj)
print(type(tb).__name__, tb[-1].lineno, tb[-1].filename == __file__, str(tb) == str(tb[0]))
print(repr(tb[-1]) == "<Frame filename=%r lineno=46>" % __file__)
print([f.lineno for f in tb.format()[:0]], len(tb.format(limit=1)) >= 1)
print(tracemalloc.get_object_traceback(12345))

by_file = after.statistics("filename")
print(any(s.traceback[0].filename == __file__ for s in by_file))
by_tb = after.statistics("traceback")
print(len(by_tb[0].traceback) >= 1, by_tb[0].size >= by_tb[-1].size)
cum = after.statistics("lineno", cumulative=True)
print(len(cum) > 0)
try:
    after.statistics("traceback", cumulative=True)
except ValueError as e:
    print("ValueError:", e)
try:
    after.statistics("nope")
except ValueError as e:
    print("ValueError:", e)

only_here = after.filter_traces([tracemalloc.Filter(True, __file__, 22)])
print(all(t.traceback[-1].lineno == 22 for t in only_here.traces), len(only_here.traces) > 0)
excl = after.filter_traces([tracemalloc.Filter(False, __file__)])
print(all(t.traceback[-1].filename != __file__ for t in excl.traces))

cur, peak = tracemalloc.get_traced_memory()
print(cur > 0, peak >= cur)
print(tracemalloc.reset_peak())
tracemalloc.clear_traces()
print(tracemalloc.get_object_traceback(obj))
tracemalloc.stop()
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
