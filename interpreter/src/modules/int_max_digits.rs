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
    use crate::support::numparse::{int_error, parse_int, parse_int_bytes};
    let bytes = if Vm::is_str(v) {
        Vm::as_str(v).as_bytes()
    } else {
        Vm::as_bytes(v)
    };
    if let Some(n) = small_decimal(bytes, base) {
        return Ok(match i64::try_from(n) {
            Ok(n) => vm.new_int(n),
            Err(_) => vm.new_int_big(&num_bigint::BigInt::from(n)),
        });
    }
    let parsed = if Vm::is_str(v) {
        parse_int(Vm::as_str(v), base, limit())
    } else {
        parse_int_bytes(bytes, base, limit())
    };
    match parsed {
        Ok(n) => Ok(vm.new_int_big(&n)),
        Err(e) => {
            // (a bytearray's shows as bytes, as CPython)
            let repr = if Vm::is_str(v) {
                crate::vm::repr::repr_str(Vm::as_str(v))
            } else {
                crate::vm::repr::repr_bytes(Vm::as_bytes(v))
            };
            let err = int_error(&e, base, &repr, limit());
            Err(vm.support_err(err))
        }
    }
}

/// The common case of `int(text)` without the general parser: an optional
/// sign and 1 to 38 ASCII decimal digits (base 10, or base 0 without a
/// leading zero), nothing else. None for anything else (the general parser
/// decides, errors included).
fn small_decimal(b: &[u8], base: i64) -> Option<i128> {
    let (neg, digits) = match b.first()? {
        b'-' => (true, &b[1..]),
        b'+' => (false, &b[1..]),
        _ => (false, b),
    };
    if digits.is_empty() || digits.len() > 38 || !(base == 10 || base == 0) {
        return None;
    }
    if base == 0 && digits[0] == b'0' && digits.len() > 1 {
        return None;
    }
    let mut n: i128 = 0;
    for &c in digits {
        if !c.is_ascii_digit() {
            return None;
        }
        n = n * 10 + (c - b'0') as i128;
    }
    Some(if neg { -n } else { n })
}

#[cfg(test)]
mod tests {
    use super::small_decimal;

    #[test]
    fn small_decimal_takes_only_plain_digits() {
        assert_eq!(small_decimal(b"123", 10), Some(123));
        assert_eq!(small_decimal(b"-0042", 10), Some(-42));
        assert_eq!(small_decimal(b"+7", 0), Some(7));
        assert_eq!(
            small_decimal(b"999999999999999999", 10),
            Some(999_999_999_999_999_999)
        );
        let max38 = "9".repeat(38);
        assert_eq!(
            small_decimal(max38.as_bytes(), 10),
            Some(10i128.pow(38) - 1)
        );
        let too_long = "1".repeat(39);
        assert_eq!(small_decimal(too_long.as_bytes(), 10), None);
        for bad in [&b""[..], b"-", b"1_0", b" 1", b"1 ", b"0x1", b"12a"] {
            assert_eq!(small_decimal(bad, 10), None, "{:?}", bad);
        }
        assert_eq!(small_decimal(b"012", 0), None);
        assert_eq!(small_decimal(b"0", 0), Some(0));
        assert_eq!(small_decimal(b"12", 16), None);
    }
}
