# decimal arithmetic with a context precision.
from decimal import Decimal, getcontext

getcontext().prec = 30
total = Decimal(0)
for i in range(1, 8000):
    total += Decimal(i) / Decimal(7) * Decimal("1.05")
x = Decimal(2).sqrt()
print(total, x, total.quantize(Decimal("0.01")))
