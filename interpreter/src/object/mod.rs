//! The object model: layouts, values and one file per type family.

pub mod bigbox;
pub mod complex;
pub mod deque;
pub mod dict;
pub mod instance;
pub mod int;
pub mod layout;
pub mod list;
pub mod method_cache;
pub mod set;
pub mod set_ops;
pub mod str;
pub mod types;
pub mod value;

use crate::vm::{Vm, R_NAMES, R_TYPES};
use layout::{kind_of, Kind, TYPE_OFF};
use value::Value;

macro_rules! enum_list {
    ($name:ident, $count:ident, $table:ident { $($v:ident = $s:expr),* $(,)? }) => {
        /// Indices into a root table.
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        #[repr(usize)]
        #[allow(missing_docs)]
        pub enum $name { $($v),* }
        /// Number of entries.
        pub const $count: usize = [$($name::$v),*].len();
        /// Names in order.
        pub const $table: &[&str] = &[$($s),*];
        impl $name {
            /// Every entry, in order (`ALL[i] as usize == i`).
            pub const ALL: [$name; $count] = [$($name::$v),*];
        }
    };
}

enum_list!(T, NTYPES, TYPE_NAMES {
    Object = "object", Type = "type", Int = "int", Bool = "bool", Float = "float",
    Str = "str", Bytes = "bytes", Tuple = "tuple", List = "list", Dict = "dict", Set = "set",
    FrozenSet = "frozenset", NoneType = "NoneType", NotImplType = "NotImplementedType",
    EllipsisType = "ellipsis", Function = "function", BuiltinFunction = "builtin_function_or_method",
    Method = "method", Code = "code", Cell = "cell", Generator = "generator",
    Coroutine = "coroutine", Module = "module", Range = "range", Iterator = "iterator",
    Slice = "slice", Property = "property", ClassMethod = "classmethod",
    StaticMethod = "staticmethod", Super = "super", Frame = "frame", Traceback = "traceback",
    Map = "map", Filter = "filter", Zip = "zip", Enumerate = "enumerate", Reversed = "reversed",
    DictKeys = "dict_keys", DictValues = "dict_values", DictItems = "dict_items",
    Deque = "deque", ArrayT = "array", StringIO = "StringIO", ByteArray = "bytearray",
    Count = "count", Complex = "complex", AsyncGenerator = "async_generator",
    AsyncGenASend = "async_generator_asend", AsyncGenWrapped = "async_generator_wrapped_value",
    BaseException = "BaseException", Exception = "Exception", TypeError = "TypeError",
    ValueError = "ValueError", NameError = "NameError", UnboundLocalError = "UnboundLocalError",
    AttributeError = "AttributeError", KeyError = "KeyError", IndexError = "IndexError",
    LookupError = "LookupError", ZeroDivisionError = "ZeroDivisionError",
    ArithmeticError = "ArithmeticError", OverflowError = "OverflowError",
    StopIteration = "StopIteration", StopAsyncIteration = "StopAsyncIteration",
    RuntimeError = "RuntimeError", RecursionError = "RecursionError",
    NotImplementedError = "NotImplementedError", AssertionError = "AssertionError",
    ImportError = "ImportError", ModuleNotFoundError = "ModuleNotFoundError",
    SystemExit = "SystemExit", KeyboardInterrupt = "KeyboardInterrupt",
    GeneratorExit = "GeneratorExit", MemoryError = "MemoryError", OSError = "OSError",
    FileNotFoundError = "FileNotFoundError", SyntaxError = "SyntaxError",
    IndentationError = "IndentationError", UnicodeError = "UnicodeError",
    UnicodeDecodeError = "UnicodeDecodeError", EOFError = "EOFError", Warning = "Warning",
    DeprecationWarning = "DeprecationWarning", UserWarning = "UserWarning",
    FloatingPointError = "FloatingPointError", BufferError = "BufferError",
    SystemError = "SystemError", TimeoutError = "TimeoutError",
    ReferenceError = "ReferenceError",
});

