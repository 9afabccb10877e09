//! The hash modules the stdlib's `hashlib.py` falls back to when there is no
//! OpenSSL `_hashlib`: `_md5`, `_sha1`, `_sha256`, `_sha512`, `_blake2`,
//! `_sha3`, on RustCrypto's implementations. A hash object keeps the data
//! fed to it (joined on demand) and hashes it when asked for a digest.

use super::util::{buf, init_with_native};
use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};
use sha3::digest::{ExtendableOutput, Update, VariableOutput};
use sha3::Digest;

const BASE_SRC: &str = r#"
class _Hash:
    def __init__(self, name, data, digest_size, block_size, params=None):
        self.name = name
        self.digest_size = digest_size
        self.block_size = block_size
        self._params = params
        self._data = b""
        if data is not None:
            self.update(data)
    def update(self, data):
        if isinstance(data, str):
            raise TypeError("Strings must be encoded before hashing")
        if not isinstance(data, bytes):
            data = _buf(data)
        self._data += data
    def digest(self):
        return _digest(self.name, self._data, self.digest_size, self._params)
    def hexdigest(self):
        return self.digest().hex()
    def copy(self):
        c = object.__new__(type(self))
        c.__dict__.update(self.__dict__)
        return c
    def __repr__(self):
        return "<%s _hashlib.HASH object @ %s>" % (self.name, hex(id(self)))

class _Shake(_Hash):
    def digest(self, length):
        if length < 0:
            raise ValueError("negative digest length")
        return _digest(self.name, self._data, length, None)
    def hexdigest(self, length):
        return self.digest(length).hex()

def _data_arg(string, data):
    if data is not None and string is not None:
        raise TypeError("'data' and 'string' are mutually exclusive and support for 'string' keyword parameter is slated for removal in a future version.")
    return string if data is None else data
"#;

fn ctor_src(name: &str, digest: usize, block: usize, cls: &str) -> String {
    format!(
        "def {name}(string=None, *, data=None, usedforsecurity=True):\n    \
         return {cls}('{name}', _data_arg(string, data), {digest}, {block})\n"
    )
}

fn init_algos(vm: &mut Vm, d: Value, algos: &[(&str, usize, usize)], extra: &str) -> PyResult<()> {
    let mut src = BASE_SRC.to_string();
    for (n, dsz, bsz) in algos {
        let cls = if n.starts_with("shake") {
            "_Shake"
        } else {
            "_Hash"
        };
        src.push_str(&ctor_src(n, *dsz, *bsz, cls));
    }
    src.push_str(extra);
    init_with_native(
        vm,
        d,
        &[("_digest", digest), ("_buf", buf_fn)],
        &src,
        "<hashlib>",
    )
}

pub fn init_md5(vm: &mut Vm, d: Value) -> PyResult<()> {
    init_algos(vm, d, &[("md5", 16, 64)], "MD5Type = _Hash\n")
}
pub fn init_sha1(vm: &mut Vm, d: Value) -> PyResult<()> {
    init_algos(vm, d, &[("sha1", 20, 64)], "SHA1Type = _Hash\n")
}
pub fn init_sha256(vm: &mut Vm, d: Value) -> PyResult<()> {
    init_algos(vm, d, &[("sha224", 28, 64), ("sha256", 32, 64)], "")
}
pub fn init_sha512(vm: &mut Vm, d: Value) -> PyResult<()> {
    init_algos(vm, d, &[("sha384", 48, 128), ("sha512", 64, 128)], "")
}
pub fn init_sha3(vm: &mut Vm, d: Value) -> PyResult<()> {
    init_algos(
        vm,
        d,
        &[
            ("sha3_224", 28, 144),
            ("sha3_256", 32, 136),
            ("sha3_384", 48, 104),
            ("sha3_512", 64, 72),
            ("shake_128", 0, 168),
            ("shake_256", 0, 136),
        ],
        "",
    )
}

const BLAKE2_SRC: &str = r#"
BLAKE2B_SALT_SIZE = 16
BLAKE2B_PERSON_SIZE = 16
BLAKE2B_MAX_KEY_SIZE = 64
BLAKE2B_MAX_DIGEST_SIZE = 64
BLAKE2S_SALT_SIZE = 8
BLAKE2S_PERSON_SIZE = 8
BLAKE2S_MAX_KEY_SIZE = 32
BLAKE2S_MAX_DIGEST_SIZE = 32

def _blake(name, maxd, maxkey, maxsalt, block, data, digest_size, key, salt, person):
    if not 1 <= digest_size <= maxd:
        raise ValueError("digest_size must be between 1 and %d bytes" % maxd)
    key, salt, person = _buf(key), _buf(salt), _buf(person)
    if len(key) > maxkey:
        raise ValueError("maximum key length is %d bytes" % maxkey)
    if len(salt) > maxsalt:
        raise ValueError("maximum salt length is %d bytes" % maxsalt)
    if len(person) > maxsalt:
        raise ValueError("maximum person length is %d bytes" % maxsalt)
    return _Hash(name, data, digest_size, block, (key, salt, person))

