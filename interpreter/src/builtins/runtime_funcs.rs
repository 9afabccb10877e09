//! Runtime builtins: `print`, `globals`, `locals`, `vars`, `dir`, `input`,
//! `open`, `exit`, `__build_class__`, `__import__`.

use super::funcs::f;
use super::{kwarg, positional};
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::Rooted;
use crate::vm::{PyResult, Vm, R_BUILTINS, R_FRAME};

pub(super) fn register(vm: &mut Vm) {
    f!(vm, "globals", |vm, _a, _| {
        let f = vm.root(R_FRAME).obj().expect("frame");
        Ok(Value(f.word(FRAME_GLOBALS)))
    });
    f!(vm, "locals", super::dir_vars::bi_locals);
    f!(vm, "vars", super::dir_vars::bi_vars);
    f!(vm, "dir", super::dir_vars::bi_dir);
    f!(vm, "input", |vm, a, _| {
        if let Some(p) = a.first() {
            let s = vm.str_of(*p)?;
            vm.write_out(s.as_bytes());
        }
        vm.flush_out();
        let mut line = String::new();
        match std::io::stdin().read_line(&mut line) {
            Ok(0) | Err(_) => Err(vm.raise_msg(T::EOFError, "EOF when reading a line")),
            Ok(_) => {
                if line.ends_with('\n') {
                    line.pop();
                }
                Ok(vm.new_string(line))
            }
        }
    });
    f!(vm, "open", bi_open);
    f!(vm, "exit", bi_exit);
    f!(vm, "quit", bi_exit);
    f!(vm, "__build_class__", crate::builtins::types::build_class);
    f!(vm, "__import__", |vm, a, _| {
        vm.check_args("__import__", a, 1, 5)?;
        let n = vm.intern_value(a[0]);
        let fl = a.get(3).copied().unwrap_or(Value::NONE);
        let level = match a.get(4) {
            Some(l) => vm.index_of(*l)?,
            None => 0,
        };
        vm.import_name(n, fl, level)
    });
}

pub(super) fn bi_print(vm: &mut Vm, a: &[Value], k: Value) -> PyResult {
    let p = positional(a, k);
    let sep = kwarg(a, k, "sep").filter(|v| !v.is_none());
    let end = kwarg(a, k, "end").filter(|v| !v.is_none());
    let file = kwarg(a, k, "file").filter(|v| !v.is_none());
    let flush = kwarg(a, k, "flush");
    let sep = sep
        .map(|s| Vm::as_str(s).to_string())
        .unwrap_or_else(|| " ".into());
    let end = end
        .map(|s| Vm::as_str(s).to_string())
        .unwrap_or_else(|| "\n".into());
    vm.scope(|vm, s| {
        let hs: Vec<Rooted> = p.iter().map(|v| s.root_value(vm, *v)).collect();
        let hf = s.root_value(vm, file.unwrap_or(Value::NULL));
        let mut out = String::new();
        let mut failed = None;
        for (i, h) in hs.iter().enumerate() {
            if i > 0 {
                out.push_str(&sep);
            }
            let v = h.get(vm).value();
            match vm.str_of(v) {
                Ok(s) => out.push_str(&s),
                Err(e) => {
                    // as CPython, which writes each piece as it goes: what
                    // came before the failing argument is written
                    failed = Some(e);
                    break;
                }
            }
        }
        if failed.is_none() {
            out.push_str(&end);
        }
        let file = hf.get(vm).value();
        if file.is_ref() {
            if let (Some(e), true) = (failed, out.is_empty()) {
                return Err(e);
            }
            // the pending exception is kept rooted while write runs
            let pending = vm.take_exc();
            let hexc = s.root_value(vm, pending);
            let w = vm.intern("write");
            let wf = vm.getattr(file, w)?;
            let text = vm.new_string(out);
            vm.call0(wf, &[text])?;
            if let Some(e) = failed {
                let exc = hexc.get(vm).value();
                vm.set_root(crate::vm::R_EXC, exc);
                return Err(e);
            }
            return Ok(Value::NONE);
        }
        vm.write_out(out.as_bytes());
        if let Some(e) = failed {
            return Err(e);
        }
        if flush.map(|f| f == Value::TRUE).unwrap_or(false) {
            vm.flush_out();
        }
        Ok(Value::NONE)
    })
}

fn bi_exit(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult {
    let t = vm.ty(T::SystemExit);
    let code = a.first().copied().unwrap_or(Value::NONE);
    let args: Vec<Value> = a.first().copied().into_iter().collect();
    let e = vm.new_exc(t, &args);
    let _ = code;
    Err(vm.raise_value(e, Value::NULL))
}

fn bi_open(vm: &mut Vm, a: &[Value], k: Value) -> PyResult {
    let p = positional(a, k);
    vm.check_args("open", p, 1, 3)?;
    let path = Vm::as_str(p[0]).to_string();
    let mode = p
        .get(1)
        .map(|m| Vm::as_str(*m).to_string())
        .unwrap_or_else(|| "r".into());
    crate::modules::io::open_file(vm, &path, &mode)
}
