//! `zlib` on the system zlib (through flate2): one-shot `compress`/`decompress`,
//! `crc32`/`adler32`, and `compressobj`/`decompressobj` streams.
//!
//! The stream objects are Python classes holding their input; each call
//! replays the stream through a fresh (de)compressor, so no native state
//! outlives a call (quadratic in the number of calls on one stream, exact).

use super::util::{buf, init_with_native, raise_mod};
use crate::object::value::Value;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};
use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};

const SRC: &str = r#"
class error(Exception):
    pass

MAX_WBITS = 15
DEFLATED = 8
DEF_MEM_LEVEL = 8
DEF_BUF_SIZE = 16384
Z_NO_COMPRESSION = 0
Z_BEST_SPEED = 1
Z_BEST_COMPRESSION = 9
Z_DEFAULT_COMPRESSION = -1
Z_FILTERED = 1
Z_HUFFMAN_ONLY = 2
Z_RLE = 3
Z_FIXED = 4
Z_DEFAULT_STRATEGY = 0
Z_NO_FLUSH = 0
Z_PARTIAL_FLUSH = 1
Z_SYNC_FLUSH = 2
Z_FULL_FLUSH = 3
Z_FINISH = 4
Z_BLOCK = 5
Z_TREES = 6
ZLIB_VERSION = "1.2.13"
ZLIB_RUNTIME_VERSION = "1.2.13"

def _b(data):
    if isinstance(data, bytes):
        return data
    if isinstance(data, (str, int, float)) or data is None:
        raise TypeError("a bytes-like object is required, not '%s'" % type(data).__name__)
    return bytes(data)

def compress(data, /, level=-1, wbits=15):
    return _deflate(level, wbits, None, [(_b(data), 4)])

def decompress(data, /, wbits=15, bufsize=16384):
    if bufsize < 0:
        raise ValueError("bufsize must be non-negative")
    out, used, eof = _inflate(wbits, None, b"", 0, _b(data), 0, False)
    if not eof:
        raise error("Error -5 while decompressing data: incomplete or truncated stream")
    return out

class _Compress:
    def __init__(self, level, wbits, zdict):
        self._args = (level, wbits, zdict)
        self._chunks = []
        self._sent = 0
        self._finished = False
    def compress(self, data):
        if self._finished:
            raise ValueError("Inconsistent stream state")
        data = _b(data)
        if data:
            self._chunks.append((data, 0))
        return b""
    def flush(self, mode=4):
        if mode == 0:
            return b""
        if self._finished:
            return b""
        self._chunks.append((b"", mode))
        out = _deflate(self._args[0], self._args[1], self._args[2], self._chunks)
        r = out[self._sent:]
        self._sent = len(out)
        if mode == 4:
            self._finished = True
        return r
    def copy(self):
        c = _Compress(*self._args)
        c._chunks = list(self._chunks)
        c._sent = self._sent
        c._finished = self._finished
        return c
    __copy__ = copy
    def __deepcopy__(self, memo):
        return self.copy()

class _Decompress:
    def __init__(self, wbits, zdict):
        self._wbits = wbits
        self._zdict = zdict
        self._history = b""
        self._done = 0
        self.unused_data = b""
        self.unconsumed_tail = b""
        self.eof = False
    def decompress(self, data, /, max_length=0):
        if max_length < 0:
            raise ValueError("max_length must be non-negative")
        data = _b(data)
        if self.eof:
            self.unused_data += data
            return b""
        out, used, eof = _inflate(self._wbits, self._zdict, self._history, self._done,
                                  data, max_length, False)
        self._history += data[:used]
        self._done += len(out)
        rest = data[used:]
        if eof:
            self.eof = True
            self.unused_data = rest
            self.unconsumed_tail = b""
        else:
            self.unconsumed_tail = rest
        return out
    @property
    def needs_input(self):
        return not self.eof and not self.unconsumed_tail
    def flush(self, length=16384):
        if length <= 0:
            raise ValueError("length must be greater than zero")
        data = self.unconsumed_tail
        self.unconsumed_tail = b""
        if self.eof:
            return b""
        out, used, eof = _inflate(self._wbits, self._zdict, self._history, self._done,
                                  data, 0, True)
        self._history += data[:used]
        self._done += len(out)
        if eof:
            self.eof = True
            self.unused_data = data[used:]
        return out
    def copy(self):
        d = _Decompress(self._wbits, self._zdict)
        d.__dict__.update(self.__dict__)
        return d
    __copy__ = copy
    def __deepcopy__(self, memo):
        return self.copy()

def compressobj(level=-1, method=8, wbits=15, memLevel=8, strategy=0, zdict=None):
    if method != 8:
        raise ValueError("Invalid initialization option")
    if zdict is not None:
        zdict = _b(zdict)
    _deflate(level, wbits, zdict, [])
    return _Compress(level, wbits, zdict)

