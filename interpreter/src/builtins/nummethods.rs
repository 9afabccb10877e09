//! `float.as_integer_ratio`, `int.as_integer_ratio` (used by fractions,
//! statistics, ...).

use crate::object::value::Value;
use crate::object::T;
use crate::vm::Vm;
use num_bigint::BigInt;

pub(super) fn register(vm: &mut Vm) {
    vm.add_native_method(T::Float, "as_integer_ratio", |vm, _s, a| {
        a.check(vm, "as_integer_ratio", 1, 1)?;
        let f = Vm::float_val(a.v(vm, 0));
        if f.is_nan() {
            return Err(vm.raise_msg(T::ValueError, "cannot convert NaN to integer ratio"));
        }
        if f.is_infinite() {
            return Err(vm.raise_msg(T::OverflowError, "cannot convert Infinity to integer ratio"));
        }
        // f = mant * 2**exp exactly, mant a 53-bit integer
        let bits = f.to_bits();
        let neg = bits >> 63 == 1;
        let e = ((bits >> 52) & 0x7ff) as i64;
        let frac = bits & ((1u64 << 52) - 1);
        let (mut mant, mut exp) = if e == 0 {
            (frac, -1074)
        } else {
            (frac | (1u64 << 52), e - 1075)
        };
        if mant == 0 {
            return Ok(vm.new_tuple(&[Value::int(0), Value::int(1)]));
        }
        while mant & 1 == 0 && exp < 0 {
            mant >>= 1;
            exp += 1;
        }
        let mut n = BigInt::from(mant);
        if neg {
            n = -n;
        }
        let (num, den) = if exp >= 0 {
            (n << exp as usize, BigInt::from(1))
        } else {
            (n, BigInt::from(1) << (-exp) as usize)
        };
        let num = vm.new_int_big(&num);
        let den = vm.new_int_big(&den);
        Ok(vm.new_tuple(&[num, den]))
    });
    vm.add_native_method(T::Int, "as_integer_ratio", |vm, _s, a| {
        a.check(vm, "as_integer_ratio", 1, 1)?;
        let n = Vm::to_big(a.v(vm, 0));
        let n = vm.new_int_big(&n);
        Ok(vm.new_tuple(&[n, Value::int(1)]))
    });
}
