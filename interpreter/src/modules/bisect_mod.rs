//! `_bisect`: the functions the stdlib's `bisect.py` imports (CPython's
//! Modules/_bisectmodule.c semantics: any sequence, `lo` checked, `hi=None`
//! or -1 meaning `len(a)`, `key=` applied to the probed items only, `<` as
//! the only comparison, the item re-fetched by index after every
//! comparison (a `__lt__` may shrink the list: IndexError as CPython),
//! `insort` through `list.insert` or the sequence's `insert` method).

use super::heapq_mod::lt;
use super::util::init_with_native;
use crate::object::layout::Kind;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::Args;
use crate::vm::{Exc, PyResult, Vm};

const NAMES: [&str; 5] = ["a", "x", "lo", "hi", "key"];

/// Binds `(a, x, lo=0, hi=None, *, key=None)` as argument clinic does:
/// for each parameter, the index of its argument in `args`.
fn bind(vm: &mut Vm, name: &str, args: Args<'_>) -> PyResult<[Option<usize>; 5]> {
    let (npos, nkw) = (args.npos(), args.nkw());
    if npos > 4 {
        let m = format!("{name}() takes at most 4 positional arguments ({npos} given)");
        return Err(vm.raise_msg(T::TypeError, &m));
    }
    let mut out = [None; 5];
    for (j, slot) in out.iter_mut().enumerate().take(npos) {
        *slot = Some(j);
    }
    for i in 0..nkw {
        let kwnames = args.kwnames_v(vm);
        let k = Vm::as_str(Vm::tuple_get(kwnames, i)).to_string();
        let Some(j) = NAMES.iter().position(|n| *n == k) else {
            let m = format!("'{k}' is an invalid keyword argument for {name}()");
            return Err(vm.raise_msg(T::TypeError, &m));
        };
        if out[j].is_some() {
            let m = format!(
                "argument for {name}() given by name ('{k}') and position ({})",
                j + 1
            );
            return Err(vm.raise_msg(T::TypeError, &m));
        }
        out[j] = Some(npos + i);
    }
    for (j, n) in NAMES[..2].iter().enumerate() {
        if out[j].is_none() {
            let m = format!("{name}() missing required argument '{n}' (pos {})", j + 1);
            return Err(vm.raise_msg(T::TypeError, &m));
        }
    }
    Ok(out)
}

/// Roots the bound parameters (NULL when not given); their root indices.
fn root_bound(vm: &mut Vm, args: Args<'_>, b: [Option<usize>; 5]) -> Vec<usize> {
    b.iter()
        .map(|i| vm.push_root(i.map_or(Value::NULL, |i| args.v(vm, i))))
        .collect()
}

/// `lo` and `hi` (-1 for None) as CPython converts them.
fn bounds(vm: &mut Vm, lo: Value, hi: Value) -> PyResult<(i64, i64)> {
    let lo = if lo.is_null() { 0 } else { index(vm, lo)? };
    let hi = if hi.is_null() || hi.is_none() {
        -1
    } else if Vm::is_intlike(hi) {
        index(vm, hi)?
    } else {
        let m = format!(
            "argument should be integer or None, not '{}'",
            vm.type_name_of(hi)
        );
        return Err(vm.raise_msg(T::TypeError, &m));
    };
    if lo < 0 {
        return Err(vm.raise_msg(T::ValueError, "lo must be non-negative"));
    }
    Ok((lo, hi))
}

fn index(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if Vm::is_bigint(v) {
        let m = "Python int too large to convert to C ssize_t";
        return Err(vm.raise_msg(T::OverflowError, m));
    }
    vm.index_of(v)
}

fn index_error(vm: &mut Vm) -> Exc {
    vm.raise_msg(T::IndexError, "list index out of range")
}

/// `a[i]` (any sequence), then `key(a[i])` when a key is given.
fn probe(vm: &mut Vm, a: Value, i: i64, key: Value) -> PyResult {
    let item = if Vm::is_kind(a, Kind::List) && vm.type_of(a) == vm.ty(T::List) {
        if i as usize >= Vm::list_len(a) {
            return Err(index_error(vm));
        }
        Vm::list_get(a, i as usize)
    } else {
        vm.getitem(a, Value::int(i))?
    };
    if key.is_null() || key.is_none() {
        return Ok(item);
    }
    vm.call(key, &[item], Value::NULL)
}

/// The insertion point of the item rooted at `hx` in the sequence rooted
/// at `ha` (`right`: after equal items); the key function is rooted at
/// `hk`.
fn search(
    vm: &mut Vm,
    ha: usize,
    hx: usize,
    hk: usize,
    lo: i64,
    hi: i64,
    right: bool,
) -> PyResult<i64> {
    let (mut lo, mut hi) = (lo, hi);
    if hi == -1 {
        hi = vm.len(vm.root(ha))? as i64;
    }
    while lo < hi {
        let mid = ((lo as u64 + hi as u64) / 2) as i64;
        let v = probe(vm, vm.root(ha), mid, vm.root(hk))?;
        let x = vm.root(hx);
        let go_left = if right { lt(vm, x, v)? } else { !lt(vm, v, x)? };
        if go_left {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}

fn bisect_impl(vm: &mut Vm, name: &str, args: Args<'_>, right: bool) -> PyResult {
    let b = bind(vm, name, args)?;
    let base = vm.root_depth();
    let roots = root_bound(vm, args, b);
    let r = (|| {
        let (lo, hi) = bounds(vm, vm.root(roots[2]), vm.root(roots[3]))?;
        search(vm, roots[0], roots[1], roots[4], lo, hi, right).map(Value::int)
    })();
    vm.pop_roots(base);
    r
}

fn insort_impl(vm: &mut Vm, name: &str, args: Args<'_>, right: bool) -> PyResult {
    let b = bind(vm, name, args)?;
    let base = vm.root_depth();
    let roots = root_bound(vm, args, b);
    let r = (|| {
        let (lo, hi) = bounds(vm, vm.root(roots[2]), vm.root(roots[3]))?;
        let key = vm.root(roots[4]);
        let hx = if key.is_null() || key.is_none() {
            roots[1]
        } else {
            let kx = vm.call(key, &[vm.root(roots[1])], Value::NULL)?;
            vm.push_root(kx)
        };
        let i = search(vm, roots[0], hx, roots[4], lo, hi, right)?;
        let (a, x) = (vm.root(roots[0]), vm.root(roots[1]));
        if Vm::is_kind(a, Kind::List) && vm.type_of(a) == vm.ty(T::List) {
            let n = Vm::list_len(a) as i64;
            vm.list_insert(a, i.clamp(0, n) as usize, x);
        } else {
            let m = vm.intern("insert");
            let f = vm.getattr(vm.root(roots[0]), m)?;
            vm.call(f, &[Value::int(i), vm.root(roots[1])], Value::NULL)?;
        }
        Ok(Value::NONE)
    })();
    vm.pop_roots(base);
    r
}

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    init_with_native(
        vm,
        d,
        &[
            ("bisect_right", |vm, _s, args| {
                bisect_impl(vm, "bisect_right", args, true)
            }),
            ("bisect_left", |vm, _s, args| {
                bisect_impl(vm, "bisect_left", args, false)
            }),
            ("insort_right", |vm, _s, args| {
                insort_impl(vm, "insort_right", args, true)
            }),
            ("insort_left", |vm, _s, args| {
                insort_impl(vm, "insort_left", args, false)
            }),
        ],
        "",
        "<_bisect>",
    )
}
