//! `collections.deque`: the methods of the native ring-buffer deque
//! (storage in `object::deque`). Messages and complexity follow CPython's
//! `_collections` module: O(1) appends/pops at both ends and indexing,
//! O(n) search, insert and delete in the middle; iterators and searches
//! raise `RuntimeError: deque mutated during iteration` when the deque
//! changes under them.

use super::util::pos_v;
use crate::compile::bytecode::*;
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::iter::{IT_C, IT_IDX, IT_SEQ};
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};

/// Iterator modes (see `vm::iter`).
pub const IT_DEQUE: i64 = 40;
pub const IT_DEQUE_REV: i64 = 41;

thread_local! {
    /// Identities of the deques whose repr is being built (recursion guard).
    static IN_REPR: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn this(vm: &mut Vm, args: Args<'_>, name: &str, min: usize, max: usize) -> PyResult<Value> {
    this_n(vm, args, args.len(), name, min, max)
}

/// [`this`] counting the positional arguments only.
fn this_pos(vm: &mut Vm, args: Args<'_>, name: &str, min: usize, max: usize) -> PyResult<Value> {
    this_n(vm, args, args.npos(), name, min, max)
}

/// The deque receiver, `n` arguments (receiver included) checked against
/// `min + 1..=max + 1`.
fn this_n(
    vm: &mut Vm,
    args: Args<'_>,
    n: usize,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<Value> {
    vm.check_nargs(name, n, min + 1, max + 1)?;
    if !Vm::is_kind(args.v(vm, 0), Kind::Deque) {
        let msg = format!(
            "descriptor '{name}' for 'collections.deque' objects doesn't apply to a '{}' object",
            vm.type_name_of(args.v(vm, 0))
        );
        return Err(vm.raise_msg(T::TypeError, &msg));
    }
    Ok(args.v(vm, 0))
}

fn mutated(vm: &mut Vm) -> crate::vm::Exc {
    vm.raise_msg(T::RuntimeError, "deque mutated during iteration")
}

/// A normalised item index, or IndexError; `d` re-read after `__index__`.
fn item_index(vm: &mut Vm, d: Value, k: Value) -> PyResult<(Value, usize)> {
    let intlike = k.is_int() || k == Value::TRUE || k == Value::FALSE || Vm::is_bigint(k);
    if !intlike
        && vm
            .type_lookup_n(vm.type_of(k), crate::object::N::Index)
            .is_none()
    {
        let msg = format!(
            "sequence index must be integer, not '{}'",
            vm.type_name_of(k)
        );
        return Err(vm.raise_msg(T::TypeError, &msg));
    }
    let h = vm.push_root(d);
    let i = vm.index_of(k);
    let d = vm.root(h);
    vm.pop_roots(h);
    let i = i?;
    let n = Vm::deque_len(d) as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.raise_msg(T::IndexError, "deque index out of range"));
    }
    Ok((d, j as usize))
}

/// `maxlen` from an argument: None or a non-negative int.
fn parse_maxlen(vm: &mut Vm, m: Option<Value>) -> PyResult<Value> {
    match m {
        None => Ok(Value::NONE),
        Some(v) if v.is_none() => Ok(Value::NONE),
        Some(v) => {
            let n = vm.index_of(v)?;
            if n < 0 {
                return Err(vm.raise_msg(T::ValueError, "maxlen must be non-negative"));
            }
            Ok(Value::int(n))
        }
    }
}

/// Appends every item of `it` (right end, or left end when `left`).
pub fn deque_extend(vm: &mut Vm, d: Value, it: Value, left: bool) -> PyResult<()> {
    let items = if it == d {
        (Vm::deque_items(d), d)
    } else {
        let h = vm.push_root(d);
        let r = vm.collect(it);
        let d = vm.root(h);
        vm.pop_roots(h);
        (r?, d)
    };
    let (items, d) = items;
    // no safepoint from here on: `items` and `d` stay valid
    for x in items {
        if left {
            vm.deque_appendleft(d, x);
        } else {
            vm.deque_append(d, x);
        }
    }
    Ok(())
}

