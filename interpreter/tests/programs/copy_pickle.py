# needs: import io; io.BytesIO(b"x").readline
# copy and pickle round trips of nested, shared and recursive structures.
import copy
import pickle
from dataclasses import dataclass, field


@dataclass
class Node:
    name: str
    children: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)


class Account:
    def __init__(self, owner, balance):
        self.owner, self.balance = owner, balance
        self.history = []

    def __getstate__(self):
        s = self.__dict__.copy()
        s["history"] = len(self.history)
        return s

    def __setstate__(self, s):
        self.__dict__.update(s)
        self.history = ["restored"] * s["history"]

    def __repr__(self):
        return f"Account({self.owner!r}, {self.balance}, {self.history})"


root = Node("root", [Node("a"), Node("b", [Node("c")])], {"k": [1, 2]})
shared = [1, 2]
data = {"x": shared, "y": shared, "t": (1, "two", 3.0, None, True), "s": {1, 2}, "f": frozenset("ab")}
sc = copy.copy(data)
dc = copy.deepcopy(data)
print(sc["x"] is data["x"], dc["x"] is data["x"], dc["x"] is dc["y"])
r2 = copy.deepcopy(root)
r2.children[1].children[0].name = "changed"
print(root.children[1].children[0].name, r2.children[1].children[0].name, r2 == root)
loop = [1]
loop.append(loop)
lc = copy.deepcopy(loop)
print(lc[1] is lc, lc is not loop)
for proto in (0, 2, pickle.HIGHEST_PROTOCOL):
    b = pickle.dumps(data, protocol=proto)
    back = pickle.loads(b)
    print(proto, back == data, back["x"] is back["y"])
acct = Account("ann", 10)
acct.history += ["dep", "wd"]
print(pickle.loads(pickle.dumps(acct)))
print(pickle.loads(pickle.dumps(root)) == root)
print(copy.replace if hasattr(copy, "replace") else "no copy.replace")
