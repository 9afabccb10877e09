//! Rich comparison of builtin containers (dict, set/frozenset, bytes)
//! whose subclasses override the operator in Python.
//!
//! `Vm::compare` answers `dict == dict`, `set <= set`, ... natively by kind.
//! When a subclass defines `__eq__` (or the reflected operator) in Python,
//! CPython's protocol runs instead: a right operand whose type is a proper
//! subclass and overrides the reflected operator goes first, then the left
//! operand's operator, then the right's reflected one; an operator that is
//! the builtin's own answers with the native comparison of the kind
//! (`OrderedDict.__eq__`, `SetSubclass.__le__`, ...).

use crate::compile::bytecode::*;
use crate::object::layout::Kind;
use crate::object::types::{F_HEAP, TY_DICT, TY_MRO};
use crate::object::value::Value;
use crate::object::{N, T};
use crate::vm::{PyResult, Vm};

const NAMES: [N; 6] = [N::Lt, N::Le, N::Eq, N::Ne, N::Gt, N::Ge];
const REFL: [u32; 6] = [C_GT, C_GE, C_EQ, C_NE, C_LT, C_LE];

impl Vm {
    /// The native comparison of two operands of the same builtin container
    /// kind, ignoring any Python override; None when the kinds have none.
    pub(crate) fn kind_compare(&mut self, a: Value, b: Value, op: u32) -> Option<PyResult> {
        let (ka, kb) = (Vm::kind(a), Vm::kind(b));
        if ka != kb {
            return None;
        }
        let eq = matches!(op, C_EQ | C_NE);
        match ka? {
            Kind::Bytes => {
                let o = Vm::as_bytes(a).cmp(Vm::as_bytes(b));
                let r = match op {
                    C_LT => o.is_lt(),
                    C_LE => o.is_le(),
                    C_EQ => o.is_eq(),
                    C_NE => o.is_ne(),
                    C_GT => o.is_gt(),
                    _ => o.is_ge(),
                };
                Some(Ok(Value::bool(r)))
            }
            Kind::Set => Some(self.set_compare(a, b, op)),
            Kind::Dict if eq => Some(self.dict_eq(a, b).map(|e| Value::bool(e == (op == C_EQ)))),
            _ => None,
        }
    }

    /// The operator method a class written in Python (a heap type of the
    /// MRO) defines for `op`, if it comes before the builtin's own: a
    /// function, or another callable assigned there (`__ne__ =
    /// Mapping.__ne__`).
    fn py_cmp_override(&self, t: Value, op: u32) -> Option<Value> {
        let name = self.name(NAMES[op as usize]);
        let mro = Vm::tyf(t, TY_MRO).obj()?;
        for i in 0..Vm::var_len(mro) {
            let c = Vm::item(mro, i);
            if let Some(f) = self.dict_get_str(Vm::tyf(c, TY_DICT), name) {
                return (Vm::type_flags(c) & F_HEAP != 0).then_some(f);
            }
        }
        None
    }

    /// `a op b` for two operands of the same builtin container kind when
    /// either type overrides the operator (or its reflection) in Python;
    /// None when neither does (the native comparison then applies).
    pub(crate) fn compare_overridden(&mut self, a: Value, b: Value, op: u32) -> Option<PyResult> {
        let ka = Vm::kind(a);
        if ka != Vm::kind(b) || !matches!(ka, Some(Kind::Bytes | Kind::Set | Kind::Dict)) {
            return None;
        }
        let (ta, tb) = (self.type_of(a), self.type_of(b));
        let rop = REFL[op as usize];
        let fa = self.py_cmp_override(ta, op);
        let fb = self.py_cmp_override(tb, rop);
        if fa.is_none() && fb.is_none() {
            return None;
        }
        let base = self.root_depth();
        let ha = self.push_root(a);
        let hb = self.push_root(b);
        let r = self.compare_overridden_inner(ha, hb, op, fa.is_some(), fb.is_some());
        self.pop_roots(base);
        Some(r)
    }

