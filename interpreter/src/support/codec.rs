//! Text codecs with CPython's results and error reports: utf-8, latin-1,
//! ascii, cp1252, utf-16 and utf-32 (with and without BOM, both byte
//! orders), with the error handlers strict, ignore, replace,
//! backslashreplace, xmlcharrefreplace and namereplace (encoding).
//! surrogateescape/surrogatepass act as `replace` when decoding (pygc's
//! strs hold no lone surrogates) and as `strict` when encoding.

/// A codec failure, as CPython reports it.
#[derive(Debug, Clone, PartialEq)]
pub enum CodecError {
    /// `LookupError("unknown encoding: NAME")`.
    UnknownEncoding(String),
    /// `LookupError("unknown error handler name 'NAME'")`.
    UnknownHandler(String),
    /// `UnicodeEncodeError(encoding, str, start, end, reason)` (char indices).
    Encode {
        enc: &'static str,
        start: usize,
        end: usize,
        reason: String,
    },
    /// `UnicodeDecodeError(encoding, bytes, start, end, reason)`.
    Decode {
        enc: &'static str,
        start: usize,
        end: usize,
        reason: String,
    },
}

type CResult<T> = Result<T, CodecError>;

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Codec {
    Utf8,
    Utf8Sig,
    Latin1,
    Ascii,
    Cp1252,
    Utf16(Option<bool>),
    Utf32(Option<bool>),
}

/// The codec for an encoding name (CPython's normalisation and aliases).
pub fn lookup(name: &str) -> Option<Codec> {
    let n: String = name
        .trim()
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c == '-' || c == ' ' { '_' } else { c })
        .collect();
    Some(match n.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "cp65001" | "utf8_ucs2" | "utf8_ucs4" => Codec::Utf8,
        "utf_8_sig" | "utf8_sig" => Codec::Utf8Sig,
        "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859" | "cp819"
        | "iso_ir_100" | "iso_8859_1:1987" => Codec::Latin1,
        "ascii" | "us_ascii" | "646" | "us" | "ansi_x3.4_1968" | "iso646_us" | "cp367" => {
            Codec::Ascii
        }
        "cp1252" | "windows_1252" | "1252" => Codec::Cp1252,
        "utf_16" | "utf16" | "u16" => Codec::Utf16(None),
        "utf_16_le" | "utf_16le" | "utf16le" => Codec::Utf16(Some(false)),
        "utf_16_be" | "utf_16be" | "utf16be" => Codec::Utf16(Some(true)),
        "utf_32" | "utf32" | "u32" => Codec::Utf32(None),
        "utf_32_le" | "utf_32le" | "utf32le" => Codec::Utf32(Some(false)),
        "utf_32_be" | "utf_32be" | "utf32be" => Codec::Utf32(Some(true)),
        _ => return None,
    })
}

fn codec_name(c: Codec) -> &'static str {
    match c {
        Codec::Utf8 | Codec::Utf8Sig => "utf-8",
        Codec::Latin1 => "latin-1",
        Codec::Ascii => "ascii",
        Codec::Cp1252 => "charmap",
        Codec::Utf16(Some(true)) => "utf-16-be",
        Codec::Utf16(_) => "utf-16-le",
        Codec::Utf32(Some(true)) => "utf-32-be",
        Codec::Utf32(_) => "utf-32-le",
    }
}

const CP1252_HI: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
    0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

fn cp1252_encode_char(c: char) -> Option<u8> {
    let u = c as u32;
    if u < 0x80 || (0xA0..0x100).contains(&u) {
        return Some(u as u8);
    }
    CP1252_HI
        .iter()
        .position(|&x| x != 0 && x as u32 == u)
        .map(|i| 0x80 + i as u8)
}

