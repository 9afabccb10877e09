# requires: stdlib
# torture: 1000
# str.encode/bytes.decode: utf-8/latin-1/ascii/cp1252/utf-16/utf-32, error handlers and messages, encodings fallback (issue 17).
import codecs
s = "café €😀"
for enc in ["utf-8", "latin-1", "ascii", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be", "cp1252", "iso-8859-1", "UTF8", "cp437", "koi8_r", "mac_roman"]:
    for errors in ["strict", "replace", "ignore", "backslashreplace", "xmlcharrefreplace"]:
        try:
            b = s.encode(enc, errors)
            print(enc, errors, b, b.decode(enc, "replace"))
        except UnicodeEncodeError as e:
            print(enc, errors, "UnicodeEncodeError:", e, e.encoding, e.start, e.end, e.reason)
print("café".encode("latin-1"), b"caf\xe9".decode("latin-1"), "a€".encode("ascii", "namereplace"))
for data, enc in [(b"\xff", "utf-8"), (b"abc\xe2\x82", "utf-8"), (b"abc\xe2\x82z", "utf-8"), (b"a\xe9", "ascii"), (b"\x81", "cp1252"),
                  (b"\xff\xfe\x00", "utf-16"), (b"\x00\xd8a\x00", "utf-16-le"), (b"\x00\xdca\x00", "utf-16-le"), (b"\x00\x00\x11\x00", "utf-32-le")]:
    try:
        data.decode(enc)
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError:", e, "|", e.encoding, e.object, e.start, e.end, e.reason)
    for errors in ["replace", "ignore", "backslashreplace"]:
        print(errors, repr(data.decode(enc, errors)))
try:
    "x".encode("no-such-codec")
except LookupError as e:
    print("LookupError:", e)
try:
    "x".encode("utf-8", "bogus-handler")
except LookupError as e:
    print("LookupError:", e)
print(codecs.encode("abc", "rot13"), codecs.decode(b"616263", "hex"), codecs.encode("é", "latin-1"), codecs.decode(b"\xe9", "cp1252"))
print(codecs.utf_8_decode(b"ab\xe2\x82", None, False), codecs.utf_16_le_decode(b"a\x00b", None, False))
print(bytes(range(0x80, 0xa0)).decode("cp1252", "replace"))
print(b"\\u00e9\\n\\x41".decode("unicode_escape"), "é\n".encode("unicode_escape"), "é\u1234".encode("raw_unicode_escape"))
e = UnicodeEncodeError("ascii", "aé", 1, 2, "ordinal not in range(128)")
print(e, e.args, isinstance(e, ValueError), issubclass(UnicodeEncodeError, UnicodeError))
