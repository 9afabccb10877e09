# sorted(): `reverse` is read through __index__ (which runs Python code and
# so collects) after the list is built; a __bool__ alone is a TypeError.


class R:
    def __index__(self):
        junk = [[i] * 3 for i in range(30)]
        return 1


def key(x):
    junk = [str(i) for i in range(10)]
    return x % 7


print(sorted([3, 1, 2, 10, 8], reverse=R()))
print(sorted(range(20), key=key, reverse=R()))
print(sorted("hello", reverse=True), sorted((5, 4, 6), reverse=0))


class B:
    def __bool__(self):
        return True


for bad in (B(), 1.5, "x"):
    try:
        sorted([1, 2], reverse=bad)
    except TypeError as e:
        print("TypeError", e)
