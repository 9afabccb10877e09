//! The typed GC boundary: values branded by a borrow of the VM, rooted
//! handles branded by a scope.
//!
//! # The rule, enforced by the compiler
//!
//! Collection happens only at safepoints, and every operation that can
//! reach one (a call into Python code, a loop back-edge, an explicit
//! collection) takes `&mut Vm`. Operations that cannot collect (reading a
//! slot, allocating, storing through the write barrier) take `&Vm` or are
//! plain functions of a value. So:
//!
//! * [`Gc<'v>`] is a heap value read under a shared borrow `&'v Vm`. It is
//!   `Copy` and free, but it keeps `*vm` borrowed: the next `&mut Vm` call
//!   ends the borrow, and any later use of the `Gc` is a compile error
//!   (E0502), not a stale pointer into a moved object.
//! * [`Rooted<'s>`] is a slot of the VM's root stack, branded by the scope
//!   `'s` that pushed it ([`Vm::scope`]). It holds no borrow, so it survives
//!   `&mut Vm` calls; collectors update the slot, and [`Rooted::get`] reads
//!   the current address back as a fresh `Gc`. The brand is invariant and
//!   higher-ranked: a `Rooted` cannot leave its scope, and the scope pops
//!   its slots on every exit path (`?` included) — no manual `pop_roots`.
//! * Native functions written against this API take their arguments rooted
//!   ([`Vm::with_args`] → [`Args`]), never a `&[Value]` that a call would
//!   make stale.
//!
//! The raw [`Value`] is still the currency of the older code (the dispatch
//! loop and most builtins use `push_root`/`root`/`pop_roots` on the same
//! stack: one root mechanism). [`Gc::value`] hands a raw value to those
//! readers for the duration of one expression; new and converted code keeps
//! `Gc`/`Rooted` and lets the compiler check it.
//!
//! # Compile-fail proofs
//!
//! A value read from the heap does not survive an operation that can
//! collect:
//!
//! ```compile_fail,E0502
//! # use interpreter::vm::Vm;
//! # fn f(vm: &mut Vm, list: interpreter::object::value::Value) {
//! let g = vm.gc(list);
//! vm.collect_now();            // may move every object: needs &mut Vm
//! let _ = g.value();           // error[E0502]: `*vm` also borrowed as immutable
//! # }
//! ```
//!
//! The same code with a rooted handle compiles:
//!
//! ```
//! # use interpreter::vm::Vm;
//! # fn f(vm: &mut Vm, list: interpreter::object::value::Value) {
//! vm.scope(|vm, s| {
//!     let r = s.root(vm, vm.gc(list));
//!     vm.collect_now();
//!     let _ = r.get(vm).value(); // the current address, after any move
//! });
//! # }
//! ```
//!
//! A rooted handle cannot outlive its scope (its slot is popped):
//!
//! ```compile_fail
//! # use interpreter::vm::Vm;
//! # fn f(vm: &mut Vm, list: interpreter::object::value::Value) {
//! let escaped = vm.scope(|vm, s| s.root(vm, vm.gc(list)));
//! # }
//! ```
//!
//! (its value can: `vm.scope(|vm, s| s.root(vm, vm.gc(list)).get(vm).value())`
//! compiles; stable rustdoc does not check error codes, so every
//! compile-fail example here has a compiling twin that differs only in the
//! stale use.)
//!
//! Nor can a `Gc` be kept across a call that runs Python code:
//!
//! ```compile_fail,E0502
//! # use interpreter::vm::{Vm, PyResult};
//! # fn f(vm: &mut Vm, func: interpreter::object::value::Value,
//! #      d: interpreter::object::value::Value) -> PyResult<()> {
//! vm.with_args(&[func, d], interpreter::object::value::Value::NULL, |vm, _s, args| {
//!     let dict = args.get(vm, 1);
//!     vm.call0(args.get(vm, 0).value(), &[])?;   // runs Python: &mut Vm
//!     let _ = dict.value();                       // error[E0502]
//!     Ok(())
//! })
//! # }
//! ```
//!
//! Its twin re-reads the argument from its root and compiles:
//!
//! ```
//! # use interpreter::vm::{Vm, PyResult};
//! # fn f(vm: &mut Vm, func: interpreter::object::value::Value,
//! #      d: interpreter::object::value::Value) -> PyResult<()> {
//! vm.with_args(&[func, d], interpreter::object::value::Value::NULL, |vm, _s, args| {
//!     vm.call0(args.get(vm, 0).value(), &[])?;
//!     let _ = args.get(vm, 1).value();
//!     Ok(())
//! })
//! # }
//! ```
//!
//! ```
//! # use interpreter::vm::Vm;
//! # fn f(vm: &mut Vm, list: interpreter::object::value::Value) {
//! let now = vm.scope(|vm, s| s.root(vm, vm.gc(list)).get(vm).value());
//! # }
//! ```

