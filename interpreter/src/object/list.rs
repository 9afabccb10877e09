//! Tuples, internal arrays and lists (`[type][len][items: Array][attrs]`).

use super::layout::*;
use super::value::Value;
use super::T;
use crate::vm::{Vm, R_EMPTY_TUPLE};
use gc_api::ObjRef;

pub const L_LEN: usize = 1;
pub const L_ITEMS: usize = 2;
pub const L_ATTRS: usize = 3;

impl Vm {
    /// An internal array of `n` NULLs.
    pub fn new_array(&mut self, n: usize) -> Value {
        Value::from_obj(self.alloc_var(Kind::Array, Value::NONE, n))
    }
    /// A tuple from values (must be used before any safepoint).
    pub fn new_tuple(&mut self, items: &[Value]) -> Value {
        if items.is_empty() {
            let e = self.root(R_EMPTY_TUPLE);
            if !e.is_null() {
                return e;
            }
        }
        let ty = self.ty(T::Tuple);
        let o = self.alloc_var(Kind::Tuple, ty, items.len());
        for (i, v) in items.iter().enumerate() {
            Vm::init_item(o, i, *v);
        }
        Value::from_obj(o)
    }
    /// Tuple items (a snapshot).
    #[inline]
    pub fn tuple_items(v: Value) -> Vec<Value> {
        let o = v.obj().expect("tuple");
        (0..Vm::var_len(o)).map(|i| Vm::item(o, i)).collect()
    }
    /// Length of a tuple/array.
    #[inline]
    pub fn tuple_len(v: Value) -> usize {
        Vm::var_len(v.obj().expect("tuple"))
    }
    /// Item of a tuple/array.
    #[inline]
    pub fn tuple_get(v: Value, i: usize) -> Value {
        Vm::item(v.obj().expect("tuple"), i)
    }

