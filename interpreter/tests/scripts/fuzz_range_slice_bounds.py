# Found by `fuzz --seed 20261237 --gc incminimark` (diff); PYGC_TORTURE=1.
K = [0]
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
class C1:
    def __init__(self, v):
        self.v = v
        if tick(): del L[:2]
    def __index__(self):
        return self.v % 5
        if tick(): M.pop(self.v, None)
    def __init_subclass__(cls, **kw):
        if tick(): G.append(str(len(cls.__name__)) * 4)
chk(10, lambda: range(20)[C1(9):C1(5)])
