# format() of ints (machine and big) and floats: widths, fills, signs,
# grouping, prefixes, zero padding, errors, as CPython.
specs = ["", "d", ">8", "<8", "^9", "=+10", "08", "010_", "x", "#x", "X", "#X", "o", "#o", "b", "#b", "_b", "_x", ",", "_", "+", " ", "-", "08,", "020,d", "*^15,", "c", "n", "e", ".3f", "%", "g", "#010x", "z", "3c"]
vals = [0, 1, -1, 7, 255, -255, 1234567, -1234567, 2**62, -2**63, 2**64 + 5, 10**30, True, 65]
for v in vals:
    row = []
    for s in specs:
        try:
            row.append(format(v, s))
        except (ValueError, OverflowError) as e:
            row.append("%s:%s" % (type(e).__name__, e))
    print(row)
for x in [0.0, -0.0, 1.5, -1234.5678, 1e20, float("inf"), float("nan"), 1/3]:
    print([format(x, s) for s in ["", ".2f", ">12.3f", "012,.2f", "+e", "_.1f", "=+12.1f", "%", ".0%", "g", ",", "08.3"]])
print(f"{12345:>10,}|{-5:^7}|{42:*<6x}|{3.14159:8.2f}|{-0.0:z.1f}")
