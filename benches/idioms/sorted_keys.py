# sorted with key functions, lambdas and tuples.
import random

random.seed(5)
rng = random
data = [(rng.randint(0, 1000), "n%d" % rng.randint(0, 99999), rng.random()) for _ in range(50000)]
a = sorted(data, key=lambda t: t[1])
b = sorted(data, key=lambda t: (t[0], -t[2]))
c = sorted(data, reverse=True)
words = sorted((t[1] for t in data), key=len)
print(a[0][1], b[-1][0], c[0][0], words[-1], len(words))
