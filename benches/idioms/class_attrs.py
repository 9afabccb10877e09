# Instance attribute reads/writes and method calls.
class Vec:
    scale = 2
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def dot(self, o):
        return self.x * o.x + self.y * o.y
    def scaled(self):
        return Vec(self.x * self.scale, self.y * self.scale)

v = Vec(1, 2)
s = 0
for i in range(200000):
    w = Vec(i, i + 1)
    s += v.dot(w) + w.scaled().x
    v.x = i % 10
print(s)
