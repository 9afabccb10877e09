# Attribute and method traffic in loops, list indexing and float math (the
# parts this JIT tier runs through helpers).


class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def add(self, o):
        return Vec(self.x + o.x, self.y + o.y)

    def dot(self, o):
        return self.x * o.x + self.y * o.y


def walk(n):
    p = Vec(0, 0)
    d = Vec(1, 2)
    t = 0
    for i in range(n):
        p = p.add(d)
        t += p.dot(d) % 7
    return t, p.x, p.y


def matmul(n):
    a = [[(i * j) % 7 for j in range(n)] for i in range(n)]
    b = [[(i + j) % 5 for j in range(n)] for i in range(n)]
    c = [[0] * n for _ in range(n)]
    for i in range(n):
        ai = a[i]
        ci = c[i]
        for j in range(n):
            s = 0
            for k in range(n):
                s += ai[k] * b[k][j]
            ci[j] = s
    return sum(sum(r) for r in c)


def floats(n):
    x = 0.0
    for i in range(n):
        x = x * 0.999 + i * 0.5
    return round(x, 3)


print(walk(200000))
print(matmul(70))
print(floats(300000))
