# A state machine for orders with enums, exceptions, __repr__/__eq__,
# dict dispatch, generators for audit trails and sorting by multiple keys.
from enum import Enum


class State(Enum):
    NEW = "new"
    PAID = "paid"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"


TRANSITIONS = {
    State.NEW: {"pay": State.PAID, "cancel": State.CANCELLED},
    State.PAID: {"ship": State.SHIPPED, "cancel": State.CANCELLED},
    State.SHIPPED: {"deliver": State.DELIVERED},
}


class InvalidTransition(Exception):
    def __init__(self, order, action):
        super().__init__(f"order {order.id}: cannot {action} when {order.state.value}")
        self.order, self.action = order, action


class Order:
    _next = 1

    def __init__(self, customer, amount):
        self.id = Order._next
        Order._next += 1
        self.customer, self.amount = customer, amount
        self.state = State.NEW
        self.trail = [State.NEW]

    def apply(self, action):
        try:
            self.state = TRANSITIONS[self.state][action]
        except KeyError:
            raise InvalidTransition(self, action) from None
        self.trail.append(self.state)
        return self

    def __repr__(self):
        return f"Order#{self.id}({self.customer}, {self.amount}, {self.state.name})"


def audit(orders):
    for o in orders:
        for a, b in zip(o.trail, o.trail[1:]):
            yield o.id, a.value, b.value


orders = [Order("ann", 30), Order("bob", 12), Order("cy", 30), Order("dee", 5)]
script = [(1, "pay"), (1, "ship"), (2, "cancel"), (3, "pay"), (2, "pay"), (1, "deliver"),
          (3, "ship"), (4, "ship"), (3, "cancel")]
for oid, action in script:
    try:
        orders[oid - 1].apply(action)
    except InvalidTransition as e:
        print("error:", e)
for o in sorted(orders, key=lambda o: (-o.amount, o.customer)):
    print(o)
print(list(audit(orders)))
by_state = {}
for o in orders:
    by_state.setdefault(o.state, []).append(o.id)
print({s.name: ids for s, ids in sorted(by_state.items(), key=lambda kv: kv[0].value)})
print(State("paid"), State.PAID in TRANSITIONS, [s.name for s in State][:3])
