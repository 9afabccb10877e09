//! Text encodings for `str.encode`/`bytes.decode` and `_codecs` (on
//! `support::codec`), the Unicode error classes with CPython's attributes
//! and messages, and the fallback to the stdlib's `encodings` package for
//! the codecs pygc does not implement natively.

use crate::modules::exec_src::exec_in;
use crate::object::layout::Kind;
use crate::object::value::Value;
use crate::object::T;
use crate::support::codec::{self, CodecError};
use crate::vm::rooted::{Args, Scope};
use crate::vm::{Exc, PyResult, Vm, R_BUILTINS};

const ERRORS_SRC: &str = r#"
def _uinit(self, encoding, object, start, end, reason, /):
    self.args = (encoding, object, start, end, reason)
    self.encoding = encoding
    self.object = object
    self.start = start
    self.end = end
    self.reason = reason

def _char(c):
    c = ord(c)
    if c <= 0xff:
        return "'\\x%02x'" % c
    if c <= 0xffff:
        return "'\\u%04x'" % c
    return "'\\U%08x'" % c

def _enc_str(self):
    if not hasattr(self, "object"):
        return str(self.args[0]) if self.args else ""
    if self.end - self.start == 1 and self.start < len(self.object):
        return "'%s' codec can't encode character %s in position %d: %s" % (
            self.encoding, _char(self.object[self.start]), self.start, self.reason)
    return "'%s' codec can't encode characters in position %d-%d: %s" % (
        self.encoding, self.start, self.end - 1, self.reason)

def _dec_str(self):
    if not hasattr(self, "object"):
        return str(self.args[0]) if self.args else ""
    if self.end - self.start == 1 and self.start < len(self.object):
        return "'%s' codec can't decode byte 0x%02x in position %d: %s" % (
            self.encoding, self.object[self.start], self.start, self.reason)
    return "'%s' codec can't decode bytes in position %d-%d: %s" % (
        self.encoding, self.start, self.end - 1, self.reason)

class UnicodeEncodeError(UnicodeError):
    __init__ = _uinit
    __str__ = _enc_str

class UnicodeTranslateError(UnicodeError):
    def __init__(self, object, start, end, reason, /):
        self.args = (object, start, end, reason)
        self.object = object
        self.start = start
        self.end = end
        self.reason = reason
        self.encoding = None
    def __str__(self):
        if self.end - self.start == 1 and self.start < len(self.object):
            return "can't translate character %s in position %d: %s" % (
                _char(self.object[self.start]), self.start, self.reason)
        return "can't translate characters in position %d-%d: %s" % (
            self.start, self.end - 1, self.reason)

UnicodeDecodeError.__init__ = _uinit
UnicodeDecodeError.__str__ = _dec_str
"#;

/// Installs `UnicodeEncodeError`/`UnicodeTranslateError` as builtins, gives
/// `UnicodeDecodeError` its attributes and message, and the native
/// `str.encode`/`bytes.decode`.
pub fn install(vm: &mut Vm) -> PyResult<()> {
    // staticmethod objects are callable (3.10+); `_codecs` relies on it for
    // functions that class bodies in `encodings` store as attributes.
    vm.add_native_method(T::StaticMethod, "__call__", |vm, _s, args| {
        let f = Vm::get(args.v(vm, 0).obj().expect("staticmethod"), 1);
        let a = args.values(vm);
        vm.call(f, &a[1..], args.kwnames_v(vm))
    });
    vm.add_native_method(T::Str, "encode", str_encode);
    vm.add_native_method(T::Bytes, "decode", bytes_decode);
    let m = vm.new_module("builtins");
    let h = vm.push_root(m);
    let r = exec_in(vm, Vm::module_dict(m), ERRORS_SRC, "<unicode errors>");
    if r.is_ok() {
        let d = Vm::module_dict(vm.root(h));
        for n in ["UnicodeEncodeError", "UnicodeTranslateError"] {
            let k = vm.intern(n);
            if let Some(c) = vm.dict_get_str(d, k) {
                let b = vm.root(R_BUILTINS);
                vm.dict_set_str(b, k, c);
            }
        }
    }
    vm.pop_roots(h);
    r
}

