//! `type`: calling a type, `type(name, bases, ns)` and class creation
//! (`__build_class__`).

use crate::builtins::{kwarg, positional};
use crate::object::layout::*;
use crate::object::types::*;
use crate::object::value::Value;
use crate::object::{N, T};
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm};

pub(super) fn register(vm: &mut Vm) {
    vm.add_native_method(T::Type, "__call__", |vm, _s, a| {
        if a.is_empty() || !Vm::is_type(a.v(vm, 0)) {
            return Err(vm.raise_msg(
                T::TypeError,
                "descriptor '__call__' requires a 'type' object",
            ));
        }
        // call_type takes the older convention (raw values it roots)
        let rest = a.values_from(vm, 1);
        vm.call_type(a.v(vm, 0), &rest, a.kwnames_v(vm))
    });
    vm.add_native_method(T::Type, "__new__", type_new);
    vm.add_native_method(T::Type, "__init__", |_, _, _| Ok(Value::NONE));
    vm.add_native_method(T::Type, "mro", |vm, _s, a| {
        let m = Vm::tuple_items(Vm::tyf(a.v(vm, 0), TY_MRO));
        Ok(vm.new_list(&m))
    });
    vm.add_native_method(T::Type, "__subclasses__", |vm, _s, _a| Ok(vm.new_list(&[])));
}

/// `type(name, bases, ns)` / metaclass `__new__`.
fn type_new<'s>(vm: &mut Vm, s: Scope<'s>, args: Args<'s>) -> PyResult {
    vm.check_new_receiver(T::Type, args)?;
    // PyArg_ParseTuple(args, "UO!O!:type.__new__")
    let n = args.npos() - 1;
    if n != 3 {
        let m = format!("type.__new__() takes exactly 3 arguments ({n} given)");
        return Err(vm.raise_msg(T::TypeError, &m));
    }
    for (i, (k, what)) in [(T::Str, "str"), (T::Tuple, "tuple"), (T::Dict, "dict")]
        .into_iter()
        .enumerate()
    {
        let v = args.v(vm, i + 1);
        if !vm.isinstance(v, vm.ty(k)) {
            let m = format!(
                "type.__new__() argument {} must be {what}, not {}",
                i + 1,
                vm.type_name_of(v)
            );
            return Err(vm.raise_msg(T::TypeError, &m));
        }
    }
    for b in Vm::tuple_items(args.v(vm, 2)) {
        if [T::Bool, T::Range, T::Slice].iter().any(|t| b == vm.ty(*t)) {
            let msg = format!("type '{}' is not an acceptable base type", Vm::type_name(b));
            return Err(vm.raise_msg(T::TypeError, &msg));
        }
    }
    // the most derived metaclass wins (CPython's _PyType_CalculateMetaclass)
    let meta = args.v(vm, 0);
    let mut winner = meta;
    for b in Vm::tuple_items(args.v(vm, 2)) {
        let bm = vm.type_of(b);
        if Vm::is_subtype(winner, bm) {
            continue;
        }
        if Vm::is_subtype(bm, winner) {
            winner = bm;
            continue;
        }
        return Err(vm.raise_msg(
            T::TypeError,
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) \
             subclass of the metaclasses of all its bases",
        ));
    }
    if winner != meta {
        let wnew = vm.type_lookup_n(winner, N::New);
        let tnew = vm.type_lookup_n(vm.ty(T::Type), N::New);
        if wnew != tnew {
            let rest = args.values_from(vm, 1);
            return vm.call(winner, &rest, args.kwnames_v(vm));
        }
        args.set(vm, 0, vm.gc(winner));
    }
    new_class(vm, s, args)
}

