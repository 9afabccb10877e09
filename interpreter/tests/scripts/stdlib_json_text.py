# torture: 1000
# requires: stdlib
# Real CPython json, textwrap, keyword, reprlib, numbers, types, string modules.
import json
import keyword
import numbers
import reprlib
import string
import textwrap
import types

data = {"name": "pygc", "ok": True, "n": [1, 2.5, -3], "nested": {"x": None}, "s": "q\"\n\u00e9"}
s = json.dumps(data)
print(s)
print(json.dumps(data, indent=2, sort_keys=True))
print(json.loads(s) == data, json.loads("[1, 2, 3]"), json.loads('"\\u00e9"'))
print(json.dumps([1, "a"], separators=(",", ":")), json.dumps("é", ensure_ascii=False))
try:
    json.loads("{bad}")
except json.JSONDecodeError as e:
    print("JSONDecodeError:", e)

text = "The quick brown fox jumps over the lazy dog. " * 3
print(textwrap.wrap(text, width=30))
print(textwrap.fill(text, width=40))
print(textwrap.dedent("    a\n      b\n    c"))
print(textwrap.indent("x\ny", "> "))
print(textwrap.shorten("Hello  world, this is long", width=15))

print(keyword.iskeyword("for"), keyword.iskeyword("fox"), len(keyword.kwlist) > 30)
print(reprlib.repr(list(range(100))), reprlib.repr("x" * 100))
print(isinstance(3, numbers.Integral), isinstance(2.5, numbers.Real), isinstance(2.5, numbers.Integral))
print(issubclass(int, numbers.Number), isinstance("s", numbers.Number))
ns = types.SimpleNamespace(a=1, b="two")
print(ns, ns.a, types.SimpleNamespace(a=1, b="two") == ns)
print(types.FunctionType, types.ModuleType, type(len) is types.BuiltinFunctionType)
print(string.ascii_letters, string.digits, string.capwords("hello big world"))
