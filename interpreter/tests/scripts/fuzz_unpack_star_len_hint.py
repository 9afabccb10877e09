# Found by `fuzz --seed 20261217 --gc incminimark` (diff); PYGC_TORTURE=1.
def tick():
    K[0] += 1
def show(r):
    if isinstance(r, (set, frozenset)):
        return '{' + ', '.join(repr(k) + ': ' + show(v) for k, v in r.items()) + '}'
    return repr(r)
def chk(n, f):
    try:
        r = show(f())
    except Exception as e:
        print(n, 'exc', type(e).__name__)
    else:
        print(n, 'ok', r)
    def __set_name__(self, owner, name):
        return 'named'
class C0:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        if tick(): G.append(tuple(range(self.v % 7)))
    def __len__(self):
        if tick() and self.v % 3 == 2: raise KeyError(self.v)
    def __getitem__(self, i):
        if not isinstance(i, int) or i > 3: raise IndexError(i)
        self.n = getattr(self, 'n', 0) + 1
try:
    a, *b = C0(1)
except Exception as e:
    print(9, 'exc', type(e).__name__)
chk('end', lambda: [L, M, T, len(G), K[0] > 0])
