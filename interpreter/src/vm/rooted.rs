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
//! * Native functions receive their arguments rooted, never a `&[Value]`
//!   that a call would make stale (see below).
//!
//! The raw [`Value`] is still the currency of the older code (the dispatch
//! loop and many helpers use `push_root`/`root`/`pop_roots` on the same
//! stack). The VM's root stack is the interpreter's only root mechanism:
//! long-lived state (the `_weakref` table, the code-cache list, the spare
//! `MemoryError`, the `gc` module's hooks, ...) sits in its fixed `R_*`
//! slots, and nothing uses the mutator's `gc_api::ShadowStack` (kept for
//! embedders and mock VMs without a root stack of their own). [`Gc::value`] hands a raw value to those
//! readers for the duration of one expression; new and converted code keeps
//! `Gc`/`Rooted` and lets the compiler check it.
//!
//! # The native calling convention
//!
//! A native is a [`NativeFn`]:
//! `for<'s> fn(&mut Vm, Scope<'s>, Args<'s>) -> PyResult`, registered with
//! [`Vm::new_native`], [`Vm::add_native_method`],
//! [`Vm::add_native_classmethod`], [`Vm::add_native_fn`] (or a table of
//! `(&str, NativeFn)`). The call path pushes the receiver (for a bound or
//! method call) and the arguments on the root stack once, then the keyword
//! names tuple; [`Args`] indexes those slots: positional values first, then
//! the keyword values named by [`Args::kwnames`]. This is the only native
//! convention: the older `fn(&mut Vm, &[Value], kwnames)` natives, whose
//! argument copies any call into Python made stale, are gone, and such a
//! function no longer registers. The scope pops them when
//! the native returns, by any path; a panic (a native reading an argument
//! it was not given: [`Args::get`] past [`Args::len`]) is caught by the call
//! path, which restores the root depth and raises
//! `TypeError: f() missing required argument (n given)`.
//!
//! A converted body reads arguments at each use:
//!
//! * [`Args::get`] → `Gc` (checked: no `&mut Vm` call while it is held);
//! * [`Args::v`] / [`Args::opt_v`] / [`Args::kwarg_v`] → a raw `Value` for
//!   one expression, typically the parameter of an older helper:
//!   `vm.list_append(args.v(vm, 0), args.v(vm, 1))` (two-phase borrows read
//!   both before the `&mut` call starts);
//! * [`Args::rooted`] → a [`Rooted`] handle to pass around;
//! * [`Args::npos`], [`Args::kwarg`], [`Args::check`] replace the older
//!   `positional`, `kwarg` and `check_args` helpers.
//!
//! A value computed from the arguments that must survive a call into Python
//! goes into a slot of the native's scope: `let r = s.root(vm, g)`.
//! Copying all arguments into a `Vec<Value>` at the top ([`Args::values`])
//! and using it after such a call recreates the stale copy: `values` is for
//! one call of an older helper.
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
//!
//! A native that reads an argument, calls into Python, then uses what it
//! read does not compile:
//!
//! ```compile_fail,E0502
//! # use interpreter::vm::{NativeFn, Vm};
//! # use interpreter::object::value::Value;
//! let f: NativeFn = |vm, _s, args| {
//!     let d = args.get(vm, 1);                   // borrows *vm
//!     vm.call(args.v(vm, 0), &[], Value::NULL)?; // runs Python: &mut Vm
//!     Ok(d.value())                              // error[E0502]
//! };
//! # let _ = f;
//! ```
//!
//! Its twin re-reads the argument through `args` after the call and
//! compiles (and a computed value kept across the call is rooted):
//!
//! ```
//! # use interpreter::vm::{NativeFn, Vm};
//! # use interpreter::object::value::Value;
//! let f: NativeFn = |vm, s, args| {
//!     let r = vm.call(args.v(vm, 0), &[], Value::NULL)?;
//!     let r = s.root_value(vm, r);
//!     vm.call(args.v(vm, 0), &[], Value::NULL)?;
//!     let _ = r.get(vm).value();
//!     Ok(args.get(vm, 1).value())
//! };
//! # let _ = f;
//! ```

use super::{NativeFn, PyResult, Vm};
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

/// The rooted arguments of a native function ([`super::NativeFn`],
/// [`Vm::with_args`]): positional values then keyword values, the keyword
/// names in [`Args::kwnames`]. Reads go through the root stack, so they
/// return the current address after any collection.
#[derive(Clone, Copy, Debug)]
pub struct Args<'s> {
    base: usize,
    len: usize,
    nkw: usize,
    kwnames: Option<Rooted<'s>>,
}

/// The panic of a read past the arguments: the same text as a slice index
/// panic, which the native call path turns into "missing required argument".
#[cold]
#[inline(never)]
fn missing_arg(len: usize, i: usize) -> ! {
    panic!("index out of bounds: the len is {len} but the index is {i}")
}

