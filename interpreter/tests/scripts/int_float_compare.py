# ints compare with floats exactly (no rounding of the int, no overflow).
big = 2**53
vals = [big - 1, big, big + 1, big + 2, -big - 1, 2**63 - 1, 2**63, -2**63, 10**20 + 1, 10**20, 10**400, -10**400, 3, True]
fls = [float(big), float(big + 2), -float(big), 2.0**63, -2.0**63, 1e20, 1e308, float("inf"), float("-inf"), float("nan"), 2.5, 1.0]
for i in vals:
    row = []
    for f in fls:
        row.append("".join("1" if r else "0" for r in (i < f, i <= f, i == f, i != f, i > f, i >= f, f < i, f == i, f != i, f >= i)))
    print(str(i)[:12], " ".join(row))


class F(float):
    pass


class I(int):
    pass


print(I(big + 1) > F(big), F(big) < I(big + 1), I(big + 1) == float(big), big + 1 in [float(big)])
print(max(big + 1, float(big)), min(float(big), big + 1), sorted([float(big), big + 1, big - 1]))
print([x == y for x, y in [(big + 1, float(big)), ((big + 1, 1), (float(big), 1))]])
print((big + 1, 2) > (float(big), 3), [big + 1] < [float(big)])
