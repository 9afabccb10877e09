//! Version 2: names, raw bytes, sites; leak suspects; the HTML page.

use super::super::html::{json_str, render_html};
use super::super::leaks::{find_leaks, render_leaks};
use super::super::*;

fn site(line: u32) -> Vec<Frame> {
    vec![
        Frame {
            file: "app.py".into(),
            line,
            func: "handle".into(),
        },
        Frame {
            file: "app.py".into(),
            line: 40,
            func: "<module>".into(),
        },
    ]
}

/// `__main__._cache` (a dict) holding `n` sessions, each with an array of
/// 1000 raw bytes; a ring of `ring` nodes hangs off `__main__._ring`.
fn program(n: u64, ring: u64) -> Snapshot {
    let mut w = SnapshotWriter::new(Vec::new(), "test").unwrap();
    w.site(0, &site(12)).unwrap();
    w.site(1, &site(7)).unwrap();
    w.root(1, "__main__").unwrap();
    let mut main_refs = vec![(2, "._cache")];
    if ring > 0 {
        main_refs.push((5000, "._ring"));
    }
    w.object(1, "module", 100, 0, None, &main_refs).unwrap();
    let keys: Vec<String> = (0..n).map(|k| format!("['s{k}']")).collect();
    let refs: Vec<(u64, &str)> = (0..n)
        .map(|k| (100 + k, keys[k as usize].as_str()))
        .collect();
    w.object(2, "dict", 64 + 24 * n, 0, None, &refs).unwrap();
    for k in 0..n {
        w.object(100 + k, "Session", 48, 0, Some(0), &[(1000 + k, ".data")])
            .unwrap();
        w.object(1000 + k, "ndarray", 88, 1000, Some(1), &[])
            .unwrap();
    }
    for k in 0..ring {
        let next = 5000 + (k + 1) % ring;
        w.object(5000 + k, "Node", 32, 0, None, &[(next, ".next")])
            .unwrap();
    }
    let bytes = w.finish().unwrap();
    Snapshot::read(&bytes[..]).unwrap()
}

#[test]
fn names_raw_bytes_and_sites_round_trip() {
    let s = program(3, 0);
    assert_eq!(s.len(), 8);
    assert_eq!(s.total_raw(), 3000);
    assert_eq!(s.root_name(0), "__main__");
    let p = s.path_to("ndarray").unwrap();
    let chain = s.chain(&s.bfs_parents(), *p.last().unwrap());
    assert_eq!(s.path_string(&chain), "__main__._cache['s0'].data");
    assert_eq!(s.site(p[2]).unwrap()[0].line, 12);
    let rows = s.by_type();
    let dict = rows.iter().find(|r| r.name == "dict").unwrap();
    assert_eq!((dict.raw, dict.retained_raw), (0, 3000), "{rows:?}");
    let text = render_summary(&s, 10);
    assert!(text.contains("retained raw"), "{text}");
    assert!(text.contains("app.py:7 handle"), "{text}");
    let text = render_path(&s, "ndarray").unwrap();
    assert!(text.starts_with("__main__._cache['s0'].data\n"), "{text}");
    assert!(text.contains("raw 1000B"), "{text}");
}

#[test]
fn escapes_survive_a_round_trip() {
    let mut w = SnapshotWriter::new(Vec::new(), "test").unwrap();
    w.root(1, "").unwrap();
    w.object(1, "dict", 8, 0, None, &[(2, "['a\\nb c']")])
        .unwrap();
    w.object(2, "str", 8, 0, None, &[]).unwrap();
    let bytes = w.finish().unwrap();
    let s = Snapshot::read(&bytes[..]).unwrap();
    assert_eq!(s.edge_name(0, 0), "['a\\nb c']");
    let e = Snapshot::read(&b"pygc-heap-snapshot 2\ntype 0 a\no 1 0 8 0 7\n"[..]).unwrap_err();
    assert!(e.to_string().contains("undeclared site 7"), "{e}");
}

#[test]
fn leaks_names_the_cache_the_growth_the_raw_bytes_and_the_site() {
    let (a, b, c) = (program(10, 5), program(20, 5), program(40, 5));
    let r = find_leaks(&[a, b, c]);
    assert_eq!(r.suspects.len(), 1, "{r:?}");
    let s = &r.suspects[0];
    assert_eq!(s.path, "__main__._cache");
    assert_eq!(s.type_name, "dict");
    assert_eq!(s.retained.1, 40_000, "raw bytes under the cache");
    assert!(s.before.is_some());
    let names: Vec<&str> = s.members.iter().map(|m| m.name.as_str()).collect();
    assert!(
        names.contains(&"Session") && names.contains(&"ndarray"),
        "{names:?}"
    );
    let sess = s.members.iter().find(|m| m.name == "Session").unwrap();
    assert_eq!((sess.count, sess.growth), (40, 30));
    assert_eq!(sess.site.as_ref().unwrap()[0].line, 12);
    let text = render_leaks(&r, &["a".into(), "b".into(), "c".into()], 5);
    assert!(
        text.contains("Suspect 1: __main__._cache  (dict)"),
        "{text}"
    );
    assert!(
        text.contains("Session allocated at app.py:12 handle"),
        "{text}"
    );
    assert!(text.contains("grew in every interval"), "{text}");
    assert!(!text.contains("Node"), "the ring does not grow: {text}");
}

#[test]
fn a_growing_ring_is_one_suspect_at_its_entry() {
    let r = find_leaks(&[program(2, 10), program(2, 50)]);
    let s = &r.suspects[0];
    assert_eq!(s.path, "__main__._ring", "{r:?}");
    assert_eq!(s.members[0].name, "Node");
    assert_eq!(s.members[0].count, 50);
    assert_eq!(s.retained.0, 50 * 32);
}

#[test]
fn no_growth_no_suspect() {
    let r = find_leaks(&[program(5, 3), program(5, 3)]);
    assert!(r.suspects.is_empty());
    assert!(render_leaks(&r, &[], 5).contains("No suspect"));
}

#[test]
fn html_page_is_self_contained_and_escaped() {
    assert_eq!(json_str("a\"</script>"), "\"a\\\"\\u003c/script\\u003e\"");
    let page = render_html(&[program(10, 0), program(30, 0)], &["a".into(), "b".into()]);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(!page.contains("http://") && !page.contains("https://"));
    assert!(
        page.contains("\"path\":\"__main__._cache\""),
        "suspects embedded"
    );
    assert!(page.contains("['s0']"), "tree embedded");
    assert_eq!(page.matches("</script>").count(), 2);
}
