# Regex tokenizing with finditer.
import re

TOKEN = re.compile(r"\s*(?:(\d+\.?\d*)|(\w+)|(.))")
src = "x1 = 3.25 * (alpha + beta_2) - 17 / gamma; " * 40
count = 0
nums = 0.0
for _ in range(60):
    for m in TOKEN.finditer(src):
        count += 1
        if m.group(1):
            nums += float(m.group(1))
words = re.findall(r"[a-z]+", src)
print(count, round(nums, 2), len(words), re.sub(r"\d", "#", src[:40]))
