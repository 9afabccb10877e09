//! `_random`: CPython's `_random.Random` base class (seed, random,
//! getrandbits, getstate, setstate) on the MT19937 of `support::mt`, so the
//! stdlib's `random.py` (every function, subclassing, exact sequences) runs
//! on it.
//!
//! Each instance keeps its generator state in a Python list
//! `[serial, index, w0..w623]` (always up to date); a small per-thread cache
//! keyed by the serial keeps the decoded generator between calls so a call
//! only writes back the index (and the 624 words after a twist).

use super::util::init_with_native;
use crate::object::value::Value;
use crate::object::T;
use crate::support::mt::{Mt19937, N};
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};
use num_bigint::{BigInt, Sign};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::sync::atomic::{AtomicI64, Ordering};

const SRC: &str = r#"
_m_random, _m_getrandbits = random, getrandbits
del random, getrandbits

class Random:
    def __new__(cls, *args, **kwargs):
        if cls is Random and kwargs:
            raise TypeError("Random() takes no keyword arguments")
        self = object.__new__(cls)
        self._pygc_mt = _new_state()
        return self
    def __init__(self, *args, **kwargs):
        if type(self) is Random and kwargs:
            raise TypeError("Random() takes no keyword arguments")
        if len(args) > 1:
            raise TypeError("Random() expected at most 1 argument, got %d" % len(args))
        self.seed(args[0] if args else None)
    def seed(self, n=None, /):
        _seed(self._pygc_mt, n)
    random = _m_random
    getrandbits = _m_getrandbits
    def getstate(self):
        return _getstate(self._pygc_mt)
    def setstate(self, state, /):
        _setstate(self._pygc_mt, state)
"#;

static SERIAL: AtomicI64 = AtomicI64::new(1);
const CACHE_MAX: usize = 64;

thread_local! {
    static CACHE: RefCell<FxHashMap<i64, Mt19937>> = RefCell::new(FxHashMap::default());
}

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    init_with_native(
        vm,
        d,
        &[
            ("_new_state", new_state),
            ("_seed", seed),
            ("random", m_random),
            ("getrandbits", m_getrandbits),
            ("_getstate", getstate),
            ("_setstate", setstate),
        ],
        SRC,
        "<_random>",
    )
}

fn new_state<'s>(vm: &mut Vm, _s: Scope<'s>, _args: Args<'s>) -> PyResult {
    let serial = SERIAL.fetch_add(1, Ordering::Relaxed);
    let mut items = vec![Value::int(serial), Value::int(N as i64)];
    items.extend(std::iter::repeat_n(Value::int(0), N));
    Ok(vm.new_list(&items))
}

fn check_state(vm: &mut Vm, st: Value) -> PyResult<i64> {
    if !Vm::is_kind(st, crate::object::layout::Kind::List) || Vm::list_len(st) != N + 2 {
        return Err(vm.raise_msg(T::TypeError, "invalid Random state"));
    }
    Ok(Vm::list_get(st, 0).as_int())
}

/// The generator of state list `st` decoded from the list.
fn decode(st: Value) -> Mt19937 {
    let index = Vm::list_get(st, 1).as_int() as u32;
    let mut words: Vec<u32> = (0..N)
        .map(|i| Vm::list_get(st, i + 2).as_int() as u32)
        .collect();
    words.push(index);
    let mut mt = Mt19937::new();
    let _ = mt.setstate(&words);
    mt
}

/// The generator of state list `st` (from the cache when it matches).
fn load(st: Value) -> Mt19937 {
    let serial = Vm::list_get(st, 0).as_int();
    let index = Vm::list_get(st, 1).as_int() as usize;
    let cached = CACHE.with(|c| c.borrow().get(&serial).cloned());
    match cached {
        Some(mt) if mt.index() == index => mt,
        _ => decode(st),
    }
}

/// Writes `mt`'s state into `st` (all words when `all`).
fn write_back(vm: &mut Vm, st: Value, mt: &Mt19937, all: bool) {
    // a small int: no pointer, so no write barrier
    let arr = Vm::get(st.obj().expect("state"), crate::object::list::L_ITEMS);
    let slot = crate::object::layout::ITEMS_OFF + 8;
    arr.obj()
        .expect("items")
        .set_word(slot, Value::int(mt.index() as i64).0);
    if all {
        for (i, w) in mt.words().iter().enumerate() {
            vm.list_set(st, i + 2, Value::int(*w as i64));
        }
    }
}

/// Writes `mt` back into `st` (all words when `all`) and caches it.
fn store(vm: &mut Vm, st: Value, mt: Mt19937, all: bool) {
    write_back(vm, st, &mt, all);
    let serial = Vm::list_get(st, 0).as_int();
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_MAX {
            c.clear();
        }
        c.insert(serial, mt);
    });
}

