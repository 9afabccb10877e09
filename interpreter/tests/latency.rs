//! The pause target and the honest accounting through the `pygc` binary:
//! incremental majors (and `gc.hooks.on_gc_collect_step`) for a program
//! with a few hundred thousand live objects under the defaults, the
//! accounting keys of `--gc-stats=json` and `gc.get_stats()`, and the
//! `pause-target` option's errors.

use std::process::{Command, Output};

fn pygc(args: &[&str], env: &[(&str, &str)], script: &str) -> Output {
    let dir = std::env::temp_dir().join(format!("pygc-latency-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let path = dir.join(format!("s{}.py", script.len()));
    std::fs::write(&path, script).expect("write script");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pygc"));
    cmd.args(args).arg(&path);
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

const LIVE_300K: &str = r#"
import gc
steps = [0]
def on_step(stats):
    steps[0] += stats.count
gc.hooks.on_gc_collect_step = on_step
live = [[i] for i in range(150000)]   # 300,000 objects (lists + their items)
junk = 0
for r in range(40):
    tmp = [(i, str(i)) for i in range(20000)]
    junk += len(tmp)
gc.hooks.on_gc_collect_step = None
print("live", len(live), "junk", junk, "steps_seen", steps[0] > 0)
"#;

#[test]
fn a_300k_object_program_runs_incremental_steps_by_default() {
    let o = pygc(&["--gc=incminimark"], &[], LIVE_300K);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.contains("steps_seen True"), "{out}");
}

fn json_u64(j: &str, key: &str) -> u64 {
    let at = j
        .find(&format!("\"{key}\":"))
        .unwrap_or_else(|| panic!("{key} in {j}"));
    j[at + key.len() + 3..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect::<String>()
        .parse()
        .unwrap()
}

#[test]
fn gc_stats_json_splits_wall_time_honestly() {
    for gc in ["incminimark", "generational", "concurrent", "nogc"] {
        let o = pygc(&[&format!("--gc={gc}"), "--gc-stats=json"], &[], LIVE_300K);
        assert!(o.status.success(), "{gc}");
        let err = String::from_utf8_lossy(&o.stderr);
        let j = err
            .lines()
            .find(|l| l.starts_with("{\"collector\""))
            .expect("json");
        let wall = json_u64(j, "wall");
        let mutator = json_u64(j, "mutator");
        let work = json_u64(j, "mutator_gc_work");
        let _threads = json_u64(j, "gc_threads_cpu");
        let pauses = json_u64(j, "total");
        assert_eq!(mutator, wall - pauses - work, "{gc}: {j}");
        if gc != "nogc" {
            assert!(work > 0, "{gc}: allocation slow paths are GC work: {j}");
        }
        assert!(j.contains("\"gc_share\":"), "{j}");
    }
}

#[test]
fn get_stats_reports_mutator_gc_time() {
    let o = pygc(
        &["--gc=concurrent"],
        &[],
        "import gc\nx=[[i] for i in range(200000)]\ns=gc.get_stats(memory_pressure=True)\nprint(s.mutator_gc_time > 0, s.gc_threads_cpu_time >= 0)\nprint('mutator-side GC work' in repr(s))\n",
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout), "True True\nTrue\n");
}

#[test]
fn bad_pause_target_exits_2_naming_it() {
    let o = pygc(&["--gc-opt", "pause-target=soon"], &[], "pass\n");
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(
        e.contains("'soon'") && e.contains("PYGC_PAUSE_TARGET"),
        "{e}"
    );
    let o = pygc(&[], &[("PYGC_PAUSE_TARGET", "off")], "print(1)\n");
    assert!(o.status.success());
}
