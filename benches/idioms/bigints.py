# Big integer arithmetic: factorial, powers, modular exponentiation.
f = 1
for i in range(1, 3000):
    f *= i
p = pow(3, 20000)
m = 0
for i in range(2000):
    m = (m + pow(i, 65537, (1 << 127) - 1)) % (1 << 89)
print(f.bit_length(), p % 1000000007, m, (f // p) % 997)
