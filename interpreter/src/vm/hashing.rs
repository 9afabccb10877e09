//! `hash()` as CPython 3.11 computes it (with `PYTHONHASHSEED=0` for str and
//! bytes): ints and floats modulo `2**61 - 1`, complex as
//! `hash(re) + 1000003 * hash(im)`, str/bytes by SipHash-1-3 with a zero key
//! over CPython's canonical storage (see `support::strhash`), tuples by the
//! xxHash-based combiner, frozensets by CPython's shuffled xor, and objects
//! by identity (`id >> 4`).
//!
//! Dicts store hashes as small ints, so [`Vm::hash`] folds the 64-bit value
//! to 62 bits by sign-extending bit 61 ([`fold62`]): the low bits, hence the
//! first probe and (for tables below 2**57 slots) the whole perturbed probe
//! sequence for the first ten probes, equal CPython's. Sets keep the full
//! hash (raw words), so set iteration order follows CPython's exactly.

use super::proto::hash_i64;
use super::{PyResult, Vm};
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::{N, T};
use crate::support::numhash;
use crate::support::strhash;

/// A 64-bit hash folded to the small-int range (sign extension of bit 61).
#[inline(always)]
pub fn fold62(h: i64) -> i64 {
    (h << 2) >> 2
}

/// CPython's tuple hash (xxHash-based) over item hashes.
pub fn tuple_hash(items: impl Iterator<Item = i64>, n: usize) -> i64 {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc = P5;
    for h in items {
        acc = acc.wrapping_add((h as u64).wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add(n as u64 ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return 1546275796;
    }
    acc as i64
}

/// CPython's frozenset hash over the (full) hashes of its members.
pub fn frozenset_hash(hashes: impl Iterator<Item = i64>) -> i64 {
    fn shuffle(h: u64) -> u64 {
        ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
    }
    let mut h: u64 = 0;
    let mut n: u64 = 0;
    for x in hashes {
        h ^= shuffle(x as u64);
        n += 1;
    }
    h ^= (n + 1).wrapping_mul(1927868237);
    h ^= (h >> 11) ^ (h >> 25);
    h = h.wrapping_mul(69069).wrapping_add(907133923);
    if h == u64::MAX {
        return 590923713;
    }
    h as i64
}

/// CPython's complex hash from the parts' hashes.
pub fn complex_hash(hr: i64, hi: i64) -> i64 {
    let h = (hr as u64).wrapping_add((hi as u64).wrapping_mul(1_000_003)) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

impl Vm {
    /// The full 64-bit hash of a str (cached in the object; 0 = not yet).
    #[inline]
    pub fn str_hash_full(v: Value) -> i64 {
        let o = v.obj().expect("str");
        let h = o.word(STR_HASH_OFF) as i64;
        if h != 0 {
            return h;
        }
        let h = strhash::hash_str(crate::object::str::str_of(o));
        o.set_word(STR_HASH_OFF, h as usize);
        h
    }

    /// `hash(v)`: CPython 3.11's value, all 64 bits.
    pub fn hash_full(&mut self, v: Value) -> PyResult<i64> {
        if v.is_int() {
            return Ok(hash_i64(v.as_int()));
        }
        if let Some(o) = v.obj() {
            let t = Value(o.word(TYPE_OFF));
            if Vm::has_heap_flag(t) {
                return self.hash_via_type(v, t);
            }
        }
        self.hash_base(v)
    }

    /// The hash the builtin base type of `v` gives it (`object.__hash__`,
    /// `str.__hash__`, ...): no Python `__hash__` consulted.
    pub fn hash_base(&mut self, v: Value) -> PyResult<i64> {
        if v.is_int() {
            return Ok(hash_i64(v.as_int()));
        }
        match v {
            Value::TRUE => return Ok(1),
            Value::FALSE => return Ok(0),
            _ => {}
        }
        let Some(o) = v.obj() else {
            // None and the other immediates: a fixed per-value hash
            return Ok((v.0 as i64) >> 1);
        };
        match kind_of(o) {
            Kind::Str => Ok(Vm::str_hash_full(v)),
            Kind::Float | Kind::FloatSub => match numhash::hash_float(Vm::float_val(v)) {
                Some(h) => Ok(h),
                None => Ok((self.m.identity(o) >> 4) as i64),
            },
            Kind::Complex => Ok(Vm::complex_hash(v)),
            Kind::BigInt => Ok(numhash::hash_int(&Vm::to_big(v))),
            Kind::Bytes => Ok(strhash::hash_bytes(Vm::as_bytes(v))),
            Kind::Tuple => self.tuple_hash_full(v),
            Kind::Range => {
                // CPython's range_hash: hash((len, start, step)), with None
                // for what does not matter (start of an empty range, step of
                // a one-item one)
                let (start, n, step) = Vm::range_parts(v);
                let one = num_bigint::BigInt::from(1);
                let zero = num_bigint::BigInt::from(0);
                let items = [
                    self.new_int_big(&n),
                    if n == zero {
                        Value::NONE
                    } else {
                        self.new_int_big(&start)
                    },
                    if n == zero || n == one {
                        Value::NONE
                    } else {
                        self.new_int_big(&step)
                    },
                ];
                let base = self.root_depth();
                let hs: Vec<usize> = items.iter().map(|x| self.push_root(*x)).collect();
                let vals: Vec<Value> = hs.iter().map(|h| self.root(*h)).collect();
                let t = self.new_tuple(&vals);
                self.pop_roots(base);
                self.tuple_hash_full(t)
            }
            Kind::Set if Vm::is_subtype(self.type_of(v), self.ty(T::FrozenSet)) => {
                Ok(Vm::frozenset_hash(v))
            }
            Kind::List | Kind::Dict | Kind::Set | Kind::Deque => {
                let name = match self.type_name_of(v) {
                    n if n == "deque" && self.type_of(v) == self.ty(T::Deque) => {
                        "collections.deque".to_string()
                    }
                    n => n,
                };
                let msg = format!("unhashable type: '{name}'");
                Err(self.raise_msg(T::TypeError, &msg))
            }
            _ => Ok((self.m.identity(o) >> 4) as i64),
        }
    }

    fn has_heap_flag(t: Value) -> bool {
        Vm::type_flags(t) & crate::object::types::F_HEAP != 0
    }

    fn tuple_hash_full(&mut self, v: Value) -> PyResult<i64> {
        let o = v.obj().expect("tuple");
        let n = Vm::var_len(o);
        // fast path: items whose hash needs no call
        let mut hs = Vec::with_capacity(n);
        for i in 0..n {
            let x = Vm::item(o, i);
            if x.is_int() {
                hs.push(hash_i64(x.as_int()));
            } else if Vm::is_kind(x, Kind::Str) && !Vm::has_heap_flag(self.type_of(x)) {
                hs.push(Vm::str_hash_full(x));
            } else {
                break;
            }
        }
        let h = self.push_root(v);
        for i in hs.len()..n {
            let x = Vm::tuple_get(self.root(h), i);
            match self.hash_full(x) {
                Ok(hx) => hs.push(hx),
                Err(e) => {
                    self.pop_roots(h);
                    return Err(e);
                }
            }
        }
        self.pop_roots(h);
        Ok(tuple_hash(hs.into_iter(), n))
    }

    /// Instances of user classes: a Python `__hash__` (None: unhashable),
    /// else the builtin base's hash.
    fn hash_via_type(&mut self, v: Value, t: Value) -> PyResult<i64> {
        match self.type_lookup_n(t, N::Hash) {
            Some(f) if f.is_none() => {
                let msg = format!("unhashable type: '{}'", self.type_name_of(v));
                Err(self.raise_msg(T::TypeError, &msg))
            }
            Some(f) if !Vm::is_kind(f, Kind::Builtin) => {
                let r = self.call_with_self(f, v, &[], Value::NULL)?;
                match Vm::int_as_i64(r) {
                    Some(-1) => Ok(-2),
                    Some(h) => Ok(h),
                    None if Vm::is_bigint(r) => Ok(numhash::hash_int(&Vm::to_big(r))),
                    None => {
                        Err(self
                            .raise_msg(T::TypeError, "__hash__ method should return an integer"))
                    }
                }
            }
            _ => self.hash_base(v),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_keeps_low_bits() {
        for h in [
            0i64,
            1,
            -2,
            i64::MAX,
            i64::MIN,
            0x3fff_ffff_ffff_ffff,
            -5642461784034726774,
        ] {
            let f = fold62(h);
            assert_eq!(f as u64 & ((1 << 62) - 1), h as u64 & ((1 << 62) - 1));
            assert!(Value::try_int(f).is_some());
        }
    }

    #[test]
    fn tuple_hash_matches_cpython() {
        // python3 -c "print(hash(()), hash((1,)), hash((1, 2)), hash((0, 0)))"
        assert_eq!(tuple_hash([].into_iter(), 0), 5740354900026072187);
        assert_eq!(tuple_hash([1].into_iter(), 1), -6644214454873602895);
        assert_eq!(tuple_hash([1, 2].into_iter(), 2), -3550055125485641917);
        assert_eq!(tuple_hash([0, 0].into_iter(), 2), -8458139203682520985);
    }
}
