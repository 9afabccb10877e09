# Indexing and slicing of non-ASCII strs (char offsets through the sparse
# index) and str subclass instances with attributes.
u = "é€x😀" * 100 + "abc"
print(u[5], u[-1], u[100:110], u[::37], u[::-53], u[399:405], u[64], u[63], u[65], u[0:0], u[-5:])
chars = list(u)
for i in range(0, len(u), 17):
    assert u[i] == chars[i], i
for a, b in [(0, 31), (31, 33), (32, 64), (200, 403), (403, 403), (-40, -1)]:
    assert u[a:b] == "".join(chars[a:b]), (a, b)
print(len(u), u[250:260] == "".join(chars[250:260]))
try:
    u.foo
except AttributeError as e:
    print(e)
try:
    u[403]
except IndexError as e:
    print(e)
class S(str):
    pass
x = S(u)
x.a = 1
print(x[64], x.a, x[10:12], vars(x))
n = 0
for k in range(0, len(u), 3):
    n += ord(u[k])
print(n, "".join(u[k] for k in range(len(u) - 1, 390, -1)))
