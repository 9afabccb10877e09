//! Acceptance test for raw-memory accounting: `tests/numpy/churn.py`
//! allocates 3,000 arrays of 1 MB (every page written) keeping at most four
//! alive. With memory pressure on, every collector that reclaims memory must
//! keep the peak RSS under 150 MB; with it off (`--gc-no-pressure`) the
//! GC heap alone (a few hundred bytes per array) never asks for a major
//! collection, so the dead buffers pile up past 1 GB.
//!
//! The peak RSS is the child's VmHWM, printed by the script itself from
//! /proc/self/status.

use gc_api::{CollectorEnv, GcConfig, RawMemory, TypeTable};
use std::process::Command;
use std::sync::Arc;

const ARRAYS: usize = 3000;

/// Collectors that ever free memory (by capability, not by name).
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

/// Runs the churn program; returns (peak RSS in kB, seconds).
fn churn(gc: &str, pressure: bool) -> (u64, f64) {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/numpy/churn.py");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pygc"));
    cmd.arg(format!("--gc={gc}"));
    if !pressure {
        cmd.arg("--gc-no-pressure");
    }
    cmd.arg(script).arg(ARRAYS.to_string());
    cmd.env_remove("PYGC_PRESSURE").env_remove("PYGC_TORTURE");
    let t = std::time::Instant::now();
    let out = cmd.output().expect("run pygc");
    let secs = t.elapsed().as_secs_f64();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "churn under {gc} (pressure {pressure}) failed: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected_sum: f64 = (0..ARRAYS).map(|i| i as f64 + 2.0).sum();
    assert!(
        stdout.contains(&format!("checksum {expected_sum:?}")),
        "wrong checksum under {gc}: {stdout}"
    );
    let kb = stdout
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM_kB "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no VmHWM in output: {stdout}"));
    (kb, secs)
}

#[test]
fn array_churn_is_bounded_by_memory_pressure() {
    let gcs = reclaiming();
    assert!(!gcs.is_empty());
    assert!(!gcs.contains(&"nogc"), "nogc claims to reclaim");
    let mut report = vec![];
    for gc in &gcs {
        let (kb, secs) = churn(gc, true);
        report.push(format!(
            "{gc}: pressure on: peak RSS {} MB in {secs:.2}s",
            kb / 1024
        ));
        assert!(
            kb < 150 * 1024,
            "{gc} with memory pressure peaked at {} MB (limit 150 MB)\n{}",
            kb / 1024,
            report.join("\n")
        );
    }
    eprintln!("{}", report.join("\n"));
}

#[test]
fn array_churn_without_pressure_grows_past_1gb() {
    let mut report = vec![];
    for gc in reclaiming() {
        let (kb, secs) = churn(gc, false);
        report.push(format!(
            "{gc}: pressure off: peak RSS {} MB in {secs:.2}s",
            kb / 1024
        ));
        assert!(
            kb > 1024 * 1024,
            "{gc} without memory pressure stayed at {} MB: the accounting is not what bounds it\n{}",
            kb / 1024,
            report.join("\n")
        );
    }
    eprintln!("{}", report.join("\n"));
}

/// Raw bytes are visible where the issue says: `gc.get_stats(memory_pressure=True)`,
/// `--gc-stats` and the GC log, under every collector.
#[test]
fn raw_bytes_show_in_get_stats_gc_stats_and_the_log() {
    let script = r#"
import gc, numpy as np
a = np.ones(100000)
b = np.zeros((100, 1000))
gc.collect()
s = gc.get_stats(memory_pressure=True)
print("live", s.memory_pressure)
del a, b
gc.collect()
s = gc.get_stats(memory_pressure=True)
print("after", s.memory_pressure, "peak", s.peak_memory_pressure)
gc.add_memory_pressure(12345)
print("gen stats", len(gc.get_stats()))
"#;
    for gc in gc_registry::names() {
        let log =
            std::env::temp_dir().join(format!("pygc-raw-log-{}-{gc}.jsonl", std::process::id()));
        let out = Command::new(env!("CARGO_BIN_EXE_pygc"))
            .arg(format!("--gc={gc}"))
            .arg("--gc-stats")
            .arg(format!("--gc-log={}", log.display()))
            .arg("-c")
            .arg(script)
            .env_remove("PYGC_PRESSURE")
            .output()
            .expect("run pygc");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{gc}: {stdout}{stderr}");
        assert!(stdout.contains("live 1600000\n"), "{gc}: {stdout}");
        let reclaims = !stdout.contains("after 1600000 ");
        if gc != "nogc" {
            assert!(reclaims, "{gc} did not free the buffers: {stdout}");
            assert!(stdout.contains("after 0 peak 1600000\n"), "{gc}: {stdout}");
        }
        assert!(stdout.contains("gen stats 3"), "{gc}: {stdout}");
        assert!(
            stderr.contains("peak raw 1.5MB"),
            "{gc}: --gc-stats has no raw line: {stderr}"
        );
        let text = std::fs::read_to_string(&log).expect("gc log written");
        let _ = std::fs::remove_file(&log);
        assert!(
            text.lines().any(|l| l.contains("\"raw_bytes\":1600000")),
            "{gc}: no event in the log saw the 1.6 MB of raw buffers:\n{text}"
        );
    }
}
