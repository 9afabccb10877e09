//! Renders a report in real headless Chromium (Debian's `chromium`) and
//! checks what it shows. Skipped, with a message, without /usr/bin/chromium
//! or python3 (for the fake pygc).

use std::path::Path;
use std::process::Command;

const CHROMIUM: &str = "/usr/bin/chromium";

fn chromium(profile: &Path, extra: &[&str], url: &str) -> std::process::Output {
    Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("chromium runs")
}

#[test]
fn report_renders_in_headless_chromium() {
    if !Path::new(CHROMIUM).exists() {
        eprintln!("skipped: {CHROMIUM} is missing (apt-get install chromium)");
        return;
    }
    if !Command::new("python3")
        .arg("-c")
        .arg("pass")
        .status()
        .is_ok_and(|s| s.success())
    {
        eprintln!("skipped: no python3 for the fake pygc");
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let prog = d.path().join("demo.py");
    std::fs::write(&prog, "print('hello')\n").unwrap();
    let fake = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fake_pygc.py");
    let out = d.path().join("res");
    let st = Command::new(env!("CARGO_BIN_EXE_pygc-lab"))
        .args([
            "run",
            prog.to_str().unwrap(),
            "--heap",
            "2x,4x",
            "--invocations",
            "3",
        ])
        .args([
            "--pygc",
            fake.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .env("FAKE_MIN_HEAP", "1000000")
        .env("FAKE_WALL_BETA", "0.4")
        .status()
        .unwrap();
    assert!(st.success());
    let html = d.path().join("report.html");
    let st = Command::new(env!("CARGO_BIN_EXE_pygc-lab"))
        .args([
            "report",
            out.to_str().unwrap(),
            "-o",
            html.to_str().unwrap(),
        ])
        .status()
        .unwrap();
    assert!(st.success());
    let text = std::fs::read_to_string(&html).unwrap();
    // Self-contained: no scripts, no external resources.
    assert!(!text.contains("<script") && !text.contains("src=") && !text.contains("<link"));
    let svgs = std::fs::read_dir(d.path().join("report-svg"))
        .unwrap()
        .count();
    assert_eq!(svgs, 1 + 4, "summary + 4 figures for one program");

    let url = format!("file://{}", html.display());
    let o = chromium(&d.path().join("profile1"), &["--dump-dom"], &url);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let dom = String::from_utf8_lossy(&o.stdout);
    assert!(dom.contains("<h1>pygc-lab report</h1>"), "{dom}");
    assert!(
        dom.contains("9 runs (9 ok)") || dom.contains("18 runs (18 ok)"),
        "counts missing"
    );
    assert_eq!(dom.matches("<svg").count(), 1 + 4, "inline figures");
    assert!(dom.contains("id=\"summary\""));
    for s in [
        "alpha",
        "beta",
        "none",
        "demo: wall time",
        "pause CDF",
        "MMU",
        "peak RSS",
    ] {
        assert!(dom.contains(s), "{s} missing from the rendered page");
    }
    // alpha and none take the same time (n.s.); beta is 40x slower
    // (significant): exactly the right cells carry the mark.
    assert!(dom.contains("n.s."), "no non-significance mark");
    let beta_row = dom
        .split("<tr><td>beta</td>")
        .nth(1)
        .unwrap()
        .split("</tr>")
        .next()
        .unwrap();
    assert!(
        !beta_row.contains("n.s."),
        "beta is significantly slower: {beta_row}"
    );

    let png = d.path().join("shot.png");
    let o = chromium(
        &d.path().join("profile2"),
        &[
            &format!("--screenshot={}", png.display()),
            "--window-size=1200,1600",
        ],
        &url,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[1..4], b"PNG");
    // Width and height from the IHDR chunk.
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!((w, h), (1200, 1600));
    // A blank page compresses to a few KB; charts and tables do not.
    assert!(
        bytes.len() > 40_000,
        "screenshot looks blank ({} bytes)",
        bytes.len()
    );
}
