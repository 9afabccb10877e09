# dataclasses: construction, eq, repr, ordering.
from dataclasses import dataclass, field

@dataclass(order=True)
class Item:
    price: float
    name: str = ""
    tags: list = field(default_factory=list)

items = [Item(i % 97 * 1.5, "n%d" % i) for i in range(60000)]
items.sort()
eq = sum(1 for a, b in zip(items, items[1:]) if a == b)
print(repr(items[0]), eq, items[-1].price)
