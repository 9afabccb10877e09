# complex numbers
vals = [3j, 1 + 2j, -1 - 1j, complex(-0.0, -1), complex(0, 0), complex(-0.0, 0), 0j, -0j,
        complex(1.5, -2.25), complex(1e20, 1e-7), complex(float("inf"), float("nan")),
        complex(-float("inf"), 1), 1j * 1j, complex(0, -0.0), 2.5j, -(0j)]
for v in vals:
    print(repr(v), str(v), v.real, v.imag)

print(complex(), complex(2), complex(2.5), complex(1, 2), complex(1j, 1j), complex(1 + 2j, 3 + 4j))
print(complex(real=1, imag=2), complex(imag=3), complex(True, False))
for s in ["1+2j", " 3 ", "(4-5j)", "j", "-j", "+j", "1e3j", "1.5-2.5e-3j", "-1.5", "  ( 7+1j )  ",
          "inf", "-infj", "nan+nanj", "1_000+2_000j", "3+j", "3-J", ".5j", "5.j"]:
    print(repr(s), complex(s))
for bad in ["", "1+", "j1", "1+2", "abc", "1+2jj", "1 + 2j", "(1+2j", "1++2j", "+-1j"]:
    try:
        complex(bad)
    except ValueError as e:
        print(repr(bad), "ValueError:", e)

a = 3 + 4j
b = 1 - 2j
print(a + b, a - b, a * b, a / b, a ** 2, a ** -1, a ** 0, a ** 0.5, a ** b)
print(a + 1, 1 + a, a - 1.5, 1.5 - a, a * 2, 2 * a, a / 2, 2 / a, 2 ** a, a ** 2.0)
print(-a, +a, abs(a), abs(-3j), abs(complex(3, -4)), a.conjugate(), (1j).conjugate())
print(a == 3 + 4j, a != b, a == 3, complex(3, 0) == 3, complex(3, 0) == 3.0, 3 == complex(3), 1j == "1j")
print(True + 1j, 1j * True, 1j ** 2, (1 + 1j) ** 3, (2 + 0j) ** 10, 0j ** 0, (1e3 + 0j) ** 2)
print(hash(3 + 0j) == hash(3), hash(1.5 + 0j) == hash(1.5), hash(1j), hash(1 + 2j), hash(-1 - 1j), hash(0j))
print(bool(0j), bool(1j), bool(complex(0, -0.0)), bool(1 + 0j))
print({1j: "a", 2 + 0j: "b"}[2], {1 + 0j, 1, 1.0})
print(isinstance(1j, complex), type(2j).__name__, type(1j) is complex)
print((-8) ** (1 / 3), (-1) ** 0.5, (-2.0) ** 1.5)
print(sum([1j, 2, 3.5]), [x * 1j for x in range(3)])
print(f"{1 + 2j}", "%s" % (3j,), str([1j, -2 + 0j]))
z = 1 + 1j
z += 1
z *= 2j
print(z)
print((1 + 2j) / (3 - 4j), (1e308 + 1e308j) / (1e308 + 1e308j))
print(complex(1, 2).real.__class__.__name__, (5j).imag)


def err(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ":", e)


err(lambda: 1j / 0)
err(lambda: 1j / 0j)
err(lambda: (1 + 1j) / 0.0)
err(lambda: 0j ** -1)
err(lambda: 0j ** 1j)
err(lambda: 1j < 2j)
err(lambda: 1j > 1)
err(lambda: 1 <= 1j)
err(lambda: 1j >= 2.0)
err(lambda: 1j // 2)
err(lambda: 1j % 2)
err(lambda: complex("1", 2))
err(lambda: complex(1, "2"))
err(lambda: complex([1]))
err(lambda: complex(1, [2]))
err(lambda: complex(1, 2, 3))
err(lambda: complex("nope"))
err(lambda: (10 + 10j) ** 1000)
err(lambda: 1j + "a")
err(lambda: "a" * 1j)
err(lambda: round(1j))

match 1 + 2j:
    case 1 + 2j:
        print("matched complex literal")
match -3j:
    case -3j:
        print("matched negative imaginary literal")

import cmath
print(cmath.sqrt(-1), cmath.sqrt(4), cmath.sqrt(3 + 4j), cmath.sqrt(-4 - 0j), cmath.sqrt(0j))
print(cmath.exp(0), cmath.exp(1j * cmath.pi), cmath.exp(1 + 1j))
print(cmath.phase(-1), cmath.phase(1j), cmath.phase(-1 - 0j), cmath.phase(1 + 1j))
print(cmath.polar(1j), cmath.polar(-2), cmath.polar(3 + 4j))
print(cmath.rect(1, 0), cmath.rect(2, cmath.pi / 2), cmath.rect(1.5, -0.5))
print(cmath.log(1j), cmath.log(-1), cmath.log(100, 10), cmath.log(3 + 4j), cmath.log10(1000))
print(cmath.pi, cmath.e, cmath.isfinite(1j), cmath.isinf(complex("inf")), cmath.isnan(complex("nanj")))
print(cmath.isclose(1 + 1j, 1 + 1.0000000001j), abs(cmath.sqrt(2j) ** 2 - 2j) < 1e-15)

# formatting
for spec in ["", ".2f", "g", "10", "<20", "^20.3e", "+", " .1f", "*>15", ".3", "e", "#g"]:
    print(repr(spec), [format(c, spec) for c in [1 + 2j, -1.5 - 0.25j, 3j, complex(-0.0, 1), 1e20 + 1j]])
print(f"{2 - 3j:.1f}", "{:>12}|".format(1j), "{0.real} {0.imag}".format(4 + 5j))
err(lambda: format(1 + 2j, "010"))
err(lambda: format(1 + 2j, "=10"))
err(lambda: format(1 + 2j, "d"))
err(lambda: float(1j))
err(lambda: int(1j))
print(sorted([3j, 1, -2j, 1 + 1j], key=abs), max([1j, -3, 2 + 2j], key=abs))
print([1j, 2j].index(2j), 1j in {1j: 1}, (1 + 2j).__class__, complex.__name__)
