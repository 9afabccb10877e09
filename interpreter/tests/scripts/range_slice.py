# range slicing maps the adjusted slice bounds through the range, as CPython
# (range(20)[4:0] is range(4, 0), not range(4, 4))
r = range(20)
for sl in [slice(4, 0), slice(None, None, -1), slice(5, 15, 3), slice(-3, None), slice(100, 200), slice(None, None, -3), slice(15, 2, -4), slice(-100, 100, 7)]:
    print(r[sl], list(r[sl]) == list(r)[sl])
r2 = range(3, 50, 4)
for sl in [slice(4, 0), slice(None, None, -1), slice(2, 9, 2), slice(8, 1, -3), slice(0, 0)]:
    print(r2[sl], list(r2[sl]) == list(r2)[sl])
print(range(10, 0, -2)[1:3], range(10, 0, -2)[::-1], range(0)[::-1])