/// Raises the Python exception for a codec failure on `obj`.
pub fn raise(vm: &mut Vm, e: CodecError, obj: Value) -> Exc {
    match e {
        CodecError::UnknownEncoding(n) => {
            vm.raise_msg(T::LookupError, &format!("unknown encoding: {n}"))
        }
        CodecError::UnknownHandler(n) => {
            vm.raise_msg(T::LookupError, &format!("unknown error handler name '{n}'"))
        }
        CodecError::Encode {
            enc,
            start,
            end,
            reason,
        }
        | CodecError::Decode {
            enc,
            start,
            end,
            reason,
        } => {
            let decode = Vm::is_kind(obj, Kind::Bytes);
            let ho = vm.push_root(obj);
            let cls = if decode {
                vm.ty(T::UnicodeDecodeError)
            } else {
                let k = vm.intern("UnicodeEncodeError");
                let b = vm.root(R_BUILTINS);
                vm.dict_get_str(b, k)
                    .unwrap_or_else(|| vm.ty(T::UnicodeError))
            };
            let hc = vm.push_root(cls);
            let e = vm.new_str(enc);
            let he = vm.push_root(e);
            let r = vm.new_string(reason);
            let hr = vm.push_root(r);
            let args = [
                vm.root(he),
                vm.root(ho),
                Value::int(start as i64),
                Value::int(end as i64),
                vm.root(hr),
            ];
            let cls = vm.root(hc);
            let res = vm.call0(cls, &args);
            vm.pop_roots(ho);
            match res {
                Ok(ex) => vm.raise_value(ex, Value::NULL),
                Err(x) => x,
            }
        }
    }
}

fn str_arg(
    vm: &mut Vm,
    v: Option<Value>,
    name: &str,
    default: &str,
    meth: &str,
) -> PyResult<String> {
    match v {
        None => Ok(default.to_string()),
        Some(v) if Vm::is_str(v) => Ok(Vm::as_str(v).to_string()),
        Some(v) => {
            let msg = format!(
                "{meth}() argument '{name}' must be str, not {}",
                vm.type_name_of(v)
            );
            Err(vm.raise_msg(T::TypeError, &msg))
        }
    }
}

/// `_codecs._fallback(obj, encoding, errors, "encode"|"decode")`: the
/// stdlib's `encodings.<name>.Codec` for codecs pygc does not implement.
fn via_registry(vm: &mut Vm, obj: Value, enc: &str, errors: &str, what: &str) -> PyResult {
    let ho = vm.push_root(obj);
    let r = (|| {
        let m = vm.import_module("_codecs")?;
        let n = vm.intern("_fallback");
        let f = vm.getattr(m, n)?;
        let hf = vm.push_root(f);
        let e = vm.new_str(enc);
        let he = vm.push_root(e);
        let er = vm.new_str(errors);
        let hr = vm.push_root(er);
        let w = vm.new_str(what);
        let args = [vm.root(ho), vm.root(he), vm.root(hr), w];
        let f = vm.root(hf);
        vm.call0(f, &args)
    })();
    vm.pop_roots(ho);
    r
}

fn str_encode<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let enc = str_arg(
        vm,
        super::util::arg(vm, args, 1, "encoding"),
        "encoding",
        "utf-8",
        "encode",
    )?;
    let errors = str_arg(
        vm,
        super::util::arg(vm, args, 2, "errors"),
        "errors",
        "strict",
        "encode",
    )?;
    let s = Vm::as_str(args.v(vm, 0));
    match codec::encode(s, &enc, &errors) {
        Ok(b) => Ok(vm.new_bytes(&b)),
        Err(CodecError::UnknownEncoding(_)) => {
            let r = via_registry(vm, args.v(vm, 0), &enc, &errors, "encode")?;
            if !Vm::is_kind(r, Kind::Bytes) {
                let msg = format!(
                    "'{enc}' encoder returned '{}' instead of 'bytes'; use codecs.encode() to encode to arbitrary types",
                    vm.type_name_of(r)
                );
                return Err(vm.raise_msg(T::TypeError, &msg));
            }
            Ok(r)
        }
        Err(e) => Err(raise(vm, e, args.v(vm, 0))),
    }
}

