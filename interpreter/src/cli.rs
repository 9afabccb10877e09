//! The `pygc` command line: options, script / -c / -m / REPL, exit codes.

use crate::vm::gcstats::{GcTools, ToolOpts, TOOL_ENV};
use crate::vm::setup::RunEnd;
use crate::vm::Vm;
use gc_api::GcConfig;

const USAGE: &str = "usage: pygc [option] ... [-c cmd | -m mod | file | -] [arg] ...
Options:
  -c cmd          program passed in as string
  -m mod          run library module as a script
  --gc=NAME       garbage collector (default incminimark)
  --gc-opt K=V    collector option (see --help-gc)
  -X gc-K=V       same as --gc-opt K=V
  --help-gc       list collectors and GC options
  --gc-no-pressure  raw memory (numpy buffers) does not pace collections (PYGC_PRESSURE=0)
  --list-gcs      print the collector names, one per line
  --gc-stats[=json]  GC summary (pauses, MMU, peaks) to stderr at exit (PYGC_STATS)
  --gc-stats-file=FILE  the JSON GC summary to FILE at exit (PYGC_STATS_FILE)
  --gc-log=FILE   one JSON line per GC event to FILE, '-' = stderr (PYGC_LOG)
  --heap-snapshot=FILE  heap snapshot to FILE at exit, for pygc-heap (PYGC_HEAP_SNAPSHOT)
  -X tracemalloc[=N]  record the N (default 1) innermost frames of every allocation
                  (PYGC_TRACE_ALLOC=N, PYTHONTRACEMALLOC=N): tracemalloc, pygc-heap sites
  --jit=on|off    compile hot functions with the method JIT (PYGC_JIT; default off;
                  PYGC_JIT_THRESHOLD=N calls+loop iterations, default 1000)
  --jit-log       log compiled and rejected functions with compile times to stderr
                  (PYGC_JIT_LOG=1); PYGC_JIT_DUMP=NAME prints NAME's Cranelift IR
  --version       print the version and exit
  -h, --help      print this help and exit
Environment:
  PYGC_STDLIB=DIR  CPython stdlib directory for pure-Python modules (default: found
                   on the machine, 3.11 preferred); PYGC_STDLIB= (empty) disables it
";

enum Mode {
    Script(String),
    Command(String),
    Module(String),
    Repl,
}

