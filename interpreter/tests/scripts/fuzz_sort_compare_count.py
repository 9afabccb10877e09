# Found by `fuzz --seed 20261223 --gc incminimark` (diff); PYGC_TORTURE=1.
L = [3, 1, 2]
M = {1: 'a', 2: 'b', 3: 'c'}
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
class C0:
    def __init__(self, v):
        self.v = v
        if tick(): G.append({i: [i] for i in range(self.v % 9)})
    def __lt__(self, o):
        if tick(): G.append(str(self.v) * 4)
        self.n = getattr(self, 'n', 0) + 1
try:
    L.sort(key=lambda x: C0(8))
except Exception as e:
    print(0, 'exc', type(e).__name__)
chk('end', lambda: [L, M, T, len(G), K[0] > 0])
