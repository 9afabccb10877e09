//! Helpers of `__build_class__` (`builtins::types::typeobj`) for the class
//! namespace.

use crate::object::value::Value;
use crate::vm::{PyResult, Vm};

/// PEP 560: when `__mro_entries__` replaced some bases, the namespace gets
/// `__orig_bases__` (the bases as written) after the body ran and before the
/// metaclass is called, as CPython (so `__init_subclass__` sees it).
pub(crate) fn store_orig_bases(vm: &mut Vm, ns: Value, orig: Value) -> PyResult<()> {
    let k = vm.intern("__orig_bases__");
    vm.setitem(ns, k, orig)
}
