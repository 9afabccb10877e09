//! `pygc-gcstat`: summarise a pygc GC log (`pygc --gc-log FILE`).
//!
//! Exit status: 0 on success, 1 for a malformed log line, 2 for bad
//! arguments (clap) or files that cannot be read or written.

use clap::Parser;
use gc_tools::log::read_log_with;
use gc_tools::summary::fmt_ns;
use gc_tools::{knobs_markdown, Mmu, ReadError, Summary};
use std::fs::File;
use std::io::{self, BufReader};
use std::process::ExitCode;

/// Summarises a GC log written by `pygc --gc-log LOG`: collections, time
/// split (mutator, pauses, mutator-side GC work, GC-thread CPU), pause
/// percentiles, MMU and memory peaks.
#[derive(Parser, Debug)]
#[command(name = "pygc-gcstat", version)]
struct Args {
    /// Print the summary as one JSON object.
    #[arg(long)]
    json: bool,
    /// Also write the pause histogram and MMU curve as SVG to this file.
    #[arg(long, value_name = "OUT.svg", value_parser = non_empty)]
    svg: Option<String>,
    /// Skip lines that are not JSON objects (a `--gc-log -` capture of
    /// stderr with other output in it).
    #[arg(long)]
    lenient: bool,
    /// Print the README table of GC options and exit.
    #[arg(long, exclusive = true)]
    knobs_table: bool,
    /// The GC log (`-` reads stdin).
    #[arg(value_name = "LOG", required_unless_present = "knobs_table")]
    log: Option<String>,
}

fn non_empty(s: &str) -> Result<String, String> {
    if s.is_empty() {
        Err("needs an output file name".into())
    } else {
        Ok(s.to_string())
    }
}

/// Points on the SVG's MMU curve.
const CURVE_POINTS: usize = 48;

fn run(args: Args) -> Result<(), (u8, String)> {
    let log = args.log.clone().unwrap_or_default();
    let parsed = if log == "-" {
        read_log_with(io::stdin().lock(), args.lenient)
    } else {
        let f = File::open(&log).map_err(|e| (2, format!("cannot read '{}': {e}", log)))?;
        read_log_with(BufReader::new(f), args.lenient)
    };
    let parsed = parsed.map_err(|e| match e {
        ReadError::Io(e) => (2, format!("cannot read '{}': {e}", log)),
        ReadError::Malformed { line, message } => {
            (1, format!("{}:{line}: malformed log line: {message}", log))
        }
    })?;
    if parsed.skipped_lines > 0 {
        eprintln!(
            "pygc-gcstat: skipped {} lines that are not log records",
            parsed.skipped_lines
        );
    }
    let (summary, timeline) = Summary::from_log(&parsed);
    if let Some(out) = &args.svg {
        let pauses = timeline.pause_durations();
        let min_window = pauses.iter().copied().min().unwrap_or(100_000).max(1_000);
        let curve = Mmu::new(&timeline.pause_intervals(), 0, summary.wall_ns)
            .curve(min_window, CURVE_POINTS);
        let title = format!(
            "pygc GC report: {} ({} run)",
            summary.collector,
            fmt_ns(summary.wall_ns)
        );
        gc_tools::svg::write_svg(out, &title, &pauses, &curve).map_err(|e| (2, e))?;
    }
    if args.json {
        println!("{}", summary.render_json());
    } else {
        print!("{}", summary.render_text());
    }
    Ok(())
}

fn main() -> ExitCode {
    // Bad arguments: clap prints the error and usage and exits with 2.
    let args = Args::parse();
    if args.knobs_table {
        print!("{}", knobs_markdown());
        return ExitCode::SUCCESS;
    }
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err((code, msg)) => {
            eprintln!("pygc-gcstat: {msg}");
            ExitCode::from(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(v: &[&str]) -> Result<Args, clap::Error> {
        Args::try_parse_from(std::iter::once("pygc-gcstat").chain(v.iter().copied()))
    }

    #[test]
    fn argument_parsing() {
        let a = parse(&["--json", "--svg", "o.svg", "x.log"]).unwrap();
        assert!(a.json);
        assert_eq!(
            (a.svg.as_deref(), a.log.as_deref()),
            (Some("o.svg"), Some("x.log"))
        );
        assert_eq!(
            parse(&["--svg=o.svg", "-"]).unwrap().log.as_deref(),
            Some("-")
        );
        assert!(parse(&["--knobs-table"]).unwrap().knobs_table);
        for bad in [
            &[][..],
            &["--svg"],
            &["--bogus", "x"],
            &["a", "b"],
            &["--svg=", "x"],
            &["--knobs-table", "x"],
        ] {
            assert!(parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn clap_definition_is_consistent() {
        use clap::CommandFactory;
        Args::command().debug_assert();
    }
}
