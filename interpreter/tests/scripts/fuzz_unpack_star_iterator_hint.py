# Starred unpacking asks the *iterator's* length hint, as CPython's
# list(iterator): a class whose __iter__ is a generator never has its
# __len__ called (fuzzer seed 88109); one that is its own iterator, or a
# __getitem__ sequence (the builtin iterator's hint is len(seq)), does.
calls = []
class GenIter:
    def __len__(self):
        calls.append("GenIter.__len__")
        return 3
    def __iter__(self):
        yield 1
        yield 2
class SelfIter:
    def __init__(self):
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.i += 1
        if self.i > 3:
            raise StopIteration
        return self.i
    def __length_hint__(self):
        calls.append("SelfIter.__length_hint__")
        return 3
class Seq:
    def __len__(self):
        calls.append("Seq.__len__")
        return 2
    def __getitem__(self, i):
        if i > 2:
            raise IndexError(i)
        return i
class BadLen:
    def __len__(self):
        raise KeyError("len")
    def __getitem__(self, i):
        if i > 1:
            raise IndexError(i)
        return i
for make in (GenIter, SelfIter, Seq, BadLen):
    try:
        a, *b = make()
        print(make.__name__, a, b, calls)
    except Exception as e:
        print(make.__name__, "exc", type(e).__name__, e, calls)
    calls.clear()
# list()/tuple() ask the iterable itself
print(list(GenIter()), calls)
calls.clear()
*c, d = SelfIter()
print(c, d, calls)