def decompressobj(wbits=15, zdict=b""):
    zdict = _b(zdict) if zdict else None
    _inflate(wbits, zdict, b"", 0, b"", 0, False)
    return _Decompress(wbits, zdict)
"#;

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    init_with_native(
        vm,
        d,
        &[
            ("crc32", crc32),
            ("adler32", adler32),
            ("_deflate", deflate),
            ("_inflate", inflate),
        ],
        SRC,
        "<zlib>",
    )
}

fn err(vm: &mut Vm, msg: &str) -> crate::vm::Exc {
    raise_mod(vm, "zlib", "error", msg)
}

fn start(v: Option<Value>, default: u32) -> u32 {
    match v {
        None => default,
        Some(v) => {
            let b = Vm::to_big(v) & num_bigint::BigInt::from(0xffff_ffffu32);
            num_traits::ToPrimitive::to_u32(&b).unwrap_or(0)
        }
    }
}

fn crc32<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check(vm, "crc32", 1, 2)?;
    let data = buf(vm, args.v(vm, 0))?;
    let mut h = crc32fast::Hasher::new_with_initial(start(args.opt_v(vm, 1), 0));
    h.update(&data);
    Ok(vm.new_int(h.finalize() as i64))
}

/// Adler-32 continuing from `s`.
pub fn adler(s: u32, data: &[u8]) -> u32 {
    let (mut a, mut b) = (s & 0xffff, s >> 16);
    for chunk in data.chunks(5552) {
        for &x in chunk {
            a += x as u32;
            b += a;
        }
        a %= 65521;
        b %= 65521;
    }
    b << 16 | a
}

fn adler32<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check(vm, "adler32", 1, 2)?;
    let data = buf(vm, args.v(vm, 0))?;
    Ok(vm.new_int(adler(start(args.opt_v(vm, 1), 1), &data) as i64))
}

/// The container for a `wbits` value: (zlib header, gzip, window bits).
#[derive(Clone, Copy, PartialEq)]
enum Fmt {
    Zlib,
    Raw,
    Gzip,
    Auto,
}

fn wbits_fmt(w: i64, decompress: bool) -> Option<(Fmt, u8)> {
    let bits = |b: i64| if b == 8 { 9 } else { b as u8 };
    match w {
        0 if decompress => Some((Fmt::Zlib, 15)),
        8..=15 => Some((Fmt::Zlib, bits(w))),
        -15..=-8 => Some((Fmt::Raw, bits(-w))),
        24..=31 => Some((Fmt::Gzip, bits(w - 16))),
        40..=47 if decompress => Some((Fmt::Auto, bits(w - 32))),
        _ => None,
    }
}

fn level_of(l: i64) -> Option<Compression> {
    match l {
        -1 => Some(Compression::default()),
        0..=9 => Some(Compression::new(l as u32)),
        _ => None,
    }
}

fn flush_of(m: i64) -> FlushCompress {
    match m {
        0 => FlushCompress::None,
        1 => FlushCompress::Partial,
        2 => FlushCompress::Sync,
        3 => FlushCompress::Full,
        _ => FlushCompress::Finish,
    }
}

/// `_deflate(level, wbits, zdict, [(data, flush_mode), ...])`: the stream's
/// whole output.
fn deflate<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let level = vm.index_of(args.v(vm, 0))?;
    let wbits = vm.index_of(args.v(vm, 1))?;
    let Some(lv) = level_of(level) else {
        return Err(err(vm, "Bad compression level"));
    };
    let Some((fmt, bits)) = wbits_fmt(wbits, false) else {
        return Err(vm.raise_msg(
            crate::object::T::ValueError,
            "Invalid initialization option",
        ));
    };
    let mut c = match fmt {
        Fmt::Gzip => Compress::new_gzip(lv, bits),
        _ => Compress::new_with_window_bits(lv, fmt == Fmt::Zlib, bits),
    };
    if !args.v(vm, 2).is_none() {
        let dict = Vm::as_bytes(args.v(vm, 2)).to_vec();
        if c.set_dictionary(&dict).is_err() {
            return Err(err(
                vm,
                "Error -2 while setting zdict: inconsistent stream state",
            ));
        }
    }
    let chunks = vm.collect(args.v(vm, 3))?;
    let mut out: Vec<u8> = Vec::new();
    for ch in chunks {
        let data = Vm::as_bytes(Vm::tuple_get(ch, 0)).to_vec();
        let mode = flush_of(Vm::int_as_i64(Vm::tuple_get(ch, 1)).unwrap_or(0));
        let base = c.total_in();
        let finish = matches!(mode, FlushCompress::Finish);
        loop {
            let off = (c.total_in() - base) as usize;
            out.reserve(data.len().max(4096));
            let st = c.compress_vec(&data[off..], &mut out, mode);
            let done_in = (c.total_in() - base) as usize == data.len();
            let spare = out.len() < out.capacity();
            match st {
                Ok(Status::StreamEnd) => break,
                Ok(_) if done_in && spare && !finish => break,
                Ok(_) => {}
                Err(_) => {
                    let m = "Error -2 while compressing data: inconsistent stream state";
                    return Err(err(vm, m));
                }
            }
        }
    }
    Ok(vm.new_bytes(&out))
}

