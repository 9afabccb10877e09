# struct pack/unpack of records.
import struct

fmt = "<IhdB"
recs = [struct.pack(fmt, i, i % 3000 - 1500, i / 3, i % 256) for i in range(60000)]
s = 0.0
for r in recs:
    a, b, c, d = struct.unpack(fmt, r)
    s += a + b + c + d
size = struct.calcsize(fmt)
blob = b"".join(recs)
t = 0
for off in range(0, len(blob), size * 10):
    t += struct.unpack("<I", blob[off:off + 4])[0]
print(round(s, 3), t, size)
