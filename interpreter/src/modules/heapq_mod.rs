//! `_heapq`: the heap primitives the stdlib's `heapq.py` imports (CPython's
//! Modules/_heapqmodule.c semantics: lists only, `<` as the only
//! comparison, "list changed size during iteration" when a comparison
//! resizes the heap, items re-read after every comparison since `__lt__`
//! can mutate the list). The max-heap variants serve `heapq.merge` and
//! `nlargest`.

use super::util::init_with_native;
use crate::compile::bytecode::C_LT;
use crate::object::layout::Kind;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};

/// `a < b` as a bool (may run Python code).
pub fn lt(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    if let Some(r) = vm.fast_compare(a, b, C_LT) {
        return Ok(r);
    }
    let r = vm.compare(a, b, C_LT)?;
    vm.truthy(r)
}

/// `a < b` for a min-heap, `b < a` for a max-heap.
fn before(vm: &mut Vm, a: Value, b: Value, max: bool) -> PyResult<bool> {
    if max {
        lt(vm, b, a)
    } else {
        lt(vm, a, b)
    }
}

fn changed(vm: &mut Vm) -> crate::vm::Exc {
    vm.raise_msg(T::RuntimeError, "list changed size during iteration")
}

/// Moves the item at `pos` up towards `start` (the heap is rooted at `h`).
fn siftdown(vm: &mut Vm, h: usize, start: usize, mut pos: usize, max: bool) -> PyResult<()> {
    let size = Vm::list_len(vm.root(h));
    if pos >= size {
        return Err(vm.raise_msg(T::IndexError, "list index out of range"));
    }
    while pos > start {
        let parentpos = (pos - 1) >> 1;
        let heap = vm.root(h);
        let (newitem, parent) = (Vm::list_get(heap, pos), Vm::list_get(heap, parentpos));
        let cmp = before(vm, newitem, parent, max)?;
        let heap = vm.root(h);
        if size != Vm::list_len(heap) {
            return Err(changed(vm));
        }
        if !cmp {
            break;
        }
        let (newitem, parent) = (Vm::list_get(heap, pos), Vm::list_get(heap, parentpos));
        vm.list_set(heap, parentpos, newitem);
        vm.list_set(heap, pos, parent);
        pos = parentpos;
    }
    Ok(())
}

/// Moves the smaller child up from `pos` to a leaf, then sifts down.
fn siftup(vm: &mut Vm, h: usize, mut pos: usize, max: bool) -> PyResult<()> {
    let endpos = Vm::list_len(vm.root(h));
    let startpos = pos;
    if pos >= endpos {
        return Err(vm.raise_msg(T::IndexError, "list index out of range"));
    }
    let limit = endpos >> 1;
    while pos < limit {
        let mut childpos = 2 * pos + 1;
        if childpos + 1 < endpos {
            let heap = vm.root(h);
            let (a, b) = (
                Vm::list_get(heap, childpos),
                Vm::list_get(heap, childpos + 1),
            );
            if !before(vm, a, b, max)? {
                childpos += 1;
            }
            if endpos != Vm::list_len(vm.root(h)) {
                return Err(changed(vm));
            }
        }
        let heap = vm.root(h);
        let (t1, t2) = (Vm::list_get(heap, childpos), Vm::list_get(heap, pos));
        vm.list_set(heap, childpos, t2);
        vm.list_set(heap, pos, t1);
        pos = childpos;
    }
    siftdown(vm, h, startpos, pos, max)
}

fn nargs(vm: &mut Vm, name: &str, args: Args<'_>, n: usize) -> PyResult<()> {
    if args.nkw() > 0 {
        let m = format!("_heapq.{name}() takes no keyword arguments");
        return Err(vm.raise_msg(T::TypeError, &m));
    }
    if args.len() != n {
        let m = if n == 1 {
            format!(
                "_heapq.{name}() takes exactly one argument ({} given)",
                args.len()
            )
        } else {
            format!("{name} expected {n} arguments, got {}", args.len())
        };
        return Err(vm.raise_msg(T::TypeError, &m));
    }
    Ok(())
}

fn need_list(vm: &mut Vm, name: &str, v: Value, one: bool) -> PyResult<()> {
    if Vm::is_kind(v, Kind::List) {
        return Ok(());
    }
    let arg = if one { "argument" } else { "argument 1" };
    let m = format!("{name}() {arg} must be list, not {}", vm.type_name_of(v));
    Err(vm.raise_msg(T::TypeError, &m))
}

/// Runs `f` with the heap (first argument) rooted; pops the root after.
fn with_heap(vm: &mut Vm, heap: Value, f: impl FnOnce(&mut Vm, usize) -> PyResult) -> PyResult {
    let h = vm.push_root(heap);
    let r = f(vm, h);
    vm.pop_roots(h);
    r
}

