//! `_collections`: the native helpers under the standard library's
//! `collections` package (loaded from the machine's CPython at run time):
//! `deque` (native, `modules::deque`), `defaultdict` (Python on `dict`)
//! and `_count_elements`. `collections` itself (namedtuple, OrderedDict,
//! Counter, ChainMap, UserDict, ...) and `collections.abc` are the stdlib's.

use crate::object::value::Value;
use crate::object::{N, T};
use crate::vm::{PyResult, Vm};

const PY_SRC: &str = r#"
_dd_repr_running = set()

class defaultdict(dict):
    __module__ = "collections"
    def __init__(self, default_factory=None, /, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError("first argument must be callable or None")
        dict.__init__(self, *args, **kwargs)
        self.default_factory = default_factory
    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        v = self.default_factory()
        self[key] = v
        return v
    def __repr__(self):
        key = id(self.default_factory)
        if key in _dd_repr_running:
            f = "..."
        else:
            _dd_repr_running.add(key)
            try:
                f = repr(self.default_factory)
            finally:
                _dd_repr_running.discard(key)
        return type(self).__name__ + "(" + f + ", " + dict.__repr__(self) + ")"
    def copy(self):
        return type(self)(self.default_factory, self)
    __copy__ = copy
    def __deepcopy__(self, memo):
        from copy import deepcopy
        new = type(self)(self.default_factory)
        memo[id(self)] = new
        for k, v in self.items():
            new[deepcopy(k, memo)] = deepcopy(v, memo)
        return new
    def __reduce__(self):
        args = (self.default_factory,) if self.default_factory is not None else ()
        return (type(self), args, None, None, iter(self.items()))
    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = self.copy()
        new.update(other)
        return new
    def __ror__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = type(self)(self.default_factory, other)
        new.update(self)
        return new

def _count_elements(mapping, iterable):
    "Tally elements from the iterable."
    get = mapping.get
    for elem in iterable:
        mapping[elem] = get(elem, 0) + 1
"#;

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    let h = vm.push_root(d);
    let m = vm.intern("collections");
    let n = vm.name(N::Module);
    let t = vm.ty(T::Deque);
    vm.type_set_attr(t, n, m);
    let d = vm.root(h);
    vm.set_str_item(d, "deque", t);
    let d = vm.root(h);
    vm.pop_roots(h);
    crate::modules::exec_src::exec_in(vm, d, PY_SRC, "<_collections>")
}
