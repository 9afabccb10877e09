# math: erf/erfc/gamma/lgamma/comb/perm/lcm/gcd/dist/nextafter/ulp/remainder/frexp/ldexp/modf/cbrt/exp2/fsum, bit-identical (issue 17).
import math
xs = [-3.5, -1.0, -0.5, 0.0, 0.1, 0.5, 1.0, 1.5, 2.0, 3.7, 10.0, 25.5]
for x in xs:
    print(x, math.erf(x), math.erfc(x), math.cbrt(x), math.exp2(x), math.expm1(x))
for x in [0.5, 1.0, 1.5, 2.5, 5.0, 10.3, 171.5, -0.5, -2.5]:
    print(x, math.gamma(x), math.lgamma(x))
print(math.comb(10, 3), math.comb(100, 50), math.perm(10, 3), math.perm(5), math.lcm(4, 6, 10), math.lcm(), math.gcd(12, 18, 27), math.gcd())
print(math.dist((1, 2), (4, 6)), math.dist([0.1, 0.2, 0.3], [1, 2, 3]), math.hypot(3, 4, 12), math.hypot(1e-300, 1e-300))
print(math.nextafter(1.0, 2.0), math.nextafter(1.0, 0.0), math.ulp(1.0), math.ulp(1e300), math.ulp(0.0))
print(math.remainder(10, 3), math.remainder(11, 3), math.remainder(-7.5, 2), math.frexp(8.0), math.frexp(0.3), math.frexp(0.0))
print(math.ldexp(0.5, 4), math.ldexp(1.0, -1080), math.modf(3.75), math.modf(-2.5), math.isqrt(10**30 + 7), math.factorial(25))
print(math.fsum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100]), sum([0.1] * 10), math.fsum([]))
print(math.log2(2**1000), math.log10(10**300 * 7), math.log2(0.1), math.log10(1000), math.tau, math.prod([1, 2, 3, 4]))
print(math.asinh(1.5), math.acosh(2.5), math.atanh(0.3))
for f, args in [(math.gamma, (0.0,)), (math.gamma, (-2.0,)), (math.lgamma, (-1.0,)), (math.comb, (-1, 2)), (math.perm, (3, -1)),
                (math.remainder, (1.0, 0.0)), (math.ldexp, (1.0, 2000)), (math.comb, (1.5, 2)), (math.isqrt, (-1,)), (math.factorial, (-3,)),
                (math.dist, ((1, 2), (1,))), (math.gamma, (200.0,)), (math.factorial, (2.0,))]:
    try:
        print(f(*args))
    except Exception as e:
        print(type(e).__name__, e)