/// A copy of `d` of the same type (`type(d)(d, maxlen)` for subclasses).
fn deque_copy(vm: &mut Vm, d: Value) -> PyResult {
    let t = vm.type_of(d);
    let ml = Vm::deque_maxlen(d);
    if t == vm.ty(T::Deque) {
        let n = vm.new_deque(t, ml);
        let items = Vm::deque_items(d);
        vm.deque_set_items(n, &items);
        return Ok(n);
    }
    if ml.is_none() {
        vm.call(t, &[d], Value::NULL)
    } else {
        vm.call(t, &[d, ml], Value::NULL)
    }
}

/// Index of the first item equal to `x` in `[start, stop)`, checking for
/// mutation after every comparison.
fn find(vm: &mut Vm, d: Value, x: Value, start: usize, stop: usize) -> PyResult<Option<usize>> {
    let base = vm.root_depth();
    let hd = vm.push_root(d);
    let hx = vm.push_root(x);
    let state = Vm::deque_state(d);
    let mut i = start;
    let r = loop {
        let d = vm.root(hd);
        if i >= stop.min(Vm::deque_len(d)) {
            break Ok(None);
        }
        let y = Vm::deque_get(d, i);
        let eq = vm.eq_bool(y, vm.root(hx));
        let d = vm.root(hd);
        match eq {
            Err(e) => break Err(e),
            Ok(_) if Vm::deque_state(d) != state => break Err(mutated(vm)),
            Ok(true) => break Ok(Some(i)),
            Ok(false) => i += 1,
        }
    };
    vm.pop_roots(base);
    r
}

fn clamp_index(v: Option<Value>, n: usize, vm: &mut Vm, default: usize) -> PyResult<usize> {
    let Some(v) = v else { return Ok(default) };
    let i = vm.index_of(v)?;
    let n = n as i64;
    Ok(if i < 0 { (i + n).max(0) } else { i.min(n) } as usize)
}

fn repr(vm: &mut Vm, d: Value) -> PyResult {
    let id = vm.m.identity(d.obj().expect("deque"));
    let name = Vm::type_name(vm.type_of(d));
    if IN_REPR.with(|s| s.borrow().contains(&id)) {
        return Ok(vm.new_string("[...]".into()));
    }
    IN_REPR.with(|s| s.borrow_mut().push(id));
    let items = Vm::deque_items(d);
    let h = vm.push_root(d);
    let l = vm.new_list(&items);
    let r = vm.repr_string(l);
    let d = vm.root(h);
    vm.pop_roots(h);
    IN_REPR.with(|s| s.borrow_mut().retain(|x| *x != id));
    let body = r?;
    let ml = Vm::deque_maxlen(d);
    let s = if ml.is_none() {
        format!("{name}({body})")
    } else {
        format!("{name}({body}, maxlen={})", ml.as_int())
    };
    Ok(vm.new_string(s))
}

fn compare(vm: &mut Vm, args: Args<'_>, op: u32) -> PyResult {
    args.check(vm, "__eq__", 2, 2)?;
    if !Vm::is_kind(args.v(vm, 0), Kind::Deque) || !Vm::is_kind(args.v(vm, 1), Kind::Deque) {
        return Ok(Value::NOT_IMPL);
    }
    let x = Vm::deque_items(args.v(vm, 0));
    let y = Vm::deque_items(args.v(vm, 1));
    let lx = vm.new_list(&x);
    let h = vm.push_root(lx);
    let ly = vm.new_list(&y);
    let lx = vm.root(h);
    vm.pop_roots(h);
    vm.compare(lx, ly, op)
}

fn new_iter(vm: &mut Vm, d: Value, mode: i64) -> Value {
    let ty = vm.ty(T::Iterator);
    let st = Value::int(Vm::deque_state(d));
    vm.new_iter(ty, mode, d, Value::int(0), st, Value::NULL)
}

/// `iter(deque)`.
pub fn deque_iter(vm: &mut Vm, d: Value) -> Value {
    new_iter(vm, d, IT_DEQUE)
}

