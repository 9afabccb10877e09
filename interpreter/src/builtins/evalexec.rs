//! `exec`, `eval` and `compile` (source text or code objects, with optional
//! globals / locals dicts; `__builtins__` is added to globals as in CPython).

use super::{kwarg, positional};
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;

use crate::vm::{PyResult, Vm, R_BUILTINS, R_FRAME};

pub(super) fn register(vm: &mut Vm) {
    let b = vm.root(R_BUILTINS);
    let h = vm.push_root(b);
    vm.add_fn(vm.root(h), "exec", |vm, a, k| run(vm, a, k, false));
    vm.add_fn(vm.root(h), "eval", |vm, a, k| run(vm, a, k, true));
    vm.add_fn(vm.root(h), "compile", bi_compile);
    vm.pop_roots(h);
}

fn source_text(vm: &mut Vm, v: Value, what: &str) -> PyResult<String> {
    if Vm::is_str(v) {
        return Ok(Vm::as_str(v).to_string());
    }
    if Vm::is_kind(v, Kind::Bytes) {
        return Ok(String::from_utf8_lossy(Vm::as_bytes(v)).into_owned());
    }
    let msg = format!("{what}() arg 1 must be a string, bytes or code object");
    Err(vm.raise_msg(T::TypeError, &msg))
}

fn compile_src(vm: &mut Vm, src: &str, filename: &str, eval: bool) -> PyResult {
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

fn run(vm: &mut Vm, a: &[Value], k: Value, eval: bool) -> PyResult {
    let what = if eval { "eval" } else { "exec" };
    let p = positional(a, k).to_vec();
    vm.check_args(what, &p, 1, 3)?;
    let globals = p
        .get(1)
        .copied()
        .or_else(|| kwarg(a, k, "globals"))
        .filter(|v| !v.is_none());
    let locals = p
        .get(2)
        .copied()
        .or_else(|| kwarg(a, k, "locals"))
        .filter(|v| !v.is_none());
    let (g, l) = match globals {
        Some(g) => {
            if !Vm::is_kind(g, Kind::Dict) {
                let msg = if eval {
                    "globals must be a real dict; try eval(expr, {}, mapping)".to_string()
                } else {
                    format!("exec() globals must be a dict, not {}", vm.type_name_of(g))
                };
                return Err(vm.raise_msg(T::TypeError, &msg));
            }
            (g, locals.unwrap_or(Value::NULL))
        }
        None => {
            let (g, l) = caller_namespaces(vm);
            (g, locals.unwrap_or(l))
        }
    };
    if l.is_ref() && !Vm::is_kind(l, Kind::Dict) {
        return Err(vm.raise_msg(T::TypeError, "locals must be a dict"));
    }
    let base = vm.root_depth();
    let hg = vm.push_root(g);
    let hl = vm.push_root(l);
    let bk = vm.intern("__builtins__");
    if vm.dict_get_str(g, bk).is_none() {
        let b = vm.root(R_BUILTINS);
        vm.dict_set_str(vm.root(hg), bk, b);
    }
    let code = if Vm::is_kind(p[0], Kind::Code) {
        Ok(p[0])
    } else {
        match source_text(vm, p[0], what) {
            Ok(s) => compile_src(vm, &s, "<string>", eval),
            Err(e) => Err(e),
        }
    };
    let code = match code {
        Ok(c) => c,
        Err(e) => {
            vm.pop_roots(base);
            return Err(e);
        }
    };
    let info = vm.code_info(code);
    let (g, l) = (vm.root(hg), vm.root(hl));
    vm.pop_roots(base);
    let f = vm.new_frame(code, g, Value::NONE, &info);
    if l.is_ref() && l != g {
        f.set_word(FRAME_LOCALS, l.0);
    }
    let r = match vm.run_frame(f, false)? {
        crate::vm::interp::Outcome::Return(v) => v,
        crate::vm::interp::Outcome::Yield(v) => v,
    };
    Ok(if eval { r } else { Value::NONE })
}

fn bi_compile(vm: &mut Vm, a: &[Value], k: Value) -> PyResult {
    let p = positional(a, k).to_vec();
    vm.check_args("compile", &p, 3, 6)?;
    let mode = Vm::as_str(p[2]).to_string();
    let filename = if Vm::is_str(p[1]) {
        Vm::as_str(p[1]).to_string()
    } else {
        "<string>".to_string()
    };
    if Vm::is_kind(p[0], Kind::Code) {
        return Ok(p[0]);
    }
    let src = source_text(vm, p[0], "compile")?;
    match mode.as_str() {
        "exec" | "single" => compile_src(vm, &src, &filename, false),
        "eval" => compile_src(vm, &src, &filename, true),
        _ => Err(vm.raise_msg(
            T::ValueError,
            "compile() mode must be 'exec', 'eval' or 'single'",
        )),
    }
}