/// Runs the CLI; returns the exit status.
pub fn main_with_args(args: Vec<String>) -> i32 {
    let mut gc_opts: Vec<(String, String)> = vec![];
    let mut i = 1;
    let mut mode = Mode::Repl;
    let mut trace_frames: Option<usize> = None;
    let mut rest: Vec<String> = vec![];
    let mut jit_flag: Option<String> = None;
    let mut jit_log = false;
    while i < args.len() {
        let a = &args[i];
        if a == "--version" || a == "-V" {
            println!("Python 3.11.0 (pygc {})", env!("CARGO_PKG_VERSION"));
            return 0;
        } else if a == "-h" || a == "--help" {
            print!("{USAGE}");
            return 0;
        } else if a == "--help-gc" {
            println!("collectors: {}", gc_registry::names().join(", "));
            for o in gc_api::OPTIONS {
                println!(
                    "  {:16} {:22} default {:12} {}",
                    o.key, o.env, o.default, o.doc
                );
            }
            return 0;
        } else if a == "--list-gcs" {
            for n in gc_registry::names() {
                println!("{n}");
            }
            return 0;
        } else if a == "--gc-stats" {
            gc_opts.push(("stats".into(), "1".into()));
        } else if let Some(v) = a.strip_prefix("--gc-stats=") {
            gc_opts.push(("stats".into(), v.into()));
        } else if let Some(v) = a.strip_prefix("--gc-stats-file=") {
            gc_opts.push(("stats-file".into(), v.into()));
        } else if let Some(v) = a.strip_prefix("--gc-log=") {
            gc_opts.push(("log".into(), v.into()));
        } else if a == "--gc-log" {
            i += 1;
            match args.get(i) {
                Some(v) => gc_opts.push(("log".into(), v.clone())),
                None => return usage_error("--gc-log requires a file name"),
            }
        } else if let Some(v) = a.strip_prefix("--heap-snapshot=") {
            gc_opts.push(("heap-snapshot".into(), v.into()));
        } else if a == "--heap-snapshot" {
            i += 1;
            match args.get(i) {
                Some(v) => gc_opts.push(("heap-snapshot".into(), v.clone())),
                None => return usage_error("--heap-snapshot requires a file name"),
            }
        } else if let Some(v) = a.strip_prefix("--jit=") {
            jit_flag = Some(v.to_string());
        } else if a == "--jit-log" {
            jit_log = true;
        } else if a == "--gc-no-pressure" {
            gc_opts.push(("pressure".into(), "0".into()));
        } else if let Some(n) = a.strip_prefix("--gc=") {
            gc_opts.push(("gc".into(), n.into()));
        } else if a == "--gc" {
            i += 1;
            match args.get(i) {
                Some(n) => gc_opts.push(("gc".into(), n.clone())),
                None => return usage_error("--gc requires a value"),
            }
        } else if a == "--gc-opt" || a == "-X" {
            i += 1;
            let Some(kv) = args.get(i) else {
                return usage_error(&format!("{a} requires an argument"));
            };
            let kv = if a == "-X" {
                match kv.strip_prefix("gc-") {
                    Some(x) => x.to_string(),
                    None => {
                        if kv == "tracemalloc" || kv.starts_with("tracemalloc=") {
                            match parse_trace_frames("-X", kv.strip_prefix("tracemalloc=")) {
                                Ok(n) => trace_frames = Some(n),
                                Err(code) => return code,
                            }
                        }
                        i += 1;
                        continue;
                    }
                }
            } else {
                kv.clone()
            };
            match kv.split_once('=') {
                Some((k, v)) => gc_opts.push((k.into(), v.into())),
                None => return usage_error(&format!("GC option must be KEY=VALUE, got '{kv}'")),
            }
        } else if let Some(kv) = a.strip_prefix("--gc-opt=") {
            match kv.split_once('=') {
                Some((k, v)) => gc_opts.push((k.into(), v.into())),
                None => return usage_error(&format!("GC option must be KEY=VALUE, got '{kv}'")),
            }
        } else if a == "-c" {
            i += 1;
            let Some(c) = args.get(i) else {
                return usage_error("Argument expected for the -c option");
            };
            mode = Mode::Command(c.clone());
            rest = args[i + 1..].to_vec();
            rest.insert(0, "-c".into());
            break;
        } else if a == "-m" {
            i += 1;
            let Some(m) = args.get(i) else {
                return usage_error("Argument expected for the -m option");
            };
            mode = Mode::Module(m.clone());
            rest = args[i..].to_vec();
            break;
        } else if a == "-u" || a == "-B" || a == "-O" || a == "-E" || a == "-s" || a == "-S" {
            // accepted and ignored
        } else if a.starts_with('-') && a != "-" {
            return usage_error(&format!("Unknown option: {a}"));
        } else {
            mode = Mode::Script(a.clone());
            rest = args[i..].to_vec();
            break;
        }
        i += 1;
    }
    if trace_frames.is_none() {
        for var in ["PYGC_TRACE_ALLOC", "PYTHONTRACEMALLOC"] {
            if let Ok(v) = std::env::var(var) {
                match parse_trace_frames(var, Some(&v)) {
                    Ok(0) => {}
                    Ok(n) => trace_frames = Some(n),
                    Err(code) => return code,
                }
                break;
            }
        }
    }
    let jit =
        match crate::jit::JitConfig::parse(jit_flag.as_deref(), jit_log, |k| std::env::var(k).ok())
        {
            Ok(c) => c,
            Err(e) => {
                eprintln!("pygc: {e}");
                return 2;
            }
        };
    let tools = match ToolOpts::take(std::env::vars(), &mut gc_opts) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("pygc: {e}");
            return 2;
        }
    };
    let explicit_gc = gc_opts.iter().any(|(k, _)| k == "gc") || std::env::var("PYGC_GC").is_ok();
    let overrides: Vec<(&str, &str)> = gc_opts
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let mut config = match GcConfig::from_env(
        overrides,
        &[
            "PYGC_STDLIB",
            "PYGC_BACKTRACE",
            "PYGC_TRACE_ALLOC",
            "PYGC_JIT",
            "PYGC_JIT_THRESHOLD",
            "PYGC_JIT_LOG",
            "PYGC_JIT_DUMP",
            TOOL_ENV[0],
            TOOL_ENV[1],
            TOOL_ENV[2],
            TOOL_ENV[3],
        ],
    ) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("pygc: {e}");
            return 2;
        }
    };
    if gc_registry::find(&config.collector).is_err() {
        if !explicit_gc && config.collector == gc_registry::DEFAULT_COLLECTOR {
            let first = gc_registry::COLLECTORS[0].name;
            eprintln!(
                "pygc: warning: default collector '{}' is not available, using '{}'",
                config.collector, first
            );
            config.collector = first.to_string();
        } else {
            eprintln!(
                "pygc: unknown collector '{}'; valid collectors: {}",
                config.collector,
                gc_registry::names().join(", ")
            );
            return 2;
        }
    }
    if rest.is_empty() {
        rest.push(String::new());
    }
    // Run on a thread with a large stack: nested dispatch loops (dunders,
    // generators) recurse on the Rust stack up to the recursion limit.
    let child = std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(move || run(config, tools, mode, rest, trace_frames, jit));
    match child {
        Ok(h) => h.join().unwrap_or(1),
        Err(e) => {
            eprintln!("pygc: cannot start interpreter thread: {e}");
            1
        }
    }
}

