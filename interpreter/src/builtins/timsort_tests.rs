use super::timsort;

/// Sorts `keys` with `timsort`, returns (sorted keys, comparison count).
fn sort_counting(keys: &[i64]) -> (Vec<i64>, usize) {
    let mut idx: Vec<usize> = (0..keys.len()).collect();
    let mut count = 0;
    timsort(&mut idx, &mut |i, j| {
        count += 1;
        Some(keys[i] < keys[j])
    })
    .expect("no failure");
    // stable: equal keys keep their input order
    for w in idx.windows(2) {
        assert!(keys[w[0]] < keys[w[1]] || (keys[w[0]] == keys[w[1]] && w[0] < w[1]));
    }
    (idx.iter().map(|&i| keys[i]).collect(), count)
}

fn pattern(name: &str) -> Vec<i64> {
    match name {
        "mod97" => (0..60000).map(|i| i % 97).collect(),
        "lcg" => (0..20000).map(|i| (i * 7919) % 10007).collect(),
        "saw" => (0..30000)
            .map(|i| {
                if (i / 1000) % 2 == 0 {
                    i % 1000
                } else {
                    1000 - i % 1000
                }
            })
            .collect(),
        "few" => (0..5000).map(|i| (i * 31) % 5).collect(),
        "small" => (0..50).map(|i| (i * 13) % 7).collect(),
        _ => unreachable!(),
    }
}

#[test]
fn sorts_stably_with_cpythons_comparison_count() {
    // counts of `__lt__` calls measured with CPython 3.11's sorted()
    let cases = [
        ("mod97", 379483),
        ("lcg", 259866),
        ("saw", 157995),
        ("few", 28787),
        ("small", 221),
    ];
    for (name, cpython) in cases {
        let keys = pattern(name);
        let (sorted, count) = sort_counting(&keys);
        let mut want = keys.clone();
        want.sort();
        assert_eq!(sorted, want, "{name}");
        assert_eq!(count, cpython, "{name}");
    }
}

#[test]
fn sorts_runs_and_edge_lengths() {
    for n in [0, 1, 2, 3, 63, 64, 65, 127, 128, 1000, 4097] {
        let asc: Vec<i64> = (0..n).collect();
        let desc: Vec<i64> = (0..n).rev().collect();
        let mut x = 12345u64;
        let rnd: Vec<i64> = (0..n)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (x >> 40) as i64 % 50
            })
            .collect();
        for keys in [asc, desc, rnd] {
            let (sorted, _) = sort_counting(&keys);
            let mut want = keys.clone();
            want.sort();
            assert_eq!(sorted, want, "n={n}");
        }
    }
}

#[test]
fn failed_comparison_leaves_a_permutation() {
    let keys = pattern("lcg");
    for stop in [0, 1, 5, 100, 5000, 20000, 100000, 200000] {
        let mut idx: Vec<usize> = (0..keys.len()).collect();
        let mut count = 0;
        let r = timsort(&mut idx, &mut |i, j| {
            count += 1;
            (count <= stop).then(|| keys[i] < keys[j])
        });
        assert!(r.is_none(), "stop={stop}");
        let mut seen = idx.clone();
        seen.sort();
        assert_eq!(seen, (0..keys.len()).collect::<Vec<_>>(), "stop={stop}");
    }
}

#[test]
fn inconsistent_comparisons_keep_every_item() {
    let n = 3000;
    let mut x = 99u64;
    let mut idx: Vec<usize> = (0..n).collect();
    timsort(&mut idx, &mut |_, _| {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
        Some(x >> 63 == 1)
    })
    .expect("no failure");
    idx.sort();
    assert_eq!(idx, (0..n).collect::<Vec<_>>());
}
