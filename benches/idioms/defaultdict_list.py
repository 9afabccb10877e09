# defaultdict(list) grouping and defaultdict(int) counting.
from collections import defaultdict

groups = defaultdict(list)
counts = defaultdict(int)
for i in range(400000):
    groups[i % 1000].append(i)
    counts[i % 37] += 1
print(len(groups), sum(len(v) for v in groups.values()), counts[5], sum(groups[999]) % 100003)
