# d["k" + str(i)] = ... with string keys built on the fly.
d = {}
for i in range(300000):
    d["k" + str(i)] = i
s = 0
for i in range(0, 300000, 2):
    s += d["k" + str(i)]
print(len(d), s, "k77" in d)
