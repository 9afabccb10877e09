# Call-heavy code: recursion and small helper functions called in loops.


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def clamp(x, lo, hi):
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


def clamp_all(n):
    t = 0
    for i in range(n):
        t += clamp(i % 200 - 100, -50, 50)
    return t


def tak(x, y, z):
    if y >= x:
        return z
    return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))


print(fib(25))
print(clamp_all(500000))
print(tak(18, 12, 6))
