//! `struct` / `_struct`: every format character, native (`@`) sizes and
//! alignment and the standard ones (`=`, `<`, `>`, `!`), repeat counts,
//! `s`/`p`/`x`, half floats, range checks with CPython's `struct.error`
//! messages; `Struct`, `pack_into`, `unpack_from` and `iter_unpack`.

use super::util::{buf, init_with_native, raise_mod};
use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;
use num_traits::ToPrimitive;

const SRC: &str = r#"
class error(Exception):
    pass

def pack_into(format, buffer, offset, /, *v):
    data = pack(format, *v)
    n = len(buffer)
    if offset < 0:
        if offset + n < 0:
            raise error("offset %d out of range for %d-byte buffer" % (offset, n))
        offset += n
    if n - offset < len(data):
        raise error("pack_into requires a buffer of at least %d bytes for packing %d bytes at offset %d (actual buffer size is %d)" % (len(data) + offset, len(data), offset, n))
    buffer[offset:offset + len(data)] = data

def iter_unpack(format, buffer, /):
    size = calcsize(format)
    if size == 0:
        raise error("cannot iteratively unpack with a struct of length 0")
    data = _as_bytes(buffer)
    if len(data) % size:
        raise error("iterative unpacking requires a buffer of a multiple of %d bytes" % size)
    return iter([unpack(format, data[i:i + size]) for i in range(0, len(data), size)])

class Struct:
    def __init__(self, format):
        if isinstance(format, bytes):
            format = format.decode("ascii")
        self.format = format
        self.size = calcsize(format)
    def pack(self, *v):
        return pack(self.format, *v)
    def pack_into(self, buffer, offset, *v):
        return pack_into(self.format, buffer, offset, *v)
    def unpack(self, buffer):
        return unpack(self.format, buffer)
    def unpack_from(self, buffer, offset=0):
        return unpack_from(self.format, buffer, offset)
    def iter_unpack(self, buffer):
        return iter_unpack(self.format, buffer)
    def __repr__(self):
        return "Struct(%r)" % self.format

def _clearcache():
    pass
"#;

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    init_with_native(
        vm,
        d,
        &[
            ("calcsize", calcsize),
            ("pack", pack),
            ("unpack", unpack),
            ("unpack_from", unpack_from),
            ("_as_bytes", as_bytes),
        ],
        SRC,
        "<struct>",
    )
}

/// One parsed item: code, repeat count (or length for `s`/`p`), offset.
#[derive(Debug, Clone, Copy)]
struct Item {
    code: u8,
    count: usize,
    offset: usize,
}

#[derive(Debug)]
struct Layout {
    native: bool,
    big: bool,
    items: Vec<Item>,
    size: usize,
}

impl Layout {
    /// Number of Python values packed/unpacked.
    fn nvalues(&self) -> usize {
        self.items
            .iter()
            .map(|i| match i.code {
                b'x' => 0,
                b's' | b'p' => 1,
                _ => i.count,
            })
            .sum()
    }
}

fn item_size(code: u8, native: bool) -> Option<usize> {
    Some(match code {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' => {
            if native {
                8
            } else {
                4
            }
        }
        b'q' | b'Q' | b'd' => 8,
        b'n' | b'N' | b'P' if native => 8,
        _ => return None,
    })
}

fn parse(fmt: &str) -> Result<Layout, String> {
    let b = fmt.as_bytes();
    let (native, big, mut i) = match b.first() {
        Some(b'@') => (true, false, 1),
        Some(b'=') => (false, false, 1),
        Some(b'<') => (false, false, 1),
        Some(b'>') | Some(b'!') => (false, true, 1),
        _ => (true, false, 0),
    };
    let mut items = vec![];
    let mut size = 0usize;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let mut count = 1usize;
        if c.is_ascii_digit() {
            let mut n: usize = 0;
            while i < b.len() && b[i].is_ascii_digit() {
                n = n
                    .checked_mul(10)
                    .and_then(|n| n.checked_add((b[i] - b'0') as usize))
                    .ok_or("total struct size too long")?;
                i += 1;
            }
            if i >= b.len() {
                return Err("repeat count given without format specifier".into());
            }
            count = n;
        }
        let code = b[i];
        i += 1;
        let sz = item_size(code, native).ok_or("bad char in struct format")?;
        if native && !matches!(code, b's' | b'p' | b'x' | b'c' | b'b' | b'B' | b'?') {
            size = size.div_ceil(sz) * sz;
        }
        items.push(Item {
            code,
            count,
            offset: size,
        });
        size = count
            .checked_mul(sz)
            .and_then(|n| n.checked_add(size))
            .ok_or("total struct size too long")?;
    }
    Ok(Layout {
        native,
        big,
        items,
        size,
    })
}