    /// A new list with the given items.
    pub fn new_list(&mut self, items: &[Value]) -> Value {
        let ty = self.ty(T::List);
        self.new_list_of(ty, items)
    }
    /// A new list of type `ty`.
    pub fn new_list_of(&mut self, ty: Value, items: &[Value]) -> Value {
        let cap = items.len().max(4);
        let arr = self.alloc_var(Kind::Array, Value::NONE, cap);
        for (i, v) in items.iter().enumerate() {
            Vm::init_item(arr, i, *v);
        }
        let l = self.alloc_rec(Kind::List, ty);
        Vm::init(l, L_LEN, Value::int(items.len() as i64));
        Vm::init(l, L_ITEMS, Value::from_obj(arr));
        Value::from_obj(l)
    }
    /// `l[start::step]` for `n` items (indices already clipped): the new
    /// list's items are read straight from `l` (allocation never collects,
    /// so `l` stays where it is).
    pub fn list_slice(&mut self, l: Value, start: i64, step: i64, n: usize) -> Value {
        let arr = self.alloc_var(Kind::Array, Value::NONE, n.max(4));
        let src = Vm::list_arr(l.obj().expect("list"));
        for i in 0..n {
            Vm::init_item(arr, i, Vm::item(src, (start + i as i64 * step) as usize));
        }
        let ty = self.ty(T::List);
        let o = self.alloc_rec(Kind::List, ty);
        Vm::init(o, L_LEN, Value::int(n as i64));
        Vm::init(o, L_ITEMS, Value::from_obj(arr));
        Value::from_obj(o)
    }
    /// List length.
    #[inline(always)]
    pub fn list_len(v: Value) -> usize {
        Vm::get(v.obj().expect("list"), L_LEN).as_int() as usize
    }
    #[inline(always)]
    fn list_arr(o: ObjRef) -> ObjRef {
        Vm::get(o, L_ITEMS).obj().expect("list items")
    }
    /// List item (index checked by caller).
    #[inline(always)]
    pub fn list_get(v: Value, i: usize) -> Value {
        Vm::item(Vm::list_arr(v.obj().expect("list")), i)
    }
    /// List item store (index checked by caller).
    #[inline(always)]
    pub fn list_set(&mut self, v: Value, i: usize, x: Value) {
        let arr = Vm::list_arr(v.obj().expect("list"));
        self.set_item(arr, i, x);
    }
    /// Snapshot of list items.
    pub fn list_items(v: Value) -> Vec<Value> {
        let o = v.obj().expect("list");
        let arr = Vm::list_arr(o);
        (0..Vm::list_len(v)).map(|i| Vm::item(arr, i)).collect()
    }
    fn list_reserve(&mut self, o: ObjRef, need: usize) -> ObjRef {
        let arr = Vm::list_arr(o);
        let cap = Vm::var_len(arr);
        if need <= cap {
            return arr;
        }
        let ncap = (cap * 2).max(need).max(4);
        let len = Vm::get(o, L_LEN).as_int() as usize;
        let na = self.alloc_var(Kind::Array, Value::NONE, ncap);
        for i in 0..len {
            Vm::init_item(na, i, Vm::item(arr, i));
        }
        self.set(o, L_ITEMS, Value::from_obj(na));
        na
    }
    /// `list.append`.
    #[inline]
    pub fn list_append(&mut self, v: Value, x: Value) {
        let o = v.obj().expect("list");
        let len = Vm::get(o, L_LEN).as_int() as usize;
        let arr = self.list_reserve(o, len + 1);
        self.set_item(arr, len, x);
        o.set_word(slot(L_LEN), Value::int(len as i64 + 1).0);
    }
    /// Replaces the whole contents.
    pub fn list_set_items(&mut self, v: Value, items: &[Value]) {
        let o = v.obj().expect("list");
        let arr = self.alloc_var(Kind::Array, Value::NONE, items.len().max(4));
        for (i, x) in items.iter().enumerate() {
            Vm::init_item(arr, i, *x);
        }
        self.set(o, L_ITEMS, Value::from_obj(arr));
        o.set_word(slot(L_LEN), Value::int(items.len() as i64).0);
    }
    /// Reverses the list in place, as CPython: no new array (a list
    /// emptied by a running sort stays untouched), every store through the
    /// barrier (a young item may change card; SATB logs what each store
    /// overwrites).
    pub fn list_reverse(&mut self, v: Value) {
        let n = Vm::list_len(v);
        let arr = Vm::list_arr(v.obj().expect("list"));
        for i in 0..n / 2 {
            let (x, y) = (Vm::item(arr, i), Vm::item(arr, n - 1 - i));
            self.set_item(arr, i, y);
            self.set_item(arr, n - 1 - i, x);
        }
    }
    /// Empties the list onto `arr`, an array of no items.
    pub fn list_set_empty(&mut self, v: Value, arr: Value) {
        let o = v.obj().expect("list");
        self.set(o, L_ITEMS, arr);
        o.set_word(slot(L_LEN), Value::int(0).0);
    }
    /// Is `arr` the list's item array?
    pub fn list_holds_array(v: Value, arr: Value) -> bool {
        Vm::get(v.obj().expect("list"), L_ITEMS) == arr
    }
    /// Inserts at `i` (clamped).
    pub fn list_insert(&mut self, v: Value, i: usize, x: Value) {
        let o = v.obj().expect("list");
        let len = Vm::get(o, L_LEN).as_int() as usize;
        let arr = self.list_reserve(o, len + 1);
        let i = i.min(len);
        self.m.before_bulk_write(arr);
        let mut k = len;
        while k > i {
            arr.set_word(ITEMS_OFF + 8 * k, arr.word(ITEMS_OFF + 8 * (k - 1)));
            k -= 1;
        }
        self.set_item(arr, i, x);
        o.set_word(slot(L_LEN), Value::int(len as i64 + 1).0);
    }
    /// Removes and returns item `i` (checked by caller).
    pub fn list_remove_at(&mut self, v: Value, i: usize) -> Value {
        let o = v.obj().expect("list");
        let len = Vm::get(o, L_LEN).as_int() as usize;
        let arr = Vm::list_arr(o);
        let x = Vm::item(arr, i);
        if i + 1 < len {
            self.m.before_bulk_write(arr);
            for k in i..len - 1 {
                arr.set_word(ITEMS_OFF + 8 * k, arr.word(ITEMS_OFF + 8 * (k + 1)));
            }
        }
        self.set_item(arr, len - 1, Value::NULL);
        o.set_word(slot(L_LEN), Value::int(len as i64 - 1).0);
        x
    }
}
