# namedtuple construction and field access.
from collections import namedtuple

Point = namedtuple("Point", "x y z")
pts = [Point(i, i * 2, i % 7) for i in range(100000)]
s = 0
for p in pts:
    s += p.x + p.y * p.z
q = pts[10]._replace(x=5)
print(s, q, pts[3]._asdict()["y"])
