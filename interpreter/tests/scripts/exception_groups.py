# requires: stdlib
# torture: 1000
# ExceptionGroup (no except*) and traceback formatting through the stdlib.
import traceback
def g(): return 1/0
try:
    g()
except Exception:
    traceback.print_exc()
    s = traceback.format_exc()
    print(s.splitlines()[-1])
eg = ExceptionGroup("many", [ValueError("a"), TypeError("b"), ExceptionGroup("inner", [KeyError("k")])])
print(eg, type(eg).__name__, repr(eg.message), len(eg.exceptions))
m, r = eg.split(ValueError)
print(m, r, isinstance(eg, Exception), type(BaseExceptionGroup("x", [ValueError()])).__name__)
print(eg.subgroup(lambda e: isinstance(e, KeyError)))
try:
    raise ExceptionGroup("boom", [OSError("x")])
except ExceptionGroup as e:
    print("caught", e.exceptions)
print('ok')
