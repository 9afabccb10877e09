//! Sorting: `list.sort`/`sorted` (a stable merge sort over indices, keys
//! computed once).

use super::timsort::timsort;
use crate::compile::bytecode::*;
use crate::object::layout::Kind;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::{PyResult, Vm};

impl Vm {
    /// Sorts list `l` in place by `key` (None = identity), stable.
    pub fn sort_list(&mut self, l: Value, key: Value, reverse: bool) -> PyResult<()> {
        let base = self.root_depth();
        let hl = self.push_root(l);
        self.set_root(crate::vm::R_MISC, l);
        // As CPython: the list is empty while keys and comparisons run
        // (they see `len(l) == 0`); the items live in a private list.
        let items = Vm::list_items(l);
        let n = items.len();
        if n == 0 {
            self.pop_roots(base); // nothing to compare: the list is untouched
            return Ok(());
        }
        let saved = self.new_list(&items);
        let hsaved = self.push_root(saved);
        // A zero-capacity array: any append/insert/extend replaces it, so an
        // append undone by a pop is noticed too (as CPython's `allocated`
        // check); clearing the empty list is invisible in both.
        let empty = self.new_array(0);
        let hempty = self.push_root(empty);
        self.list_set_empty(l, empty);
        // Puts `order` (indices into the saved items) back into the list;
        // ValueError if Python code changed it meanwhile.
        let restore = |vm: &mut Vm, order: &[usize]| -> PyResult<()> {
            let l = vm.root(hl);
            let modified = Vm::list_len(l) != 0 || !Vm::list_holds_array(l, vm.root(hempty));
            let saved = Vm::list_items(vm.root(hsaved));
            let sorted: Vec<Value> = order.iter().map(|&i| saved[i]).collect();
            vm.list_set_items(l, &sorted);
            vm.set_root(crate::vm::R_MISC, l);
            if modified {
                return Err(vm.raise_msg(T::ValueError, "list modified during sort"));
            }
            Ok(())
        };
        let keys = if key.is_none() || key.is_null() {
            self.root(hsaved)
        } else {
            let hkey = self.push_root(key);
            let kl = self.new_list(&[]);
            let hk = self.push_root(kl);
            for i in 0..n {
                let x = Vm::list_get(self.root(hsaved), i);
                let key = self.root(hkey);
                match self.call0(key, &[x]) {
                    Ok(kv) => {
                        let kl = self.root(hk);
                        self.list_append(kl, kv);
                    }
                    Err(e) => {
                        let exc = self.take_exc();
                        let _ = restore(self, &(0..n).collect::<Vec<_>>());
                        self.set_root(crate::vm::R_EXC, exc);
                        self.pop_roots(base);
                        return Err(e);
                    }
                }
            }
            self.root(hk)
        };
        let hkeys = self.push_root(keys);
        // As CPython, `reverse` sorts the reversed input stably and reverses
        // the result: equal items keep their original order.
        let mut idx: Vec<usize> = if reverse {
            (0..n).rev().collect()
        } else {
            (0..n).collect()
        };
        // Fast paths: keys comparable without calls (the same algorithm,
        // so the same order as CPython, NaNs included).
        let kv = Vm::list_items(keys);
        let fast = match self.key_class(&kv) {
            KeyClass::Ints => timsort(&mut idx, &mut |i, j| Some(kv[i].as_int() < kv[j].as_int())),
            KeyClass::Scalars => timsort(&mut idx, &mut |i, j| {
                Some(self.fast_compare(kv[i], kv[j], C_LT) == Some(true))
            }),
            KeyClass::Tuples => {
                timsort(&mut idx, &mut |i, j| Some(self.tuple_lt_fast(kv[i], kv[j])))
            }
            KeyClass::General => None,
        };
        if fast.is_none() {
            let mut err = None;
            let _ = timsort(&mut idx, &mut |i, j| {
                let ks = self.root(hkeys);
                let (a, b) = (Vm::list_get(ks, i), Vm::list_get(ks, j));
                match self.compare(a, b, C_LT).and_then(|r| self.truthy(r)) {
                    Ok(r) => Some(r),
                    Err(e) => {
                        err = Some(e);
                        None
                    }
                }
            });
            if let Some(e) = err {
                // As CPython: the list keeps the order the sort had reached
                // (un-reversed when sorting in reverse), and the comparison's
                // exception wins over "list modified during sort".
                if reverse {
                    idx.reverse();
                }
                let exc = self.take_exc();
                let _ = restore(self, &idx);
                self.set_root(crate::vm::R_EXC, exc);
                self.pop_roots(base);
                return Err(e);
            }
        }
        if reverse {
            idx.reverse(); // back from the reversed input (see above)
        }
        let r = restore(self, &idx);
        self.pop_roots(base);
        r
    }

    /// The list most recently sorted by `sort_list`.
    pub fn root_last_sorted(&mut self) -> Value {
        let v = self.root(crate::vm::R_MISC);
        self.set_root(crate::vm::R_MISC, Value::NONE);
        v
    }
}

/// What the sort keys are, for a comparison without calls.
enum KeyClass {
    /// small ints only
    Ints,
    /// ints, exact floats and exact strs, pairwise comparable
    Scalars,
    /// exact tuples whose items at each position are all numbers or all
    /// strs (as above)
    Tuples,
    /// anything else: the full comparison
    General,
}

/// A key item's comparison class: 1 = number (small int, exact float),
/// 2 = exact str, 0 = neither.
fn scalar_class(vm: &Vm, v: Value) -> u8 {
    if v.is_int() || Vm::is_exact_float(v) {
        1
    } else if Vm::is_str(v) && vm.type_of(v) == vm.ty(T::Str) {
        2
    } else {
        0
    }
}

impl Vm {
    fn key_class(&self, keys: &[Value]) -> KeyClass {
        if keys.iter().all(|k| k.is_int()) {
            return KeyClass::Ints;
        }
        let first = scalar_class(self, keys[0]);
        if first != 0 && keys.iter().all(|&k| scalar_class(self, k) == first) {
            return KeyClass::Scalars;
        }
        let tuple = self.ty(T::Tuple);
        let mut classes: Vec<u8> = Vec::new();
        for &k in keys {
            if !Vm::is_kind(k, Kind::Tuple) || self.type_of(k) != tuple {
                return KeyClass::General;
            }
            for i in 0..Vm::tuple_len(k) {
                let c = scalar_class(self, Vm::tuple_get(k, i));
                if i == classes.len() {
                    classes.push(c);
                }
                if c == 0 || c != classes[i] {
                    return KeyClass::General;
                }
            }
        }
        KeyClass::Tuples
    }

    /// `a < b` for two tuples `key_class` found to be `Tuples`.
    fn tuple_lt_fast(&self, a: Value, b: Value) -> bool {
        let (la, lb) = (Vm::tuple_len(a), Vm::tuple_len(b));
        for i in 0..la.min(lb) {
            let (x, y) = (Vm::tuple_get(a, i), Vm::tuple_get(b, i));
            if Vm::eq_fast(x, y) != Some(true) {
                return self.fast_compare(x, y, C_LT) == Some(true);
            }
        }
        la < lb
    }
}
