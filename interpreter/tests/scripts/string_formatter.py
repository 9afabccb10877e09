# requires: stdlib
# torture: 1000
# string.Formatter on _string's parsers, string.Template, functools from the
# stdlib over _functools, itertools.chain.from_iterable, match with *_.
import _string
import functools
import itertools
import string


for s in ["a{0.x[1]!r:>{w}}b}}c{{", "{}", "plain", "{{}}", "x{a}{b!s}{c:3}"]:
    print(repr(s), list(_string.formatter_parser(s)))
for s in ["a{", "a}", "{!}", "{0!x", "{a{", "{0:{"]:
    try:
        print(list(_string.formatter_parser(s)))
    except ValueError as e:
        print(repr(s), "ValueError:", e)
for name in ["a.b[0][key]", "12.real", "", "x[]", "x[0]y"]:
    try:
        first, rest = _string.formatter_field_name_split(name)
        print(repr(name), repr(first), list(rest))
    except ValueError as e:
        print(repr(name), "ValueError:", e)

f = string.Formatter()
print(f.format("{0:>{1}}|{a[1]}|{b.real}|{2!r}", "x", 5, "q", a=[1, 2], b=3))
print(f.format("{}-{}", 1, 2))
print(f.vformat("{x}-{y:03d}", (), {"x": "X", "y": 7}))


class Upper(string.Formatter):
    def convert_field(self, value, conversion):
        if conversion == "u":
            return str(value).upper()
        return super().convert_field(value, conversion)


print(Upper().format("{0!u} {1!r}", "shout", "q"))
t = string.Template("$who likes ${what} $$")
print(t.substitute(who="tim", what="kung pao"), t.safe_substitute(who="x"))
print(string.capwords(" hello   world "), t.get_identifiers(), t.is_valid())


@functools.lru_cache(maxsize=2)
def double(x):
    return x * 2


print(double(1), double(1), double(2), double(3), double.cache_info())
print(double.__name__, double.cache_parameters(), double.__wrapped__(4))
double.cache_clear()
print(double.cache_info())


class C:
    @functools.lru_cache
    def m(self, y):
        return y + 1

    @functools.cached_property
    def p(self):
        return "cached"


print(C().m(3), C().p, functools.reduce(lambda a, b: a * b, range(1, 6)))
print(functools.partial(int, base=2)("101"), functools.WRAPPER_ASSIGNMENTS)


@functools.singledispatch
def kind(x):
    return "object"


@kind.register
def _(x: int):
    return "int"


print(kind(1), kind("s"), kind(True))
print(list(itertools.chain([1], (2, 3))), list(itertools.chain.from_iterable(["ab", "c"])))
print(list(itertools.islice(itertools.chain.from_iterable(itertools.repeat([1, 2])), 5)))

match range(1 << 40):
    case [first, second, *_, last]:
        print(first, second, last)
match [1, 2, 3]:
    case [*_, 3]:
        print("ends with 3")
match (1,):
    case [a, *_, b]:
        print("no")
    case _:
        print("too short")
