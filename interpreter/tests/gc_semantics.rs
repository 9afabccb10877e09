//! Python-level GC semantics that the stdout-only script harness cannot
//! check: `MemoryError` under a heap limit (`PYGC_MAX_HEAP`) on every
//! collector that frees memory, raw memory (numpy buffers) counting against
//! the limit, and the CPython form of exceptions ignored in `__del__`.
//!
//! `tests/memlimit/memory_error.py` prints the same lines under CPython (which
//! reaches an emulated limit, see the script) and under pygc with a 16 MB
//! heap limit; its stderr says whether each `MemoryError` was real.

use gc_api::{CollectorEnv, GcConfig, RawMemory, TypeTable};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

/// The registered collectors that free memory.
fn reclaiming() -> Vec<&'static str> {
    gc_registry::COLLECTORS
        .iter()
        .filter(|e| {
            let env = CollectorEnv {
                types: Arc::new(TypeTable::new()),
                raw: Arc::new(RawMemory::default()),
            };
            let config = GcConfig {
                collector: e.name.to_string(),
                ..GcConfig::default()
            };
            match (e.build)(&config, env) {
                Ok(c) => c.capabilities().reclaims,
                Err(err) => panic!("cannot build {}: {err}", e.name),
            }
        })
        .map(|e| e.name)
        .collect()
}

fn pygc(gc: &str, limit: Option<&str>, script: &Path) -> (String, String, i32) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pygc"));
    cmd.arg(format!("--gc={gc}")).arg(script);
    cmd.env_remove("PYGC_TORTURE").env_remove("PYGC_MAX_HEAP");
    if let Some(l) = limit {
        cmd.env("PYGC_MAX_HEAP", l);
    }
    let out = cmd.output().expect("run pygc");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

#[test]
fn memory_error_is_catchable_and_the_program_recovers() {
    let script = dir().join("memlimit/memory_error.py");
    let expected =
        std::fs::read_to_string(script.with_extension("expected")).expect("expected file");
    for gc in reclaiming() {
        let (out, err, code) = pygc(gc, Some("16MB"), &script);
        assert_eq!(code, 0, "{gc}: exit {code}\n{err}");
        assert_eq!(out, expected, "{gc}: stdout differs\n{err}");
        let real = err.lines().filter(|l| *l == "real").count();
        assert_eq!(real, 6, "{gc}: every MemoryError must be real:\n{err}");
    }
}

#[test]
fn raw_memory_counts_against_the_heap_limit() {
    let tmp = std::env::temp_dir().join(format!("pygc-rawlimit-{}.py", std::process::id()));
    std::fs::write(
        &tmp,
        "import numpy as np\n\
         def fill():\n\
         \x20   data = []\n\
         \x20   try:\n\
         \x20       for i in range(10000):\n\
         \x20           data.append(np.zeros(125000))\n\
         \x20   except MemoryError:\n\
         \x20       return len(data)\n\
         \x20   return -1\n\
         for r in range(3):\n\
         \x20   n = fill()\n\
         \x20   print(r, 5 < n <= 16)\n\
         print('ok')\n",
    )
    .expect("write script");
    for gc in reclaiming() {
        let (out, err, code) = pygc(gc, Some("16MB"), &tmp);
        assert_eq!(code, 0, "{gc}: exit {code}\n{err}");
        assert_eq!(out, "0 True\n1 True\n2 True\nok\n", "{gc}\n{err}");
    }
    let _ = std::fs::remove_file(&tmp);
}

#[test]
fn exceptions_in_del_are_reported_like_cpython() {
    let script = dir().join("scripts/gc_del.py");
    for gc in reclaiming() {
        let (out, err, code) = pygc(gc, None, &script);
        assert_eq!(code, 0, "{gc}: {err}");
        assert!(
            out.ends_with("done\n"),
            "{gc}: the program must go on:\n{out}"
        );
        let lines: Vec<&str> = err.lines().collect();
        let i = lines
            .iter()
            .position(|l| l.starts_with("Exception ignored in: <function Bad.__del__ at 0x"))
            .unwrap_or_else(|| panic!("{gc}: no report:\n{err}"));
        assert_eq!(lines[i + 1], "Traceback (most recent call last):", "{gc}");
        assert!(
            lines[i + 2].ends_with(", in __del__"),
            "{gc}: {}",
            lines[i + 2]
        );
        assert_eq!(lines[i + 3].trim(), "raise ValueError(\"boom\")", "{gc}");
        assert_eq!(lines[i + 4], "ValueError: boom", "{gc}");
    }
}

/// A heap limit too small for the runtime's own modules is a clear startup
/// error (exit 2, the limit named), never a half-started interpreter: a
/// module whose initialisation failed does not stay in `sys.modules` (it
/// did, and `os` then failed with "module 'abc' has no attribute 'ABC'").
#[test]
fn heap_limits_too_small_to_start_are_a_clear_error() {
    let tmp = std::env::temp_dir().join(format!("pygc-tinyheap-{}.py", std::process::id()));
    std::fs::write(&tmp, "import os, abc\nprint(abc.ABC.__name__, os.sep)\n").expect("write");
    for gc in reclaiming() {
        let mut started = 0;
        for kb in [600, 1000, 1500, 2000, 2500, 3000, 4000, 8000] {
            let (out, err, code) = pygc(gc, Some(&format!("{kb}KB")), &tmp);
            match code {
                0 => {
                    assert_eq!(out, "ABC /\n", "{gc} {kb}KB: {err}");
                    started += 1;
                }
                2 => assert!(
                    err.contains("the interpreter could not start") && err.contains("max-heap="),
                    "{gc} {kb}KB: {err}"
                ),
                1 => assert!(err.contains("MemoryError"), "{gc} {kb}KB: exit 1 but {err}"),
                _ => panic!("{gc} {kb}KB: exit {code}\n{err}"),
            }
            assert!(!err.contains("has no attribute"), "{gc} {kb}KB: {err}");
        }
        assert!(started > 0, "{gc}: did not start even with 8 MB");
    }
    let _ = std::fs::remove_file(tmp);
}