/// `_inflate(wbits, zdict, history, skip, data, max_length, final)` →
/// `(output, bytes of data consumed, eof)`: replays `history` (whose first
/// `skip` output bytes were returned already), then inflates `data` giving
/// at most `max_length` (0: any) new bytes.
fn inflate<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let wbits = vm.index_of(args.v(vm, 0))?;
    let Some((mut fmt, bits)) = wbits_fmt(wbits, true) else {
        return Err(vm.raise_msg(
            crate::object::T::ValueError,
            "Invalid initialization option",
        ));
    };
    let zdict = (!args.v(vm, 1).is_none()).then(|| Vm::as_bytes(args.v(vm, 1)).to_vec());
    let history = Vm::as_bytes(args.v(vm, 2)).to_vec();
    let skip = Vm::int_as_i64(args.v(vm, 3)).unwrap_or(0) as usize;
    let data = Vm::as_bytes(args.v(vm, 4)).to_vec();
    let max_len = Vm::int_as_i64(args.v(vm, 5)).unwrap_or(0) as usize;
    if fmt == Fmt::Auto {
        let first = history.first().or(data.first());
        fmt = if first == Some(&0x1f) {
            Fmt::Gzip
        } else {
            Fmt::Zlib
        };
    }
    let mut d = match fmt {
        Fmt::Gzip => Decompress::new_gzip(bits),
        _ => Decompress::new_with_window_bits(fmt == Fmt::Zlib, bits),
    };
    if fmt == Fmt::Raw {
        if let Some(z) = &zdict {
            let _ = d.set_dictionary(z);
        }
    }
    let mut pending = vec![];
    let mut eof = false;
    if !history.is_empty() {
        match run(&mut d, &history, usize::MAX, &zdict, &mut pending) {
            Ok((_, e)) => eof = e,
            Err(m) => return Err(err(vm, &m)),
        }
    }
    let mut out: Vec<u8> = pending.get(skip..).unwrap_or(&[]).to_vec();
    let mut used = 0;
    let cap = if max_len == 0 { usize::MAX } else { max_len };
    if out.len() >= cap {
        out.truncate(cap);
    } else if !eof {
        let mut more = vec![];
        match run(&mut d, &data, cap - out.len(), &zdict, &mut more) {
            Ok((u, e)) => {
                used = u;
                eof = e;
            }
            Err(m) => return Err(err(vm, &m)),
        }
        out.extend(more);
    }
    let o = vm.new_bytes(&out);
    let h = vm.push_root(o);
    let o = vm.root(h);
    vm.pop_roots(h);
    Ok(vm.new_tuple(&[o, Value::int(used as i64), Value::bool(eof)]))
}

/// Inflates `input` into `out` (at most `cap` bytes): (consumed, eof).
fn run(
    d: &mut Decompress,
    input: &[u8],
    cap: usize,
    zdict: &Option<Vec<u8>>,
    out: &mut Vec<u8>,
) -> Result<(usize, bool), String> {
    let base = d.total_in();
    loop {
        let off = (d.total_in() - base) as usize;
        let room = cap - out.len();
        if room == 0 {
            return Ok((off, false));
        }
        let mut chunk = vec![0u8; room.min(65536)];
        let before_in = d.total_in();
        let before_out = d.total_out();
        let st = d.decompress(&input[off..], &mut chunk, FlushDecompress::None);
        let produced = (d.total_out() - before_out) as usize;
        out.extend_from_slice(&chunk[..produced]);
        match st {
            Ok(Status::StreamEnd) => return Ok(((d.total_in() - base) as usize, true)),
            Ok(_) => {
                if d.total_in() == before_in && produced == 0 {
                    return Ok(((d.total_in() - base) as usize, false));
                }
            }
            Err(e) => {
                if e.needs_dictionary().is_some() {
                    match zdict {
                        Some(z) if d.set_dictionary(z).is_ok() => continue,
                        _ => return Err("Error 2 while decompressing data".into()),
                    }
                }
                let m = e.message().unwrap_or("invalid stream").to_string();
                return Err(format!("Error -3 while decompressing data: {m}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn adler_matches_known_values() {
        assert_eq!(super::adler(1, b"hello"), 0x062c0215);
        assert_eq!(super::adler(1, b""), 1);
    }
}
