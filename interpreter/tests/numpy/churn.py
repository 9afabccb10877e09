# Array churn: allocates N arrays of 1 MB (131072 float64), writing every
# page, while keeping at most KEEP alive. Prints a checksum, then the peak
# RSS (VmHWM, kB) read from /proc/self/status. Runs unchanged on CPython
# with numpy and on pygc.
import sys
import numpy as np

N = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
KEEP = 4

keep = []
total = 0.0
for i in range(N):
    a = np.ones(131072)
    a *= 2.0
    a[i % 131072] = i
    total += a[i % 131072] + a[-1]
    keep.append(a)
    if len(keep) > KEEP:
        keep.pop(0)
print("checksum", total)

hwm = 0
with open("/proc/self/status") as f:
    for line in f:
        if line.startswith("VmHWM:"):
            hwm = int(line.split()[1])
print("VmHWM_kB", hwm)
