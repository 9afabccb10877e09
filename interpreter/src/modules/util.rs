//! Helpers shared by the native stand-ins for CPython's C modules: buffer
//! arguments, module-level exception classes, keyword arguments.

use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::Args;
use crate::vm::{Exc, PyResult, Vm};

/// The bytes of a bytes-like argument (bytes, bytearray, memoryview, array):
/// CPython's "a bytes-like object is required, not 'str'" for anything else.
pub fn buf(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if Vm::is_kind(v, Kind::Bytes) {
        return Ok(Vm::as_bytes(v).to_vec());
    }
    if Vm::is_str(v) || Vm::is_intlike(v) || v.is_none() || Vm::is_float(v) {
        let msg = format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name_of(v)
        );
        return Err(vm.raise_msg(T::TypeError, &msg));
    }
    let n = vm.type_name_of(v);
    if !matches!(n.as_str(), "bytearray" | "memoryview" | "array") {
        let msg = format!("a bytes-like object is required, not '{n}'");
        return Err(vm.raise_msg(T::TypeError, &msg));
    }
    let ty = vm.ty(T::Bytes);
    let b = vm.call0(ty, &[v])?;
    Ok(Vm::as_bytes(b).to_vec())
}

/// An ASCII str or a bytes-like argument (binascii's `a2b_*` inputs).
pub fn ascii_buf(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if Vm::is_str(v) {
        let s = Vm::as_str(v);
        if !s.is_ascii() {
            return Err(vm.raise_msg(
                T::ValueError,
                "string argument should contain only ASCII characters",
            ));
        }
        return Ok(s.as_bytes().to_vec());
    }
    if !Vm::is_kind(v, Kind::Bytes) {
        let n = vm.type_name_of(v);
        if !matches!(n.as_str(), "bytearray" | "memoryview" | "array") {
            let msg = format!("argument should be bytes, buffer or ASCII string, not '{n}'");
            return Err(vm.raise_msg(T::TypeError, &msg));
        }
    }
    buf(vm, v)
}

/// Raises `module.cls(msg)` (a module's own exception class).
pub fn raise_mod(vm: &mut Vm, module: &str, cls: &str, msg: &str) -> Exc {
    let m = match vm.import_module(module) {
        Ok(m) => m,
        Err(e) => return e,
    };
    let n = vm.intern(cls);
    let c = match vm.getattr(m, n) {
        Ok(c) => c,
        Err(e) => return e,
    };
    let h = vm.push_root(c);
    let s = vm.new_str(msg);
    let c = vm.root(h);
    vm.pop_roots(h);
    vm.raise_type_args(c, &[s])
}

/// Argument `i` (positional) or keyword `name`, if given, as a raw value
/// for one expression.
pub fn arg(vm: &Vm, args: Args<'_>, i: usize, name: &str) -> Option<Value> {
    pos_v(vm, args, i).or_else(|| args.kwarg_v(vm, name))
}

/// Positional argument `i`, if given, as a raw value for one expression.
pub fn pos_v(vm: &Vm, args: Args<'_>, i: usize) -> Option<Value> {
    (i < args.npos()).then(|| args.v(vm, i))
}

/// An int argument (with `__index__`), or `default` when absent.
pub fn int_arg(vm: &mut Vm, v: Option<Value>, default: i64) -> PyResult<i64> {
    match v {
        None => Ok(default),
        Some(v) => {
            if Vm::is_float(v) {
                return Err(vm.raise_msg(
                    T::TypeError,
                    "'float' object cannot be interpreted as an integer",
                ));
            }
            vm.index_of(v)
        }
    }
}

/// The truth of an optional argument.
pub fn bool_arg(vm: &mut Vm, v: Option<Value>, default: bool) -> PyResult<bool> {
    match v {
        None => Ok(default),
        Some(v) => vm.truthy(v),
    }
}

/// Runs `src` in module dict `d` after adding the native functions `fns`,
/// whose arguments arrive rooted.
pub fn init_with_native(
    vm: &mut Vm,
    d: Value,
    fns: &[(&'static str, crate::vm::NativeFn)],
    src: &str,
    filename: &str,
) -> PyResult<()> {
    let defs = fns.iter().map(|&(n, f)| (n, crate::vm::Native::Rooted(f)));
    init_with_defs(vm, d, defs, src, filename)
}

fn init_with_defs(
    vm: &mut Vm,
    d: Value,
    fns: impl Iterator<Item = (&'static str, crate::vm::Native)>,
    src: &str,
    filename: &str,
) -> PyResult<()> {
    let h = vm.push_root(d);
    for (n, f) in fns {
        let d = vm.root(h);
        vm.add_fn_def(d, n, f);
    }
    let d = vm.root(h);
    vm.pop_roots(h);
    if src.is_empty() {
        return Ok(());
    }
    crate::modules::exec_src::exec_in(vm, d, src, filename)
}
