# Natives of the C-module stand-ins read their arguments after calling into
# Python (__float__, __index__, __complex__): every argument read after such
# a call must be the current one (a collection there moves objects).
import math, cmath, zlib, _random


def churn():
    return [[i, str(i)] for i in range(30)]


class F:
    def __init__(self, v):
        self.v = v

    def __float__(self):
        churn()
        v = self.v
        junk = [[v, v, v, v], [v, v, v, v], [v, v, v, v], [v, v, v, v]]
        return junk[0][0]


class I:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        churn()
        v = self.v
        junk = [[v, v, v, v], [v, v, v, v], [v, v, v, v], [v, v, v, v]]
        return junk[0][0]


class C:
    def __init__(self, v):
        self.v = v

    def __complex__(self):
        churn()
        v = self.v
        junk = [[v, v, v, v], [v, v, v, v], [v, v, v, v], [v, v, v, v]]
        return junk[0][0]


def fresh(x):
    return float(str(x))


def check(name, f):
    try:
        print(name, f())
    except Exception as e:
        print(name, type(e).__name__, e)


def zlib_roundtrip():
    d = bytes(65 + i % 7 for i in range(1000))
    zd = bytes(b"ABCDEFG" * 3)
    c = zlib.compressobj(I(6), zlib.DEFLATED, I(15), zdict=zd)
    z = c.compress(d) + c.flush()
    dc = zlib.decompressobj(I(15), zdict=bytes(b"ABCDEFG" * 3))
    return dc.decompress(z) == d


for _ in range(2):
    check("isclose1", lambda: math.isclose(1.0, F(1.4), rel_tol=fresh(0.5)))
    check("isclose2", lambda: math.isclose(F(1.0), fresh(1.4), rel_tol=fresh(0.5)))
    check("atan2", lambda: math.atan2(F(1.0), fresh(2.0)))
    check("log", lambda: math.log(F(8.0), fresh(2.0)))
    check("perm", lambda: (math.perm(I(5), I(2)), math.comb(I(6), I(3))))
    check("cisclose1", lambda: cmath.isclose(1 + 0j, C(1.4 + 0j), rel_tol=fresh(0.5)))
    check("cisclose2", lambda: cmath.isclose(C(1 + 0j), complex(fresh(1.4), 0.0), rel_tol=fresh(0.5)))
    check("getrandbits", lambda: _random.Random(7).getrandbits(I(40)) == _random.Random(7).getrandbits(40))
    check("zlib", zlib_roundtrip)



def struct_pack():
    import struct
    return struct.pack("iii", I(1), I(2), I(3)) == struct.pack("iii", 1, 2, 3)


for _ in range(2):
    check("struct.pack", struct_pack)
