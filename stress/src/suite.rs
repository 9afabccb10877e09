//! Drives proptest over the harness: random cases against one collector.

use crate::harness::{run_case, stress_config, CaseReport};
use crate::ops::case;
use crate::vm::BuildCollector;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};
use std::cell::RefCell;
use std::time::{Duration, Instant};

/// Default number of random cases per collector (`STRESS_CASES` overrides).
pub const DEFAULT_CASES: u32 = 1000;
/// Default maximum operations per case (`STRESS_OPS` overrides).
pub const DEFAULT_MAX_OPS: usize = 60;

/// Totals over a suite run.
#[derive(Clone, Debug, Default)]
pub struct SuiteReport {
    /// Cases run (including shrinking attempts).
    pub cases: u64,
    /// Sum of the per-case reports.
    pub total: CaseReport,
    /// Wall time.
    pub elapsed: Duration,
}

/// The number of cases: `STRESS_CASES` if set and valid, else `default`.
pub fn cases_from_env(default: u32) -> u32 {
    std::env::var("STRESS_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// The maximum case length: `STRESS_OPS` if set and valid, else `default`.
pub fn max_ops_from_env(default: usize) -> usize {
    std::env::var("STRESS_OPS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|&n| n > 1)
        .unwrap_or(default)
}

/// The registered collectors, limited to the comma-separated names in
/// `STRESS_GC` when it is set.
pub fn selected_collectors() -> Vec<&'static gc_api::CollectorEntry> {
    let only: Option<Vec<String>> = std::env::var("STRESS_GC")
        .ok()
        .map(|v| v.split(',').map(|s| s.trim().to_string()).collect());
    gc_registry::COLLECTORS
        .iter()
        .filter(|e| only.as_ref().is_none_or(|o| o.iter().any(|n| n == e.name)))
        .collect()
}

/// A fixed seed per collector name (FNV-1a), so a run limited with
/// `STRESS_GC` generates the same cases as the full run; `STRESS_SEED=N`
/// explores other cases.
pub fn seed_for(name: &str) -> u64 {
    let extra: u64 = std::env::var("STRESS_SEED")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    name.bytes().fold(0xcbf2_9ce4_8422_2325 ^ extra, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    })
}

/// Runs `cases` random cases of at most `max_ops` operations against the
/// collector `build` makes, with a deterministic seed derived from `seed`.
/// On failure returns the shrunk (minimal) case and its error.
pub fn run_suite(
    build: BuildCollector<'_>,
    cases: u32,
    max_ops: usize,
    seed: u64,
) -> Result<SuiteReport, String> {
    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 2000,
        ..Config::default()
    };
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let report = RefCell::new(SuiteReport::default());
    let start = Instant::now();
    let result = runner.run(&case(max_ops), |(nursery, torture, ops)| {
        let mut cfg = stress_config(nursery);
        cfg.torture = torture;
        let r = run_case(build, &cfg, &ops).map_err(TestCaseError::fail)?;
        let mut rep = report.borrow_mut();
        rep.cases += 1;
        let t = &mut rep.total;
        t.ops += r.ops;
        t.objects += r.objects;
        t.minors += r.minors;
        t.majors += r.majors;
        t.steps += r.steps;
        t.checks += r.checks;
        Ok(())
    });
    let mut rep = report.into_inner();
    rep.elapsed = start.elapsed();
    match result {
        Ok(()) => Ok(rep),
        Err(TestError::Fail(why, (nursery, torture, ops))) => Err(format!(
            "minimal failing case (nursery {nursery} bytes, torture {torture}, {} ops):\n{ops:#?}\nerror: {why}",
            ops.len()
        )),
        Err(TestError::Abort(why)) => Err(format!("aborted: {why}")),
    }
}
