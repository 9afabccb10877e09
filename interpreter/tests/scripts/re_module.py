# requires: stdlib
# torture: 1000
import re

def show(*a):
    print(*a)

# --- match / search / fullmatch
show(re.match(r'(a+)(b)?', 'aac'))
show(re.match(r'b', 'abc'), re.search(r'b', 'abc'))
show(re.fullmatch(r'a|ab', 'ab'), re.fullmatch(r'a', 'ab'))
m = re.search(r'(?P<x>\d+)-(?P<y>\w+)', 'ab 12-cd ef')
show(m, m.groups(), m.groupdict(), m.span('y'), m.lastindex, m.lastgroup)
show(m.group(), m.group(0), m.group(1, 'y'), m[1], m['x'], m.start(2), m.end(), m.span())
show(m.string, m.re, m.pos, m.endpos, m.regs)
show(bool(m), type(m).__name__, type(re.compile('a')).__name__)
m = re.match(r'(a)(b)?(c)?', 'a')
show(m.groups(), m.groups('-'), m.span(2), m.start(3), m.lastindex)
show(re.match(r'(a(b))', 'ab').lastindex, re.match(r'(a)(b)', 'ab').lastindex,
     re.match(r'(a)()', 'a').lastindex, re.match(r'a', 'a').lastindex)
show(re.match(r'(?P<o>a(?P<i>b))', 'ab').lastgroup)
for bad in (5, 'zz', -1):
    try:
        m.group(bad)
    except IndexError as e:
        show('IndexError', e)

# --- pos / endpos
p = re.compile(r'\d+')
show(p.match('ab12', 2), p.match('ab12', 1), p.search('12ab34', 1), p.search('12ab34', 0, 1))
show(p.fullmatch('a123b', 1, 4), p.findall('1 22 333', 2), p.match('123', 0, 2))
show(re.compile('^a').search('ba', 1), re.compile(r'(?<=a)b').search('ab', 1))
show(re.compile('a$').search('ab', 0, 1))

# --- flags
show(re.findall(r'^\w', 'ab\ncd', re.M), re.findall(r'^\w', 'ab\ncd'))
show(re.match('A', 'a', re.I), re.match('(?i)A', 'a'), re.match('(?i:A)b', 'aB'))
show(re.findall('a.b', 'a\nb', re.S), re.findall('a.b', 'a\nb'), re.findall('(?s)a.b', 'a\nb'))
show(re.findall(r'''\d+  # digits
                    [a-z]  # a letter''', '12a 3b', re.X))
show(re.findall(r'[ a]', 'a b', re.X), re.findall(r'a\ b', 'a b', re.VERBOSE))
show(re.findall(r'\w+', 'héllo wörld'), re.findall(r'\w+', 'héllo wörld', re.A))
show(re.findall(r'\d', '1٣2'), re.findall(r'\d', '1٣2', re.ASCII), re.findall(r'[\d]+', 'a12b', re.A))
show(re.findall(r'\s+', 'a \t\nb'), re.findall(r'\S+', ' ab  c '), re.findall(r'\W+', 'a, b!'))
show(repr(re.I), re.M | 0, re.I | re.S | re.X, ~re.I & re.A, re.S, re.X, re.A, re.U, re.IGNORECASE | re.MULTILINE, int(re.DOTALL))
for p in [re.compile('a+'), re.compile('a', re.I | re.S), re.compile('(?x) a'), re.compile('a', re.A),
          re.compile(r'\d', re.U)]:
    show(p, p.pattern, p.flags, p.groups, p.groupindex)
show(re.compile(r'(?P<first>\w)(\d)(?P<last>x)?').groupindex)
show(re.compile('a') is re.compile('a'), re.compile(re.compile('b')))

# --- $ and \Z
show(re.match(r'ab$', 'ab\n'), re.match(r'ab\Z', 'ab\n'), re.search(r'b$', 'ab\nab'), re.findall(r'b$', 'ab\nab', re.M))
show(re.search(r'\Aab', 'ab'), re.findall(r'\bfoo\b', 'foo foobar (foo)'), re.findall(r'\Boo', 'foo oo'))