fn fmt_arg(vm: &mut Vm, v: Value) -> PyResult<Layout> {
    let s = if Vm::is_str(v) {
        Vm::as_str(v).to_string()
    } else if Vm::is_kind(v, crate::object::layout::Kind::Bytes) {
        String::from_utf8_lossy(Vm::as_bytes(v)).to_string()
    } else {
        let msg = format!(
            "Struct() argument 1 must be a str or bytes object, not {}",
            vm.type_name_of(v)
        );
        return Err(vm.raise_msg(T::TypeError, &msg));
    };
    parse(&s).map_err(|m| raise_mod(vm, "struct", "error", &m))
}

fn calcsize<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check(vm, "calcsize", 1, 1)?;
    let l = fmt_arg(vm, args.v(vm, 0))?;
    Ok(Value::int(l.size as i64))
}

fn as_bytes<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let b = buf(vm, args.v(vm, 0))?;
    Ok(vm.new_bytes(&b))
}

fn int_range(code: u8, native: bool) -> (BigInt, BigInt) {
    let size = item_size(code, native).unwrap_or(8) as u32;
    let signed = code.is_ascii_lowercase();
    if signed {
        let m = BigInt::from(1) << (8 * size - 1);
        (-m.clone(), m - 1)
    } else {
        (BigInt::from(0), (BigInt::from(1) << (8 * size)) - 1)
    }
}

fn range_msg(code: u8, native: bool, lo: &BigInt, hi: &BigInt) -> String {
    match code {
        b'b' => "byte format requires -128 <= number <= 127".into(),
        b'B' => "ubyte format requires 0 <= number <= 255".into(),
        b'h' => "short format requires -32768 <= number <= 32767".into(),
        b'H' => "ushort format requires 0 <= number <= 65535".into(),
        b'i' => format!("'i' format requires {lo} <= number <= {hi}"),
        b'l' if !native => format!("'l' format requires {lo} <= number <= {hi}"),
        _ => "argument out of range".into(),
    }
}

fn pack_int(vm: &mut Vm, v: Value, code: u8, l: &Layout, out: &mut Vec<u8>) -> PyResult<()> {
    let v = if Vm::is_intlike(v) {
        v
    } else if Vm::is_float(v) || Vm::is_str(v) || v.is_none() {
        return Err(raise_mod(
            vm,
            "struct",
            "error",
            "required argument is not an integer",
        ));
    } else {
        let n = vm.intern("__index__");
        match vm.getattr(v, n) {
            Ok(f) => vm.call0(f, &[])?,
            Err(_) => {
                vm.set_root(crate::vm::R_EXC, Value::NONE);
                let m = "required argument is not an integer";
                return Err(raise_mod(vm, "struct", "error", m));
            }
        }
    };
    let x = Vm::to_big(v);
    let (lo, hi) = int_range(code, l.native);
    if x < lo || x > hi {
        let m = range_msg(code, l.native, &lo, &hi);
        return Err(raise_mod(vm, "struct", "error", &m));
    }
    let size = item_size(code, l.native).unwrap_or(8);
    let u = if x.sign() == num_bigint::Sign::Minus {
        (x + (BigInt::from(1) << 64u32)).to_u64().unwrap_or(0)
    } else {
        x.to_u64().unwrap_or(0)
    };
    push_le(out, u, size, l.big);
    Ok(())
}

fn push_le(out: &mut Vec<u8>, u: u64, size: usize, big: bool) {
    let bytes = u.to_le_bytes();
    if big {
        out.extend(bytes[..size].iter().rev());
    } else {
        out.extend_from_slice(&bytes[..size]);
    }
}

