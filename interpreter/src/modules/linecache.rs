//! `linecache`, natively: the source lines `traceback` and `warnings` show.
//! CPython's pure-Python version reads files through `tokenize` (encoding
//! detection over binary `io` buffers), which our `io` does not provide;
//! this one reads UTF-8 text with `open()` and keeps CPython's cache shape
//! (`cache[filename] = (size, mtime, lines, fullname)`) and API.

use crate::object::value::Value;
use crate::vm::{PyResult, Vm};

const PY_SRC: &str = r#"
cache = {}

def clearcache():
    cache.clear()

def getlines(filename, module_globals=None):
    entry = cache.get(filename)
    if entry is not None and len(entry) != 1:
        return entry[2]
    try:
        return updatecache(filename, module_globals)
    except MemoryError:
        clearcache()
        return []

def getline(filename, lineno, module_globals=None):
    lines = getlines(filename, module_globals)
    if 1 <= lineno <= len(lines):
        return lines[lineno - 1]
    return ''

def checkcache(filename=None):
    if filename is None:
        cache.clear()
    else:
        cache.pop(filename, None)

def updatecache(filename, module_globals=None):
    cache.pop(filename, None)
    if not filename or (filename.startswith('<') and filename.endswith('>')):
        return []
    try:
        with open(filename) as f:
            data = f.read()
    except (OSError, UnicodeDecodeError, SyntaxError):
        return []
    lines = data.splitlines(True)
    if lines and not lines[-1].endswith('\n'):
        lines[-1] += '\n'
    cache[filename] = (len(data), None, lines, filename)
    return lines

def lazycache(filename, module_globals):
    return False
"#;

/// Fills the `linecache` module.
pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    crate::modules::exec_src::exec_in(vm, d, PY_SRC, "<linecache>")
}
