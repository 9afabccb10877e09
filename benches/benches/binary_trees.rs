//! binary-trees on every registered collector and with `Box`.
//!
//! Depths from `BENCH_DEPTHS` (comma-separated, default `16,18`). Depth 20 is
//! offered but not default: it allocates 307M objects (7.4 GB under nogc,
//! which never frees) and takes 10-70 s per run, so ten samples per collector
//! blow the time budget: `BENCH_DEPTHS=20 cargo bench -p benches --bench
//! binary_trees`, or one run per collector with `gcbench-report --depth 20`.

use benches::report::Program;
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion};
use std::time::Duration;
use stress::MockVm;

fn depths() -> Vec<u32> {
    let text = std::env::var("BENCH_DEPTHS").unwrap_or_else(|_| "16,18".into());
    let d: Vec<u32> = text
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .filter(|d| (4..=24).contains(d))
        .collect();
    if d.is_empty() {
        vec![16, 18]
    } else {
        d
    }
}

fn binary_trees(c: &mut Criterion) {
    let config = benches::bench_config().unwrap_or_else(|e| panic!("bad PYGC_* environment: {e}"));
    let mut group = c.benchmark_group("binary-trees");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
    for depth in depths() {
        let program = Program::BinaryTrees(depth);
        let name = program.name();
        group.bench_function(BenchmarkId::new(&name, "box"), |b| {
            b.iter(|| program.run_box())
        });
        for entry in gc_registry::COLLECTORS {
            group.bench_function(BenchmarkId::new(&name, entry.name), |b| {
                b.iter_batched(
                    || MockVm::for_entry(entry, &config).expect("collector builds"),
                    |mut vm| {
                        program
                            .run_vm(&mut vm)
                            .expect("binary-trees ran out of memory");
                        vm // dropped (heap unmapped) outside the timed part
                    },
                    BatchSize::PerIteration,
                )
            });
        }
    }
    group.finish();
}

criterion_group!(benches, binary_trees);
criterion_main!(benches);
