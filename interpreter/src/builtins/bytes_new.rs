//! `bytes(...)`: CPython's argument rules (bytes_new_impl): a str needs an
//! encoding, an encoding needs a str, `__bytes__` first, then buffers, an
//! `__index__` count, then an iterable of ints converted one by one as it
//! is iterated (the first bad item raises, later ones are never fetched).

use crate::object::layout::Kind;
use crate::object::value::Value;
use crate::object::{N, T};
use crate::vm::clinic::Sig;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};

/// `encoding`/`errors` given without a string source: CPython's TypeError.
fn no_codec_args(vm: &mut Vm, encoding: Option<usize>, errors: Option<usize>) -> PyResult<()> {
    let m = match (encoding, errors) {
        (Some(_), _) => "encoding without a string argument",
        (None, Some(_)) => "errors without a string argument",
        (None, None) => return Ok(()),
    };
    Err(vm.raise_msg(T::TypeError, m))
}

const BYTES: Sig = Sig {
    fname: "bytes",
    names: &["source", "encoding", "errors"],
    posonly: 0,
    maxpos: 3,
    required: 0,
};

/// `bytes.__new__(cls, ...)`: a `bytes` subclass gets an instance of
/// itself holding the same bytes.
pub(super) fn bytes_new<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    vm.check_new_receiver(T::Bytes, args)?;
    let b = bytes_new_exact(vm, args.skip(1))?;
    let cls = args.v(vm, 0);
    if cls == vm.ty(T::Bytes) {
        return Ok(b);
    }
    let data = Vm::as_bytes(b).to_vec();
    Ok(vm.new_bytes_of(&data, args.v(vm, 0)))
}

/// Optional str parameter `i` of `bytes()` (its index in the arguments).
fn str_param(
    vm: &mut Vm,
    args: Args<'_>,
    b: &[Option<usize>],
    i: usize,
) -> PyResult<Option<usize>> {
    let Some(j) = b[i] else { return Ok(None) };
    let v = args.v(vm, j);
    if !Vm::is_str(v) {
        let m = format!(
            "bytes() argument '{}' must be str, not {}",
            BYTES.names[i],
            vm.type_name_of(v)
        );
        return Err(vm.raise_msg(T::TypeError, &m));
    }
    Ok(Some(j))
}

fn bytes_new_exact(vm: &mut Vm, args: Args<'_>) -> PyResult {
    let b = BYTES.bind(vm, args)?;
    let encoding = str_param(vm, args, &b, 1)?;
    let errors = str_param(vm, args, &b, 2)?;
    let Some(src) = b[0] else {
        no_codec_args(vm, encoding, errors)?;
        return Ok(vm.new_bytes(&[]));
    };
    if Vm::is_str(args.v(vm, src)) {
        let Some(enc) = encoding else {
            return Err(vm.raise_msg(T::TypeError, "string argument without an encoding"));
        };
        let name = vm.intern("encode");
        let m = vm.getattr(args.v(vm, src), name)?;
        let mut call = vec![args.v(vm, enc)];
        if let Some(e) = errors {
            call.push(args.v(vm, e));
        }
        return vm.call0(m, &call);
    }
    no_codec_args(vm, encoding, errors)?;
    let v = args.v(vm, src);
    if Vm::is_kind(v, Kind::Bytes) {
        return Ok(match vm.type_of(v) == vm.ty(T::Bytes) {
            true => v,
            false => {
                let b = Vm::as_bytes(v).to_vec();
                vm.new_bytes(&b)
            }
        });
    }
    if let Some(r) = dunder_bytes(vm, args.v(vm, src))? {
        return Ok(r);
    }
    let v = args.v(vm, src);
    let src_is_count = v.is_int()
        || Vm::is_bigint(v)
        || (Vm::is_kind(v, Kind::Instance) && vm.type_lookup_n(vm.type_of(v), N::Index).is_some());
    if src_is_count {
        let n = vm.index_of(v)?;
        if n < 0 {
            return Err(vm.raise_msg(T::ValueError, "negative count"));
        }
        vm.check_alloc_size(Some(n as usize))?;
        return Ok(vm.new_bytes(&vec![0u8; n as usize]));
    }
    from_iterable(vm, args.v(vm, src))
}

/// `type(src).__bytes__(src)` if defined: must return bytes.
fn dunder_bytes(vm: &mut Vm, src: Value) -> PyResult<Option<Value>> {
    let name = vm.intern("__bytes__");
    let Some(f) = vm.type_lookup(vm.type_of(src), name) else {
        return Ok(None);
    };
    let r = vm.call_with_self(f, src, &[], Value::NULL)?;
    if !Vm::is_kind(r, Kind::Bytes) {
        let m = format!("__bytes__ returned non-bytes (type {})", vm.type_name_of(r));
        return Err(vm.raise_msg(T::TypeError, &m));
    }
    Ok(Some(r))
}

/// The bytes of an iterable of ints, each converted when it is fetched.
fn from_iterable(vm: &mut Vm, src: Value) -> PyResult {
    vm.scope(|vm, s| {
        let src = s.root_value(vm, src);
        let it = match vm.get_iter(src.get(vm).value()) {
            Ok(it) => s.root_value(vm, it),
            Err(e) if vm.exc_is(T::TypeError) => {
                let _ = e;
                vm.take_exc();
                let t = vm.type_name_of(src.get(vm).value());
                let m = format!("cannot convert '{t}' object to bytes");
                return Err(vm.raise_msg(T::TypeError, &m));
            }
            Err(e) => return Err(e),
        };
        // as CPython's _PyBytes_FromIterator: the length hint first (for
        // a class's own __len__/__length_hint__; its exception propagates)
        let t = vm.type_of(src.get(vm).value());
        if Vm::type_flags(t) & crate::object::types::F_HEAP != 0 {
            vm.length_hint_probe(src)?;
        }
        let mut out = Vec::new();
        while let Some(x) = vm.iter_next(it.get(vm).value())? {
            let n = vm.index_of(x)?;
            if !(0..256).contains(&n) {
                return Err(vm.raise_msg(T::ValueError, "bytes must be in range(0, 256)"));
            }
            out.push(n as u8);
            if vm.m.safepoint_pending() || vm.torture() {
                vm.safepoint();
                vm.memory_error_due()?;
            }
        }
        Ok(vm.new_bytes(&out))
    })
}
