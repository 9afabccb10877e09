//! Measurements for the project report.
//!
//! `cargo run --release -p gc-generational --example measure [-- quick]`
//!
//! 1. binary-trees (depth 20) and GCBench on the mock VM: wall time, total
//!    GC pause time and the longest pause, for generational with 1 and 2
//!    threads and for incminimark;
//! 2. how the major-collection pause grows with the live heap: 64 MB,
//!    256 MB and 1 GB of live binary trees, three forced major collections
//!    each, longest major pause with 1 and 2 threads.
//!
//! 3. fragmentation of the non-compacting old generation.
//!
//! Arguments: `quick` uses depth 16, and 16 / 64 / 128 MB; `work`, `frag`,
//! `heap` select sections (default: all); `reps=N` runs each measurement N
//! times and keeps the best (the machine may be shared). The `PYGC_*` environment
//! is read (nursery size...), except that verify and torture are off.

use gc_api::{CollectRequest, CollectorEntry, EventKind, GcConfig, ObjRef};
use std::sync::{Arc, Mutex};
use std::time::Instant;
use stress::vm::{MockVm, GCB_LEFT, GCB_RIGHT, PAIR_LEFT};

const GEN: CollectorEntry = CollectorEntry {
    name: "generational",
    doc: "",
    build: gc_generational::build,
};

fn ms(ns: u64) -> f64 {
    ns as f64 / 1e6
}

/// A binary tree of `depth` pairs, keeping partial results in the shadow
/// stack across safepoints.
fn make(vm: &mut MockVm, depth: u32) -> ObjRef {
    if depth == 0 {
        vm.safepoint();
        return vm.alloc_pair(0, 0).expect("alloc");
    }
    let mark = vm.mutator.root_mark();
    let l = make(vm, depth - 1);
    let hl = vm.mutator.root(l.to_word());
    let r = make(vm, depth - 1);
    let hr = vm.mutator.root(r.to_word());
    vm.safepoint();
    let (l, r) = (vm.mutator.root_get(hl), vm.mutator.root_get(hr));
    vm.mutator.root_release(mark);
    vm.alloc_pair(l, r).expect("alloc")
}

/// binary-trees (CLBG): stretch tree of depth+1, long-lived tree of
/// depth, then 2^(depth-d+4) trees of each depth d = 4, 6, ..., depth.
/// Returns the node count checked (the same for every collector).
fn binary_trees(vm: &mut MockVm, depth: u32) -> u64 {
    let mut sum = count(make(vm, depth + 1).to_word());
    let mark = vm.mutator.root_mark();
    let long = make(vm, depth);
    let hl = vm.mutator.root(long.to_word());
    for d in (4..=depth).step_by(2) {
        for _ in 0..1u64 << (depth - d + 4) {
            sum += count(make(vm, d).to_word());
        }
    }
    sum += count(vm.mutator.root_get(hl));
    vm.mutator.root_release(mark);
    sum
}

/// GCBench's top-down construction: children stored into their (older)
/// parent through the write barrier.
fn populate(vm: &mut MockVm, depth: u32, parent: gc_api::Handle) {
    if depth == 0 {
        return;
    }
    let mark = vm.mutator.root_mark();
    vm.safepoint();
    let l = vm.alloc_gcb_node(0, 0).expect("alloc");
    let hl = vm.mutator.root(l.to_word());
    let r = vm.alloc_gcb_node(0, 0).expect("alloc");
    let hr = vm.mutator.root(r.to_word());
    let p = ObjRef::from_word(vm.mutator.root_get(parent)).expect("rooted");
    let (l, r) = (vm.mutator.root_get(hl), vm.mutator.root_get(hr));
    vm.mutator.write_ref(p, GCB_LEFT, l);
    vm.mutator.write_ref(p, GCB_RIGHT, r);
    populate(vm, depth - 1, hl);
    populate(vm, depth - 1, hr);
    vm.mutator.root_release(mark);
}

/// GCBench's bottom-up construction.
fn make_gcb(vm: &mut MockVm, depth: u32) -> usize {
    if depth == 0 {
        vm.safepoint();
        return vm.alloc_gcb_node(0, 0).expect("alloc").to_word();
    }
    let mark = vm.mutator.root_mark();
    let l = make_gcb(vm, depth - 1);
    let hl = vm.mutator.root(l);
    let r = make_gcb(vm, depth - 1);
    let hr = vm.mutator.root(r);
    vm.safepoint();
    let (l, r) = (vm.mutator.root_get(hl), vm.mutator.root_get(hr));
    vm.mutator.root_release(mark);
    vm.alloc_gcb_node(l, r).expect("alloc").to_word()
}

