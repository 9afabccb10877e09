use super::*;

/// Writes a graph given as (id, type, size, refs) plus roots.
fn snap(objs: &[(u64, &str, u64, &[u64])], roots: &[u64]) -> Snapshot {
    let mut w = SnapshotWriter::new(Vec::new(), "test").unwrap();
    for &r in roots {
        w.root(r, "").unwrap();
    }
    for &(id, t, size, refs) in objs {
        let refs: Vec<(u64, &str)> = refs.iter().map(|&r| (r, "")).collect();
        w.object(id, t, size, 0, None, &refs).unwrap();
    }
    let bytes = w.finish().unwrap();
    Snapshot::read(&bytes[..]).unwrap()
}

fn idx(s: &Snapshot, id: u64) -> usize {
    s.ids.iter().position(|&x| x == id).unwrap()
}

#[test]
fn round_trip_keeps_objects_edges_and_roots() {
    let s = snap(
        &[(10, "list", 32, &[20, 99]), (20, "my type", 8, &[])],
        &[10, 77],
    );
    assert_eq!(s.collector, "test");
    assert_eq!(s.len(), 2);
    assert_eq!(s.type_of(1), "my_type", "whitespace in labels is replaced");
    assert_eq!(s.edges[0], vec![1], "dangling reference 99 dropped");
    assert_eq!(s.roots, vec![0], "root 77 is not an object");
    assert_eq!(s.total_bytes(), 40);
}

#[test]
fn dominators_and_retained_sizes() {
    // r -> a -> c, r -> b -> c, a -> d; c is shared (dominated by r only),
    // d is retained by a; e is unreachable.
    let s = snap(
        &[
            (1, "root", 1, &[2, 3]),
            (2, "A", 10, &[4, 5]),
            (3, "B", 100, &[4]),
            (4, "C", 1000, &[]),
            (5, "D", 10000, &[]),
            (6, "E", 5, &[5]),
        ],
        &[1],
    );
    let idom = s.dominators();
    let (r, a, b, c, d, e) = (
        idx(&s, 1),
        idx(&s, 2),
        idx(&s, 3),
        idx(&s, 4),
        idx(&s, 5),
        idx(&s, 6),
    );
    assert_eq!(idom[a] as usize, r);
    assert_eq!(idom[b] as usize, r);
    assert_eq!(idom[c] as usize, r, "two paths: only the root dominates");
    assert_eq!(idom[d] as usize, a);
    assert_eq!(idom[e], u32::MAX, "unreachable");
    let ret = s.retained();
    assert_eq!(ret[a], 10 + 10000);
    assert_eq!(ret[b], 100);
    assert_eq!(ret[r], 1 + 10 + 100 + 1000 + 10000);
    assert_eq!(ret[e], 0);
    assert_eq!(s.unreachable(), 1);
    assert!(render_summary(&s, 10).contains("1 of them unreachable"));
}

#[test]
fn cycles_and_multiple_roots() {
    // Two roots into a cycle x <-> y; z hangs off y.
    let s = snap(
        &[(1, "X", 1, &[2]), (2, "Y", 2, &[1, 3]), (3, "Z", 4, &[])],
        &[1, 2],
    );
    let idom = s.dominators();
    let n = s.len() as u32;
    assert_eq!(idom[idx(&s, 1)], n, "x is reached from two roots");
    assert_eq!(idom[idx(&s, 2)], n);
    assert_eq!(idom[idx(&s, 3)] as usize, idx(&s, 2));
    assert_eq!(s.retained()[idx(&s, 2)], 6);
}

#[test]
fn by_type_does_not_count_nested_objects_twice() {
    // A linked list of Node objects: the head retains everything; the
    // Node row must count the chain once, not n times.
    let n = 1000u64;
    let objs: Vec<(u64, &str, u64, Vec<u64>)> = (1..=n)
        .map(|i| (i, "Node", 16, if i < n { vec![i + 1] } else { vec![] }))
        .collect();
    let borrowed: Vec<(u64, &str, u64, &[u64])> = objs
        .iter()
        .map(|(a, b, c, d)| (*a, *b, *c, d.as_slice()))
        .collect();
    let s = snap(&borrowed, &[1]);
    let rows = s.by_type();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].count, n);
    assert_eq!(rows[0].bytes, 16 * n);
    assert_eq!(rows[0].retained, 16 * n);
    let p = s.path_to("Node").unwrap();
    assert_eq!(p.len(), 1, "the root itself is a Node");
}

