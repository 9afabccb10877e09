# torture: 1000
# requires: stdlib
# Real CPython fractions (and decimal via _pydecimal).
from fractions import Fraction
from decimal import Decimal

a = Fraction(1, 3)
b = Fraction(2, 5)
print(a + b, a - b, a * b, a / b, -a, abs(-a))
print(repr(a), str(Fraction(6, 4)), Fraction(6, 4) == Fraction(3, 2))
print(Fraction("3.1415"), Fraction(0.75), Fraction("-7/21"))
print(a < b, a == Fraction(2, 6), a + 1, 2 * b, b ** 2)
print(Fraction(355, 113).limit_denominator(10), Fraction(3.141592653589793).limit_denominator(1000))
print(float(Fraction(1, 8)), int(Fraction(7, 2)), round(Fraction(7, 2)))
print(a.numerator, a.denominator, hash(Fraction(1, 2)) == hash(0.5))
print(sum([Fraction(1, n) for n in range(1, 6)]))
print(Decimal("1.1") + Decimal("2.2"), Decimal(1) / Decimal(7))
print(Fraction(Decimal("0.5")))
