//! Bootstrap of the builtin types and the `builtins` module, and helpers for
//! Rust-implemented functions.

mod bytes_new;
mod bytesmethods;
mod class_ns;
mod dict_methods;
mod dir_vars;
mod evalexec;
pub mod extra_attrs;
mod funcs;
mod instcheck;
mod list_methods;
mod methods;
mod num_methods;
mod numfuncs;
mod nummethods;
mod reduce;
mod runtime_funcs;
mod set_methods;
mod slotwrap;
mod sort;
mod strmethods;
mod types;
pub use types::super_getattr;

use crate::object::layout::*;
use crate::object::types::*;
use crate::object::value::Value;
use crate::object::{NAME_STRS, NNAMES, NTYPES, T, TYPE_NAMES};
use crate::vm::call::{BI_INDEX, BI_NAME, BI_SELF};
use crate::vm::{
    BuiltinDef, BuiltinFn, Native, NativeFn, PyResult, Vm, R_BUILTINS, R_EMPTY_TUPLE, R_INTERN,
    R_MODULES, R_NAMES, R_TYPES,
};

/// Positional part of a builtin's arguments.
pub fn positional(args: &[Value], kwnames: Value) -> &[Value] {
    let nkw = if kwnames.is_null() {
        0
    } else {
        Vm::tuple_len(kwnames)
    };
    &args[..args.len() - nkw]
}

/// A keyword argument by name.
pub fn kwarg(args: &[Value], kwnames: Value, name: &str) -> Option<Value> {
    if kwnames.is_null() {
        return None;
    }
    let n = Vm::tuple_len(kwnames);
    let base = args.len() - n;
    (0..n)
        .find(|&i| Vm::as_str(Vm::tuple_get(kwnames, i)) == name)
        .map(|i| args[base + i])
}

impl Vm {
    /// Checks the positional argument count of a builtin.
    pub fn check_args(
        &mut self,
        name: &str,
        args: &[Value],
        min: usize,
        max: usize,
    ) -> PyResult<()> {
        self.check_nargs(name, args.len(), min, max)
    }

    /// Checks an argument count `n` of a builtin against `min..=max`.
    pub fn check_nargs(&mut self, name: &str, n: usize, min: usize, max: usize) -> PyResult<()> {
        if n < min || n > max {
            let s = |k: usize| if k == 1 { "" } else { "s" };
            let msg = if min == max {
                format!(
                    "{name}() takes exactly {min} argument{} ({n} given)",
                    s(min)
                )
            } else if n < min {
                format!(
                    "{name}() takes at least {min} argument{} ({n} given)",
                    s(min)
                )
            } else {
                format!(
                    "{name}() takes at most {max} argument{} ({n} given)",
                    s(max)
                )
            };
            return Err(self.raise_msg(T::TypeError, &msg));
        }
        Ok(())
    }

