//! The import system: `sys.modules`, native modules, `.py` files and packages
//! found on `sys.path` (a real list: the script directory, then the CPython
//! standard library found by [`super::stdlib_path`]), relative imports.
//!
//! Order for `import a.b`: `sys.modules`, then the parent package `a`, then the
//! native modules (`BUILTIN_MODULES`, which win over stdlib files of the same
//! name), then `b.py` / `b/__init__.py` in each directory of `a.__path__`
//! (`sys.path` for top-level names). Packages get `__path__ = [dir]`; every
//! file module gets `__file__`, `__package__`, `__spec__ = None`.

use super::BUILTIN_MODULES;
use crate::object::layout::*;
use crate::object::value::Value;
use crate::object::T;
use crate::vm::{PyResult, Vm, R_FRAME, R_MODULES};

impl Vm {
    /// `import name` / `from name import ...` (returns the module to bind).
    pub fn import_name(&mut self, name: Value, fromlist: Value, level: i64) -> PyResult {
        let mut full = Vm::as_str(name).to_string();
        if level > 0 {
            full = self.resolve_relative(&full, level)?;
        }
        if full.is_empty() {
            return Err(self.raise_msg(T::ValueError, "Empty module name"));
        }
        // Read `fromlist` before importing: the import runs Python code
        // (safepoints), after which this bare value may be stale.
        let no_fromlist = fromlist.is_none() || fromlist.is_null() || Vm::tuple_is_empty(fromlist);
        let m = self.import_module(&full)?;
        if no_fromlist && level == 0 {
            if let Some(top) = full.split('.').next() {
                if top != full {
                    return self.import_module(top);
                }
            }
        }
        Ok(m)
    }

    fn tuple_is_empty(v: Value) -> bool {
        (Vm::is_kind(v, Kind::Tuple) && Vm::tuple_len(v) == 0)
            || (Vm::is_kind(v, Kind::List) && Vm::list_len(v) == 0)
    }

    /// The absolute name of a relative import from the current frame's module
    /// (CPython's `_calc___package__` + `_resolve_name`).
    fn resolve_relative(&mut self, name: &str, level: i64) -> PyResult<String> {
        let g = match self.root(R_FRAME).obj() {
            Some(f) => Value(f.word(FRAME_GLOBALS)),
            None => Value::NULL,
        };
        let mut package = String::new();
        if g.is_ref() {
            let pk = self.intern("__package__");
            match self.dict_get_str(g, pk) {
                Some(p) if Vm::is_str(p) => package = Vm::as_str(p).to_string(),
                _ => {
                    let nk = self.intern("__name__");
                    if let Some(n) = self.dict_get_str(g, nk).filter(|n| Vm::is_str(*n)) {
                        package = Vm::as_str(n).to_string();
                        let pathk = self.intern("__path__");
                        if self.dict_get_str(g, pathk).is_none() {
                            package = match package.rfind('.') {
                                Some(i) => package[..i].to_string(),
                                None => String::new(),
                            };
                        }
                    }
                }
            }
        }
        if package.is_empty() {
            return Err(self.raise_msg(
                T::ImportError,
                "attempted relative import with no known parent package",
            ));
        }
        let bits: Vec<&str> = package.rsplitn(level as usize, '.').collect();
        if bits.len() < level as usize {
            return Err(self.raise_msg(
                T::ImportError,
                "attempted relative import beyond top-level package",
            ));
        }
        let base = bits[bits.len() - 1];
        Ok(if name.is_empty() {
            base.to_string()
        } else {
            format!("{base}.{name}")
        })
    }

    fn sys_modules_get(&mut self, full: &str) -> Option<Value> {
        let key = self.new_str(full);
        let mods = self.root(R_MODULES);
        self.dict_get_str(mods, key)
    }

    /// The directories to search for top-level modules: the str items of `sys.path`.
    fn sys_path_dirs(&mut self) -> PyResult<Vec<String>> {
        let sys = self.import_module("sys")?;
        let k = self.intern("path");
        let p = self.dict_get_str(Vm::module_dict(sys), k);
        Ok(Vm::str_items(p))
    }

    fn str_items(p: Option<Value>) -> Vec<String> {
        let items = match p {
            Some(l) if Vm::is_kind(l, Kind::List) => Vm::list_items(l),
            Some(t) if Vm::is_kind(t, Kind::Tuple) => Vm::tuple_items(t),
            _ => vec![],
        };
        items
            .into_iter()
            .filter(|v| Vm::is_str(*v))
            .map(|v| match Vm::as_str(v) {
                "" => ".".to_string(),
                s => s.to_string(),
            })
            .collect()
    }

