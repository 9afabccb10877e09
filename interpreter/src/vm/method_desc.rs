//! Builtin methods as CPython's method descriptors: an unbound call
//! (`list.append(x, 1)`) checks its receiver against the method's type
//! (subclasses accepted), and a method's argument-count errors name it and
//! count its arguments as CPython does (the receiver excluded).
//!
//! Dunder methods that CPython implements through type slots are
//! `wrapper_descriptor`s, with their own messages ("descriptor '__len__'
//! requires a 'list' object but received a 'int'"); the others are
//! `method_descriptor`s ("descriptor 'reverse' for 'list' objects doesn't
//! apply to a 'int' object").

use super::{PyResult, Vm};
use crate::object::value::Value;
use crate::object::T;

/// The owner recorded for method `name` registered on `t`: None where the
/// receiver is not an instance of `t` (`__new__` and the implicit class
/// methods take a class) or cannot be wrong (`object`).
pub fn owner_of(t: T, name: &str) -> Option<T> {
    let takes_class = matches!(
        name,
        "__new__" | "__class_getitem__" | "__init_subclass__" | "__subclasshook__"
    );
    (t != T::Object && !takes_class).then_some(t)
}

/// The dunder names CPython's types expose as slot wrappers.
const SLOT_DUNDERS: &[&str] = &[
    "__getattribute__",
    "__getattr__",
    "__setattr__",
    "__delattr__",
    "__repr__",
    "__hash__",
    "__call__",
    "__str__",
    "__lt__",
    "__le__",
    "__eq__",
    "__ne__",
    "__gt__",
    "__ge__",
    "__iter__",
    "__next__",
    "__get__",
    "__set__",
    "__delete__",
    "__init__",
    "__del__",
    "__await__",
    "__aiter__",
    "__anext__",
    "__add__",
    "__radd__",
    "__sub__",
    "__rsub__",
    "__mul__",
    "__rmul__",
    "__mod__",
    "__rmod__",
    "__divmod__",
    "__rdivmod__",
    "__pow__",
    "__rpow__",
    "__neg__",
    "__pos__",
    "__abs__",
    "__bool__",
    "__invert__",
    "__lshift__",
    "__rlshift__",
    "__rshift__",
    "__rrshift__",
    "__and__",
    "__rand__",
    "__xor__",
    "__rxor__",
    "__or__",
    "__ror__",
    "__int__",
    "__float__",
    "__iadd__",
    "__isub__",
    "__imul__",
    "__imod__",
    "__ipow__",
    "__ilshift__",
    "__irshift__",
    "__iand__",
    "__ixor__",
    "__ior__",
    "__floordiv__",
    "__rfloordiv__",
    "__truediv__",
    "__rtruediv__",
    "__ifloordiv__",
    "__itruediv__",
    "__index__",
    "__matmul__",
    "__rmatmul__",
    "__imatmul__",
    "__len__",
    "__getitem__",
    "__setitem__",
    "__delitem__",
    "__contains__",
];

/// Whether `t.name` is a slot wrapper in CPython (dict and list define
/// `__getitem__`, dict and set `__contains__`, as plain methods too).
fn is_slot_wrapper(t: T, name: &str) -> bool {
    let coexist = matches!(
        (t, name),
        (T::List | T::Dict, "__getitem__") | (T::Dict | T::Set | T::FrozenSet, "__contains__")
    );
    !coexist && SLOT_DUNDERS.contains(&name)
}

