# Building bytes: bytearray appends, join, slicing, hex.
buf = bytearray()
for i in range(300000):
    buf.append(i & 0xFF)
    if i % 1000 == 0:
        buf += b"--"
parts = [bytes([i % 256, (i * 3) % 256]) for i in range(50000)]
blob = b"".join(parts)
s = sum(buf[::97]) + blob[::7].hex().count("0") + len(blob.hex())
print(len(buf), s)
