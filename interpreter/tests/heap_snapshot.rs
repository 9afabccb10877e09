//! Leak diagnosis end to end: a program leaks `Session` objects into a
//! global cache; heap snapshots taken with `gc.dump_heap` and
//! `--heap-snapshot` must show, under every collector, that `Session`
//! (and the cache list's item array) is what grows, and the path from a
//! root through the cache list to a `Session`.

use gc_tools::snapshot::{diff, Snapshot};
use std::path::PathBuf;
use std::process::{Command, Output};

const LEAK: &str = r#"
import gc, sys

class Session:
    def __init__(self, n):
        self.n = n
        self.payload = [n] * 20

cache = []

def handle(n):
    s = Session(n)
    cache.append(s)
    t = Session(-n)     # garbage: must not show up after the collection
    return s.n + t.n

for i in range(50):
    handle(i)
before = gc.dump_heap(sys.argv[1])
for i in range(2000):
    handle(i)
after = gc.dump_heap(sys.argv[2])
print("objects", before < after)
"#;

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pygc-heapsnap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    dir.join(name)
}

fn pygc(args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pygc"));
    cmd.args(args);
    for (k, _) in std::env::vars() {
        if k.starts_with("PYGC_") {
            cmd.env_remove(k);
        }
    }
    cmd.output().expect("run pygc")
}

fn load(p: &PathBuf) -> Snapshot {
    let f = std::fs::File::open(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    Snapshot::read(std::io::BufReader::new(f)).expect("valid snapshot")
}

#[test]
fn snapshots_show_what_leaks_and_why() {
    for gc in gc_registry::names() {
        let (a, b, c) = (
            tmp(&format!("{gc}-a.snap")),
            tmp(&format!("{gc}-b.snap")),
            tmp(&format!("{gc}-exit.snap")),
        );
        let out = pygc(&[
            &format!("--gc={gc}"),
            &format!("--heap-snapshot={}", c.display()),
            "-c",
            LEAK,
            a.to_str().unwrap(),
            b.to_str().unwrap(),
        ]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && text.contains("objects True"),
            "{gc}: {text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let (old, new, exit) = (load(&a), load(&b), load(&c));
        assert_eq!(new.collector, gc);
        let d = diff(&old, &new);
        let session = d
            .iter()
            .find(|r| r.name == "Session")
            .unwrap_or_else(|| panic!("{gc}: Session not in the diff: {d:?}"));
        // Every collector, nogc included (it marks on request and hides the
        // dead, though it never reuses their memory), shows only what lives.
        assert_eq!(session.count, (50, 2050), "{gc}: only cached sessions live");
        assert_eq!(new.unreachable(), 0, "{gc}: a collection ran first");
        // The biggest grower among user-visible types is the leak.
        let top_visible = d.iter().find(|r| !r.name.starts_with('<')).unwrap();
        assert!(
            top_visible.name == "Session" || top_visible.name == "list",
            "{gc}: {d:?}"
        );
        let path = new.path_to("Session").expect("a Session is reachable");
        let labels: Vec<&str> = path.iter().map(|&i| new.type_of(i)).collect();
        assert_eq!(labels.last(), Some(&"Session"), "{gc}: {labels:?}");
        assert!(
            labels.contains(&"list"),
            "{gc}: through the cache: {labels:?}"
        );
        let rows = new.by_type();
        let list_row = rows.iter().find(|r| r.name == "list").unwrap();
        let session_row = rows.iter().find(|r| r.name == "Session").unwrap();
        assert!(
            list_row.retained >= session_row.retained,
            "{gc}: the cache list retains the sessions: {rows:?}"
        );
        assert!(exit.len() >= new.len() - 10, "{gc}: the exit snapshot");
    }
}

#[test]
fn bad_snapshot_paths_are_clear_errors() {
    let out = pygc(&["--heap-snapshot=/nonexistent-dir/x.snap", "-c", "print(1)"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "the program must not run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/nonexistent-dir/x.snap"), "{err}");
    let out = pygc(&["-c", "import gc\ngc.dump_heap('/nonexistent-dir/y')"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "FileNotFoundError: [Errno 2] No such file or directory: '/nonexistent-dir/y'"
        ),
        "{err}"
    );
}
