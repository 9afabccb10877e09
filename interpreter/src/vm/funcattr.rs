//! Attributes of functions (`__code__`, `__defaults__`, `__kwdefaults__`,
//! `__globals__`, `__closure__`, `__annotations__`, ...) and code objects
//! (`co_name`, `co_varnames`, `co_flags` with CPython's flag values, ...).

use super::call::*;
use super::{PyResult, Vm};
use crate::compile::bytecode::{CO_CLASSBODY, CO_COROUTINE, CO_GENERATOR, CO_MODULE};
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use gc_api::ObjRef;

fn or_none(v: Value) -> Value {
    if v.is_null() {
        Value::NONE
    } else {
        v
    }
}

impl Vm {
    pub(crate) fn func_attr(&mut self, f: ObjRef, name: Value) -> Option<Value> {
        let s = Vm::as_str(name);
        match s {
            "__name__" => Some(Vm::get(f, FN_NAME)),
            "__qualname__" => Some(Vm::get(f, FN_QUALNAME)),
            "__module__" => Some(Vm::get(f, FN_MODULE)),
            "__doc__" => Some(Vm::get(f, FN_DOC)),
            "__code__" => Some(Vm::get(f, FN_CODE)),
            "__defaults__" => Some(or_none(Vm::get(f, FN_DEFAULTS))),
            "__kwdefaults__" => Some(or_none(Vm::get(f, FN_KWDEFAULTS))),
            "__closure__" => Some(or_none(Vm::get(f, FN_CLOSURE))),
            "__globals__" => Some(Vm::get(f, FN_GLOBALS)),
            "__builtins__" => Some(self.root(super::R_BUILTINS)),
            "__dict__" => Some(self.func_dict(f)),
            "__annotations__" => {
                let d = self.func_dict(f);
                let hd = self.push_root(d);
                let r = match self.dict_get_str(d, name) {
                    Some(a) => a,
                    None => {
                        let a = self.new_dict();
                        self.dict_set_str(self.root(hd), name, a);
                        a
                    }
                };
                self.pop_roots(hd);
                Some(r)
            }
            _ => {
                let d = Vm::get(f, FN_DICT);
                if d.is_ref() {
                    self.dict_get_str(d, name)
                } else {
                    None
                }
            }
        }
    }

    fn func_dict(&mut self, f: ObjRef) -> Value {
        let d = Vm::get(f, FN_DICT);
        if d.is_ref() {
            d
        } else {
            let nd = self.new_dict();
            self.set(f, FN_DICT, nd);
            nd
        }
    }

    /// Stores a settable function attribute; false for names kept in `__dict__`.
    pub(crate) fn func_setattr(&mut self, f: ObjRef, name: &str, v: Value) -> PyResult<bool> {
        let slot = match name {
            "__name__" => FN_NAME,
            "__qualname__" => FN_QUALNAME,
            "__doc__" => FN_DOC,
            "__module__" => FN_MODULE,
            "__code__" if Vm::is_kind(v, Kind::Code) => FN_CODE,
            "__defaults__" | "__kwdefaults__" => {
                let ok = if name == "__defaults__" {
                    v.is_none() || Vm::is_kind(v, Kind::Tuple)
                } else {
                    v.is_none() || Vm::is_kind(v, Kind::Dict)
                };
                if !ok {
                    let what = if name == "__defaults__" {
                        "a tuple"
                    } else {
                        "a dict"
                    };
                    let msg = format!("{name} must be set to {what} object");
                    return Err(self.raise_msg(T::TypeError, &msg));
                }
                let v = if v.is_none() { Value::NULL } else { v };
                let slot = if name == "__defaults__" {
                    FN_DEFAULTS
                } else {
                    FN_KWDEFAULTS
                };
                self.set(f, slot, v);
                return Ok(true);
            }
            _ => return Ok(false),
        };
        self.set(f, slot, v);
        Ok(true)
    }

