//! CPython's argument parsing for natives ([`Args`] in, CPython's messages
//! out): argument clinic's keyword binding (`_PyArg_UnpackKeywords`),
//! the positional-only count check (`_PyArg_CheckPositional`), the
//! no-keywords check of `METH_FASTCALL` functions, and the receiver check
//! of a builtin type's `__new__` (`tp_new_wrapper`).

use super::rooted::Args;
use super::{PyResult, Vm};
use crate::object::T;

/// A native's signature as argument clinic declares it: `names` lists every
/// parameter in order (the first `posonly` cannot be passed by keyword; the
/// ones from `maxpos` on are keyword-only); the first `required` are
/// mandatory.
pub struct Sig {
    pub fname: &'static str,
    pub names: &'static [&'static str],
    pub posonly: usize,
    pub maxpos: usize,
    pub required: usize,
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

impl Sig {
    /// Binds `args` to the parameters: for each, the index of its argument
    /// in `args` (None when not given). CPython's messages and order.
    pub fn bind(&self, vm: &mut Vm, args: Args<'_>) -> PyResult<Vec<Option<usize>>> {
        let (npos, nkw, f) = (args.npos(), args.nkw(), self.fname);
        let maxargs = self.names.len();
        let err = |vm: &mut Vm, m: String| Err(vm.raise_msg(T::TypeError, &m));
        if npos + nkw > maxargs {
            let kw = if npos == 0 { "keyword " } else { "" };
            let m = format!(
                "{f}() takes at most {maxargs} {kw}argument{} ({} given)",
                plural(maxargs),
                npos + nkw
            );
            return err(vm, m);
        }
        if npos > self.maxpos {
            let m = match self.maxpos {
                0 => format!("{f}() takes no positional arguments"),
                n => format!(
                    "{f}() takes {} {n} positional argument{} ({npos} given)",
                    if self.required < n {
                        "at most"
                    } else {
                        "exactly"
                    },
                    plural(n)
                ),
            };
            return err(vm, m);
        }
        let minposonly = self.posonly.min(self.required);
        if npos < minposonly {
            let m = format!(
                "{f}() takes {} {minposonly} positional argument{} ({npos} given)",
                if minposonly < self.maxpos {
                    "at least"
                } else {
                    "exactly"
                },
                plural(minposonly)
            );
            return err(vm, m);
        }
        let mut out: Vec<Option<usize>> = (0..maxargs).map(|i| (i < npos).then_some(i)).collect();
        for (i, slot) in out.iter_mut().enumerate().skip(npos.max(self.posonly)) {
            *slot = args.kw_index(vm, self.names[i]);
            if slot.is_none() && i < self.required {
                let m = format!(
                    "{f}() missing required argument '{}' (pos {})",
                    self.names[i],
                    i + 1
                );
                return err(vm, m);
            }
        }
        if out.iter().flatten().filter(|&&i| i >= npos).count() == nkw {
            return Ok(out);
        }
        // a keyword naming a parameter already given by position, else one
        // that names no parameter (CPython checks in that order)
        let names = args.kwnames_v(vm);
        let kw: Vec<String> = (0..nkw)
            .map(|k| Vm::as_str(Vm::tuple_get(names, k)).to_string())
            .collect();
        for i in self.posonly..npos {
            if let Some(k) = kw.iter().find(|k| *k == self.names[i]) {
                let m = format!(
                    "argument for {f}() given by name ('{k}') and position ({})",
                    i + 1
                );
                return err(vm, m);
            }
        }
        let bad = (0..nkw)
            .find(|k| !out.contains(&Some(npos + k)))
            .unwrap_or(0);
        err(
            vm,
            format!("'{}' is an invalid keyword argument for {f}()", kw[bad]),
        )
    }
}

impl Vm {
    /// `_PyArg_CheckPositional(name, n, min, max)`: "eval expected at least
    /// 1 argument, got 0".
    pub fn check_positional(
        &mut self,
        name: &str,
        n: usize,
        min: usize,
        max: usize,
    ) -> PyResult<()> {
        let (bound, k) = match n {
            n if n < min => (if min == max { "" } else { "at least " }, min),
            n if n > max => (if min == max { "" } else { "at most " }, max),
            _ => return Ok(()),
        };
        let m = format!("{name} expected {bound}{k} argument{}, got {n}", plural(k));
        Err(self.raise_msg(T::TypeError, &m))
    }

