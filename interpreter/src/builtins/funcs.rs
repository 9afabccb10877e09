//! Builtin functions (`print`, `len`, `getattr`, `next`, ...); the
//! numeric ones are in `numfuncs`, the reductions in `reduce`, sorting in
//! `sort`, the runtime ones (`print`, `open`, `__import__`, ...) in `runtime_funcs`.

use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::{N, T};
use crate::vm::iter::*;
use crate::vm::{Vm, R_BUILTINS};
use num_traits::Signed;

/// Adds builtin function `$name` to the builtins dict (a fixed root, read
/// afresh for each one: `add_fn` allocates).
macro_rules! f {
    ($vm:ident, $name:expr, $f:expr) => {{
        let d = $vm.root(R_BUILTINS);
        $vm.add_fn(d, $name, $f);
    }};
}
pub(super) use f;

pub(super) fn register(vm: &mut Vm) {
    register_objects(vm);
    register_iteration(vm);
    super::reduce::register(vm);
    super::numfuncs::register(vm);
    super::runtime_funcs::register(vm);
}

/// `len`, `repr`, `ascii`, `isinstance`, `issubclass` and the attribute
/// functions, `id`, `hash`.
fn register_objects(vm: &mut Vm) {
    f!(vm, "print", super::runtime_funcs::bi_print);
    f!(vm, "len", |vm, a, _| {
        vm.check_args("len", a, 1, 1)?;
        let n = vm.len(a[0])?;
        Ok(Value::int(n as i64))
    });
    f!(vm, "repr", |vm, a, _| {
        vm.check_args("repr", a, 1, 1)?;
        vm.repr(a[0])
    });
    f!(vm, "ascii", |vm, a, _| {
        vm.check_args("ascii", a, 1, 1)?;
        vm.repr(a[0])
    });
    f!(vm, "isinstance", |vm, a, _| {
        vm.check_args("isinstance", a, 2, 2)?;
        Ok(Value::bool(super::instcheck::isinstance_any(
            vm, a[0], a[1],
        )?))
    });
    f!(vm, "issubclass", |vm, a, _| {
        vm.check_args("issubclass", a, 2, 2)?;
        Ok(Value::bool(super::instcheck::issubclass_any(
            vm, a[0], a[1],
        )?))
    });
    f!(vm, "hasattr", |vm, a, _| {
        vm.check_args("hasattr", a, 2, 2)?;
        let n = vm.intern_value(a[1]);
        match vm.getattr(a[0], n) {
            Ok(_) => Ok(Value::TRUE),
            Err(e) => {
                if vm.exc_is(T::AttributeError) {
                    vm.take_exc();
                    Ok(Value::FALSE)
                } else {
                    Err(e)
                }
            }
        }
    });
    f!(vm, "getattr", |vm, a, _| {
        vm.check_args("getattr", a, 2, 3)?;
        if !Vm::is_str(a[1]) {
            return Err(vm.raise_msg(T::TypeError, "attribute name must be string"));
        }
        let n = vm.intern_value(a[1]);
        let dflt = a.get(2).copied();
        vm.scope(|vm, s| {
            let h = s.root_value(vm, dflt.unwrap_or(Value::NULL));
            let r = vm.getattr(a[0], n);
            let d = h.get(vm).value();
            match r {
                Ok(v) => Ok(v),
                Err(e) => {
                    if dflt.is_some() && vm.exc_is(T::AttributeError) {
                        vm.take_exc();
                        Ok(d)
                    } else {
                        Err(e)
                    }
                }
            }
        })
    });
    f!(vm, "setattr", |vm, a, _| {
        vm.check_args("setattr", a, 3, 3)?;
        let n = vm.intern_value(a[1]);
        vm.setattr(a[0], n, a[2])?;
        Ok(Value::NONE)
    });
    f!(vm, "delattr", |vm, a, _| {
        vm.check_args("delattr", a, 2, 2)?;
        let n = vm.intern_value(a[1]);
        vm.delattr(a[0], n)?;
        Ok(Value::NONE)
    });
    f!(vm, "id", |vm, a, _| {
        vm.check_args("id", a, 1, 1)?;
        Ok(match a[0].obj() {
            Some(o) => {
                let id = vm.m.identity(o);
                vm.new_int(id as i64)
            }
            None => Value::int(a[0].0 as i64 >> 1),
        })
    });
    f!(vm, "hash", |vm, a, _| {
        vm.check_args("hash", a, 1, 1)?;
        let h = vm.hash_full(a[0])?;
        Ok(vm.new_int(h))
    });
}

