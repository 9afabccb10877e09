# torture: 1000
# requires: stdlib
# requires: match
# Real CPython dataclasses (its _get_slots uses a match statement).
from dataclasses import dataclass, field, asdict, astuple, replace, fields, FrozenInstanceError
from typing import List, Optional


@dataclass
class Point:
    x: int
    y: int = 0


@dataclass(order=True)
class Version:
    major: int
    minor: int = 0
    tags: List[str] = field(default_factory=list)


@dataclass(frozen=True)
class Frozen:
    name: str
    value: Optional[float] = None


@dataclass
class Inventory:
    items: dict = field(default_factory=dict)
    total: int = field(default=0, repr=False)

    def add(self, k, n):
        self.items[k] = self.items.get(k, 0) + n
        self.total += n


p = Point(1, 2)
print(p, repr(Point(3)), p == Point(1, 2), p != Point(2, 1))
print(asdict(p), astuple(p), replace(p, y=5))
print([f.name for f in fields(Version)])
v1, v2 = Version(1, 2), Version(1, 3, ["beta"])
print(v1 < v2, sorted([v2, v1]), v1 == Version(1, 2, []))
fr = Frozen("a", 1.5)
print(fr, hash(fr) == hash(Frozen("a", 1.5)))
try:
    fr.name = "b"
except FrozenInstanceError as e:
    print("FrozenInstanceError:", e)
inv = Inventory()
inv.add("apple", 3)
inv.add("apple", 2)
print(inv, inv.total)
print(Point.__init__.__doc__)
print(asdict(Version(2, tags=["x"])))
