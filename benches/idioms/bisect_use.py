# bisect on a sorted list, insort.
import bisect

xs = list(range(0, 400000, 3))
s = 0
for i in range(200000):
    s += bisect.bisect_left(xs, i * 2) + bisect.bisect_right(xs, i)
ys = []
for i in range(20000):
    bisect.insort(ys, (i * 7919) % 20011)
print(s, ys[:5], ys[-1])
