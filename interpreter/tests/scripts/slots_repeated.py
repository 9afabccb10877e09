# requires: stdlib
# torture: 1000
# __slots__ may repeat a name (datetime.datetime's does); a slot that
# shadows a class variable of the same body is an error.
class X:
    __slots__ = ("a", "b", "a")
x = X()
x.a = 1
print(x.a, sorted(k for k in X.__dict__ if not k.startswith("__")))
try:
    class Y:
        __slots__ = ("a",)
        a = 1
except ValueError as e:
    print("ValueError:", e)
import datetime
print(datetime.datetime(2020, 3, 1, 10, 20, 30).isoformat())
import time
print(tuple(time.strptime("2020-03-01", "%Y-%m-%d"))[:6])
