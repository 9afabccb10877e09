# requires: stdlib
# torture: 1000
# binascii, zlib, the hash modules via hashlib/hmac, base64 and gzip (issue 17).
import binascii, zlib, hashlib, base64, hmac, gzip, io
print(binascii.hexlify(b"\x00\xffab"), binascii.unhexlify("00ff6162"), binascii.b2a_hex(b"abc", "-"))
print(binascii.b2a_base64(b"hello world"), binascii.a2b_base64(b"aGVsbG8gd29ybGQ=\n"))
print(binascii.crc32(b"hello"), binascii.crc32(b"world", 123), binascii.crc_hqx(b"hello", 0))
for bad in ["abc", "zz"]:
    try:
        binascii.unhexlify(bad)
    except binascii.Error as e:
        print("Error", e)
try:
    binascii.a2b_base64(b"aGVsbG8")
except binascii.Error as e:
    print("Error", e)
print(base64.b64encode(b"data\x00\x01"), base64.b64decode("ZGF0YQABAg=="), base64.b32encode(b"abc"), base64.b16decode("616263"))
print(base64.urlsafe_b64encode(b"\xff\xfe\xfd"), base64.a85encode(b"hello"), base64.b85encode(b"hello"))
data = b"hello hello hello hello " * 50
c = zlib.compress(data)
print(len(c), c[:10], zlib.decompress(c) == data, zlib.crc32(data), zlib.adler32(data))
print(zlib.compress(b"abc", 9), zlib.compress(b"abc", wbits=-15), zlib.compress(b"abc", wbits=31)[10:])
co = zlib.compressobj(6, zlib.DEFLATED, -15)
out = co.compress(data[:100]) + co.compress(data[100:]) + co.flush()
print(out == zlib.compress(data, 6, -15))
do = zlib.decompressobj(-15)
res = b""
for i in range(0, len(out), 7):
    res += do.decompress(out[i:i+7])
res += do.flush()
print(res == data, do.eof)
do = zlib.decompressobj()
part = do.decompress(c + b"extra", 10)
print(part, len(do.unconsumed_tail))
try:
    zlib.decompress(b"garbage")
except zlib.error as e:
    print("zlib.error", e)
try:
    zlib.decompress(c[:-5])
except zlib.error as e:
    print("zlib.error", e)
print(gzip.decompress(gzip.compress(data, mtime=0)) == data, gzip.compress(b"x", mtime=0))
bio = io.BytesIO()
with gzip.GzipFile(fileobj=bio, mode="wb", mtime=0) as f:
    f.write(data)
print(len(bio.getvalue()))
for n in ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_256", "blake2b", "blake2s"]:
    h = hashlib.new(n)
    h.update(b"abc")
    h2 = h.copy()
    h2.update(b"def")
    print(n, h.hexdigest()[:32], h2.hexdigest()[:32], h.digest_size, h.block_size, h.name)
print(hashlib.sha256(b"x").hexdigest(), hashlib.md5(b"x", usedforsecurity=False).hexdigest())
print(hashlib.shake_128(b"abc").hexdigest(10), hashlib.blake2b(b"abc", digest_size=16).hexdigest())
print(hashlib.blake2b(b"abc", key=b"secret").hexdigest()[:20])
print(sorted(hashlib.algorithms_guaranteed))
print(hmac.new(b"key", b"msg", "sha256").hexdigest(), hmac.compare_digest(b"a", b"a"))
print(hmac.digest(b"key", b"msg", "md5"))