fn usage_error(msg: &str) -> i32 {
    eprintln!("pygc: {msg}");
    eprint!("{USAGE}");
    2
}

/// The frame count of `-X tracemalloc[=N]`, `PYGC_TRACE_ALLOC=N` or
/// `PYTHONTRACEMALLOC=N` (`None` value: 1). Bad values exit 2.
fn parse_trace_frames(what: &str, v: Option<&str>) -> Result<usize, i32> {
    let Some(v) = v else { return Ok(1) };
    match v.trim().parse::<usize>() {
        Ok(n) if n <= 65535 => Ok(n),
        _ => {
            eprintln!(
                "pygc: {what}: invalid number of frames '{v}' (valid: an integer from 0 to 65535)"
            );
            Err(2)
        }
    }
}

fn run(
    config: GcConfig,
    tools: ToolOpts,
    mode: Mode,
    argv: Vec<String>,
    trace_frames: Option<usize>,
    jit: crate::jit::JitConfig,
) -> i32 {
    if std::env::var("PYGC_BACKTRACE").is_err() {
        std::panic::set_hook(Box::new(|_| {}));
    }
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run_inner(config, tools, mode, argv, trace_frames, jit)
    }));
    match r {
        Ok(code) => code,
        Err(p) => {
            let msg = if let Some(s) = p.downcast_ref::<&str>() {
                s.to_string()
            } else if let Some(s) = p.downcast_ref::<String>() {
                s.clone()
            } else {
                "internal error".to_string()
            };
            eprintln!("SystemError: {msg}");
            1
        }
    }
}

