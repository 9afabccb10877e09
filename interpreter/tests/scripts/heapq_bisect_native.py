# requires: stdlib
# torture: 40
# The native _heapq and _bisect under the stdlib heapq.py / bisect.py: errors,
# key=, lo/hi, comparisons that mutate the list or collect.
import gc
import _heapq, _bisect, heapq, bisect
for f,a,k in [(_heapq.heappush,([],),{}),(_heapq.heappush,(1,2),{}),(_heapq.heappop,([],),{}),(_heapq.heapreplace,([],1),{}),(_heapq.heapify,((),),{}), (_heapq.heappop, (), {}), (_heapq.heappop, (3,), {}), (_heapq.heappushpop, (3, 1), {}), (_heapq._heapreplace_max, ([], 1), {}), (_bisect.bisect_left, ([1],), {}), (_bisect.bisect_left, ([1],2,-1), {}), (_bisect.bisect_left, ([1],2), {'foo':1}), (_bisect.bisect_left, ([1],2,0,None,None), {}), (_bisect.insort_right, ([1],2), {'lo':'x'}), (_bisect.bisect_right, (None,2), {}), (_bisect.bisect_right, ([1],2), {'hi': 1.5}), (_bisect.bisect_right, ([1], 2), {'a':[1]}), (_heapq.heappush, ([],1), {'x':1}), (_bisect.bisect_right, ([1,2,3], 2, 0, -1), {}), (_bisect.bisect_right, ([1,2,3], 2, 0, 10), {}), (_bisect.bisect_right, ((1,2,3), 2), {}), (_bisect.insort_left, ((1,2,3), 2), {}), (_bisect.bisect_left, ([1],), {'x':3}), (_bisect.bisect_left, ([1, 5, 9], 5), {'lo': 2**70})]:
  try: print(f(*a, **k))
  except Exception as e: print(type(e).__name__, e)
import random
r = random.Random(5)
h = []
for i in range(200): heapq.heappush(h, r.randrange(1000))
out = [heapq.heappop(h) for _ in range(len(h))]
print(out == sorted(out), out[:10])
xs = [r.randrange(100) for _ in range(50)]; heapq.heapify(xs); print(xs)
print(heapq.heapreplace(xs, 55), heapq.heappushpop(xs, -1), heapq.heappushpop(xs, 77), xs[:8])
print(heapq.nlargest(5, range(30), key=lambda v: -v), heapq.nsmallest(3, "hello world"), list(heapq.merge([1, 4, 9], [2, 3, 10], reverse=False)), list(heapq.merge([9, 4, 1], [10, 3, 2], reverse=True)))
m = [5, 1, 8, 3, 9, 2]; heapq._heapify_max(m); print(m, heapq._heappop_max(m), heapq._heapreplace_max(m, 0), m)
class Evil:
    def __init__(self, v, victim): self.v, self.victim = v, victim
    def __lt__(self, o):
        self.victim.clear()
        return self.v < o.v
h = []
h.extend([Evil(3, h), Evil(1, h), Evil(2, h)])
try: heapq.heapify(h)
except Exception as e: print(type(e).__name__, e)
try: heapq.heappush(h, Evil(0, h))
except Exception as e: print(type(e).__name__, e, len(h))
class Shrink:
    def __init__(self, v, lst): self.v, self.lst = v, lst
    def __lt__(self, o):
        if self.lst: self.lst.pop()
        return self.v < getattr(o, "v", o)
L = list(range(10))
try: print(bisect.bisect_left(L, Shrink(7, L)))
except Exception as e: print(type(e).__name__, e)
print(bisect.bisect_left([1, 2, 2, 3], 2), bisect.bisect_right([1, 2, 2, 3], 2), bisect.bisect([1, 2, 2, 3], 2, 2, 3))
d = [("a", 1), ("c", 3)]
bisect.insort(d, ("b", 2), key=lambda t: t[1]); print(d)
print(bisect.bisect_left(d, 3, key=lambda t: t[1]), bisect.bisect_right(range(0, 100, 5), 42))
class Seq(list):
    def insert(self, i, x): print("insert", i, x); super().insert(i, x)
s = Seq([1, 3]); bisect.insort_left(s, 2); print(s)
try: heapq.heappush([1, "a"], 2)
except TypeError as e: print(e)
print(heapq.heappop([7]), heapq.heappushpop([], 4))

class C:
    def __init__(self, v): self.v = v
    def __lt__(self, o):
        gc.collect()
        return self.v < o.v
    def __repr__(self): return "C(%d)" % self.v
h = []
for v in [5, 3, 8, 1, 9, 2]:
    heapq.heappush(h, C(v))
print([heapq.heappop(h) for _ in range(3)], h)
xs = [C(v) for v in [9, 4, 7, 1]]
heapq.heapify(xs); print(xs, heapq.heapreplace(xs, C(0)), heapq.heappushpop(xs, C(10)), xs)
ys = [C(v) for v in range(0, 20, 2)]
print(bisect.bisect_left(ys, C(7)), bisect.bisect_right(ys, C(8)))
bisect.insort(ys, C(5)); bisect.insort_left(ys, C(5)); print(ys)
print(bisect.bisect(list(range(100)), 50, key=lambda v: (gc.collect(), v)[1]))
