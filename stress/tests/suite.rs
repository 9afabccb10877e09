//! The stress suite: random cases against every registered collector.
//!
//! `STRESS_CASES=N` sets the number of cases per collector (default 1000),
//! `STRESS_OPS=N` the maximum case length (default 60), `STRESS_GC=a,b` limits
//! the run to the named collectors, `STRESS_SEED=N` picks other cases. Run optimised:
//! `cargo test --profile ci -p stress`.

use stress::suite::{
    cases_from_env, max_ops_from_env, run_suite, seed_for, selected_collectors, DEFAULT_CASES,
    DEFAULT_MAX_OPS,
};

#[test]
fn every_registered_collector_survives_random_cases() {
    let cases = cases_from_env(DEFAULT_CASES);
    let max_ops = max_ops_from_env(DEFAULT_MAX_OPS);
    let mut failures = Vec::new();
    for entry in selected_collectors() {
        let build = |cfg: &gc_api::GcConfig, env| {
            let mut cfg = cfg.clone();
            cfg.collector = entry.name.to_string();
            (entry.build)(&cfg, env)
        };
        match run_suite(&build, cases, max_ops, seed_for(entry.name)) {
            Ok(r) => eprintln!(
                "stress {}: {} cases in {:.1?}: {} ops, {} objects, {} minor, {} major, {} steps, {} heap checks",
                entry.name, r.cases, r.elapsed, r.total.ops, r.total.objects, r.total.minors, r.total.majors,
                r.total.steps, r.total.checks
            ),
            Err(e) => failures.push(format!("collector {}: {e}", entry.name)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
