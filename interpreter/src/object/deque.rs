//! `collections.deque` storage: a growable ring buffer.
//!
//! Layout (a `Kind::Deque` record): `DQ_HEAD` index of the first item in
//! the buffer, `DQ_LEN` item count, `DQ_BUF` an internal `Array` whose
//! length (the capacity) is a power of two, `DQ_MAXLEN` None or an int,
//! `DQ_STATE` a mutation counter (iterators compare it to raise "deque
//! mutated during iteration"), `DQ_ATTRS` the attribute dict of subclass
//! instances. Item `i` lives at `buf[(head + i) & (cap - 1)]`.
//!
//! Pushing and popping at either end is amortized O(1) (the buffer doubles
//! when full and halves when a quarter full), indexing is O(1); inserting or
//! deleting in the middle is O(n), as in CPython. Every store of an item
//! goes through the write barrier (`set_item`); head/len/state are small
//! ints (no pointers) and are written raw.

use super::layout::*;
use super::value::Value;
use crate::vm::Vm;
use gc_api::ObjRef;

pub const DQ_HEAD: usize = 1;
pub const DQ_LEN: usize = 2;
pub const DQ_BUF: usize = 3;
pub const DQ_MAXLEN: usize = 4;
pub const DQ_STATE: usize = 5;
pub const DQ_ATTRS: usize = 6;

const MIN_CAP: usize = 8;

#[inline(always)]
fn geti(o: ObjRef, i: usize) -> usize {
    Vm::get(o, i).as_int() as usize
}
#[inline(always)]
fn seti(o: ObjRef, i: usize, n: usize) {
    o.set_word(slot(i), Value::int(n as i64).0);
}
#[inline(always)]
fn buf(o: ObjRef) -> ObjRef {
    Vm::get(o, DQ_BUF).obj().expect("deque buffer")
}

