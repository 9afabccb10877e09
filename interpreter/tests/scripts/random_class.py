# requires: stdlib
# torture: 1000
# random.py on the native _random.Random: sequences, state, subclassing (issue 17).
import random
random.seed(12345)
print(random.random(), random.randint(1, 100), random.randrange(0, 1000, 7), random.choice("abcdef"))
l = list(range(20)); random.shuffle(l); print(l)
print(random.sample(range(100), 5), random.uniform(1, 2), random.gauss(0, 1), random.normalvariate(5, 2))
print(random.choices("abc", weights=[1, 2, 3], k=6), random.getrandbits(70), random.triangular(0, 10, 3))
print(random.expovariate(2.0), random.betavariate(2, 3), random.gammavariate(2.0, 1.5), random.paretovariate(3))
print(random.vonmisesvariate(1, 2), random.weibullvariate(1, 2), random.lognormvariate(0, 1), random.randbytes(5))
r = random.Random("a string seed")
print(r.random(), r.randint(0, 10**30))
r2 = random.Random(b"bytes")
print(r2.random())
r3 = random.Random(3.5)
print(r3.random())
st = r.getstate()
a = [r.random() for _ in range(1000)]
r.setstate(st)
b = [r.random() for _ in range(1000)]
print(a == b, a[-1])
class MyRandom(random.Random):
    def __init__(self, seed, tag):
        super().__init__(seed)
        self.tag = tag
    def random(self):
        return 0.5
m = MyRandom(7, "x")
print(m.tag, m.random(), m.choice([1, 2, 3]), m.randrange(100))
import copy
c = copy.deepcopy(r)
print(c.random() == r.random())
print(isinstance(random.SystemRandom().random(), float))
random.seed(-5); print(random.random())
random.seed(2**100); print(random.random())
try:
    random.getrandbits(-1)
except ValueError as e:
    print("ValueError", e)
try:
    random.Random().setstate((1, 2))
except Exception as e:
    print(type(e).__name__, e)
r = random.Random(1)
x = [r.getrandbits(32) for _ in range(700)]
print(x[-3:], r.getrandbits(1000) % 1000007)