/// Hans Boehm's GCBench: stretch tree of depth 18, a long-lived tree of
/// depth 16 (top-down) and 250,000 doubles live throughout; then for
/// depths 4..=16 step 2, `2 * size(18) / size(d)` trees top-down and as
/// many bottom-up. Returns the number of trees built.
fn gcbench(vm: &mut MockVm) -> u64 {
    let size = |d: u32| (1u64 << (d + 1)) - 1;
    let mark = vm.mutator.root_mark();
    let _stretch = make_gcb(vm, 18);
    let long = vm.alloc_gcb_node(0, 0).expect("alloc");
    let hl = vm.mutator.root(long.to_word());
    populate(vm, 16, hl);
    let arr = vm.alloc_f64_array(250_000).expect("alloc");
    let ha = vm.mutator.root(arr.to_word());
    let mut trees = 0;
    for d in (4..=16).step_by(2) {
        let iters = 2 * size(18) / size(d);
        for _ in 0..iters {
            let t = vm.alloc_gcb_node(0, 0).expect("alloc");
            let ht = vm.mutator.root(t.to_word());
            populate(vm, d, ht);
            vm.mutator.root_set(ht, 0);
            make_gcb(vm, d);
            trees += 2;
        }
    }
    assert!(vm.mutator.root_get(hl) != 0 && vm.mutator.root_get(ha) != 0);
    vm.mutator.root_release(mark);
    trees
}

fn count(t: usize) -> u64 {
    match ObjRef::from_word(t) {
        None => 0,
        Some(o) => 1 + count(o.word(PAIR_LEFT)) + count(o.word(PAIR_LEFT + 8)),
    }
}

/// Builds `live_mb` of live trees, then times three major collections.
/// Returns (objects live, heap bytes, longest major pause ns, mean ns,
/// last major's phases and per-thread mark work).
fn major_pause(cfg: &GcConfig, live_mb: usize) -> (u64, u64, u64, u64, String, String) {
    let mut vm = MockVm::for_entry(&GEN, cfg).expect("build");
    let majors = Arc::new(Mutex::new(Vec::new()));
    let m2 = majors.clone();
    vm.mutator.collector_mut().subscribe(Box::new(move |e| {
        if e.kind == EventKind::Major {
            m2.lock().unwrap().push(e.duration_ns);
        }
    }));
    const DEPTH: u32 = 16;
    let tree_bytes = ((1usize << (DEPTH + 1)) - 1) * 24;
    let trees = (live_mb << 20).div_ceil(tree_bytes);
    for _ in 0..trees {
        let t = make(&mut vm, DEPTH);
        vm.roots.push(t.to_word());
    }
    vm.collect(CollectRequest::Major);
    majors.lock().unwrap().clear();
    for _ in 0..3 {
        vm.collect(CollectRequest::Major);
    }
    let live: u64 = vm.roots.iter().map(|&r| count(r)).sum();
    let heap = vm.mutator.stats().heap_bytes;
    let v = majors.lock().unwrap().clone();
    let max = v.iter().copied().max().unwrap_or(0);
    let mean = v.iter().sum::<u64>() / v.len().max(1) as u64;
    let settings = vm.mutator.collector_mut().settings();
    let get = |k: &str| {
        settings
            .iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let phases = get("last-major-phases-us");
    let work = format!(
        "{} ({} us CPU)",
        get("last-mark-work"),
        get("last-mark-cpu-us")
    );
    (live, heap, max, mean, phases, work)
}

/// Fragmentation without compaction: allocates `n` 40-byte objects, all
/// reachable until they are old, then keeps one in `keep_every` and returns
/// (live, mapped) arena bytes after a major collection. (Young garbage is
/// never a problem: promotion copies only survivors, so this frees old
/// objects scattered over the pages.)
fn fragmentation(cfg: &GcConfig, n: usize, keep_every: usize) -> (u64, u64) {
    let mut vm = MockVm::for_entry(&GEN, cfg).expect("build");
    let keep = vm.mutator.root(0);
    let all = vm.mutator.root(0);
    for i in 0..n {
        let (k, a) = (vm.mutator.root_get(keep), vm.mutator.root_get(all));
        // Initialising stores into a fresh object: no barrier needed.
        let o = vm.alloc_gcb_node(0, a).expect("alloc");
        vm.mutator.root_set(all, o.to_word());
        if i % keep_every == 0 {
            o.set_word(8, k);
            vm.mutator.root_set(keep, o.to_word());
        }
        if i % 1024 == 0 {
            vm.safepoint();
        }
    }
    vm.collect(CollectRequest::Major);
    // Cut the chain through every object: only the kept ones stay live.
    vm.mutator.root_set(all, 0);
    let mut at = vm.mutator.root_get(keep);
    while let Some(o) = ObjRef::from_word(at) {
        vm.mutator.write_ref(o, 16, 0);
        at = o.word(8);
    }
    vm.collect(CollectRequest::Major);
    let settings = vm.mutator.collector_mut().settings();
    let get = |k: &str| -> u64 {
        settings
            .iter()
            .find(|(n, _)| *n == k)
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0)
    };
    (get("arena-live-bytes"), get("arena-mapped-bytes"))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "quick");
    let sections: Vec<&str> = args
        .iter()
        .map(|a| a.as_str())
        .filter(|a| ["work", "frag", "heap"].contains(a))
        .collect();
    let want = |s: &str| sections.is_empty() || sections.contains(&s);
    let reps: usize = args
        .iter()
        .find_map(|a| a.strip_prefix("reps=").and_then(|n| n.parse().ok()))
        .unwrap_or(1);
    let mut base = GcConfig::from_env([], &[]).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    });
    base.verify = 0;
    base.torture = 0;
    println!(
        "nursery {} KB, tenure {}, major-collect {}",
        base.nursery_size >> 10,
        base.tenure,
        base.major_factor
    );
    let depth = if quick { 16 } else { 20 };
    if want("work") {
        workloads(&base, depth, reps);
    }
    if want("frag") {
        fragmentation_table(&base, quick);
    }
    if want("heap") {
        heap_table(&base, quick, reps);
    }
}

