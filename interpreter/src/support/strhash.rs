//! Deterministic string/bytes hashing: SipHash-1-3 with an all-zero key,
//! fed exactly the bytes CPython 3.11 hashes.  The results therefore equal
//! `hash(x)` of CPython run with `PYTHONHASHSEED=0`, which keeps dict/set
//! iteration orders comparable with that reference.
//!
//! CPython hashes a str's canonical storage: Latin-1 bytes when every code
//! point is below 256, UCS-2 (little-endian) when below 65536, else UCS-4.
//! The empty string and empty bytes hash to 0; -1 becomes -2.

/// Streaming SipHash-1-3 state.
#[derive(Clone, Debug)]
pub struct Sip13 {
    v: [u64; 4],
    tail: u64,
    ntail: u32,
    len: u64,
}

impl Sip13 {
    /// A hasher with key `(k0, k1)`.
    pub fn new(k0: u64, k1: u64) -> Self {
        Sip13 {
            v: [
                k0 ^ 0x736f_6d65_7073_6575,
                k1 ^ 0x646f_7261_6e64_6f6d,
                k0 ^ 0x6c79_6765_6e65_7261,
                k1 ^ 0x7465_6462_7974_6573,
            ],
            tail: 0,
            ntail: 0,
            len: 0,
        }
    }

    fn round(&mut self) {
        let [mut v0, mut v1, mut v2, mut v3] = self.v;
        v0 = v0.wrapping_add(v1);
        v1 = v1.rotate_left(13) ^ v0;
        v0 = v0.rotate_left(32);
        v2 = v2.wrapping_add(v3);
        v3 = v3.rotate_left(16) ^ v2;
        v0 = v0.wrapping_add(v3);
        v3 = v3.rotate_left(21) ^ v0;
        v2 = v2.wrapping_add(v1);
        v1 = v1.rotate_left(17) ^ v2;
        v2 = v2.rotate_left(32);
        self.v = [v0, v1, v2, v3];
    }

    fn compress(&mut self, m: u64) {
        self.v[3] ^= m;
        self.round();
        self.v[0] ^= m;
    }

    /// Feed one byte.
    pub fn write_u8(&mut self, b: u8) {
        self.tail |= (b as u64) << (8 * self.ntail);
        self.ntail += 1;
        self.len += 1;
        if self.ntail == 8 {
            let m = self.tail;
            self.compress(m);
            self.tail = 0;
            self.ntail = 0;
        }
    }

    /// Feed bytes.
    pub fn write(&mut self, data: &[u8]) {
        let mut data = data;
        while self.ntail != 0 && !data.is_empty() {
            self.write_u8(data[0]);
            data = &data[1..];
        }
        let mut chunks = data.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.compress(u64::from_le_bytes(w));
        }
        self.len += (data.len() - chunks.remainder().len()) as u64;
        for &b in chunks.remainder() {
            self.write_u8(b);
        }
    }

    /// The 64-bit digest.
    pub fn finish(mut self) -> u64 {
        let t = ((self.len & 0xff) << 56) | self.tail;
        self.compress(t);
        self.v[2] ^= 0xff;
        self.round();
        self.round();
        self.round();
        self.v[0] ^ self.v[1] ^ self.v[2] ^ self.v[3]
    }
}

fn finish_py(h: Sip13, empty: bool) -> i64 {
    if empty {
        return 0;
    }
    let x = h.finish() as i64;
    if x == -1 {
        -2
    } else {
        x
    }
}

/// `hash(b)` for bytes/bytearray-like data (never -1; 0 for empty).
pub fn hash_bytes(data: &[u8]) -> i64 {
    let mut h = Sip13::new(0, 0);
    h.write(data);
    finish_py(h, data.is_empty())
}

/// `hash(s)` for a str, over CPython's canonical (Latin-1/UCS-2/UCS-4)
/// representation; ASCII strings are hashed straight from their bytes.
pub fn hash_str(s: &str) -> i64 {
    if s.is_ascii() {
        return hash_bytes(s.as_bytes());
    }
    let max = s.chars().map(|c| c as u32).max().unwrap_or(0);
    let mut h = Sip13::new(0, 0);
    for c in s.chars() {
        let c = c as u32;
        if max < 0x100 {
            h.write_u8(c as u8);
        } else if max < 0x10000 {
            h.write(&(c as u16).to_le_bytes());
        } else {
            h.write(&c.to_le_bytes());
        }
    }
    finish_py(h, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_cpython_with_hashseed_0() {
        // PYTHONHASHSEED=0 python3 -c "print(hash(s), hash(s.encode()))"
        let cases: &[(&str, i64, i64)] = &[
            ("", 0, 0),
            ("a", 4644417185603328019, 4644417185603328019),
            ("abc", -4594863902769663758, -4594863902769663758),
            ("hello world", -5642461784034726774, -5642461784034726774),
            ("abcdefgh", 4574395652268504554, 4574395652268504554),
            ("abcdefghi", -532774252720507163, -532774252720507163),
            ("caf\u{e9}", 137524001917817222, -1144761771974046172),
            (
                "\u{ff}\u{ff}\u{ff}\u{ff}\u{ff}\u{ff}\u{ff}\u{ff}\u{ff}",
                -2129700217430894956,
                -8153523477021221064,
            ),
            ("\u{20ac}", -5529981157763016009, -5996988088697296045),
            (
                "h\u{20ac}llo w\u{f6}rld",
                -162237649930390753,
                2469703077490452407,
            ),
            ("\u{1f600}", -3536540696076613844, 7564481540052349486),
            (
                "a\u{1f600}b\u{20ac}",
                6930786847616375859,
                -6266308786304389874,
            ),
        ];
        for &(s, hs, hb) in cases {
            assert_eq!(hash_str(s), hs, "hash({s:?})");
            assert_eq!(hash_bytes(s.as_bytes()), hb, "hash({s:?}.encode())");
        }
        let x100 = "x".repeat(100);
        assert_eq!(hash_str(&x100), 1359644457043326220);
    }

    #[test]
    fn streaming_equals_one_shot() {
        let data: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        for split in [0, 1, 7, 8, 9, 15, 16, 17, 500, 999] {
            let mut a = Sip13::new(1, 2);
            a.write(&data[..split]);
            a.write(&data[split..]);
            let mut b = Sip13::new(1, 2);
            for &x in &data {
                b.write_u8(x);
            }
            assert_eq!(a.finish(), b.finish(), "split {split}");
        }
    }

    #[test]
    fn never_minus_one_and_spreads() {
        let mut seen = std::collections::HashSet::new();
        for i in 0..10000 {
            let h = hash_str(&format!("key{i}"));
            assert_ne!(h, -1);
            seen.insert(h & 0xffff);
        }
        // 10000 keys over 65536 buckets: expect ~9300 distinct low halves.
        assert!(seen.len() > 9000, "{}", seen.len());
    }
}