enum_list!(N, NNAMES, NAME_STRS {
    Init = "__init__", New = "__new__", Call = "__call__", Repr = "__repr__", Str = "__str__",
    Hash = "__hash__", Eq = "__eq__", Ne = "__ne__", Lt = "__lt__", Le = "__le__",
    Gt = "__gt__", Ge = "__ge__", Len = "__len__", Bool = "__bool__", Iter = "__iter__",
    Next = "__next__", GetItem = "__getitem__", SetItem = "__setitem__", DelItem = "__delitem__",
    Contains = "__contains__", GetAttr = "__getattr__", GetAttribute = "__getattribute__",
    SetAttr = "__setattr__", Get = "__get__", Set = "__set__", Delete = "__delete__",
    Enter = "__enter__", Exit = "__exit__", Name = "__name__", Module = "__module__",
    Qualname = "__qualname__", Doc = "__doc__", Dict = "__dict__", Class = "__class__",
    Slots = "__slots__", Add = "__add__", Sub = "__sub__", Mul = "__mul__",
    TrueDiv = "__truediv__", FloorDiv = "__floordiv__", Mod = "__mod__", Pow = "__pow__",
    LShift = "__lshift__", RShift = "__rshift__", And = "__and__", Or = "__or__",
    Xor = "__xor__", MatMul = "__matmul__", RAdd = "__radd__", RSub = "__rsub__",
    RMul = "__rmul__", RTrueDiv = "__rtruediv__", RFloorDiv = "__rfloordiv__",
    RMod = "__rmod__", RPow = "__rpow__", RLShift = "__rlshift__", RRShift = "__rrshift__",
    RAnd = "__rand__", ROr = "__ror__", RXor = "__rxor__", RMatMul = "__rmatmul__",
    IAdd = "__iadd__", ISub = "__isub__", IMul = "__imul__", ITrueDiv = "__itruediv__",
    IFloorDiv = "__ifloordiv__", IMod = "__imod__", IPow = "__ipow__",
    ILShift = "__ilshift__", IRShift = "__irshift__", IAnd = "__iand__", IOr = "__ior__",
    IXor = "__ixor__", IMatMul = "__imatmul__",
    Neg = "__neg__", Pos = "__pos__", Invert = "__invert__", Abs = "__abs__",
    Index = "__index__", IntD = "__int__", FloatD = "__float__", Await = "__await__",
    Format = "__format__", Reversed = "__reversed__", Missing = "__missing__",
    InitSubclass = "__init_subclass__", SetName = "__set_name__", Builtins = "__builtins__",
    File = "__file__", Main = "__main__", Args = "args", Value = "value", Self_ = "self",
    Round = "__round__", Trunc = "__trunc__", Floor = "__floor__", Ceil = "__ceil__",
    Copy = "__copy__", DeepCopy = "__deepcopy__", Reduce = "__reduce__", Mro = "mro",
    ClassGetItem = "__class_getitem__", Annotations = "__annotations__", Len_ = "len",
    Bases = "__bases__", Cause = "__cause__", Context = "__context__", Traceback = "__traceback__",
    Code_ = "code", Sizeof = "__sizeof__", Del = "__del__", DictAttr = "__dict__x",
    Spec = "__spec__", Package = "__package__", Loader = "__loader__", All = "__all__",
    Empty = "", Keys = "keys", Items = "items", Send = "send", Throw = "throw", Close = "close",
    PygcMt = "_pygc_mt",
    // attributes of `re.Match` objects made natively (modules/sre.rs)
    MatchRe = "re", MatchString = "string", MatchPos = "pos", MatchEndpos = "endpos",
    MatchRegs = "regs", MatchLastindex = "lastindex", MatchLastgroup = "lastgroup",
    IndexGroup = "_indexgroup",
});