/// Next item of a deque iterator: Ok(None) when exhausted.
pub fn iter_next(vm: &mut Vm, it: gc_api::ObjRef, mode: i64) -> PyResult<Option<Value>> {
    let d = Vm::get(it, IT_SEQ);
    let i = Vm::get(it, IT_IDX).as_int() as usize;
    if Vm::deque_state(d) != Vm::get(it, IT_C).as_int() {
        return Err(mutated(vm));
    }
    let n = Vm::deque_len(d);
    if i >= n {
        return Ok(None);
    }
    it.set_word(slot(IT_IDX), Value::int(i as i64 + 1).0);
    let j = if mode == IT_DEQUE { i } else { n - 1 - i };
    Ok(Some(Vm::deque_get(d, j)))
}

fn repeat(vm: &mut Vm, d: Value, n: Value) -> PyResult<()> {
    let h = vm.push_root(d);
    let k = vm.index_of(n);
    let d = vm.root(h);
    vm.pop_roots(h);
    let k = k?;
    let items = Vm::deque_items(d);
    if k <= 0 || items.is_empty() {
        vm.deque_clear(d);
        return Ok(());
    }
    let mut total = items.len() as u128 * k as u128;
    if let Some(m) = Vm::deque_maxlen(d).get_int() {
        total = total.min(m as u128);
    }
    if total > (1u128 << 40) {
        return Err(vm.raise_msg(T::MemoryError, ""));
    }
    let total = total as usize;
    // the last `total` items of the repetition
    let n = items.len();
    let skip = n * k as usize - total.min(n * k as usize);
    let out: Vec<Value> = (skip..skip + total).map(|i| items[i % n]).collect();
    vm.deque_set_items(d, &out);
    Ok(())
}

pub fn register(vm: &mut Vm) {
    register_core(vm);
    register_seq(vm);
    register_ops(vm);
}

