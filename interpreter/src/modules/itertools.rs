//! The `itertools` module (count, islice, chain, repeat natively; the rest
//! in Python source).

use super::util::pos_v;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::iter::*;
use crate::vm::{PyResult, Vm};

const PY_SRC: &str = r#"
def accumulate(iterable, func=None, initial=None):
    it = iter(iterable)
    total = initial
    if initial is None:
        try:
            total = next(it)
        except StopIteration:
            return
    yield total
    for element in it:
        total = total + element if func is None else func(total, element)
        yield total

def cycle(iterable):
    saved = []
    for element in iterable:
        yield element
        saved.append(element)
    while saved:
        for element in saved:
            yield element

def takewhile(predicate, iterable):
    for x in iterable:
        if predicate(x):
            yield x
        else:
            break

def dropwhile(predicate, iterable):
    it = iter(iterable)
    for x in it:
        if not predicate(x):
            yield x
            break
    for x in it:
        yield x

def starmap(function, iterable):
    for args in iterable:
        yield function(*args)

def zip_longest(*args, fillvalue=None):
    iterators = [iter(it) for it in args]
    num_active = len(iterators)
    if not num_active:
        return
    while True:
        values = []
        for i, it in enumerate(iterators):
            try:
                value = next(it)
            except StopIteration:
                num_active -= 1
                if not num_active:
                    return
                iterators[i] = repeat(fillvalue)
                value = fillvalue
            values.append(value)
        yield tuple(values)

def product(*args, repeat=1):
    pools = [tuple(pool) for pool in args] * repeat
    result = [[]]
    for pool in pools:
        result = [x + [y] for x in result for y in pool]
    for prod in result:
        yield tuple(prod)

def permutations(iterable, r=None):
    pool = tuple(iterable)
    n = len(pool)
    r = n if r is None else r
    if r > n:
        return
    indices = list(range(n))
    cycles = list(range(n, n - r, -1))
    yield tuple(pool[i] for i in indices[:r])
    while n:
        for i in reversed(range(r)):
            cycles[i] -= 1
            if cycles[i] == 0:
                indices[i:] = indices[i + 1:] + indices[i:i + 1]
                cycles[i] = n - i
            else:
                j = cycles[i]
                indices[i], indices[-j] = indices[-j], indices[i]
                yield tuple(pool[i] for i in indices[:r])
                break
        else:
            return

def combinations(iterable, r):
    pool = tuple(iterable)
    n = len(pool)
    if r > n:
        return
    indices = list(range(r))
    yield tuple(pool[i] for i in indices)
    while True:
        for i in reversed(range(r)):
            if indices[i] != i + n - r:
                break
        else:
            return
        indices[i] += 1
        for j in range(i + 1, r):
            indices[j] = indices[j - 1] + 1
        yield tuple(pool[i] for i in indices)

def groupby(iterable, key=None):
    keyfunc = (lambda x: x) if key is None else key
    it = iter(iterable)
    sentinel = object()
    cur = sentinel
    group = []
    for x in it:
        k = keyfunc(x)
        if cur is sentinel:
            cur = k
            group = [x]
        elif k == cur:
            group.append(x)
        else:
            yield cur, iter(group)
            cur = k
            group = [x]
    if cur is not sentinel:
        yield cur, iter(group)

def tee(iterable, n=2):
    data = list(iterable)
    return tuple(iter(data) for _ in range(n))

def compress(data, selectors):
    return (d for d, s in zip(data, selectors) if s)

def filterfalse(predicate, iterable):
    if predicate is None:
        predicate = bool
    for x in iterable:
        if not predicate(x):
            yield x

def pairwise(iterable):
    it = iter(iterable)
    try:
        a = next(it)
    except StopIteration:
        return
    for b in it:
        yield a, b
        a = b
"#;

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    let h = vm.push_root(d);
    macro_rules! f {
        ($name:expr, $f:expr) => {{
            let d = vm.root(h);
            vm.add_native_fn(d, $name, $f);
        }};
    }
    f!("count", |vm, _s, args| {
        let start = pos_v(vm, args, 0)
            .or_else(|| args.kwarg_v(vm, "start"))
            .unwrap_or(Value::int(0));
        let step = pos_v(vm, args, 1)
            .or_else(|| args.kwarg_v(vm, "step"))
            .unwrap_or(Value::int(1));
        let ty = vm.ty(T::Count);
        Ok(vm.new_iter(ty, IT_COUNT, Value::NONE, start, step, Value::NULL))
    });
    f!("islice", |vm, s, args| {
        args.check(vm, "islice", 2, 4)?;
        // `iter()` may run Python: the bounds are read after it
        let it = vm.get_iter(args.v(vm, 0))?;
        let it = s.root_value(vm, it);
        let (start, stop, step) = match args.len() {
            2 => (Value::int(0), args.v(vm, 1), Value::int(1)),
            3 => (args.v(vm, 1), args.v(vm, 2), Value::int(1)),
            _ => (args.v(vm, 1), args.v(vm, 2), args.v(vm, 3)),
        };
        let start = if start.is_none() {
            Value::int(0)
        } else {
            start
        };
        let step = if step.is_none() { Value::int(1) } else { step };
        let d = vm.new_tuple(&[stop, step]);
        let ty = vm.ty(T::Iterator);
        Ok(vm.new_iter(ty, IT_ISLICE, it.get(vm).value(), Value::int(0), start, d))
    });
    f!("chain", |vm, _s, args| {
        let t = vm.new_tuple(&args.values(vm));
        let ty = vm.ty(T::Iterator);
        Ok(vm.new_iter(ty, IT_CHAIN, t, Value::int(0), Value::NULL, Value::NULL))
    });
    f!("repeat", |vm, _s, args| {
        args.check_pos(vm, "repeat", 1, 2)?;
        let times = pos_v(vm, args, 1)
            .or_else(|| args.kwarg_v(vm, "times"))
            .unwrap_or(Value::NONE);
        let times = if times.is_none() {
            times
        } else if times.is_int() {
            Value::int(times.as_int().max(0))
        } else {
            // an int-like (bool, __index__) or a TypeError, as CPython's "n"
            let n = vm.index_of(times)?;
            Value::int(n.max(0))
        };
        let ty = vm.ty(T::Iterator);
        Ok(vm.new_iter(
            ty,
            IT_REPEAT,
            args.v(vm, 0),
            Value::int(0),
            times,
            Value::NULL,
        ))
    });
    let d = vm.root(h);
    vm.pop_roots(h);
    crate::modules::exec_src::exec_in(vm, d, PY_SRC, "<itertools>")?;
    Ok(())
}
