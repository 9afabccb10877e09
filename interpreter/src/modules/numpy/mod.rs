//! A `numpy` subset: float64/int64/bool `ndarray`s of up to two dimensions
//! whose data lives in raw buffers outside the GC heap (see [`buffer`]).
//!
//! Every buffer is reported to the collector as memory pressure and to the
//! raw-memory statistics when it is allocated, and freed by the light
//! finalizer of the array that owns it. Views (slices, `T`, `reshape`) share
//! the owner's buffer and keep the owner alive through their `base`
//! reference.
//!
//! Also here: `gc.add_memory_pressure` / `__pypy__.add_memory_pressure`.

mod buffer;
mod funcs;
mod kernels;
mod methods;
pub(crate) mod ndarray;
mod ops;
mod repr;

pub use ndarray::ndarray_layout;

use crate::object::layout::Kind;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::{PyResult, Vm};

const PRELUDE: &str = r#"
class dtype:
    def __init__(self, name):
        self.name = _dtype_name(name)
        self.itemsize = 1 if self.name == "bool" else 8
        self.kind = {"float64": "f", "int64": "i", "bool": "b"}[self.name]
        self.char = {"float64": "d", "int64": "l", "bool": "?"}[self.name]
    @property
    def type(self):
        return {"float64": float64, "int64": int64, "bool": bool_}[self.name]
    def __repr__(self):
        return "dtype('" + self.name + "')"
    def __str__(self):
        return self.name
    def __eq__(self, other):
        try:
            return self.name == _dtype_name(other)
        except TypeError:
            return False
    def __ne__(self, other):
        return not self.__eq__(other)
    def __hash__(self):
        return hash(self.name)

class float64:
    def __new__(cls, x=0.0):
        return float(x)

class int64:
    def __new__(cls, x=0):
        return int(x)

class bool_:
    def __new__(cls, x=False):
        return bool(x)

float_ = double = float64
int_ = intp = int64
ndarray._dtypes = (dtype("float64"), dtype("int64"), dtype("bool"))

def _str(self):
    return _array_str(self)
ndarray.__str__ = _str

pi = 3.141592653589793
e = 2.718281828459045
inf = float("inf")
nan = float("nan")
newaxis = None
__version__ = "2.0.0+pygc"
"#;

/// Fills the `numpy` module dict.
pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    buffer::tune_allocator();
    let base = vm.root_depth();
    let hd = vm.push_root(d);
    let object = vm.ty(T::Object);
    let ty = vm.make_builtin_type("ndarray", Some(object), Kind::NdArray);
    let ht = vm.push_root(ty);
    let m = vm.new_str("numpy");
    let ty = vm.root(ht);
    let mk = vm.intern("__module__");
    vm.type_set_attr(ty, mk, m);
    methods::install(vm, ht)?;
    funcs::install(vm, hd, ht)?;
    let (d, ty) = (vm.root(hd), vm.root(ht));
    vm.set_str_item(d, "ndarray", ty);
    let d = vm.root(hd);
    let r = crate::modules::exec_src::exec_in(vm, d, PRELUDE, "<numpy>");
    vm.pop_roots(base);
    r
}

/// Adds `add_memory_pressure(n)` to a module dict (`gc`, `__pypy__`): as in
/// PyPy, tells the collector that `n` bytes of raw memory are held by
/// objects, counting toward the next major collection.
pub fn add_pressure_fn(vm: &mut Vm, d: Value) {
    vm.add_native_fn(d, "add_memory_pressure", |vm, _s, args| {
        args.check(vm, "add_memory_pressure", 1, 1)?;
        let n = vm.index_of(args.v(vm, 0))?;
        if n < 0 {
            return Err(vm.raise_msg(T::ValueError, "memory pressure must be >= 0"));
        }
        vm.m.add_memory_pressure(n as usize);
        Ok(Value::NONE)
    });
}

/// The `__pypy__` module (the memory-pressure part of PyPy's).
pub fn init_pypy(vm: &mut Vm, d: Value) -> PyResult<()> {
    add_pressure_fn(vm, d);
    Ok(())
}
