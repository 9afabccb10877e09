# requires: stdlib
# torture: 500
# re.Match objects made by the native matcher: attributes, lastindex /
# lastgroup, pos/endpos from match/search/fullmatch/finditer/scanner.
import re

p = re.compile(r"(?P<num>\d+)|(?P<word>[a-z]+)|(\s+)")
for m in p.finditer("ab 12  cd", 1, 8):
    print(m.span(), m.pos, m.endpos, m.lastindex, m.lastgroup, m.group(), m.groups(), m.re is p, m.string)
m = p.match("42x")
print(m.regs, m.lastindex, m.lastgroup, m.groupdict(), m.start("num"), m[0], bool(m))
print(p.search("  xy", 1).lastgroup, p.fullmatch("abc").span(), p.fullmatch("abc1"), p.match("!"))
s = p.scanner("a1 b")
print([(x.group(), x.pos, x.lastgroup) for x in iter(s.match, None)])
b = re.compile(rb"(a)(b)?")
print([(m.span(), m.lastindex, m.groups(), m.string) for m in b.finditer(b"abaab")])
print(re.sub(r"(\d)", r"<\1>", "a1b22"), re.split(r"(,)", "a,b,,c"), re.findall(r"(a)|(b)", "ab"))
try:
    p.match(b"12")
except TypeError as e:
    print("TypeError:", e)
empty = re.compile(r"x*")
print([m.span() for m in empty.finditer("axxb")], empty.sub("-", "axxb"))