/// Encodes `s`.
pub fn encode(s: &str, encoding: &str, errors: &str) -> CResult<Vec<u8>> {
    let codec = lookup(encoding).ok_or_else(|| CodecError::UnknownEncoding(encoding.into()))?;
    let mut out = Vec::with_capacity(s.len());
    match codec {
        Codec::Utf8 => return Ok(s.as_bytes().to_vec()),
        Codec::Utf8Sig => {
            out.extend([0xEF, 0xBB, 0xBF]);
            out.extend(s.as_bytes());
            return Ok(out);
        }
        Codec::Utf16(order) => {
            if order.is_none() {
                out.extend([0xFF, 0xFE]);
            }
            let be = order == Some(true);
            for u in s.encode_utf16() {
                out.extend(if be { u.to_be_bytes() } else { u.to_le_bytes() });
            }
            return Ok(out);
        }
        Codec::Utf32(order) => {
            if order.is_none() {
                out.extend([0xFF, 0xFE, 0, 0]);
            }
            let be = order == Some(true);
            for c in s.chars() {
                let u = c as u32;
                out.extend(if be { u.to_be_bytes() } else { u.to_le_bytes() });
            }
            return Ok(out);
        }
        _ => {}
    }
    let (limit, reason) = match codec {
        Codec::Ascii => (0x80, "ordinal not in range(128)"),
        Codec::Latin1 => (0x100, "ordinal not in range(256)"),
        _ => (0, "character maps to <undefined>"),
    };
    let one = |c: char| -> Option<u8> {
        if codec == Codec::Cp1252 {
            cp1252_encode_char(c)
        } else if (c as u32) < limit {
            Some(c as u32 as u8)
        } else {
            None
        }
    };
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if let Some(b) = one(chars[i]) {
            out.push(b);
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < chars.len() && one(chars[end]).is_none() {
            end += 1;
        }
        match errors {
            "ignore" => {}
            "replace" => out.extend(std::iter::repeat_n(b'?', end - i)),
            "backslashreplace" => {
                for c in &chars[i..end] {
                    out.extend(backslash_char(*c).bytes());
                }
            }
            "xmlcharrefreplace" => {
                for c in &chars[i..end] {
                    out.extend(format!("&#{};", *c as u32).bytes());
                }
            }
            "namereplace" => {
                for c in &chars[i..end] {
                    let t = match unicode_names2::name(*c) {
                        Some(n) => format!("\\N{{{n}}}"),
                        None => backslash_char(*c),
                    };
                    out.extend(t.bytes());
                }
            }
            "strict" | "surrogateescape" | "surrogatepass" => {
                return Err(CodecError::Encode {
                    enc: codec_name(codec),
                    start: i,
                    end,
                    reason: reason.into(),
                })
            }
            _ => return Err(CodecError::UnknownHandler(errors.to_string())),
        }
        i = end;
    }
    Ok(out)
}

fn backslash_char(c: char) -> String {
    let u = c as u32;
    if u <= 0xff {
        format!("\\x{u:02x}")
    } else if u <= 0xffff {
        format!("\\u{u:04x}")
    } else {
        format!("\\U{u:08x}")
    }
}

/// Applies a decode error handler to bytes `b[start..end]`; Err for strict.
fn on_decode_error(
    errors: &str,
    enc: &'static str,
    b: &[u8],
    start: usize,
    end: usize,
    reason: &str,
    out: &mut String,
) -> CResult<()> {
    match errors {
        "ignore" => {}
        "replace" | "surrogateescape" | "surrogatepass" => out.push('\u{FFFD}'),
        "backslashreplace" => {
            for x in &b[start..end] {
                out.push_str(&format!("\\x{x:02x}"));
            }
        }
        "strict" => {
            return Err(CodecError::Decode {
                enc,
                start,
                end,
                reason: reason.into(),
            })
        }
        _ => return Err(CodecError::UnknownHandler(errors.to_string())),
    }
    Ok(())
}