fn pack_float(vm: &mut Vm, v: Value, code: u8, l: &Layout, out: &mut Vec<u8>) -> PyResult<()> {
    if !Vm::is_float(v) && !Vm::is_intlike(v) && vm.type_name_of(v) == "str" {
        return Err(raise_mod(
            vm,
            "struct",
            "error",
            "required argument is not a float",
        ));
    }
    let x = vm.to_f64(v)?;
    let bits = match code {
        b'd' => x.to_bits(),
        b'f' => {
            let f = x as f32;
            if f.is_infinite() && x.is_finite() && !l.native {
                let m = "float too large to pack with f format";
                return Err(vm.raise_msg(T::OverflowError, m));
            }
            f.to_bits() as u64
        }
        _ => match crate::modules::struct_half::f64_to_half(x) {
            Some(h) => h as u64,
            None => {
                let m = "float too large to pack with e format";
                return Err(vm.raise_msg(T::OverflowError, m));
            }
        },
    };
    push_le(out, bits, item_size(code, l.native).unwrap_or(8), l.big);
    Ok(())
}

fn pack_one(vm: &mut Vm, v: Value, code: u8, l: &Layout, out: &mut Vec<u8>) -> PyResult<()> {
    match code {
        b'?' => {
            let t = vm.truthy(v)?;
            out.push(t as u8);
        }
        b'c' => {
            let ok = crate::object::layout::Kind::Bytes;
            if !Vm::is_kind(v, ok) || Vm::as_bytes(v).len() != 1 {
                let m = "char format requires a bytes object of length 1";
                return Err(raise_mod(vm, "struct", "error", m));
            }
            out.push(Vm::as_bytes(v)[0]);
        }
        b'e' | b'f' | b'd' => pack_float(vm, v, code, l, out)?,
        _ => pack_int(vm, v, code, l, out)?,
    }
    Ok(())
}

fn pack<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    if args.is_empty() {
        return Err(vm.raise_msg(T::TypeError, "pack expected at least 1 argument, got 0"));
    }
    let l = fmt_arg(vm, args.v(vm, 0))?;
    // the values are read through `args` at each use: packing one may
    // run Python (`__index__`), which moves the others
    let nvals = args.len() - 1;
    if nvals != l.nvalues() {
        let m = format!(
            "pack expected {} items for packing (got {})",
            l.nvalues(),
            nvals
        );
        return Err(raise_mod(vm, "struct", "error", &m));
    }
    let mut out: Vec<u8> = Vec::with_capacity(l.size);
    let mut vi = 0;
    for it in &l.items {
        out.resize(it.offset, 0);
        match it.code {
            b'x' => out.resize(it.offset + it.count, 0),
            b's' | b'p' => {
                let v = args.v(vm, 1 + vi);
                vi += 1;
                if !Vm::is_kind(v, crate::object::layout::Kind::Bytes)
                    && !matches!(vm.type_name_of(v).as_str(), "bytearray")
                {
                    let m = format!("argument for '{}' must be a bytes object", it.code as char);
                    return Err(raise_mod(vm, "struct", "error", &m));
                }
                let data = buf(vm, v)?;
                let mut field = vec![0u8; it.count];
                if it.code == b's' {
                    let n = data.len().min(it.count);
                    field[..n].copy_from_slice(&data[..n]);
                } else if it.count > 0 {
                    let n = data.len().min(it.count - 1).min(255);
                    field[0] = n as u8;
                    field[1..1 + n].copy_from_slice(&data[..n]);
                }
                out.extend(field);
            }
            code => {
                for _ in 0..it.count {
                    pack_one(vm, args.v(vm, 1 + vi), code, &l, &mut out)?;
                    vi += 1;
                }
            }
        }
    }
    Ok(vm.new_bytes(&out))
}

fn read_u(data: &[u8], size: usize, big: bool) -> u64 {
    let mut u = 0u64;
    for k in 0..size {
        let b = if big { data[k] } else { data[size - 1 - k] };
        u = u << 8 | b as u64;
    }
    u
}

