# Found by `fuzz --seed 20261247 --gc incminimark` (diff); PYGC_TORTURE=1.
L = [3, 1, 2]
T = {1, 2, 3}
G = []
K = [0]
def tick():
    return K[0] < 300
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
class C2:
    def __init__(self, v):
        self.v = v
        if tick(): G.append({i: [i] for i in range(self.v % 9)})
    def __len__(self):
        if tick(): M[self.v] = str(self.v)
    def __getitem__(self, i):
        if tick(): del L[:2]
chk(16, lambda: bytes(C2(9)))
chk('end', lambda: [L, M, T, len(G), K[0] > 0])
