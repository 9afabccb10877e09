# ",".join over generators and str(i).
total = 0
for r in range(300):
    s = ",".join(str(i * r) for i in range(200))
    total += len(s)
    t = "".join(c for c in s if c != ",")
    total += len(t)
print(total)
