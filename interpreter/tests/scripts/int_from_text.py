# int(str|bytes, base): the plain-digits fast path and the general parser
# agree with CPython (signs, underscores, prefixes, whitespace, errors).
cases = ["123", "-0042", "+7", " 12 ", "1_000", "0x1f", "0", "00", "012", "9"*18, "9"*19, "9"*38, "-"+"9"*38, "9"*39, "-"+"9"*40, "١٢٣", "", "-", "1 2", "12a", "_1", "1__0"]
for c in cases:
    for base in (10, 0, 16):
        try:
            print(repr(c), base, int(c, base))
        except ValueError as e:
            print(repr(c), base, "ValueError:", e)
for b in [b"123", b"-5", b" 7\n", b"\xc2\xa0123", b"1_2", b"0b11", b"\xff"]:
    for base in (10, 0):
        try:
            print(b, base, int(b, base))
        except ValueError as e:
            print(b, base, "ValueError:", e)
print(int("  -17  "), int("+0"), int("-0"))
