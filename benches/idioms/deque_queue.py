# deque as a FIFO queue and a sliding window.
from collections import deque

q = deque()
for i in range(300000):
    q.append(i)
total = 0
while q:
    total += q.popleft()
w = deque(maxlen=50)
acc = 0
for i in range(200000):
    w.append(i)
    if i % 7 == 0:
        w.appendleft(w.pop())
    acc += w[0]
d = deque(range(1000))
for _ in range(2000):
    d.rotate(3)
print(total, acc, d[0], len(w))