fn register_core(vm: &mut Vm) {
    vm.add_native_method(T::Deque, "__new__", |vm, _s, args| {
        if args.is_empty() || !Vm::is_type(args.v(vm, 0)) {
            return Err(vm.raise_msg(T::TypeError, "deque.__new__(X): X is not a type object"));
        }
        Ok(vm.new_deque(args.v(vm, 0), Value::NONE))
    });
    vm.add_native_method(T::Deque, "__init__", |vm, _s, args| {
        this_pos(vm, args, "deque", 0, 2)?;
        let ml = pos_v(vm, args, 2).or_else(|| args.kwarg_v(vm, "maxlen"));
        // `maxlen.__index__` may run Python: the arguments are read after it
        let ml = parse_maxlen(vm, ml)?;
        let d = args.v(vm, 0);
        let it = pos_v(vm, args, 1).or_else(|| args.kwarg_v(vm, "iterable"));
        let o = d.obj().expect("deque");
        o.set_word(slot(crate::object::deque::DQ_MAXLEN), ml.0);
        if Vm::deque_len(d) > 0 {
            vm.deque_clear(d);
        }
        if let Some(it) = it {
            deque_extend(vm, d, it, false)?;
        }
        Ok(Value::NONE)
    });
    vm.add_native_method(T::Deque, "append", |vm, _s, args| {
        let d = this(vm, args, "append", 1, 1)?;
        vm.deque_append(d, args.v(vm, 1));
        Ok(Value::NONE)
    });
    vm.add_native_method(T::Deque, "appendleft", |vm, _s, args| {
        let d = this(vm, args, "appendleft", 1, 1)?;
        vm.deque_appendleft(d, args.v(vm, 1));
        Ok(Value::NONE)
    });
    vm.add_native_method(T::Deque, "pop", |vm, _s, args| {
        let d = this(vm, args, "pop", 0, 0)?;
        match vm.deque_pop_back(d) {
            Some(v) => Ok(v),
            None => Err(vm.raise_msg(T::IndexError, "pop from an empty deque")),
        }
    });
    vm.add_native_method(T::Deque, "popleft", |vm, _s, args| {
        let d = this(vm, args, "popleft", 0, 0)?;
        match vm.deque_pop_front(d) {
            Some(v) => Ok(v),
            None => Err(vm.raise_msg(T::IndexError, "pop from an empty deque")),
        }
    });
    vm.add_native_method(T::Deque, "extend", |vm, _s, args| {
        let d = this(vm, args, "extend", 1, 1)?;
        deque_extend(vm, d, args.v(vm, 1), false)?;
        Ok(Value::NONE)
    });
    vm.add_native_method(T::Deque, "extendleft", |vm, _s, args| {
        let d = this(vm, args, "extendleft", 1, 1)?;
        deque_extend(vm, d, args.v(vm, 1), true)?;
        Ok(Value::NONE)
    });
    vm.add_native_method(T::Deque, "clear", |vm, _s, args| {
        let d = this(vm, args, "clear", 0, 0)?;
        vm.deque_clear(d);
        Ok(Value::NONE)
    });
    vm.add_native_method(T::Deque, "rotate", |vm, _s, args| {
        this(vm, args, "rotate", 0, 1)?;
        let k = match args.opt_v(vm, 1) {
            Some(v) => vm.index_of(v)?,
            None => 1,
        };
        let d = args.v(vm, 0);
        let n = Vm::deque_len(d) as i64;
        if n > 1 {
            vm.deque_rotate(d, k.rem_euclid(n) as usize);
        }
        Ok(Value::NONE)
    });
    vm.add_native_method(T::Deque, "copy", |vm, _s, args| {
        let d = this(vm, args, "copy", 0, 0)?;
        deque_copy(vm, d)
    });
    vm.add_native_method(T::Deque, "__copy__", |vm, _s, args| {
        let d = this(vm, args, "__copy__", 0, 0)?;
        deque_copy(vm, d)
    });
    vm.add_native_method(T::Deque, "__reduce__", reduce);
    vm.add_native_method(T::Deque, "__reduce_ex__", reduce);
    vm.add_native_method(T::Deque, "__repr__", |vm, _s, args| {
        let d = this(vm, args, "__repr__", 0, 0)?;
        repr(vm, d)
    });
    vm.add_native_method(T::Deque, "__class_getitem__", |vm, _s, args| {
        args.check(vm, "__class_getitem__", 2, 2)?;
        Ok(args.v(vm, 0))
    });
    // maxlen: a read-only property
    let getter = vm.new_native("maxlen", |vm, _s, args| {
        let d = this(vm, args, "maxlen", 0, 0)?;
        Ok(Vm::deque_maxlen(d))
    });
    let pt = vm.ty(T::Property);
    let p = vm.alloc_rec(Kind::Property, pt);
    Vm::init(p, 1, getter);
    Vm::init(p, 2, Value::NONE);
    Vm::init(p, 3, Value::NONE);
    Vm::init(p, 4, Value::NONE);
    let n = vm.intern("maxlen");
    let t = vm.ty(T::Deque);
    vm.type_set_attr(t, n, Value::from_obj(p));
    let n = vm.intern("__hash__");
    let t = vm.ty(T::Deque);
    vm.type_set_attr(t, n, Value::NONE);
}

fn reduce<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    let d = this_n(vm, args, 1.min(args.len()), "__reduce__", 0, 0)?;
    let t = vm.type_of(d);
    let it = deque_iter(vm, d);
    let hi = vm.push_root(it);
    let d = args.v(vm, 0);
    let attrs = Vm::get(d.obj().expect("deque"), crate::object::deque::DQ_ATTRS);
    let attrs = if attrs.is_null() { Value::NONE } else { attrs };
    let ml = Vm::deque_maxlen(d);
    let empty = vm.new_tuple(&[]);
    let args = if ml.is_none() {
        empty
    } else {
        vm.new_tuple(&[empty, ml])
    };
    let it = vm.root(hi);
    vm.pop_roots(hi);
    Ok(vm.new_tuple(&[t, args, attrs, it]))
}

