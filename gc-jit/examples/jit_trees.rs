//! binary-trees three ways on every collector, side by side in one run:
//! compiled code (inline allocation, stack maps), the mock VM (Rust code
//! through the Mutator's inline paths, subtrees in the shadow stack), and
//! `Box` (malloc/free).
//!
//! `cargo run --release -p gc-jit --example jit_trees -- [DEPTH] [GC...]`

use benches::trees::{nodes_for, run_box, run_vm, schedule, MIN_DEPTH};
use cranelift_codegen::ir::InstBuilder;
use cranelift_module::FuncId;
use gc_api::TypeId;
use gc_jit::{JitFunction, JitRuntime, WORD};
use std::time::Instant;
use stress::vm::{MockVm, PAIR_LEFT, PAIR_RIGHT};

/// `make(d)` and `check(t)` (node count) over `pair` objects.
fn compile(rt: &mut JitRuntime, pair: TypeId) -> (FuncId, FuncId) {
    let make = rt.declare("make", 1).expect("declare");
    let check = rt.declare("check", 1).expect("declare");
    rt.define(make, |f: &mut JitFunction<'_>| {
        let depth = f.params()[0];
        let (leaf, inner) = (f.b.create_block(), f.b.create_block());
        f.b.ins().brif(depth, inner, &[], leaf, &[]);
        f.b.switch_to_block(leaf);
        f.poll();
        let n = f.alloc(pair);
        f.b.ins().return_(&[n]);
        f.b.switch_to_block(inner);
        let d1 = f.b.ins().iadd_imm_s(depth, -1);
        let l = f.call_ref(make, &[d1]);
        let r = f.call_ref(make, &[d1]);
        f.poll();
        let n = f.alloc(pair);
        f.init_ref(n, PAIR_LEFT as i32, l);
        f.init_ref(n, PAIR_RIGHT as i32, r);
        f.b.ins().return_(&[n]);
    })
    .expect("make compiles");
    rt.define(check, |f: &mut JitFunction<'_>| {
        let node = f.params()[0];
        let left = f.load_ref(node, PAIR_LEFT as i32);
        let (leaf, inner) = (f.b.create_block(), f.b.create_block());
        f.b.ins().brif(left, inner, &[], leaf, &[]);
        f.b.switch_to_block(leaf);
        let one = f.b.ins().iconst(WORD, 1);
        f.b.ins().return_(&[one]);
        f.b.switch_to_block(inner);
        let right = f.load_ref(node, PAIR_RIGHT as i32);
        let a = f.call(check, &[left]);
        let b = f.call(check, &[right]);
        let s = f.b.ins().iadd(a, b);
        let s = f.b.ins().iadd_imm_s(s, 1);
        f.b.ins().return_(&[s]);
    })
    .expect("check compiles");
    rt.finalize().expect("finalize");
    (make, check)
}

fn run_jit(vm: &mut MockVm, max_depth: u32) -> u64 {
    let mut rt = JitRuntime::new(vm.mutator.types_arc().clone()).expect("jit");
    let (make, check) = compile(&mut rt, vm.types.pair);
    let call = |vm: &mut MockVm, f: FuncId, a: i64| {
        rt.invoke(f, &mut vm.mutator, &mut vm.roots, &[a])
            .expect("compiled code runs")
            .0
    };
    let max_depth = max_depth.max(MIN_DEPTH + 2);
    let t = call(vm, make, max_depth as i64 + 1);
    let mut sum = call(vm, check, t) as u64;
    let long = call(vm, make, max_depth as i64);
    vm.roots.push(long as usize);
    for (d, n) in schedule(max_depth) {
        for _ in 0..n {
            let t = call(vm, make, d as i64);
            sum += call(vm, check, t) as u64;
        }
    }
    let long = vm.roots.pop().expect("long-lived tree") as i64;
    sum += call(vm, check, long) as u64;
    sum
}

fn main() {
    let mut args = std::env::args().skip(1);
    let depth: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(18);
    let mut gcs: Vec<String> = args.collect();
    if gcs.is_empty() {
        gcs = gc_registry::names().iter().map(|s| s.to_string()).collect();
    }
    let objects = nodes_for(depth);
    let t = Instant::now();
    let boxed = run_box(depth);
    let box_s = t.elapsed().as_secs_f64();
    println!("binary-trees depth {depth}: {objects} objects");
    println!(
        "{:<14} {:>10} {:>12} {:>10}",
        "collector", "how", "M objects/s", "seconds"
    );
    println!(
        "{:<14} {:>10} {:>12.1} {:>10.3}",
        "-",
        "Box",
        objects as f64 / box_s / 1e6,
        box_s
    );
    for gc in &gcs {
        let mut cfg = benches::bench_config().expect("PYGC_* settings");
        cfg.collector = gc.clone();
        let entry = gc_registry::find(gc).unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(2)
        });
        let mut vm = MockVm::for_entry(entry, &cfg).expect("collector builds");
        let t = Instant::now();
        let mock = run_vm(&mut vm, depth).expect("mock VM run");
        let vm_s = t.elapsed().as_secs_f64();
        let mut vm = MockVm::for_entry(entry, &cfg).expect("collector builds");
        let t = Instant::now();
        let sum = run_jit(&mut vm, depth);
        let jit_s = t.elapsed().as_secs_f64();
        assert_eq!(sum, boxed.checksum, "{gc}: compiled checksum");
        assert_eq!(mock.checksum, boxed.checksum, "{gc}: mock checksum");
        println!(
            "{gc:<14} {:>10} {:>12.1} {:>10.3}",
            "mock VM",
            objects as f64 / vm_s / 1e6,
            vm_s
        );
        println!(
            "{gc:<14} {:>10} {:>12.1} {:>10.3}",
            "compiled",
            objects as f64 / jit_s / 1e6,
            jit_s
        );
    }
}