    /// Imports a module by its full dotted name. What a module's import
    /// creates (code, functions, classes, tables) mostly lives as long as
    /// the module: it is allocated under the collector's pretenuring hint.
    pub fn import_module(&mut self, full: &str) -> PyResult {
        if let Some(m) = self.sys_modules_get(full) {
            if !m.is_none() {
                return Ok(m);
            }
            return self.import_module_inner(full);
        }
        self.m.pretenure_enter();
        let r = self.import_module_inner(full);
        self.m.pretenure_exit();
        r
    }

    fn import_module_inner(&mut self, full: &str) -> PyResult {
        if let Some(m) = self.sys_modules_get(full) {
            if m.is_none() {
                // import_helper.import_fresh_module(blocked=...) does this
                let msg = format!("import of {full} halted; None in sys.modules");
                return Err(self.raise_import_error(T::ModuleNotFoundError, &msg, full));
            }
            return Ok(m);
        }
        let mut parent = Value::NULL;
        if let Some(dot) = full.rfind('.') {
            parent = self.import_module(&full[..dot])?;
            if let Some(m) = self.sys_modules_get(full) {
                return Ok(m);
            }
        }
        if let Some((_, init)) = BUILTIN_MODULES.iter().find(|(n, _)| *n == full) {
            let hp = self.push_root(parent);
            let m = self.new_module(full);
            let h = self.push_root(m);
            let mods = self.root(R_MODULES);
            let key = self.new_str(full);
            self.dict_set_str(mods, key, m);
            let r = init(self, Vm::module_dict(m));
            let m = self.root(h);
            self.pop_roots(hp);
            if let Err(e) = r {
                self.forget_module(full); // as CPython: no half-made module stays
                return Err(e);
            }
            if let Some(dot) = full.rfind('.') {
                self.bind_submodule(&full[..dot], &full[dot + 1..], m)?;
            }
            return Ok(m);
        }
        let last = full.rsplit('.').next().unwrap_or(full).to_string();
        let dirs = if parent.is_null() {
            self.sys_path_dirs()?
        } else {
            let k = self.intern("__path__");
            let p = self.dict_get_str(Vm::module_dict(parent), k);
            if p.is_none() {
                let pn = &full[..full.rfind('.').unwrap_or(0)];
                let msg = format!("No module named '{full}'; '{pn}' is not a package");
                return Err(self.raise_import_error(T::ModuleNotFoundError, &msg, full));
            }
            Vm::str_items(p)
        };
        for d in dirs {
            let pkg_dir = format!("{d}/{last}");
            for (cand, is_pkg) in [
                (format!("{d}/{last}.py"), false),
                (format!("{pkg_dir}/__init__.py"), true),
            ] {
                if let Ok(src) = std::fs::read_to_string(&cand) {
                    let pkg_dir = if is_pkg { Some(pkg_dir.as_str()) } else { None };
                    return self.load_source_module(full, &cand, &src, pkg_dir);
                }
            }
        }
        let msg = format!("No module named '{full}'");
        Err(self.raise_import_error(T::ModuleNotFoundError, &msg, full))
    }

    /// Creates module `full` from `src`, registers it in `sys.modules` and runs it.
    fn load_source_module(
        &mut self,
        full: &str,
        file: &str,
        src: &str,
        pkg_dir: Option<&str>,
    ) -> PyResult {
        let m = self.new_module(full);
        let h = self.push_root(m);
        let f = self.new_str(file);
        self.set_str_item(Vm::module_dict(self.root(h)), "__file__", f);
        let package = match (pkg_dir, full.rfind('.')) {
            (Some(_), _) => full,
            (None, Some(i)) => &full[..i],
            (None, None) => "",
        };
        let p = self.new_str(package);
        self.set_str_item(Vm::module_dict(self.root(h)), "__package__", p);
        self.set_str_item(Vm::module_dict(self.root(h)), "__spec__", Value::NONE);
        self.set_str_item(Vm::module_dict(self.root(h)), "__loader__", Value::NONE);
        if let Some(dir) = pkg_dir {
            let ds = self.new_str(dir);
            let l = self.new_list(&[ds]);
            self.set_str_item(Vm::module_dict(self.root(h)), "__path__", l);
        }
        let mods = self.root(R_MODULES);
        let key = self.new_str(full);
        let m = self.root(h);
        self.dict_set_str(mods, key, m);
        let r = self.exec_source(src, file, m, false);
        self.pop_roots(h);
        if let Err(e) = r {
            self.forget_module(full);
            return Err(e);
        }
        // the module may have replaced itself in sys.modules
        let m = match self.sys_modules_get(full) {
            Some(m) => m,
            None => {
                let msg = format!("Loaded module {full} not found in sys.modules");
                return Err(self.raise_msg(T::ImportError, &msg));
            }
        };
        if let Some(dot) = full.rfind('.') {
            self.bind_submodule(&full[..dot], &full[dot + 1..], m)?;
        }
        Ok(m)
    }