use super::Vm;
use crate::object::layout::Kind;
use crate::object::value::Value;
use std::marker::PhantomData;

/// An invariant lifetime brand (`'s` can be neither shortened nor widened).
type Brand<'s> = PhantomData<fn(&'s ()) -> &'s ()>;

/// A heap value valid while `'v` borrows the VM (no safepoint can happen).
#[derive(Clone, Copy)]
pub struct Gc<'v> {
    v: Value,
    _vm: PhantomData<&'v Vm>,
}

impl std::fmt::Debug for Gc<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Gc({:#x})", self.v.0)
    }
}

impl<'v> Gc<'v> {
    /// The raw value, for the older readers: use it within the expression.
    #[inline(always)]
    pub fn value(self) -> Value {
        self.v
    }

    /// The object's layout kind (`None` for immediates).
    #[inline(always)]
    pub fn kind(self) -> Option<Kind> {
        Vm::kind(self.v)
    }

    /// Whether it is an object of layout `k`.
    #[inline(always)]
    pub fn is(self, k: Kind) -> bool {
        Vm::is_kind(self.v, k)
    }
}

/// A rooting scope opened by [`Vm::scope`]; hands out [`Rooted`] slots.
#[derive(Clone, Copy)]
pub struct Scope<'s> {
    _brand: Brand<'s>,
}

/// A root-stack slot of scope `'s`: survives collections (updated in place).
#[derive(Clone, Copy, Debug)]
pub struct Rooted<'s> {
    i: usize,
    _brand: Brand<'s>,
}

impl<'s> Scope<'s> {
    /// Roots `g` for the rest of the scope.
    #[inline(always)]
    pub fn root<'v>(self, vm: &'v Vm, g: Gc<'v>) -> Rooted<'s> {
        Rooted {
            i: vm.r.push(g.v.0),
            _brand: PhantomData,
        }
    }

    /// Roots a raw value (the boundary with the older code, which holds
    /// raw values only where no safepoint intervenes).
    #[inline(always)]
    pub fn root_value(self, vm: &Vm, v: Value) -> Rooted<'s> {
        Rooted {
            i: vm.r.push(v.0),
            _brand: PhantomData,
        }
    }
}

impl<'s> Rooted<'s> {
    /// The value now (after any collection moved it).
    #[inline(always)]
    pub fn get(self, vm: &Vm) -> Gc<'_> {
        vm.gc(Value(vm.r.get(self.i)))
    }

    /// Replaces the rooted value.
    #[inline(always)]
    pub fn set<'v>(self, vm: &'v Vm, g: Gc<'v>) {
        vm.r.set(self.i, g.v.0)
    }
}

/// The rooted arguments of a native function ([`Vm::with_args`]).
#[derive(Clone, Copy, Debug)]
pub struct Args<'s> {
    base: usize,
    len: usize,
    kwnames: Option<Rooted<'s>>,
}

impl<'s> Args<'s> {
    /// Number of arguments (positional and keyword values).
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there is no argument.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Argument `i` (panics past [`Args::len`], a caller bug).
    #[inline(always)]
    pub fn get(self, vm: &Vm, i: usize) -> Gc<'_> {
        assert!(i < self.len, "argument {i} of {}", self.len);
        vm.gc(Value(vm.r.get(self.base + i)))
    }

    /// Argument `i` as a handle.
    pub fn rooted(self, i: usize) -> Rooted<'s> {
        assert!(i < self.len, "argument {i} of {}", self.len);
        Rooted {
            i: self.base + i,
            _brand: PhantomData,
        }
    }

    /// The keyword names tuple, if keywords were passed.
    pub fn kwnames(self, vm: &Vm) -> Option<Gc<'_>> {
        self.kwnames.map(|r| r.get(vm))
    }

    /// The arguments now, as raw values for one older call (they are rooted:
    /// the copies are current until the next safepoint).
    pub fn values(self, vm: &Vm) -> Vec<Value> {
        (0..self.len)
            .map(|i| Value(vm.r.get(self.base + i)))
            .collect()
    }
}

