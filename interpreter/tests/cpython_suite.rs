//! Drives the fast part of the CPython regression-suite runner
//! (`tests/cpython/run --fast`): the modules marked `fast` in
//! `tests/cpython/modules.txt` run under pygc, each in its own process with a
//! timeout, against the known-failure manifest `tests/cpython/known_failures.txt`.
//! Fails on a regression (a test failing that the manifest does not list, or a
//! module crashing/hanging). Skipped when the machine has no CPython 3.11
//! `Lib/test` (`.ci/run` installs Debian's `libpython3.11-testsuite`) or no
//! `python3` to drive the runner.

use std::path::Path;
use std::process::Command;

#[test]
fn cpython_fast_modules_have_no_regressions() {
    let run = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cpython/run");
    let out = match Command::new("python3")
        .arg(&run)
        .arg("--fast")
        .arg("--timeout=120")
        .env("PYGC", env!("CARGO_BIN_EXE_pygc"))
        .output()
    {
        Ok(o) => o,
        Err(e) => {
            eprintln!("no python3 to drive {}: {e}; skipped", run.display());
            return;
        }
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        out.status.success(),
        "CPython suite regressions (see the report above)"
    );
}
