# try/except inside loops, raising and catching.
def parse(s):
    try:
        return int(s)
    except ValueError:
        return -1

vals = ["12", "x", "7", "", "100", "3.5"] * 20000
s = 0
for v in vals:
    s += parse(v)
d = {}
for i in range(100000):
    try:
        s += d[i % 10]
    except KeyError:
        d[i % 10] = i
print(s)
