//! A long deterministic soak: many long cases per collector with fixed seeds.
//! Ignored by default; run with
//! `cargo test --profile ci -p stress --test soak -- --ignored --nocapture`
//! (`STRESS_CASES` and `STRESS_OPS` scale it, `STRESS_GC=a,b` selects collectors).

use stress::suite::{cases_from_env, max_ops_from_env, run_suite, seed_for, selected_collectors};

#[test]
#[ignore = "long-running; run explicitly"]
fn soak_every_registered_collector() {
    let cases = cases_from_env(3000);
    let max_ops = max_ops_from_env(400);
    for entry in selected_collectors() {
        let build = |cfg: &gc_api::GcConfig, env| {
            let mut cfg = cfg.clone();
            cfg.collector = entry.name.to_string();
            (entry.build)(&cfg, env)
        };
        match run_suite(&build, cases, max_ops, seed_for(entry.name) ^ 0x50a6) {
            Ok(r) => eprintln!(
                "soak {}: {} cases in {:.1?}: {} ops, {} objects, {} minor, {} major, {} steps",
                entry.name,
                r.cases,
                r.elapsed,
                r.total.ops,
                r.total.objects,
                r.total.minors,
                r.total.majors,
                r.total.steps
            ),
            Err(e) => panic!("collector {}: {e}", entry.name),
        }
    }
}
