# a sequence pattern with a starred wildcard reads a Sequence by len/index
# requires: stdlib
# torture: 13
# requires: match
import collections.abc
class Seq(collections.abc.Sequence):
    def __getitem__(self, i):
        return i
    def __len__(self):
        return 42
match Seq():
    case [x, *_, y]:
        z = 0
print(x, y, z)
match [1, 2, 3]:
    case [p, *q]:
        print(p, q)
first, *mid, last = range(5)
print(first, mid, last)
