//! `binascii`: hex, base64, quoted-printable-free conversions and CRCs, with
//! CPython's arguments, results and `binascii.Error` messages.

use super::util::{arg, ascii_buf, bool_arg, buf, init_with_native, int_arg, raise_mod};
use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};

const SRC: &str = r#"
class Error(ValueError):
    pass

class Incomplete(Exception):
    pass

a2b_hex = unhexlify
b2a_hex = hexlify
"#;

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    init_with_native(
        vm,
        d,
        &[
            ("hexlify", hexlify),
            ("unhexlify", unhexlify),
            ("b2a_base64", b2a_base64),
            ("a2b_base64", a2b_base64),
            ("crc32", crc32),
            ("crc_hqx", crc_hqx),
            ("b2a_uu", b2a_uu),
            ("a2b_uu", a2b_uu),
        ],
        SRC,
        "<binascii>",
    )
}

fn err(vm: &mut Vm, msg: &str) -> crate::vm::Exc {
    raise_mod(vm, "binascii", "Error", msg)
}

/// `hexlify(data, sep=None, bytes_per_sep=1)` (also `bytes.hex`'s rules).
fn hexlify<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let data = match arg(vm, args, 0, "data") {
        Some(v) => buf(vm, v)?,
        None => {
            return Err(vm.raise_msg(
                T::TypeError,
                "hexlify() missing required argument 'data' (pos 1)",
            ))
        }
    };
    let sep = match arg(vm, args, 1, "sep") {
        Some(v) if !v.is_none() => {
            let s: Vec<u8> = if Vm::is_str(v) {
                Vm::as_str(v).as_bytes().to_vec()
            } else {
                buf(vm, v)?
            };
            if s.len() != 1 || !s[0].is_ascii() {
                return Err(vm.raise_msg(T::ValueError, "sep must be length 1."));
            }
            Some(s[0])
        }
        _ => None,
    };
    let per = int_arg(vm, arg(vm, args, 2, "bytes_per_sep"), 1)?;
    let hex = hex_with_sep(&data, sep, per);
    Ok(vm.new_bytes(hex.as_bytes()))
}

/// Hex digits of `data`, `sep` every `per` bytes counted from the right
/// (from the left when `per` is negative).
pub fn hex_with_sep(data: &[u8], sep: Option<u8>, per: i64) -> String {
    let digits: Vec<String> = data.iter().map(|b| format!("{b:02x}")).collect();
    let Some(sep) = sep.filter(|_| per != 0 && !data.is_empty()) else {
        return digits.concat();
    };
    let n = per.unsigned_abs() as usize;
    let len = data.len();
    let mut out = String::new();
    for (i, d) in digits.iter().enumerate() {
        if i > 0 {
            let boundary = if per > 0 {
                (len - i).is_multiple_of(n)
            } else {
                i % n == 0
            };
            if boundary {
                out.push(sep as char);
            }
        }
        out.push_str(d);
    }
    out
}

fn unhexlify<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let Some(v) = arg(vm, args, 0, "hexstr") else {
        return Err(vm.raise_msg(
            T::TypeError,
            "unhexlify() missing required argument 'hexstr' (pos 1)",
        ));
    };
    let s = ascii_buf(vm, v)?;
    if s.len() % 2 != 0 {
        return Err(err(vm, "Odd-length string"));
    }
    let mut out = Vec::with_capacity(s.len() / 2);
    for p in s.chunks(2) {
        let hi = (p[0] as char).to_digit(16);
        let lo = (p[1] as char).to_digit(16);
        match (hi, lo) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => return Err(err(vm, "Non-hexadecimal digit found")),
        }
    }
    Ok(vm.new_bytes(&out))
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn b64encode(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len().div_ceil(3) * 4 + 1);
    for c in data.chunks(3) {
        let n = (c[0] as u32) << 16
            | (*c.get(1).unwrap_or(&0) as u32) << 8
            | *c.get(2).unwrap_or(&0) as u32;
        out.push(B64[(n >> 18) as usize & 63]);
        out.push(B64[(n >> 12) as usize & 63]);
        out.push(if c.len() > 1 {
            B64[(n >> 6) as usize & 63]
        } else {
            b'='
        });
        out.push(if c.len() > 2 {
            B64[n as usize & 63]
        } else {
            b'='
        });
    }
    out
}

fn b2a_base64<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let Some(v) = arg(vm, args, 0, "data") else {
        return Err(vm.raise_msg(
            T::TypeError,
            "b2a_base64() missing required argument 'data' (pos 1)",
        ));
    };
    let data = buf(vm, v)?;
    let nl = bool_arg(vm, args.kwarg_v(vm, "newline"), true)?;
    let mut out = b64encode(&data);
    if nl {
        out.push(b'\n');
    }
    Ok(vm.new_bytes(&out))
}

fn b64val(c: u8) -> Option<u8> {
    B64.iter().position(|&x| x == c).map(|p| p as u8)
}