impl<'s> Args<'s> {
    /// Number of arguments (positional and keyword values).
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there is no argument.
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Number of positional arguments.
    #[inline(always)]
    pub fn npos(&self) -> usize {
        self.len - self.nkw
    }

    /// Number of keyword arguments.
    #[inline(always)]
    pub fn nkw(&self) -> usize {
        self.nkw
    }

    /// Argument `i` (panics past [`Args::len`]: a native reading an
    /// argument it was not given becomes a TypeError in the call path).
    #[inline(always)]
    pub fn get(self, vm: &Vm, i: usize) -> Gc<'_> {
        if i >= self.len {
            missing_arg(self.len, i)
        }
        vm.gc(Value(vm.r.get(self.base + i)))
    }

    /// Argument `i` as a raw value, for one expression (an older reader's
    /// parameter): it is current until the next `&mut Vm` call.
    #[inline(always)]
    pub fn v(self, vm: &Vm, i: usize) -> Value {
        self.get(vm, i).v
    }

    /// Argument `i` if given (positional or keyword value, as `a.get(i)`).
    #[inline(always)]
    pub fn opt(self, vm: &Vm, i: usize) -> Option<Gc<'_>> {
        (i < self.len).then(|| self.get(vm, i))
    }

    /// Argument `i` if given, as a raw value for one expression.
    #[inline(always)]
    pub fn opt_v(self, vm: &Vm, i: usize) -> Option<Value> {
        self.opt(vm, i).map(Gc::value)
    }

    /// Argument `i` as a handle.
    #[inline(always)]
    pub fn rooted(self, i: usize) -> Rooted<'s> {
        if i >= self.len {
            missing_arg(self.len, i)
        }
        Rooted {
            i: self.base + i,
            _brand: PhantomData,
        }
    }

    /// Replaces argument `i` (a native normalizing its argument in place).
    pub fn set<'v>(self, vm: &'v Vm, i: usize, g: Gc<'v>) {
        self.rooted(i).set(vm, g)
    }

    /// The keyword names tuple, if keywords were passed.
    #[inline(always)]
    pub fn kwnames(self, vm: &Vm) -> Option<Gc<'_>> {
        self.kwnames.map(|r| r.get(vm))
    }

    /// The keyword names tuple or NULL, as the older helpers take it.
    #[inline(always)]
    pub fn kwnames_v(self, vm: &Vm) -> Value {
        self.kwnames(vm).map_or(Value::NULL, Gc::value)
    }

    /// The index (into the arguments) of keyword argument `name`.
    pub fn kw_index(self, vm: &Vm, name: &str) -> Option<usize> {
        let names = self.kwnames(vm)?.value();
        (0..self.nkw)
            .find(|&i| Vm::as_str(Vm::tuple_get(names, i)) == name)
            .map(|i| self.npos() + i)
    }

    /// Keyword argument `name`, if passed.
    pub fn kwarg<'v>(self, vm: &'v Vm, name: &str) -> Option<Gc<'v>> {
        self.kw_index(vm, name).map(|i| self.get(vm, i))
    }

    /// Keyword argument `name` if passed, as a raw value for one expression.
    pub fn kwarg_v(self, vm: &Vm, name: &str) -> Option<Value> {
        self.kwarg(vm, name).map(Gc::value)
    }

    /// The positional arguments only (the same slots, no keywords).
    #[inline(always)]
    pub fn pos(self) -> Args<'s> {
        Args {
            base: self.base,
            len: self.len - self.nkw,
            nkw: 0,
            kwnames: None,
        }
    }

    /// The arguments from `from` on (the same slots; keywords kept).
    pub fn skip(self, from: usize) -> Args<'s> {
        let from = from.min(self.len - self.nkw);
        Args {
            base: self.base + from,
            len: self.len - from,
            nkw: self.nkw,
            kwnames: self.kwnames,
        }
    }

    /// The arguments from `from` on, as raw values for one older call.
    pub fn values_from(self, vm: &Vm, from: usize) -> Vec<Value> {
        (from..self.len)
            .map(|i| Value(vm.r.get(self.base + i)))
            .collect()
    }

    /// The arguments now, as raw values for one older call (they are rooted:
    /// the copies are current until the next safepoint).
    pub fn values(self, vm: &Vm) -> Vec<Value> {
        (0..self.len)
            .map(|i| Value(vm.r.get(self.base + i)))
            .collect()
    }

    /// The positional arguments now, as raw values for one older call.
    pub fn positional(self, vm: &Vm) -> Vec<Value> {
        (0..self.npos())
            .map(|i| Value(vm.r.get(self.base + i)))
            .collect()
    }

    /// Checks the argument count (positional and keyword values, as the
    /// older `check_args(name, a, ..)`) against `min..=max`.
    pub fn check(self, vm: &mut Vm, name: &str, min: usize, max: usize) -> PyResult<()> {
        vm.check_nargs(name, self.len, min, max)
    }

    /// Checks the positional argument count against `min..=max`.
    pub fn check_pos(self, vm: &mut Vm, name: &str, min: usize, max: usize) -> PyResult<()> {
        vm.check_nargs(name, self.npos(), min, max)
    }
}

