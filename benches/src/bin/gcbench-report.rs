//! `gcbench-report [--depth N] [--gc NAME]... [--program binary-trees|gcbench]...`
//!
//! Runs binary-trees at depth N (default 20) and GCBench once with `Box` and
//! once per registered collector (or the ones named), and prints wall time,
//! allocation throughput, total and maximum GC pause and collection counts.
//! GC knobs come from the `PYGC_*` environment.

use benches::report::{format_table, run_box, run_collector, Program};
use std::process::ExitCode;

fn usage(msg: &str) -> ExitCode {
    eprintln!("gcbench-report: {msg}");
    eprintln!("usage: gcbench-report [--depth N] [--gc NAME]... [--program binary-trees|gcbench]... [--no-box]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut depth = 20u32;
    let mut gcs: Vec<String> = Vec::new();
    let mut programs: Vec<String> = Vec::new();
    let mut with_box = true;
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
                Some(p) if p == "binary-trees" || p == "gcbench" => programs.push(p),
                _ => return usage("--program takes binary-trees or gcbench"),
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
    if programs.is_empty() || programs.iter().any(|p| p == "binary-trees") {
        progs.push(Program::BinaryTrees(depth));
    }
    if programs.is_empty() || programs.iter().any(|p| p == "gcbench") {
        progs.push(Program::GcBench);
    }
    let mut rows = Vec::new();
    let mut failed = false;
    for p in progs {
        if with_box {
            rows.push(run_box(p));
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
