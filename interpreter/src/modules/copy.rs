//! The `copy` module, written in Python.

use super::exec_src::exec_in;
use crate::object::value::Value;
use crate::vm::{PyResult, Vm};

const COPY_SRC: &str = r#"
class Error(Exception):
    pass

def copy(x):
    cls = type(x)
    if cls in (int, float, bool, str, tuple, bytes, frozenset, type, range) or x is None:
        return x
    if cls is list:
        return list(x)
    if cls is dict:
        return dict(x)
    if cls is set:
        return set(x)
    if hasattr(x, "__copy__"):
        return x.__copy__()
    if isinstance(x, list):
        r = cls.__new__(cls)
        r.extend(x)
        r.__dict__.update(x.__dict__) if hasattr(x, "__dict__") else None
        return r
    if isinstance(x, dict):
        r = cls.__new__(cls)
        r.update(x)
        return r
    for base in (tuple, str, bytes, int, float, complex, frozenset):
        if isinstance(x, base):
            # an immutable builtin's subclass: built from the value
            r = cls.__new__(cls, base(x))
            break
    else:
        r = object.__new__(cls)
    if hasattr(x, "__dict__"):
        for k, v in x.__dict__.items():
            setattr(r, k, v)
    return r

def deepcopy(x, memo=None):
    if memo is None:
        memo = {}
    i = id(x)
    if i in memo:
        return memo[i]
    cls = type(x)
    if cls in (int, float, bool, str, bytes, type, range) or x is None:
        return x
    if cls is list:
        r = []
        memo[i] = r
        for v in x:
            r.append(deepcopy(v, memo))
        return r
    if cls is tuple:
        return tuple(deepcopy(v, memo) for v in x)
    if cls is dict:
        r = {}
        memo[i] = r
        for k, v in x.items():
            r[deepcopy(k, memo)] = deepcopy(v, memo)
        return r
    if cls is set:
        return set(deepcopy(v, memo) for v in x)
    if hasattr(x, "__deepcopy__"):
        return x.__deepcopy__(memo)
    r = object.__new__(cls)
    memo[i] = r
    if hasattr(x, "__dict__"):
        for k, v in x.__dict__.items():
            setattr(r, k, deepcopy(v, memo))
    return r
"#;

pub fn init_copy(vm: &mut Vm, d: Value) -> PyResult<()> {
    exec_in(vm, d, COPY_SRC, "<copy>")
}