/// A benchmark program on the mock VM; returns a result to compare runs.
type ProgramFn<'a> = dyn Fn(&mut MockVm) -> u64 + 'a;

fn workloads(base: &GcConfig, depth: u32, reps: usize) {
    println!("\n## Workloads (best of {reps} by GC time)\n");
    println!(
        "| program | collector | threads | wall ms | GC total ms | minor ms | major ms | max pause ms | minor | major |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    let inc = gc_registry::find("incminimark").ok().copied();
    let programs: [(String, &ProgramFn<'_>); 2] = [
        (format!("binary-trees-{depth}"), &|vm| {
            binary_trees(vm, depth)
        }),
        ("gcbench".to_string(), &gcbench),
    ];
    for (name, program) in programs {
        let mut runs: Vec<(CollectorEntry, usize)> = vec![(GEN, 1), (GEN, 2)];
        if let Some(e) = inc {
            runs.push((e, 1));
        }
        let mut result = None;
        for (entry, threads) in runs {
            let mut cfg = base.clone();
            cfg.threads = threads;
            let mut best: Option<(f64, gc_api::GcStats)> = None;
            for _ in 0..reps.max(1) {
                let mut vm = MockVm::for_entry(&entry, &cfg).expect("build");
                let t = Instant::now();
                let r = program(&mut vm);
                let wall = t.elapsed().as_secs_f64() * 1e3;
                assert_eq!(*result.get_or_insert(r), r, "{name}: results differ");
                let s = vm.mutator.stats();
                if best
                    .as_ref()
                    .is_none_or(|b| s.total_pause_ns < b.1.total_pause_ns)
                {
                    best = Some((wall, s));
                }
            }
            let (wall, s) = best.expect("at least one run");
            println!(
                "| {name} | {} | {threads} | {wall:.0} | {:.1} | {:.1} | {:.1} | {:.2} | {} | {} |",
                entry.name,
                ms(s.total_pause_ns),
                ms(s.minor_pause_ns),
                ms(s.major_pause_ns),
                ms(s.max_pause_ns),
                s.minor_collections,
                s.major_collections,
            );
        }
    }
}

fn fragmentation_table(base: &GcConfig, quick: bool) {
    println!("\n## Fragmentation (no compaction): keep 1 object in k, after a major\n");
    println!("| objects | k | arena live MB | arena mapped MB | mapped/live |");
    println!("|---|---|---|---|---|");
    for k in [1, 2, 8, 64] {
        let n = if quick { 1 << 20 } else { 4 << 20 };
        let (live, mapped) = fragmentation(base, n, k);
        println!(
            "| {n} | {k} | {:.1} | {:.1} | {:.2} |",
            live as f64 / 1048576.0,
            mapped as f64 / 1048576.0,
            mapped as f64 / live.max(1) as f64
        );
    }
}

fn heap_table(base: &GcConfig, quick: bool, reps: usize) {
    println!("\n## Major pause vs live heap (binary trees of depth 16, 3 forced majors, best of {reps})\n");
    println!("| live MB | threads | live objects | heap MB | max major pause ms | mean ms | last mark/fin/sweep us | objects scanned (mark CPU) per thread |");
    println!("|---|---|---|---|---|---|---|---|");
    let sizes: &[usize] = if quick {
        &[16, 64, 128]
    } else {
        &[64, 256, 1024]
    };
    for &mb in sizes {
        for threads in [1, 2] {
            let mut cfg = base.clone();
            cfg.threads = threads;
            let t = Instant::now();
            let (live, heap, max, mean, phases, work) = (0..reps.max(1))
                .map(|_| major_pause(&cfg, mb))
                .min_by_key(|r| r.2)
                .expect("at least one run");
            println!(
                "| {mb} | {threads} | {live} | {} | {:.1} | {:.1} | {phases} | {work} |",
                heap >> 20,
                ms(max),
                ms(mean)
            );
            eprintln!("  ({mb} MB x {threads} threads took {:.1?})", t.elapsed());
        }
    }
}