def blake2b(data=b"", *, digest_size=64, key=b"", salt=b"", person=b"", fanout=1, depth=1,
            leaf_size=0, node_offset=0, node_depth=0, inner_size=0, last_node=False,
            usedforsecurity=True):
    return _blake("blake2b", 64, 64, 16, 128, data, digest_size, key, salt, person)

def blake2s(data=b"", *, digest_size=32, key=b"", salt=b"", person=b"", fanout=1, depth=1,
            leaf_size=0, node_offset=0, node_depth=0, inner_size=0, last_node=False,
            usedforsecurity=True):
    return _blake("blake2s", 32, 32, 8, 64, data, digest_size, key, salt, person)
"#;

pub fn init_blake2(vm: &mut Vm, d: Value) -> PyResult<()> {
    init_algos(vm, d, &[], BLAKE2_SRC)
}

fn buf_fn<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let b = buf(vm, args.v(vm, 0))?;
    Ok(vm.new_bytes(&b))
}

/// One-shot digest of `data` by algorithm `name`, `n` output bytes (for the
/// variable-length ones), with BLAKE2's (key, salt, person).
pub fn hash(name: &str, data: &[u8], n: usize, p: [&[u8]; 3]) -> Result<Vec<u8>, String> {
    fn fixed<D: Digest>(data: &[u8]) -> Vec<u8> {
        D::digest(data).to_vec()
    }
    fn xof<D: Default + Update + ExtendableOutput>(data: &[u8], n: usize) -> Vec<u8> {
        let mut h = D::default();
        h.update(data);
        let mut out = vec![0u8; n];
        h.finalize_xof_into(&mut out);
        out
    }
    Ok(match name {
        "md5" => fixed::<md5::Md5>(data),
        "sha1" => fixed::<sha1::Sha1>(data),
        "sha224" => fixed::<sha2::Sha224>(data),
        "sha256" => fixed::<sha2::Sha256>(data),
        "sha384" => fixed::<sha2::Sha384>(data),
        "sha512" => fixed::<sha2::Sha512>(data),
        "sha3_224" => fixed::<sha3::Sha3_224>(data),
        "sha3_256" => fixed::<sha3::Sha3_256>(data),
        "sha3_384" => fixed::<sha3::Sha3_384>(data),
        "sha3_512" => fixed::<sha3::Sha3_512>(data),
        "shake_128" => xof::<sha3::Shake128>(data, n),
        "shake_256" => xof::<sha3::Shake256>(data, n),
        "blake2b" | "blake2s" => blake(name == "blake2b", data, n, p)?,
        _ => return Err(format!("unsupported hash type {name}")),
    })
}

fn blake(
    big: bool,
    data: &[u8],
    n: usize,
    [key, salt, person]: [&[u8]; 3],
) -> Result<Vec<u8>, String> {
    use blake2::digest::Mac;
    if key.is_empty() && salt.is_empty() && person.is_empty() {
        let mut out = vec![0u8; n];
        let r = if big {
            let mut h = blake2::Blake2bVar::new(n).map_err(|e| e.to_string())?;
            h.update(data);
            h.finalize_variable(&mut out)
        } else {
            let mut h = blake2::Blake2sVar::new(n).map_err(|e| e.to_string())?;
            h.update(data);
            h.finalize_variable(&mut out)
        };
        r.map_err(|e| e.to_string())?;
        return Ok(out);
    }
    let full = if big { 64 } else { 32 };
    if n != full {
        return Err("pygc: keyed/salted BLAKE2 supports only the full digest size".into());
    }
    let out = if big {
        let mut m = blake2::Blake2bMac512::new_with_salt_and_personal(key, salt, person)
            .map_err(|e| e.to_string())?;
        Mac::update(&mut m, data);
        m.finalize().into_bytes().to_vec()
    } else {
        let mut m = blake2::Blake2sMac256::new_with_salt_and_personal(key, salt, person)
            .map_err(|e| e.to_string())?;
        Mac::update(&mut m, data);
        m.finalize().into_bytes().to_vec()
    };
    Ok(out)
}

/// `_digest(name, data, n, params)`.
fn digest<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let name = Vm::as_str(args.v(vm, 0)).to_string();
    let data = Vm::as_bytes(args.v(vm, 1));
    let n = Vm::int_as_i64(args.v(vm, 2)).unwrap_or(0).max(0) as usize;
    let p: [&[u8]; 3] = if args.v(vm, 3).is_none() {
        [&[], &[], &[]]
    } else {
        [0, 1, 2].map(|i| Vm::as_bytes(Vm::tuple_get(args.v(vm, 3), i)))
    };
    match hash(&name, data, n, p) {
        Ok(out) => Ok(vm.new_bytes(&out)),
        Err(m) => Err(vm.raise_msg(T::ValueError, &m)),
    }
}

#[cfg(test)]
mod tests {
    use super::hash;
    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }
    #[test]
    fn known_digests() {
        let e: [&[u8]; 3] = [&[], &[], &[]];
        assert_eq!(
            hex(&hash("md5", b"", 0, e).unwrap()),
            "d41d8cd98f00b204e9800998ecf8427e"
        );
        assert_eq!(
            hex(&hash("sha1", b"abc", 0, e).unwrap()),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(hash("shake_128", b"", 5, e).unwrap().len(), 5);
    }
}
