//! The `array` module: typed arrays as a Python class over a list, with
//! typecode checks on stores.

use crate::object::value::Value;
use crate::vm::{PyResult, Vm};

const PY_SRC: &str = r#"
_INT_CODES = "bBhHiIlLqQ"
_RANGES = {"b": (-128, 127), "B": (0, 255), "h": (-32768, 32767), "H": (0, 65535),
           "i": (-2147483648, 2147483647), "I": (0, 4294967295),
           "l": (-9223372036854775808, 9223372036854775807), "L": (0, 18446744073709551615),
           "q": (-9223372036854775808, 9223372036854775807), "Q": (0, 18446744073709551615)}

def _check(tc, v):
    if tc in _INT_CODES:
        if not isinstance(v, int):
            raise TypeError("'" + type(v).__name__ + "' object cannot be interpreted as an integer")
        lo, hi = _RANGES[tc]
        if v < lo or v > hi:
            raise OverflowError("unsigned byte integer is greater than maximum" if tc == "B" else "signed integer is greater than maximum")
        return v
    if tc in "fd":
        return float(v)
    return v

class array:
    def __init__(self, typecode, initializer=None):
        if typecode not in "bBuhHiIlLqQfd":
            raise ValueError("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)")
        self.typecode = typecode
        self.itemsize = {"b": 1, "B": 1, "u": 4, "h": 2, "H": 2, "i": 4, "I": 4, "l": 8, "L": 8, "q": 8, "Q": 8, "f": 4, "d": 8}[typecode]
        if initializer is None:
            self._a = []
        elif isinstance(initializer, (bytes, str)) and typecode in "bB":
            self._a = list(initializer)
        else:
            self._a = [_check(typecode, x) for x in initializer]
    def __len__(self):
        return len(self._a)
    def __getitem__(self, i):
        if isinstance(i, slice):
            r = array(self.typecode)
            r._a = self._a[i]
            return r
        return self._a[i]
    def __setitem__(self, i, v):
        if isinstance(i, slice):
            self._a[i] = v._a if isinstance(v, array) else list(v)
        else:
            self._a[i] = _check(self.typecode, v)
    def __iter__(self):
        return iter(self._a)
    def __mul__(self, n):
        r = array(self.typecode)
        r._a = self._a * n
        return r
    __rmul__ = __mul__
    def __add__(self, other):
        r = array(self.typecode)
        r._a = self._a + other._a
        return r
    def __eq__(self, other):
        return isinstance(other, array) and self._a == other._a
    def __contains__(self, x):
        return x in self._a
    def append(self, v):
        self._a.append(_check(self.typecode, v))
    def extend(self, it):
        for v in it:
            self.append(v)
    def pop(self, i=-1):
        return self._a.pop(i)
    def insert(self, i, v):
        self._a.insert(i, _check(self.typecode, v))
    def index(self, v):
        return self._a.index(v)
    def count(self, v):
        return self._a.count(v)
    def reverse(self):
        self._a.reverse()
    def tolist(self):
        return list(self._a)
    def tobytes(self):
        if self.typecode in "bB":
            return bytes(self._a)
        raise NotImplementedError("tobytes")
    def __repr__(self):
        if not self._a:
            return "array('" + self.typecode + "')"
        return "array('" + self.typecode + "', " + repr(self._a) + ")"

ArrayType = array
typecodes = "bBuhHiIlLqQfd"
"#;

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    crate::modules::misc::exec_in(vm, d, PY_SRC, "<array>")
}