/// The string methods whose arguments `PyArg_ParseTuple` parses ("count()
/// takes at least 1 argument (0 given)") rather than argument clinic.
fn parse_tuple_style(t: T, name: &str) -> bool {
    matches!(t, T::Str | T::Bytes | T::ByteArray)
        && matches!(
            name,
            "startswith" | "endswith" | "find" | "rfind" | "index" | "rindex" | "count"
        )
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The builtin running now: which one and how many arguments it was given
/// (the receiver included), for its argument-count messages.
#[derive(Clone, Copy)]
pub struct CurNative {
    pub idx: usize,
    pub total: usize,
    pub npos: usize,
}

impl CurNative {
    pub const NONE: CurNative = CurNative {
        idx: usize::MAX,
        total: 0,
        npos: 0,
    };
}

impl Vm {
    /// An unbound call of method descriptor `idx` (owned by `t`): its first
    /// positional argument must be an instance of `t`.
    #[cold]
    #[inline(never)]
    pub(crate) fn check_receiver(
        &mut self,
        t: T,
        idx: usize,
        npos: usize,
        recv: Value,
    ) -> PyResult<()> {
        let owner = self.ty(t);
        if npos > 0 && Vm::is_subtype(self.type_of(recv), owner) {
            return Ok(());
        }
        let name = self.builtins_tab[idx].name;
        let tname = Vm::type_name(owner).to_string();
        let wrapper = is_slot_wrapper(t, name);
        let m = match (npos, wrapper) {
            (0, true) => format!("descriptor '{name}' of '{tname}' object needs an argument"),
            (0, false) => format!("unbound method {tname}.{name}() needs an argument"),
            (_, true) => format!(
                "descriptor '{name}' requires a '{tname}' object but received a '{}'",
                self.type_name_of(recv)
            ),
            (_, false) => format!(
                "descriptor '{name}' for '{tname}' objects doesn't apply to a '{}' object",
                self.type_name_of(recv)
            ),
        };
        Err(self.raise_msg(T::TypeError, &m))
    }

    /// CPython's message for a method given `n` of `min..=max` arguments,
    /// when the running builtin is the method `name` and the counts include
    /// its receiver; None otherwise (the generic message applies).
    pub(crate) fn method_count_msg(
        &self,
        name: &str,
        n: usize,
        min: usize,
        max: usize,
    ) -> Option<String> {
        let cur = self.cur_native;
        let def = self.builtins_tab.get(cur.idx)?;
        let t = def.owner?;
        if def.name != name || min == 0 || (n != cur.total && n != cur.npos) {
            return None;
        }
        let (n, min, max) = (n - 1, min - 1, max.saturating_sub(1));
        let tname = Vm::type_name(self.ty(t));
        let bound = |k: usize| match (min == max, k == min) {
            (true, _) => "",
            (false, true) => "at least ",
            (false, false) => "at most ",
        };
        let k = if n < min { min } else { max };
        Some(if is_slot_wrapper(t, name) {
            format!("expected {k} argument{}, got {n}", plural(k))
        } else if max == 0 {
            format!("{tname}.{name}() takes no arguments ({n} given)")
        } else if min == 1 && max == 1 {
            format!("{tname}.{name}() takes exactly one argument ({n} given)")
        } else if parse_tuple_style(t, name) {
            let b = bound(k);
            let b = if b.is_empty() { "exactly " } else { b };
            format!("{name}() takes {b}{k} argument{} ({n} given)", plural(k))
        } else {
            format!(
                "{name} expected {}{k} argument{}, got {n}",
                bound(k),
                plural(k)
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_and_descriptor_kinds() {
        assert_eq!(owner_of(T::List, "append"), Some(T::List));
        assert_eq!(owner_of(T::Bytes, "__new__"), None, "takes the class");
        assert_eq!(owner_of(T::Object, "__repr__"), None, "any receiver");
        assert!(is_slot_wrapper(T::List, "__len__"));
        assert!(is_slot_wrapper(T::Str, "__getitem__"));
        assert!(!is_slot_wrapper(T::List, "__getitem__"), "METH_COEXIST");
        assert!(!is_slot_wrapper(T::Dict, "__contains__"));
        assert!(!is_slot_wrapper(T::List, "append"));
        assert!(parse_tuple_style(T::Str, "count"));
        assert!(!parse_tuple_style(T::List, "count"));
    }
}
