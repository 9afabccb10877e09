//! Runs every `tests/scripts/*.py` through the built `pygc` binary and
//! compares stdout byte-for-byte with the checked-in `.expected` file
//! (produced by CPython; `BLESS=1` regenerates them with `python3`).
//! Each script runs under every registered collector, plain and under
//! torture mode (`PYGC_TORTURE=1`: a collection at every safepoint, freed
//! memory poisoned, heap checks around every 8th (major) one), and under
//! torture on generational with `PYGC_TENURE=15` (objects keep moving
//! between survivor spaces). The GC regression scripts (`fuzz_*`,
//! `reentrant_*`, `gc_*`, `rooted_*`, `np_rooting*`) also run under torture
//! with `PYGC_VERIFY=2` (the barrier check and the heap check around every
//! collection) on the default collector and on always-moving generational.
//! Scripts with a `# requires: stdlib` line import pure-Python modules from the
//! CPython standard library found on the machine; they are skipped (with a
//! message) when there is none (see `interpreter::modules::stdlib_path`).
//! A `# torture: N` line collects at every Nth safepoint instead (the stdlib
//! scripts import thousands of lines of Python: every safepoint takes minutes).
//! Scripts with `# requires: match` (the stdlib module uses `match`
//! statements, e.g. dataclasses) are skipped while pygc cannot compile them.
//! Scripts with `# requires: reclaims` (memory must really be freed) are
//! skipped under collectors that never free it (`Capabilities::reclaims`);
//! `__del__` and weak references work on every collector, nogc included.
//! A `# env: K=V` line sets an environment variable for the script (the JIT
//! tests use `# env: PYGC_JIT=on` and `# env: PYGC_JIT_THRESHOLD=N`).

use std::path::{Path, PathBuf};
use std::process::Command;

fn scripts() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scripts");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/scripts")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no test scripts found");
    v
}

/// Can this pygc compile a `match` statement?
fn has_match_statements() -> bool {
    static HAS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *HAS.get_or_init(|| {
        Command::new(env!("CARGO_BIN_EXE_pygc"))
            .args(["--gc=nogc", "-c", "match 1:\n    case 1:\n        pass\n"])
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    })
}

/// Does collector `gc` ever free memory?
fn reclaims(gc: &str) -> bool {
    use gc_api::{CollectorEnv, GcConfig, RawMemory, TypeTable};
    use std::sync::Arc;
    let env = CollectorEnv {
        types: Arc::new(TypeTable::new()),
        raw: Arc::new(RawMemory::default()),
    };
    let config = GcConfig {
        collector: gc.to_string(),
        ..GcConfig::default()
    };
    match gc_registry::build(&config, env) {
        Ok(c) => c.capabilities().reclaims,
        Err(e) => panic!("cannot build {gc}: {e}"),
    }
}

