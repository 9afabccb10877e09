# struct: formats, native alignment, counts, range checks and errors (issue 17).
import struct
print(struct.calcsize('ci'), struct.calcsize('<ci'), struct.calcsize('ic'), struct.calcsize('c0i'), struct.calcsize('@qhc'), struct.calcsize('=l'), struct.calcsize('l'))
print(struct.pack('5p', b'ab'), struct.pack('bx?3s', 1, 2, b'abcd'), struct.pack('>hHiIqQ', -2, 2, -3, 3, -4, 4))
print(struct.pack('<e', 1.5), struct.pack('>f', 0.1), struct.pack('d', -2.5), struct.pack('c', b'z'), struct.pack('4s', b'ab'))
print(struct.unpack('<hHiIqQ', struct.pack('<hHiIqQ', -2, 2, -3, 3, -4, 2**64 - 1)))
print(struct.unpack('>e', b'\x3c\x00'), struct.unpack('<f', struct.pack('<f', 0.1)), struct.unpack('5p', b'\x02abcd'))
print(struct.unpack('?c2s', b'\x05xyz'), struct.unpack('@bi', struct.pack('@bi', -1, 7)))
s = struct.Struct('<2I')
print(s.size, s.format, s.pack(1, 2), s.unpack(b'\x01\x00\x00\x00\x02\x00\x00\x00'), s.unpack_from(b'xx\x01\x00\x00\x00\x02\x00\x00\x00', 2))
print(list(struct.iter_unpack('<H', b'\x01\x00\x02\x00\x03\x00')))
ba = bytearray(8)
struct.pack_into('<I', ba, 2, 0xdeadbeef)
print(ba)
print(struct.pack('!I', 1), struct.pack('n', 5), struct.unpack('N', struct.pack('N', 9)))
for f, v in [('b', 200), ('B', -1), ('h', 70000), ('H', -1), ('i', 2**31), ('I', -1), ('<l', 2**32), ('q', 2**63), ('i', 'x'), ('i', 1.5), ('c', b'ab'), ('s', 'x')]:
    try:
        struct.pack(f, v)
    except struct.error as e:
        print(f, 'error:', e)
for f in ['3', 'z', '<P']:
    try:
        struct.calcsize(f)
    except struct.error as e:
        print(repr(f), 'error:', e)
for call in [lambda: struct.unpack('i', b'abc'), lambda: struct.pack('ii', 1), lambda: struct.unpack_from('i', b'abc', 1),
             lambda: struct.pack_into('i', bytearray(3), 1, 5), lambda: struct.unpack_from('i', b'abcdef', -9)]:
    try:
        call()
    except struct.error as e:
        print('error:', e)
try:
    struct.pack('<e', 1e10)
except OverflowError as e:
    print('OverflowError:', e)
class Idx:
    def __index__(self):
        return 42
print(struct.pack('<i', Idx()), struct.pack('<Q', True))
