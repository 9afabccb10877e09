# reversed() of a sequence-protocol object is lazy (an endless __getitem__ is fine)
class Seq:
    def __len__(self):
        return 4
    def __getitem__(self, index):
        return index * 10
s = Seq()
r = reversed(s)
s.r = r
print(list(r), list(reversed(s)), list(reversed([1, 2])), list(reversed("ab")), list(reversed({1: 2, 3: 4})))
class Short:
    def __len__(self): return 5
    def __getitem__(self, i):
        if i > 2: raise IndexError(i)
        return i
print(list(reversed(Short())))