/// `type.__new__` once the arguments are checked and the metaclass chosen
/// (argument 0).
fn new_class<'s>(vm: &mut Vm, s: Scope<'s>, args: Args<'s>) -> PyResult {
    {
        let kwt = vm.new_tuple(&args.values_from(vm, args.npos()));
        let hkwv = s.root_value(vm, kwt);
        let (hns, hb) = (args.rooted(3), args.rooted(2));
        // The kwnames tuple outlives `__set_name__` calls (Python code).
        let hkn = s.root_value(vm, args.kwnames_v(vm));
        let (meta, name, bases) = (args.v(vm, 0), args.v(vm, 1), args.v(vm, 2));
        let name = vm.intern_value(name);
        let mut kind = Kind::Instance;
        for b in Vm::tuple_items(bases) {
            if !Vm::is_type(b) {
                return Err(vm.raise_msg(T::TypeError, "bases must be types"));
            }
            for c in Vm::tuple_items(Vm::tyf(b, TY_MRO)) {
                let kk = Vm::type_kind(c);
                if kk != Kind::Instance && kind == Kind::Instance {
                    kind = kk;
                }
            }
        }
        if !matches!(
            kind,
            Kind::Instance | Kind::List | Kind::Dict | Kind::Set | Kind::Exception
        ) {
            kind = Kind::Instance;
        }
        let t = vm.alloc_type(meta, name, kind);
        let ht = s.root_value(vm, t);
        let bases = hb.get(vm).value();
        let bases = if Vm::tuple_len(bases) == 0 {
            let o = vm.ty(T::Object);
            vm.new_tuple(&[o])
        } else {
            bases
        };
        vm.set_bases(t, bases)?;
        // non-str keys of the namespace are stored after the others (their
        // __hash__/__eq__ run Python code)
        let odd = vm.new_list(&[]);
        let hodd = s.root_value(vm, odd);
        let t = ht.get(vm).value();
        let ns = hns.get(vm).value();
        let d = Vm::tyf(t, TY_DICT);
        let mut pos = 0;
        let new_n = vm.name(N::New);
        let mut flags = F_HEAP;
        let (mut has_eq, mut has_hash) = (false, false);
        while let Some((key, v)) = Vm::dict_next(ns, &mut pos) {
            if !Vm::is_str(key) {
                let pair = vm.new_tuple(&[key, v]);
                vm.list_append(hodd.get(vm).value(), pair);
                continue;
            }
            let mut v = v;
            if Vm::str_eq(key, new_n) && Vm::is_kind(v, Kind::Function) {
                let ty = vm.ty(T::StaticMethod);
                let sm = vm.alloc_rec(Kind::StaticMethod, ty);
                Vm::init(sm, 1, v);
                v = Value::from_obj(sm);
            }
            let key = vm.intern_value(key);
            if matches!(Vm::as_str(key), "__init_subclass__" | "__class_getitem__")
                && Vm::is_kind(v, Kind::Function)
            {
                // implicitly class methods, as in CPython's type_new
                let ty = vm.ty(T::ClassMethod);
                let cm = vm.alloc_rec(Kind::ClassMethod, ty);
                Vm::init(cm, 1, v);
                v = Value::from_obj(cm);
            }
            match Vm::as_str(key) {
                "__getattr__" | "__getattribute__" => flags |= F_GETATTR,
                "__setattr__" => flags |= F_SETATTR,
                "__slots__" => flags |= F_SLOTS,
                "__getitem__" | "__setitem__" => flags |= F_ITEMS,
                "__eq__" => has_eq = true,
                "__hash__" => has_hash = true,
                "__del__" => flags |= F_DEL,
                "__qualname__" => {
                    let o = t.obj().expect("t");
                    vm.set(o, TY_QUALNAME, v);
                    continue;
                }
                _ => {}
            }
            vm.dict_set_str(d, key, v);
        }
        for i in 0..Vm::list_len(hodd.get(vm).value()) {
            let pr = Vm::list_get(hodd.get(vm).value(), i);
            let d = Vm::tyf(ht.get(vm).value(), TY_DICT);
            vm.dict_set(d, Vm::tuple_get(pr, 0), Vm::tuple_get(pr, 1))?;
        }
        let d = Vm::tyf(ht.get(vm).value(), TY_DICT);
        // the class body's `__class__` cell (`__classcell__` in the
        // namespace) is filled here, before the slots, as CPython's type_new: zero-argument
        // super() works in __set_name__/__init_subclass__ and in a
        // metaclass's __new__ after type.__new__ returned
        let cc = vm.intern("__classcell__");
        if let Some(cell) = vm.dict_get_str(d, cc) {
            if Vm::is_kind(cell, Kind::Cell) {
                vm.set(cell.obj().expect("cell"), 1, ht.get(vm).value());
            }
            vm.dict_del(d, cc)?;
        }
        let t = ht.get(vm).value();
        let d = Vm::tyf(t, TY_DICT);
        for b in Vm::tuple_items(Vm::tyf(t, TY_MRO)).iter().skip(1) {
            flags |= Vm::type_flags(*b) & (F_GETATTR | F_SETATTR | F_ITEMS | F_DEL);
        }
        if has_eq && !has_hash {
            // A class that defines __eq__ but not __hash__ is unhashable.
            let hn = vm.name(N::Hash);
            vm.dict_set_str(d, hn, Value::NONE);
        }
        let o = t.obj().expect("t");
        o.set_word(crate::object::layout::slot(TY_FLAGS), Value::int(flags).0);
        crate::modules::weakref::add_weakref_attr(vm, t);
        vm.epoch += 1;
        if flags & F_SLOTS != 0 {
            let t = ht.get(vm).value();
            crate::modules::lang_py::setup_slots(vm, t)?;
        }
        let d = Vm::tyf(ht.get(vm).value(), TY_DICT);
        // after the slots: `__doc__` may be one of them
        let docn = vm.name(N::Doc);
        if vm.dict_get_str(d, docn).is_none() {
            vm.dict_set_str(d, docn, Value::NONE);
        }
        // __set_name__ on descriptors and __init_subclass__ on the parent
        let set_name = vm.name(N::SetName);
        let items: Vec<(Value, Value)> = {
            let mut v = vec![];
            let mut pos = 0;
            while let Some(kv) = Vm::dict_next(d, &mut pos) {
                v.push(kv);
            }
            v
        };
        let nl = vm.new_list(&[]);
        let hl = s.root_value(vm, nl);
        for (kk, vv) in items {
            if Vm::is_kind(vv, Kind::Instance) && vm.type_lookup(vm.type_of(vv), set_name).is_some()
            {
                let pair = vm.new_tuple(&[kk, vv]);
                let l = hl.get(vm).value();
                vm.list_append(l, pair);
            }
        }
        let pairs = Vm::list_items(hl.get(vm).value());
        for i in 0..pairs.len() {
            let pr = Vm::list_get(hl.get(vm).value(), i);
            let (kk, vv) = (Vm::tuple_get(pr, 0), Vm::tuple_get(pr, 1));
            let t = ht.get(vm).value();
            vm.call_method_n(vv, N::SetName, &[t, kk])?;
        }
        let t = ht.get(vm).value();
        let mro = Vm::tuple_items(Vm::tyf(t, TY_MRO));
        if mro.len() > 1 {
            let isc = vm.name(N::InitSubclass);
            for c in &mro[1..] {
                if let Some(f) = vm.dict_get_str(Vm::tyf(*c, TY_DICT), isc) {
                    if Vm::is_kind(f, Kind::Function) || Vm::is_kind(f, Kind::ClassMethod) {
                        let f = if Vm::is_kind(f, Kind::ClassMethod) {
                            Vm::get(f.obj().expect("cm"), 1)
                        } else {
                            f
                        };
                        let kwv = Vm::tuple_items(hkwv.get(vm).value());
                        let k = hkn.get(vm).value();
                        vm.call_with_self(f, t, &kwv, k)?;
                    } else if args.nkw() > 0 {
                        // object.__init_subclass__ takes no keywords
                        let m = format!(
                            "{}.__init_subclass__() takes no keyword arguments",
                            Vm::type_name(t)
                        );
                        return Err(vm.raise_msg(T::TypeError, &m));
                    }
                    break;
                }
            }
        }
        let t = ht.get(vm).value();
        Ok(t)
    }
}