/// Roots `selfv` (unless NULL), `a` and `kwnames` as the arguments of a
/// native call in scope `s`.
#[inline(always)]
fn push_args<'s>(vm: &Vm, s: Scope<'s>, selfv: Value, a: &[Value], kwnames: Value) -> Args<'s> {
    let has_self = !selfv.is_null();
    let first = has_self.then_some(selfv.0);
    let base =
        vm.r.push_all(first.into_iter().chain(a.iter().map(|v| v.0)));
    let (nkw, kwnames) = if kwnames.is_null() {
        (0, None)
    } else {
        (Vm::tuple_len(kwnames), Some(s.root_value(vm, kwnames)))
    };
    Args {
        base,
        len: a.len() + has_self as usize,
        nkw,
        kwnames,
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

    /// Runs a native function body with its arguments rooted: `a`
    /// (positional values then keyword values) and `kwnames` are pushed on
    /// the root stack and passed as [`Args`].
    pub fn with_args<R>(
        &mut self,
        a: &[Value],
        kwnames: Value,
        f: impl for<'s> FnOnce(&mut Vm, Scope<'s>, Args<'s>) -> R,
    ) -> R {
        self.scope(|vm, s| {
            let args = push_args(vm, s, Value::NULL, a, kwnames);
            f(vm, s, args)
        })
    }

    /// Calls a [`NativeFn`]: `selfv` (unless NULL) then `a` are pushed on
    /// the root stack once, popped on return. The caller catches panics.
    #[inline]
    pub(crate) fn call_native(
        &mut self,
        f: NativeFn,
        selfv: Value,
        a: &[Value],
        kwnames: Value,
    ) -> PyResult {
        self.scope(|vm, s| {
            let args = push_args(vm, s, selfv, a, kwnames);
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
    fn native_args_are_rooted_and_a_missing_one_is_a_type_error() {
        let mut vm = vm();
        let depth = vm.root_depth();
        let f = vm.new_native("needs3", |vm, _s, args| {
            vm.collect_now();
            Ok(args.get(vm, 2).value())
        });
        let hf = vm.push_root(f);
        let r = vm.call(f, &[Value::int(1)], Value::NULL);
        assert!(r.is_err());
        let e = vm.take_exc();
        let line = vm.exc_line(e);
        assert_eq!(
            line,
            "TypeError: needs3() missing required argument (1 given)"
        );
        assert_eq!(
            vm.root_depth(),
            depth + 1,
            "the call path restored the roots"
        );
        // all arguments given: the third is read after a collection moved it
        let l = vm.new_list(&[Value::int(9)]);
        let r = vm.call(vm.root(hf), &[Value::int(1), Value::int(2), l], Value::NULL);
        let r = r.unwrap_or_else(|_| panic!("needs3 raised"));
        assert!(Vm::is_kind(r, Kind::List));
        assert_ne!(r, l, "incminimark moved the young list; the slot followed");
        // a bound receiver counts as the first argument
        let b = vm.bind_builtin(vm.root(hf), Value::int(5));
        let hb = vm.push_root(b);
        assert!(vm.call(b, &[Value::int(6)], Value::NULL).is_err());
        let e = vm.take_exc();
        let line = vm.exc_line(e);
        assert_eq!(
            line,
            "TypeError: needs3() missing required argument (2 given)"
        );
        let r = vm.call_with_self(vm.root(hf), Value::int(5), &[Value::int(6)], Value::NULL);
        assert!(r.is_err(), "receiver then one argument: two of three");
        vm.take_exc();
        let kw = vm.new_tuple(&[]);
        let r = vm.call(vm.root(hb), &[Value::int(6), Value::int(7)], kw);
        assert_eq!(r.ok(), Some(Value::int(7)));
        assert_eq!(vm.root_depth(), depth + 2);
    }

    #[test]
    fn args_split_positional_and_keywords() {
        let mut vm = vm();
        let (x, y) = (vm.intern("x"), vm.intern("y"));
        let names = vm.new_tuple(&[x, y]);
        let vals = [Value::int(1), Value::int(2), Value::int(3)];
        vm.with_args(&vals, names, |vm, _s, args| {
            assert_eq!((args.npos(), args.nkw(), args.len()), (1, 2, 3));
            assert_eq!(args.kwarg_v(vm, "y"), Some(Value::int(3)));
            assert_eq!(args.kw_index(vm, "x"), Some(1));
            assert!(args.kwarg(vm, "z").is_none());
            assert_eq!(args.positional(vm), vec![Value::int(1)]);
            assert_eq!(args.opt_v(vm, 3), None);
            assert!(args.kwnames(vm).is_some_and(|g| g.is(Kind::Tuple)));
        });
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