    /// Creates a builtin function object (older raw-argument convention).
    pub fn new_builtin(&mut self, name: &'static str, f: BuiltinFn) -> Value {
        self.new_builtin_def(name, Native::Raw(f))
    }
    /// Creates a builtin function object whose arguments arrive rooted.
    pub fn new_native(&mut self, name: &'static str, f: NativeFn) -> Value {
        self.new_builtin_def(name, Native::Rooted(f))
    }
    /// Creates a builtin function object of either convention.
    pub fn new_builtin_def(&mut self, name: &'static str, f: Native) -> Value {
        self.builtins_tab.push(BuiltinDef { name, f });
        let idx = self.builtins_tab.len() - 1;
        let n = self.intern(name);
        let ty = self.ty(T::BuiltinFunction);
        let b = self.alloc_rec(Kind::Builtin, ty);
        Vm::init(b, BI_INDEX, Value::int(idx as i64));
        Vm::init(b, BI_SELF, Value::NULL);
        Vm::init(b, BI_NAME, n);
        Value::from_obj(b)
    }
    /// Adds a method to a builtin type (older raw-argument convention).
    pub fn add_method(&mut self, t: T, name: &'static str, f: BuiltinFn) {
        self.add_method_def(t, name, Native::Raw(f))
    }
    /// Adds a method whose arguments arrive rooted to a builtin type.
    pub fn add_native_method(&mut self, t: T, name: &'static str, f: NativeFn) {
        self.add_method_def(t, name, Native::Rooted(f))
    }
    /// Adds a method of either convention to a builtin type.
    pub fn add_method_def(&mut self, t: T, name: &'static str, f: Native) {
        let b = self.new_builtin_def(name, f);
        let n = self.intern(name);
        let ty = self.ty(t);
        self.type_set_attr(ty, n, b);
    }
    /// Adds a class method to a builtin type (older raw-argument convention).
    pub fn add_classmethod(&mut self, t: T, name: &'static str, f: BuiltinFn) {
        self.add_classmethod_def(t, name, Native::Raw(f))
    }
    /// Adds a class method whose arguments arrive rooted to a builtin type.
    pub fn add_native_classmethod(&mut self, t: T, name: &'static str, f: NativeFn) {
        self.add_classmethod_def(t, name, Native::Rooted(f))
    }
    /// Adds a class method of either convention to a builtin type.
    pub fn add_classmethod_def(&mut self, t: T, name: &'static str, f: Native) {
        let b = self.new_builtin_def(name, f);
        let cm_ty = self.ty(T::ClassMethod);
        let cm = self.alloc_rec(Kind::ClassMethod, cm_ty);
        Vm::init(cm, 1, b);
        let n = self.intern(name);
        let ty = self.ty(t);
        self.type_set_attr(ty, n, Value::from_obj(cm));
    }
    /// Adds a function to a dict (module namespace; older raw-argument
    /// convention).
    pub fn add_fn(&mut self, dict: Value, name: &'static str, f: BuiltinFn) {
        self.add_fn_def(dict, name, Native::Raw(f))
    }
    /// Adds a function whose arguments arrive rooted to a dict.
    pub fn add_native_fn(&mut self, dict: Value, name: &'static str, f: NativeFn) {
        self.add_fn_def(dict, name, Native::Rooted(f))
    }
    /// Adds a function of either convention to a dict (module namespace).
    pub fn add_fn_def(&mut self, dict: Value, name: &'static str, f: Native) {
        let h = self.push_root(dict);
        let b = self.new_builtin_def(name, f);
        let n = self.intern(name);
        let d = self.root(h);
        self.pop_roots(h);
        self.dict_set_str(d, n, b);
    }
    /// Sets `dict[name] = v`.
    pub fn set_str_item(&mut self, dict: Value, name: &str, v: Value) {
        let h = self.push_root(dict);
        let hv = self.push_root(v);
        let n = self.intern(name);
        let (d, v) = (self.root(h), self.root(hv));
        self.pop_roots(h);
        self.dict_set_str(d, n, v);
    }