/// `__build_class__(body, name, *bases, metaclass=None, **kw)`.
pub fn build_class<'s>(vm: &mut Vm, s: Scope<'s>, args: Args<'s>) -> PyResult {
    let npos = args.npos();
    let err = |vm: &mut Vm, m: &str| Err(vm.raise_msg(T::TypeError, m));
    if npos < 2 {
        return err(vm, "__build_class__: not enough arguments");
    }
    if !Vm::is_kind(args.v(vm, 0), Kind::Function) {
        return err(vm, "__build_class__: func must be a function");
    }
    if !Vm::is_str(args.v(vm, 1)) {
        return err(vm, "__build_class__: name is not a string");
    }
    if (2..npos).all(|i| Vm::is_type(args.v(vm, i))) {
        // build_class_resolved roots what it keeps before any call
        return build_class_resolved(vm, &args.values(vm), args.kwnames_v(vm), None);
    }
    // PEP 560: non-class bases supply their replacement via __mro_entries__
    let ot = vm.new_tuple(&args.pos().values_from(vm, 2));
    let ho = s.root_value(vm, ot);
    let l = vm.new_list(&[]);
    let hl = s.root_value(vm, l);
    let me = vm.intern("__mro_entries__");
    for i in 0..npos - 2 {
        let b = Vm::tuple_get(ho.get(vm).value(), i);
        let f = match Vm::is_type(b) {
            true => None,
            false => vm.getattr_opt(b, me)?,
        };
        let items = match f {
            Some(f) => {
                let ot = ho.get(vm).value();
                let t = vm.call(f, &[ot], Value::NULL)?;
                if !Vm::is_kind(t, Kind::Tuple) {
                    return err(vm, "__mro_entries__ must return a tuple");
                }
                Vm::tuple_items(t)
            }
            None => vec![Vm::tuple_get(ho.get(vm).value(), i)],
        };
        for it in items {
            vm.list_append(hl.get(vm).value(), it);
        }
    }
    let mut a = vec![args.v(vm, 0), args.v(vm, 1)];
    a.extend(Vm::list_items(hl.get(vm).value()));
    a.extend(args.values_from(vm, npos));
    // continue with the resolved bases (resolved once, as CPython); the
    // namespace records __orig_bases__
    let orig = ho.get(vm).value();
    build_class_resolved(vm, &a, args.kwnames_v(vm), Some(orig))
}

