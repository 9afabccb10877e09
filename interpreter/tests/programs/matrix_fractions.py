# Exact linear algebra with fractions: Gaussian elimination, determinants,
# inverses, and a magic-square check; generators and zip(*rows).
from fractions import Fraction as F


def det(m):
    m = [row[:] for row in m]
    n, d = len(m), F(1)
    for c in range(n):
        p = next((r for r in range(c, n) if m[r][c] != 0), None)
        if p is None:
            return F(0)
        if p != c:
            m[c], m[p] = m[p], m[c]
            d = -d
        d *= m[c][c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            m[r] = [a - f * b for a, b in zip(m[r], m[c])]
    return d


def inverse(m):
    n = len(m)
    a = [[F(x) for x in row] + [F(int(i == j)) for j in range(n)] for i, row in enumerate(m)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(a[r][c]))
        if a[p][c] == 0:
            raise ZeroDivisionError("singular matrix")
        a[c], a[p] = a[p], a[c]
        piv = a[c][c]
        a[c] = [x / piv for x in a[c]]
        for r in range(n):
            if r != c and a[r][c]:
                f = a[r][c]
                a[r] = [x - f * y for x, y in zip(a[r], a[c])]
    return [row[n:] for row in a]


def matmul(a, b):
    return [[sum(x * y for x, y in zip(row, col)) for col in zip(*b)] for row in a]


m = [[F(2), F(1), F(1)], [F(1), F(3), F(2)], [F(1), F(0), F(0)]]
print("det", det(m))
inv = inverse(m)
for row in inv:
    print([str(x) for x in row])
print(matmul(m, inv) == [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
magic = [[2, 7, 6], [9, 5, 1], [4, 3, 8]]
sums = {sum(r) for r in magic} | {sum(c) for c in zip(*magic)}
sums |= {sum(magic[i][i] for i in range(3)), sum(magic[i][2 - i] for i in range(3))}
print("magic", sums)
try:
    inverse([[1, 2], [2, 4]])
except ZeroDivisionError as e:
    print("error:", e)
h = [[F(1, i + j + 1) for j in range(4)] for i in range(4)]
print("hilbert det", det(h), float(det(h)))
print(sum(F(1, n * (n + 1)) for n in range(1, 50)), F(3, 4).limit_denominator(2), F("0.125"))