impl T {
    /// The GC layout of instances of the builtin type (and of its
    /// subclasses' instances): the `Kind` stored in the type's `TY_KIND`.
    pub const fn layout(self) -> Kind {
        use T::*;
        match self {
            Object => Kind::Instance,
            List => Kind::List,
            Dict => Kind::Dict,
            Set | FrozenSet => Kind::Set,
            Int | Bool => Kind::BigInt,
            Float => Kind::Float,
            Complex => Kind::Complex,
            Str => Kind::Str,
            Tuple => Kind::Tuple,
            Bytes => Kind::Bytes,
            Type => Kind::Type,
            Module => Kind::Module,
            x if (x as usize) >= (BaseException as usize) => Kind::Exception,
            _ => Kind::Misc,
        }
    }
}

impl Vm {
    /// The builtin type object `t`.
    #[inline(always)]
    pub fn ty(&self, t: T) -> Value {
        let arr = self.root(R_TYPES).obj().expect("types table");
        Vm::item(arr, t as usize)
    }
    /// The interned name `n`.
    #[inline(always)]
    pub fn name(&self, n: N) -> Value {
        let arr = self.root(R_NAMES).obj().expect("names table");
        Vm::item(arr, n as usize)
    }
    /// `type(v)`.
    #[inline(always)]
    pub fn type_of(&self, v: Value) -> Value {
        if v.is_int() {
            return self.ty(T::Int);
        }
        match v.obj() {
            Some(o) => Value(o.word(TYPE_OFF)),
            None => match v {
                Value::TRUE | Value::FALSE => self.ty(T::Bool),
                Value::NONE => self.ty(T::NoneType),
                Value::NOT_IMPL => self.ty(T::NotImplType),
                Value::ELLIPSIS => self.ty(T::EllipsisType),
                _ => self.ty(T::NoneType),
            },
        }
    }
    /// Is `v` a heap object of `kind`?
    #[inline(always)]
    pub fn is_kind(v: Value, kind: Kind) -> bool {
        match v.obj() {
            Some(o) => kind_of(o) == kind,
            None => false,
        }
    }
    /// The heap kind of `v`, if it is a reference.
    #[inline(always)]
    pub fn kind(v: Value) -> Option<Kind> {
        v.obj().map(kind_of)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_entry_in_order() {
        assert_eq!(T::ALL.len(), TYPE_NAMES.len());
        for (i, t) in T::ALL.iter().enumerate() {
            assert_eq!(*t as usize, i, "{t:?}");
        }
        assert_eq!(T::ALL[0], T::Object);
        assert_eq!(T::ALL[NTYPES - 1], T::ReferenceError);
        assert_eq!(TYPE_NAMES[T::Float as usize], "float");
        assert_eq!(TYPE_NAMES[T::ReferenceError as usize], "ReferenceError");
        for (i, n) in N::ALL.iter().enumerate() {
            assert_eq!(*n as usize, i, "{n:?}");
        }
        assert_eq!(NAME_STRS[N::PygcMt as usize], "_pygc_mt");
    }

    #[test]
    fn builtin_types_map_to_their_layouts() {
        assert_eq!(T::Object.layout(), Kind::Instance);
        assert_eq!(T::Int.layout(), Kind::BigInt);
        assert_eq!(T::Bool.layout(), Kind::BigInt);
        assert_eq!(T::FrozenSet.layout(), Kind::Set);
        assert_eq!(T::Str.layout(), Kind::Str);
        assert_eq!(T::Module.layout(), Kind::Module);
        assert_eq!(T::Range.layout(), Kind::Misc);
        assert_eq!(T::AsyncGenWrapped.layout(), Kind::Misc);
        // Every exception type (BaseException and after) is an Exception record.
        let first_exc = T::BaseException as usize;
        for t in T::ALL {
            let exc = t as usize >= first_exc;
            assert_eq!(t.layout() == Kind::Exception, exc, "{t:?}");
        }
    }
}