    /// Creates every builtin type, the names table and the builtins dict.
    pub fn bootstrap(&mut self) {
        // Phase 1: bare type objects so that strs/dicts/tuples can point at them.
        let types = self.new_array(NTYPES);
        self.set_root(R_TYPES, types);
        for i in 0..NTYPES {
            let t = self.alloc_rec(Kind::Type, Value::NULL);
            let arr = self.root(R_TYPES).obj().expect("types");
            self.set_item(arr, i, Value::from_obj(t));
        }
        let tt = self.ty(T::Type);
        for i in 0..NTYPES {
            let t = Vm::item(self.root(R_TYPES).obj().expect("types"), i)
                .obj()
                .expect("t");
            t.set_word(TYPE_OFF, tt.0);
        }
        let et = self.new_tuple(&[]);
        self.set_root(R_EMPTY_TUPLE, et);
        let intern = self.new_dict();
        self.set_root(R_INTERN, intern);
        self.init_chars();
        let names = self.new_array(NNAMES);
        self.set_root(R_NAMES, names);
        for (i, n) in NAME_STRS.iter().enumerate() {
            let v = self.intern(n);
            let arr = self.root(R_NAMES).obj().expect("names");
            self.set_item(arr, i, v);
        }
        // Phase 2: fill in every type.
        for (i, tname) in TYPE_NAMES.iter().enumerate() {
            let t = Vm::item(self.root(R_TYPES).obj().expect("types"), i);
            let tt: T = T::ALL[i];
            let name = self.intern(tname);
            let dict = self.new_dict();
            let map = self.new_root_map();
            let o = t.obj().expect("t");
            self.set(o, TY_NAME, name);
            self.set(o, TY_QUALNAME, name);
            self.set(o, TY_DICT, dict);
            self.set(o, TY_KIND, Value::int(tt.layout() as i64));
            self.set(o, TY_MAP, map);
            self.next_tag += 1;
            self.set(o, TY_TAG, Value::int(self.next_tag));
            self.set(o, TY_FLAGS, Value::int(0));
            self.set(o, TY_SLOTS, Value::NONE);
        }
        let mut done = [false; NTYPES];
        while done.iter().any(|d| !d) {
            for i in 0..NTYPES {
                if done[i] {
                    continue;
                }
                let tt = T::ALL[i];
                if let Some(b) = base_of(tt) {
                    if !done[b as usize] {
                        continue;
                    }
                }
                done[i] = true;
                let t = self.ty(tt);
                let bases = match base_of(tt) {
                    Some(b) => {
                        let b = self.ty(b);
                        self.new_tuple(&[b])
                    }
                    None => self.new_tuple(&[]),
                };
                let _ = self.set_bases(t, bases);
            }
        }
        let mods = self.new_dict();
        self.set_root(R_MODULES, mods);
        let b = self.new_dict();
        self.set_root(R_BUILTINS, b);
        for (i, tname) in TYPE_NAMES.iter().enumerate() {
            let tt = T::ALL[i];
            if matches!(
                tt,
                T::NoneType
                    | T::NotImplType
                    | T::EllipsisType
                    | T::Function
                    | T::BuiltinFunction
                    | T::Method
                    | T::Code
                    | T::Cell
                    | T::Generator
                    | T::Coroutine
                    | T::Module
                    | T::Iterator
                    | T::Frame
                    | T::Traceback
                    | T::DictKeys
                    | T::DictValues
                    | T::DictItems
                    | T::Deque
                    | T::ArrayT
                    | T::StringIO
                    | T::Count
                    | T::AsyncGenerator
                    | T::AsyncGenASend
                    | T::AsyncGenWrapped
            ) {
                continue;
            }
            let t = self.ty(tt);
            let b = self.root(R_BUILTINS);
            self.set_str_item(b, tname, t);
        }
        let modn = self.intern("__module__");
        let bn = self.intern("builtins");
        for i in 0..NTYPES {
            let t = self.ty(T::ALL[i]);
            let d = Vm::tyf(t, TY_DICT);
            self.dict_set_str(d, modn, bn);
        }
        let b = self.root(R_BUILTINS);
        self.set_str_item(b, "None", Value::NONE);
        self.set_str_item(b, "True", Value::TRUE);
        self.set_str_item(b, "False", Value::FALSE);
        self.set_str_item(b, "NotImplemented", Value::NOT_IMPL);
        self.set_str_item(b, "Ellipsis", Value::ELLIPSIS);
        self.set_str_item(b, "__debug__", Value::TRUE);
        self.set_str_item(b, "__name__", bn);
        let et = self.ty(T::OSError);
        self.set_str_item(b, "IOError", et);
        self.set_str_item(b, "EnvironmentError", et);
        funcs::register(self);
        evalexec::register(self);
        nummethods::register(self);
        types::register(self);
        methods::register(self);
        strmethods::register(self);
        bytesmethods::register(self);
        crate::object::complex::register(self);
        crate::modules::deque::register(self);
        crate::vm::async_ops::register(self);
        crate::vm::type_setattr::register(self);
        crate::vm::cmp_override::register(self);
        dir_vars::register(self);
        slotwrap::register(self);
    }
}

fn base_of(t: T) -> Option<T> {
    use T::*;
    Some(match t {
        Object => return None,
        Bool => Int,
        BaseException => Object,
        Exception | SystemExit | KeyboardInterrupt | GeneratorExit => BaseException,
        UnboundLocalError => NameError,
        KeyError | IndexError => LookupError,
        ZeroDivisionError | OverflowError | FloatingPointError => ArithmeticError,
        RecursionError | NotImplementedError => RuntimeError,
        ModuleNotFoundError => ImportError,
        FileNotFoundError | TimeoutError => OSError,
        IndentationError => SyntaxError,
        UnicodeError => ValueError,
        UnicodeDecodeError => UnicodeError,
        DeprecationWarning | UserWarning => Warning,
        x if (x as usize) > (BaseException as usize) => Exception,
        _ => Object,
    })
}
