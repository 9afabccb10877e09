# Fraction arithmetic: harmonic sums and a continued fraction.
from fractions import Fraction

h = Fraction(0)
for k in range(1, 600):
    h += Fraction(1, k)
x = Fraction(1)
for _ in range(400):
    x = 1 + 1 / x
acc = Fraction(0)
for k in range(1, 3000):
    acc = (acc * Fraction(k, k + 1) + Fraction(1, 3)) / 2
print(h.numerator % 1000003, x.denominator % 1000003, acc.numerator % 997)
