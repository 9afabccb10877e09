//! `pygc-heap`: analyse heap snapshots written by `gc.dump_heap(path)` or
//! `pygc --heap-snapshot=PATH`.
//!
//! Exit status: 0 on success, 1 for a malformed snapshot or a type with no
//! instance, 2 for bad arguments or files that cannot be read or written.

use clap::{Parser, Subcommand};
use gc_tools::snapshot::html::render_html;
use gc_tools::snapshot::leaks::{find_leaks, render_leaks};
use gc_tools::snapshot::{render_diff, render_path, render_summary, Snapshot};
use std::fs::File;
use std::io::BufReader;
use std::process::ExitCode;

/// Leak diagnosis on heap snapshots (`gc.dump_heap(path)`,
/// `pygc --heap-snapshot=PATH`; `PYGC_TRACE_ALLOC=N` adds allocation sites).
#[derive(Parser, Debug)]
#[command(name = "pygc-heap", version)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Objects per type: count, shallow heap and raw bytes, retained heap and
    /// raw bytes (what freeing all objects of the type would free), and the
    /// top allocation sites
    Summary {
        snapshot: String,
        /// Rows to print
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..))]
        top: u64,
    },
    /// What grew between two snapshots, per type and per allocation site
    Diff {
        old: String,
        new: String,
        /// Rows to print
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..))]
        top: u64,
    },
    /// The shortest chain of named references from a root to an object of TYPE
    Path {
        snapshot: String,
        #[arg(value_name = "TYPE")]
        type_name: String,
    },
    /// Leak suspects across snapshots taken in order: what grows, the
    /// container holding it, its path, retained bytes and allocation sites
    Leaks {
        #[arg(required = true, num_args = 2.., value_name = "SNAPSHOT")]
        snapshots: Vec<String>,
        /// Suspects to print
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..))]
        top: u64,
    },
    /// One self-contained HTML page: dominator tree with retained sizes,
    /// growth table and suspects (growth and suspects need two snapshots)
    Html {
        #[arg(required = true, num_args = 1..=2, value_name = "SNAPSHOT")]
        snapshots: Vec<String>,
        /// Output file
        #[arg(short, long)]
        output: String,
    },
}

fn load(path: &str) -> Result<Snapshot, ExitCode> {
    let f = File::open(path).map_err(|e| {
        eprintln!("pygc-heap: cannot read {path}: {e}");
        ExitCode::from(2)
    })?;
    Snapshot::read(BufReader::new(f)).map_err(|e| {
        eprintln!("pygc-heap: {path}: {e}");
        ExitCode::from(1)
    })
}

fn load_all(paths: &[String]) -> Result<Vec<Snapshot>, ExitCode> {
    paths.iter().map(|p| load(p)).collect()
}

fn run(cli: Cli) -> Result<(), ExitCode> {
    match cli.cmd {
        Cmd::Summary { snapshot, top } => {
            print!("{}", render_summary(&load(&snapshot)?, top as usize));
        }
        Cmd::Diff { old, new, top } => {
            let (a, b) = (load(&old)?, load(&new)?);
            print!("{}", render_diff(&a, &b, top as usize));
        }
        Cmd::Path {
            snapshot,
            type_name,
        } => {
            let s = load(&snapshot)?;
            match render_path(&s, &type_name) {
                Some(p) => print!("{p}"),
                None => {
                    eprintln!(
                        "pygc-heap: no object of type '{type_name}' is reachable in {snapshot}"
                    );
                    return Err(ExitCode::from(1));
                }
            }
        }
        Cmd::Leaks { snapshots, top } => {
            let snaps = load_all(&snapshots)?;
            let report = find_leaks(&snaps);
            print!("{}", render_leaks(&report, &snapshots, top as usize));
        }
        Cmd::Html { snapshots, output } => {
            let snaps = load_all(&snapshots)?;
            let page = render_html(&snaps, &snapshots);
            std::fs::write(&output, page).map_err(|e| {
                eprintln!("pygc-heap: cannot write {output}: {e}");
                ExitCode::from(2)
            })?;
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}
