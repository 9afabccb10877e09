# list/dict/set comprehensions, nested.
total = 0
for r in range(40):
    sq = [i * i for i in range(5000) if i % 3]
    d = {i: i % 17 for i in range(5000)}
    s = {x % 1001 for x in sq}
    m = [[i + j for j in range(20)] for i in range(100)]
    total += len(sq) + sum(d.values()) + len(s) + m[-1][-1]
print(total)
