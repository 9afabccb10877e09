//! The rest of `io` beyond StringIO and text files: the constants, the ABC
//! hierarchy (`IOBase`, `RawIOBase`, `BufferedIOBase`, `TextIOBase`), a full
//! `BytesIO`, `BufferedReader`/`BufferedWriter`/`BufferedRandom` over a raw
//! stream and `TextIOWrapper` over a binary one (Python classes).

pub const IO_CLASSES_SRC: &str = r#"
DEFAULT_BUFFER_SIZE = 8192
SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2

class UnsupportedOperation(OSError, ValueError):
    pass

BlockingIOError = BlockingIOError

import abc as _abc

class IOBase(metaclass=_abc.ABCMeta):
    closed = False
    def close(self):
        self.closed = True
    def flush(self):
        if self.closed:
            raise ValueError("I/O operation on closed file.")
    def readable(self):
        return False
    def writable(self):
        return False
    def seekable(self):
        return False
    def isatty(self):
        return False
    def fileno(self):
        raise UnsupportedOperation("fileno")
    def _checkClosed(self, msg=None):
        if self.closed:
            raise ValueError("I/O operation on closed file." if msg is None else msg)
    def _checkReadable(self, msg=None):
        if not self.readable():
            raise UnsupportedOperation("File or stream is not readable."
                                       if msg is None else msg)
    def _checkWritable(self, msg=None):
        if not self.writable():
            raise UnsupportedOperation("File or stream is not writable."
                                       if msg is None else msg)
    def _checkSeekable(self, msg=None):
        if not self.seekable():
            raise UnsupportedOperation("File or stream is not seekable."
                                       if msg is None else msg)
    def __enter__(self):
        self._checkClosed()
        return self
    def __exit__(self, *args):
        self.close()
    def __iter__(self):
        self._checkClosed()
        return self
    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line
    def readlines(self, hint=-1):
        lines = []
        n = 0
        for line in self:
            lines.append(line)
            n += len(line)
            if 0 < hint <= n:
                break
        return lines
    def writelines(self, lines):
        for line in lines:
            self.write(line)

class RawIOBase(IOBase):
    def read(self, size=-1):
        if size is None or size < 0:
            return self.readall()
        b = bytearray(size)
        n = self.readinto(b)
        return None if n is None else bytes(b[:n])
    def readall(self):
        res = bytearray()
        while True:
            data = self.read(DEFAULT_BUFFER_SIZE)
            if not data:
                break
            res += data
        return bytes(res)
    def readline(self, size=-1):
        res = bytearray()
        while size is None or size < 0 or len(res) < size:
            b = self.read(1)
            if not b:
                break
            res += b
            if b == b"\n":
                break
        return bytes(res)

class BufferedIOBase(IOBase):
    pass

class TextIOBase(IOBase):
    encoding = None
    errors = None
    newlines = None

class BytesIO(BufferedIOBase):
    def __init__(self, initial_bytes=b""):
        self._buf = bytes(initial_bytes) if initial_bytes is not None else b""
        self._pos = 0
        self.closed = False
    def getvalue(self):
        self._checkClosed()
        return self._buf
    def getbuffer(self):
        return memoryview(self._buf)
    def readable(self):
        return True
    def writable(self):
        return True
    def seekable(self):
        return True
    def read(self, size=-1):
        self._checkClosed()
        if size is None or size < 0:
            size = len(self._buf)
        r = self._buf[self._pos:self._pos + size]
        self._pos += len(r)
        return r
    read1 = read
    def readinto(self, b):
        data = self.read(len(b))
        b[:len(data)] = data
        return len(data)
    def readline(self, size=-1):
        self._checkClosed()
        i = self._buf.find(b"\n", self._pos)
        end = len(self._buf) if i < 0 else i + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        r = self._buf[self._pos:end]
        self._pos = end
        return r
    def write(self, b):
        self._checkClosed()
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        b = bytes(b)
        n = len(b)
        if self._pos > len(self._buf):
            self._buf += b"\0" * (self._pos - len(self._buf))
        self._buf = self._buf[:self._pos] + b + self._buf[self._pos + n:]
        self._pos += n
        return n
    def seek(self, pos, whence=0):
        self._checkClosed()
        if whence == 0:
            if pos < 0:
                raise ValueError("negative seek value %d" % pos)
            self._pos = pos
        elif whence == 1:
            self._pos = max(0, self._pos + pos)
        elif whence == 2:
            self._pos = max(0, len(self._buf) + pos)
        else:
            raise ValueError("invalid whence (%d, should be 0, 1 or 2)" % whence)
        return self._pos
    def tell(self):
        self._checkClosed()
        return self._pos
    def truncate(self, size=None):
        self._checkClosed()
        size = self._pos if size is None else size
        self._buf = self._buf[:size]
        return size

