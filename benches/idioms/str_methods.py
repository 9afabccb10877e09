# Common str methods: split, strip, replace, upper, startswith, find.
line = "  alpha, beta,gamma , delta,epsilon  "
n = 0
for i in range(60000):
    parts = [p.strip() for p in line.split(",")]
    n += len(parts[i % 5].upper())
    n += line.replace("a", "A").count("A")
    n += parts[2].startswith("ga") + (line.find("delta") > 0)
    n += len(" ".join(parts).lower().title())
print(n)
