# needs: from math import erf
# Descriptive statistics of generated data with the statistics module.
import random
import statistics as st
from collections import Counter

rng = random.Random(7)
data = [round(rng.gauss(50, 12), 2) for _ in range(400)]
ints = [rng.randint(1, 6) + rng.randint(1, 6) for _ in range(600)]
print("n", len(data))
print("mean %.4f" % st.mean(data))
print("median %.4f" % st.median(data))
print("stdev %.4f pstdev %.4f" % (st.stdev(data), st.pstdev(data)))
print("variance %.4f" % st.variance(data))
print("quantiles", [round(q, 3) for q in st.quantiles(data, n=4)])
print("mode of dice", st.mode(ints), "multimode", st.multimode([1, 1, 2, 2, 3]))
print("harmonic %.4f geometric %.4f" % (st.harmonic_mean([1, 2, 4]), st.geometric_mean([1, 2, 4])))
hist = Counter(ints)
for k in sorted(hist):
    print(f"{k:2d} {'#' * (hist[k] // 5)}")
x = list(range(20))
y = [3 * v + rng.uniform(-1, 1) for v in x]
slope, intercept = st.linear_regression(x, y)
print("fit slope %.3f intercept %.3f corr %.4f" % (slope, intercept, st.correlation(x, y)))
nd = st.NormalDist(100, 15)
print("P(x<130) %.4f" % nd.cdf(130), "inv %.3f" % nd.inv_cdf(0.975))
try:
    st.mean([])
except st.StatisticsError as e:
    print("error:", e)
