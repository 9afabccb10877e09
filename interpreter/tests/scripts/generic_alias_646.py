# types.GenericAlias: substitution, PEP 646 unpacking, unions, attributes
# requires: stdlib
# torture: 13
import types
from typing import TypeVar, TypeVarTuple, Tuple, Unpack, Generic
import collections.abc as cabc

T = TypeVar("T")
S = TypeVar("S")
Ts = TypeVarTuple("Ts")

a = list[int]
print(a, type(a), type(a) is types.GenericAlias, a.__origin__, a.__args__)
print(a.__parameters__, a.__unpacked__, a.__typing_unpacked_tuple_args__)
print(list[int] == list[int], list[int] != list[str], hash(list[int]) == hash(list[int]))
print(list[int]([1, 2]), dict[str, int](a=1))
print(list[int].__name__, list[int].append is list.append)
print(dict[str, list[T]].__parameters__, dict[str, list[T]][int])
print(dict[T, list[S]][str, int], dict[T, S][int, T][str])
print(tuple[*Ts], tuple[*Ts].__parameters__)
print([*tuple[int]], next(iter(tuple[int, str])).__typing_unpacked_tuple_args__)
print(tuple[*Ts][int], tuple[*Ts][int, str], tuple[*Ts][()])
print(tuple[*Ts][*tuple[int]], Tuple[*Ts][*tuple[int, str]])
print(tuple[int, *Ts][str, bytes], tuple[T, *Ts][int, str, bytes])
print(dict[*Tuple[int], str] == dict[int, str])
print(cabc.Callable[[int], str], cabc.Callable[[int], str] | None)
print(list[int] | None, int | list[str], type(list[int] | None))
try:
    list[int] | 3
except TypeError:
    print("TypeError for list[int] | 3")
print(issubclass(int, int | str), isinstance(b'', int | None), isinstance(None, int | None))
for bad in (lambda: isinstance([], list[int]),
            lambda: issubclass(list, list[int]), lambda: list[int][str],
            lambda: dict[T, S][int], lambda: types.GenericAlias(list),
            lambda: types.GenericAlias(list, int, x=1)):
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
class C(list[int]):
    pass
print(C.__bases__, C.__orig_bases__)
class G(Generic[*Ts]):
    pass
print(G[int, str], G[*tuple[int, str]])
def f(*args: *Ts):
    pass
print(f.__annotations__)
try:
    list[int].x = 1
except AttributeError as e:
    print("AttributeError:", e)
print(type[int], enumerate[str], tuple[()])
