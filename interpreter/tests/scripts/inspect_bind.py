# inspect.Signature.bind / bind_partial / BoundArguments, checked against CPython
import inspect
def f(a, b=2, /, c=3, *args, d, e=5, **kw): pass
def g(x, y=1): pass
def h(p, /, **kw): pass
sig = inspect.signature(f)
cases = [
    (sig, (1,), dict(d=4)),
    (sig, (1, 2, 3, 4, 5), dict(d=4, z=9)),
    (sig, (), dict(d=4)),
    (sig, (1,), dict()),
    (inspect.signature(g), (1, 2, 3), {}),
    (inspect.signature(g), (1,), dict(x=2)),
    (inspect.signature(g), (), dict(y=2, q=1)),
    (inspect.signature(g), (), dict(x=2, y=3)),
    (inspect.signature(h), (), dict(p=1)),
    (inspect.signature(h), (1,), dict(p=2)),
    (inspect.signature(g), (), {}),
]
for s, args, kwargs in cases:
    for name in ("bind", "bind_partial"):
        try:
            ba = getattr(s, name)(*args, **kwargs)
            print(name, s, args, kwargs, "->", dict(ba.arguments), ba.args, ba.kwargs)
            ba.apply_defaults()
            print("  defaults:", dict(ba.arguments), ba.args, ba.kwargs)
        except TypeError as e:
            print(name, s, args, kwargs, "-> TypeError", e)
ba = inspect.signature(g).bind(1)
print(ba == inspect.signature(g).bind(1), ba == inspect.signature(g).bind(2), repr(ba))
p = sig.parameters["c"]
print(p.replace(default=7), p.replace(name="cc", annotation=int), p == p.replace(), p == p.replace(default=0))
print(inspect.Signature.from_callable(g), inspect.signature(g) == inspect.signature(g))
