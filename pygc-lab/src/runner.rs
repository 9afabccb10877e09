//! Runs pygc once and measures it: wall clock, the child's rusage from
//! wait4(2) (CPU, peak RSS), the GC summary pygc writes with
//! `--gc-stats-file`, and the pauses from its `--gc-log`.

use crate::spec::Knobs;
use crate::stats;
use crate::store::{Events, RunRecord};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What to run.
#[derive(Clone, Debug)]
pub struct Invocation<'a> {
    /// The pygc binary.
    pub pygc: &'a Path,
    /// The program.
    pub program: &'a Path,
    /// Collector name.
    pub collector: &'a str,
    /// `max-heap` in bytes.
    pub max_heap: Option<u64>,
    /// Knobs passed as `--gc-opt K=V`.
    pub knobs: &'a Knobs,
    /// Kill the run after this long.
    pub timeout: Duration,
    /// Scratch directory for the stats, log and output files.
    pub scratch: &'a Path,
    /// Record each pause (`--gc-log`) for CDFs and MMU curves.
    pub log_pauses: bool,
}

/// A finished run: the measured record (identity fields left empty for
/// the caller) and its pauses.
#[derive(Debug)]
pub struct Outcome {
    /// Measurements.
    pub record: RunRecord,
    /// Pauses (empty without `log_pauses`).
    pub events: Events,
    /// The collector's settings as pygc reported them (knob -> value).
    pub settings: Vec<(String, String)>,
}

/// Exit status and resource usage of a child.
struct Waited {
    code: i32,
    usage: libc::rusage,
    timed_out: bool,
}

fn wait_with_timeout(pid: u32, timeout: Duration) -> Result<Waited, String> {
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let killer = std::thread::spawn(move || {
        if rx.recv_timeout(timeout).is_err() {
            // SAFETY: kill(2) on our own child's pid; the child is not
            // reaped before the main thread sends on the channel.
            unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
            return true;
        }
        false
    });
    let mut status = 0;
    // SAFETY: all-zero is a valid rusage.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = loop {
        // SAFETY: wait4 writes only into the two locals passed.
        let r = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
        if r == -1 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
            continue;
        }
        break r;
    };
    let _ = tx.send(());
    let timed_out = killer.join().unwrap_or(false);
    if r == -1 {
        return Err(format!("wait4: {}", std::io::Error::last_os_error()));
    }
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -libc::WTERMSIG(status)
    };
    Ok(Waited {
        code,
        usage,
        timed_out,
    })
}

fn secs(t: libc::timeval) -> f64 {
    t.tv_sec as f64 + t.tv_usec as f64 / 1e6
}

/// The pygc command line for an invocation (also used by `plan`).
pub fn pygc_args(inv: &Invocation, stats: &Path, log: Option<&Path>) -> Vec<String> {
    let mut a = vec![
        format!("--gc={}", inv.collector),
        format!("--gc-stats-file={}", stats.display()),
    ];
    if let Some(l) = log {
        a.push(format!("--gc-log={}", l.display()));
    }
    if let Some(h) = inv.max_heap {
        a.push("--gc-opt".into());
        a.push(format!("max-heap={h}"));
    }
    for (k, v) in inv.knobs {
        a.push("--gc-opt".into());
        a.push(format!("{k}={v}"));
    }
    a.push(inv.program.display().to_string());
    a
}

/// Runs one invocation; never fails (a run that cannot start is recorded
/// with status `error`).
pub fn run(inv: &Invocation) -> Outcome {
    let scratch = std::fs::canonicalize(inv.scratch).unwrap_or_else(|_| inv.scratch.into());
    let inv = &Invocation {
        scratch: &scratch,
        ..inv.clone()
    };
    let stats_path = inv.scratch.join("stats.json");
    let log_path = inv.scratch.join("gc.jsonl");
    let out_path = inv.scratch.join("stdout.txt");
    let err_path = inv.scratch.join("stderr.txt");
    for p in [&stats_path, &log_path] {
        let _ = std::fs::remove_file(p);
    }
    let mut rec = RunRecord::default();
    let fail = |mut rec: RunRecord, msg: String| {
        rec.status = "error".into();
        rec.exit_code = -1;
        rec.error = msg;
        Outcome {
            record: rec,
            events: Events::default(),
            settings: vec![],
        }
    };
    let (Ok(out), Ok(err)) = (
        std::fs::File::create(&out_path),
        std::fs::File::create(&err_path),
    ) else {
        return fail(rec, format!("cannot write in '{}'", inv.scratch.display()));
    };
    let program = std::fs::canonicalize(inv.program).unwrap_or_else(|_| inv.program.into());
    let dir = program
        .parent()
        .map(PathBuf::from)
        .unwrap_or_else(|| ".".into());
    let inv2 = Invocation {
        program: &program,
        ..inv.clone()
    };
    let args = pygc_args(
        &inv2,
        &stats_path,
        inv.log_pauses.then_some(log_path.as_path()),
    );
    let start = Instant::now();
    let child = Command::new(inv.pygc)
        .args(&args)
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn();
    let child = match child {
        Ok(c) => c,
        Err(e) => return fail(rec, format!("cannot run '{}': {e}", inv.pygc.display())),
    };
    let waited = match wait_with_timeout(child.id(), inv.timeout) {
        Ok(w) => w,
        Err(e) => return fail(rec, e),
    };
    rec.wall_s = start.elapsed().as_secs_f64();
    rec.exit_code = waited.code;
    rec.user_s = secs(waited.usage.ru_utime);
    rec.sys_s = secs(waited.usage.ru_stime);
    rec.peak_rss = waited.usage.ru_maxrss as u64 * 1024;
    let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
    let settings = match std::fs::read_to_string(&stats_path)
        .ok()
        .and_then(|s| serde_json::from_str::<Value>(&s).ok())
    {
        Some(v) => apply_stats(&mut rec, &v),
        None => vec![],
    };
    rec.status = classify(&waited, &stderr, inv.program, &out_path).into();
    if rec.status != "ok" {
        rec.error = stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or(if waited.timed_out { "timed out" } else { "" })
            .chars()
            .take(300)
            .collect();
    }
    let events = if inv.log_pauses {
        read_pauses(&log_path)
    } else {
        Events::default()
    };
    Outcome {
        record: rec,
        events,
        settings,
    }
}