/// Decodes `b`; `final_` false leaves an incomplete tail undecoded.
/// Returns the text and the number of bytes consumed.
pub fn decode_partial(
    b: &[u8],
    encoding: &str,
    errors: &str,
    final_: bool,
) -> CResult<(String, usize)> {
    let codec = lookup(encoding).ok_or_else(|| CodecError::UnknownEncoding(encoding.into()))?;
    let enc = codec_name(codec);
    let mut out = String::with_capacity(b.len());
    if codec == Codec::Utf8Sig {
        let skip = if b.starts_with(&[0xEF, 0xBB, 0xBF]) {
            3
        } else {
            0
        };
        let (s, n) = decode_partial(&b[skip..], "utf-8", errors, final_)?;
        return Ok((s, n + skip));
    }
    match codec {
        Codec::Utf8 | Codec::Utf8Sig => {
            let mut i = 0;
            while i < b.len() {
                match std::str::from_utf8(&b[i..]) {
                    Ok(s) => {
                        out.push_str(s);
                        i = b.len();
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        out.push_str(std::str::from_utf8(&b[i..i + good]).unwrap_or(""));
                        let at = i + good;
                        match e.error_len() {
                            None => {
                                if !final_ {
                                    return Ok((out, at));
                                }
                                let r = "unexpected end of data";
                                on_decode_error(errors, enc, b, at, b.len(), r, &mut out)?;
                                i = b.len();
                            }
                            Some(n) => {
                                let x = b[at];
                                let r = if (0x80..0xC2).contains(&x) || x >= 0xF5 {
                                    "invalid start byte"
                                } else {
                                    "invalid continuation byte"
                                };
                                on_decode_error(errors, enc, b, at, at + n, r, &mut out)?;
                                i = at + n;
                            }
                        }
                    }
                }
            }
            Ok((out, b.len()))
        }
        Codec::Latin1 => Ok((b.iter().map(|&x| x as char).collect(), b.len())),
        Codec::Ascii | Codec::Cp1252 => {
            for (i, &x) in b.iter().enumerate() {
                let c = if x < 0x80 {
                    Some(x as char)
                } else if codec == Codec::Cp1252 {
                    match CP1252_HI.get((x - 0x80) as usize) {
                        Some(0) => None,
                        Some(&u) => char::from_u32(u as u32),
                        None => Some(x as char),
                    }
                } else {
                    None
                };
                match c {
                    Some(c) => out.push(c),
                    None => {
                        let r = if codec == Codec::Ascii {
                            "ordinal not in range(128)"
                        } else {
                            "character maps to <undefined>"
                        };
                        on_decode_error(errors, enc, b, i, i + 1, r, &mut out)?;
                    }
                }
            }
            Ok((out, b.len()))
        }
        Codec::Utf16(order) => decode_utf16(b, order, errors, final_),
        Codec::Utf32(order) => decode_utf32(b, order, errors, final_),
    }
}

/// Decodes all of `b`.
pub fn decode(b: &[u8], encoding: &str, errors: &str) -> CResult<String> {
    decode_partial(b, encoding, errors, true).map(|(s, _)| s)
}

fn bom(b: &[u8], order: Option<bool>, n: usize) -> (bool, usize) {
    match order {
        Some(be) => (be, 0),
        None => {
            let le_bom: &[u8] = if n == 2 {
                &[0xFF, 0xFE]
            } else {
                &[0xFF, 0xFE, 0, 0]
            };
            let be_bom: &[u8] = if n == 2 {
                &[0xFE, 0xFF]
            } else {
                &[0, 0, 0xFE, 0xFF]
            };
            if b.starts_with(le_bom) {
                (false, n)
            } else if b.starts_with(be_bom) {
                (true, n)
            } else {
                (false, 0)
            }
        }
    }
}

