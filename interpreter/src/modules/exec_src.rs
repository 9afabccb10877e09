//! Modules written as Python source run in a module dict, `__future__`,
//! and `builtins` (the module view of the builtins dict).

use crate::object::value::Value;
use crate::vm::{PyResult, Vm, R_BUILTINS};

/// Runs Python source with `d` as its globals.
pub fn exec_in(vm: &mut Vm, d: Value, src: &str, filename: &str) -> PyResult<()> {
    let unit = match crate::compile::compile_module(src, filename, false) {
        Ok(u) => u,
        Err(e) => return Err(vm.raise_syntax_error(src, filename, &e)),
    };
    vm.scope(|vm, s| {
        let h = s.root_value(vm, d);
        let code = vm.make_code(&unit);
        let d = h.get(vm).value();
        let info = vm.code_info(code);
        let f = vm.new_frame(code, d, Value::NONE, &info);
        vm.run_frame(f, false)?;
        Ok(())
    })
}

pub fn init_empty(vm: &mut Vm, d: Value) -> PyResult<()> {
    if let Some(dir) = crate::modules::stdlib_path::stdlib_dir() {
        let path = format!("{dir}/__future__.py");
        if let Ok(src) = std::fs::read_to_string(&path) {
            return exec_in(vm, d, &src, &path);
        }
    }
    vm.scope(|vm, s| {
        let h = s.root_value(vm, d);
        for n in [
            "annotations",
            "division",
            "print_function",
            "absolute_import",
            "generators",
            "with_statement",
        ] {
            let d = h.get(vm).value();
            vm.set_str_item(d, n, Value::TRUE);
        }
        Ok(())
    })
}

pub fn init_builtins_mod(vm: &mut Vm, d: Value) -> PyResult<()> {
    let b = vm.root(R_BUILTINS);
    vm.dict_update(d, b)
}
