//! The shared randomized stress suite (crate `stress`) on this collector
//! with 1 and 4 marking threads and with aging: the registry-wide run uses
//! the default thread count and tenure only (its configuration does not
//! read the environment). `STRESS_CASES` scales it (default 300 each).

use gc_api::{Collector, CollectorEnv, ConfigError, GcConfig};
use stress::suite::{cases_from_env, max_ops_from_env, run_suite, DEFAULT_MAX_OPS};

fn run(threads: usize, tenure: u32, seed: u64) {
    let build =
        move |cfg: &GcConfig, env: CollectorEnv| -> Result<Box<dyn Collector>, ConfigError> {
            let mut cfg = cfg.clone();
            cfg.collector = "generational".into();
            cfg.threads = threads;
            cfg.tenure = tenure;
            gc_generational::build(&cfg, env)
        };
    let cases = cases_from_env(300);
    match run_suite(&build, cases, max_ops_from_env(DEFAULT_MAX_OPS), seed) {
        Ok(r) => eprintln!(
            "generational threads={threads} tenure={tenure}: {} cases in {:.1?}: {} minor, {} major, {} checks",
            r.cases, r.elapsed, r.total.minors, r.total.majors, r.total.checks
        ),
        Err(e) => panic!("threads={threads} tenure={tenure}: {e}"),
    }
}

#[test]
fn stress_one_thread() {
    run(1, 1, 0x6e1);
}

#[test]
fn stress_four_threads() {
    run(4, 1, 0x6e4);
}

#[test]
fn stress_aging_tenure_3() {
    run(2, 3, 0x6e3);
}

#[test]
fn stress_aging_tenure_15_one_thread() {
    run(1, 15, 0x6ef);
}
