# Found by `fuzz --seed 95028 --gc incminimark` (diff); PYGC_TORTURE=1.
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
        if tick(): G.append([self.v] * 3)
    def __len__(self):
        if tick(): G.clear()
    def __getitem__(self, i):
        if tick(): G.append(tuple(range(self.v % 7)))
        if not isinstance(i, int) or i > 3: raise IndexError(i)
try:
    a, *b = C0(1)
except Exception as e:
    print(18, 'exc', type(e).__name__)
chk('end', lambda: [L, M, T, len(G), K[0] > 0])
class C0:
    def __len__(self):
        print("len"); return None
    def __getitem__(self, i):
        print("getitem", i)
        if i > 3: raise IndexError(i)
        return i
try:
    a, *b = C0()
    print(a, b)
except Exception as e:
    print('exc', type(e).__name__, e)
class C1:
    def __len__(self):
        print("len"); return 2
    def __getitem__(self, i):
        print("getitem", i)
        if i > 3: raise IndexError(i)
        return i
a, *b = C1(); print(a, b)
x = list(C1()); print(x)
