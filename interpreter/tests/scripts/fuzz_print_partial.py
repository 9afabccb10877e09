# Found by `fuzz --seed 20261211 --gc incminimark` (diff); PYGC_TORTURE=1.
def tick():
    if isinstance(r, (set, frozenset)):
        return '{' + ', '.join(repr(k) + ': ' + show(v) for k, v in r.items()) + '}'
    try:
        r = show(f())
    except Exception as e:
        print(n, 'ok', r)
class C0:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return 'C0(' + repr(self.v) + ')'
        if tick(): L.reverse()
class C1:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        if tick(): G.append([c for c in 'abc' * (len(cls.__name__) % 5)])
try:
    print(C0(3), C1(10), sep='|')
except Exception as e:
    print(8, 'exc', type(e).__name__)
