# `marshal`: CPython's marshal format for the value types (code objects
# excepted: pygc has no bytecode compatible with CPython's).
version = 4
_NULL = object()


def _w_long(out, n):
    out += (n & 0xFFFFFFFF).to_bytes(4, "little")


def _dump(v, out, depth):
    if depth > 2000:
        raise ValueError("object too deeply nested to marshal")
    t = type(v)
    if v is None:
        out += b"N"
    elif v is True:
        out += b"T"
    elif v is False:
        out += b"F"
    elif v is StopIteration:
        out += b"S"
    elif v is ...:
        out += b"."
    elif t is int:
        if -2**31 <= v < 2**31:
            out += b"i"
            _w_long(out, v)
        else:
            out += b"l"
            a = abs(v)
            digits = []
            while a:
                digits.append(a & 0x7FFF)
                a >>= 15
            _w_long(out, len(digits) if v > 0 else -len(digits))
            for d in digits:
                out += d.to_bytes(2, "little")
    elif t is float:
        import struct
        out += b"g" + struct.pack("<d", v)
    elif t is complex:
        import struct
        out += b"y" + struct.pack("<dd", v.real, v.imag)
    elif t is str:
        b = v.encode("utf-8", "surrogatepass")
        out += b"u"
        _w_long(out, len(b))
        out += b
    elif t in (bytes, bytearray, memoryview):
        b = bytes(v)
        out += b"s"
        _w_long(out, len(b))
        out += b
    elif t in (tuple, list, set, frozenset):
        if t is tuple and len(v) < 256:
            out += b")" + bytes([len(v)])
        else:
            out += {tuple: b"(", list: b"[", set: b"<", frozenset: b">"}[t]
            _w_long(out, len(v))
        for x in v:
            _dump(x, out, depth + 1)
    elif t is dict:
        out += b"{"
        for k, x in v.items():
            _dump(k, out, depth + 1)
            _dump(x, out, depth + 1)
        out += b"0"
    else:
        raise ValueError("unmarshallable object")


def dumps(value, version=version, /):
    out = bytearray()
    _dump(value, out, 0)
    return bytes(out)


def dump(value, file, version=version, /):
    file.write(dumps(value, version))


class _Reader:
    def __init__(self, data):
        self.data = bytes(data)
        self.pos = 0
        self.refs = []

    def take(self, n):
        if self.pos + n > len(self.data):
            raise EOFError("EOF read where object expected")
        b = self.data[self.pos:self.pos + n]
        self.pos += n
        return b

    def long(self):
        return int.from_bytes(self.take(4), "little", signed=True)

    def obj(self):
        code = self.take(1)[0]
        flag = code & 0x80
        c = chr(code & 0x7F)
        if c == "r":
            i = self.long()
            if not 0 <= i < len(self.refs):
                raise ValueError("bad marshal data (invalid reference)")
            return self.refs[i]
        idx = None
        if flag:
            idx = len(self.refs)
            self.refs.append(None)
        v = self.value(c)
        if idx is not None:
            self.refs[idx] = v
        return v

    def seq(self, n):
        return [self.obj() for _ in range(n)]

    def value(self, c):
        import struct
        simple = {"N": None, "T": True, "F": False, "S": StopIteration, ".": ...}
        if c in simple:
            return simple[c]
        if c == "i":
            return self.long()
        if c == "l":
            n = self.long()
            v = 0
            for i in range(abs(n)):
                v |= int.from_bytes(self.take(2), "little") << (15 * i)
            return -v if n < 0 else v
        if c == "g":
            return struct.unpack("<d", self.take(8))[0]
        if c == "y":
            re, im = struct.unpack("<dd", self.take(16))
            return complex(re, im)
        if c in "su":
            b = self.take(self.long())
            return b if c == "s" else b.decode("utf-8", "surrogatepass")
        if c in "at":
            return self.take(self.long()).decode("latin-1")
        if c in "zZ":
            return self.take(self.take(1)[0]).decode("latin-1")
        if c == ")":
            return tuple(self.seq(self.take(1)[0]))
        if c in "([<>":
            items = self.seq(self.long())
            return {"(": tuple, "[": list, "<": set, ">": frozenset}[c](items)
        if c == "{":
            d = {}
            while True:
                if self.data[self.pos:self.pos + 1] == b"0":
                    self.pos += 1
                    return d
                k = self.obj()
                d[k] = self.obj()
        if c == "0":
            raise TypeError("NULL object in marshal data for object")
        raise ValueError("bad marshal data (unknown type code)")


def loads(data, /):
    return _Reader(data).obj()


def load(file, /):
    r = _Reader(file.read())
    v = r.obj()
    if hasattr(file, "seek"):
        file.seek(r.pos - len(r.data), 1)
    return v