fn expected_exit(src: &str) -> i32 {
    src.lines()
        .find_map(|l| l.strip_prefix("# expect-exit: "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

fn run(script: &Path, gc: &str, torture: bool) -> (Vec<u8>, i32, String) {
    run_env(script, gc, torture, &[])
}

fn run_env(script: &Path, gc: &str, torture: bool, env: &[(&str, &str)]) -> (Vec<u8>, i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pygc"));
    cmd.arg(format!("--gc={gc}")).arg(script);
    cmd.env_remove("PYGC_TORTURE");
    cmd.env_remove("PYGC_TENURE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    // `# env: K=V` lines set variables for the script (e.g. the JIT knobs).
    let src = std::fs::read_to_string(script).unwrap_or_default();
    for kv in src.lines().filter_map(|l| l.strip_prefix("# env: ")) {
        if let Some((k, v)) = kv.trim().split_once('=') {
            cmd.env(k, v);
        }
    }
    if torture {
        let every = std::fs::read_to_string(script)
            .ok()
            .and_then(|s| {
                s.lines()
                    .filter_map(|l| l.strip_prefix("# torture: "))
                    .map(|n| n.trim().to_string())
                    // A directive is a number: prose that happens to start
                    // with "# torture: " is not one.
                    .find(|n| n.parse::<u32>().is_ok())
            })
            .unwrap_or_else(|| "1".into());
        cmd.env("PYGC_TORTURE", every);
    }
    let out = cmd.output().expect("run pygc");
    (
        out.stdout,
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn check(gc: &str, torture: bool) {
    check_env(gc, torture, &[])
}

/// Scripts taking longer than this are listed (the suite's time budget).
const SLOW_SCRIPT_SECS: f64 = 20.0;

fn check_env(gc: &str, torture: bool, env: &[(&str, &str)]) {
    check_some(gc, torture, env, &|_| true)
}

fn check_some(gc: &str, torture: bool, env: &[(&str, &str)], pick: &dyn Fn(&str) -> bool) {
    let bless = std::env::var("BLESS").is_ok();
    let mut failures = vec![];
    for s in scripts() {
        let name = s.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !pick(name) {
            continue;
        }
        let exp_path = s.with_extension("expected");
        if bless && gc == "nogc" && !torture {
            let out = Command::new("python3")
                .arg(&s)
                .output()
                .expect("python3 for BLESS");
            std::fs::write(&exp_path, &out.stdout).expect("write expected");
        }
        let expected =
            std::fs::read(&exp_path).unwrap_or_else(|_| panic!("missing {}", exp_path.display()));
        let src = std::fs::read_to_string(&s).expect("script");
        if src.lines().any(|l| l.trim() == "# requires: stdlib")
            && interpreter::modules::stdlib_path::stdlib_dir().is_none()
        {
            eprintln!(
                "skipped {}: no CPython standard library found (set PYGC_STDLIB)",
                s.display()
            );
            continue;
        }
        if src.lines().any(|l| l.trim() == "# requires: match") && !has_match_statements() {
            eprintln!(
                "skipped {}: pygc cannot compile match statements yet",
                s.display()
            );
            continue;
        }
        if src.lines().any(|l| l.trim() == "# requires: reclaims") && !reclaims(gc) {
            eprintln!("skipped {} under {gc}: it never frees memory", s.display());
            continue;
        }
        let t0 = std::time::Instant::now();
        let (out, code, err) = run_env(&s, gc, torture, env);
        let took = t0.elapsed().as_secs_f64();
        if took > SLOW_SCRIPT_SECS {
            // Shown with --nocapture: where the suite's time goes.
            println!("slow: {name} (gc={gc}, torture={torture}, env={env:?}) {took:.1} s");
        }
        if out != expected || code != expected_exit(&src) {
            failures.push(format!(
                "{} (gc={gc}, torture={torture}, env={env:?}): exit {code}, stdout {} expected\n{err}",
                s.display(),
                if out == expected { "as" } else { "NOT as" }
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn scripts_under_every_collector() {
    for c in gc_registry::COLLECTORS {
        check(c.name, false);
    }
}

/// How many of the checking threads panicked (their messages are printed).
fn panicked(handles: Vec<std::thread::JoinHandle<()>>) -> usize {
    handles
        .into_iter()
        .map(|h| h.join())
        .filter(Result::is_err)
        .count()
}

/// Torture on every collector, one thread each (the machine's cores run
/// them side by side), plus generational with objects aging through the
/// survivor spaces for 15 collections.
#[test]
fn scripts_under_torture() {
    let mut jobs: Vec<(String, Vec<(&str, &str)>)> = gc_registry::COLLECTORS
        .iter()
        .map(|c| (c.name.to_string(), vec![]))
        .collect();
    jobs.push(("generational".into(), vec![("PYGC_TENURE", "15")]));
    let handles: Vec<_> = jobs
        .into_iter()
        .map(|(gc, env)| std::thread::spawn(move || check_env(&gc, true, &env)))
        .collect();
    let failed = panicked(handles);
    assert_eq!(failed, 0, "torture failures (see the panics above)");
}

/// The GC regression scripts (issue examples, fuzzer finds, finalizers)
/// under torture with the heap checks around every collection
/// (`PYGC_VERIFY=2`: the barrier check before, the heap check after), on
/// the default collector and on generational with objects always moving.
#[test]
fn gc_regressions_with_full_heap_checks() {
    // (gc_mix is an allocation workload, not a regression: a full heap
    // check at each of its safepoints takes minutes)
    let pick = |n: &str| {
        ["fuzz_", "reentrant_", "gc_", "rooted_", "np_rooting"]
            .iter()
            .any(|p| n.starts_with(p))
            && n != "gc_mix.py"
    };
    let jobs: Vec<(&str, Vec<(&str, &str)>)> = vec![
        (gc_registry::DEFAULT_COLLECTOR, vec![("PYGC_VERIFY", "2")]),
        (
            "generational",
            vec![("PYGC_VERIFY", "2"), ("PYGC_TENURE", "15")],
        ),
    ];
    let handles: Vec<_> = jobs
        .into_iter()
        .map(|(gc, env)| std::thread::spawn(move || check_some(gc, true, &env, &pick)))
        .collect();
    let failed = panicked(handles);
    assert_eq!(
        failed, 0,
        "failures under full heap checks (see the panics above)"
    );
}

#[test]
fn syntax_error_is_reported_like_cpython() {
    let dir = std::env::temp_dir().join(format!("pygc-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let p = dir.join("bad.py");
    std::fs::write(&p, "x = 1\ny = (2 +\n").expect("write");
    let (out, code, err) = run(&p, "nogc", false);
    assert!(out.is_empty());
    assert_eq!(code, 1);
    assert!(err.contains("SyntaxError"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unknown_collector_exits_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_pygc"))
        .args(["--gc=nope", "-c", "print(1)"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nogc"));
}
