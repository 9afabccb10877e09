//! What pygc says about itself: its collectors and which knobs each reads.

use std::path::Path;
use std::process::Command;

/// `pygc --list-gcs`.
pub fn list_gcs(pygc: &Path) -> Result<Vec<String>, String> {
    let out = Command::new(pygc)
        .arg("--list-gcs")
        .output()
        .map_err(|e| format!("cannot run '{}': {e}", pygc.display()))?;
    if !out.status.success() {
        return Err(format!("'{} --list-gcs' failed", pygc.display()));
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect())
}

/// The knob names `pygc --help-gc` lists.
pub fn knob_names(pygc: &Path) -> Result<Vec<String>, String> {
    let out = Command::new(pygc)
        .arg("--help-gc")
        .output()
        .map_err(|e| format!("cannot run '{}': {e}", pygc.display()))?;
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect())
}

/// The knobs collector `gc` reads: pygc accepts any known knob for any
/// collector and silently ignores the ones a collector lacks, but its
/// `--gc-stats` summary lists the collector's effective settings, so a
/// trivial run tells which keys apply.
pub fn collector_knobs(pygc: &Path, gc: &str, scratch: &Path) -> Result<Vec<String>, String> {
    let stats = scratch.join(format!("knobs-{gc}.json"));
    let out = Command::new(pygc)
        .arg(format!("--gc={gc}"))
        .arg(format!("--gc-stats-file={}", stats.display()))
        .args(["-c", "pass"])
        .output()
        .map_err(|e| format!("cannot run '{}': {e}", pygc.display()))?;
    if !out.status.success() {
        return Err(format!(
            "pygc --gc={gc} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let text = std::fs::read_to_string(&stats).map_err(|e| {
        format!(
            "'{}' wrote no --gc-stats-file ({e}); is it a pygc with that option?",
            pygc.display()
        )
    })?;
    let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    Ok(v.get("settings")
        .and_then(|s| s.as_object())
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default())
}

/// The default pygc: `target/release/pygc` next to this binary, else `pygc`
/// on the PATH.
/// The pygc binary to run: `given` made absolute when it names a path
/// (runs start in scratch directories, so a relative path would not
/// resolve there), else the default.
pub fn resolve_pygc(given: Option<&std::path::Path>) -> Result<std::path::PathBuf, String> {
    let Some(p) = given else {
        return Ok(default_pygc());
    };
    if p.components().count() == 1 {
        return Ok(p.to_path_buf()); // a bare name: looked up on the PATH
    }
    std::fs::canonicalize(p).map_err(|e| format!("--pygc '{}': {e}", p.display()))
}

pub fn default_pygc() -> std::path::PathBuf {
    if let Ok(me) = std::env::current_exe() {
        if let Some(dir) = me.parent() {
            let p = dir.join("pygc");
            if p.exists() {
                return p;
            }
        }
    }
    "pygc".into()
}
