//! Special attributes computed on read: `__dict__`, `__class__`, `__name__`,
//! `__doc__`, `__code__`, ... (what `getattr` falls back to).

use super::call::*;
use super::exc::*;
use super::{PyResult, Vm};
use crate::object::instance::{I_MAP, I_VALS};
use crate::object::layout::*;
use crate::object::types::*;
use crate::object::value::Value;
use crate::object::T;

impl Vm {
    pub(super) fn special_attr(&mut self, obj: Value, name: Value) -> PyResult<Option<Value>> {
        let s = Vm::as_str(name);
        if let Some(v) = crate::builtins::extra_attrs::extra_attr(self, obj, s)? {
            return Ok(Some(v));
        }
        let s = Vm::as_str(name);
        if !s.starts_with("__") {
            if let Some(o) = obj.obj() {
                match (kind_of(o), s) {
                    (Kind::Exception, "args") => return Ok(Some(Vm::get(o, EX_ARGS))),
                    (Kind::Exception, "value")
                        if self.isinstance(obj, self.ty(T::StopIteration)) =>
                    {
                        return Ok(Some(Vm::get(o, EX_VALUE)))
                    }
                    (Kind::Exception, "code") if self.isinstance(obj, self.ty(T::SystemExit)) => {
                        return Ok(Some(Vm::get(o, EX_VALUE)))
                    }
                    (Kind::Property, "fget") => return Ok(Some(Vm::get(o, 1))),
                    (Kind::Property, "fset") => return Ok(Some(Vm::get(o, 2))),
                    (Kind::Slice, "start") => return Ok(Some(Vm::get(o, 1))),
                    (Kind::Slice, "stop") => return Ok(Some(Vm::get(o, 2))),
                    (Kind::Slice, "step") => return Ok(Some(Vm::get(o, 3))),
                    (Kind::Range, "start") => return Ok(Some(Vm::get(o, 1))),
                    (Kind::Range, "stop") => return Ok(Some(Vm::get(o, 2))),
                    (Kind::Range, "step") => return Ok(Some(Vm::get(o, 3))),
                    (Kind::Float, "real") => return Ok(Some(obj)),
                    (Kind::FloatSub, "real") => {
                        return Ok(Some(self.new_float(Vm::float_val(obj))))
                    }
                    (Kind::FloatSub, "imag") => return Ok(Some(self.new_float(0.0))),
                    (Kind::Complex, "real") => {
                        let c = Vm::complex_val(obj);
                        return Ok(Some(self.new_float(c.re)));
                    }
                    (Kind::Complex, "imag") => {
                        let c = Vm::complex_val(obj);
                        return Ok(Some(self.new_float(c.im)));
                    }
                    (Kind::Float, "imag") => return Ok(Some(self.new_float(0.0))),
                    (Kind::Traceback, "tb_lineno") => return Ok(Some(Vm::get(o, 3))),
                    (Kind::Traceback, "tb_next") => return Ok(Some(Vm::get(o, 1))),
                    (Kind::Traceback, "tb_frame") => {
                        let f = Vm::get(o, TB_FRAME);
                        return Ok(Some(if f.is_ref() { f } else { Value::NONE }));
                    }
                    (Kind::Traceback, "tb_lasti") => return Ok(Some(Value::int(0))),
                    (Kind::Generator, "gi_frame") | (Kind::Generator, "cr_frame") => {
                        return Ok(Some(Value::NONE))
                    }
                    (Kind::Frame, _) => {
                        let s = s.to_string();
                        return Ok(self.frame_attr(obj, &s));
                    }
                    (Kind::Code, _) => {
                        let s = s.to_string();
                        return Ok(self.code_attr(obj, &s));
                    }
                    _ => {}
                }
            }
            if obj == Value::TRUE || obj == Value::FALSE {
                match s {
                    "real" | "numerator" => {
                        return Ok(Some(Value::int((obj == Value::TRUE) as i64)))
                    }
                    "imag" => return Ok(Some(Value::int(0))),
                    "denominator" => return Ok(Some(Value::int(1))),
                    _ => {}
                }
            }
            if obj.is_int() || Vm::is_bigint(obj) {
                match s {
                    "real" | "numerator" => return Ok(Some(obj)),
                    "imag" => return Ok(Some(Value::int(0))),
                    "denominator" => return Ok(Some(Value::int(1))),
                    _ => {}
                }
            }
            return Ok(None);
        }
        match s {
            "__class__" => return Ok(Some(self.type_of(obj))),
            "__dict__" => {
                if let Some(o) = obj.obj() {
                    match kind_of(o) {
                        Kind::Instance
                            if Vm::type_flags(Value(o.word(TYPE_OFF))) & F_NODICT == 0 =>
                        {
                            if Vm::get(o, I_MAP).is_ref() || Vm::get(o, I_VALS).is_null() {
                                return Ok(Some(self.inst_to_dict(o)));
                            }
                            return Ok(Some(Vm::get(o, I_VALS)));
                        }
                        Kind::Type => {
                            return Ok(Some(Vm::tyf(obj, TY_DICT)));
                        }
                        Kind::Module => return Ok(Some(Vm::get(o, 1))),
                        Kind::Str | Kind::BigInt | Kind::Tuple | Kind::FloatSub
                            if Vm::type_flags(Value(o.word(TYPE_OFF))) & (F_HEAP | F_NODICT)
                                == F_HEAP =>
                        {
                            let si = match kind_of(o) {
                                Kind::Str => STR_ATTRS_SLOT,
                                Kind::Tuple => TUP_ATTRS_SLOT,
                                Kind::FloatSub => FLOATSUB_ATTRS,
                                _ => BIG_ATTRS_SLOT,
                            };
                            let d = Vm::get(o, si);
                            if d.is_ref() {
                                return Ok(Some(d));
                            }
                            let d = self.new_dict();
                            self.set(obj.obj().expect("o"), si, d);
                            return Ok(Some(d));
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        if Vm::is_type(obj) {
            let v = match s {
                "__name__" => Vm::tyf(obj, TY_NAME),
                "__qualname__" => Vm::tyf(obj, TY_QUALNAME),
                "__mro__" => Vm::tyf(obj, TY_MRO),
                "__bases__" => Vm::tyf(obj, TY_BASES),
                "__base__" => {
                    let b = Vm::tyf(obj, TY_BASE);
                    if b.is_null() {
                        Value::NONE
                    } else {
                        b
                    }
                }
                "__doc__" => Value::NONE,
                "__module__" => self.intern("builtins"),
                _ => return Ok(None),
            };
            return Ok(Some(v));
        }
        if let Some(o) = obj.obj() {
            let v = match (kind_of(o), s) {
                (Kind::Method, "__func__") => Vm::get(o, ME_FUNC),
                (Kind::Method, "__self__") => Vm::get(o, ME_SELF),
                (Kind::Method, "__name__") => {
                    let f = Vm::get(o, ME_FUNC);
                    return self.getattr_opt(f, name);
                }
                (Kind::Builtin, "__name__") => Vm::get(o, BI_NAME),
                (Kind::Builtin, "__self__") => Vm::get(o, BI_SELF),
                (Kind::Exception, "__traceback__") => Vm::get(o, EX_TB),
                (Kind::Exception, "__cause__") => Vm::get(o, EX_CAUSE),
                (Kind::Exception, "__context__") => Vm::get(o, EX_CONTEXT),
                (Kind::Exception, "__suppress_context__") => Vm::get(o, EX_SUPPRESS),
                (Kind::Generator, "__name__") => Vm::get(o, crate::vm::gen::G_NAME),
                (Kind::Generator, "__qualname__") => Vm::get(o, crate::vm::gen::G_QUALNAME),
                (Kind::Module, "__name__") => {
                    let d = Vm::get(o, 1);
                    return Ok(self.dict_get_str(d, name));
                }
                (Kind::Property, "__doc__") => Vm::get(o, 4),
                (_, "__doc__") => {
                    let t = self.type_of(obj);
                    self.type_lookup(t, name).unwrap_or(Value::NONE)
                }
                _ => return Ok(None),
            };
            return Ok(Some(v));
        }
        if s == "__doc__" {
            let t = self.type_of(obj);
            return Ok(Some(self.type_lookup(t, name).unwrap_or(Value::NONE)));
        }
        Ok(None)
    }
}