    /// Drops `full` from `sys.modules` after its import failed (the
    /// exception being raised stays the current one).
    fn forget_module(&mut self, full: &str) {
        let mods = self.root(R_MODULES);
        let key = self.new_str(full);
        if self.dict_get_str(mods, key).is_some() {
            let _ = self.dict_del(mods, key);
        }
    }

    fn bind_submodule(&mut self, parent: &str, child: &str, m: Value) -> PyResult<()> {
        let h = self.push_root(m);
        let p = self.import_module(parent);
        let m = self.root(h);
        self.pop_roots(h);
        let p = p?;
        if Vm::is_kind(p, Kind::Module) {
            self.set_str_item(Vm::module_dict(p), child, m);
        }
        Ok(())
    }

    /// `from m import name`.
    pub fn import_from(&mut self, m: Value, name: Value) -> PyResult {
        let h = self.push_root(m);
        let hn = self.push_root(name);
        let r = self.getattr_opt(m, name);
        let (m, name) = (self.root(h), self.root(hn));
        self.pop_roots(h);
        match r? {
            Some(v) => Ok(v),
            None => {
                let h = self.push_root(m);
                let hn = self.push_root(name);
                let hook = self.module_getattr_hook(m, name);
                let (m, name) = (self.root(h), self.root(hn));
                self.pop_roots(h);
                if let Some(v) = hook? {
                    return Ok(v);
                }
                if Vm::is_kind(m, Kind::Module) {
                    let mn = self.module_name(m);
                    let sub = format!("{}.{}", mn, Vm::as_str(name));
                    let nm = Vm::as_str(name).to_string();
                    let d = Vm::module_dict(m);
                    let pk = self.intern("__path__");
                    let is_pkg = self.dict_get_str(d, pk).is_some();
                    let fk = self.intern("__file__");
                    let file = self
                        .dict_get_str(d, fk)
                        .filter(|f| Vm::is_str(*f))
                        .map(|f| Vm::as_str(f).to_string());
                    if is_pkg {
                        match self.import_module(&sub) {
                            Ok(v) => return Ok(v),
                            Err(e) => {
                                // a missing dependency of the submodule propagates
                                let ex = self.root(crate::vm::R_EXC);
                                let own = format!("No module named '{sub}'");
                                let is_own = self.exc_is(T::ModuleNotFoundError)
                                    && self.str_of(ex).is_ok_and(|m| m == own);
                                if !is_own {
                                    self.set_root(crate::vm::R_EXC, ex);
                                    return Err(e);
                                }
                                self.take_exc();
                            }
                        }
                    }
                    let loc = file.unwrap_or_else(|| "unknown location".into());
                    let msg = format!("cannot import name '{nm}' from '{mn}' ({loc})");
                    return Err(self.raise_msg(T::ImportError, &msg));
                }
                Err(self.attr_error(m, name))
            }
        }
    }

    /// `from m import *`: `__all__` if defined, else the public names.
    pub fn import_star(&mut self, m: Value, globals: Value) -> PyResult<()> {
        let d = Vm::module_dict(m);
        let ak = self.intern("__all__");
        let hm = self.push_root(m);
        let hg = self.push_root(globals);
        let r = self.import_star_inner(d, ak, hm, hg);
        self.pop_roots(hm);
        r
    }

    fn import_star_inner(&mut self, d: Value, ak: Value, hm: usize, hg: usize) -> PyResult<()> {
        if let Some(all) = self.dict_get_str(d, ak) {
            let names = self.collect(all)?;
            let base = self.root_depth();
            for n in &names {
                self.push_root(*n);
            }
            for i in 0..names.len() {
                let n = self.root(base + i);
                let n = self.intern_value(n);
                let m = self.root(hm);
                let v = self.getattr(m, n)?;
                let g = self.root(hg);
                self.dict_set_str(g, n, v);
            }
            return Ok(());
        }
        let keys = Vm::dict_keys_vec(d);
        for k in keys {
            if Vm::as_str(k).starts_with('_') {
                continue;
            }
            let d = Vm::module_dict(self.root(hm));
            if let Some(v) = self.dict_get_str(d, k) {
                let g = self.root(hg);
                self.dict_set_str(g, k, v);
            }
        }
        Ok(())
    }
}
