# The examples of issue 11 (stale values across calls that run Python code,
# frame links stored without the write barrier), plus close variants.
x = []
x += {1: 'a', 2: 'b'}
print(x)
y = [0]
y += (str(i) for i in range(5))
print(y)


class I:
    def __init__(s, v): s.v = v
    def __index__(s): return int(str(s.v))


print([10, 20, 30, 40][I(1):I(3)])
print((10, 20, 30, 40)[I(0):I(4):I(2)])
print("abcdef"[I(1):I(-1)], b"abcdef"[I(2)])
print(range(10)[I(2):I(8):I(3)], [1, 2, 3][I(2)])
lst = list(range(10))
lst[I(2):I(4)] = ["x", "y", "z"]
lst[I(0)] = "first"
del lst[I(5):I(7)]
del lst[I(1)]
print(lst)


class Shrink:
    def __index__(s):
        lst.clear()
        return 3


lst = list(range(10))
try:
    print(lst[Shrink()])
except IndexError as e:
    print("IndexError", e)
lst = list(range(10))
print(lst[Shrink():])
lst = list(range(10))
try:
    lst[Shrink()] = 1
except IndexError as e:
    print("IndexError", e)

d = {i: i for i in range(100)}


class K:
    def __hash__(s): return 99
    def __eq__(s, o): d.clear(); return True


print(d.get(K(), 'missing'))
d = {i: i for i in range(100)}
print(K() in d, len(d))
d = {i: i for i in range(100)}
d[K()] = "new"
print(len(d), list(d.values()))

body = "".join(f"    v{i} = {i}\n" for i in range(300))
exec("def gen():\n" + body + "    yield 1\n    len(())\n    yield 2\n")
g = gen(); next(g)
def caller(_): return next(g)
print(list(map(caller, [0])))
