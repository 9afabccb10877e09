# requires: stdlib
# torture: 40
# _sre fast paths: packed pattern code, native subject checks, position
# clipping and Match.regs; Match.pos of finditer/scanner matches.
import re
TOKEN = re.compile(r"\s*(?:(\d+\.?\d*)|(\w+)|(.))")
src = "x1 = 3.25 * (alpha + beta_2) - 17 / gamma; "
print([(m.group(0), m.group(1), m.group(2), m.lastindex, m.span(), m.regs) for m in TOKEN.finditer(src)][:6])
p = re.compile(r"(?P<word>[a-z]+)(?P<num>\d+)?")
for m in p.finditer("abc12 de f9"):
    print(m.group(), m.group("word"), m.group("num"), m.groups(), m.groupdict(), m.lastgroup, m.lastindex, m.start(2), m.end("word"), m[1], m.pos, m.endpos)
print(p.match("zz", 1), p.match("zz", 5), p.search("..ab3", 1, 4), p.fullmatch("ab3"), p.fullmatch("ab3", 0, 2))
print(re.sub(r"\d", "#", "a1b22"), re.subn("(a)", r"<\1>", "banana"), re.split(r",\s*", "a, b,c"), re.findall(r"(\w)(\d)", "a1 b2"), re.findall("", "ab"))
print(re.compile(b"a+").findall(b"caaab"), re.match(b"(x)", b"xy").group(1))
for bad in [(re.compile("a"), 5), (re.compile("a"), b"a"), (re.compile(b"a"), "a")]:
    try: bad[0].match(bad[1])
    except TypeError as e: print(e)
m = re.match("(a)|(b)", "b"); print(m.groups(), m.groups("-"), m.group(1, 2), m.span(1), m.lastindex)
try: m.group(5)
except IndexError as e: print(e)
print(re.compile("a").match("ba", pos=-5), re.compile("a").search("ba", -3, 10**15), list(re.finditer(r"\b", "ab cd")))
print(re.compile("x*").sub("-", "abxc"), [m.span() for m in re.finditer("x*", "axxb")])
sc = re.compile(r"\d").scanner("a1b2"); print(sc.search().group(), sc.search().group(), sc.search())
# subjects used in place (bytes, ASCII str) and converted (other strs)
long_ascii = "ab12 " * 40
long_wide = "é12 ü" * 40
for s in (long_ascii, long_wide, "ü" + long_ascii, b"xy12 " * 30):
    pat = re.compile(r"\d+" if isinstance(s, str) else rb"\d+")
    ms = list(pat.finditer(s))
    print(len(ms), ms[0].span(), ms[-1].span(), pat.search(s, 7).span(), pat.match(s, 2))
print(re.match(r"(\w)\1", "éé").group(), re.findall(r"\b\w", "né à ü"), re.sub("é", "e", long_wide[:12]))
print(re.compile(r"(?i)É").findall("éÉe"), re.compile(rb"(a)\1").search(b"xaay").span())