/// Runs `f` on the generator of `st`, in place in the cache (decoded from
/// the list on a miss); `words` = 32-bit outputs it may consume. Only the
/// index is written back unless the state words were regenerated.
fn with_mt<R>(vm: &mut Vm, st: Value, words: u64, f: impl FnOnce(&mut Mt19937) -> R) -> R {
    let serial = Vm::list_get(st, 0).as_int();
    let index = Vm::list_get(st, 1).as_int() as usize;
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.get(&serial).is_none_or(|mt| mt.index() != index) {
            if c.len() >= CACHE_MAX {
                c.clear();
            }
            c.insert(serial, decode(st));
        }
        let mt = c.get_mut(&serial).expect("cached generator");
        let before = mt.index() as u64;
        let r = f(mt);
        let after = mt.index() as u64;
        let twisted =
            after < before || after == 0 || words >= N as u64 || before + words > N as u64;
        write_back(vm, st, mt, twisted);
        r
    })
}

fn seed<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    check_state(vm, args.v(vm, 0))?;
    let n = args.opt_v(vm, 1).unwrap_or(Value::NONE);
    let mut mt = Mt19937::new();
    if n.is_none() {
        let mut b = [0u8; 32];
        let ok = std::fs::File::open("/dev/urandom")
            .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut b))
            .is_ok();
        if !ok {
            let t = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            b[..16].copy_from_slice(&t.to_le_bytes());
        }
        mt.seed_from_bigint(&BigInt::from_bytes_le(Sign::Plus, &b));
    } else if Vm::is_intlike(n) {
        mt.seed_from_bigint(&Vm::to_big(n));
    } else {
        let h = vm.hash(n)?;
        mt.seed_from_bigint(&BigInt::from(h as u64));
    }
    store(vm, args.v(vm, 0), mt, true);
    Ok(Value::NONE)
}

fn random<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    check_state(vm, args.v(vm, 0))?;
    let r = with_mt(vm, args.v(vm, 0), 2, |mt| mt.random());
    Ok(vm.new_float(r))
}

/// The state list of a `Random` instance (its `_pygc_mt`).
fn state_of(vm: &mut Vm, this: Value) -> PyResult {
    let n = vm.name(crate::object::N::PygcMt);
    vm.getattr(this, n)
}

/// `Random.random(self)` (a method: `a[0]` is the instance).
fn m_random<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check(vm, "random", 1, 1)?;
    let st = state_of(vm, args.v(vm, 0))?;
    vm.with_args(&[st], Value::NULL, random)
}

/// `Random.getrandbits(self, k)`.
fn m_getrandbits<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    args.check(vm, "getrandbits", 2, 2)?;
    let st = state_of(vm, args.v(vm, 0))?;
    vm.with_args(&[st, args.v(vm, 1)], Value::NULL, getrandbits)
}

fn getrandbits<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    vm.check_nargs("getrandbits", args.len().saturating_sub(1), 1, 1)?;
    check_state(vm, args.v(vm, 0))?;
    let k = super::util::int_arg(vm, Some(args.v(vm, 1)), 0)?;
    if k < 0 {
        return Err(vm.raise_msg(T::ValueError, "number of bits must be non-negative"));
    }
    let k = k as u64;
    let r = with_mt(vm, args.v(vm, 0), k.div_ceil(32), |mt| mt.getrandbits(k));
    Ok(vm.new_int_big(&BigInt::from(r)))
}

fn getstate<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    check_state(vm, args.v(vm, 0))?;
    let s = load(args.v(vm, 0)).getstate();
    let vals: Vec<Value> = s.iter().map(|w| Value::int(*w as i64)).collect();
    Ok(vm.new_tuple(&vals))
}

fn setstate<'s>(vm: &mut Vm, _s: Scope<'s>, args: Args<'s>) -> PyResult {
    check_state(vm, args.v(vm, 0))?;
    let t = args.v(vm, 1);
    if !Vm::is_kind(t, crate::object::layout::Kind::Tuple) {
        return Err(vm.raise_msg(T::TypeError, "state vector must be a tuple"));
    }
    if Vm::tuple_len(t) != N + 1 {
        return Err(vm.raise_msg(T::ValueError, "state vector is the wrong size"));
    }
    let mut words = Vec::with_capacity(N + 1);
    for i in 0..=N {
        let v = Vm::tuple_get(t, i);
        let Some(w) = Vm::int_as_i64(v) else {
            return Err(vm.raise_msg(T::TypeError, "state vector items must be integers"));
        };
        if !(0..=u32::MAX as i64).contains(&w) {
            return Err(vm.raise_msg(
                T::OverflowError,
                "Python int too large to convert to C unsigned long",
            ));
        }
        words.push(w as u32);
    }
    let mut mt = Mt19937::new();
    if let Err(m) = mt.setstate(&words) {
        return Err(vm.raise_msg(T::ValueError, &m));
    }
    store(vm, args.v(vm, 0), mt, true);
    Ok(Value::NONE)
}