# --- quantifiers
show(re.findall(r'a{2}', 'aaaaa'), re.findall(r'a{2,}', 'aaaaa a'), re.findall(r'a{,2}', 'aaa'), re.findall(r'a{1,2}?', 'aaa'))
show(re.findall(r'x{a}', 'x{a}'), re.findall(r'a{', 'a{'), re.match(r'<.*?>', '<a><b>'), re.match(r'<.*>', '<a><b>'))
show(re.match(r'(ab)+', 'ababx').group(1), re.match(r'(a|b)*c', 'abac').groups())

# --- classes
show(re.findall(r'[]a]', 'a]b'), re.findall(r'[^]a]', 'a]b'), re.findall(r'[a-c-]', 'b-d'), re.findall(r'[\]\\]', r'a]\b'))
show(re.findall(r'[[]', 'a[b'), re.findall(r'[.*+?]', 'a.b*c+d?'), re.findall(r'[&~]', 'a&~b'), re.findall(r'[\w-]+', 'ab-c d'))
show(re.findall(r'[\x41-\x43]', 'ABCD'), re.findall('[\u00e9]', 'café'), re.findall(r'[\n]', 'a\nb'))
show(re.findall(r'[<>]', 'a<b>c'), re.findall(r'\<', 'a<b'), re.findall(r'<', '<x>'))

# --- escapes
show(re.findall(r'\x41\u0042\U00000043\101\0', 'ABCA\0'), re.findall(r'\.\*\+', 'a.*+'), re.findall(r'\t\n', '\t\n'))

# --- backreferences, lookaround, groups
show(re.findall(r'(\w)\1', 'aabbcd'), re.search(r'(?P<q>[\'"]).*?(?P=q)', 'say "hi" ok'))
show(re.findall(r'\w+(?=,)', 'a, b, c'), re.findall(r'\w+(?!,)\b', 'a, b, c'), re.findall(r'(?<=\$)\d+', '$12 $3 4'), re.findall(r'(?<!\$)\b\d+', '$12 $3 4'))
show(re.match(r'(?:a|b)+(c)', 'abac').groups(), re.match(r'a(?#comment)b', 'ab'))
show(re.match(r'(a)|(b)', 'b').groups(), re.match(r'(a)|(b)', 'b').lastindex)

# --- findall / finditer / split
show(re.findall(r'', 'ab'), re.findall(r'a*', 'baac'), re.findall(r'(a)(b)?', 'aab'))
show([m.span() for m in re.finditer(r'\w+', 'ab cd  ef')], [m.group(1) for m in re.finditer(r'(\d)', 'a1b2')])
show(list(re.compile(r'\d').finditer('1a2b3', 1, 4)))
show(re.split(r',', 'a,b,,c'), re.split(r'(,)', 'a,b'), re.split(r'\s*', 'a b'), re.split(r'x*', 'axbc'))
show(re.split(r',', 'a,b,c,d', maxsplit=2), re.split(r'(a)|(b)', 'xaybz'), re.split(r'\d', ''), re.split('', 'abc'))
show(re.split(r'\b', 'a b'), re.split('(?m)^', 'a\nb\n'))

# --- sub / subn
show(re.sub(r'(\w+)@(\w+)', r'\2 at \1', 'joe@x and al@y'), re.sub('x*', '-', 'abxd'))
show(re.sub(r'(?P<w>\w+)', r'<\g<w>|\g<1>|\g<0>>', 'ab cd'), re.subn(r'a', 'b', 'aaa', count=2), re.subn('z', 'y', 'abc'))
show(re.sub(r'\d', lambda m: str(int(m.group()) * 2), 'a1b2c3'), re.sub(r'a', r'\n\t\\', 'xax'))
show(re.sub(r'(a)|b', r'[\1]', 'ab'), re.sub('', '-', 'abc'), re.sub(r'(\d+)', r'\g<1>0', 'x1'))
show(re.compile('o').sub('0', 'foo boo', 1), re.sub('a', '\\', 'a') if False else None)
show(re.sub(r'\s+', ' ', '  a   b \n c  ').strip(), re.sub('b', lambda m: '', 'abc'))
m = re.match(r'(?P<a>\w)(\w)', 'xy')
show(m.expand(r'\2\1-\g<a>'), m.expand('plain'))

