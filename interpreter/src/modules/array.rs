//! The `array` module: `array.array` is a subclass of list (so indexing and
//! iteration use the list fast paths) that converts items by typecode.

use crate::object::value::Value;
use crate::vm::{PyResult, Vm};

const PY_SRC: &str = r#"
_SIZES = {"b": 1, "B": 1, "u": 4, "h": 2, "H": 2, "i": 4, "I": 4, "l": 8, "L": 8, "q": 8, "Q": 8, "f": 4, "d": 8}

class array(list):
    def __init__(self, typecode, initializer=()):
        if typecode not in _SIZES:
            raise ValueError("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)")
        self.typecode = typecode
        self.itemsize = _SIZES[typecode]
        if typecode in "fd":
            list.__init__(self, [float(x) for x in initializer])
        else:
            list.__init__(self, initializer)
    def __mul__(self, n):
        return array(self.typecode, list(self) * n)
    __rmul__ = __mul__
    def __add__(self, other):
        return array(self.typecode, list(self) + list(other))
    def tolist(self):
        return list(self)
    def tobytes(self):
        if self.typecode in "bB":
            return bytes(self)
        raise NotImplementedError("array.tobytes for typecode " + self.typecode)
    def __repr__(self):
        if not self:
            return "array('" + self.typecode + "')"
        return "array('" + self.typecode + "', " + list.__repr__(self) + ")"

ArrayType = array
typecodes = "bBuhHiIlLqQfd"
"#;

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    crate::modules::exec_src::exec_in(vm, d, PY_SRC, "<array>")
}
