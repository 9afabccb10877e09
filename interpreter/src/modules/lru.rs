//! `functools.lru_cache`: the call path of `_lru_cache_wrapper` in Rust,
//! CPython's algorithm (Lib/functools.py, Modules/_functoolsmodule.c): a
//! dict from argument keys to links of a circular doubly linked list
//! `[prev, next, key, result]` kept in recency order, so a hit and an
//! eviction are O(1). Unbounded caches (`maxsize=None`, `cache`) map keys
//! straight to results.
//!
//! The wrapper object (a Python class in the functools source) keeps its
//! state in one list, `self._st`: `[func, cache, root, maxsize, typed,
//! hits, misses, full, kwd_mark]`.

use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::{Args, Rooted, Scope};
use crate::vm::{PyResult, Vm};

const S_FUNC: usize = 0;
const S_CACHE: usize = 1;
const S_ROOT: usize = 2;
const S_MAXSIZE: usize = 3;
const S_TYPED: usize = 4;
const S_HITS: usize = 5;
const S_MISSES: usize = 6;
const S_FULL: usize = 7;
const S_MARK: usize = 8;

const PREV: usize = 0;
const NEXT: usize = 1;
const KEY: usize = 2;
const RESULT: usize = 3;

/// CPython's `_make_key`: a lone int/str argument is its own key,
/// otherwise a tuple of the arguments (then a marker and the keyword
/// items; then the argument types when `typed`).
fn make_key(vm: &mut Vm, st: Value, a: &[Value], kw: Value) -> Value {
    let typed = Vm::list_get(st, S_TYPED) == Value::TRUE;
    let nkw = if kw.is_null() { 0 } else { Vm::tuple_len(kw) };
    let pos = &a[..a.len() - nkw];
    if nkw == 0 && !typed && pos.len() == 1 {
        let x = pos[0];
        if x.is_int() || (Vm::is_str(x) && vm.type_of(x) == vm.ty(T::Str)) {
            return x;
        }
    }
    let mut items: Vec<Value> = pos.to_vec();
    if nkw > 0 {
        items.push(Vm::list_get(st, S_MARK));
        for i in 0..nkw {
            items.push(Vm::tuple_get(kw, i));
            items.push(a[pos.len() + i]);
        }
    }
    if typed {
        for x in pos {
            items.push(vm.type_of(*x));
        }
        for i in 0..nkw {
            items.push(vm.type_of(a[pos.len() + i]));
        }
    }
    vm.new_tuple(&items)
}

fn bump(st: Value, i: usize) {
    let arr = Vm::get(st.obj().expect("st"), crate::object::list::L_ITEMS);
    let n = Vm::list_get(st, i).as_int();
    // a small int: no pointer, no barrier needed
    arr.obj()
        .expect("items")
        .set_word(ITEMS_OFF + 8 * i, Value::int(n + 1).0);
}

/// Unlinks `link` and puts it just before `root` (most recent).
fn move_to_end(vm: &mut Vm, root: Value, link: Value) {
    let (p, n) = (Vm::list_get(link, PREV), Vm::list_get(link, NEXT));
    vm.list_set(p, NEXT, n);
    vm.list_set(n, PREV, p);
    let last = Vm::list_get(root, PREV);
    vm.list_set(last, NEXT, link);
    vm.list_set(root, PREV, link);
    vm.list_set(link, PREV, last);
    vm.list_set(link, NEXT, root);
}

/// `wrapper(*args, **kwargs)`: `args[0]` is the wrapper; the arguments
/// and keyword names stay rooted in `args` (lookups may run `__eq__`, so
/// everything is re-read after each).
pub fn lru_call<'s>(vm: &mut Vm, s: Scope<'s>, args: Args<'s>) -> PyResult {
    if args.is_empty() {
        return Err(vm.raise_msg(T::TypeError, "lru_cache wrapper needs its instance"));
    }
    let name = vm.intern("_st");
    let st = vm.getattr(args.v(vm, 0), name)?;
    let st = s.root_value(vm, st);
    lru_call_st(vm, s, args, st)
}

/// The arguments after the wrapper, now (for one older call).
fn call_args(vm: &Vm, args: Args<'_>) -> Vec<Value> {
    args.values(vm)[1..].to_vec()
}

