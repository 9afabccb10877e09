//! End-to-end tests of pygc-lab against a fake pygc (tests/fixtures/
//! fake_pygc.py, needs python3): minimum-heap bisection, resume, failed and
//! timed-out runs, shard + merge, plan, and the report's files.

use pygc_lab::minheap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fake() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fake_pygc.py")
}

fn have_python() -> bool {
    Command::new("python3")
        .arg("-c")
        .arg("pass")
        .status()
        .is_ok_and(|s| s.success())
}

/// A program file (the fake ignores its contents).
fn program(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(format!("{name}.py"));
    std::fs::write(&p, "print('hello')\n").unwrap();
    p
}

fn lab(args: &[&str], envs: &[(&str, String)]) -> std::process::Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_pygc-lab"));
    c.args(args);
    for (k, v) in envs {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "pygc-lab {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn count_lines(p: &Path) -> usize {
    std::fs::read_to_string(p).map_or(0, |s| s.lines().count())
}

#[test]
fn minheap_bisection_brackets_the_threshold() {
    if !have_python() {
        eprintln!("skipped: no python3 for the fake pygc");
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let prog = program(d.path(), "p").display().to_string();
    let pygc = fake().display().to_string();
    let out = d.path().join("o").display().to_string();
    let args = [
        "minheap",
        &prog,
        "--gc",
        "alpha",
        "--precision",
        "1.05",
        "--pygc",
        &pygc,
        "--out",
        &out,
    ];
    // The fake fails with MemoryError below FAKE_MIN_HEAP.
    let o = lab(&args, &[("FAKE_MIN_HEAP", "3000000".into())]);
    let cache = minheap::Cache::load(&Path::new(&out).join("minheap.json"));
    let e = cache.entries[&minheap::key(Path::new(&prog), "alpha")]
        .clone()
        .unwrap();
    assert!(e.bytes >= 3_000_000, "{e:?}");
    assert!(e.fails_at < 3_000_000, "{e:?}");
    assert!(e.bytes as f64 / e.fails_at as f64 <= 1.05, "{e:?}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("alpha"));
    // Cached: a second lookup runs no program.
    let count = d.path().join("count");
    lab(
        &args,
        &[
            ("FAKE_MIN_HEAP", "3000000".into()),
            ("FAKE_COUNT", count.display().to_string()),
        ],
    );
    assert_eq!(count_lines(&count), 0);
}

fn run_args<'a>(prog: &'a str, out: &'a str, pygc: &'a str) -> Vec<&'a str> {
    vec![
        "run",
        prog,
        "--gc",
        "alpha",
        "--gc",
        "none",
        "--heap",
        "2x,default",
        "--set",
        "nursery=1MB,4MB",
        "--invocations",
        "2",
        "--timeout",
        "20",
        "--pygc",
        pygc,
        "--out",
        out,
    ]
}

