//! The `sys` module.

use crate::object::value::Value;
use crate::object::T;
use crate::vm::{PyResult, Vm, R_MODULES};

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    let h = vm.push_root(d);
    let argv: Vec<String> = vm.argv.clone();
    let vals: Vec<Value> = argv.iter().map(|a| vm.new_str(a)).collect();
    let l = vm.new_list(&vals);
    let d = vm.root(h);
    vm.set_str_item(d, "argv", l);
    let mods = vm.root(R_MODULES);
    vm.set_str_item(d, "modules", mods);
    let v = vm.new_str("3.11.0 (pygc)");
    vm.set_str_item(d, "version", v);
    let vi = vm.new_tuple(&[Value::int(3), Value::int(11), Value::int(0)]);
    vm.set_str_item(d, "version_info", vi);
    let p = vm.new_str("linux");
    vm.set_str_item(d, "platform", p);
    let pl = vm.new_str("lib");
    vm.set_str_item(d, "platlibdir", pl);
    let ab = vm.new_str("");
    vm.set_str_item(d, "abiflags", ab);
    let bo = vm.new_str("little");
    vm.set_str_item(d, "byteorder", bo);
    vm.set_str_item(d, "maxsize", Value::int(i64::MAX >> 2));
    let e = vm.new_str(
        &std::env::current_exe()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
    );
    vm.set_str_item(d, "executable", e);
    let mut dirs = vec![vm.script_dir.clone()];
    let stdlib = crate::modules::stdlib_path::stdlib_dir();
    // sys.prefix: the installation prefix of that stdlib (<prefix>/lib/python3.X)
    let prefix = stdlib
        .as_deref()
        .and_then(|s| std::path::Path::new(s).parent()?.parent())
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "/usr".into());
    for k in ["prefix", "base_prefix", "exec_prefix", "base_exec_prefix"] {
        let v = vm.new_str(&prefix);
        vm.set_str_item(vm.root(h), k, v);
    }
    dirs.extend(stdlib);
    let dirs: Vec<Value> = dirs.iter().map(|s| vm.new_str(s)).collect();
    let path = vm.new_list(&dirs);
    vm.set_str_item(d, "path", path);
    let wo = vm.new_list(&[]);
    vm.set_str_item(d, "warnoptions", wo);
    let bmn: Vec<Value> = crate::modules::builtin_module_names()
        .iter()
        .map(|n| vm.new_str(n))
        .collect();
    let bmn = vm.new_tuple(&bmn);
    vm.set_str_item(d, "builtin_module_names", bmn);
    let impl_name = vm.new_str("pygc");
    vm.set_str_item(d, "implementation_name", impl_name);
    crate::modules::int_max_digits::install(vm, vm.root(h));
    let d = vm.root(h);
    vm.add_native_fn(d, "getrecursionlimit", |vm, _s, _args| {
        Ok(Value::int(vm.rec_limit as i64))
    });
    vm.add_native_fn(d, "setrecursionlimit", |vm, _s, args| {
        args.check(vm, "setrecursionlimit", 1, 1)?;
        let n = vm.index_of(args.v(vm, 0))?;
        if n < 1 {
            return Err(vm.raise_msg(
                T::ValueError,
                "recursion limit must be greater or equal than 1",
            ));
        }
        vm.rec_limit = n.min(200_000) as u32;
        Ok(Value::NONE)
    });
    vm.add_native_fn(d, "exit", |vm, _s, args| {
        let t = vm.ty(T::SystemExit);
        let a = args.values(vm);
        let e = vm.new_exc(t, &a);
        Err(vm.raise_value(e, Value::NULL))
    });
    vm.add_native_fn(d, "exc_info", |vm, _s, _args| {
        let e = vm.root(crate::vm::R_HANDLED);
        if e.is_ref() {
            let t = vm.type_of(e);
            let tb = vm.exc_traceback(e);
            Ok(vm.new_tuple(&[t, e, tb]))
        } else {
            Ok(vm.new_tuple(&[Value::NONE, Value::NONE, Value::NONE]))
        }
    });
    vm.add_native_fn(d, "getsizeof", crate::vm::gcheap::getsizeof);
    vm.add_native_fn(d, "intern", |vm, _s, args| {
        Ok(vm.intern_value(args.v(vm, 0)))
    });
    let out = crate::modules::io::stdout_obj(vm, false)?;
    vm.set_str_item(vm.root(h), "stdout", out);
    let err = crate::modules::io::stdout_obj(vm, true)?;
    vm.set_str_item(vm.root(h), "stderr", err);
    vm.add_native_fn(vm.root(h), "_getframe", |vm, _s, args| {
        args.check(vm, "_getframe", 0, 1)?;
        let mut depth = match args.opt_v(vm, 0) {
            Some(n) => vm.index_of(n)?,
            None => 0,
        };
        let mut f = vm.cur_frame();
        while depth > 0 && f.is_ref() {
            f = Value(
                f.obj()
                    .expect("frame")
                    .word(crate::object::layout::FRAME_BACK),
            );
            depth -= 1;
        }
        if !f.is_ref() {
            return Err(vm.raise_msg(T::ValueError, "call stack is not deep enough"));
        }
        Ok(f)
    });
    let r = crate::modules::pysrc::init_sys_py(vm, vm.root(h))
        .and_then(|_| crate::modules::pysrc::install_bytearray(vm))
        .and_then(|_| crate::modules::codecs::install(vm))
        .and_then(|_| crate::modules::lang_py::install(vm));
    vm.pop_roots(h);
    r?;
    Ok(())
}
