# @property getters and setters.
class Temp:
    def __init__(self, c):
        self._c = c
    @property
    def c(self):
        return self._c
    @c.setter
    def c(self, v):
        self._c = v
    @property
    def f(self):
        return self._c * 9 / 5 + 32

t = Temp(0)
acc = 0.0
for i in range(300000):
    t.c = i % 100
    acc += t.f + t.c
print(round(acc, 3))