impl Vm {
    /// Brands `v` as valid for the current shared borrow of the VM.
    #[inline(always)]
    pub fn gc(&self, v: Value) -> Gc<'_> {
        Gc {
            v,
            _vm: PhantomData,
        }
    }

    /// Runs `f` in a rooting scope: every slot it roots is popped when `f`
    /// returns, whatever the path.
    #[inline(always)]
    pub fn scope<R>(&mut self, f: impl for<'s> FnOnce(&mut Vm, Scope<'s>) -> R) -> R {
        let base = self.root_depth();
        let r = f(
            self,
            Scope {
                _brand: PhantomData,
            },
        );
        self.pop_roots(base);
        r
    }

    /// Runs a native function body with its arguments rooted: `a` and
    /// `kwnames` (the [`super::BuiltinFn`] calling convention) are pushed on
    /// the root stack and passed as [`Args`].
    pub fn with_args<R>(
        &mut self,
        a: &[Value],
        kwnames: Value,
        f: impl for<'s> FnOnce(&mut Vm, Scope<'s>, Args<'s>) -> R,
    ) -> R {
        self.scope(|vm, s| {
            let base = vm.root_depth();
            for &v in a {
                vm.r.push(v.0);
            }
            let kwnames = kwnames.is_ref().then(|| s.root_value(vm, kwnames));
            let args = Args {
                base,
                len: a.len(),
                kwnames,
            };
            f(vm, s, args)
        })
    }

    /// A full collection now (a safepoint: `&mut self`).
    pub fn collect_now(&mut self) {
        self.m.collect(gc_api::CollectRequest::Major, &mut self.r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vm() -> Vm {
        let none: [(String, String); 0] = [];
        let cfg =
            gc_api::GcConfig::from_sources(none, [("gc", "incminimark")], &[]).expect("config");
        Vm::new(&cfg, vec!["t".into()], ".".into()).unwrap_or_else(|e| panic!("vm: {e:?}"))
    }

    #[test]
    fn rooted_values_follow_moves_and_scopes_pop() {
        let mut vm = vm();
        let depth = vm.root_depth();
        let l = vm.new_list(&[Value::int(7)]);
        let seen = vm.scope(|vm, s| {
            let r = s.root(vm, vm.gc(l));
            let inner = vm.scope(|vm, s2| {
                let t = vm.new_tuple(&[Value::int(1)]);
                let r2 = s2.root_value(vm, t);
                vm.collect_now();
                vm.root_depth() - Vm::tuple_len(r2.get(vm).value())
            });
            assert_eq!(inner, depth + 1, "inner scope saw both slots");
            vm.collect_now();
            let now = r.get(vm);
            assert!(now.is(Kind::List));
            // incminimark moved the young list out of the nursery: the slot
            // was updated, the old address is gone
            assert_ne!(now.value(), l, "the rooted slot follows the move");
            Vm::list_items(now.value())[0]
        });
        assert_eq!(seen, Value::int(7));
        assert_eq!(vm.root_depth(), depth, "scope popped its slots");
    }

    #[test]
    fn args_are_rooted_and_popped_on_error() {
        let mut vm = vm();
        let depth = vm.root_depth();
        let a = vm.new_list(&[]);
        let r: Result<(), usize> =
            vm.with_args(&[a, Value::int(3)], Value::NULL, |vm, _s, args| {
                vm.collect_now();
                assert!(args.get(vm, 0).is(Kind::List));
                assert_eq!(args.get(vm, 1).value(), Value::int(3));
                assert!(args.kwnames(vm).is_none());
                Err(args.len())
            });
        assert_eq!(r, Err(2));
        assert_eq!(vm.root_depth(), depth);
    }
}
