//! `exec`, `eval` and `compile` (source text or code objects, with optional
//! globals / locals dicts; `__builtins__` is added to globals as in CPython).

use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::{N, T};
use crate::vm::clinic::Sig;
use crate::vm::rooted::{Args, Rooted, Scope};
use crate::vm::{PyResult, Vm, R_BUILTINS, R_FRAME};

pub(super) fn register(vm: &mut Vm) {
    let b = vm.root(R_BUILTINS);
    let h = vm.push_root(b);
    vm.add_native_fn(vm.root(h), "exec", bi_exec);
    vm.add_native_fn(vm.root(h), "eval", bi_eval);
    vm.add_native_fn(vm.root(h), "compile", super::compile_fn::bi_compile);
    vm.pop_roots(h);
}

/// The text of a `str`/`bytes` source; `what` names the function and the
/// other accepted kind ("exec() arg 1 must be a string, bytes or code object").
pub(super) fn source_text(vm: &mut Vm, v: Value, what: &str, other: &str) -> PyResult<String> {
    if Vm::is_str(v) {
        return Ok(Vm::as_str(v).to_string());
    }
    if Vm::is_kind(v, Kind::Bytes) {
        return Ok(String::from_utf8_lossy(Vm::as_bytes(v)).into_owned());
    }
    let msg = format!("{what}() arg 1 must be a string, bytes or {other} object");
    Err(vm.raise_msg(T::TypeError, &msg))
}

pub(super) fn compile_src(vm: &mut Vm, src: &str, filename: &str, eval: bool) -> PyResult {
    let src = if eval {
        src.trim_start_matches([' ', '\t'])
    } else {
        src
    };
    match crate::compile::compile_exec(src, filename, eval) {
        Ok(u) => Ok(vm.make_code(&u)),
        Err(e) => Err(vm.raise_syntax_error(src, filename, &e)),
    }
}

/// The caller's (globals, locals); locals is NULL when it is the globals dict.
fn caller_namespaces(vm: &mut Vm) -> (Value, Value) {
    let Some(f) = vm.root(R_FRAME).obj() else {
        return (vm.new_dict(), Value::NULL);
    };
    let g = Value(f.word(FRAME_GLOBALS));
    let l = Value(f.word(FRAME_LOCALS));
    if l.is_ref() {
        return (g, l);
    }
    let fr = vm.root(R_FRAME);
    let h = vm.push_root(g);
    let n = vm.intern("f_locals");
    let l = vm.getattr(fr, n).unwrap_or(Value::NULL);
    let g = vm.root(h);
    vm.pop_roots(h);
    (g, if l == g { Value::NULL } else { l })
}

const EXEC: Sig = Sig {
    fname: "exec",
    names: &["source", "globals", "locals", "closure"],
    posonly: 3,
    maxpos: 3,
    required: 1,
};

/// Whether `v` is a mapping (`PyMapping_Check`: its type has `__getitem__`).
fn is_mapping(vm: &mut Vm, v: Value) -> bool {
    Vm::is_kind(v, Kind::Dict) || vm.type_lookup_n(vm.type_of(v), N::GetItem).is_some()
}

/// Argument `i` of the bound parameters, None (or absent) as NULL.
fn opt_arg(vm: &Vm, args: Args<'_>, b: &[Option<usize>], i: usize) -> Value {
    match b[i].map(|j| args.v(vm, j)) {
        Some(v) if !v.is_none() => v,
        _ => Value::NULL,
    }
}

/// `exec(source, globals=None, locals=None, /, *, closure=None)`.
fn bi_exec<'s>(vm: &mut Vm, s: Scope<'s>, args: Args<'s>) -> PyResult {
    let b = EXEC.bind(vm, args)?;
    let (g, l) = (opt_arg(vm, args, &b, 1), opt_arg(vm, args, &b, 2));
    let (g, l) = match g.is_null() {
        true => {
            let (cg, cl) = caller_namespaces(vm);
            let l = if l.is_null() { cl } else { l };
            (cg, l)
        }
        false => (g, l),
    };
    if !Vm::is_kind(g, Kind::Dict) {
        let m = format!("exec() globals must be a dict, not {}", vm.type_name_of(g));
        return Err(vm.raise_msg(T::TypeError, &m));
    }
    let (g, l) = (s.root_value(vm, g), s.root_value(vm, l));
    check_locals(vm, l, "locals must be a mapping or None, not ")?;
    let closure = opt_arg(vm, args, &b, 3);
    let src = args.v(vm, 0);
    if !Vm::is_kind(src, Kind::Code) && !closure.is_null() {
        let m = "closure can only be used when source is a code object";
        return Err(vm.raise_msg(T::TypeError, m));
    }
    let code = code_of(vm, s, args.v(vm, 0), "exec", false)?;
    let closure = s.root_value(vm, opt_arg(vm, args, &b, 3));
    check_closure(vm, code.get(vm).value(), closure.get(vm).value())?;
    run_code(vm, code, g, l, closure)?;
    Ok(Value::NONE)
}

