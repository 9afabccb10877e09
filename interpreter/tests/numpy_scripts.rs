//! Behaviour of the `numpy` subset: each `tests/numpy/np_*.py` script runs
//! under pygc and its output must equal the checked-in `.expected` file,
//! which was produced by CPython 3.11 with real numpy 2.4 (numpy is never
//! needed to run these tests: the expected files are the oracle). Each runs
//! on every collector, plain and under torture (`PYGC_TORTURE=1`).

use std::path::{Path, PathBuf};
use std::process::Command;

fn scripts() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/numpy");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/numpy")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            n.starts_with("np_") && n.ends_with(".py")
        })
        .collect();
    v.sort();
    v
}

fn run_script(path: &Path, gc: &str, torture: bool) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pygc"));
    cmd.arg(format!("--gc={gc}"))
        .arg(path)
        .env_remove("PYGC_PRESSURE")
        .env_remove("PYGC_TORTURE");
    if torture {
        cmd.env("PYGC_TORTURE", "1");
    }
    let out = cmd.output().expect("run pygc");
    let mut s = String::from_utf8_lossy(&out.stdout).into_owned();
    s.push_str(&String::from_utf8_lossy(&out.stderr));
    assert!(
        out.status.success(),
        "{} failed under {gc}:\n{s}",
        path.display()
    );
    s
}

#[test]
fn numpy_scripts_match_cpython_numpy() {
    let all = scripts();
    assert!(all.len() >= 4, "numpy test scripts missing");
    for (gc, torture) in gc_registry::names()
        .into_iter()
        .flat_map(|g| [(g, false), (g, true)])
    {
        for p in &all {
            let expected = std::fs::read_to_string(p.with_extension("expected"))
                .unwrap_or_else(|_| panic!("{} has no .expected file", p.display()));
            let got = run_script(p, gc, torture);
            if got != expected {
                let line = got
                    .lines()
                    .zip(expected.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(got.lines().count().min(expected.lines().count()));
                panic!(
                    "{} under {gc} (torture {torture}) differs from CPython+numpy at line {}:\n got: {:?}\nwant: {:?}",
                    p.display(),
                    line + 1,
                    got.lines().nth(line),
                    expected.lines().nth(line)
                );
            }
        }
    }
}
