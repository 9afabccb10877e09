//! Sorting: `list.sort`/`sorted` (a stable merge sort over indices, keys
//! computed once).

use crate::compile::bytecode::*;
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
        // Fast path: comparable without calls.
        let kv = Vm::list_items(keys);
        let all_fast = kv
            .windows(2)
            .all(|w| self.fast_compare(w[0], w[1], C_LT).is_some())
            && (n < 2 || self.fast_compare(kv[0], kv[n - 1], C_LT).is_some());
        if all_fast {
            idx.sort_by(|&i, &j| {
                let (a, b) = (kv[i], kv[j]);
                if self.fast_compare(a, b, C_LT) == Some(true) {
                    std::cmp::Ordering::Less
                } else if self.fast_compare(b, a, C_LT) == Some(true) {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            });
        } else {
            let mut err = None;
            merge_sort(&mut idx, &mut |i, j| {
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

/// Below this length CPython's timsort is one run extended by binary
/// insertion (`minrun` is the whole list).
const SMALL_SORT: usize = 64;

/// CPython's sort of a short list, comparison for comparison (so `__lt__`
/// runs as often and on the same pairs as in CPython): `count_run` finds
/// the leading run (a strictly descending one is reversed), then
/// `binarysort` inserts the rest.
/// A comparison that fails (None) stops the sort at once, leaving `v` as
/// CPython leaves the list: a descending run not yet reversed, the pivot
/// being inserted still in place.
fn small_timsort(v: &mut [usize], lt: &mut dyn FnMut(usize, usize) -> Option<bool>) -> Option<()> {
    let n = v.len();
    if n < 2 {
        return Some(());
    }
    let mut run = 2;
    if lt(v[1], v[0])? {
        while run < n && lt(v[run], v[run - 1])? {
            run += 1;
        }
        v[..run].reverse();
    } else {
        while run < n && !lt(v[run], v[run - 1])? {
            run += 1;
        }
    }
    for start in run..n {
        let pivot = v[start];
        let (mut l, mut r) = (0, start);
        while l < r {
            let p = l + ((r - l) >> 1);
            if lt(pivot, v[p])? {
                r = p;
            } else {
                l = p + 1;
            }
        }
        v.copy_within(l..start, l + 1);
        v[l] = pivot;
    }
    Some(())
}

/// Stable sort of `v` by `lt`; a failed comparison (None) stops it with
/// every index still in `v` once.
fn merge_sort(v: &mut Vec<usize>, lt: &mut dyn FnMut(usize, usize) -> Option<bool>) {
    let n = v.len();
    if n < SMALL_SORT {
        let _ = small_timsort(v, lt);
        return;
    }
    let mut width = 1;
    let mut buf = v.clone();
    while width < n {
        let mut i = 0;
        while i < n {
            let mid = (i + width).min(n);
            let hi = (i + 2 * width).min(n);
            let (mut a, mut b, mut k) = (i, mid, i);
            while a < mid && b < hi {
                let Some(b_first) = lt(v[b], v[a]) else {
                    return; // `v` holds the previous pass, whole
                };
                if b_first {
                    buf[k] = v[b];
                    b += 1;
                } else {
                    buf[k] = v[a];
                    a += 1;
                }
                k += 1;
            }
            while a < mid {
                buf[k] = v[a];
                a += 1;
                k += 1;
            }
            while b < hi {
                buf[k] = v[b];
                b += 1;
                k += 1;
            }
            i += 2 * width;
        }
        std::mem::swap(v, &mut buf);
        width *= 2;
    }
}
