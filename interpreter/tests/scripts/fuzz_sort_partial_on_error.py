# A comparison that raises leaves the list in the order the sort had reached,
# as CPython (fuzzer seed 89101): a short list is count_run + binary
# insertion, stopped at the failing comparison.
class C:
    def __repr__(self):
        return "C"
for items in ([3, 1, 2, C(), 0], [5, 4, 3, C(), 1], [1, 2, C(), 0], [2, 1, C()], [C(), 2, 1],
              [9, 8, 7, 6, 5, 4, 3, 2, 1, 0, C()], ["b", "a", 1]):
    for rev in (False, True):
        x = list(items)
        try:
            x.sort(reverse=rev)
            print("sorted", x)
        except TypeError as e:
            print(rev, "TypeError", x)
# with a key: the values follow the keys
x = [3, 1, 2, "x", 0]
try:
    x.sort(key=lambda v: v)
except TypeError:
    print("key", x)
# a key function that raises: the list is untouched
def bad(v):
    if v == 2:
        raise KeyError(v)
    return v
x = [3, 1, 2, 0]
try:
    x.sort(key=bad)
except KeyError:
    print("keyfunc", x)
