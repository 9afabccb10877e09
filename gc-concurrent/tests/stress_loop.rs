//! Multi-threaded stress: one mutator thread, several GC threads, random
//! graph mutation (fields, arrays, weak refs, finalizers, bulk writes), with
//! heap verification after every completed cycle. The whole run is repeated
//! 20 times with different seeds and thread counts: a flake is a bug.

mod common;

use common::*;
use gc_api::{is_ref, CollectRequest, ObjRef};

const SLOTS: usize = 512;

fn obj(w: usize) -> ObjRef {
    // SAFETY: callers pass words read from rooted, verified objects.
    unsafe { ObjRef::from_addr_unchecked(w) }
}

fn one_run(seed: u64, threads: usize, steps: usize) -> (u64, usize) {
    // Odd seeds poison freed memory (verify mode), even ones run the
    // zeroing sweeper; both verify the heap after every cycle.
    let mut vm = Vm::new(&config(threads, (seed % 2) as u32, 1 << 20));
    let table = vm.array(SLOTS);
    let mut roots = vec![table.to_word()];
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut cycles = 0;
    let mut verified = 0;
    // At least `steps` steps, and until 3 cycles completed (GC-thread speed
    // depends on machine load).
    let mut step = 0;
    while step < steps || (cycles < 3 && step < 20 * steps) {
        step += 1;
        // The table moves when a minor collection promotes it.
        let table = obj(roots[0]);
        let i = rng.below(SLOTS);
        let pick = |rng: &mut Rng| Vm::item(table, rng.below(SLOTS));
        match rng.below(17) {
            0..=4 => {
                let (l, r) = (pick(&mut rng), pick(&mut rng));
                let n = vm.node(step, l, r);
                vm.set_item(table, i, n.to_word());
            }
            5..=6 => {
                // Move a reference from one node to another (SATB case).
                let (a, b) = (pick(&mut rng), pick(&mut rng));
                if is_ref(a) && is_ref(b) && obj(a).tid() == vm.node && obj(b).tid() == vm.node {
                    let w = obj(b).word(RIGHT);
                    vm.m.write_ref(obj(a), LEFT, w);
                    vm.m.write_ref(obj(b), RIGHT, 0);
                }
            }
            7 => {
                // Bulk overwrite of an array (memmove-like, one barrier call).
                let a = pick(&mut rng);
                if is_ref(a) && obj(a).tid() == vm.arr {
                    let a = obj(a);
                    vm.m.before_bulk_write(a);
                    let n = Vm::len(a);
                    for k in 0..n / 2 {
                        let v = Vm::item(a, n - 1 - k);
                        a.set_word(16 + 8 * k, v);
                    }
                    for k in n / 2..n {
                        a.set_word(16 + 8 * k, 0);
                    }
                }
            }
            8 => {
                let len = rng.below(40);
                let a = vm.array(len);
                for k in 0..len {
                    a.set_word(16 + 8 * k, pick(&mut rng));
                }
                vm.set_item(table, i, a.to_word());
            }
            9 => {
                let w = vm.m.alloc(vm.weak).unwrap();
                w.set_word(8, pick(&mut rng));
                vm.set_item(table, i, w.to_word());
            }
            15 => {
                // Read a weak referent out (through the weak-load barrier)
                // and make it strongly reachable again.
                let w = pick(&mut rng);
                if is_ref(w) && obj(w).tid() == vm.weak {
                    let v = vm.m.read_weak(obj(w));
                    vm.set_item(table, i, v);
                }
            }
            10 => {
                let f = vm.m.alloc(vm.fin).unwrap();
                f.set_word(8, pick(&mut rng));
                if rng.below(2) == 0 {
                    vm.set_item(table, i, f.to_word());
                }
            }
            11 => {
                let n = vm.node(step, pick(&mut rng), 0);
                vm.m.register_finalizer(n);
            }
            12 => {
                // Large objects now and then.
                let a = vm.array(if rng.below(8) == 0 { 10_000 } else { 100 });
                a.set_word(16, pick(&mut rng));
                vm.set_item(table, i, a.to_word());
            }
            13 => vm.set_item(table, i, 0),
            _ => {
                vm.m.alloc_var(vm.bytes, rng.below(2000)).unwrap();
            }
        }
        // Weak refs must be cleared or point at live, intact objects.
        while let Some(f) = vm.m.next_finalizable() {
            assert_eq!(f.tid(), vm.node, "finalizable object damaged");
            assert_eq!(f.word(CHECK), checksum(f.word(PAYLOAD)));
            if is_ref(f.word(LEFT)) {
                vm.check_tree(f.word(LEFT));
            }
        }
        vm.m.safepoint(&mut roots);
        let majors = vm.m.stats().major_collections;
        if majors != cycles {
            cycles = majors;
            vm.m.verify(&mut roots)
                .unwrap_or_else(|e| panic!("seed {seed}: verify after cycle {majors}: {e}"));
            vm.check_tree(roots[0]);
            verified += 1;
        }
    }
    vm.m.collect(CollectRequest::Major, &mut roots);
    vm.m.verify(&mut roots).unwrap();
    vm.check_tree(roots[0]);
    (vm.m.stats().major_collections, verified)
}

#[test]
fn stress_twenty_times() {
    let mut total = 0;
    for run in 0..20u64 {
        let threads = 1 + (run as usize % 4);
        let (cycles, verified) = one_run(run + 1, threads, 40_000);
        assert!(cycles >= 3, "run {run}: only {cycles} cycles");
        total += verified;
    }
    eprintln!("20 runs, {total} concurrent cycles verified");
}
