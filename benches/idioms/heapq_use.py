# heapq push/pop, nlargest, merge.
import heapq
import random

random.seed(3)
rng = random
h = []
for i in range(100000):
    heapq.heappush(h, (rng.random(), i))
s = 0
while len(h) > 50000:
    s += heapq.heappop(h)[1]
nums = [rng.randint(0, 10 ** 6) for _ in range(50000)]
print(s, heapq.nlargest(3, nums), heapq.nsmallest(2, nums))