fn run_inner(
    config: GcConfig,
    tools: ToolOpts,
    mode: Mode,
    argv: Vec<String>,
    trace_frames: Option<usize>,
    jit: crate::jit::JitConfig,
) -> i32 {
    let script_dir = match &mode {
        Mode::Script(p) => std::path::Path::new(p)
            .parent()
            .map(|d| {
                if d.as_os_str().is_empty() {
                    ".".to_string()
                } else {
                    d.display().to_string()
                }
            })
            .unwrap_or_else(|| ".".into()),
        _ => ".".into(),
    };
    // Created before the program runs, so a bad path fails at once.
    let snapshot = match &tools.heap_snapshot {
        None => None,
        Some(p) => match std::fs::File::create(p) {
            Ok(f) => Some((p.clone(), f)),
            Err(e) => {
                eprintln!("pygc: cannot write heap snapshot '{p}': {e}");
                return 2;
            }
        },
    };
    let gcx = match GcTools::open(&tools) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("pygc: {e}");
            return 2;
        }
    };
    let mut vm = match Vm::with_gc_tools(&config, argv, script_dir, gcx) {
        Ok(vm) => vm,
        Err(e) => {
            eprintln!("pygc: {e}");
            return 2;
        }
    };
    vm.jit.cfg = jit;
    if let Some(n) = trace_frames {
        vm.trace_start(n);
    }
    let end = match mode {
        Mode::Script(path) => {
            let src = if path == "-" {
                let mut s = String::new();
                let _ = std::io::Read::read_to_string(&mut std::io::stdin(), &mut s);
                s
            } else {
                match std::fs::read_to_string(&path) {
                    Ok(s) => s,
                    Err(e) => {
                        eprintln!(
                            "pygc: can't open file '{path}': [Errno {}] {}",
                            e.raw_os_error().unwrap_or(2),
                            e
                        );
                        return 2;
                    }
                }
            };
            vm.run_main(&src, &path)
        }
        Mode::Command(c) => vm.run_main(&c, "<string>"),
        Mode::Module(m) => {
            let path = format!("{}.py", m.replace('.', "/"));
            match std::fs::read_to_string(&path) {
                Ok(src) => vm.run_main(&src, &path),
                Err(_) => {
                    eprintln!("pygc: No module named {m}");
                    return 1;
                }
            }
        }
        Mode::Repl => {
            let code = repl(&mut vm);
            vm.gc_finish();
            return code;
        }
    };
    vm.flush_out();
    let mut snapshot_failed = false;
    if let Some((path, f)) = snapshot {
        if let Err(e) = vm.gc_write_heap_snapshot(f) {
            eprintln!("pygc: cannot write heap snapshot '{path}': {e}");
            snapshot_failed = true;
        }
    }
    vm.gc_finish();
    match end {
        RunEnd::Ok if snapshot_failed => 1,
        RunEnd::Ok => 0,
        RunEnd::Exit(c) => c,
    }
}

fn repl(vm: &mut Vm) -> i32 {
    println!("Python 3.11.0 (pygc) on {}", gc_name(vm));
    println!("Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.");
    let mut rl = match rustyline::DefaultEditor::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("pygc: cannot start the line editor: {e}");
            return 1;
        }
    };
    loop {
        let mut src = match rl.readline(">>> ") {
            Ok(l) => l,
            Err(rustyline::error::ReadlineError::Interrupted) => {
                println!("KeyboardInterrupt");
                continue;
            }
            Err(_) => return 0,
        };
        if src.trim_end().ends_with(':') || src.trim_end().ends_with('\\') {
            while let Ok(l) = rl.readline("... ") {
                if l.trim().is_empty() {
                    break;
                }
                src.push('\n');
                src.push_str(&l);
            }
        }
        if src.trim().is_empty() {
            continue;
        }
        let _ = rl.add_history_entry(src.as_str());
        src.push('\n');
        let main = vm.root(crate::vm::R_MAIN);
        let r = vm.exec_source(&src, "<stdin>", main, true);
        vm.flush_out();
        if r.is_err() {
            let e = vm.root(crate::vm::R_EXC);
            if vm.isinstance(e, vm.ty(crate::object::T::SystemExit)) {
                return vm.report_uncaught();
            }
            vm.report_uncaught();
        }
    }
}

fn gc_name(vm: &Vm) -> String {
    format!("gc={}", vm.m.collector_name())
}
