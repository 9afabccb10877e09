# module __getattr__ (PEP 562), import of a None entry in sys.modules,
# sys hooks, _json stand-in, inspect.getsource, ModuleType
# torture: 31
import sys
import types

m = types.ModuleType("lazy", "doc")
exec("def __getattr__(n):\n    if n == 'x':\n        return 42\n    raise AttributeError(n)\n", m.__dict__)
sys.modules["lazy"] = m
import lazy
print(lazy.x, hasattr(lazy, "y"), getattr(lazy, "y", 5), m.__doc__)
from lazy import x
print(x)
try:
    from lazy import y
except ImportError as e:
    print("ImportError", e)
sys.modules["blocked_mod"] = None
try:
    import blocked_mod
except ImportError as e:
    print(type(e).__name__, e)
print(callable(sys.excepthook), sys.excepthook is sys.__excepthook__, sys.gettrace())
import _json
import json
print(_json.scanstring('"ab"', 1), json.loads("[1, 2]"))
import inspect


def sample(a):
    return a + 1


print(inspect.getsource(sample), inspect.getsourcelines(sample)[1], inspect.getsourcefile(sample) == __file__)
import importlib
import importlib.util
mod = importlib.import_module("json.decoder")
print(mod.__name__, importlib.util.find_spec("colorsys").name, importlib.util.find_spec("no_such_mod_x"))
import marshal
print(marshal.loads(marshal.dumps({"a": (1, 2.5, None)})))