fn unpack_at(vm: &mut Vm, l: &Layout, data: &[u8]) -> PyResult {
    let mut out = vec![];
    let base = vm.root_depth();
    for it in &l.items {
        let sz = item_size(it.code, l.native).unwrap_or(1);
        let mut push = |vm: &mut Vm, v: Value| out.push(vm.push_root(v));
        match it.code {
            b'x' => {}
            b's' => {
                let v = vm.new_bytes(&data[it.offset..it.offset + it.count]);
                push(vm, v);
            }
            b'p' => {
                let f = &data[it.offset..it.offset + it.count];
                let n = (f.first().copied().unwrap_or(0) as usize).min(it.count.saturating_sub(1));
                let v = vm.new_bytes(&f[1.min(f.len())..1 + n.min(f.len().saturating_sub(1))]);
                push(vm, v);
            }
            code => {
                for k in 0..it.count {
                    let at = it.offset + k * sz;
                    let u = read_u(&data[at..at + sz], sz, l.big);
                    let v = match code {
                        b'?' => Value::bool(u != 0),
                        b'c' => vm.new_bytes(&[u as u8]),
                        b'd' => vm.new_float(f64::from_bits(u)),
                        b'f' => vm.new_float(f32::from_bits(u as u32) as f64),
                        b'e' => vm.new_float(crate::modules::struct_half::half_to_f64(u as u16)),
                        c if c.is_ascii_lowercase() => {
                            let sh = 64 - 8 * sz as u32;
                            vm.new_int(((u << sh) as i64) >> sh)
                        }
                        _ => vm.new_int_i128(u as i128),
                    };
                    push(vm, v);
                }
            }
        }
    }
    let vals: Vec<Value> = out.iter().map(|h| vm.root(*h)).collect();
    vm.pop_roots(base);
    Ok(vm.new_tuple(&vals))
}

fn unpack<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check(vm, "unpack", 2, 2)?;
    let l = fmt_arg(vm, args.v(vm, 0))?;
    let data = buf(vm, args.v(vm, 1))?;
    if data.len() != l.size {
        let m = format!("unpack requires a buffer of {} bytes", l.size);
        return Err(raise_mod(vm, "struct", "error", &m));
    }
    unpack_at(vm, &l, &data)
}

fn unpack_from<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let l = match super::util::arg(vm, args, 0, "format") {
        Some(f) => fmt_arg(vm, f)?,
        None => {
            return Err(vm.raise_msg(
                T::TypeError,
                "unpack_from() missing required argument 'format' (pos 1)",
            ))
        }
    };
    let data = match super::util::arg(vm, args, 1, "buffer") {
        Some(b) => buf(vm, b)?,
        None => {
            return Err(vm.raise_msg(
                T::TypeError,
                "unpack_from() missing required argument 'buffer' (pos 2)",
            ))
        }
    };
    let mut off = super::util::int_arg(vm, super::util::arg(vm, args, 2, "offset"), 0)?;
    let n = data.len() as i64;
    if off < 0 {
        if off + n < 0 {
            let m = format!("offset {off} out of range for {n}-byte buffer");
            return Err(raise_mod(vm, "struct", "error", &m));
        }
        off += n;
    }
    if n - off < l.size as i64 {
        let m = format!(
            "unpack_from requires a buffer of at least {} bytes for unpacking {} bytes at offset {} (actual buffer size is {})",
            l.size as i64 + off,
            l.size,
            off,
            n
        );
        return Err(raise_mod(vm, "struct", "error", &m));
    }
    let off = off as usize;
    unpack_at(vm, &l, &data[off..off + l.size])
}

#[cfg(test)]
mod tests {
    use super::parse;
    #[test]
    fn sizes_and_alignment() {
        assert_eq!(parse("ci").unwrap().size, 8);
        assert_eq!(parse("<ci").unwrap().size, 5);
        assert_eq!(parse("ic").unwrap().size, 5);
        assert_eq!(parse("c0i").unwrap().size, 4);
        assert_eq!(parse("4s2x").unwrap().size, 6);
        assert!(parse("3").is_err());
        assert!(parse("<P").is_err());
    }
}
