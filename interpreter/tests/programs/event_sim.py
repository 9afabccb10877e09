# needs: from math import erf
# A discrete-event simulation of a bank with tellers (heapq, random, stats).
import heapq
import random
import statistics
from collections import deque


class Sim:
    def __init__(self, tellers, seed):
        self.rng = random.Random(seed)
        self.now = 0.0
        self.events = []
        self.seq = 0
        self.free = tellers
        self.queue = deque()
        self.waits = []
        self.served = 0

    def schedule(self, t, kind, data=None):
        self.seq += 1
        heapq.heappush(self.events, (t, self.seq, kind, data))

    def run(self, until):
        self.schedule(self.rng.expovariate(1.0), "arrive")
        while self.events:
            t, _, kind, data = heapq.heappop(self.events)
            if t > until:
                break
            self.now = t
            getattr(self, "on_" + kind)(data)

    def on_arrive(self, _):
        self.queue.append(self.now)
        self.schedule(self.now + self.rng.expovariate(1.0), "arrive")
        self.try_serve()

    def try_serve(self):
        while self.free and self.queue:
            arrived = self.queue.popleft()
            self.free -= 1
            self.waits.append(self.now - arrived)
            self.schedule(self.now + self.rng.uniform(0.5, 2.5), "depart")

    def on_depart(self, _):
        self.free += 1
        self.served += 1
        self.try_serve()


for tellers in (1, 2, 3):
    s = Sim(tellers, seed=42)
    s.run(500.0)
    w = s.waits
    print(f"tellers={tellers} served={s.served} queued={len(s.queue)} "
          f"mean_wait={statistics.mean(w):.3f} median={statistics.median(w):.3f} "
          f"max={max(w):.3f} p_nowait={sum(1 for x in w if x == 0) / len(w):.2f}")
