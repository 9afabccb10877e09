//! Delta debugging: deletes chunks (halving block sizes down to one), then
//! single lines, keeping every deletion after which the program still runs
//! under python3 and pygc still fails the same way.

use std::time::{Duration, Instant};

/// Minimizes `chunks` under `still_fails` (called on a candidate program
/// text); stops after `budget` of wall time.
pub fn minimize(
    chunks: Vec<String>,
    budget: Duration,
    still_fails: &mut dyn FnMut(&str) -> bool,
) -> String {
    let start = Instant::now();
    let mut cur = chunks;
    // Pass 1: blocks of chunks.
    let mut size = (cur.len() / 2).max(1);
    loop {
        let mut i = 0;
        while i < cur.len() && start.elapsed() < budget {
            let end = (i + size).min(cur.len());
            let cand: Vec<String> = cur[..i].iter().chain(&cur[end..]).cloned().collect();
            if still_fails(&cand.concat()) {
                cur = cand;
            } else {
                i += size;
            }
        }
        if size == 1 || start.elapsed() >= budget {
            break;
        }
        size /= 2;
    }
    // Pass 2: single lines, last first (keeps earlier definitions longest).
    let mut lines: Vec<String> = cur.concat().lines().map(|l| format!("{l}\n")).collect();
    let mut i = lines.len();
    while i > 0 && start.elapsed() < budget {
        i -= 1;
        let mut cand = lines.clone();
        cand.remove(i);
        if still_fails(&cand.concat()) {
            lines = cand;
        }
    }
    lines.concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_what_the_failure_needs() {
        let chunks: Vec<String> = (0..20).map(|i| format!("x{i}\n")).collect();
        let mut pred = |s: &str| s.contains("x3\n") && s.contains("x17\n");
        let out = minimize(chunks, Duration::from_secs(10), &mut pred);
        assert_eq!(out, "x3\nx17\n");
    }
}
