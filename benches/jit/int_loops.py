# Loop-heavy integer code: a sieve count, Collatz lengths and a nested-loop
# checksum, all small-int arithmetic and compare-and-branch.


def sieve(n):
    flags = [True] * (n + 1)
    count = 0
    i = 2
    while i <= n:
        if flags[i]:
            count += 1
            j = i * i
            while j <= n:
                flags[j] = False
                j += i
        i += 1
    return count


def collatz_max(limit):
    best = 0
    best_n = 0
    for n in range(1, limit):
        x = n
        steps = 0
        while x != 1:
            if x % 2 == 0:
                x = x // 2
            else:
                x = 3 * x + 1
            steps += 1
        if steps > best:
            best = steps
            best_n = n
    return best_n, best


def checksum(n):
    s = 0
    for i in range(n):
        for j in range(i % 50):
            s = (s + i * j - j) % 1000003
    return s


print(sieve(300000))
print(collatz_max(60000))
print(checksum(60000))
