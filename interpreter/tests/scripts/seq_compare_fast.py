# Tuple/list ordering through the call-free fast path (vm/ops.rs seq_compare_fast)
# and its fallbacks: mixed kinds, NaN, big ints, nested tuples, TypeErrors.
import math
vals = [(1, "a", 2.0), (1, "a", 2.5), (1, "b"), (1,), (), (0, 9), [1, 2], [1, 3], (1.0, "a"), (True, 2), (float("nan"), 1), (2**70, 1), (2**70, 0), ((1, 2), 3), ((1, 3), 0), ("x", None), ("x", 1)]
out = []
for a in vals:
    for b in vals:
        if type(a) is not type(b): continue
        r = []
        for op in ("<", "<=", "==", "!=", ">", ">="):
            try: r.append(eval("a %s b" % op))
            except TypeError as e: r.append(str(e))
        out.append((a, b, r))
for o in out: print(o)
n = float("nan"); t = (n,)
print(t == t, (n,) == (float("nan"),), [n] < [n], sorted([(2, "b"), (1, "z"), (2, "a"), (1, "a")]))
