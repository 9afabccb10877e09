//! Runtime builtins: `print`, `globals`, `locals`, `vars`, `dir`, `input`,
//! `open`, `exit`, `__build_class__`, `__import__`.

use super::funcs::f;
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::rooted::Rooted;
use crate::vm::rooted::{Args, Scope};
use crate::vm::{PyResult, Vm, R_BUILTINS, R_FRAME};

pub(super) fn register(vm: &mut Vm) {
    f!(vm, "globals", |vm, _s, _a| {
        let f = vm.root(R_FRAME).obj().expect("frame");
        Ok(Value(f.word(FRAME_GLOBALS)))
    });
    f!(vm, "locals", super::dir_vars::bi_locals);
    f!(vm, "vars", super::dir_vars::bi_vars);
    f!(vm, "dir", super::dir_vars::bi_dir);
    f!(vm, "input", |vm, _s, a| {
        if let Some(p) = a.opt_v(vm, 0) {
            let s = vm.str_of(p)?;
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
    let d = vm.root(R_BUILTINS);
    vm.add_native_fn(d, "__build_class__", crate::builtins::types::build_class);
    f!(vm, "__import__", |vm, _s, a| {
        a.check(vm, "__import__", 1, 5)?;
        // `level.__index__` may run Python code: the name and fromlist are
        // read after it
        let level = match a.opt_v(vm, 4) {
            Some(l) => vm.index_of(l)?,
            None => 0,
        };
        let n = vm.intern_value(a.v(vm, 0));
        let fl = a.opt_v(vm, 3).unwrap_or(Value::NONE);
        vm.import_name(n, fl, level)
    });
}

pub(super) fn bi_print<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let p = a.pos();
    let sep = a.kwarg_v(vm, "sep").filter(|v| !v.is_none());
    let end = a.kwarg_v(vm, "end").filter(|v| !v.is_none());
    let file = a.kwarg_v(vm, "file").filter(|v| !v.is_none());
    let flush = a.kwarg_v(vm, "flush");
    let sep = sep
        .map(|s| Vm::as_str(s).to_string())
        .unwrap_or_else(|| " ".into());
    let end = end
        .map(|s| Vm::as_str(s).to_string())
        .unwrap_or_else(|| "\n".into());
    vm.scope(|vm, s| {
        let hs: Vec<Rooted> = (0..p.len()).map(|i| p.rooted(i)).collect();
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

fn bi_exit<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let t = vm.ty(T::SystemExit);
    let code = a.opt_v(vm, 0).unwrap_or(Value::NONE);
    let args: Vec<Value> = a.opt_v(vm, 0).into_iter().collect();
    let e = vm.new_exc(t, &args);
    let _ = code;
    Err(vm.raise_value(e, Value::NULL))
}

fn bi_open<'s>(vm: &mut Vm, _s: Scope<'s>, a: Args<'s>) -> PyResult {
    let p = a.pos();
    p.check(vm, "open", 1, 3)?;
    let path = Vm::as_str(p.v(vm, 0)).to_string();
    let mode = p
        .opt_v(vm, 1)
        .map(|m| Vm::as_str(m).to_string())
        .unwrap_or_else(|| "r".into());
    crate::modules::io::open_file(vm, &path, &mode)
}
