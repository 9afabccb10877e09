//! `_operator`: the functions of `operator` plus `_compare_digest` (used by
//! `hmac`/`secrets`) and the in-place and rarer operators.

use super::util::{buf, init_with_native};
use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};

const EXTRA_SRC: &str = r#"
def matmul(a, b): return a @ b
def imatmul(a, b):
    a @= b
    return a
def iconcat(a, b):
    a += b
    return a
def itruediv(a, b):
    a /= b
    return a
def ifloordiv(a, b):
    a //= b
    return a
def imod(a, b):
    a %= b
    return a
def ipow(a, b):
    a **= b
    return a
def iand(a, b):
    a &= b
    return a
def ior(a, b):
    a |= b
    return a
def ixor(a, b):
    a ^= b
    return a
def ilshift(a, b):
    a <<= b
    return a
def irshift(a, b):
    a >>= b
    return a
def countOf(a, b):
    return sum(1 for x in a if x is b or x == b)
def indexOf(a, b):
    for i, x in enumerate(a):
        if x is b or x == b:
            return i
    raise ValueError('sequence.index(x): x not in sequence')
def length_hint(obj, default=0):
    try:
        return len(obj)
    except TypeError:
        pass
    h = getattr(type(obj), "__length_hint__", None)
    if h is None:
        return default
    r = h(obj)
    if r is NotImplemented:
        return default
    return r
"#;

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    let h = vm.push_root(d);
    crate::modules::exec_src::exec_in(
        vm,
        d,
        crate::modules::operator_src::OPERATOR_SRC,
        "<operator>",
    )?;
    let d = vm.root(h);
    vm.pop_roots(h);
    init_with_native(
        vm,
        d,
        &[("_compare_digest", compare_digest)],
        EXTRA_SRC,
        "<_operator>",
    )
}

/// `_compare_digest(a, b)`: equality of two ASCII strs or two bytes-likes,
/// in time independent of where they differ.
fn compare_digest<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check(vm, "_compare_digest", 2, 2)?;
    let (x, y) = if Vm::is_str(args.v(vm, 0)) && Vm::is_str(args.v(vm, 1)) {
        let (s, t) = (Vm::as_str(args.v(vm, 0)), Vm::as_str(args.v(vm, 1)));
        if !s.is_ascii() || !t.is_ascii() {
            let m = "comparing strings with non-ASCII characters is not supported";
            return Err(vm.raise_msg(T::TypeError, m));
        }
        (s.as_bytes().to_vec(), t.as_bytes().to_vec())
    } else if Vm::is_str(args.v(vm, 0)) || Vm::is_str(args.v(vm, 1)) {
        let msg = format!(
            "unsupported operand types(s) or combination of types: '{}' and '{}'",
            vm.type_name_of(args.v(vm, 0)),
            vm.type_name_of(args.v(vm, 1))
        );
        return Err(vm.raise_msg(T::TypeError, &msg));
    } else {
        (buf(vm, args.v(vm, 0))?, buf(vm, args.v(vm, 1))?)
    };
    let mut diff = (x.len() != y.len()) as u8;
    for (i, c) in x.iter().enumerate() {
        diff |= c ^ y.get(i).copied().unwrap_or(!c);
    }
    Ok(Value::bool(diff == 0))
}
