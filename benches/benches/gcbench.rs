//! Boehm's GCBench on every registered collector and with `Box`.

use benches::report::Program;
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion};
use std::time::Duration;
use stress::MockVm;

fn gcbench(c: &mut Criterion) {
    let config = benches::bench_config().unwrap_or_else(|e| panic!("bad PYGC_* environment: {e}"));
    let mut group = c.benchmark_group("gcbench");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(8));
    let program = Program::GcBench;
    let name = program.name();
    group.bench_function(BenchmarkId::new(&name, "box"), |b| {
        b.iter(|| program.run_box())
    });
    for entry in gc_registry::COLLECTORS {
        group.bench_function(BenchmarkId::new(&name, entry.name), |b| {
            b.iter_batched(
                || MockVm::for_entry(entry, &config).expect("collector builds"),
                |mut vm| {
                    program.run_vm(&mut vm).expect("GCBench ran out of memory");
                    vm
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, gcbench);
criterion_main!(benches);
