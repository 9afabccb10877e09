//! The `random` module: the stdlib's `random.py` over `_random` (see
//! `random_class`), or natively on CPython's Mersenne Twister (support::random).

use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;

fn big(vm: &mut Vm, v: Value) -> PyResult<BigInt> {
    if Vm::is_intlike(v) {
        return Ok(Vm::to_big(v));
    }
    if Vm::is_float(v) && Vm::float_val(v).fract() == 0.0 {
        return Ok(BigInt::from(Vm::float_val(v) as i64));
    }
    let msg = format!(
        "'{}' object cannot be interpreted as an integer",
        vm.type_name_of(v)
    );
    Err(vm.raise_msg(T::TypeError, &msg))
}

/// `random`: the stdlib's `random.py` on the native `_random.Random` when a
/// CPython stdlib is on the machine, else the native functions below.
pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    if let Some(dir) = crate::modules::stdlib_path::stdlib_dir() {
        let path = format!("{dir}/random.py");
        if let Ok(src) = std::fs::read_to_string(&path) {
            let h = vm.push_root(d);
            let f = vm.new_str(&path);
            let d = vm.root(h);
            vm.pop_roots(h);
            vm.set_str_item(d, "__file__", f);
            return crate::modules::exec_src::exec_in(vm, d, &src, &path);
        }
    }
    init_native(vm, d)
}

/// The native `random` functions (no stdlib on the machine).
fn init_native(vm: &mut Vm, d: Value) -> PyResult<()> {
    let h = vm.push_root(d);
    macro_rules! f {
        ($name:expr, $f:expr) => {{
            let d = vm.root(h);
            vm.add_native_fn(d, $name, $f);
        }};
    }
    f!("seed", |vm, _s, args| {
        let v = args.opt_v(vm, 0).unwrap_or(Value::NONE);
        if v.is_none() {
            let t = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            vm.rng.seed_int(&BigInt::from(t));
        } else if Vm::is_intlike(v) {
            let b = Vm::to_big(v);
            vm.rng.seed_int(&num_traits::Signed::abs(&b));
        } else if Vm::is_str(v) {
            let s = Vm::as_str(v).to_string();
            vm.rng.seed_str(&s);
        } else if Vm::is_kind(v, Kind::Bytes) {
            let b = Vm::as_bytes(v).to_vec();
            vm.rng.seed_bytes(&b);
        } else {
            let hsh = vm.hash(v)?;
            vm.rng.seed_int(&BigInt::from(hsh.abs()));
        }
        Ok(Value::NONE)
    });
    f!("random", |vm, _s, _args| {
        let r = vm.rng.random();
        Ok(vm.new_float(r))
    });
    f!("randrange", |vm, _s, args| {
        args.check(vm, "randrange", 1, 3)?;
        let start = big(vm, args.v(vm, 0))?;
        let stop = match args.opt_v(vm, 1) {
            Some(v) if !v.is_none() => Some(big(vm, v)?),
            _ => None,
        };
        let step = match args.opt_v(vm, 2) {
            Some(v) => big(vm, v)?,
            None => BigInt::from(1),
        };
        let r = vm
            .rng
            .randrange(&start, stop.as_ref(), &step)
            .map_err(|e| vm.support_err(e))?;
        Ok(vm.new_int_big(&r))
    });
    f!("randint", |vm, _s, args| {
        args.check(vm, "randint", 2, 2)?;
        let (x, y) = (big(vm, args.v(vm, 0))?, big(vm, args.v(vm, 1))?);
        let r = vm.rng.randint(&x, &y).map_err(|e| vm.support_err(e))?;
        Ok(vm.new_int_big(&r))
    });
    f!("getrandbits", |vm, _s, args| {
        let k = Vm::int_as_i64(args.v(vm, 0)).unwrap_or(0).max(0) as u64;
        let r = vm.rng.mt.getrandbits(k);
        Ok(vm.new_int_big(&BigInt::from(r)))
    });
    f!("choice", |vm, _s, args| {
        args.check(vm, "choice", 1, 1)?;
        let n = vm.len(args.v(vm, 0))?;
        let i = vm.rng.choice_index(n).map_err(|e| vm.support_err(e))?;
        vm.getitem(args.v(vm, 0), Value::int(i as i64))
    });
    f!("shuffle", |vm, _s, args| {
        args.check(vm, "shuffle", 1, 1)?;
        let mut items = Vm::list_items(args.v(vm, 0));
        vm.rng.shuffle(&mut items);
        vm.list_set_items(args.v(vm, 0), &items);
        Ok(Value::NONE)
    });
    f!("uniform", |vm, _s, args| {
        let (x, y) = (vm.to_f64(args.v(vm, 0))?, vm.to_f64(args.v(vm, 1))?);
        let r = vm.rng.uniform(x, y);
        Ok(vm.new_float(r))
    });
    f!("gauss", |vm, _s, args| {
        let mu = match args.opt_v(vm, 0) {
            Some(v) => vm.to_f64(v)?,
            None => 0.0,
        };
        let s = match args.opt_v(vm, 1) {
            Some(v) => vm.to_f64(v)?,
            None => 1.0,
        };
        let r = vm.rng.gauss(mu, s);
        Ok(vm.new_float(r))
    });
    f!("normalvariate", |vm, _s, args| {
        let mu = match args.opt_v(vm, 0) {
            Some(v) => vm.to_f64(v)?,
            None => 0.0,
        };
        let s = match args.opt_v(vm, 1) {
            Some(v) => vm.to_f64(v)?,
            None => 1.0,
        };
        let r = vm.rng.normalvariate(mu, s);
        Ok(vm.new_float(r))
    });
    f!("expovariate", |vm, _s, args| {
        let l = vm.to_f64(args.v(vm, 0))?;
        let r = vm.rng.expovariate(l).map_err(|e| vm.support_err(e))?;
        Ok(vm.new_float(r))
    });
    f!("sample", |vm, _s, args| {
        args.check_pos(vm, "sample", 2, 2)?;
        let h = vm.push_root(args.v(vm, 0));
        let items = vm.collect(args.v(vm, 0));
        vm.pop_roots(h);
        let items = items?;
        let kk = Vm::int_as_i64(args.v(vm, 1)).unwrap_or(0);
        let idx = vm
            .rng
            .sample_indices(items.len(), kk)
            .map_err(|e| vm.support_err(e))?;
        let out: Vec<Value> = idx.iter().map(|&i| items[i]).collect();
        Ok(vm.new_list(&out))
    });
    vm.pop_roots(h);
    Ok(())
}