class _BufferedBase(BufferedIOBase):
    def __init__(self, raw, buffer_size=DEFAULT_BUFFER_SIZE):
        self.raw = raw
        self.buffer_size = buffer_size
    @property
    def closed(self):
        return self.raw.closed
    @property
    def name(self):
        return self.raw.name
    @property
    def mode(self):
        return self.raw.mode
    def close(self):
        if not self.raw.closed:
            self.flush()
            self.raw.close()
    def detach(self):
        raw = self.raw
        self.raw = None
        return raw
    def fileno(self):
        return self.raw.fileno()
    def seekable(self):
        return self.raw.seekable()
    def readable(self):
        return self.raw.readable()
    def writable(self):
        return self.raw.writable()
    def seek(self, pos, whence=0):
        return self.raw.seek(pos, whence)
    def tell(self):
        return self.raw.tell()
    def truncate(self, size=None):
        return self.raw.truncate(size)
    def flush(self):
        f = getattr(self.raw, "flush", None)
        if f is not None:
            f()
    def read(self, size=-1):
        return self.raw.read(size)
    def read1(self, size=-1):
        return self.raw.read(size)
    def peek(self, size=0):
        pos = self.raw.tell()
        r = self.raw.read(max(size, 1))
        self.raw.seek(pos)
        return r
    def readinto(self, b):
        return self.raw.readinto(b)
    def readline(self, size=-1):
        return self.raw.readline(size)
    def write(self, b):
        return self.raw.write(b)

class BufferedReader(_BufferedBase):
    pass

class BufferedWriter(_BufferedBase):
    pass

class BufferedRandom(_BufferedBase):
    pass

class BufferedRWPair(BufferedIOBase):
    def __init__(self, reader, writer, buffer_size=DEFAULT_BUFFER_SIZE):
        if not reader.readable():
            raise UnsupportedOperation('"reader" argument must be readable.')
        if not writer.writable():
            raise UnsupportedOperation('"writer" argument must be writable.')
        self.reader = BufferedReader(reader, buffer_size)
        self.writer = BufferedWriter(writer, buffer_size)
    def read(self, size=-1):
        return self.reader.read(size)
    def read1(self, size=-1):
        return self.reader.read1(size)
    def readinto(self, b):
        return self.reader.readinto(b)
    def readline(self, size=-1):
        return self.reader.readline(size)
    def write(self, b):
        return self.writer.write(b)
    def flush(self):
        return self.writer.flush()
    def readable(self):
        return self.reader.readable()
    def writable(self):
        return self.writer.writable()
    def isatty(self):
        return self.reader.raw.isatty() or self.writer.raw.isatty()
    @property
    def closed(self):
        return self.writer.closed
    def close(self):
        try:
            self.writer.close()
        finally:
            self.reader.close()

