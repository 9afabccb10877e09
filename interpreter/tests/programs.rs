//! Realistic programs (`tests/programs/*.py`, issue 17): each runs under
//! every registered collector and its stdout must equal the checked-in
//! `.expected` file (produced by CPython: `python3 NAME.py > NAME.expected`).
//! A `# needs: STATEMENTS` line names a capability the program relies on
//! (a stdlib stand-in still being built); when `pygc -c STATEMENTS` fails
//! the program is skipped with a message instead of failing. Programs import
//! the stdlib found on the machine and are skipped when there is none.

use std::path::{Path, PathBuf};
use std::process::Command;

fn programs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/programs")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    v.sort();
    assert!(v.len() >= 16, "expected at least 16 programs");
    v
}

fn pygc() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_pygc"));
    c.env_remove("PYGC_TORTURE");
    c
}

fn collectors() -> Vec<String> {
    let out = pygc().arg("--list-gcs").output().expect("pygc --list-gcs");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// The `# needs:` statements of a program, when pygc cannot run them yet.
fn unmet_need(src: &str) -> Option<String> {
    let need = src.lines().find_map(|l| l.strip_prefix("# needs: "))?;
    let ok = pygc()
        .args(["--gc=nogc", "-c", need])
        .output()
        .is_ok_and(|o| o.status.success());
    (!ok).then(|| need.to_string())
}

#[test]
fn programs_match_cpython_on_every_collector() {
    if interpreter::modules::stdlib_path::stdlib_dir().is_none() {
        eprintln!("no CPython stdlib on this machine: programs skipped");
        return;
    }
    let gcs = collectors();
    assert!(!gcs.is_empty(), "no collectors listed");
    let mut failures = vec![];
    for p in programs() {
        let src = std::fs::read_to_string(&p).expect("read program");
        if let Some(need) = unmet_need(&src) {
            eprintln!("skip {}: pygc lacks `{need}`", p.display());
            continue;
        }
        let expected = std::fs::read(p.with_extension("expected")).expect("expected file");
        for gc in &gcs {
            let out = pygc()
                .arg(format!("--gc={gc}"))
                .arg(&p)
                .current_dir(p.parent().expect("dir"))
                .output()
                .expect("run pygc");
            if out.stdout != expected || !out.status.success() {
                failures.push(format!(
                    "{} on {gc}: exit {:?}\n{}",
                    p.display(),
                    out.status.code(),
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