fn classify(w: &Waited, stderr: &str, program: &Path, out: &Path) -> &'static str {
    if w.timed_out {
        return "timeout";
    }
    if w.code != 0 {
        return if stderr.contains("MemoryError") {
            "oom"
        } else {
            "fail"
        };
    }
    let expected = program.with_extension("expected");
    match (
        std::fs::read_to_string(&expected),
        std::fs::read_to_string(out),
    ) {
        (Ok(want), Ok(got)) if strip_info(&want) != strip_info(&got) => "wrong-output",
        _ => "ok",
    }
}

/// Output without `info:` lines (the corpus's varying measurements).
fn strip_info(s: &str) -> Vec<&str> {
    s.lines().filter(|l| !l.starts_with("info:")).collect()
}

fn ns(v: &Value, path: &[&str]) -> Option<f64> {
    let mut cur = v;
    for p in path {
        cur = cur.get(p)?;
    }
    cur.as_f64()
}

/// Copies pygc's JSON summary into the record; returns its settings.
pub fn apply_stats(rec: &mut RunRecord, v: &Value) -> Vec<(String, String)> {
    let t = |k: &str| ns(v, &["time_ns", k]).unwrap_or(0.0) / 1e9;
    rec.gc_pause_s = t("minor") + t("major") + t("finalizers");
    rec.gc_concurrent_s = t("concurrent");
    rec.gc_work_reported = ns(v, &["time_ns", "mutator_gc_work"]).is_some()
        || ns(v, &["time_ns", "gc_threads_cpu"]).is_some();
    rec.mutator_gc_work_s = t("mutator_gc_work");
    rec.gc_threads_cpu_s = t("gc_threads_cpu");
    let p = |k: &str| ns(v, &["pauses_ns", k]).unwrap_or(0.0);
    rec.pauses = p("count") as u64;
    rec.pause_p50_ms = p("p50") / 1e6;
    rec.pause_p99_ms = p("p99") / 1e6;
    rec.pause_max_ms = p("max") / 1e6;
    let m = |k: &str| ns(v, &["mmu", k]).unwrap_or(f64::NAN);
    rec.mmu_1ms = m("1ms");
    rec.mmu_10ms = m("10ms");
    rec.mmu_100ms = m("100ms");
    rec.peak_heap = ns(v, &["memory_bytes", "peak_heap"]).unwrap_or(0.0) as u64;
    rec.freed = ns(v, &["memory_bytes", "freed"]).unwrap_or(0.0) as u64;
    v.get("settings")
        .and_then(|s| s.as_object())
        .map(|o| {
            o.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                .collect()
        })
        .unwrap_or_default()
}

/// Pause intervals from a `--gc-log` file.
pub fn read_pauses(path: &Path) -> Events {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut ev = Events::default();
    for line in text.lines() {
        let Ok(v) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let start = v.get("start_ns").and_then(Value::as_u64).unwrap_or(0);
        let dur = v.get("duration_ns").and_then(Value::as_u64).unwrap_or(0);
        if v.get("kind").and_then(Value::as_str) == Some("run") {
            ev.run_ns = dur;
        } else if v.get("pause").and_then(Value::as_bool) == Some(true) {
            ev.pauses.push((start, dur));
        }
    }
    ev.pauses.sort_unstable();
    ev
}

/// MMU at each of [`stats::MMU_WINDOWS_NS`] for one run.
pub fn mmu_curve(ev: &Events) -> Vec<f64> {
    stats::MMU_WINDOWS_NS
        .iter()
        .map(|&w| stats::mmu(&ev.pauses, ev.run_ns, w))
        .collect()
}
