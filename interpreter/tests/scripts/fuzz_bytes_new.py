# Found by the differential fuzzer (seed 777002): bytes(x) follows CPython's
# argument rules and converts an iterable's items as they are fetched (the
# first bad item raises; later ones are never fetched).
fetched = []
class Seq:
    def __getitem__(self, i):
        fetched.append(i)
        if i > 3:
            raise IndexError(i)
        return None if i == 1 else 65 + i

class B:
    def __bytes__(self):
        return b"from dunder"

class BadB:
    def __bytes__(self):
        return "not bytes"

class Idx:
    def __index__(self):
        return 3

class Sub(bytes):
    pass

def show(label, f):
    fetched.clear()
    try:
        r = f()
    except Exception as e:
        r = f"{type(e).__name__}: {e}"
    print(label, repr(r), fetched)

show("seq", lambda: bytes(Seq()))
show("list", lambda: bytes([1, 2, 255]))
show("range", lambda: bytes(range(3)))
show("gen", lambda: bytes(x for x in (7, 300, fetched.append("late"))))
show("dunder", lambda: bytes(B()))
show("bad dunder", lambda: bytes(BadB()))
show("count", lambda: bytes(3))
show("index", lambda: bytes(Idx()))
show("negative", lambda: bytes(-1))
show("str", lambda: bytes("abc"))
show("str enc", lambda: bytes("café", "utf-8"))
show("str enc kw", lambda: bytes("café", encoding="latin-1", errors="strict"))
show("enc no str", lambda: bytes(b"x", "utf-8"))
show("errors only", lambda: bytes(errors="strict"))
show("float", lambda: bytes(1.5))
show("subclass", lambda: bytes(Sub(b"ab")))
show("bytearray", lambda: bytes(bytearray(b"xy")))
show("empty", lambda: bytes())
show("not int item", lambda: bytes(["a"]))
