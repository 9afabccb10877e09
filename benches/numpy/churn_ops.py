# Churn of 1 MiB float64 arrays: zeros, +=, *, .sum() (issue 18's kernel benchmark).
import numpy as np

N = 2000
total = 0.0
b = np.ones(131072)
for i in range(N):
    a = np.zeros(131072)
    a += 1.5
    a += b
    c = a * 2.0
    d = c * a
    total += d.sum() + c.sum()
print("checksum", total)
