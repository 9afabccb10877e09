# requires: stdlib
# torture: 1000
# unicodedata: properties, names, numeric values, normalization, errors (issue 17).
import unicodedata as ud
print(ud.unidata_version)
for c in "Aa1½é€中😀\u0301\u05d0 \t٣Ⅻ":
    print(repr(c), ud.category(c), ud.bidirectional(c), ud.east_asian_width(c), ud.mirrored(c), ud.combining(c),
          ud.name(c, "?"), ud.decimal(c, None), ud.digit(c, None), ud.numeric(c, None))
print(ud.lookup("LATIN SMALL LETTER E WITH ACUTE"), ud.lookup("snowman"), ud.name("("), ud.mirrored("("))
for form in ["NFC", "NFD", "NFKC", "NFKD"]:
    s = ud.normalize(form, "e\u0301 ﬁ Ⅻ Å")
    print(form, [hex(ord(c)) for c in s], ud.is_normalized(form, s), ud.is_normalized(form, "e\u0301"))
for f, args in [(ud.category, ("ab",)), (ud.name, ("\x00",)), (ud.lookup, ("NO SUCH THING",)), (ud.decimal, ("x",)),
                (ud.normalize, ("XYZ", "a")), (ud.numeric, ("a",)), (ud.category, (5,))]:
    try:
        print(f(*args))
    except Exception as e:
        print(type(e).__name__, e)
import stringprep
print(stringprep.in_table_b1("\u00ad"), stringprep.in_table_c12("\u00a0"))