fn bytes_decode<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let enc = str_arg(
        vm,
        super::util::arg(vm, args, 1, "encoding"),
        "encoding",
        "utf-8",
        "decode",
    )?;
    let errors = str_arg(
        vm,
        super::util::arg(vm, args, 2, "errors"),
        "errors",
        "strict",
        "decode",
    )?;
    match codec::decode(Vm::as_bytes(args.v(vm, 0)), &enc, &errors) {
        Ok(s) => Ok(vm.new_string(s)),
        Err(CodecError::UnknownEncoding(_)) => {
            let r = via_registry(vm, args.v(vm, 0), &enc, &errors, "decode")?;
            if !Vm::is_str(r) {
                let msg = format!(
                    "'{enc}' decoder returned '{}' instead of 'str'; use codecs.decode() to decode to arbitrary types",
                    vm.type_name_of(r)
                );
                return Err(vm.raise_msg(T::TypeError, &msg));
            }
            Ok(r)
        }
        Err(e) => Err(raise(vm, e, args.v(vm, 0))),
    }
}

/// `_codecs._encode(str, encoding, errors)` → `(bytes, len(str))`.
fn encode_fn<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    if !Vm::is_str(args.v(vm, 0)) {
        let msg = format!(
            "utf_8_encode() argument 1 must be str, not {}",
            vm.type_name_of(args.v(vm, 0))
        );
        return Err(vm.raise_msg(T::TypeError, &msg));
    }
    let errors = if args.v(vm, 2).is_none() {
        "strict".to_string()
    } else {
        Vm::as_str(args.v(vm, 2)).to_string()
    };
    let n = Vm::str_nchars(args.v(vm, 0));
    match codec::encode(
        Vm::as_str(args.v(vm, 0)),
        Vm::as_str(args.v(vm, 1)),
        &errors,
    ) {
        Ok(b) => {
            let bv = vm.new_bytes(&b);
            let h = vm.push_root(bv);
            let bv = vm.root(h);
            vm.pop_roots(h);
            Ok(vm.new_tuple(&[bv, Value::int(n as i64)]))
        }
        Err(e) => Err(raise(vm, e, args.v(vm, 0))),
    }
}

/// `_codecs._known(encoding)`: is the codec native?
fn known_fn<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let _ = vm;
    Ok(Value::bool(
        Vm::is_str(args.v(vm, 0)) && codec::lookup(Vm::as_str(args.v(vm, 0))).is_some(),
    ))
}

/// `_codecs._decode(bytes, encoding, errors, final)` → `(str, consumed)`.
fn decode_fn<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let data = super::util::buf(vm, args.v(vm, 0))?;
    let errors = if args.v(vm, 2).is_none() {
        "strict".to_string()
    } else {
        Vm::as_str(args.v(vm, 2)).to_string()
    };
    let final_ = vm.truthy(args.v(vm, 3))?;
    match codec::decode_partial(&data, Vm::as_str(args.v(vm, 1)), &errors, final_) {
        Ok((s, used)) => {
            let sv = vm.new_string(s);
            let h = vm.push_root(sv);
            let sv = vm.root(h);
            vm.pop_roots(h);
            Ok(vm.new_tuple(&[sv, Value::int(used as i64)]))
        }
        Err(e) => {
            let b = vm.new_bytes(&data);
            Err(raise(vm, e, b))
        }
    }
}

const CODECS_EXTRA_SRC: &str = r#"
def _mk(enc):
    def encode(str, errors=None):
        return _encode(str, enc, errors)
    def decode(data, errors=None, final=False):
        return _decode(data, enc, errors, final)
    return encode, decode

utf_8_encode, utf_8_decode = _mk("utf-8")
latin_1_encode, latin_1_decode = _mk("latin-1")
ascii_encode, ascii_decode = _mk("ascii")
utf_16_le_encode, utf_16_le_decode = _mk("utf-16-le")
utf_16_be_encode, utf_16_be_decode = _mk("utf-16-be")
utf_32_le_encode, utf_32_le_decode = _mk("utf-32-le")
utf_32_be_encode, utf_32_be_decode = _mk("utf-32-be")

def utf_16_encode(str, errors=None, byteorder=0):
    return _encode(str, {0: "utf-16", -1: "utf-16-le", 1: "utf-16-be"}[byteorder], errors)

def utf_16_decode(data, errors=None, final=False):
    return _decode(data, "utf-16", errors, final)

