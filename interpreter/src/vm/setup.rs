//! Creating the VM (collector from the registry) and running programs.

use super::gcstats::GcTools;
use super::{Roots, Vm, R_EXC, R_MAIN};
use crate::object::layout::build_type_table;
use crate::object::value::Value;
use crate::object::T;
use gc_api::{CollectorEnv, ConfigError, GcConfig, Mutator, RawMemory};
use std::sync::Arc;

/// How a program run ended.
pub enum RunEnd {
    Ok,
    /// Exit status (SystemExit or uncaught exception already printed).
    Exit(i32),
}

impl Vm {
    /// A VM on the collector named in `config`.
    pub fn new(
        config: &GcConfig,
        argv: Vec<String>,
        script_dir: String,
    ) -> Result<Vm, ConfigError> {
        let tools = GcTools::open(&Default::default()).map_err(ConfigError)?;
        Vm::with_gc_tools(config, argv, script_dir, tools)
    }

    /// A VM whose collector reports to `gcx` (--gc-stats, --gc-log).
    pub fn with_gc_tools(
        config: &GcConfig,
        argv: Vec<String>,
        script_dir: String,
        mut gcx: GcTools,
    ) -> Result<Vm, ConfigError> {
        let types = Arc::new(build_type_table());
        let env = CollectorEnv {
            types,
            raw: Arc::new(RawMemory::default()),
        };
        let collector = gc_registry::build(config, env.clone())?;
        let mut m = Mutator::new(collector, &env, config);
        gcx.attach(&mut m, config);
        // The start-up objects (builtins, type objects, the runtime
        // modules) live as long as the program: a generational collector
        // may allocate them old rather than copy them out of the nursery.
        m.pretenure_enter();
        let mut vm = Vm {
            m,
            r: Roots::new(),
            codes: Vec::new(),
            builtins_tab: Vec::new(),
            depth: 0,
            rec_limit: 1000,
            epoch: 0,
            next_tag: 0,
            out: Vec::with_capacity(1 << 16),
            argv,
            script_dir,
            rng: crate::support::random::PyRandom::from_seed(&num_bigint::BigInt::from(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos())
                    .unwrap_or(0),
            )),
            gc_enabled: true,
            sources: Vec::new(),
            gc_count: 0,
            reraise: false,
            torture_on: config.torture != 0,
            repr_depth: 0,
            start: std::time::Instant::now(),
            gcx,
            fin: Default::default(),
            mcache: Default::default(),
            mem: Default::default(),
            trace: Default::default(),
            trace_pc: false,
            cur_native: super::method_desc::CurNative::NONE,
            jit: Default::default(),
        };
        vm.bootstrap();
        vm.mem_init(config.max_heap);
        crate::modules::weakref::install(&mut vm);
        let main = vm.new_module("__main__");
        vm.set_root(R_MAIN, main);
        let mods = vm.root(super::R_MODULES);
        let k = vm.new_str("__main__");
        vm.dict_set_str(mods, k, main);
        if vm.import_module("sys").is_err() {
            // The runtime's own modules failed to load (a max-heap too
            // small to start in, say): running the program without them
            // would fail later in confusing ways.
            vm.report_uncaught();
            let hint = match config.max_heap {
                Some(n) => format!(" (is max-heap={n} too small?)"),
                None => String::new(),
            };
            return Err(ConfigError(format!(
                "the interpreter could not start: loading its runtime modules failed{hint}"
            )));
        }
        vm.m.pretenure_exit();
        Ok(vm)
    }

    /// Runs source as `__main__`; prints uncaught exceptions.
    pub fn run_main(&mut self, src: &str, filename: &str) -> RunEnd {
        let main = self.root(R_MAIN);
        let f = self.new_str(filename);
        self.set_str_item(Vm::module_dict(main), "__file__", f);
        let main = self.root(R_MAIN);
        let r = self.exec_source(src, filename, main, false);
        self.flush_out();
        let end = match r {
            Ok(_) => RunEnd::Ok,
            Err(_) => RunEnd::Exit(self.report_uncaught()),
        };
        crate::modules::weakref::run_atexit(self);
        self.flush_out();
        end
    }

    /// Prints the current exception (or handles SystemExit); returns the exit status.
    pub fn report_uncaught(&mut self) -> i32 {
        self.flush_out();
        let e = self.root(R_EXC);
        self.set_root(R_EXC, Value::NULL);
        if self.isinstance(e, self.ty(T::SystemExit)) {
            let o = e.obj().expect("exc");
            let code = Vm::get(o, crate::vm::exc::EX_VALUE);
            if code.is_none() || code.is_null() {
                return 0;
            }
            if let Some(n) = Vm::int_as_i64(code) {
                return n as i32;
            }
            let s = self.str_of(code).unwrap_or_default();
            eprintln!("{s}");
            return 1;
        }
        if self.isinstance(e, self.ty(T::SyntaxError)) {
            eprint!("{}", self.format_syntax_error(e));
            return 1;
        }
        let mut out = String::new();
        self.format_exception(e, &mut out, 0);
        self.flush_out();
        eprint!("{out}");
        1
    }

    fn format_syntax_error(&mut self, e: Value) -> String {
        let get = |vm: &mut Vm, n: &str| -> Value {
            let k = vm.intern(n);
            vm.getattr_opt(e, k).ok().flatten().unwrap_or(Value::NONE)
        };
        let file = get(self, "filename");
        let line = get(self, "lineno");
        let off = get(self, "offset");
        let text = get(self, "text");
        let mut out = String::new();
        out.push_str(&format!(
            "  File \"{}\", line {}\n",
            Vm::as_str(file),
            Vm::int_as_i64(line).unwrap_or(0)
        ));
        let t = Vm::as_str(text);
        let trimmed = t.trim_start();
        let indent = t.chars().count() - trimmed.chars().count();
        if !trimmed.trim_end().is_empty() {
            out.push_str(&format!("    {}\n", trimmed.trim_end()));
            let col = (Vm::int_as_i64(off).unwrap_or(1) as usize)
                .saturating_sub(1)
                .saturating_sub(indent);
            out.push_str(&format!("    {}^\n", " ".repeat(col)));
        }
        let l = self.exc_line(e);
        out.push_str(&l);
        out.push('\n');
        out
    }
}