fn register_seq(vm: &mut Vm) {
    vm.add_native_method(T::Deque, "__len__", |vm, _s, args| {
        let d = this(vm, args, "__len__", 0, 0)?;
        Ok(Value::int(Vm::deque_len(d) as i64))
    });
    vm.add_native_method(T::Deque, "__bool__", |vm, _s, args| {
        let d = this(vm, args, "__bool__", 0, 0)?;
        Ok(Value::bool(Vm::deque_len(d) > 0))
    });
    vm.add_native_method(T::Deque, "__iter__", |vm, _s, args| {
        let d = this(vm, args, "__iter__", 0, 0)?;
        Ok(new_iter(vm, d, IT_DEQUE))
    });
    vm.add_native_method(T::Deque, "__reversed__", |vm, _s, args| {
        let d = this(vm, args, "__reversed__", 0, 0)?;
        Ok(new_iter(vm, d, IT_DEQUE_REV))
    });
    vm.add_native_method(T::Deque, "__getitem__", |vm, _s, args| {
        let d = this(vm, args, "__getitem__", 1, 1)?;
        let (d, i) = item_index(vm, d, args.v(vm, 1))?;
        Ok(Vm::deque_get(d, i))
    });
    vm.add_native_method(T::Deque, "__setitem__", |vm, _s, args| {
        let d = this(vm, args, "__setitem__", 2, 2)?;
        let (d, i) = item_index(vm, d, args.v(vm, 1))?;
        vm.deque_set(d, i, args.v(vm, 2));
        Ok(Value::NONE)
    });
    vm.add_native_method(T::Deque, "__delitem__", |vm, _s, args| {
        let d = this(vm, args, "__delitem__", 1, 1)?;
        let (d, i) = item_index(vm, d, args.v(vm, 1))?;
        del_at(vm, d, i);
        Ok(Value::NONE)
    });
    vm.add_native_method(T::Deque, "__contains__", |vm, _s, args| {
        let d = this(vm, args, "__contains__", 1, 1)?;
        Ok(Value::bool(
            find(vm, d, args.v(vm, 1), 0, usize::MAX)?.is_some(),
        ))
    });
    vm.add_native_method(T::Deque, "count", |vm, _s, args| {
        this(vm, args, "count", 1, 1)?;
        let mut n = 0;
        let mut i = 0;
        while let Some(j) = find(vm, args.v(vm, 0), args.v(vm, 1), i, usize::MAX)? {
            n += 1;
            i = j + 1;
        }
        Ok(Value::int(n))
    });
    vm.add_native_method(T::Deque, "index", |vm, _s, args| {
        let d = this(vm, args, "index", 1, 3)?;
        let n = Vm::deque_len(d);
        let start = clamp_index(args.opt_v(vm, 2), n, vm, 0)?;
        let stop = clamp_index(args.opt_v(vm, 3), n, vm, n)?;
        match find(vm, args.v(vm, 0), args.v(vm, 1), start, stop)? {
            Some(i) => Ok(Value::int(i as i64)),
            None => {
                let r = vm.repr_string(args.v(vm, 1))?;
                Err(vm.raise_msg(T::ValueError, &format!("{r} is not in deque")))
            }
        }
    });
    vm.add_native_method(T::Deque, "remove", |vm, _s, args| {
        let d = this(vm, args, "remove", 1, 1)?;
        match find(vm, d, args.v(vm, 1), 0, usize::MAX) {
            Ok(Some(i)) => {
                del_at(vm, args.v(vm, 0), i);
                Ok(Value::NONE)
            }
            Ok(None) => vm
                .repr_string(args.v(vm, 1))
                .and_then(|r| Err(vm.raise_msg(T::ValueError, &format!("{r} is not in deque")))),
            Err(e) if vm.exc_is(T::RuntimeError) => {
                let _ = e;
                Err(vm.raise_msg(T::IndexError, "deque mutated during remove()."))
            }
            Err(e) => Err(e),
        }
    });
    vm.add_native_method(T::Deque, "insert", |vm, _s, args| {
        this(vm, args, "insert", 2, 2)?;
        let i = vm.index_of(args.v(vm, 1))?;
        let (d, x) = (args.v(vm, 0), args.v(vm, 2));
        let n = Vm::deque_len(d);
        if let Some(m) = Vm::deque_maxlen(d).get_int() {
            if n as i64 >= m {
                return Err(vm.raise_msg(T::IndexError, "deque already at its maximum size"));
            }
        }
        let ni = n as i64;
        let i = if i < 0 { (i + ni).max(0) } else { i.min(ni) } as usize;
        let mut items = Vm::deque_items(d);
        items.insert(i, x);
        vm.deque_set_items(d, &items);
        Ok(Value::NONE)
    });
    vm.add_native_method(T::Deque, "reverse", |vm, _s, args| {
        let d = this(vm, args, "reverse", 0, 0)?;
        let mut items = Vm::deque_items(d);
        items.reverse();
        vm.deque_set_items(d, &items);
        Ok(Value::NONE)
    });
}