/// The call proper, the state rooted at `hst`.
fn lru_call_st<'s>(vm: &mut Vm, s: Scope<'s>, args: Args<'s>, hst: Rooted<'s>) -> PyResult {
    let st = hst.get(vm).value();
    if !Vm::is_kind(st, Kind::List) || Vm::list_len(st) <= S_MARK {
        return Err(vm.raise_msg(T::TypeError, "lru_cache wrapper state is damaged"));
    }
    let maxsize = Vm::list_get(st, S_MAXSIZE);
    let func = Vm::list_get(st, S_FUNC);
    if maxsize == Value::int(0) {
        bump(st, S_MISSES);
        let a = call_args(vm, args);
        return vm.call(func, &a, args.kwnames_v(vm));
    }
    let a = call_args(vm, args);
    let key = make_key(vm, st, &a, args.kwnames_v(vm));
    let hkey = s.root_value(vm, key);
    let cache = Vm::list_get(hst.get(vm).value(), S_CACHE);
    if let Some(v) = vm.dict_get(cache, hkey.get(vm).value())? {
        let st = hst.get(vm).value();
        bump(st, S_HITS);
        if maxsize.is_none() {
            return Ok(v);
        }
        let root = Vm::list_get(st, S_ROOT);
        move_to_end(vm, root, v);
        return Ok(Vm::list_get(v, RESULT));
    }
    bump(hst.get(vm).value(), S_MISSES);
    let func = Vm::list_get(hst.get(vm).value(), S_FUNC);
    let a = call_args(vm, args);
    let result = vm.call(func, &a, args.kwnames_v(vm))?;
    let hres = s.root_value(vm, result);
    let st = hst.get(vm).value();
    let cache = Vm::list_get(st, S_CACHE);
    if maxsize.is_none() {
        vm.dict_set(cache, hkey.get(vm).value(), hres.get(vm).value())?;
        return Ok(hres.get(vm).value());
    }
    // the call may have cached the same key (recursion): keep that link
    if vm.dict_get(cache, hkey.get(vm).value())?.is_some() {
        return Ok(hres.get(vm).value());
    }
    let st = hst.get(vm).value();
    let (cache, root) = (Vm::list_get(st, S_CACHE), Vm::list_get(st, S_ROOT));
    if Vm::list_get(st, S_FULL) == Value::TRUE {
        // reuse the old root as the new link; its successor becomes the root
        let (key, res) = (hkey.get(vm).value(), hres.get(vm).value());
        vm.list_set(root, KEY, key);
        vm.list_set(root, RESULT, res);
        let nroot = Vm::list_get(root, NEXT);
        let oldkey = Vm::list_get(nroot, KEY);
        vm.list_set(nroot, KEY, Value::NONE);
        vm.list_set(nroot, RESULT, Value::NONE);
        let st = hst.get(vm).value();
        vm.list_set(st, S_ROOT, nroot);
        let hold = s.root_value(vm, root);
        vm.dict_del(cache, oldkey)?;
        let st = hst.get(vm).value();
        let cache = Vm::list_get(st, S_CACHE);
        vm.dict_set(cache, hkey.get(vm).value(), hold.get(vm).value())?;
    } else {
        let last = Vm::list_get(root, PREV);
        let link = vm.new_list(&[last, root, hkey.get(vm).value(), hres.get(vm).value()]);
        vm.list_set(last, NEXT, link);
        vm.list_set(root, PREV, link);
        vm.dict_set(cache, hkey.get(vm).value(), link)?;
        let st = hst.get(vm).value();
        let cache = Vm::list_get(st, S_CACHE);
        let full = Vm::dict_len(cache) as i64 >= maxsize.as_int();
        vm.list_set(st, S_FULL, Value::bool(full));
    }
    Ok(hres.get(vm).value())
}

/// The Python half: the wrapper class, `lru_cache` and `cache`.
pub const PY_SRC: &str = r#"
from types import MethodType as _MethodType

class _lru_cache_wrapper:
    """CPython's _functools._lru_cache_wrapper(user_function, maxsize,
    typed, cache_info_type); functools.lru_cache wraps it."""
    def __init__(self, user_function, maxsize, typed, cache_info_type):
        if not callable(user_function):
            raise TypeError("the first argument must be callable")
        if maxsize is not None and not isinstance(maxsize, int):
            raise TypeError("maxsize should be integer or None")
        if maxsize is not None and maxsize < 0:
            maxsize = 0
        root = []
        root[:] = [root, root, None, None]
        self._st = [user_function, {}, root, maxsize, bool(typed), 0, 0, False, object()]
        self._cache_info_type = cache_info_type
        self.__wrapped__ = user_function
    __call__ = _lru_call
    def cache_info(self):
        st = self._st
        return self._cache_info_type(st[5], st[6], st[3], len(st[1]))
    def cache_clear(self):
        st = self._st
        st[1].clear()
        root = st[2]
        root[:] = [root, root, None, None]
        st[5] = st[6] = 0
        st[7] = False
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return _MethodType(self, obj)
    def __copy__(self):
        return self
    def __deepcopy__(self, memo):
        return self
    def __reduce__(self):
        return self.__qualname__
"#;

/// The `_functools` module: the native call path of `_lru_cache_wrapper`.
pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    let h = vm.push_root(d);
    vm.add_native_fn(d, "_lru_call", lru_call);
    let r = crate::modules::exec_src::exec_in(vm, vm.root(h), PY_SRC, "<_functools>");
    vm.pop_roots(h);
    r
}