    /// A function that takes no keyword arguments was given some.
    pub fn check_no_kwargs(&mut self, name: &str, args: Args<'_>) -> PyResult<()> {
        if args.nkw() == 0 {
            return Ok(());
        }
        let m = format!("{name}() takes no keyword arguments");
        Err(self.raise_msg(T::TypeError, &m))
    }

    /// The receiver check of `owner.__new__(cls, ...)` (CPython's
    /// `tp_new_wrapper`): `cls` must be a subtype of `owner`.
    pub fn check_new_receiver(&mut self, owner: T, args: Args<'_>) -> PyResult<()> {
        let oname = Vm::type_name(self.ty(owner)).to_string();
        let Some(cls) = args.opt_v(self, 0) else {
            let m = format!("{oname}.__new__(): not enough arguments");
            return Err(self.raise_msg(T::TypeError, &m));
        };
        if !Vm::is_type(cls) {
            let m = format!(
                "{oname}.__new__(X): X is not a type object ({})",
                self.type_name_of(cls)
            );
            return Err(self.raise_msg(T::TypeError, &m));
        }
        if !Vm::is_subtype(cls, self.ty(owner)) {
            let c = Vm::type_name(cls).to_string();
            let m = format!("{oname}.__new__({c}): {c} is not a subtype of {oname}");
            return Err(self.raise_msg(T::TypeError, &m));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::value::Value;

    fn vm() -> Vm {
        let none: [(String, String); 0] = [];
        let cfg =
            gc_api::GcConfig::from_sources(none, [("gc", "incminimark")], &[]).expect("config");
        Vm::new(&cfg, vec!["t".into()], ".".into()).unwrap_or_else(|e| panic!("vm: {e:?}"))
    }

    const SIG: Sig = Sig {
        fname: "f",
        names: &["a", "b", "c", "k"],
        posonly: 1,
        maxpos: 3,
        required: 2,
    };

    /// Binds `pos` positional ints and keywords `kw`; the message on error.
    fn bind(vm: &mut Vm, pos: usize, kw: &[&str]) -> Result<Vec<Option<usize>>, String> {
        let mut vals: Vec<Value> = (0..pos + kw.len()).map(|i| Value::int(i as i64)).collect();
        vals.truncate(pos + kw.len());
        let names: Vec<Value> = kw.iter().map(|k| vm.intern(k)).collect();
        let kwn = if kw.is_empty() {
            Value::NULL
        } else {
            vm.new_tuple(&names)
        };
        let r = vm.with_args(&vals, kwn, |vm, _s, args| SIG.bind(vm, args));
        r.map_err(|_| {
            let e = vm.take_exc();
            vm.exc_line(e)
        })
    }

    #[test]
    fn binds_positional_and_keywords_with_cpython_messages() {
        let mut vm = vm();
        assert_eq!(
            bind(&mut vm, 2, &[]),
            Ok(vec![Some(0), Some(1), None, None])
        );
        assert_eq!(
            bind(&mut vm, 1, &["k", "b"]),
            Ok(vec![Some(0), Some(2), None, Some(1)])
        );
        let e = |m: &str| Err(format!("TypeError: {m}"));
        assert_eq!(
            bind(&mut vm, 0, &[]),
            e("f() takes at least 1 positional argument (0 given)")
        );
        assert_eq!(
            bind(&mut vm, 1, &[]),
            e("f() missing required argument 'b' (pos 2)")
        );
        assert_eq!(
            bind(&mut vm, 4, &[]),
            e("f() takes at most 3 positional arguments (4 given)")
        );
        assert_eq!(
            bind(&mut vm, 3, &["k", "x"]),
            e("f() takes at most 4 arguments (5 given)")
        );
        assert_eq!(
            bind(&mut vm, 2, &["x"]),
            e("'x' is an invalid keyword argument for f()")
        );
        assert_eq!(
            bind(&mut vm, 2, &["a"]),
            e("'a' is an invalid keyword argument for f()")
        );
        assert_eq!(
            bind(&mut vm, 2, &["b"]),
            e("argument for f() given by name ('b') and position (2)")
        );
    }

    #[test]
    fn positional_count_messages() {
        let mut vm = vm();
        assert!(vm.check_positional("eval", 0, 1, 3).is_err());
        let e = vm.take_exc();
        assert_eq!(
            vm.exc_line(e),
            "TypeError: eval expected at least 1 argument, got 0"
        );
        assert!(vm.check_positional("g", 2, 1, 1).is_err());
        let e = vm.take_exc();
        assert_eq!(vm.exc_line(e), "TypeError: g expected 1 argument, got 2");
        assert!(vm.check_positional("g", 1, 1, 1).is_ok());
    }
}
