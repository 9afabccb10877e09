//! Sequence operators: concatenation, repetition, `%` formatting, sets.

use super::{PyResult, Vm};
use crate::compile::bytecode::*;
use crate::object::layout::*;
use crate::object::value::Value;

impl Vm {
    /// Sequence operators: concatenation, repetition, `%` formatting, sets.
    pub(super) fn seq_binary(&mut self, a: Value, b: Value, op: u32) -> PyResult<Option<Value>> {
        let ka = Vm::kind(a);
        let kb = Vm::kind(b);
        match (ka, op) {
            (Some(Kind::Str), B_ADD) if kb == Some(Kind::Str) => {
                let mut s = String::with_capacity(Vm::as_str(a).len() + Vm::as_str(b).len());
                s.push_str(Vm::as_str(a));
                s.push_str(Vm::as_str(b));
                Ok(Some(self.new_string(s)))
            }
            (Some(Kind::Str), B_MOD) => self.percent_format(a, b).map(Some),
            (Some(Kind::Str), B_MUL)
            | (Some(Kind::List), B_MUL)
            | (Some(Kind::Tuple), B_MUL)
            | (Some(Kind::Bytes), B_MUL)
                if Vm::is_intlike(b) =>
            {
                self.repeat(a, b).map(Some)
            }
            (_, B_MUL)
                if Vm::is_intlike(a)
                    && matches!(kb, Some(Kind::Str | Kind::List | Kind::Tuple | Kind::Bytes)) =>
            {
                self.repeat(b, a).map(Some)
            }
            (Some(Kind::List), B_ADD) if kb == Some(Kind::List) => {
                let mut v = Vm::list_items(a);
                v.extend(Vm::list_items(b));
                Ok(Some(self.new_list(&v)))
            }
            (Some(Kind::Tuple), B_ADD) if kb == Some(Kind::Tuple) => {
                let mut v = Vm::tuple_items(a);
                v.extend(Vm::tuple_items(b));
                Ok(Some(self.new_tuple(&v)))
            }
            (Some(Kind::Bytes), B_ADD) if kb == Some(Kind::Bytes) => {
                let mut v = Vm::as_bytes(a).to_vec();
                v.extend_from_slice(Vm::as_bytes(b));
                Ok(Some(self.new_bytes(&v)))
            }
            (Some(Kind::Set), B_OR | B_AND | B_SUB | B_XOR) if kb == Some(Kind::Set) => {
                self.set_binary(a, b, op).map(Some)
            }
            (Some(Kind::Dict), B_OR) if kb == Some(Kind::Dict) => {
                let d = self.dict_copy(a)?;
                let h = self.push_root(d);
                self.dict_update(d, b)?;
                let d = self.root(h);
                self.pop_roots(h);
                Ok(Some(d))
            }
            _ => Ok(None),
        }
    }

    fn repeat(&mut self, seq: Value, n: Value) -> PyResult {
        let n = Vm::int_as_i64(n).unwrap_or(0).max(0) as usize;
        let unit = match Vm::kind(seq) {
            Some(Kind::Str | Kind::Bytes) => Vm::var_len(seq.obj().expect("seq")),
            Some(Kind::List) => 8 * Vm::list_len(seq),
            _ => 8 * Vm::tuple_len(seq),
        };
        self.check_alloc_size(unit.checked_mul(n))?;
        match Vm::kind(seq) {
            Some(Kind::Str) => {
                let s = Vm::as_str(seq).repeat(n);
                Ok(self.new_string(s))
            }
            Some(Kind::Bytes) => {
                let s = Vm::as_bytes(seq).repeat(n);
                Ok(self.new_bytes(&s))
            }
            Some(Kind::List) => {
                let items = Vm::list_items(seq);
                let mut v = Vec::with_capacity(items.len() * n);
                for _ in 0..n {
                    v.extend_from_slice(&items);
                }
                Ok(self.new_list(&v))
            }
            _ => {
                let items = Vm::tuple_items(seq);
                let mut v = Vec::with_capacity(items.len() * n);
                for _ in 0..n {
                    v.extend_from_slice(&items);
                }
                Ok(self.new_tuple(&v))
            }
        }
    }
}