class TextIOWrapper(TextIOBase):
    def __init__(self, buffer, encoding=None, errors=None, newline=None,
                 line_buffering=False, write_through=False):
        self.buffer = buffer
        self.encoding = "utf-8" if encoding in (None, "locale") else encoding
        self.errors = errors or "strict"
        self._newline = newline
        self.line_buffering = line_buffering
        self._pending = ""
    @property
    def closed(self):
        return self.buffer.closed
    @property
    def name(self):
        return self.buffer.name
    def readable(self):
        return self.buffer.readable()
    def writable(self):
        return self.buffer.writable()
    def seekable(self):
        return self.buffer.seekable()
    def fileno(self):
        return self.buffer.fileno()
    def detach(self):
        b = self.buffer
        self.buffer = None
        return b
    def _translate(self, s):
        if self._newline is None:
            return s.replace("\r\n", "\n").replace("\r", "\n")
        return s
    def _fill(self):
        data = self.buffer.read()
        if data:
            self._pending += self._translate(data.decode(self.encoding, self.errors))
    def read(self, size=-1):
        self._fill()
        if size is None or size < 0:
            r, self._pending = self._pending, ""
        else:
            r, self._pending = self._pending[:size], self._pending[size:]
        return r
    def readline(self, size=-1):
        self._fill()
        i = self._pending.find("\n")
        end = len(self._pending) if i < 0 else i + 1
        if size is not None and size >= 0:
            end = min(end, size)
        r, self._pending = self._pending[:end], self._pending[end:]
        return r
    def write(self, s):
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not %s" % type(s).__name__)
        t = s
        if self._newline not in (None, "", "\n"):
            t = t.replace("\n", self._newline)
        self.buffer.write(t.encode(self.encoding, self.errors))
        if self.line_buffering and "\n" in s:
            self.flush()
        return len(s)
    def flush(self):
        self.buffer.flush()
    def close(self):
        if not self.buffer.closed:
            self.flush()
            self.buffer.close()
    def seek(self, pos, whence=0):
        self._pending = ""
        return self.buffer.seek(pos, whence)
    def tell(self):
        return self.buffer.tell() - len(self._pending.encode(self.encoding))
    def truncate(self, size=None):
        return self.buffer.truncate(size)
    def reconfigure(self, **kw):
        for k, v in kw.items():
            if k == "newline":
                self._newline = v
            elif k in ("encoding", "errors", "line_buffering"):
                setattr(self, k, v)

class IncrementalNewlineDecoder:
    def __init__(self, decoder, translate, errors="strict"):
        self.decoder = decoder
        self.translate = translate
        self.errors = errors
        self._cr = False
    def decode(self, input, final=False):
        out = self.decoder.decode(input, final=final) if self.decoder else input
        if self._cr:
            out = "\r" + out
            self._cr = False
        if out.endswith("\r") and not final:
            out = out[:-1]
            self._cr = True
        if self.translate:
            out = out.replace("\r\n", "\n").replace("\r", "\n")
        return out
    def getstate(self):
        return (b"", int(self._cr))
    def setstate(self, state):
        self._cr = bool(state[1] & 1)
    def reset(self):
        self._cr = False
        if self.decoder:
            self.decoder.reset()

class _BinaryFile(BytesIO):
    def __init__(self, name, mode, data):
        BytesIO.__init__(self, data)
        self.name = name
        self.mode = mode
        if "a" in mode:
            self.seek(0, 2)
    def readable(self):
        return "r" in self.mode or "+" in self.mode
    def writable(self):
        return "r" not in self.mode or "+" in self.mode
    def fileno(self):
        raise UnsupportedOperation("fileno")
    def close(self):
        if not self.closed and self.writable():
            _write_bytes(self.name, self.getvalue())
        self.closed = True

def open_code(path):
    return _BinaryFile(path, "rb", _read_bytes(path))

def text_encoding(encoding, stacklevel=2):
    return "utf-8" if encoding is None else encoding

def _tf_flush(self):
    pass
def _tf_true(self):
    return True
def _tf_false(self):
    return False
for _c in (StringIO, TextFile):
    for _n, _f in (("flush", _tf_flush), ("readable", _tf_true), ("writable", _tf_true),
                   ("seekable", _tf_true), ("isatty", _tf_false)):
        if not hasattr(_c, _n):
            setattr(_c, _n, _f)
TextFile.encoding = "utf-8"
TextFile.errors = "strict"
StringIO.encoding = None
del _c, _n, _f

if "open" not in globals():
    open = __import__("builtins").open

__all__ = [_n for _n in (
    "BlockingIOError", "open", "open_code", "IOBase", "RawIOBase", "FileIO",
    "BytesIO", "StringIO", "BufferedIOBase", "BufferedReader", "BufferedWriter",
    "BufferedRWPair", "BufferedRandom", "TextIOBase", "TextIOWrapper",
    "UnsupportedOperation", "SEEK_SET", "SEEK_CUR", "SEEK_END",
    "DEFAULT_BUFFER_SIZE", "text_encoding", "IncrementalNewlineDecoder")
    if _n in globals()]
"#;
