//! `gcbench-report [--depth N] [--gc NAME]... [--program binary-trees|gcbench|large-heap]... [--live MB]...`
//!
//! Runs binary-trees at depth N (default 20) and GCBench once with `Box` and
//! once per registered collector (or the ones named), and prints wall time,
//! allocation throughput, total, p99 and maximum GC pause and collection
//! counts. `--program large-heap` (or any `--live MB`) adds the large live
//! heap workload at each `--live` size (default 64, 256 and 1024 MB).
//! GC knobs come from the `PYGC_*` environment.

use benches::report::{format_table, run_box, run_collector, Program};
use std::process::ExitCode;

fn usage(msg: &str) -> ExitCode {
    eprintln!("gcbench-report: {msg}");
    eprintln!("usage: gcbench-report [--depth N] [--gc NAME]... [--program binary-trees|gcbench|large-heap]... [--live MB]... [--no-box]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut depth = 20u32;
    let mut gcs: Vec<String> = Vec::new();
    let mut programs: Vec<String> = Vec::new();
    let mut with_box = true;
    let mut live: Vec<usize> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--depth" => match args
                .next()
                .and_then(|v| v.parse().ok())
                .filter(|d| (1..=26).contains(d))
            {
                Some(d) => depth = d,
                None => return usage("--depth needs an integer from 1 to 26"),
            },
            "--gc" => match args.next() {
                Some(n) => gcs.push(n),
                None => return usage("--gc needs a collector name"),
            },
            "--program" => match args.next() {
                Some(p) if ["binary-trees", "gcbench", "large-heap"].contains(&p.as_str()) => {
                    programs.push(p)
                }
                _ => return usage("--program takes binary-trees, gcbench or large-heap"),
            },
            "--live" => match args
                .next()
                .and_then(|v| v.parse().ok())
                .filter(|m| (1..=16384).contains(m))
            {
                Some(m) => live.push(m),
                None => return usage("--live needs a size in MB from 1 to 16384"),
            },
            "--no-box" => with_box = false,
            "-h" | "--help" => {
                usage("help");
                return ExitCode::SUCCESS;
            }
            other => return usage(&format!("unknown argument '{other}'")),
        }
    }
    let mut entries = Vec::new();
    if gcs.is_empty() {
        entries.extend(gc_registry::COLLECTORS.iter());
    }
    for g in &gcs {
        match gc_registry::find(g) {
            Ok(e) => entries.push(e),
            Err(e) => return usage(&e.to_string()),
        }
    }
    let config = match benches::bench_config() {
        Ok(c) => c,
        Err(e) => return usage(&e.to_string()),
    };
    let mut progs = Vec::new();
    let defaults = programs.is_empty() && live.is_empty();
    if defaults || programs.iter().any(|p| p == "binary-trees") {
        progs.push(Program::BinaryTrees(depth));
    }
    if defaults || programs.iter().any(|p| p == "gcbench") {
        progs.push(Program::GcBench);
    }
    if !live.is_empty() || programs.iter().any(|p| p == "large-heap") {
        if live.is_empty() {
            live = vec![64, 256, 1024];
        }
        progs.extend(live.iter().map(|&mb| Program::LargeHeap(mb)));
    }
    let mut rows = Vec::new();
    let mut failed = false;
    for p in progs {
        if let Some(row) = with_box.then(|| run_box(p)).flatten() {
            rows.push(row);
            eprint!(
                "{}",
                format_table(&rows[rows.len() - 1..])
                    .lines()
                    .nth(1)
                    .map(|l| format!("{l}\n"))
                    .unwrap_or_default()
            );
        }
        for e in &entries {
            let row = run_collector(p, e, &config);
            failed |= row.error.is_some();
            rows.push(row);
            eprint!(
                "{}",
                format_table(&rows[rows.len() - 1..])
                    .lines()
                    .nth(1)
                    .map(|l| format!("{l}\n"))
                    .unwrap_or_default()
            );
        }
    }
    print!("{}", format_table(&rows));
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
