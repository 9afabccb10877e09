//! `compile(source, filename, mode, flags=0, dont_inherit=False,
//! optimize=-1, *, _feature_version=-1)`: argument clinic's binding and
//! conversions in CPython's order (filename through `__fspath__`, the
//! integers through `__index__`), then the flag, optimize and mode checks.
//! pygc has no AST objects: `PyCF_ONLY_AST` still yields a code object.

use super::evalexec::{compile_src, source_text};
use crate::object::layout::Kind;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::clinic::Sig;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};

const COMPILE: Sig = Sig {
    fname: "compile",
    names: &[
        "source",
        "filename",
        "mode",
        "flags",
        "dont_inherit",
        "optimize",
        "_feature_version",
    ],
    posonly: 0,
    maxpos: 6,
    required: 3,
};

/// The flags CPython 3.11 accepts (`PyCF_MASK | PyCF_MASK_OBSOLETE |
/// PyCF_COMPILE_MASK`).
const VALID_FLAGS: i64 = 0x1fe_7610;
const PYCF_ONLY_AST: i64 = 0x400;

/// `_PyLong_AsInt`: `__index__`, then the C int range.
fn c_int(vm: &mut Vm, v: Value) -> PyResult<i64> {
    let big = || -> &'static str { "Python int too large to convert to C int" };
    if Vm::is_bigint(v) {
        return Err(vm.raise_msg(T::OverflowError, big()));
    }
    let n = vm.index_of(v)?;
    if i32::try_from(n).is_err() {
        return Err(vm.raise_msg(T::OverflowError, big()));
    }
    Ok(n)
}

/// `PyUnicode_FSDecoder`: str, bytes, or an object with `__fspath__`
/// returning one of those.
fn fs_decode(vm: &mut Vm, v: Value) -> PyResult<String> {
    let bad = |vm: &mut Vm, v: Value| {
        let m = format!(
            "expected str, bytes or os.PathLike object, not {}",
            vm.type_name_of(v)
        );
        Err(vm.raise_msg(T::TypeError, &m))
    };
    let text = |v: Value| {
        if Vm::is_str(v) {
            Some(Vm::as_str(v).to_string())
        } else if Vm::is_kind(v, Kind::Bytes) {
            Some(String::from_utf8_lossy(Vm::as_bytes(v)).into_owned())
        } else {
            None
        }
    };
    if let Some(t) = text(v) {
        return Ok(t);
    }
    let name = vm.intern("__fspath__");
    let Some(f) = vm.type_lookup(vm.type_of(v), name) else {
        return bad(vm, v);
    };
    let tname = vm.type_name_of(v);
    let r = vm.call_with_self(f, v, &[], Value::NULL)?;
    match text(r) {
        Some(t) => Ok(t),
        None => {
            let m = format!(
                "expected {tname}.__fspath__() to return str or bytes, not {}",
                vm.type_name_of(r)
            );
            Err(vm.raise_msg(T::TypeError, &m))
        }
    }
}

/// The optional integer parameter `i` (its default when not given).
fn int_param(
    vm: &mut Vm,
    args: Args<'_>,
    b: &[Option<usize>],
    i: usize,
    dflt: i64,
) -> PyResult<i64> {
    match b[i] {
        Some(j) => c_int(vm, args.v(vm, j)),
        None => Ok(dflt),
    }
}

pub(super) fn bi_compile<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let b = COMPILE.bind(vm, args)?;
    let at = |i: usize| b[i].expect("required");
    let filename = fs_decode(vm, args.v(vm, at(1)))?;
    let mode = args.v(vm, at(2));
    if !Vm::is_str(mode) {
        let m = format!(
            "compile() argument 'mode' must be str, not {}",
            vm.type_name_of(mode)
        );
        return Err(vm.raise_msg(T::TypeError, &m));
    }
    let flags = int_param(vm, args, &b, 3, 0)?;
    int_param(vm, args, &b, 4, 0)?;
    let optimize = int_param(vm, args, &b, 5, -1)?;
    int_param(vm, args, &b, 6, -1)?;
    if flags & !VALID_FLAGS != 0 {
        return Err(vm.raise_msg(T::ValueError, "compile(): unrecognised flags"));
    }
    if !(-1..=2).contains(&optimize) {
        return Err(vm.raise_msg(T::ValueError, "compile(): invalid optimize value"));
    }
    // the arguments are rooted: re-read after the conversions ran Python
    let mode = Vm::as_str(args.v(vm, at(2))).to_string();
    let ast = flags & PYCF_ONLY_AST != 0;
    let eval = match mode.as_str() {
        "exec" | "single" => false,
        "eval" => true,
        "func_type" if !ast => {
            let m = "compile() mode 'func_type' requires flag PyCF_ONLY_AST";
            return Err(vm.raise_msg(T::ValueError, m));
        }
        _ => {
            let m = match ast {
                true => "compile() mode must be 'exec', 'eval', 'single' or 'func_type'",
                false => "compile() mode must be 'exec', 'eval' or 'single'",
            };
            return Err(vm.raise_msg(T::ValueError, m));
        }
    };
    let src = source_text(vm, args.v(vm, at(0)), "compile", "AST")?;
    compile_src(vm, &src, &filename, eval)
}
