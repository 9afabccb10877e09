//! End-to-end: a Recorder writes a GC log for a synthetic run, and the
//! `pygc-gcstat` binary summarises it (text, JSON, SVG, errors).

use gc_api::{EventKind, EventLog, GcConfig, GcEvent, Phase};
use gc_tools::{Recorder, RunInfo};
use std::path::PathBuf;
use std::process::{Command, Output};

const MS: u64 = 1_000_000;

fn tmp(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("gcstat-tests");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn gcstat(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pygc-gcstat"))
        .args(args)
        .output()
        .expect("run pygc-gcstat")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// 100 minor pauses of 1..=100 us (one per ms from 0), a 5 ms stop-the-world
/// major at 200 ms, an incremental cycle of two 2 ms steps at 250 and 260 ms
/// closed by a non-pause major event, 3 ms of concurrent work; 300 ms run.
fn write_synthetic_log(path: &str, trailer: bool) {
    let rec = Recorder::with_log(path).unwrap();
    let mut log = EventLog::new();
    log.subscribe(rec.subscriber());
    for i in 0..100u64 {
        let mut e = GcEvent::new(EventKind::Minor, i * MS);
        e.duration_ns = (i + 1) * 1000;
        e.bytes_before = 3 << 20;
        e.bytes_after = 1 << 20;
        log.emit(e);
        if i % 10 == 0 {
            rec.flush().unwrap(); // as the VM does at safepoints
        }
    }
    let mut m = GcEvent::new(EventKind::Major, 200 * MS);
    m.duration_ns = 5 * MS;
    m.bytes_before = 8 << 20;
    m.bytes_after = 2 << 20;
    m.raw_bytes = 1 << 20;
    log.emit(m);
    for (t, phase) in [(250, Phase::Marking), (260, Phase::Idle)] {
        let mut s = GcEvent::new(EventKind::MajorStep, t * MS);
        s.duration_ns = 2 * MS;
        s.phase = phase;
        log.emit(s);
    }
    let mut c = GcEvent::new(EventKind::Major, 250 * MS);
    c.duration_ns = 12 * MS;
    c.pause = false;
    log.emit(c);
    let mut k = GcEvent::new(EventKind::Concurrent, 270 * MS);
    k.duration_ns = 3 * MS;
    k.pause = false;
    log.emit(k);
    if trailer {
        let cfg = GcConfig::with_nursery(4 << 20);
        let mut info = RunInfo::new("incminimark", &cfg.describe(), &[], 300 * MS);
        info.peak_rss_bytes = Some(64 << 20);
        let (summary, res) = rec.finish(log.stats(), &info);
        res.unwrap();
        assert_eq!(summary.major_collections, 2);
    } else {
        rec.flush().unwrap();
    }
}

#[test]
fn text_summary_has_the_numbers() {
    let log = tmp("run.jsonl");
    write_synthetic_log(log.to_str().unwrap(), true);
    let text = std::fs::read_to_string(&log).unwrap();
    assert_eq!(
        text.lines().count(),
        100 + 1 + 2 + 1 + 1 + 1,
        "events + trailer"
    );
    let o = gcstat(&[log.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for want in [
        "collector incminimark (nursery=4MB major-collect=1.82",
        "wall 300.00ms",
        "100 minor, 2 major (1 incremental) in 2 steps",
        "pauses: 103 totalling 14.05ms",
        // Percentiles come from the HDR histogram (3 significant digits,
        // highest equivalent value): 93 us reads 93.055 us.
        "p50 52.0us p90 93.1us p99 2.00ms p99.9 5.00ms max 5.00ms",
        "MMU: 1ms 0.0%, 10ms 50.0%, 100ms 91.0%",
        "concurrent 3.00ms alongside",
        "peak GC heap 8.0MB, peak raw 1.0MB, peak RSS 64.0MB",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    // Settings are those incminimark reads: no `threads`, `tenure` or `growth`.
    assert!(
        !out.contains("threads=") && !out.contains("tenure="),
        "{out}"
    );
}

#[test]
fn json_summary_and_svg() {
    let log = tmp("run2.jsonl");
    write_synthetic_log(log.to_str().unwrap(), true);
    let svg = tmp("run2.svg");
    let _ = std::fs::remove_file(&svg);
    let o = gcstat(&[
        "--json",
        "--svg",
        svg.to_str().unwrap(),
        log.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.trim().lines().count(), 1, "{out}");
    for want in [
        "\"collector\":\"incminimark\"",
        "\"wall\":300000000",
        "\"minor\":100,\"major_step\":2,\"major\":2,\"major_incremental\":1",
        "\"count\":103,\"total\":14050000",
        "\"max\":5000000",
        "\"mmu\":{\"1ms\":0,\"10ms\":0.5,\"100ms\":0.91}",
        "\"peak_rss\":67108864",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    let svg_text = std::fs::read_to_string(&svg).unwrap();
    for want in [
        "<svg",
        "pygc GC report: incminimark",
        "Pause time distribution (103 pauses)",
        "Minimum mutator utilisation",
        "<polyline",
    ] {
        assert!(svg_text.contains(want), "svg lacks {want:?}");
    }
}

#[test]
fn log_without_trailer_uses_event_times() {
    let log = tmp("bare.jsonl");
    write_synthetic_log(log.to_str().unwrap(), false);
    let o = gcstat(&[log.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    // The run ends with the concurrent event at 273 ms.
    assert!(
        out.contains("collector unknown") && out.contains("wall 273.00ms"),
        "{out}"
    );
    assert!(out.contains("peak RSS unknown"), "{out}");
}

#[test]
fn stdin_is_read_with_dash() {
    let log = tmp("stdin.jsonl");
    write_synthetic_log(log.to_str().unwrap(), true);
    let o = Command::new(env!("CARGO_BIN_EXE_pygc-gcstat"))
        .arg("-")
        .stdin(std::fs::File::open(&log).unwrap())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("100 minor"));
}

#[test]
fn errors_and_exit_codes() {
    let o = gcstat(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("<LOG>") && stderr(&o).contains("Usage:"),
        "{}",
        stderr(&o)
    );
    let o = gcstat(&["--frobnicate", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("'--frobnicate'"), "{}", stderr(&o));
    let o = gcstat(&["/nonexistent/gc.log"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot read '/nonexistent/gc.log'"),
        "{}",
        stderr(&o)
    );

    let bad = tmp("bad.jsonl");
    let good = GcEvent::new(EventKind::Minor, 1).to_json();
    std::fs::write(
        &bad,
        format!("{good}\n{good}\n{{\"kind\":\"minor\",\"start_ns\":\"soon\"}}\n"),
    )
    .unwrap();
    let o = gcstat(&[bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("bad.jsonl:3: malformed log line") && e.contains("start_ns"),
        "{e}"
    );
    assert!(stdout(&o).is_empty());

    let log = tmp("run3.jsonl");
    write_synthetic_log(log.to_str().unwrap(), true);
    let o = gcstat(&["--svg", "/nonexistent/dir/x.svg", log.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot write '/nonexistent/dir/x.svg'"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn lenient_skips_other_stderr_output() {
    let log = tmp("mixed.jsonl");
    write_synthetic_log(log.to_str().unwrap(), true);
    let text = std::fs::read_to_string(&log).unwrap();
    let mixed = tmp("mixed-stderr.txt");
    std::fs::write(
        &mixed,
        format!("pygc: starting\n{text}GC summary: collector incminimark\n"),
    )
    .unwrap();
    let o = gcstat(&[mixed.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("mixed-stderr.txt:1: malformed log line"),
        "{}",
        stderr(&o)
    );
    let o = gcstat(&["--lenient", mixed.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("skipped 2 lines"), "{}", stderr(&o));
    assert!(stdout(&o).contains("100 minor, 2 major (1 incremental)"));
}

#[test]
fn knobs_table_and_help() {
    let o = gcstat(&["--knobs-table"]);
    assert!(o.status.success());
    assert_eq!(stdout(&o), gc_tools::knobs_markdown());
    let o = gcstat(&["--help"]);
    assert!(o.status.success() && stdout(&o).contains("--svg <OUT.svg>"));
}
