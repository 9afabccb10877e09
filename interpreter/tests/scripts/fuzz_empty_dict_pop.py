# Found by the differential fuzzer (seed 777030): dict.pop on an empty dict
# answers without hashing the key (CPython's _PyDict_Pop), so an unhashable
# key gets the default or a KeyError, not a TypeError.
class U:
    __hash__ = None
    def __repr__(self):
        return "U()"
d = {}
print(d.pop(U(), 7), d.pop([], "list default"))
try:
    d.pop(U())
except KeyError as e:
    print("KeyError", e)
d[1] = 2
try:
    d.pop(U(), 7)
except TypeError as e:
    print("TypeError", e)
print(d.pop(1), d)