def utf_16_ex_decode(data, errors=None, byteorder=0, final=False):
    data = bytes(data)
    if data[:2] == b"\xff\xfe":
        r, n = _decode(data[2:], "utf-16-le", errors, final)
        return r, n + 2, -1
    if data[:2] == b"\xfe\xff":
        r, n = _decode(data[2:], "utf-16-be", errors, final)
        return r, n + 2, 1
    enc = "utf-16-be" if byteorder == 1 else "utf-16-le"
    r, n = _decode(data, enc, errors, final)
    return r, n, byteorder

def utf_32_encode(str, errors=None, byteorder=0):
    return _encode(str, {0: "utf-32", -1: "utf-32-le", 1: "utf-32-be"}[byteorder], errors)

def utf_32_decode(data, errors=None, final=False):
    return _decode(data, "utf-32", errors, final)

def utf_32_ex_decode(data, errors=None, byteorder=0, final=False):
    data = bytes(data)
    if data[:4] == b"\xff\xfe\x00\x00":
        r, n = _decode(data[4:], "utf-32-le", errors, final)
        return r, n + 4, -1
    if data[:4] == b"\x00\x00\xfe\xff":
        r, n = _decode(data[4:], "utf-32-be", errors, final)
        return r, n + 4, 1
    enc = "utf-32-be" if byteorder == 1 else "utf-32-le"
    r, n = _decode(data, enc, errors, final)
    return r, n, byteorder

def charmap_decode(data, errors=None, mapping=None):
    data = bytes(data)
    if mapping is None:
        return latin_1_decode(data, errors)
    out = []
    for i, b in enumerate(data):
        try:
            c = mapping[b]
        except LookupError:
            c = None
        if isinstance(c, int):
            c = chr(c)
        if c is None or c == "\ufffe":
            if errors in (None, "strict"):
                raise UnicodeDecodeError("charmap", data, i, i + 1, "character maps to <undefined>")
            c = {"ignore": "", "backslashreplace": "\\x%02x" % b}.get(errors, "\ufffd")
        out.append(c)
    return "".join(out), len(data)

def charmap_encode(str, errors=None, mapping=None):
    if mapping is None:
        return latin_1_encode(str, errors)
    out = bytearray()
    for i, ch in enumerate(str):
        b = mapping.get(ord(ch))
        if b is None:
            if errors in (None, "strict"):
                j = i + 1
                while j < len(str) and mapping.get(ord(str[j])) is None:
                    j += 1
                raise UnicodeEncodeError("charmap", str, i, j, "character maps to <undefined>")
            if errors == "ignore":
                continue
            if errors == "replace":
                b = mapping.get(ord("?"), ord("?"))
            elif errors == "xmlcharrefreplace":
                out.extend(("&#%d;" % ord(ch)).encode())
                continue
            else:
                out.extend(ch.encode("ascii", "backslashreplace"))
                continue
        if isinstance(b, bytes):
            out.extend(b)
        else:
            out.append(b)
    return bytes(out), len(str)

def escape_encode(data, errors=None):
    r = repr(bytes(data))[2:-1]
    return r.encode("latin-1"), len(data)

def escape_decode(data, errors=None):
    if isinstance(data, str):
        data = data.encode("latin-1")
    s = bytes(data).decode("latin-1")
    return unicode_escape_decode(s.encode("latin-1"), errors)[0].encode("latin-1"), len(data)

def unicode_escape_encode(str, errors=None):
    out = []
    for ch in str:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif 32 <= o < 127:
            out.append(ch)
        elif ch in "\t\n\r":
            out.append({"\t": "\\t", "\n": "\\n", "\r": "\\r"}[ch])
        elif o < 0x100:
            out.append("\\x%02x" % o)
        elif o < 0x10000:
            out.append("\\u%04x" % o)
        else:
            out.append("\\U%08x" % o)
    return "".join(out).encode("ascii"), len(str)