# --- escape / purge
show(re.escape('a.b*c?d[e]f(g)h{i}j|k^l$m\\n+o-p#q r&s~t'), re.escape('héllo_1'), re.escape(b'a.b'))
re.purge()

# --- non-ASCII positions
s = 'ñandú café über'
show([m.span() for m in re.finditer(r'\w+', s)], re.search('ü', s).start(), re.sub('é', 'E', s), re.split(' ', s))
show(re.match(r'(..)(.)', '日本語x').groups(), re.search('x', '日本語x', 2).span())

# --- bytes
show(re.findall(rb'\d+', b'a12b3'), re.sub(rb'a', b'b', b'aca'), re.match(rb'(\w+)', b'hi there').group(1), re.compile(b'x'))
show(re.split(rb',', b'a,b'), re.search(rb'(?P<n>b)', b'abc').groupdict())
for f, args in [(re.search, ('a', b'a')), (re.search, (b'a', 'a'))]:
    try:
        f(*args)
    except TypeError as e:
        show('TypeError', e)

# --- errors
for pat in ['(a', 'a)', '[a', '*a', 'a**', r'\q', r'(?P<1>a)', r'(?P=zz)', r'\2(a)', 'a{3,2}', r'(?P<n>a)(?P<n>b)',
            r'(?<=a+)b', 'a(?i)b', '(?z)', 'x\n(', '[z-a]', r'(a)\2']:
    try:
        re.compile(pat)
        show('ok', pat)
    except re.error as e:
        show('error', repr(pat), '->', e, e.pos)
for args in [('a', r'\d', 'a'), ('a', r'\9', 'a'), ('(a)', r'\g<x>', 'a'), ('a', r'\q', 'a'), ('a', '\\', 'a')]:
    try:
        re.sub(*args)
    except (re.error, IndexError) as e:
        show(type(e).__name__, e)
try:
    re.compile('a', re.A | re.U)
except ValueError as e:
    show('ValueError', e)
show(issubclass(re.error, Exception), re.error.__name__)

# --- module-level usage patterns from the stdlib
_word = re.compile(r'(\w+)(\s*)')
show(_word.findall('a b  c'), re.compile(r'\s+').split(' a b '))
WHITESPACE = re.compile(r'[ \t\n\r]*', re.VERBOSE | re.MULTILINE | re.DOTALL)
show(WHITESPACE.match('  x', 0).end(), WHITESPACE.match('  x', 2).end())
NUMBER_RE = re.compile(r'(-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?', (re.VERBOSE | re.MULTILINE | re.DOTALL))
show(NUMBER_RE.match('[-12.5e3,', 1).groups())
sc = re.Scanner([(r'\d+', lambda s, t: int(t)), (r'\s+', None), (r'[a-z]+', lambda s, t: t.upper())])
show(sc.scan('12 ab 3 !x'))

# --- more edge cases
print(re.findall(r'|a', 'a'), re.findall(r'a*?', 'aa'), re.findall(r'a|', 'ab'))
print(re.sub(r'a|', '-', 'ab'), re.split(r'a|', 'xaby'))
print(re.findall(r'\b\w', 'é a', re.A), re.findall(r'(?a)\w+', 'aé b'))
print(re.findall(r'a++', 'aaa'), re.findall(r'(?>a+)b', 'aab'))
print(re.sub('(?i)K', 'x', 'k K'), re.findall(r'[^\W\d]+', 'ab12cd'))
print(re.match(r'(?P<a>x)(?P<b>y)?', 'x').groupdict('z'))
pat = re.compile(r'''
    \$(?:
      (?P<escaped>\$)  |
      (?P<named>(?a:[_a-z][_a-z0-9]*)) |
      {(?P<braced>(?a:[_a-z][_a-z0-9]*))} |
      (?P<invalid>)
    )''', re.I | re.X)