#[test]
fn diff_and_path_find_a_leak() {
    let before = snap(&[(1, "module", 100, &[2]), (2, "list", 40, &[])], &[1]);
    let after = snap(
        &[
            (1, "module", 100, &[2]),
            (2, "list", 40, &[3]),
            (3, "<Array>", 80, &[4, 5]),
            (4, "Leaky", 48, &[]),
            (5, "Leaky", 48, &[]),
        ],
        &[1],
    );
    let d = diff(&before, &after);
    assert_eq!(d[0].name, "Leaky");
    assert_eq!(d[0].count, (0, 2));
    assert_eq!(d[0].delta_bytes(), 96);
    assert!(
        d.iter().all(|r| r.name != "module"),
        "unchanged types left out"
    );
    let text = render_path(&after, "Leaky").unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert_eq!(
        lines[0], "root module -> list -> <Array> -> Leaky",
        "{text}"
    );
    assert!(lines[1].starts_with("root module"), "{text}");
    assert!(lines[4].trim_start().starts_with("-> Leaky"), "{text}");
    assert!(render_path(&after, "Missing").is_none());
    assert!(render_diff(&before, &after, 10).contains("+96B"));
    assert!(render_summary(&after, 10).contains("Leaky"));
}

#[test]
fn bad_input_is_an_error_naming_the_line() {
    let e = Snapshot::read(&b"hello\n"[..]).unwrap_err();
    assert!(e.to_string().contains("line 1"), "{e}");
    let e = Snapshot::read(&b"pygc-heap-snapshot 1\no 1 0 8\n"[..]).unwrap_err();
    assert!(e.to_string().contains("undeclared type"), "{e}");
    let e = Snapshot::read(&b"pygc-heap-snapshot 9\n"[..]).unwrap_err();
    assert!(e.to_string().contains("version"), "{e}");
    let e = Snapshot::read(&b"pygc-heap-snapshot 1\ntype 0 a\no 1 0 x\n"[..]).unwrap_err();
    assert!(e.to_string().contains("line 3"), "{e}");
}

mod v2;

/// Dominators by the textbook data-flow definition (Dom(v) = {v} ∪ ⋂ Dom(p)
/// over predecessors), for cross-checking the fast algorithm.
fn naive_idom(s: &Snapshot) -> Vec<u32> {
    let n = s.len();
    let full: Vec<bool> = vec![true; n + 1];
    let mut dom: Vec<Vec<bool>> = vec![full; n + 1];
    let mut reach = vec![false; n + 1];
    let mut stack = vec![n];
    reach[n] = true;
    while let Some(v) = stack.pop() {
        let succ: &[u32] = if v == n { &s.roots } else { &s.edges[v] };
        for &w in succ {
            if !reach[w as usize] {
                reach[w as usize] = true;
                stack.push(w as usize);
            }
        }
    }
    let mut preds = vec![Vec::new(); n + 1];
    for v in 0..=n {
        let succ: &[u32] = if v == n { &s.roots } else { &s.edges[v] };
        for &w in succ {
            preds[w as usize].push(v);
        }
    }
    dom[n] = (0..=n).map(|i| i == n).collect();
    let mut changed = true;
    while changed {
        changed = false;
        for v in 0..n {
            if !reach[v] {
                continue;
            }
            let mut d = vec![true; n + 1];
            for &p in preds[v].iter().filter(|&&p| reach[p]) {
                for i in 0..=n {
                    d[i] &= dom[p][i];
                }
            }
            d[v] = true;
            if d != dom[v] {
                dom[v] = d;
                changed = true;
            }
        }
    }
    // The immediate dominator is the strict dominator with the most dominators.
    (0..n)
        .map(|v| {
            if !reach[v] {
                return u32::MAX;
            }
            let strict = (0..=n).filter(|&i| i != v && dom[v][i]);
            let depth = |i: usize| dom[i].iter().filter(|&&b| b).count();
            strict.max_by_key(|&i| depth(i)).unwrap() as u32
        })
        .collect()
}

#[test]
fn dominators_match_the_definition_on_random_graphs() {
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move |m: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % m
    };
    for case in 0..300 {
        let n = 2 + next(40);
        let edges: Vec<Vec<u64>> = (0..n)
            .map(|_| (0..next(4)).map(|_| 1 + next(n)).collect())
            .collect();
        let objs: Vec<(u64, &str, u64, &[u64])> = (0..n)
            .map(|i| (i + 1, "T", 8 * (i + 1), edges[i as usize].as_slice()))
            .collect();
        let roots: Vec<u64> = (0..1 + next(3)).map(|_| 1 + next(n)).collect();
        let s = snap(&objs, &roots);
        assert_eq!(s.dominators(), naive_idom(&s), "case {case}");
    }
}
