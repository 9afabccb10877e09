# list append/pop/slice/sort/index.
xs = []
for i in range(200000):
    xs.append((i * 7919) % 100003)
xs.sort()
s = 0
for i in range(0, 200000, 2):
    s += xs[i] - xs[-i - 1]
while len(xs) > 100000:
    s += xs.pop()
ys = xs[::3] + xs[1:10]
ys.reverse()
print(s, len(ys), ys[0], xs.index(xs[5000]))
