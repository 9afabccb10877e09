# `_io`: the C half of `io` (importlib's bootstrap and a few tests import it
# directly); the same classes as pygc's native `io`.
import io as _io_mod

for _k, _v in _io_mod.__dict__.items():
    if not _k.startswith("__"):
        globals()[_k] = _v
open = __import__("builtins").open


import os as _os


def _fileio_flags(mode):
    s = set(mode)
    if not s <= set("rwxab+") or len(mode) != len(s):
        raise ValueError("invalid mode: %s" % mode)
    if sum(c in "rwxa" for c in mode) != 1:
        raise ValueError("Must have exactly one of create/read/write/append "
                         "mode and at most one plus")
    rw = "+" in mode
    if "r" in mode:
        flags = _os.O_RDONLY
    elif "w" in mode:
        flags = _os.O_WRONLY | _os.O_CREAT | _os.O_TRUNC
    elif "x" in mode:
        flags = _os.O_WRONLY | _os.O_CREAT | _os.O_EXCL
    else:
        flags = _os.O_WRONLY | _os.O_CREAT | _os.O_APPEND
    if rw:
        flags = (flags & ~(_os.O_RDONLY | _os.O_WRONLY)) | _os.O_RDWR
    return flags


class FileIO(_io_mod.RawIOBase):
    """Raw binary I/O on a file descriptor (os.read/os.write/os.lseek)."""

    def __init__(self, file, mode="r", closefd=True, opener=None):
        if isinstance(file, float):
            raise TypeError("integer argument expected, got float")
        flags = _fileio_flags(mode)
        self._fd = -1
        if isinstance(file, int):
            if file < 0:
                raise ValueError("negative file descriptor")
            fd = file
        else:
            if not closefd:
                raise ValueError("Cannot use closefd=False with file name")
            fd = opener(file, flags) if opener else _os.open(file, flags, 0o666)
            if not isinstance(fd, int) or fd < 0:
                raise ValueError("opener returned %d" % fd)
        self.name = file
        self._fd = fd
        self._closefd = closefd
        self._readable = "r" in mode or "+" in mode
        self._writable = "r" not in mode or "+" in mode
        self._appending = "a" in mode
        self._created = "x" in mode
        if self._appending:
            _os.lseek(fd, 0, 2)

    @property
    def closed(self):
        return self._fd < 0

    @property
    def closefd(self):
        return self._closefd

    @property
    def mode(self):
        if self._created:
            return "xb+" if self._readable else "xb"
        if self._appending:
            return "ab+" if self._readable else "ab"
        if self._readable:
            return "rb+" if self._writable else "rb"
        return "wb"

    def _check(self, ok=True, what="read"):
        if self._fd < 0:
            raise ValueError("I/O operation on closed file")
        if not ok:
            raise _io_mod.UnsupportedOperation("File not open for " + what)
        return self._fd

    def fileno(self):
        return self._check()

    def readable(self):
        self._check()
        return self._readable

    def writable(self):
        self._check()
        return self._writable

    def seekable(self):
        try:
            _os.lseek(self._check(), 0, 1)
        except OSError:
            return False
        return True

    def isatty(self):
        return _os.isatty(self._check())

    def read(self, size=-1):
        fd = self._check(self._readable)
        if size is None or size < 0:
            return self.readall()
        try:
            return _os.read(fd, size)
        except BlockingIOError:
            return None

    def readall(self):
        fd = self._check(self._readable)
        chunks = []
        while True:
            try:
                data = _os.read(fd, 65536)
            except BlockingIOError:
                if chunks:
                    break
                return None
            if not data:
                break
            chunks.append(data)
        return b"".join(chunks)

    def readinto(self, b):
        data = self.read(len(b))
        if data is None:
            return None
        b[:len(data)] = data
        return len(data)

    def write(self, b):
        fd = self._check(self._writable, "writing")
        try:
            return _os.write(fd, b)
        except BlockingIOError:
            return None

    def seek(self, pos, whence=0):
        if isinstance(pos, float):
            raise TypeError("an integer is required")
        return _os.lseek(self._check(), pos, whence)

    def tell(self):
        return _os.lseek(self._check(), 0, 1)

    def truncate(self, size=None):
        fd = self._check(self._writable, "writing")
        if size is None:
            size = self.tell()
        _os.ftruncate(fd, size)
        return size

    def close(self):
        fd, self._fd = self._fd, -1
        if fd >= 0 and self._closefd:
            _os.close(fd)

    def __del__(self):
        if getattr(self, "_fd", -1) >= 0 and self._closefd:
            try:
                _os.close(self._fd)
            except OSError:
                pass

    def __repr__(self):
        if self._fd < 0:
            return "<_io.FileIO [closed]>"
        return "<_io.FileIO name=%r mode=%r closefd=%r>" % (
            self.name, self.mode, self._closefd)


del _k, _v