/// CPython's `a2b_base64` algorithm (non-strict: other characters skipped).
pub fn b64decode(s: &[u8], strict: bool) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    let (mut quad, mut pads, mut left) = (0u32, 0u32, 0u8);
    let mut padding_started = false;
    if strict && s.first() == Some(&b'=') {
        return Err("Leading padding not allowed".into());
    }
    for (i, &ch) in s.iter().enumerate() {
        if ch == b'=' {
            padding_started = true;
            pads += 1;
            if quad >= 2 && quad + pads >= 4 {
                if strict && i + 1 < s.len() {
                    return Err("Excess data after padding".into());
                }
                return Ok(out);
            }
            continue;
        }
        let Some(v) = b64val(ch) else {
            if strict {
                return Err("Only base64 data is allowed".into());
            }
            continue;
        };
        if strict && padding_started {
            return Err("Discontinuous padding not allowed".into());
        }
        pads = 0;
        match quad {
            0 => {
                quad = 1;
                left = v;
            }
            1 => {
                quad = 2;
                out.push(left << 2 | v >> 4);
                left = v & 0x0f;
            }
            2 => {
                quad = 3;
                out.push(left << 4 | v >> 2);
                left = v & 0x03;
            }
            _ => {
                quad = 0;
                out.push(left << 6 | v);
                left = 0;
            }
        }
    }
    match quad {
        0 => Ok(out),
        1 => Err(format!(
            "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more than a multiple of 4",
            out.len() / 3 * 4 + 1
        )),
        _ => Err("Incorrect padding".into()),
    }
}

fn a2b_base64<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let Some(v) = arg(vm, args, 0, "data") else {
        return Err(vm.raise_msg(
            T::TypeError,
            "a2b_base64() missing required argument 'data' (pos 1)",
        ));
    };
    let s = ascii_buf(vm, v)?;
    let strict = bool_arg(vm, args.kwarg_v(vm, "strict_mode"), false)?;
    match b64decode(&s, strict) {
        Ok(out) => Ok(vm.new_bytes(&out)),
        Err(m) => Err(err(vm, &m)),
    }
}

/// The starting CRC argument as an unsigned 32-bit value.
fn crc_start(vm: &mut Vm, v: Option<Value>) -> PyResult<u32> {
    match v {
        None => Ok(0),
        Some(v) => {
            let b = Vm::to_big(v);
            let m = b & num_bigint::BigInt::from(0xffff_ffffu32);
            let _ = vm;
            Ok(num_traits::ToPrimitive::to_u32(&m).unwrap_or(0))
        }
    }
}

fn crc32<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check_pos(vm, "crc32", 1, 2)?;
    let data = buf(vm, args.v(vm, 0))?;
    let start = crc_start(vm, args.opt_v(vm, 1))?;
    let mut h = crc32fast::Hasher::new_with_initial(start);
    h.update(&data);
    Ok(vm.new_int(h.finalize() as i64))
}

fn crc_hqx<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check(vm, "crc_hqx", 2, 2)?;
    let data = buf(vm, args.v(vm, 0))?;
    let mut crc = (crc_start(vm, Some(args.v(vm, 1)))? & 0xffff) as u16;
    for &b in &data {
        crc ^= (b as u16) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                crc << 1 ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    Ok(Value::int(crc as i64))
}

fn b2a_uu<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let data = buf(vm, args.v(vm, 0))?;
    let backtick = bool_arg(vm, args.kwarg_v(vm, "backtick"), false)?;
    if data.len() > 45 {
        return Err(err(vm, "At most 45 bytes at once"));
    }
    let enc = |v: u32| -> u8 {
        if backtick && v == 0 {
            b'`'
        } else {
            b' ' + v as u8
        }
    };
    let mut out = vec![enc(data.len() as u32)];
    for c in data.chunks(3) {
        let n = (c[0] as u32) << 16
            | (*c.get(1).unwrap_or(&0) as u32) << 8
            | *c.get(2).unwrap_or(&0) as u32;
        for sh in [18, 12, 6, 0] {
            out.push(enc(n >> sh & 63));
        }
    }
    out.push(b'\n');
    Ok(vm.new_bytes(&out))
}

fn a2b_uu<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let s = ascii_buf(vm, args.v(vm, 0))?;
    let s: Vec<u8> = s
        .into_iter()
        .take_while(|&c| c != b'\n' && c != b'\r')
        .collect();
    let Some(&first) = s.first() else {
        return Ok(vm.new_bytes(&[0u8; 32]));
    };
    let n = ((first.wrapping_sub(b' ')) & 63) as usize;
    let mut bits: Vec<u8> = vec![];
    for &c in &s[1..] {
        if !(b' '..=b'`').contains(&c) {
            return Err(err(vm, "Illegal char"));
        }
        bits.push((c.wrapping_sub(b' ')) & 63);
    }
    let mut out = vec![];
    let mut i = 0;
    while out.len() < n {
        let g = |j: usize| *bits.get(i + j).unwrap_or(&0) as u32;
        let v = g(0) << 18 | g(1) << 12 | g(2) << 6 | g(3);
        for sh in [16, 8, 0] {
            if out.len() < n {
                out.push((v >> sh) as u8);
            }
        }
        i += 4;
    }
    Ok(vm.new_bytes(&out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trip_and_errors() {
        assert_eq!(b64encode(b"hello"), b"aGVsbG8=".to_vec());
        assert_eq!(b64decode(b"aGVsbG8=", false).unwrap(), b"hello".to_vec());
        assert_eq!(b64decode(b"aGVs\nbG8=", false).unwrap(), b"hello".to_vec());
        assert_eq!(
            b64decode(b"aGVsbG8", false).unwrap_err(),
            "Incorrect padding"
        );
        assert!(b64decode(b"a", false).unwrap_err().contains("(1)"));
    }

    #[test]
    fn hex_separators() {
        assert_eq!(hex_with_sep(b"\x01\x02\x03", Some(b':'), 2), "01:0203");
        assert_eq!(hex_with_sep(b"\x01\x02\x03", Some(b':'), -2), "0102:03");
        assert_eq!(hex_with_sep(b"\xab", None, 1), "ab");
    }
}
