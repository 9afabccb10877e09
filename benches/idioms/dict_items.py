# Iterating dict.items(), keys(), values().
d = {"key%d" % i: i for i in range(20000)}
s = 0
for _ in range(20):
    for k, v in d.items():
        if v & 1:
            s += len(k)
    for k in d:
        s += 1
    s += sum(d.values()) % 1000
print(s)