/// `__build_class__` once the bases are classes (or kept as given);
/// `orig`: the bases as written when `__mro_entries__` replaced some.
fn build_class_resolved(vm: &mut Vm, a: &[Value], k: Value, orig: Option<Value>) -> PyResult {
    let p = positional(a, k);
    let body = p[0];
    let name = p[1];
    let bases_v = p[2..].to_vec();
    let meta_kw = kwarg(a, k, "metaclass");
    vm.scope(|vm, s| {
        let hbody = s.root_value(vm, body);
        let horig = s.root_value(vm, orig.unwrap_or(Value::NULL));
        // class keywords other than metaclass go to __prepare__, the metaclass and
        // __init_subclass__
        let mut kwn = vec![];
        let mut kwv = vec![];
        if k.is_ref() {
            let nkw = Vm::tuple_len(k);
            for i in 0..nkw {
                let kn = Vm::tuple_get(k, i);
                if Vm::as_str(kn) != "metaclass" {
                    kwn.push(kn);
                    kwv.push(a[a.len() - nkw + i]);
                }
            }
        }
        let kwt = vm.new_tuple(&kwn);
        let hkwn = s.root_value(vm, kwt);
        let kwt = vm.new_tuple(&kwv);
        let hkwv = s.root_value(vm, kwt);
        let bases = vm.new_tuple(&bases_v);
        let hb = s.root_value(vm, bases);
        let hn = s.root_value(vm, name);
        let hns = s.root_value(vm, Value::NONE);
        let mut meta = meta_kw.unwrap_or(Value::NULL);
        if meta.is_null() {
            meta = match bases_v.first() {
                Some(b) => vm.type_of(*b),
                None => vm.ty(T::Type),
            };
            for b in &bases_v {
                let mt = vm.type_of(*b);
                if Vm::is_subtype(mt, meta) {
                    meta = mt;
                }
            }
        }
        let hm = s.root_value(vm, meta);
        // the namespace: metaclass.__prepare__(name, bases, **kw) or a dict
        let prep_n = vm.intern("__prepare__");
        let ns = if Vm::is_type(meta) && vm.type_lookup(meta, prep_n).is_some() {
            let r = vm.getattr(meta, prep_n).and_then(|prep| {
                let mut args = vec![hn.get(vm).value(), hb.get(vm).value()];
                args.extend(Vm::tuple_items(hkwv.get(vm).value()));
                let kn = hkwn.get(vm).value();
                let kn = if Vm::tuple_len(kn) == 0 {
                    Value::NULL
                } else {
                    kn
                };
                vm.call(prep, &args, kn)
            });
            r?
        } else {
            vm.new_dict()
        };
        hns.set(vm, vm.gc(ns));
        if !Vm::is_kind(ns, Kind::Dict) {
            let msg = format!(
                "{}.__prepare__() must return a mapping, not {}",
                Vm::type_name(meta),
                vm.type_name_of(ns)
            );
            return Err(vm.raise_msg(T::TypeError, &msg));
        }
        let body = hbody.get(vm).value();
        // run the body with ns as its locals
        let f = vm.frame_for_call(body, Value::NULL, &[], Value::NULL)?;
        f.set_word(FRAME_LOCALS, hns.get(vm).value().0);
        let cell = match vm.run_frame(f, false) {
            Ok(crate::vm::interp::Outcome::Return(v)) => v,
            Ok(_) => Value::NONE,
            Err(e) => return Err(e),
        };
        let hc = s.root_value(vm, cell);
        if Vm::is_kind(cell, Kind::Cell) {
            // as CPython's class body: `__classcell__ = <the __class__ cell>`
            // in the namespace, for type.__new__ to fill
            let cc = vm.intern("__classcell__");
            vm.setitem(hns.get(vm).value(), cc, hc.get(vm).value())?;
        }
        let orig = horig.get(vm).value();
        if !orig.is_null() {
            crate::builtins::class_ns::store_orig_bases(vm, hns.get(vm).value(), orig)?;
        }
        let (meta, name, bases, ns) = (
            hm.get(vm).value(),
            hn.get(vm).value(),
            hb.get(vm).value(),
            hns.get(vm).value(),
        );
        let kwn = Vm::tuple_items(hkwn.get(vm).value());
        let kwv = Vm::tuple_items(hkwv.get(vm).value());
        let mut args = vec![name, bases, ns];
        args.extend(kwv);
        let kwnames = if kwn.is_empty() {
            Value::NULL
        } else {
            vm.new_tuple(&kwn)
        };
        let cls = vm.call(meta, &args, kwnames);
        let cls = cls?;
        let cell = hc.get(vm).value();
        if Vm::is_kind(cell, Kind::Cell) {
            // a metaclass that built the class from another namespace did
            // not pass `__classcell__` on: CPython's RuntimeError
            let c = cell.obj().expect("cell");
            if Vm::get(c, 1).is_null() && Vm::is_type(cls) {
                let cls_repr = vm.repr_string(cls)?;
                let name_repr = vm.repr_string(hn.get(vm).value())?;
                let msg = format!(
                    "__class__ not set defining {name_repr} as {cls_repr}. \
                     Was __classcell__ propagated to type.__new__?"
                );
                return Err(vm.raise_msg(T::RuntimeError, &msg));
            }
        }
        Ok(cls)
    })
}