fn heappush<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    nargs(vm, "heappush", args, 2)?;
    need_list(vm, "heappush", args.v(vm, 0), false)?;
    vm.list_append(args.v(vm, 0), args.v(vm, 1));
    with_heap(vm, args.v(vm, 0), |vm, h| {
        let n = Vm::list_len(vm.root(h));
        siftdown(vm, h, 0, n - 1, false)?;
        Ok(Value::NONE)
    })
}

fn pop_impl(vm: &mut Vm, name: &str, args: Args<'_>, max: bool) -> PyResult {
    nargs(vm, name, args, 1)?;
    need_list(vm, name, args.v(vm, 0), true)?;
    let heap = args.v(vm, 0);
    let n = Vm::list_len(heap);
    if n == 0 {
        return Err(vm.raise_msg(T::IndexError, "index out of range"));
    }
    let last = vm.list_remove_at(heap, n - 1);
    if n == 1 {
        return Ok(last);
    }
    let ret = Vm::list_get(heap, 0);
    vm.list_set(heap, 0, last);
    let hr = vm.push_root(ret);
    let r = with_heap(vm, heap, |vm, h| siftup(vm, h, 0, max).map(|_| Value::NONE));
    let ret = vm.root(hr);
    vm.pop_roots(hr);
    r.map(|_| ret)
}

fn replace_impl(vm: &mut Vm, name: &str, args: Args<'_>, max: bool) -> PyResult {
    nargs(vm, name, args, 2)?;
    need_list(vm, name, args.v(vm, 0), false)?;
    if Vm::list_len(args.v(vm, 0)) == 0 {
        return Err(vm.raise_msg(T::IndexError, "index out of range"));
    }
    let ret = Vm::list_get(args.v(vm, 0), 0);
    vm.list_set(args.v(vm, 0), 0, args.v(vm, 1));
    let hr = vm.push_root(ret);
    let r = with_heap(vm, args.v(vm, 0), |vm, h| {
        siftup(vm, h, 0, max).map(|_| Value::NONE)
    });
    let ret = vm.root(hr);
    vm.pop_roots(hr);
    r.map(|_| ret)
}

fn heappushpop<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    nargs(vm, "heappushpop", args, 2)?;
    need_list(vm, "heappushpop", args.v(vm, 0), false)?;
    if Vm::list_len(args.v(vm, 0)) == 0 {
        return Ok(args.v(vm, 1));
    }
    let base = vm.root_depth();
    let h = vm.push_root(args.v(vm, 0));
    let hi = vm.push_root(args.v(vm, 1));
    let r = (|| {
        let top = Vm::list_get(vm.root(h), 0);
        if !lt(vm, top, vm.root(hi))? {
            return Ok(vm.root(hi));
        }
        let heap = vm.root(h);
        if Vm::list_len(heap) == 0 {
            return Err(vm.raise_msg(T::IndexError, "index out of range"));
        }
        let ret = Vm::list_get(heap, 0);
        vm.list_set(heap, 0, vm.root(hi));
        vm.set_root(hi, ret);
        siftup(vm, h, 0, false)?;
        Ok(vm.root(hi))
    })();
    vm.pop_roots(base);
    r
}

fn heapify_impl(vm: &mut Vm, name: &str, args: Args<'_>, max: bool) -> PyResult {
    nargs(vm, name, args, 1)?;
    need_list(vm, name, args.v(vm, 0), true)?;
    with_heap(vm, args.v(vm, 0), |vm, h| {
        let n = Vm::list_len(vm.root(h));
        for i in (0..n / 2).rev() {
            siftup(vm, h, i, max)?;
        }
        Ok(Value::NONE)
    })
}

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    init_with_native(
        vm,
        d,
        &[
            ("heappush", heappush),
            ("heappop", |vm, _s, args| {
                pop_impl(vm, "heappop", args, false)
            }),
            ("heapreplace", |vm, _s, args| {
                replace_impl(vm, "heapreplace", args, false)
            }),
            ("heappushpop", heappushpop),
            ("heapify", |vm, _s, args| {
                heapify_impl(vm, "heapify", args, false)
            }),
            ("_heappop_max", |vm, _s, args| {
                pop_impl(vm, "_heappop_max", args, true)
            }),
            ("_heapreplace_max", |vm, _s, args| {
                replace_impl(vm, "_heapreplace_max", args, true)
            }),
            ("_heapify_max", |vm, _s, args| {
                heapify_impl(vm, "_heapify_max", args, true)
            }),
        ],
        "__about__ = 'Heap queues'\n",
        "<_heapq>",
    )
}
