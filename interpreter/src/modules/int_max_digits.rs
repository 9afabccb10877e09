//! `sys.get_int_max_str_digits()` / `sys.set_int_max_str_digits(n)`: the
//! limit on decimal digits of int <-> str conversions (CVE-2020-10735),
//! 4300 by default, 0 = unlimited, otherwise at least 640. `int(str)` checks
//! it while parsing (`support::numparse`); `str(int)` here, estimating the
//! digit count from the bit length first so a huge int fails without the
//! quadratic conversion, as CPython.

use crate::object::value::Value;
use crate::object::T;
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;
use std::sync::atomic::{AtomicUsize, Ordering};

/// CPython's `_PY_LONG_DEFAULT_MAX_STR_DIGITS`.
pub const DEFAULT: usize = 4300;
/// CPython's `_PY_LONG_MAX_STR_DIGITS_THRESHOLD`.
pub const THRESHOLD: usize = 640;

static LIMIT: AtomicUsize = AtomicUsize::new(DEFAULT);

/// The current limit (0 = unlimited).
pub fn limit() -> usize {
    LIMIT.load(Ordering::Relaxed)
}

fn too_many(vm: &mut Vm, limit: usize) -> crate::vm::Exc {
    let m = format!(
        "Exceeds the limit ({limit} digits) for integer string conversion; \
         use sys.set_int_max_str_digits() to increase the limit"
    );
    vm.raise_msg(T::ValueError, &m)
}

/// The decimal text of `b`, or CPython's ValueError past the limit.
pub fn to_decimal(vm: &mut Vm, b: &BigInt) -> PyResult<String> {
    let lim = limit();
    if lim == 0 {
        return Ok(b.to_string());
    }
    // digits = floor(log10(|b|)) + 1, bounded from the bit length
    let bits = b.bits();
    let low = ((bits.saturating_sub(1)) as f64 * std::f64::consts::LOG10_2) as usize + 1;
    if bits > 0 && low > lim + 1 {
        return Err(too_many(vm, lim));
    }
    let s = b.to_string();
    let digits = s.len() - usize::from(s.starts_with('-'));
    if digits > lim {
        return Err(too_many(vm, lim));
    }
    Ok(s)
}

/// Adds the two functions to the `sys` module dict `d`.
pub fn install(vm: &mut Vm, d: Value) {
    let h = vm.push_root(d);
    vm.add_native_fn(d, "get_int_max_str_digits", |vm, _s, args| {
        args.check(vm, "get_int_max_str_digits", 0, 0)?;
        Ok(Value::int(limit() as i64))
    });
    vm.add_native_fn(vm.root(h), "set_int_max_str_digits", |vm, _s, args| {
        let arg = match (args.npos(), args.kwarg_v(vm, "maxdigits")) {
            (1, None) => args.v(vm, 0),
            (0, Some(v)) => v,
            (0, None) => {
                let m = "set_int_max_str_digits() missing required argument 'maxdigits' (pos 1)";
                return Err(vm.raise_msg(T::TypeError, m));
            }
            _ => {
                let m = format!(
                    "set_int_max_str_digits() takes at most 1 argument ({} given)",
                    args.len()
                );
                return Err(vm.raise_msg(T::TypeError, &m));
            }
        };
        let n = vm.index_of(arg)?;
        if n != 0 && n < THRESHOLD as i64 {
            let m = format!("maxdigits must be 0 or larger than {THRESHOLD}");
            return Err(vm.raise_msg(T::ValueError, &m));
        }
        LIMIT.store(n as usize, Ordering::Relaxed);
        Ok(Value::NONE)
    });
    vm.pop_roots(h);
}

/// `int(v, base)` for a str, bytes or bytearray `v`: the value, or CPython's
/// ValueError (invalid literal with the source's repr cut to 200 characters,
/// or too many digits).
pub fn parse_int_obj(vm: &mut Vm, v: Value, base: i64) -> PyResult {
    use crate::support::numparse::{int_error, parse_int};
    let (text, repr) = if Vm::is_str(v) {
        let s = Vm::as_str(v);
        (s.to_string(), crate::vm::repr::repr_str(s))
    } else {
        // (a bytearray's shows as bytes, as CPython)
        let b = Vm::as_bytes(v);
        (
            String::from_utf8_lossy(b).to_string(),
            crate::vm::repr::repr_bytes(b),
        )
    };
    match parse_int(&text, base, limit()) {
        Ok(n) => Ok(vm.new_int_big(&n)),
        Err(e) => {
            let err = int_error(&e, base, &repr, limit());
            Err(vm.support_err(err))
        }
    }
}
