# _io.FileIO over file descriptors, io.__all__, io.IOBase as an ABC, _pyio
# importable (its classes registered with io's ABCs).
# requires: stdlib
# torture: 50
import io, os, _io, tempfile
print(sorted(n for n in ("open", "BytesIO", "IOBase", "SEEK_END") if n in io.__all__))
import _pyio
print(issubclass(_pyio.BytesIO, io.IOBase), isinstance(io.BytesIO(), io.IOBase))
d = tempfile.mkdtemp()
p = os.path.join(d, "f.bin")
with _io.FileIO(p, "w") as f:
    print(f.mode, f.writable(), f.readable(), f.write(b"hello world"))
f = _io.FileIO(p, "r+")
print(f.mode, f.read(5), f.tell(), f.seek(0, 2), f.read())
f.seek(0)
b = bytearray(4)
print(f.readinto(b), b, f.truncate(4), f.seek(0), f.readall())
f.close()
print(f.closed, repr(f))
try:
    f.read()
except ValueError as e:
    print("ValueError", e)
r, w = os.pipe()
fw = _io.FileIO(w, "wb")
fw.write(b"through a pipe")
fw.close()
fr = _io.FileIO(r, "rb", closefd=True)
print(fr.read(), fr.name == r)
fr.close()
with _io.FileIO(p, "a") as f:
    f.write(b"++")
with _io.FileIO(p) as f:
    print(f.read())
try:
    _io.FileIO(p, "rw")
except ValueError as e:
    print("ValueError", e)
try:
    _io.FileIO(os.path.join(d, "missing"))
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno)
try:
    _io.FileIO(p, "x")
except FileExistsError as e:
    print("FileExistsError", e.errno)
with _pyio.open(p, "rb") as f:
    print(f.read())
os.remove(p)
os.rmdir(d)
