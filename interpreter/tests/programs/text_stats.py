# Text processing: word frequencies, wrapping, regex extraction, formatting.
import re
import textwrap
from collections import Counter, defaultdict

TEXT = """It was the best of times, it was the worst of times, it was the age of
wisdom, it was the age of foolishness, it was the epoch of belief, it was the
epoch of incredulity, it was the season of Light, it was the season of Darkness.
Contact: dickens@example.com or editor@books.co.uk, call +44 20 7946 0958 before 1859-11-26.
Café naïve façade — ÉCOLE Straße."""

words = re.findall(r"[a-zà-ÿ]+", TEXT.lower())
freq = Counter(words)
print(freq.most_common(6))
print("emails:", re.findall(r"[\w.]+@[\w.]+\w", TEXT))
print("date:", re.search(r"(\d{4})-(\d{2})-(\d{2})", TEXT).groups())
by_len = defaultdict(list)
for w in sorted(set(words)):
    by_len[len(w)].append(w)
for n in sorted(by_len)[-3:]:
    print(n, by_len[n])
para = " ".join(TEXT.split())
print(textwrap.fill(para, width=50))
print(textwrap.shorten(para, width=60, placeholder=" [...]"))
print(textwrap.indent("a\nb\n\nc", "> "))
print(textwrap.dedent("    x\n      y\n    z"))
print("Straße".casefold(), "ÉCOLE".lower(), "façade".upper(), "naïve café".title())
title = "the quick brown fox"
print(f"{title.title():*^30}|{len(title):>5}|{title.count('o'):<3}|")
print(re.sub(r"(\w+)@(\w+)", r"\2 at \1", "joe@site and ann@home"))
print(re.split(r"\s*[,;]\s*", "a , b;c ;  d"))
