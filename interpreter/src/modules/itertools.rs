//! The `itertools` module (count, islice, chain, repeat natively; the rest
//! in Python source).

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
            vm.add_fn(d, $name, $f);
        }};
    }
    f!("count", |vm, a, k| {
        let p = crate::builtins::positional(a, k);
        let start = p
            .first()
            .copied()
            .or_else(|| crate::builtins::kwarg(a, k, "start"))
            .unwrap_or(Value::int(0));
        let step = p
            .get(1)
            .copied()
            .or_else(|| crate::builtins::kwarg(a, k, "step"))
            .unwrap_or(Value::int(1));
        let ty = vm.ty(T::Count);
        Ok(vm.new_iter(ty, IT_COUNT, Value::NONE, start, step, Value::NULL))
    });
    f!("islice", |vm, a, _| {
        vm.check_args("islice", a, 2, 4)?;
        let (start, stop, step) = match a.len() {
            2 => (Value::int(0), a[1], Value::int(1)),
            3 => (a[1], a[2], Value::int(1)),
            _ => (a[1], a[2], a[3]),
        };
        let start = if start.is_none() {
            Value::int(0)
        } else {
            start
        };
        let step = if step.is_none() { Value::int(1) } else { step };
        let hs = vm.push_root(stop);
        let it = vm.get_iter(a[0]);
        let stop = vm.root(hs);
        vm.pop_roots(hs);
        let it = it?;
        let hi = vm.push_root(it);
        let d = vm.new_tuple(&[stop, step]);
        let it = vm.root(hi);
        vm.pop_roots(hi);
        let ty = vm.ty(T::Iterator);
        Ok(vm.new_iter(ty, IT_ISLICE, it, Value::int(0), start, d))
    });
    f!("chain", |vm, a, _| {
        let t = vm.new_tuple(a);
        let ty = vm.ty(T::Iterator);
        Ok(vm.new_iter(ty, IT_CHAIN, t, Value::int(0), Value::NULL, Value::NULL))
    });
    f!("repeat", |vm, a, k| {
        let p = crate::builtins::positional(a, k);
        vm.check_args("repeat", p, 1, 2)?;
        let times = p
            .get(1)
            .copied()
            .or_else(|| crate::builtins::kwarg(a, k, "times"))
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
        Ok(vm.new_iter(ty, IT_REPEAT, p[0], Value::int(0), times, Value::NULL))
    });
    let d = vm.root(h);
    vm.pop_roots(h);
    crate::modules::exec_src::exec_in(vm, d, PY_SRC, "<itertools>")?;
    Ok(())
}