print([m.groupdict() for m in pat.finditer('$x ${y} $$ $')])
print(re.compile(r'(?x)a b # c').match('ab'))
print(re.sub(r'(\d)', r'\1\1', '12'), re.sub('(b)', r'\g<1>0', 'abc'))
print(re.findall(r'(?m)$', 'a\nb'), re.findall(r'$', 'a\n'), re.findall(r'\Z', 'a\n'))
print(re.search(r'\d+', 'x' * 1000 + '42').span())
print(re.compile(r'\s+', re.UNICODE).split('a\u00a0b c'))
print(re.sub(r'\\', '/', 'a\\b'), re.findall('[\\\\]', 'a\\b'))
print(repr(re.compile('a' * 300))[:30], re.compile("it's"))
print(re.match(r'(a)(?(1)b|c)', 'ab') if False else 0)
print(re.findall(r'(?i)straße', 'STRASSE straße'))
print(re.fullmatch(r'\d+', '123\n'), re.match(r'.*', 'ab\ncd').group())
print(re.compile(r'a', re.I).match('A').re.flags)
print(re.findall(r'[a-z]+', 'ABC def', flags=re.IGNORECASE))
print(re.sub(pattern='a', repl='b', string='aa', count=1))
m = re.search('(b)(c)?', 'abc', )
print(m.span(1), m.regs)
print(re.compile('(?P<n>a)').sub(r'\g<n>\g<n>', 'xa'))
print(re.split(r'(?=b)', 'abab'), re.findall(r'(?<=a)', 'aa'))
p = re.compile(r'(?<=é)(b)')
print(p.search('ééb éb', 3), p.search('ééb éb', 2, 5), p.match('ééb éb', 2), p.findall('ééb éb', 1, 5))
print(re.compile(r'\w+').match('日本 語', 3).span(), re.compile('$').search('日本\n', 1))

# --- common idioms
print(re.sub(r'(?P<a>\w+)', lambda m: m.group('a').upper(), 'ab cd', count=1))
print(re.findall(r'(?i)[A-Z]+', 'abC dE'), re.findall(r'(?i)[^a-z]+', 'abC1 dE'))
print(re.split(r'(\s)(x)?', 'a b'), re.sub(r'^', '>', 'a\nb', flags=re.M))
print(re.match(r'\d{2,3}?', '1234').group(), re.match(r'a{0}b', 'b'))
print(re.compile(r'x', re.DOTALL).pattern, re.compile(r'(a)(b)').groups)
m = re.match(r'(\w+) (\w+)', 'Isaac Newton, physicist')
print(m[0], m[1], m[2], m.group(2, 1), m.start(1), m.end(2))
print(re.findall(r'\b[a-z]+\b', 'Hello big World of code', re.I))
print(re.sub(r'\s+$', '', 'abc   '), re.sub(r'^\s+', '', '   abc'))
print(re.fullmatch(r'[\w.+-]+@[\w-]+\.[\w.]+', 'a.b+c@ex-ample.co.uk'))
print(re.split(r'[.!?]\s*', 'Hi. How are you? Fine!'))
print(re.match(r'(?P<year>\d{4})-(?P<month>\d\d)', '2024-05-01').groupdict())
print(re.sub(r'(\w)(\w*)', lambda m: m.group(1).upper() + m.group(2), 'hello big world'))
print(re.compile(r'\d+').sub('#', 'a1b22', count=0), re.subn(r'\W', '', 'a-b c!'))
print(re.escape('1+1=2'), re.search(re.escape('a.b'), 'xa.by'))
print(re.findall(r'\\n', r'a\nb'), re.findall('\\\\', '\\\\'))
print(re.match('(?s:.)', '\n'), re.match('(?-i:a)', 'A', re.I))
print([m.groups() for m in re.finditer(r'(\w)=(\d)?', 'a=1 b= c=3')])
print(re.sub(r'x', r'\\', 'axb'), re.sub(r'x', '\\\\n', 'axb'))
print(re.compile('[a-z]', re.I).findall('aBc'), re.compile(r'\u00e9', re.I).findall('éÉ'))
print(re.search(r'(?<![\w])foo', 'afoo foo').span(), re.findall(r'(a)(?=(b))', 'abab'))
