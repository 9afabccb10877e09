# Calls with keyword arguments and **kwargs.
def f(a, b=2, *, c=3, **kw):
    return a + b + c + len(kw)

def g(**kw):
    return f(1, **kw)

s = 0
for i in range(150000):
    s += f(i, c=1) + f(i, b=i, x=1, y=2)
    s += g(b=1, c=2, z=3)
print(s)
