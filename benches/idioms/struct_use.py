# struct pack/unpack of records.
import struct

fmt = struct.Struct("<IhdB")
recs = [fmt.pack(i, i % 3000 - 1500, i / 3, i % 256) for i in range(60000)]
s = 0.0
for r in recs:
    a, b, c, d = fmt.unpack(r)
    s += a + b + c + d
blob = b"".join(recs)
t = 0
for off in range(0, len(blob), fmt.size * 10):
    t += struct.unpack_from("<I", blob, off)[0]
print(round(s, 3), t, struct.calcsize("<IhdB"))
