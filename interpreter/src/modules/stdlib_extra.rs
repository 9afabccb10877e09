//! pygc's additions to its native stand-ins of stdlib modules (embedded
//! Python in `extra/`): itertools (combinations_with_replacement,
//! chain.from_iterable), inspect (CO_* flags, predicates), and the
//! `_string` module.

use crate::modules::exec_src::exec_in;
use crate::object::value::Value;
use crate::vm::{PyResult, Vm};

pub fn itertools(vm: &mut Vm, d: Value) -> PyResult<()> {
    exec_in(vm, d, include_str!("extra/itertools.py"), "<itertools>")
}

pub fn inspect(vm: &mut Vm, d: Value) -> PyResult<()> {
    exec_in(vm, d, include_str!("extra/inspect.py"), "<inspect>")
}

/// Runs `base` then `extra` on module dict `d` (rooted across both).
pub fn chain(
    vm: &mut Vm,
    d: Value,
    base: impl FnOnce(&mut Vm, Value) -> PyResult<()>,
    extra: fn(&mut Vm, Value) -> PyResult<()>,
) -> PyResult<()> {
    let h = vm.push_root(d);
    let r = base(vm, d);
    let d = vm.root(h);
    vm.pop_roots(h);
    r?;
    extra(vm, d)
}

/// `_string`: the format-string parsing helpers of `string.Formatter`.
pub fn init_string(vm: &mut Vm, d: Value) -> PyResult<()> {
    exec_in(vm, d, include_str!("extra/_string.py"), "<_string>")
}
