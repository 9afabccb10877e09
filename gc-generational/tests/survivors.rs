mod common;
use common::*;

/// Builds a tree, churns through many minor and major collections, and
/// returns (checked nodes, major collections, heap bytes).
fn tree_run(threads: usize, tenure: u32) -> (usize, u64, u64) {
    let cfg = config_with(256 << 10, threads, tenure);
    let (mut m, ty) = mutator(&cfg);
    let nodes = tree_survives_churn(&mut m, &ty);
    let s = m.stats();
    (nodes, s.major_collections, s.heap_bytes)
}

#[test]
fn tree_survives_minor_and_major_collections_1_and_4_threads() {
    let one = tree_run(1, 1);
    let four = tree_run(4, 1);
    assert_eq!(one, four, "one thread and four threads must agree");
}

#[test]
fn tree_survives_with_aging() {
    let a = tree_run(2, 3);
    let b = tree_run(1, 3);
    assert_eq!(a, b);
}

#[test]
fn young_to_young_chains_survive_minor() {
    for tenure in [1, 2, 4] {
        let cfg = config_with(128 << 10, 2, tenure);
        let (mut m, ty) = mutator(&cfg);
        young_chain_survives_minor(&mut m, &ty);
    }
}

#[test]
fn torture_mode_with_aging_and_threads() {
    for (threads, tenure) in [(1, 1), (3, 2), (2, 5)] {
        let mut cfg = config_with(128 << 10, threads, tenure);
        cfg.torture = 7;
        let (mut m, ty) = mutator(&cfg);
        let mut serial = 0;
        let root = tree(&mut m, &ty, 10, &mut serial);
        let h = m.root(root);
        for _ in 0..4 {
            churn(&mut m, &ty, 20_000);
            assert_eq!(check_tree(m.root_get(h)), (1 << 10) - 1);
        }
        let s = m.stats();
        assert!(
            s.minor_collections > 100 && s.major_collections > 10,
            "{s:?}"
        );
    }
}