def unicode_escape_decode(data, errors=None, final=True):
    if isinstance(data, str):
        data = data.encode("latin-1")
    s = bytes(data).decode("latin-1")
    out = []
    i = 0
    n = len(s)
    simple = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"',
              "a": "\a", "b": "\b", "f": "\f", "v": "\v", "\n": ""}
    while i < n:
        c = s[i]
        if c != "\\" or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        e = s[i + 1]
        if e in simple:
            out.append(simple[e])
            i += 2
        elif e in "xuU":
            w = {"x": 2, "u": 4, "U": 8}[e]
            h = s[i + 2:i + 2 + w]
            try:
                if len(h) != w:
                    raise ValueError
                out.append(chr(int(h, 16)))
            except ValueError:
                raise UnicodeDecodeError("unicodeescape", bytes(data), i, min(n, i + 2 + w),
                                         "truncated \\%sXX%s escape" % (e, "XX" * (w // 2 - 1)))
            i += 2 + w
        elif e in "01234567":
            j = i + 1
            while j < n and j < i + 4 and s[j] in "01234567":
                j += 1
            out.append(chr(int(s[i + 1:j], 8)))
            i = j
        elif e == "N" and i + 2 < n and s[i + 2] == "{":
            j = s.find("}", i)
            import unicodedata
            out.append(unicodedata.lookup(s[i + 3:j]))
            i = j + 1
        else:
            out.append("\\" + e)
            i += 2
    return "".join(out), len(data)

def raw_unicode_escape_encode(str, errors=None):
    out = []
    for ch in str:
        o = ord(ch)
        if o < 0x100:
            out.append(ch)
        elif o < 0x10000:
            out.append("\\u%04x" % o)
        else:
            out.append("\\U%08x" % o)
    return "".join(out).encode("latin-1"), len(str)

def raw_unicode_escape_decode(data, errors=None, final=True):
    if isinstance(data, str):
        data = data.encode("latin-1")
    s = bytes(data).decode("latin-1")
    out = []
    i = 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s) and s[i + 1] in "uU":
            w = 4 if s[i + 1] == "u" else 8
            out.append(chr(int(s[i + 2:i + 2 + w], 16)))
            i += 2 + w
        else:
            out.append(s[i])
            i += 1
    return "".join(out), len(data)

_handlers = {}

def register_error(name, handler):
    _handlers[name] = handler

def lookup_error(name):
    if name in _handlers:
        return _handlers[name]
    if name in ("strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace",
                "namereplace", "surrogateescape", "surrogatepass"):
        def handler(exc, _name=name):
            raise exc
        handler.__name__ = name + "_errors"
        return handler
    raise LookupError("unknown error handler name '%s'" % name)

def _forget_codec(name):
    pass

for _n in list(globals()):
    if _n.endswith(("_encode", "_decode")) and not _n.startswith("_"):
        globals()[_n] = staticmethod(globals()[_n])
del _n

def encode(obj, encoding="utf-8", errors="strict"):
    if isinstance(obj, str) and _known(encoding):
        return _encode(obj, encoding, errors)[0]
    return _fallback(obj, encoding, errors, "encode")

def decode(obj, encoding="utf-8", errors="strict"):
    if not isinstance(obj, str) and _known(encoding):
        return _decode(obj, encoding, errors, True)[0]
    return _fallback(obj, encoding, errors, "decode")

def _fallback(obj, encoding, errors, what):
    try:
        import encodings
        from encodings import aliases
    except ImportError:
        raise LookupError("unknown encoding: %s" % encoding) from None
    norm = encodings.normalize_encoding(encoding).lower()
    name = aliases.aliases.get(norm) or aliases.aliases.get(norm.replace(".", "_")) or norm
    try:
        __import__("encodings." + name)
        import sys
        codec = sys.modules["encodings." + name].Codec()
    except (ImportError, AttributeError):
        raise LookupError("unknown encoding: %s" % encoding) from None
    return getattr(codec, what)(obj, errors)[0]
"#;

/// `_codecs`: the registry (from `pysrc`) plus every native codec function.
pub fn init_codecs(vm: &mut Vm, d: Value) -> PyResult<()> {
    let h = vm.push_root(d);
    crate::modules::pysrc::init_codecs(vm, d)?;
    let d = vm.root(h);
    vm.pop_roots(h);
    super::util::init_with_native(
        vm,
        d,
        &[
            ("_encode", encode_fn),
            ("_decode", decode_fn),
            ("_known", known_fn),
        ],
        CODECS_EXTRA_SRC,
        "<_codecs>",
    )
}