impl Vm {
    /// A new empty deque of type `ty`.
    pub fn new_deque(&mut self, ty: Value, maxlen: Value) -> Value {
        let b = self.alloc_var(Kind::Array, Value::NONE, MIN_CAP);
        let o = self.alloc_rec(Kind::Deque, ty);
        Vm::init(o, DQ_HEAD, Value::int(0));
        Vm::init(o, DQ_LEN, Value::int(0));
        Vm::init(o, DQ_BUF, Value::from_obj(b));
        Vm::init(o, DQ_MAXLEN, maxlen);
        Vm::init(o, DQ_STATE, Value::int(0));
        Vm::init(o, DQ_ATTRS, Value::NULL);
        Value::from_obj(o)
    }
    /// Number of items.
    #[inline(always)]
    pub fn deque_len(d: Value) -> usize {
        geti(d.obj().expect("deque"), DQ_LEN)
    }
    /// The mutation counter.
    #[inline(always)]
    pub fn deque_state(d: Value) -> i64 {
        Vm::get(d.obj().expect("deque"), DQ_STATE).as_int()
    }
    /// `maxlen` (None or an int).
    pub fn deque_maxlen(d: Value) -> Value {
        Vm::get(d.obj().expect("deque"), DQ_MAXLEN)
    }
    fn deque_bump(o: ObjRef) {
        let s = Vm::get(o, DQ_STATE).as_int();
        o.set_word(slot(DQ_STATE), Value::int((s + 1) & 0x3fff_ffff_ffff).0);
    }
    /// Item `i` (0 <= i < len, checked by the caller).
    #[inline(always)]
    pub fn deque_get(d: Value, i: usize) -> Value {
        let o = d.obj().expect("deque");
        let b = buf(o);
        let mask = Vm::var_len(b) - 1;
        Vm::item(b, (geti(o, DQ_HEAD) + i) & mask)
    }
    /// Stores item `i` (0 <= i < len, checked by the caller).
    pub fn deque_set(&mut self, d: Value, i: usize, v: Value) {
        let o = d.obj().expect("deque");
        let b = buf(o);
        let mask = Vm::var_len(b) - 1;
        self.set_item(b, (geti(o, DQ_HEAD) + i) & mask, v);
    }
    /// Items in order (a snapshot, valid until the next safepoint).
    pub fn deque_items(d: Value) -> Vec<Value> {
        (0..Vm::deque_len(d)).map(|i| Vm::deque_get(d, i)).collect()
    }
    /// Moves the items into a fresh buffer of `cap` slots (head = 0).
    fn deque_realloc(&mut self, d: Value, cap: usize) {
        let nb = self.alloc_var(Kind::Array, Value::NONE, cap);
        let o = d.obj().expect("deque");
        let (b, head, n) = (buf(o), geti(o, DQ_HEAD), geti(o, DQ_LEN));
        let mask = Vm::var_len(b) - 1;
        for i in 0..n {
            // `nb` was allocated after the last safepoint: plain init.
            Vm::init_item(nb, i, Vm::item(b, (head + i) & mask));
        }
        self.set(o, DQ_BUF, Value::from_obj(nb));
        seti(o, DQ_HEAD, 0);
    }
    fn deque_grow_for_one(&mut self, d: Value) {
        let o = d.obj().expect("deque");
        let cap = Vm::var_len(buf(o));
        if geti(o, DQ_LEN) == cap {
            self.deque_realloc(d, cap * 2);
        }
    }
    fn deque_maybe_shrink(&mut self, d: Value) {
        let o = d.obj().expect("deque");
        let cap = Vm::var_len(buf(o));
        if cap > 4 * MIN_CAP && geti(o, DQ_LEN) * 4 < cap {
            self.deque_realloc(d, cap / 2);
        }
    }
    /// Appends at the right end, ignoring maxlen.
    pub fn deque_push_back(&mut self, d: Value, v: Value) {
        self.deque_grow_for_one(d);
        let o = d.obj().expect("deque");
        let (b, head, n) = (buf(o), geti(o, DQ_HEAD), geti(o, DQ_LEN));
        let mask = Vm::var_len(b) - 1;
        self.set_item(b, (head + n) & mask, v);
        seti(o, DQ_LEN, n + 1);
        Vm::deque_bump(o);
    }
    /// Appends at the left end, ignoring maxlen.
    pub fn deque_push_front(&mut self, d: Value, v: Value) {
        self.deque_grow_for_one(d);
        let o = d.obj().expect("deque");
        let (b, head, n) = (buf(o), geti(o, DQ_HEAD), geti(o, DQ_LEN));
        let mask = Vm::var_len(b) - 1;
        let h = (head + mask) & mask;
        self.set_item(b, h, v);
        seti(o, DQ_HEAD, h);
        seti(o, DQ_LEN, n + 1);
        Vm::deque_bump(o);
    }
    /// Removes and returns the rightmost item (None when empty).
    pub fn deque_pop_back(&mut self, d: Value) -> Option<Value> {
        let o = d.obj().expect("deque");
        let (b, head, n) = (buf(o), geti(o, DQ_HEAD), geti(o, DQ_LEN));
        if n == 0 {
            return None;
        }
        let mask = Vm::var_len(b) - 1;
        let j = (head + n - 1) & mask;
        let v = Vm::item(b, j);
        self.set_item(b, j, Value::NULL);
        seti(o, DQ_LEN, n - 1);
        Vm::deque_bump(o);
        self.deque_maybe_shrink(d);
        Some(v)
    }
    /// Removes and returns the leftmost item (None when empty).
    pub fn deque_pop_front(&mut self, d: Value) -> Option<Value> {
        let o = d.obj().expect("deque");
        let (b, head, n) = (buf(o), geti(o, DQ_HEAD), geti(o, DQ_LEN));
        if n == 0 {
            return None;
        }
        let mask = Vm::var_len(b) - 1;
        let v = Vm::item(b, head);
        self.set_item(b, head, Value::NULL);
        seti(o, DQ_HEAD, (head + 1) & mask);
        seti(o, DQ_LEN, n - 1);
        Vm::deque_bump(o);
        self.deque_maybe_shrink(d);
        Some(v)
    }
    /// Appends honouring maxlen (the left item falls off when full).
    pub fn deque_append(&mut self, d: Value, v: Value) {
        match Vm::deque_maxlen(d).get_int() {
            Some(0) => return,
            Some(m) if Vm::deque_len(d) as i64 >= m => {
                self.deque_pop_front(d);
            }
            _ => {}
        }
        self.deque_push_back(d, v);
    }
    /// Prepends honouring maxlen (the right item falls off when full).
    pub fn deque_appendleft(&mut self, d: Value, v: Value) {
        match Vm::deque_maxlen(d).get_int() {
            Some(0) => return,
            Some(m) if Vm::deque_len(d) as i64 >= m => {
                self.deque_pop_back(d);
            }
            _ => {}
        }
        self.deque_push_front(d, v);
    }
    /// Removes every item.
    pub fn deque_clear(&mut self, d: Value) {
        let b = self.alloc_var(Kind::Array, Value::NONE, MIN_CAP);
        let o = d.obj().expect("deque");
        self.set(o, DQ_BUF, Value::from_obj(b));
        seti(o, DQ_HEAD, 0);
        seti(o, DQ_LEN, 0);
        Vm::deque_bump(o);
    }
    /// Replaces the contents with `items` (at most maxlen of the last ones).
    pub fn deque_set_items(&mut self, d: Value, items: &[Value]) {
        let cap = items.len().next_power_of_two().max(MIN_CAP);
        let b = self.alloc_var(Kind::Array, Value::NONE, cap);
        for (i, v) in items.iter().enumerate() {
            Vm::init_item(b, i, *v);
        }
        let o = d.obj().expect("deque");
        self.set(o, DQ_BUF, Value::from_obj(b));
        seti(o, DQ_HEAD, 0);
        seti(o, DQ_LEN, items.len());
        Vm::deque_bump(o);
    }
    /// Rotates right by `k` (0 <= k < len): O(min(k, len - k)) moves.
    pub fn deque_rotate(&mut self, d: Value, k: usize) {
        let n = Vm::deque_len(d);
        if n == 0 || k == 0 {
            return;
        }
        if k <= n / 2 {
            for _ in 0..k {
                let v = self.deque_pop_back(d).expect("item");
                self.deque_push_front(d, v);
            }
        } else {
            for _ in 0..n - k {
                let v = self.deque_pop_front(d).expect("item");
                self.deque_push_back(d, v);
            }
        }
    }
}
