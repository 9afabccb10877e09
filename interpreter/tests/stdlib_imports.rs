//! Imports every pure-Python module of the machine's CPython standard
//! library (top-level modules and packages), each in its own `pygc` process
//! with a timeout, prints the failures with their last error line and the
//! count, and fails when fewer than `FLOOR` modules import (or any import
//! crashes the interpreter or hangs).  Skipped when no stdlib is found
//! (`interpreter::modules::stdlib_path`).
//!
//! Excluded, with the reason:
//! - `tkinter`, `turtle`, `turtledemo`, `idlelib`: GUI (Tk);
//! - `_aix_support`, `_osx_support`, `_bootsubprocess`: AIX/macOS/build-time only;
//! - `_sysconfigdata_*`: the build configuration of one CPython binary;
//! - `antigravity`: opens a web browser when imported;
//! - `test`: CPython's regression suite (run by its own runner);
//! - `site-packages`, `lib-dynload`, `config-*`, `__pycache__`: not modules.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Modules that must import (raise it as imports are fixed).
const FLOOR: usize = 178;
const TIMEOUT: Duration = Duration::from_secs(30);

const EXCLUDED: &[&str] = &[
    "tkinter",
    "turtle",
    "turtledemo",
    "idlelib",
    "_aix_support",
    "_osx_support",
    "_bootsubprocess",
    "antigravity",
    "test",
];

fn modules(dir: &Path) -> Vec<String> {
    let mut out = vec![];
    for e in std::fs::read_dir(dir).expect("stdlib dir").flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().to_string();
        let m = if p.is_dir() {
            if !p.join("__init__.py").is_file() {
                continue;
            }
            name
        } else if let Some(m) = name.strip_suffix(".py") {
            m.to_string()
        } else {
            continue;
        };
        if EXCLUDED.contains(&m.as_str()) || m.starts_with("_sysconfigdata_") || m.contains('-') {
            continue;
        }
        out.push(m);
    }
    out.sort();
    out
}

/// (ok, crashed, detail) for one `import NAME`.
fn try_import(name: &str) -> (bool, bool, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pygc"))
        .args(["-c", &format!("import {name}")])
        .env_remove("PYGC_TORTURE")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn pygc");
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return (
                    false,
                    true,
                    format!("timed out after {}s", TIMEOUT.as_secs()),
                );
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return (false, true, e.to_string()),
        }
    }
    let out = child.wait_with_output().expect("pygc output");
    let err = String::from_utf8_lossy(&out.stderr);
    let last = err.lines().last().unwrap_or("").to_string();
    let code = out.status.code();
    let crashed = code.is_none() || code == Some(101) || err.contains("panicked at");
    (out.status.success(), crashed, last)
}

#[test]
fn stdlib_modules_import() {
    let Some(dir) = interpreter::modules::stdlib_path::stdlib_dir() else {
        eprintln!("stdlib_imports: no CPython stdlib found; skipped");
        return;
    };
    let mods = modules(Path::new(&dir));
    let results: Vec<(String, bool, bool, String)> = std::thread::scope(|s| {
        let chunks: Vec<Vec<String>> = (0..2)
            .map(|k| mods.iter().skip(k).step_by(2).cloned().collect())
            .collect();
        let hs: Vec<_> = chunks
            .into_iter()
            .map(|c| {
                s.spawn(move || {
                    c.into_iter()
                        .map(|m| {
                            let (ok, crashed, d) = try_import(&m);
                            (m, ok, crashed, d)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut all: Vec<_> = hs
            .into_iter()
            .flat_map(|h| h.join().expect("thread"))
            .collect();
        all.sort();
        all
    });
    let ok = results.iter().filter(|r| r.1).count();
    let mut crashes = vec![];
    for (m, good, crashed, detail) in &results {
        if !good {
            println!("FAIL {m}: {detail}");
        }
        if *crashed {
            crashes.push(format!("{m}: {detail}"));
        }
    }
    let pct = 100.0 * ok as f64 / results.len().max(1) as f64;
    println!(
        "stdlib imports: {ok}/{} modules import ({pct:.1} %), floor {FLOOR}",
        results.len()
    );
    assert!(
        crashes.is_empty(),
        "imports that crashed or hung: {crashes:?}"
    );
    assert!(
        ok >= FLOOR,
        "only {ok} stdlib modules import (floor {FLOOR})"
    );
}