/// Deletes item `i` (O(1) at the ends, O(n) inside).
fn del_at(vm: &mut Vm, d: Value, i: usize) {
    let n = Vm::deque_len(d);
    if i == 0 {
        vm.deque_pop_front(d);
    } else if i + 1 == n {
        vm.deque_pop_back(d);
    } else {
        let mut items = Vm::deque_items(d);
        items.remove(i);
        vm.deque_set_items(d, &items);
    }
}

fn register_ops(vm: &mut Vm) {
    vm.add_native_method(T::Deque, "__eq__", |vm, _s, args| compare(vm, args, C_EQ));
    vm.add_native_method(T::Deque, "__ne__", |vm, _s, args| compare(vm, args, C_NE));
    vm.add_native_method(T::Deque, "__lt__", |vm, _s, args| compare(vm, args, C_LT));
    vm.add_native_method(T::Deque, "__le__", |vm, _s, args| compare(vm, args, C_LE));
    vm.add_native_method(T::Deque, "__gt__", |vm, _s, args| compare(vm, args, C_GT));
    vm.add_native_method(T::Deque, "__ge__", |vm, _s, args| compare(vm, args, C_GE));
    vm.add_native_method(T::Deque, "__add__", |vm, _s, args| {
        let d = this(vm, args, "__add__", 1, 1)?;
        if !Vm::is_kind(args.v(vm, 1), Kind::Deque) {
            let msg = format!(
                "can only concatenate deque (not \"{}\") to deque",
                vm.type_name_of(args.v(vm, 1))
            );
            return Err(vm.raise_msg(T::TypeError, &msg));
        }
        vm.with_args(&[d, args.v(vm, 1)], Value::NULL, |vm, s, args| {
            // copying and extending can run Python (a subclass's
            // constructor, iteration): the copy is read from its root
            let c = deque_copy(vm, args.get(vm, 0).value())?;
            let c = s.root_value(vm, c);
            deque_extend(vm, c.get(vm).value(), args.get(vm, 1).value(), false)?;
            Ok(c.get(vm).value())
        })
    });
    vm.add_native_method(T::Deque, "__iadd__", |vm, _s, args| {
        let d = this(vm, args, "__iadd__", 1, 1)?;
        vm.with_args(&[d, args.v(vm, 1)], Value::NULL, |vm, _s, args| {
            deque_extend(vm, args.get(vm, 0).value(), args.get(vm, 1).value(), false)?;
            Ok(args.get(vm, 0).value())
        })
    });
    fn mul<'s>(vm: &mut Vm, s: Scope<'s>, args: Args<'s>) -> PyResult {
        let d = this(vm, args, "__mul__", 1, 1)?;
        if !(args.v(vm, 1).is_int() || Vm::is_bigint(args.v(vm, 1))) {
            return Ok(Value::NOT_IMPL);
        }
        let c = deque_copy(vm, d)?;
        let c = s.root_value(vm, c);
        repeat(vm, c.get(vm).value(), args.v(vm, 1))?;
        Ok(c.get(vm).value())
    }
    vm.add_native_method(T::Deque, "__mul__", mul);
    vm.add_native_method(T::Deque, "__rmul__", mul);
    vm.add_native_method(T::Deque, "__imul__", |vm, _s, args| {
        let d = this(vm, args, "__imul__", 1, 1)?;
        repeat(vm, d, args.v(vm, 1))?;
        Ok(args.v(vm, 0))
    });
}
