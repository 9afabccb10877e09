# sys.get_int_max_str_digits / set_int_max_str_digits: the int<->str limit
import sys

print(sys.get_int_max_str_digits(), sys.int_info.default_max_str_digits)
print(len(str(10 ** 4299)), len(repr(-(10 ** 4299))))
for f in (lambda: str(10 ** 4300), lambda: int("1" * 4301), lambda: int(" -" + "1" * 4301 + " ")):
    try:
        f()
    except ValueError as e:
        print("ValueError:", e)
print(int("1" * 4300) % 1000, int("f" * 5000, 16) % 1000)
sys.set_int_max_str_digits(1000)
print(sys.get_int_max_str_digits())
try:
    str(10 ** 1000)
except ValueError as e:
    print("ValueError:", e)
sys.set_int_max_str_digits(maxdigits=0)
print(len(str(10 ** 20000)), int("7" * 20000) % 10)
for bad in (5, -1, 639):
    try:
        sys.set_int_max_str_digits(bad)
    except ValueError as e:
        print("ValueError:", e)
for bad in ((), (1, 2), ("x",), (1.5,)):
    try:
        sys.set_int_max_str_digits(*bad)
    except TypeError as e:
        print("TypeError:", e)
sys.set_int_max_str_digits(640)
print(sys.get_int_max_str_digits())
try:
    str(1 << 100000)
except ValueError as e:
    print("huge: ValueError")
sys.set_int_max_str_digits(4300)
print(hex(1 << 20000)[:10], bin(3 << 20000)[:6])
