# comparing self-referential containers raises RecursionError (no stack overflow)
x = {}
x['foo'] = x
y = {'foo': {'foo': {}}}
import copy
z = copy.deepcopy(x)
for a, b in ((z, x), ([], [])):
    try:
        print(a == b)
    except RecursionError as e:
        print("RecursionError", e)
l = []
l.append(l)
m = []
m.append(m)
for op in (lambda: l == m, lambda: l < m, lambda: (l,) == (m,)):
    try:
        print(op())
    except RecursionError as e:
        print("RecursionError", e)
print([1, [2, {3: (4,)}]] == [1, [2, {3: (4,)}]])
