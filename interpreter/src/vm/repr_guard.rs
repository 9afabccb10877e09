//! Recursion guard of `repr` for containers (CPython's `Py_ReprEnter`): the
//! containers being printed are kept in a list at root `R_REPR`; a container
//! met again prints as `[...]`/`{...}`.

use super::{Vm, R_REPR};
use crate::object::layout::*;
use crate::object::list::L_LEN;
use crate::object::value::Value;

/// Deepest container nesting `repr` follows before printing `...`.
const MAX_DEPTH: usize = 200;

impl Vm {
    /// Enters `v`; true when `v` is already being printed (or too deep).
    pub(super) fn repr_enter(&mut self, v: Value) -> bool {
        let mut l = self.root(R_REPR);
        if !Vm::is_kind(l, Kind::List) {
            l = self.new_list(&[]);
            self.set_root(R_REPR, l);
        }
        let n = Vm::list_len(l);
        if n >= MAX_DEPTH || (0..n).any(|i| Vm::list_get(l, i) == v) {
            return true;
        }
        self.list_append(l, v);
        false
    }

    /// Leaves the innermost container.
    pub(super) fn repr_leave(&mut self) {
        let l = self.root(R_REPR);
        if !Vm::is_kind(l, Kind::List) {
            return;
        }
        let n = Vm::list_len(l);
        if n == 0 {
            return;
        }
        self.list_set(l, n - 1, Value::NONE);
        let o = l.obj().expect("list");
        o.set_word(slot(L_LEN), Value::int(n as i64 - 1).0);
    }
}