#[test]
fn run_resumes_records_failures_and_merges_shards() {
    if !have_python() {
        eprintln!("skipped: no python3 for the fake pygc");
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let prog = program(d.path(), "prog");
    let (prog, pygc) = (prog.display().to_string(), fake().display().to_string());
    let full = d.path().join("full").display().to_string();
    let count = d.path().join("count");
    let env = vec![
        ("FAKE_MIN_HEAP", "2000000".to_string()),
        ("FAKE_COUNT", count.display().to_string()),
    ];
    lab(&run_args(&prog, &full, &pygc), &env);
    // alpha: 2 nursery values; none lacks nursery: 1. x 2 heaps x 2.
    let runs = count_lines(&Path::new(&full).join("runs.jsonl"));
    assert_eq!(runs, (2 + 1) * 2 * 2);
    let csv = std::fs::read_to_string(Path::new(&full).join("runs.csv")).unwrap();
    assert_eq!(csv.lines().count(), runs + 1);
    assert!(csv.contains("nursery=4MB"));
    let probes_and_runs = count_lines(&count);
    // Resume: nothing left to do.
    lab(&run_args(&prog, &full, &pygc), &env);
    assert_eq!(count_lines(&count), probes_and_runs);
    // Drop three finished runs: exactly those run again.
    let jl = Path::new(&full).join("runs.jsonl");
    let text = std::fs::read_to_string(&jl).unwrap();
    let kept: Vec<&str> = text.lines().skip(3).collect();
    std::fs::write(&jl, kept.join("\n") + "\n").unwrap();
    lab(&run_args(&prog, &full, &pygc), &env);
    assert_eq!(count_lines(&count), probes_and_runs + 3);
    assert_eq!(count_lines(&jl), runs);

    // Shards 1/2 and 2/2 merged = the full matrix.
    let mut parts = vec![];
    for i in 1..=2 {
        let out = d.path().join(format!("part{i}")).display().to_string();
        let mut a = run_args(&prog, &out, &pygc);
        let s = format!("{i}/2");
        a.extend(["--shard", s.as_str()]);
        lab(&a, &env);
        parts.push(out);
    }
    let merged = d.path().join("merged").display().to_string();
    lab(&["merge", &parts[0], &parts[1], "-o", &merged], &[]);
    let ids = |dir: &str| -> Vec<String> {
        let mut v: Vec<String> = pygc_lab::store::load_jsonl(&Path::new(dir).join("runs.jsonl"))
            .unwrap()
            .into_iter()
            .map(|r| r.run_id)
            .collect();
        v.sort();
        v
    };
    assert_eq!(ids(&merged), ids(&full));
    assert!(Path::new(&merged).join("minheap.json").exists());
    let ev = std::fs::read_dir(Path::new(&merged).join("events"))
        .unwrap()
        .count();
    assert_eq!(
        ev,
        std::fs::read_dir(Path::new(&full).join("events"))
            .unwrap()
            .count()
    );

    // 2x the minimum heap passes; 'none' at 2x passes too (the fake's rule).
    let recs = pygc_lab::store::load_jsonl(&jl).unwrap();
    assert!(recs.iter().all(|r| r.status == "ok"), "{recs:?}");
    assert!(recs
        .iter()
        .filter(|r| r.heap == "2x")
        .all(|r| r.max_heap >= 4_000_000));
}

#[test]
fn failures_and_timeouts_are_recorded_not_fatal() {
    if !have_python() {
        eprintln!("skipped: no python3 for the fake pygc");
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let prog = program(d.path(), "prog").display().to_string();
    let pygc = fake().display().to_string();
    let out = d.path().join("o").display().to_string();
    // 1 MB absolute < the fake's 2 MB minimum: MemoryError.
    lab(
        &[
            "run",
            &prog,
            "--gc",
            "alpha",
            "--heap",
            "1MB",
            "--invocations",
            "1",
            "--pygc",
            &pygc,
            "--out",
            &out,
        ],
        &[("FAKE_MIN_HEAP", "2000000".into())],
    );
    lab(
        &[
            "run",
            &prog,
            "--gc",
            "beta",
            "--invocations",
            "1",
            "--timeout",
            "0.5",
            "--pygc",
            &pygc,
            "--out",
            &out,
        ],
        &[("FAKE_SLEEP", "5".into())],
    );
    let recs = pygc_lab::store::load_jsonl(&Path::new(&out).join("runs.jsonl")).unwrap();
    let st: Vec<(&str, &str)> = recs
        .iter()
        .map(|r| (r.collector.as_str(), r.status.as_str()))
        .collect();
    assert_eq!(st, vec![("alpha", "oom"), ("beta", "timeout")]);
    assert!(recs[1].wall_s < 4.0, "the timeout did not kill the run");
}

#[test]
fn plan_prints_one_command_per_cell_and_a_slurm_array() {
    if !have_python() {
        eprintln!("skipped: no python3 for the fake pygc");
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let prog = program(d.path(), "prog").display().to_string();
    let pygc = fake().display().to_string();
    let out = d.path().join("o").display().to_string();
    let o = lab(
        &[
            "plan",
            &prog,
            "--heap",
            "2x,3x",
            "--set",
            "nursery=1MB,4MB",
            "--pygc",
            &pygc,
            "--out",
            &out,
        ],
        &[],
    );
    let text = String::from_utf8(o.stdout).unwrap();
    let cmds: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(cmds.len(), (2 + 2 + 1) * 2, "{text}");
    assert!(text.starts_with("# first, once: "), "{text}");
    assert!(cmds
        .iter()
        .all(|c| c.contains(" run ") && c.contains("--minheap-cache")));
    let o = lab(
        &[
            "plan", &prog, "--format", "slurm", "--shards", "4", "--pygc", &pygc, "--out", &out,
        ],
        &[],
    );
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("#SBATCH --array=1-4"), "{text}");
    assert!(
        text.contains("--shard \"$SLURM_ARRAY_TASK_ID/4\""),
        "{text}"
    );
}