fn decode_utf16(
    b: &[u8],
    order: Option<bool>,
    errors: &str,
    final_: bool,
) -> CResult<(String, usize)> {
    let (be, mut i) = bom(b, order, 2);
    let enc = if be { "utf-16-be" } else { "utf-16-le" };
    let unit = |i: usize| -> u16 {
        let p = [b[i], b[i + 1]];
        if be {
            u16::from_be_bytes(p)
        } else {
            u16::from_le_bytes(p)
        }
    };
    let mut out = String::new();
    while i + 1 < b.len() {
        let u = unit(i);
        if (0xD800..0xDC00).contains(&u) {
            if i + 3 >= b.len() {
                if !final_ {
                    return Ok((out, i));
                }
                let r = "unexpected end of data";
                on_decode_error(errors, enc, b, i, b.len(), r, &mut out)?;
                return Ok((out, b.len()));
            }
            let v = unit(i + 2);
            if (0xDC00..0xE000).contains(&v) {
                let c = 0x10000 + (((u as u32) - 0xD800) << 10) + (v as u32 - 0xDC00);
                out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                i += 4;
            } else {
                let r = "illegal UTF-16 surrogate";
                on_decode_error(errors, enc, b, i, i + 2, r, &mut out)?;
                i += 2;
            }
        } else if (0xDC00..0xE000).contains(&u) {
            on_decode_error(errors, enc, b, i, i + 2, "illegal encoding", &mut out)?;
            i += 2;
        } else {
            out.push(char::from_u32(u as u32).unwrap_or('\u{FFFD}'));
            i += 2;
        }
    }
    if i < b.len() {
        if !final_ {
            return Ok((out, i));
        }
        on_decode_error(errors, enc, b, i, b.len(), "truncated data", &mut out)?;
    }
    Ok((out, b.len()))
}

fn decode_utf32(
    b: &[u8],
    order: Option<bool>,
    errors: &str,
    final_: bool,
) -> CResult<(String, usize)> {
    let (be, mut i) = bom(b, order, 4);
    let enc = if be { "utf-32-be" } else { "utf-32-le" };
    let mut out = String::new();
    while i + 3 < b.len() {
        let p = [b[i], b[i + 1], b[i + 2], b[i + 3]];
        let u = if be {
            u32::from_be_bytes(p)
        } else {
            u32::from_le_bytes(p)
        };
        match char::from_u32(u) {
            Some(c) => out.push(c),
            None => {
                let r = if (0xD800..0xE000).contains(&u) {
                    "code point in surrogate code point range(0xd800, 0xe000)"
                } else {
                    "code point not in range(0x110000)"
                };
                on_decode_error(errors, enc, b, i, i + 4, r, &mut out)?;
            }
        }
        i += 4;
    }
    if i < b.len() {
        if !final_ {
            return Ok((out, i));
        }
        on_decode_error(errors, enc, b, i, b.len(), "truncated data", &mut out)?;
    }
    Ok((out, b.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let s = "caf\u{e9} \u{20ac}\u{1F600}";
        for e in [
            "utf-8",
            "utf-16",
            "utf-16-le",
            "utf-16-be",
            "utf-32",
            "UTF-32-BE",
            "utf32be",
        ] {
            assert_eq!(
                decode(&encode(s, e, "strict").unwrap(), e, "strict").unwrap(),
                s
            );
        }
        assert_eq!(
            encode("caf\u{e9}", "latin-1", "strict").unwrap(),
            b"caf\xe9".to_vec()
        );
        assert_eq!(
            decode(b"caf\xe9", "latin-1", "strict").unwrap(),
            "caf\u{e9}"
        );
    }

    #[test]
    fn errors_match_cpython() {
        let e = encode("a\u{e9}\u{e8}b", "ascii", "strict").unwrap_err();
        assert_eq!(
            e,
            CodecError::Encode {
                enc: "ascii",
                start: 1,
                end: 3,
                reason: "ordinal not in range(128)".into()
            }
        );
        let d = decode(b"abc\xe2\x82z", "utf-8", "strict").unwrap_err();
        assert!(matches!(
            d,
            CodecError::Decode {
                start: 3,
                end: 5,
                ..
            }
        ));
        assert_eq!(
            encode("a\u{20ac}", "latin-1", "xmlcharrefreplace").unwrap(),
            b"a&#8364;".to_vec()
        );
        assert_eq!(decode(b"a\xffb", "utf-8", "replace").unwrap(), "a\u{FFFD}b");
    }
}
