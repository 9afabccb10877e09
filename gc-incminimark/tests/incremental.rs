mod common;
use common::*;
use gc_api::{CollectOutcome, CollectRequest, Mutator, ObjRef, Phase};
use std::sync::{Arc, Mutex};

/// xorshift, deterministic.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Counts nodes reachable from `roots`, checking payloads; returns the sum
/// of serials (an order-independent fingerprint of the graph's contents).
fn fingerprint(roots: &[usize]) -> (usize, u64) {
    let mut seen = std::collections::HashSet::new();
    let mut todo: Vec<usize> = roots
        .iter()
        .copied()
        .filter(|&w| gc_api::is_ref(w))
        .collect();
    let mut sum = 0u64;
    while let Some(w) = todo.pop() {
        if !seen.insert(w) {
            continue;
        }
        let o = ObjRef::from_word(w).unwrap();
        assert_eq!(o.word(PAYLOAD), checksum(o.word(SERIAL)), "corrupted node");
        sum = sum.wrapping_add(o.word(SERIAL) as u64);
        for off in [LEFT, RIGHT] {
            if gc_api::is_ref(o.word(off)) {
                todo.push(o.word(off));
            }
        }
    }
    (seen.len(), sum)
}

/// Random graph mutation with incremental steps in between, verified after
/// every step; the reachable graph is compared with a re-traversal before
/// and after each collection.
fn run(seed: u64, steps: usize, nursery: usize) {
    let cfg = config(nursery);
    let (mut m, ty) = mutator(&cfg);
    let phases = Arc::new(Mutex::new(Vec::new()));
    let p2 = phases.clone();
    m.collector_mut()
        .subscribe(Box::new(move |e| p2.lock().unwrap().push(e.phase)));
    let mut rng = Rng(seed);
    let mut roots = vec![0usize; 64];
    let mut serial = 0usize;
    let mut completes = 0;
    for step in 0..steps {
        for _ in 0..200 {
            match rng.below(10) {
                0..=4 => {
                    serial += 1;
                    let l = roots[rng.below(64)];
                    let r = roots[rng.below(64)];
                    let o = node(&mut m, &ty, serial, l, r);
                    roots[rng.below(64)] = o.to_word();
                }
                5..=7 => {
                    // store a root into a field of a reachable object
                    let (a, b) = (roots[rng.below(64)], roots[rng.below(64)]);
                    if let Some(o) = ObjRef::from_word(a) {
                        let target = if rng.below(4) == 0 {
                            ObjRef::from_word(b).map_or(0, |t| t.word(LEFT))
                        } else {
                            b
                        };
                        let off = if rng.below(2) == 0 { LEFT } else { RIGHT };
                        m.write_ref(o, off, target);
                    }
                }
                8 => roots[rng.below(64)] = 0,
                _ => {
                    // move a child into a root (reads through the graph)
                    if let Some(o) = ObjRef::from_word(roots[rng.below(64)]) {
                        roots[rng.below(64)] = o.word(RIGHT);
                    }
                }
            }
        }
        let before = fingerprint(&roots);
        let out = if step % 17 == 16 {
            m.collect(CollectRequest::Major, &mut roots)
        } else {
            m.safepoint(&mut roots);
            m.collect(CollectRequest::Step, &mut roots)
        };
        if out == CollectOutcome::Complete {
            completes += 1;
        }
        m.verify(&mut roots)
            .unwrap_or_else(|e| panic!("seed {seed} step {step}: {e}"));
        assert_eq!(fingerprint(&roots), before, "graph changed by a collection");
    }
    assert!(completes > 0);
    let ph = phases.lock().unwrap();
    assert!(ph.contains(&Phase::Marking), "never observed marking");
    assert!(ph.contains(&Phase::Sweeping) || ph.contains(&Phase::Idle));
}

#[test]
fn random_mutation_with_incremental_steps() {
    for seed in 1..=4u64 {
        run(seed * 0x9E37_79B9, 200, 64 << 10);
    }
}

#[test]
fn steps_finish_a_cycle() {
    let cfg = config(128 << 10);
    let (mut m, ty) = mutator(&cfg);
    let mut serial = 0;
    let t = tree(&mut m, &ty, 13, &mut serial);
    let mut roots = vec![t];
    let mut n = 0;
    loop {
        n += 1;
        let out = m.collect(CollectRequest::Step, &mut roots);
        m.verify(&mut roots).unwrap();
        if out == CollectOutcome::Complete {
            break;
        }
        // mutate between steps: graft new young nodes under old ones
        let o = ObjRef::from_word(roots[0]).unwrap();
        let young = node(&mut m, &ty, 1_000_000 + n, 0, 0);
        let right = o.word(RIGHT);
        young.set_word(LEFT, right);
        m.write_ref(o, RIGHT, young.to_word());
        assert!(n < 10_000);
    }
    assert!(n >= 1);
    let (count, _) = fingerprint(&roots);
    assert_eq!(count, (1 << 13) - 1 + n - 1);
}

#[test]
fn torture_mode_with_verify() {
    let mut cfg = config(64 << 10);
    cfg.torture = 7;
    cfg.verify = 2;
    let (t, ty) = table();
    let env = gc_api::CollectorEnv {
        types: Arc::new(t),
        raw: Arc::new(gc_api::RawMemory::default()),
    };
    let c = gc_incminimark::build(&cfg, env.clone()).unwrap();
    let mut m = Mutator::new(c, &env, &cfg);
    let mut serial = 0;
    let t = tree(&mut m, &ty, 10, &mut serial);
    let h = m.root(t);
    churn(&mut m, &ty, 20_000);
    assert_eq!(check_tree(m.root_get(h)), 1023);
}
