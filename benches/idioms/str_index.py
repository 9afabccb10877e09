# Character scanning of a long string by index.
s = "abcdefghij" * 50000
n = 0
i = 0
while i < len(s):
    if s[i] == "e":
        n += 1
    i += 7
u = "é€x" * 20000
m = 0
for k in range(0, len(u), 5):
    m += ord(u[k])
print(n, m, s[-3:], u[100:103])
