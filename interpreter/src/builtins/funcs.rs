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
        $vm.add_native_fn(d, $name, $f);
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
    f!(vm, "len", |vm, _s, a| {
        a.check(vm, "len", 1, 1)?;
        let n = vm.len(a.v(vm, 0))?;
        Ok(Value::int(n as i64))
    });
    f!(vm, "repr", |vm, _s, a| {
        a.check(vm, "repr", 1, 1)?;
        vm.repr(a.v(vm, 0))
    });
    f!(vm, "ascii", |vm, _s, a| {
        a.check(vm, "ascii", 1, 1)?;
        vm.repr(a.v(vm, 0))
    });
    f!(vm, "isinstance", |vm, _s, a| {
        a.check(vm, "isinstance", 2, 2)?;
        Ok(Value::bool(super::instcheck::isinstance_any(
            vm,
            a.v(vm, 0),
            a.v(vm, 1),
        )?))
    });
    f!(vm, "issubclass", |vm, _s, a| {
        a.check(vm, "issubclass", 2, 2)?;
        Ok(Value::bool(super::instcheck::issubclass_any(
            vm,
            a.v(vm, 0),
            a.v(vm, 1),
        )?))
    });
    f!(vm, "hasattr", |vm, _s, a| {
        a.check(vm, "hasattr", 2, 2)?;
        let n = vm.intern_value(a.v(vm, 1));
        match vm.getattr(a.v(vm, 0), n) {
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
    f!(vm, "getattr", |vm, _s, a| {
        a.check(vm, "getattr", 2, 3)?;
        if !Vm::is_str(a.v(vm, 1)) {
            return Err(vm.raise_msg(T::TypeError, "attribute name must be string"));
        }
        let n = vm.intern_value(a.v(vm, 1));
        let dflt = a.opt_v(vm, 2);
        vm.scope(|vm, s| {
            let h = s.root_value(vm, dflt.unwrap_or(Value::NULL));
            let r = vm.getattr(a.v(vm, 0), n);
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
    f!(vm, "setattr", |vm, _s, a| {
        a.check(vm, "setattr", 3, 3)?;
        let n = vm.intern_value(a.v(vm, 1));
        vm.setattr(a.v(vm, 0), n, a.v(vm, 2))?;
        Ok(Value::NONE)
    });
    f!(vm, "delattr", |vm, _s, a| {
        a.check(vm, "delattr", 2, 2)?;
        let n = vm.intern_value(a.v(vm, 1));
        vm.delattr(a.v(vm, 0), n)?;
        Ok(Value::NONE)
    });
    f!(vm, "id", |vm, _s, a| {
        a.check(vm, "id", 1, 1)?;
        Ok(match a.v(vm, 0).obj() {
            Some(o) => {
                let id = vm.m.identity(o);
                vm.new_int(id as i64)
            }
            None => Value::int(a.v(vm, 0).0 as i64 >> 1),
        })
    });
    f!(vm, "hash", |vm, _s, a| {
        a.check(vm, "hash", 1, 1)?;
        let h = vm.hash_full(a.v(vm, 0))?;
        Ok(vm.new_int(h))
    });
}

/// `iter`, `next`, `ord`, `chr`, `abs`, `callable`.
fn register_iteration(vm: &mut Vm) {
    f!(vm, "iter", |vm, _s, a| {
        a.check(vm, "iter", 1, 2)?;
        if a.len() == 2 {
            let ty = vm.ty(T::Iterator);
            return Ok(vm.new_iter(
                ty,
                IT_CALLABLE,
                a.v(vm, 0),
                Value::int(0),
                a.v(vm, 1),
                Value::NULL,
            ));
        }
        vm.get_iter(a.v(vm, 0))
    });
    f!(vm, "next", |vm, _s, a| {
        a.check(vm, "next", 1, 2)?;
        vm.scope(|vm, s| {
            let h = s.root_value(vm, a.opt_v(vm, 1).unwrap_or(Value::NULL));
            if !matches!(Vm::kind(a.v(vm, 0)), Some(Kind::Iter | Kind::Generator))
                && vm.type_lookup_n(vm.type_of(a.v(vm, 0)), N::Next).is_none()
            {
                let msg = format!(
                    "'{}' object is not an iterator",
                    vm.type_name_of(a.v(vm, 0))
                );
                return Err(vm.raise_msg(T::TypeError, &msg));
            }
            let r = vm.iter_next(a.v(vm, 0));
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
    f!(vm, "ord", |vm, _s, a| {
        a.check(vm, "ord", 1, 1)?;
        if Vm::is_kind(a.v(vm, 0), Kind::Bytes) && Vm::as_bytes(a.v(vm, 0)).len() == 1 {
            return Ok(Value::int(Vm::as_bytes(a.v(vm, 0))[0] as i64));
        }
        let s = Vm::as_str(a.v(vm, 0));
        let mut it = s.chars();
        match (Vm::is_str(a.v(vm, 0)), it.next(), it.next()) {
            (true, Some(c), None) => Ok(Value::int(c as i64)),
            (true, _, _) => {
                let msg = format!(
                    "ord() expected a character, but string of length {} found",
                    Vm::str_nchars(a.v(vm, 0))
                );
                Err(vm.raise_msg(T::TypeError, &msg))
            }
            _ => {
                let msg = format!(
                    "ord() expected string of length 1, but {} found",
                    vm.type_name_of(a.v(vm, 0))
                );
                Err(vm.raise_msg(T::TypeError, &msg))
            }
        }
    });
    f!(vm, "chr", |vm, _s, a| {
        a.check(vm, "chr", 1, 1)?;
        let n = vm.index_of(a.v(vm, 0))?;
        match char::from_u32(n as u32) {
            Some(c) if (0..=0x10ffff).contains(&n) => {
                let mut buf = [0u8; 4];
                Ok(vm.new_str(c.encode_utf8(&mut buf)))
            }
            _ => Err(vm.raise_msg(T::ValueError, "chr() arg not in range(0x110000)")),
        }
    });
    f!(vm, "abs", |vm, _s, a| {
        a.check(vm, "abs", 1, 1)?;
        let v = a.v(vm, 0);
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
    f!(vm, "callable", |vm, _s, a| {
        a.check(vm, "callable", 1, 1)?;
        let v = a.v(vm, 0);
        let c = matches!(
            Vm::kind(v),
            Some(Kind::Function | Kind::Builtin | Kind::Method | Kind::Type)
        ) || vm.type_lookup_n(vm.type_of(v), N::Call).is_some();
        Ok(Value::bool(c))
    });
}