    /// Whether `a op b` on numbers must run CPython's protocol: an int or
    /// float subclass defines the operator (the right operand: its
    /// reflection) in Python.
    pub(crate) fn number_cmp_overridden(&self, a: Value, b: Value, op: u32) -> bool {
        let over = |v: Value, op: u32| {
            v.is_ref()
                && Vm::type_flags(self.type_of(v)) & F_HEAP != 0
                && self.py_cmp_override(self.type_of(v), op).is_some()
        };
        over(a, op) || over(b, REFL[op as usize])
    }

    /// `-a`, `+a`, `~a` through a Python override of a number subclass
    /// (`class I(int): def __neg__`), or None for the native operation.
    pub(crate) fn unary_overridden(&mut self, a: Value, op: u32) -> Option<PyResult> {
        let o = a.obj()?;
        if !matches!(
            crate::object::layout::kind_of(o),
            Kind::BigInt | Kind::FloatSub | Kind::Complex
        ) || Vm::type_flags(self.type_of(a)) & F_HEAP == 0
        {
            return None;
        }
        let n = match op {
            U_NEG => N::Neg,
            U_POS => N::Pos,
            U_INVERT => N::Invert,
            _ => return None,
        };
        let f = self.type_lookup_n(self.type_of(a), n)?;
        if !Vm::is_kind(f, Kind::Function) {
            return None;
        }
        Some(self.call_with_self(f, a, &[], Value::NULL))
    }

    fn compare_overridden_inner(
        &mut self,
        ha: usize,
        hb: usize,
        op: u32,
        a_over: bool,
        b_over: bool,
    ) -> PyResult {
        let rop = REFL[op as usize];
        let (a, b) = (self.root(ha), self.root(hb));
        let (ta, tb) = (self.type_of(a), self.type_of(b));
        let b_first = ta != tb && Vm::is_subtype(tb, ta) && b_over;
        if b_first {
            let r = self.cmp_side(hb, ha, rop, true)?;
            if r != Value::NOT_IMPL {
                return Ok(r);
            }
        }
        let r = self.cmp_side(ha, hb, op, a_over)?;
        if r != Value::NOT_IMPL {
            return Ok(r);
        }
        if !b_first {
            let r = self.cmp_side(hb, ha, rop, b_over)?;
            if r != Value::NOT_IMPL {
                return Ok(r);
            }
        }
        let (a, b) = (self.root(ha), self.root(hb));
        match op {
            C_EQ => Ok(Value::bool(a == b)),
            C_NE => Ok(Value::bool(a != b)),
            _ => {
                let sym = ["<", "<=", "==", "!=", ">", ">="][op as usize];
                let msg = format!(
                    "'{}' not supported between instances of '{}' and '{}'",
                    sym,
                    self.type_name_of(a),
                    self.type_name_of(b)
                );
                Err(self.raise_msg(T::TypeError, &msg))
            }
        }
    }

    /// One side of the protocol: `x.__op__(y)` through the Python override
    /// when `over`, else the kind's native comparison.
    fn cmp_side(&mut self, hx: usize, hy: usize, op: u32, over: bool) -> PyResult {
        let (x, y) = (self.root(hx), self.root(hy));
        if over {
            let tx = self.type_of(x);
            if let Some(f) = self.py_cmp_override(tx, op) {
                return self.call_with_self(f, x, &[y], Value::NULL);
            }
        }
        self.kind_compare(x, y, op).unwrap_or(Ok(Value::NOT_IMPL))
    }
}

/// `__hash__ = None` in the dicts of the builtin mutable containers, as in
/// CPython (`collections.abc.Hashable` checks for it).
pub fn register(vm: &mut Vm) {
    let n = vm.intern("__hash__");
    for t in [T::List, T::Dict, T::Set, T::ByteArray, T::Deque] {
        let ty = vm.ty(t);
        vm.type_set_attr(ty, n, Value::NONE);
    }
}