    /// `code.co_*` attributes.
    pub(crate) fn code_attr(&mut self, code: Value, name: &str) -> Option<Value> {
        let info = self.code_info(code);
        let strs = |vm: &mut Vm, v: &[String]| -> Value {
            let items: Vec<Value> = v.iter().map(|s| vm.intern(s)).collect();
            vm.new_tuple(&items)
        };
        let o = code.obj()?;
        Some(match name {
            "co_name" => self.new_str(&info.name),
            "co_qualname" => self.new_str(&info.qualname),
            "co_filename" => self.new_str(&info.filename),
            "co_firstlineno" => Value::int(info.firstline as i64),
            "co_argcount" => Value::int(info.argcount as i64),
            "co_posonlyargcount" => Value::int(info.posonly as i64),
            "co_kwonlyargcount" => Value::int(info.kwonly as i64),
            "co_nlocals" => Value::int(info.nlocals as i64),
            "co_stacksize" => Value::int(info.stacksize as i64),
            "co_varnames" => Vm::get(o, CO_VARNAMES),
            "co_names" => Vm::get(o, CO_NAMES),
            "co_consts" => Vm::get(o, CO_CONSTS),
            "co_cellvars" => strs(self, &info.cellvars),
            "co_freevars" => strs(self, &info.freevars),
            "co_code" => self.new_bytes(&[]),
            "co_flags" => {
                let f = info.flags;
                let mut c = 0i64;
                if f & (CO_MODULE | CO_CLASSBODY) == 0 {
                    c |= 1 | 2; // OPTIMIZED | NEWLOCALS
                }
                if f & crate::compile::bytecode::CO_VARARGS != 0 {
                    c |= 4;
                }
                if f & crate::compile::bytecode::CO_VARKW != 0 {
                    c |= 8;
                }
                if f & CO_GENERATOR != 0 && f & CO_COROUTINE != 0 {
                    c |= 0x200; // ASYNC_GENERATOR
                } else if f & CO_GENERATOR != 0 {
                    c |= 0x20;
                } else if f & CO_COROUTINE != 0 {
                    c |= 0x80;
                }
                Value::int(c)
            }
            _ => return None,
        })
    }

    /// `frame.f_*` attributes.
    pub(crate) fn frame_attr(&mut self, fr: Value, name: &str) -> Option<Value> {
        let f = fr.obj()?;
        Some(match name {
            "f_globals" => Value(f.word(FRAME_GLOBALS)),
            "f_builtins" => self.root(super::R_BUILTINS),
            "f_code" => Value(f.word(FRAME_CODE)),
            "f_back" => {
                let b = Value(f.word(FRAME_BACK));
                if b.is_ref() {
                    b
                } else {
                    Value::NONE
                }
            }
            "f_lineno" => {
                let info = self.code_info(Value(f.word(FRAME_CODE)));
                let pc = f.word(FRAME_PC).saturating_sub(1);
                Value::int(info.lines.get(pc).copied().unwrap_or(info.firstline) as i64)
            }
            "f_locals" => {
                let l = Value(f.word(FRAME_LOCALS));
                if l.is_ref() {
                    return Some(l);
                }
                let info = self.code_info(Value(f.word(FRAME_CODE)));
                if info.flags & (CO_MODULE | CO_CLASSBODY) != 0 {
                    return Some(Value(f.word(FRAME_GLOBALS)));
                }
                let h = self.push_root(fr);
                let d = self.new_dict();
                let hd = self.push_root(d);
                for (i, n) in info.varnames.iter().enumerate() {
                    let v = Vm::fget(self.root(h).obj()?, i);
                    if !v.is_null() {
                        self.set_str_item(self.root(hd), n, v);
                    }
                }
                let d = self.root(hd);
                self.pop_roots(h);
                d
            }
            _ => return None,
        })
    }

    /// `function.__code__` / `function.__globals__` as descriptors on the type
    /// (what `types.GetSetDescriptorType` / `MemberDescriptorType` are taken from).
    pub(crate) fn add_function_descriptors(&mut self) {
        fn get(vm: &mut Vm, a: crate::vm::rooted::Args<'_>, name: &str) -> PyResult {
            a.check(vm, name, 1, 1)?;
            let n = vm.intern(name);
            match a.v(vm, 0).obj().filter(|o| kind_of(*o) == Kind::Function) {
                Some(o) => Ok(vm.func_attr(o, n).unwrap_or(Value::NONE)),
                None => Err(vm.attr_error(a.v(vm, 0), n)),
            }
        }
        let getters: [(&'static str, crate::vm::NativeFn); 2] = [
            ("__code__", |vm, _s, a| get(vm, a, "__code__")),
            ("__globals__", |vm, _s, a| get(vm, a, "__globals__")),
        ];
        for (name, f) in getters {
            let g = self.new_native(name, f);
            let ty = self.ty(T::Property);
            let p = self.alloc_rec(Kind::Property, ty);
            Vm::init(p, 1, g);
            for i in 2..5 {
                Vm::init(p, i, Value::NONE);
            }
            let n = self.intern(name);
            let ft = self.ty(T::Function);
            self.type_set_attr(ft, n, Value::from_obj(p));
        }
    }
}
