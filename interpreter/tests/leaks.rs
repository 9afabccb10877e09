//! Leak diagnosis end to end: programs with planted leaks run under every
//! collector with allocation tracing; `pygc-heap leaks` (the library behind
//! it) must name each leak: the holder's path with names, what grows, the
//! raw bytes, and the line that allocates the leaked objects. The HTML
//! report is checked in a real headless browser.

use gc_tools::snapshot::html::render_html;
use gc_tools::snapshot::leaks::{find_leaks, render_leaks, LeakReport};
use gc_tools::snapshot::Snapshot;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn program(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/leaks")
        .join(format!("{name}.py"))
}

/// The line marked `# ALLOC` in a program.
fn alloc_line(name: &str) -> u32 {
    let src = std::fs::read_to_string(program(name)).expect("program");
    let k = src
        .lines()
        .position(|l| l.contains("# ALLOC"))
        .expect("marker");
    k as u32 + 1
}

/// A fresh path (tests run in parallel: every call gets its own name).
fn tmp(name: &str) -> PathBuf {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let k = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("pygc-leaks-{}-{k}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    dir.join(name)
}

fn pygc(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pygc"));
    cmd.args(args);
    for (k, _) in std::env::vars() {
        if k.starts_with("PYGC_") || k == "PYTHONTRACEMALLOC" {
            cmd.env_remove(k);
        }
    }
    cmd.envs(env.iter().copied());
    cmd.output().expect("run pygc")
}

fn load(p: &Path) -> Snapshot {
    let f = std::fs::File::open(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    Snapshot::read(std::io::BufReader::new(f)).expect("valid snapshot")
}

/// Runs `name` under `gc` with `nsnap` snapshots; returns the report, its
/// text and the snapshots.
fn run(name: &str, gc: &str, nsnap: usize, extra: &[&str]) -> (LeakReport, String, Vec<Snapshot>) {
    let paths: Vec<PathBuf> = (0..nsnap)
        .map(|k| tmp(&format!("{name}-{gc}-{k}.snap")))
        .collect();
    let prog = program(name);
    let gcflag = format!("--gc={gc}");
    let mut args: Vec<&str> = vec![&gcflag];
    args.extend_from_slice(extra);
    args.push(prog.to_str().unwrap());
    args.extend(paths.iter().map(|p| p.to_str().unwrap()));
    let env: &[(&str, &str)] = if extra.is_empty() {
        &[("PYGC_TRACE_ALLOC", "4")]
    } else {
        &[]
    };
    let out = pygc(&args, env);
    assert!(
        out.status.success(),
        "{name} under {gc}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let snaps: Vec<Snapshot> = paths.iter().map(|p| load(p)).collect();
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let report = find_leaks(&snaps);
    let text = render_leaks(&report, &names, 5);
    (report, text, snaps)
}

/// The first suspect must be `path`, holding `count` objects of `ty` that
/// grew by `growth`, allocated at the program's `# ALLOC` line.
fn check(name: &str, gc: &str, r: &LeakReport, text: &str, path: &str, ty: &str, growth: i64) {
    let s = r
        .suspects
        .first()
        .unwrap_or_else(|| panic!("{name}/{gc}: no suspect\n{text}"));
    assert_eq!(s.path, path, "{name}/{gc}:\n{text}");
    let m = s
        .members
        .iter()
        .find(|m| m.name == ty)
        .unwrap_or_else(|| panic!("{name}/{gc}: {ty} not among the growth\n{text}"));
    assert_eq!(m.growth, growth, "{name}/{gc}:\n{text}");
    let site = m
        .site
        .as_ref()
        .unwrap_or_else(|| panic!("{name}/{gc}: no site\n{text}"));
    assert!(
        site[0].file.ends_with(&format!("{name}.py")),
        "{name}/{gc}: {site:?}"
    );
    assert_eq!(site[0].line, alloc_line(name), "{name}/{gc}:\n{text}");
    let line = format!("{ty} allocated at {}:{}", site[0].file, site[0].line);
    assert!(text.contains(&format!("Suspect 1: {path}")), "{text}");
    assert!(text.contains(&line), "{name}/{gc}: {line}\n{text}");
    assert!(s.growth() > 0, "{name}/{gc}: retained growth\n{text}");
}

#[test]
fn numpy_cache_is_named_with_its_raw_bytes_and_allocating_line() {
    for gc in gc_registry::names() {
        let (r, text, _) = run("numpy_cache", gc, 2, &[]);
        check(
            "numpy_cache",
            gc,
            &r,
            &text,
            "__main__._cache",
            "Session",
            400,
        );
        let s = &r.suspects[0];
        assert_eq!(s.type_name, "dict");
        assert!(
            s.retained.1 >= 600 * 2048 * 8,
            "{gc}: 600 arrays of raw bytes\n{text}"
        );
        let nd = s
            .members
            .iter()
            .find(|m| m.name == "ndarray")
            .expect("ndarray grows");
        assert_eq!((nd.count, nd.growth), (600, 400), "{gc}\n{text}");
        assert!(text.contains("9.4MB raw"), "{gc}: raw bytes shown\n{text}");
    }
}

#[test]
fn x_tracemalloc_records_sites_like_the_environment_variable() {
    let (r, text, _) = run("numpy_cache", "incminimark", 2, &["-X", "tracemalloc=3"]);
    check(
        "numpy_cache",
        "incminimark",
        &r,
        &text,
        "__main__._cache",
        "Session",
        400,
    );
}

#[test]
fn listeners_kept_by_closures() {
    for gc in gc_registry::names() {
        let (r, text, _) = run("closures", gc, 3, &[]);
        check(
            "closures",
            gc,
            &r,
            &text,
            "__main__.bus.listeners",
            "Request",
            600,
        );
        let names: Vec<&str> = r.suspects[0]
            .members
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        assert!(
            names.contains(&"function") && names.contains(&"cell"),
            "{gc}\n{text}"
        );
        assert!(text.contains("grew in every interval"), "{gc}\n{text}");
    }
}

#[test]
fn growing_ring_with_del() {
    for gc in gc_registry::names() {
        let (r, text, _) = run("del_cycle", gc, 2, &[]);
        check("del_cycle", gc, &r, &text, "__main__._ring", "Node", 400);
        assert_eq!(
            r.suspects.len(),
            1,
            "{gc}: garbage cycles are no suspect\n{text}"
        );
        assert_eq!(
            r.suspects[0]
                .members
                .iter()
                .find(|m| m.name == "Node")
                .unwrap()
                .count,
            501
        );
    }
}

#[test]
fn leak_through_a_class_attribute() {
    for gc in gc_registry::names() {
        let (r, text, _) = run("class_attr", gc, 2, &[]);
        check(
            "class_attr",
            gc,
            &r,
            &text,
            "__main__.Registry.entries",
            "Plugin",
            800,
        );
    }
}

#[test]
fn html_report_renders_in_a_headless_browser() {
    let chromium = Path::new("/usr/bin/chromium");
    if !chromium.exists() {
        eprintln!("skipped: /usr/bin/chromium is missing (apt-get install chromium)");
        return;
    }
    let (_, _, snaps) = run("numpy_cache", "incminimark", 2, &[]);
    let page = render_html(&snaps, &["before.snap".into(), "after.snap".into()]);
    let html = tmp("report.html");
    std::fs::write(&html, page).expect("write report");
    let profile = tmp("chromium-profile");
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            &format!("--user-data-dir={}", profile.display()),
            "--dump-dom",
            &format!("file://{}", html.display()),
        ])
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        dom.contains("id=\"suspects\""),
        "the script rendered the page: {}\n{dom}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!dom.contains(">rendering...<"), "script ran");
    let site = format!(
        "Session allocated at {}:{}",
        program("numpy_cache").display(),
        alloc_line("numpy_cache")
    );
    for want in [
        "Suspect 1: ",
        "<span class=\"path\">__main__._cache</span>",
        "MB raw), +",
        "+400 Session (600 held here)",
        site.as_str(),
        "class=\"how\">._cache</span>",
    ] {
        assert!(dom.contains(want), "rendered page lacks {want:?}:\n{dom}");
    }
    let growth = &dom[dom.find("id=\"growth\"").expect("growth table")..];
    let row = &growth[growth.find(">ndarray<").expect("ndarray row")..];
    assert!(row[..80.min(row.len())].contains(">+400<"), "{row}");
}
