//! `list(x)`, `tuple(x)`, `list.extend(x)` and `sorted(x)` consult the
//! iterable's length first, as CPython's `PyObject_LengthHint` does: a user
//! class's `__len__` (a `TypeError` from it is ignored), else its
//! `__length_hint__`, runs once, after `iter(x)`. Programs observe those
//! calls (counters, side effects), so pygc makes them too; the size is only
//! a hint and is not used. Builtin types' lengths run no Python code and
//! are not consulted.

use super::iter::{IT_MODE, IT_REVSEQ, IT_SEQ};
use super::rooted::Rooted;
use super::{PyResult, Vm};
use crate::object::layout::Kind;
use crate::object::value::Value;
use crate::object::{N, T};

impl Vm {
    /// The items of iterable `v`, consulting its length hint like CPython's
    /// `list_extend`.
    pub fn collect_hinted(&mut self, v: Value) -> PyResult<Vec<Value>> {
        let t = self.type_of(v);
        if Vm::type_flags(t) & crate::object::types::F_HEAP != 0 {
            return self.scope(|vm, s| {
                // __iter__ runs Python: `v` is read back from its root
                let v = s.root_value(vm, v);
                let it = vm.get_iter(v.get(vm).value())?;
                let it = s.root_value(vm, it);
                vm.length_hint_probe(v)?;
                vm.collect_iter(it.get(vm).value())
            });
        }
        self.collect(v)
    }

    /// The items of `iter(v)` as CPython's `list(iter(v))` (starred
    /// unpacking) takes them: the length hint asked is the iterator's (a
    /// Python iterator's own, or for the builtin iterator over a
    /// `__getitem__` sequence, the sequence's `len()`), not `v`'s.
    pub fn collect_iterator_hinted(&mut self, v: Value) -> PyResult<Vec<Value>> {
        self.unpack_starred(v, 0)
    }

    /// Starred unpacking (`a, *b = v`) as CPython's `unpack_iterable`: the
    /// `before` leading items are taken with `next()` first, then the rest
    /// as `list(iterator)` (whose length hint is consulted only then). Stops
    /// early when the iterator ends; the caller checks the counts.
    pub fn unpack_starred(&mut self, v: Value, before: usize) -> PyResult<Vec<Value>> {
        if matches!(Vm::kind(v), Some(Kind::Tuple | Kind::List)) {
            return self.unpack(v, usize::MAX);
        }
        self.scope(|vm, s| {
            let it = vm.get_iter(v)?;
            let it = s.root_value(vm, it);
            let head = vm.new_list(&[]);
            let head = s.root_value(vm, head);
            for _ in 0..before {
                match vm.iter_next(it.get(vm).value())? {
                    Some(x) => vm.list_append(head.get(vm).value(), x),
                    None => return Ok(Vm::list_items(head.get(vm).value())),
                }
            }
            vm.probe_iterator_hint(s, it)?;
            let rest = vm.collect_iter(it.get(vm).value())?;
            let mut items = Vm::list_items(head.get(vm).value());
            items.extend(rest);
            Ok(items)
        })
    }

    /// `list(it)`'s length-hint call: a Python iterator's own, or for the
    /// builtin iterator over a `__getitem__` sequence, the sequence's.
    fn probe_iterator_hint<'s>(
        &mut self,
        s: super::rooted::Scope<'s>,
        it: Rooted<'s>,
    ) -> PyResult<()> {
        let i = it.get(self).value();
        let heap = Vm::type_flags(self.type_of(i)) & crate::object::types::F_HEAP != 0;
        if heap {
            self.length_hint_probe(it)?;
        } else if Vm::is_kind(i, Kind::Iter)
            && Vm::get(i.obj().expect("iter"), IT_MODE).as_int() == IT_REVSEQ + 100
        {
            let seq = Vm::get(i.obj().expect("iter"), IT_SEQ);
            let seq = s.root_value(self, seq);
            self.length_hint_probe(seq)?;
        }
        Ok(())
    }

    /// Calls the length hint of the rooted object `hv`.
    pub(crate) fn length_hint_probe(&mut self, hv: Rooted<'_>) -> PyResult<()> {
        let v = hv.get(self).value();
        let t = self.type_of(v);
        if self.type_lookup_n(t, N::Len).is_some() {
            match self.len(v) {
                Ok(_) => return Ok(()),
                Err(e) if !self.exc_is(T::TypeError) => return Err(e),
                Err(_) => {
                    self.take_exc();
                }
            }
        }
        let v = hv.get(self).value();
        let name = self.intern("__length_hint__");
        let Some(f) = self.type_lookup(self.type_of(v), name) else {
            return Ok(());
        };
        let r = self.call_with_self(f, v, &[], Value::NULL)?;
        if r == Value::NOT_IMPL {
            return Ok(());
        }
        match Vm::int_as_i64(r) {
            Some(n) if n >= 0 => Ok(()),
            Some(_) => Err(self.raise_msg(T::ValueError, "__length_hint__() should return >= 0")),
            None if Vm::is_intlike(r) => Ok(()),
            None => {
                let m = format!(
                    "__length_hint__ must be an integer, not {}",
                    self.type_name_of(r)
                );
                Err(self.raise_msg(T::TypeError, &m))
            }
        }
    }
}