/// `iter`, `next`, `ord`, `chr`, `abs`, `callable`.
fn register_iteration(vm: &mut Vm) {
    f!(vm, "iter", |vm, a, _| {
        vm.check_args("iter", a, 1, 2)?;
        if a.len() == 2 {
            let ty = vm.ty(T::Iterator);
            return Ok(vm.new_iter(ty, IT_CALLABLE, a[0], Value::int(0), a[1], Value::NULL));
        }
        vm.get_iter(a[0])
    });
    f!(vm, "next", |vm, a, _| {
        vm.check_args("next", a, 1, 2)?;
        vm.scope(|vm, s| {
            let h = s.root_value(vm, a.get(1).copied().unwrap_or(Value::NULL));
            if !matches!(Vm::kind(a[0]), Some(Kind::Iter | Kind::Generator))
                && vm.type_lookup_n(vm.type_of(a[0]), N::Next).is_none()
            {
                let msg = format!("'{}' object is not an iterator", vm.type_name_of(a[0]));
                return Err(vm.raise_msg(T::TypeError, &msg));
            }
            let r = vm.iter_next(a[0]);
            let d = h.get(vm).value();
            match r? {
                Some(v) => Ok(v),
                None => {
                    if !d.is_null() {
                        Ok(d)
                    } else {
                        let v = vm.root(crate::vm::R_MISC);
                        vm.set_root(crate::vm::R_MISC, Value::NONE);
                        Err(vm.raise_stop(if v.is_null() { Value::NONE } else { v }))
                    }
                }
            }
        })
    });
    f!(vm, "ord", |vm, a, _| {
        vm.check_args("ord", a, 1, 1)?;
        if Vm::is_kind(a[0], Kind::Bytes) && Vm::as_bytes(a[0]).len() == 1 {
            return Ok(Value::int(Vm::as_bytes(a[0])[0] as i64));
        }
        let s = Vm::as_str(a[0]);
        let mut it = s.chars();
        match (Vm::is_str(a[0]), it.next(), it.next()) {
            (true, Some(c), None) => Ok(Value::int(c as i64)),
            (true, _, _) => {
                let msg = format!(
                    "ord() expected a character, but string of length {} found",
                    Vm::str_nchars(a[0])
                );
                Err(vm.raise_msg(T::TypeError, &msg))
            }
            _ => {
                let msg = format!(
                    "ord() expected string of length 1, but {} found",
                    vm.type_name_of(a[0])
                );
                Err(vm.raise_msg(T::TypeError, &msg))
            }
        }
    });
    f!(vm, "chr", |vm, a, _| {
        vm.check_args("chr", a, 1, 1)?;
        let n = vm.index_of(a[0])?;
        match char::from_u32(n as u32) {
            Some(c) if (0..=0x10ffff).contains(&n) => {
                let mut buf = [0u8; 4];
                Ok(vm.new_str(c.encode_utf8(&mut buf)))
            }
            _ => Err(vm.raise_msg(T::ValueError, "chr() arg not in range(0x110000)")),
        }
    });
    f!(vm, "abs", |vm, a, _| {
        vm.check_args("abs", a, 1, 1)?;
        let v = a[0];
        if v.is_int() {
            return Ok(vm.new_int(v.as_int().abs()));
        }
        if Vm::is_float(v) {
            return Ok(vm.new_float(Vm::float_val(v).abs()));
        }
        if Vm::is_intlike(v) {
            let b = Vm::to_big(v).abs();
            return Ok(vm.new_int_big(&b));
        }
        match vm.call_method_n(v, N::Abs, &[])? {
            Some(r) => Ok(r),
            None => {
                let msg = format!("bad operand type for abs(): '{}'", vm.type_name_of(v));
                Err(vm.raise_msg(T::TypeError, &msg))
            }
        }
    });
    f!(vm, "callable", |vm, a, _| {
        vm.check_args("callable", a, 1, 1)?;
        let v = a[0];
        let c = matches!(
            Vm::kind(v),
            Some(Kind::Function | Kind::Builtin | Kind::Method | Kind::Type)
        ) || vm.type_lookup_n(vm.type_of(v), N::Call).is_some();
        Ok(Value::bool(c))
    });
}
