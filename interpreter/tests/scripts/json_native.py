# requires: stdlib
# torture: 40
# The native _json (json_scan.rs, json_enc.rs) under the stdlib json package:
# errors and positions, hooks (collecting inside them), encoder options.
import gc
import json
for s in ['"ab\x01"', '"abc', '"a\\x"', '"a\\u12"', '"a\\u12zz"', '"a\\', '[1,2', '{"a" 1}', '{"a":1 "b":2}', '{1:2}', '[1,]', '{"a":1,}', '', '  ', 'nul', '[1 2]', '-', '01', '1.', '1e', '"\\ud800\\u12x4"', '[', '{', '{"a"', '{"a":', '[1,2]x', 'NaN', '-Infinity', '1.5e3', '"\\ud83d\\ude00"', '1e+', '1E-2', '-0', '-0.0', '123456789012345678901234567890', '{"é": "ü", "k": [1, 2.5, true, false, null]}', ' [ "x" , { } , [ ] ] ', '"\\"\\\\\\/\\b\\f\\n\\r\\t"', '{"a": 1, "a": 2}']:
  try: print(repr(s), repr(json.loads(s)))
  except Exception as e: print(repr(s), type(e).__name__, e)
from json.decoder import scanstring
for a in [('"abc"', 1), ('"abc"', 10), ('"abc"', -1), ('abc', 0), ('xé"abc"', 3), ('"a\x01b"', 1, False)]:
  try: print(scanstring(*a))
  except Exception as e: print(type(e).__name__, e)
print(json.loads('{"a": 1.5, "b": [1, 2]}', parse_float=str, parse_int=lambda s: int(s) * 10))
print(json.loads('{"a": 1, "b": {"c": 2}}', object_hook=lambda d: sorted(d.items())))
print(json.loads('{"a": 1, "b": 2}', object_pairs_hook=lambda p: p))
print(json.loads('[NaN, Infinity]', parse_constant=lambda c: "C" + c))
d = json.JSONDecoder()
print(d.raw_decode('  [1, 2] tail'[2:]))
print(json.dumps({"a": [1, 2.5, None, True, "é\n\x7f\U0001F600"], 3: 4, 1.5: 2, None: 1, True: 0}))
print(json.dumps({"a": "é\U0001F600"}, ensure_ascii=False))
print(json.dumps({"b": 1, "a": [2, (3, 4)]}, sort_keys=True, separators=(",", ":")))
print(json.dumps({1j: 1, 'a': 2, 2j: 3}, skipkeys=True))
for bad in [{1j: 1}, [float("nan")], {"a": object()}, {3: 1, "a": 2}]:
  try: print(json.dumps(bad, allow_nan=False, sort_keys=True))
  except Exception as e: print(type(e).__name__, e)
l = []; l.append(l)
try: json.dumps(l)
except Exception as e: print(type(e).__name__, e)
print(json.dumps(float("inf")), json.dumps([float("-inf"), float("nan")]))
class D(dict):
  def items(self): return [("z", 1), ("y", 2)]
print(json.dumps(D(a=1)))
import enum
class E(enum.IntEnum):
  A = 1
print(json.dumps([E.A, {E.A: 2}]), json.dumps(2**100), json.dumps({2**70: 1}))
print(json.dumps({"x": {1, 2}}, default=sorted))
print(json.dumps([1, [2, {"a": []}]], indent=2))
print(json.dumps("x\"y"), json.dumps(["x"], default=str, check_circular=False))
from _json import encode_basestring_ascii as eba, encode_basestring as eb
print(eba("a\u1234\x00"), eb("a\u1234\x00\x1f"))
for f in (eba, eb):
  try: f(1)
  except TypeError as e: print(e)
deep = "[" * 5000 + "]" * 5000
try: json.loads(deep)
except RecursionError as e: print("RecursionError")
x = []
for _ in range(5000): x = [x]
try: json.dumps(x)
except RecursionError as e: print("RecursionError")

def churn_hook(d):
    gc.collect()
    junk = [str(i) * 3 for i in range(50)]
    return {k: v for k, v in d.items()}
text = json.dumps([{"k%d" % i: [i, "v" * i, {"n": None}]} for i in range(30)])
print(json.loads(text, object_hook=churn_hook) == json.loads(text))
print(json.loads(text, object_pairs_hook=lambda p: (gc.collect(), p)[1])[:2])
print(json.loads('[1.5, 2, "x"]', parse_float=lambda s: (gc.collect(), float(s) * 2)[1],
                 parse_int=lambda s: (gc.collect(), int(s) + 1)[1]))
class Obj:
    def __init__(self, n): self.n = n
def dflt(o):
    gc.collect()
    return {"obj": o.n, "more": [Obj(o.n - 1)] if o.n > 0 else []}
print(json.dumps([Obj(3), {"z": Obj(1)}], default=dflt, sort_keys=True))
def enc(s):
    gc.collect()
    return '"<' + s + '>"'
e = json.encoder.c_make_encoder(None, str, enc, None, ": ", ", ", False, False, True)
print(e({"a": ["b", 1, {"c": "d"}]}, 0))
print(json.loads('{"a": "é€😀", "b": "\\u00e9\\u20ac\\ud83d\\ude00"}'))
print(json.loads('  {"x": [1, 2]}  '), json.decoder.JSONDecoder().raw_decode('é [1] x'[2:]))
for args in [(None, str, str, None, ":", ",", 0, 0, 0), ([], str, str, None, ":", ",", 0, 0, 0), (None, str, str, None, 1, ",", 0, 0, 0)]:
    try: json.encoder.c_make_encoder(*args)
    except TypeError as e: print(type(e).__name__, e)
sc = json.scanner.c_make_scanner(json.decoder.JSONDecoder())
for a in [("[1]", 0), ("[1]", 3), ("[1]", -1), (5, 0), ("[1]", "0")]:
    try: print(sc(*a))
    except Exception as e: print(type(e).__name__, e)
print(json.scanner.make_scanner is json.scanner.c_make_scanner, json.decoder.scanstring is json.decoder.c_scanstring)
