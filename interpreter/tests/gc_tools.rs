//! The GC tools through the `pygc` binary: `--gc-log`, `--gc-stats`,
//! `gc.get_stats()`, `gc.hooks`, `gc.callbacks`, `gc.collect_step()` and
//! the option errors. Every check compares numbers from two independent
//! sources (the Python-visible counters against the log file the recorder
//! wrote), under every registered collector.

use gc_tools::read_log;
use std::path::PathBuf;
use std::process::{Command, Output};

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pygc-gctools-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    dir.join(name)
}

fn pygc(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pygc"));
    cmd.args(args);
    for (k, _) in std::env::vars() {
        if k.starts_with("PYGC_") {
            cmd.env_remove(k);
        }
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run pygc")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `key=value` integers printed by a script.
fn values(out: &str) -> std::collections::HashMap<String, i64> {
    out.split_whitespace()
        .filter_map(|w| w.split_once('='))
        .filter_map(|(k, v)| Some((k.to_string(), v.parse().ok()?)))
        .collect()
}

/// Log counts: (minor, major_step + handshake, major).
fn log_counts(path: &PathBuf) -> (i64, i64, i64) {
    let f = std::fs::File::open(path).expect("log written");
    let log = read_log(std::io::BufReader::new(f)).expect("log parses");
    let n = |k: &[&str]| {
        log.events
            .iter()
            .filter(|e| k.contains(&e.kind.as_str()))
            .count() as i64
    };
    (
        n(&["minor"]),
        n(&["major_step", "handshake"]),
        n(&["major"]),
    )
}

const K: i64 = 6;

const COUNTING_SCRIPT: &str = r#"
import gc
class H:
    minor = 0
    step = 0
    collect = 0
    def on_gc_minor(self, s):
        H.minor += s.count
        assert s.duration_min <= s.duration_max <= s.duration
    def on_gc_collect_step(self, s):
        H.step += s.count
    def on_gc_collect(self, s):
        H.collect += s.count
gc.hooks.set(H())
# Collections before the hooks were set are not delivered to them: take the
# baseline with automatic collection off so no collection falls in between.
gc.disable()
hb = (H.minor, H.step, H.collect)
base = [d["collections"] for d in gc.get_stats()]
gc.enable()
auto = []
gc.callbacks.append(lambda phase, info: auto.append(phase))
junk = []
for i in range(60000):
    junk.append([i, str(i)])
    if len(junk) > 500:
        junk = []
# Finish any cycle a collector started on its own, so the K below are ours.
gc.collect()
before = gc.get_stats()
for i in range(K):
    gc.collect()
after = gc.get_stats()
gc.disable()
print("delta=%d" % (after[2]["collections"] - before[2]["collections"]))
print("gen0=%d gen1=%d gen2=%d" % tuple(d["collections"] for d in after))
print("b0=%d b1=%d b2=%d" % tuple(base))
print("hminor=%d hstep=%d hcollect=%d" % (H.minor - hb[0], H.step - hb[1], H.collect - hb[2]))
print("callbacks=%d" % len(auto))
"#;

#[test]
fn collections_agree_between_get_stats_hooks_and_the_log() {
    for c in gc_registry::COLLECTORS {
        let log = tmp(&format!("count-{}.jsonl", c.name));
        let script = tmp(&format!("count-{}.py", c.name));
        std::fs::write(&script, COUNTING_SCRIPT.replace("K)", &format!("{K})"))).unwrap();
        let o = pygc(
            &[
                &format!("--gc={}", c.name),
                &format!("--gc-log={}", log.display()),
                "--gc-opt",
                "nursery=256KB",
                script.to_str().unwrap(),
            ],
            &[],
        );
        assert!(o.status.success(), "{}: {}", c.name, stderr(&o));
        let v = values(&stdout(&o));
        let (minor, steps, major) = log_counts(&log);
        let ctx = format!("{}: {v:?} log {minor}/{steps}/{major}", c.name);
        assert_eq!(v["delta"], K, "{ctx}");
        assert_eq!(v["gen2"], major, "{ctx}");
        assert_eq!(v["gen1"], steps, "{ctx}");
        assert_eq!(v["gen0"], minor, "{ctx}");
        // Every collection after the hooks were set was followed by a
        // safepoint or ran inside gc.collect(): none lost or doubled.
        assert_eq!(v["hminor"], minor - v["b0"], "{ctx}");
        assert_eq!(v["hstep"], steps - v["b1"], "{ctx}");
        assert_eq!(v["hcollect"], major - v["b2"], "{ctx}");
        assert!(v["hcollect"] >= K, "{ctx}");
        // Explicit collections: one start and one stop each; automatic ones
        // add pairs too.
        assert!(v["callbacks"] >= 2 * K, "{ctx}");
        assert_eq!(v["callbacks"] % 2, 0, "{ctx}");
        if c.name != "nogc" {
            // A 256KB nursery and ~4MB of allocation: automatic collections.
            assert!(minor + steps > 0, "{ctx}");
            assert!(v["callbacks"] > 2 * K, "{ctx}");
        }
    }
}

/// Reads `"key":N` inside the `"collections":{...}` object of the summary.
fn json_collections(json: &str, key: &str) -> i64 {
    let start = json.find("\"collections\":{").expect("collections object");
    let obj = &json[start..start + json[start..].find('}').expect("end")];
    let k = format!("\"{key}\":");
    let at = obj.find(&k).unwrap_or_else(|| panic!("{key} in {obj}")) + k.len();
    obj[at..]
        .split(|ch: char| !ch.is_ascii_digit())
        .next()
        .and_then(|n| n.parse().ok())
        .expect("number")
}

#[test]
fn gc_stats_json_matches_the_log() {
    for c in gc_registry::COLLECTORS {
        let log = tmp(&format!("json-{}.jsonl", c.name));
        let o = pygc(
            &[
                &format!("--gc={}", c.name),
                "--gc-stats=json",
                "-c",
                "import gc\nfor i in range(4): gc.collect()\nx = [[i] for i in range(50000)]",
            ],
            &[
                ("PYGC_LOG", log.to_str().unwrap()),
                ("PYGC_NURSERY", "256KB"),
            ],
        );
        assert!(o.status.success(), "{}: {}", c.name, stderr(&o));
        let err = stderr(&o);
        let json = err
            .lines()
            .find(|l| l.starts_with("{\"collector\""))
            .unwrap_or_else(|| panic!("no JSON summary in {err}"));
        assert!(json.ends_with('}'));
        let (minor, steps, major) = log_counts(&log);
        assert_eq!(json_collections(json, "minor"), minor, "{}", c.name);
        assert_eq!(json_collections(json, "major"), major, "{}", c.name);
        assert_eq!(
            json_collections(json, "major_step") + json_collections(json, "handshake"),
            steps,
            "{}",
            c.name
        );
        assert!(major >= 4, "{}: {major}", c.name);
    }
}

#[test]
fn gc_stats_text_has_percentiles_for_a_known_number_of_pauses() {
    let o = pygc(
        &[
            "--gc=incminimark",
            "--gc-stats",
            "-c",
            "import gc\nfor i in range(5): gc.collect()",
        ],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("GC summary: collector incminimark"), "{err}");
    // Each collect() is a major collection (plus minor ones for the walks).
    let line = err
        .lines()
        .find(|l| l.trim_start().starts_with("collections:"))
        .expect("collections line");
    assert!(line.contains(", 5 major"), "{line}");
    let pauses = err
        .lines()
        .find(|l| l.trim_start().starts_with("pauses:"))
        .expect("pauses line");
    for p in ["p50", "p90", "p99", "p99.9", "max"] {
        assert!(pauses.contains(p), "{pauses}");
    }
    let n: i64 = pauses.split_whitespace().nth(1).unwrap().parse().unwrap();
    assert!(n >= 5, "{pauses}");
    assert!(err.contains("MMU: 1ms"), "{err}");
    // PYGC_STATS=1 does the same.
    let o = pygc(&["-c", "pass"], &[("PYGC_STATS", "1")]);
    assert!(stderr(&o).contains("GC summary"), "{}", stderr(&o));
}

#[test]
fn disable_stops_automatic_collections() {
    // gc.collect() first: a concurrent cycle that started before
    // gc.disable() (start-up objects are pretenured old) still finishes.
    let script = "import gc\ngc.collect()\ngc.disable()\nb = gc.get_stats()\n\
        x = []\nfor i in range(100000):\n    x.append([i])\n    if len(x) > 100: x = []\n\
        a = gc.get_stats()\nprint(sum(d['collections'] for d in a) - sum(d['collections'] for d in b))\n\
        gc.enable()\nfor i in range(100000):\n    x.append([i])\n    if len(x) > 100: x = []\n\
        print(sum(d['collections'] for d in gc.get_stats()) > sum(d['collections'] for d in a))";
    for c in gc_registry::COLLECTORS {
        let o = pygc(
            &[&format!("--gc={}", c.name), "-c", script],
            &[("PYGC_NURSERY", "128KB")],
        );
        assert!(o.status.success(), "{}: {}", c.name, stderr(&o));
        let out = stdout(&o);
        let mut lines = out.lines();
        assert_eq!(lines.next(), Some("0"), "{}: {out}", c.name);
        let reenabled = lines.next();
        if c.name != "nogc" && c.name != "concurrent" {
            assert_eq!(reenabled, Some("True"), "{}: {out}", c.name);
        }
    }
}

#[test]
fn collect_step_reports_steps_that_the_log_counts() {
    let log = tmp("steps.jsonl");
    let script = "import gc\nn = 0\ndone = False\nstates = set()\n\
        while not done and n < 10000:\n    s = gc.collect_step()\n    n += s.count\n    done = s.major_is_done\n\
        \x20   states.add(s.newstate)\n    assert 0 <= s.oldstate < 5 and 0 <= s.newstate < 5\n\
        print('steps=%d done=%d maxstate=%d' % (n, done, max(states)))";
    let o = pygc(
        &[
            "--gc=incminimark",
            &format!("--gc-log={}", log.display()),
            "-c",
            script,
        ],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v = values(&stdout(&o));
    let (_, steps, major) = log_counts(&log);
    assert_eq!(v["done"], 1, "{v:?}");
    assert_eq!(v["steps"], steps, "{v:?}");
    assert!(
        steps >= 2,
        "an incremental cycle takes several steps: {steps}"
    );
    assert_eq!(major, 1);
    assert!(v["maxstate"] >= 1, "{v:?}");
}

#[test]
fn hook_errors_are_reported_and_execution_continues() {
    let o = pygc(
        &[
            "-c",
            "import gc\ndef h(s): raise ValueError('bad hook')\ngc.hooks.on_gc_collect = h\n\
             gc.collect()\ngc.hooks.reset()\ngc.collect()\nprint('after')",
        ],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "after\n");
    let err = stderr(&o);
    assert_eq!(err.matches("ValueError: bad hook").count(), 1, "{err}");
}

#[test]
fn bad_log_path_exits_2_naming_it() {
    let o = pygc(
        &["--gc-log=/nonexistent-pygc-dir/x.jsonl", "-c", "print(1)"],
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert!(
        stderr(&o).contains("/nonexistent-pygc-dir/x.jsonl"),
        "{}",
        stderr(&o)
    );
    let o = pygc(
        &["-c", "print(1)"],
        &[("PYGC_LOG", "/nonexistent-pygc-dir/y")],
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn bad_option_values_exit_2_naming_variable_value_and_accepted() {
    type Case = (
        &'static [&'static str],
        &'static [(&'static str, &'static str)],
        &'static [&'static str],
    );
    let cases: &[Case] = &[
        (
            &[],
            &[("PYGC_NURSERY", "big")],
            &["PYGC_NURSERY", "'big'", "4MB"],
        ),
        (
            &["-X", "gc-verify=7"],
            &[],
            &["PYGC_VERIFY", "'7'", "0, 1 or 2"],
        ),
        (
            &["--gc-opt", "threads=0"],
            &[],
            &["PYGC_THREADS", "'0'", "1 to 256"],
        ),
        (&["--gc-opt", "bogus=1"], &[], &["bogus", "nursery"]),
        (
            &[],
            &[("PYGC_NURSRY", "1MB")],
            &["PYGC_NURSRY", "PYGC_NURSERY"],
        ),
        (&["--gc-stats=xml"], &[], &["--gc-stats", "'xml'", "json"]),
        (
            &[],
            &[("PYGC_STATS", "loud")],
            &["PYGC_STATS", "'loud'", "json"],
        ),
    ];
    for (args, env, want) in cases {
        let mut a: Vec<&str> = args.to_vec();
        a.extend(["-c", "print(1)"]);
        let o = pygc(&a, env);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?} {env:?}: {err}");
        assert!(o.stdout.is_empty());
        for w in *want {
            assert!(err.contains(w), "{args:?} {env:?}: {w} not in {err}");
        }
    }
}

#[test]
fn list_gcs_prints_the_registry() {
    let o = pygc(&["--list-gcs"], &[]);
    assert!(o.status.success());
    let names: Vec<String> = stdout(&o).lines().map(String::from).collect();
    let want: Vec<String> = gc_registry::names().iter().map(|s| s.to_string()).collect();
    assert_eq!(names, want);
}

#[test]
fn log_to_stderr_is_lenient_readable() {
    let o = pygc(
        &[
            "--gc-log=-",
            "-c",
            "import gc\ngc.collect()\ngc.collect()\nprint('x')",
        ],
        &[],
    );
    assert!(o.status.success());
    assert_eq!(stdout(&o), "x\n");
    let log = gc_tools::log::read_log_with(&o.stderr[..], true).expect("lenient read");
    let majors = log
        .events
        .iter()
        .filter(|e| e.kind.as_str() == "major")
        .count();
    assert_eq!(majors, 2);
    assert!(log.run.is_some(), "run trailer written at exit");
}