/// `eval(source, globals=None, locals=None, /)`.
fn bi_eval<'s>(vm: &mut Vm, s: Scope<'s>, args: Args<'s>) -> PyResult {
    vm.check_no_kwargs("eval", args)?;
    vm.check_positional("eval", args.npos(), 1, 3)?;
    let b = [
        Some(0),
        args.opt(vm, 1).map(|_| 1),
        args.opt(vm, 2).map(|_| 2),
    ];
    let (g, l) = (opt_arg(vm, args, &b, 1), opt_arg(vm, args, &b, 2));
    if !l.is_null() && !is_mapping(vm, l) {
        return Err(vm.raise_msg(T::TypeError, "locals must be a mapping"));
    }
    if !g.is_null() && !Vm::is_kind(g, Kind::Dict) {
        let m = match is_mapping(vm, g) {
            true => "globals must be a real dict; try eval(expr, {}, mapping)",
            false => "globals must be a dict",
        };
        return Err(vm.raise_msg(T::TypeError, m));
    }
    let (g, l) = match g.is_null() {
        true => {
            let (cg, cl) = caller_namespaces(vm);
            (cg, if l.is_null() { cl } else { l })
        }
        false => (g, l),
    };
    let (g, l) = (s.root_value(vm, g), s.root_value(vm, l));
    check_locals(vm, l, "locals must be a mapping or None, not ")?;
    let code = code_of(vm, s, args.v(vm, 0), "eval", true)?;
    let c = code.get(vm).value();
    if !vm.code_info(c).freevars.is_empty() {
        let m = "code object passed to eval() may not contain free variables";
        return Err(vm.raise_msg(T::TypeError, m));
    }
    let none = s.root_value(vm, Value::NULL);
    run_code(vm, code, g, l, none)
}

/// A non-dict locals mapping: CPython's TypeError for a non-mapping; a
/// mapping that is not a dict is not supported by pygc's frames.
fn check_locals(vm: &mut Vm, l: Rooted<'_>, msg: &str) -> PyResult<()> {
    let v = l.get(vm).value();
    if v.is_null() || Vm::is_kind(v, Kind::Dict) {
        return Ok(());
    }
    if !is_mapping(vm, v) {
        let m = format!("{msg}{}", vm.type_name_of(v));
        return Err(vm.raise_msg(T::TypeError, &m));
    }
    Err(vm.raise_msg(T::TypeError, "locals must be a dict"))
}

/// The code object of `src` (compiled from text when it is not one yet).
fn code_of<'s>(
    vm: &mut Vm,
    s: Scope<'s>,
    src: Value,
    what: &str,
    eval: bool,
) -> PyResult<Rooted<'s>> {
    let code = if Vm::is_kind(src, Kind::Code) {
        src
    } else {
        let text = source_text(vm, src, what, "code")?;
        compile_src(vm, &text, "<string>", eval)?
    };
    Ok(s.root_value(vm, code))
}

/// CPython's closure checks of `exec(code, closure=...)`.
fn check_closure(vm: &mut Vm, code: Value, closure: Value) -> PyResult<()> {
    let nfree = vm.code_info(code).freevars.len();
    if nfree == 0 {
        if closure.is_null() {
            return Ok(());
        }
        let m = "cannot use a closure with this code object";
        return Err(vm.raise_msg(T::TypeError, m));
    }
    let ok = Vm::is_kind(closure, Kind::Tuple)
        && vm.type_of(closure) == vm.ty(T::Tuple)
        && Vm::tuple_len(closure) == nfree
        && Vm::tuple_items(closure)
            .iter()
            .all(|c| Vm::is_kind(*c, Kind::Cell));
    if ok {
        return Ok(());
    }
    let m = format!("code object requires a closure of exactly length {nfree}");
    Err(vm.raise_msg(T::TypeError, &m))
}

/// Runs `code` in globals `g` (given `__builtins__` if missing) and locals
/// `l` (NULL: the globals), its free variables from `closure`.
fn run_code(
    vm: &mut Vm,
    code: Rooted<'_>,
    g: Rooted<'_>,
    l: Rooted<'_>,
    closure: Rooted<'_>,
) -> PyResult {
    let bk = vm.intern("__builtins__");
    if vm.dict_get_str(g.get(vm).value(), bk).is_none() {
        let b = vm.root(R_BUILTINS);
        vm.dict_set_str(g.get(vm).value(), bk, b);
    }
    let info = vm.code_info(code.get(vm).value());
    let (c, gv) = (code.get(vm).value(), g.get(vm).value());
    let f = vm.new_frame(c, gv, Value::NONE, &info);
    let lv = l.get(vm).value();
    if lv.is_ref() && lv != gv {
        f.set_word(FRAME_LOCALS, lv.0);
    }
    // cells: fresh ones for the cell variables, the closure's for the free
    // ones
    let nl = info.nlocals as usize;
    let nc = info.cellvars.len();
    let hf = vm.push_root(Value::from_obj(f));
    for i in 0..nc {
        let cell = vm.new_cell(Value::NULL);
        let f = vm.root(hf).obj().expect("frame");
        vm.fset(f, nl + i, cell);
    }
    let clo = closure.get(vm).value();
    for i in 0..info.freevars.len() {
        let f = vm.root(hf).obj().expect("frame");
        vm.fset(f, nl + nc + i, Vm::tuple_get(clo, i));
    }
    let f = vm.root(hf).obj().expect("frame");
    vm.pop_roots(hf);
    Ok(match vm.run_frame(f, false)? {
        crate::vm::interp::Outcome::Return(v) => v,
        crate::vm::interp::Outcome::Yield(v) => v,
    })
}
