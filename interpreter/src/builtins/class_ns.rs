//! Helpers of `__build_class__` (`typecalls::build_class`) for the class
//! namespace.

use crate::vm::{PyResult, Vm};

/// PEP 560: when `__mro_entries__` replaced some bases, the namespace gets
/// `__orig_bases__` (the bases as written) after the body ran and before the
/// metaclass is called, as CPython (so `__init_subclass__` sees it).
pub(crate) fn store_orig_bases(vm: &mut Vm, hns: usize, orig: Option<usize>) -> PyResult<()> {
    let Some(ho) = orig else {
        return Ok(());
    };
    let k = vm.intern("__orig_bases__");
    let (ns, o) = (vm.root(hns), vm.root(ho));
    vm.setitem(ns, k, o)
}
