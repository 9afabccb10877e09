//! Numeric builtins: `divmod`, `pow`, `round`, `hex`, `oct`, `bin`, `format`.

use super::funcs::f;
use crate::compile::bytecode::*;
use crate::object::value::Value;
use crate::object::{N, T};
use crate::vm::rooted::Args;
use crate::vm::{PyResult, Vm, R_BUILTINS};
use num_traits::Signed;

pub(super) fn register(vm: &mut Vm) {
    f!(vm, "divmod", |vm, _s, a| {
        a.check(vm, "divmod", 2, 2)?;
        vm.scope(|vm, s| {
            let h = s.root_value(vm, a.v(vm, 0));
            let h2 = s.root_value(vm, a.v(vm, 1));
            let q = vm.binary(a.v(vm, 0), a.v(vm, 1), B_FLOORDIV);
            let q = q?;
            let hq = s.root_value(vm, q);
            let (x, y) = (h.get(vm).value(), h2.get(vm).value());
            let r = vm.binary(x, y, B_MOD);
            let q = hq.get(vm).value();
            let r = r?;
            Ok(vm.new_tuple(&[q, r]))
        })
    });
    f!(vm, "pow", |vm, _s, a| {
        a.check(vm, "pow", 2, 3)?;
        if a.len() == 3 && !a.v(vm, 2).is_none() {
            if !Vm::is_intlike(a.v(vm, 0))
                || !Vm::is_intlike(a.v(vm, 1))
                || !Vm::is_intlike(a.v(vm, 2))
            {
                return Err(vm.raise_msg(
                    T::TypeError,
                    "pow() 3rd argument not allowed unless all arguments are integers",
                ));
            }
            let (b, e, m) = (
                Vm::to_big(a.v(vm, 0)),
                Vm::to_big(a.v(vm, 1)),
                Vm::to_big(a.v(vm, 2)),
            );
            return match crate::support::numeric::int_pow_mod(&b, &e, &m) {
                Ok(r) => Ok(vm.new_int_big(&r)),
                Err(err) => Err(vm.support_err(err)),
            };
        }
        vm.binary(a.v(vm, 0), a.v(vm, 1), B_POW)
    });
    f!(vm, "round", |vm, _s, a| {
        a.check(vm, "round", 1, 2)?;
        let nd = a.opt_v(vm, 1).filter(|v| !v.is_none());
        let v = a.v(vm, 0);
        if Vm::is_intlike(v) {
            if let Some(nd) = nd {
                let n = Vm::int_as_i64(nd).unwrap_or(0);
                if n < 0 {
                    let p = num_bigint::BigInt::from(10).pow((-n) as u32);
                    let x = Vm::to_big(v);
                    let q = round_half_even_div(&x, &p) * p;
                    return Ok(vm.new_int_big(&q));
                }
            }
            return Ok(if v.is_int() {
                v
            } else {
                let b = Vm::to_big(v);
                vm.new_int_big(&b)
            });
        }
        if Vm::is_float(v) {
            let f = Vm::float_val(v);
            match nd {
                None => {
                    if !f.is_finite() {
                        return Err(vm.raise_msg(
                            if f.is_nan() {
                                T::ValueError
                            } else {
                                T::OverflowError
                            },
                            if f.is_nan() {
                                "cannot convert float NaN to integer"
                            } else {
                                "cannot convert float infinity to integer"
                            },
                        ));
                    }
                    let r = round_half_even(f);
                    return Ok(if r.abs() < 4e18 {
                        vm.new_int(r as i64)
                    } else {
                        let b = num_bigint::BigInt::from(r as i128);
                        vm.new_int_big(&b)
                    });
                }
                Some(nd) => {
                    let n = Vm::int_as_i64(nd).unwrap_or(0);
                    let s = crate::support::float_repr::format_float(
                        f,
                        'f',
                        Some(n.clamp(0, 300) as usize),
                        false,
                    );
                    let r: f64 = if n >= 0 {
                        s.parse().unwrap_or(f)
                    } else {
                        let p = 10f64.powi((-n) as i32);
                        round_half_even(f / p) * p
                    };
                    return Ok(vm.new_float(r));
                }
            }
        }
        let args: Vec<Value> = nd.into_iter().collect();
        match vm.call_method_n(v, N::Round, &args)? {
            Some(r) => Ok(r),
            None => {
                let msg = format!(
                    "type {} doesn't define __round__ method",
                    vm.type_name_of(v)
                );
                Err(vm.raise_msg(T::TypeError, &msg))
            }
        }
    });
    f!(vm, "hex", |vm, _s, a| radix(vm, a, 16, "0x"));
    f!(vm, "oct", |vm, _s, a| radix(vm, a, 8, "0o"));
    f!(vm, "bin", |vm, _s, a| radix(vm, a, 2, "0b"));
    f!(vm, "format", |vm, _s, a| {
        a.check(vm, "format", 1, 2)?;
        let spec = a
            .opt_v(vm, 1)
            .map(|s| Vm::as_str(s).to_string())
            .unwrap_or_default();
        let s = vm.format(a.v(vm, 0), &spec)?;
        Ok(vm.new_string(s))
    });
}

fn round_half_even(f: f64) -> f64 {
    let r = f.round();
    if (f - f.trunc()).abs() == 0.5 {
        2.0 * (f / 2.0).round()
    } else {
        r
    }
}

fn round_half_even_div(x: &num_bigint::BigInt, p: &num_bigint::BigInt) -> num_bigint::BigInt {
    use num_integer::Integer;
    let (q, r) = x.div_mod_floor(p);
    let twice = &r * 2;
    if &twice > p || (&twice == p && q.is_odd()) {
        q + 1
    } else {
        q
    }
}

fn radix(vm: &mut Vm, a: Args<'_>, base: u32, prefix: &str) -> PyResult {
    a.check(vm, "hex", 1, 1)?;
    let v = if Vm::is_intlike(a.v(vm, 0)) {
        a.v(vm, 0)
    } else {
        Value::int(vm.index_of(a.v(vm, 0))?)
    };
    let b = Vm::to_big(v);
    let s = if b.is_negative() {
        format!("-{}{}", prefix, (-b).to_str_radix(base))
    } else {
        format!("{}{}", prefix, b.to_str_radix(base))
    };
    Ok(vm.new_string(s))
}
