# An inventory ledger with csv-like text parsing (str methods only),
# Decimal money arithmetic, grouping and a formatted report.
from decimal import Decimal, ROUND_HALF_UP
from collections import defaultdict
from itertools import groupby
from operator import itemgetter

RAW = """date,sku,qty,unit_price,kind
2024-01-03,APL,10,0.50,buy
2024-01-04,BAN,24,0.25,buy
2024-01-05,APL,-3,0.80,sell
2024-01-05,CHR,100,0.10,buy
2024-01-07,BAN,-20,0.40,sell
2024-01-09,APL,-5,0.85,sell
2024-01-10,CHR,-60,0.30,sell
2024-01-11,DUR,1,12.00,buy"""

rows = []
for line in RAW.splitlines()[1:]:
    date, sku, qty, price, kind = line.split(",")
    rows.append({"date": date, "sku": sku, "qty": int(qty), "price": Decimal(price), "kind": kind})

stock = defaultdict(int)
cost = defaultdict(Decimal)
revenue = defaultdict(Decimal)
for r in rows:
    stock[r["sku"]] += r["qty"]
    amount = (abs(r["qty"]) * r["price"]).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    (cost if r["kind"] == "buy" else revenue)[r["sku"]] += amount
print(f"{'sku':<5}{'stock':>6}{'cost':>9}{'revenue':>9}{'margin':>9}")
for sku in sorted(stock):
    m = revenue[sku] - cost[sku]
    print(f"{sku:<5}{stock[sku]:>6}{cost[sku]:>9}{revenue[sku]:>9}{m:>9}")
print("total margin", sum(revenue.values()) - sum(cost.values()))
for date, grp in groupby(sorted(rows, key=itemgetter("date")), key=itemgetter("date")):
    g = list(grp)
    print(date, len(g), [x["sku"] for x in g])
print(Decimal("1.10") + Decimal("2.20"), Decimal(1) / Decimal(7), round(Decimal("2.675"), 2))
