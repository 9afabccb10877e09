//! `pygc-gcstat`: summarise a pygc GC log (`pygc --gc-log FILE`).
//!
//! Exit status: 0 on success, 1 for a malformed log line, 2 for bad
//! arguments or files that cannot be read or written.

use gc_tools::log::read_log_with;
use gc_tools::summary::fmt_ns;
use gc_tools::{knobs_markdown, Mmu, ReadError, Summary};
use std::fs::File;
use std::io::{self, BufReader};
use std::process::ExitCode;

const USAGE: &str = "usage: pygc-gcstat [--json] [--svg OUT.svg] [--lenient] LOG
       pygc-gcstat --knobs-table

Summarises a GC log written by `pygc --gc-log LOG` (LOG `-` reads stdin):
collections, pause percentiles, MMU and memory peaks.

  --json          print the summary as one JSON object
  --svg OUT.svg   also write the pause histogram and MMU curve as SVG
  --lenient       skip lines that are not JSON objects (a `--gc-log -`
                  capture of stderr with other output in it)
  --knobs-table   print the README table of GC options and exit
  -h, --help      show this help";

/// Points on the SVG's MMU curve.
const CURVE_POINTS: usize = 48;

struct Args {
    json: bool,
    lenient: bool,
    svg: Option<String>,
    log: String,
}

enum Command {
    Summarise(Args),
    Knobs,
    Help,
}

fn parse_args(args: &[String]) -> Result<Command, String> {
    let mut json = false;
    let mut lenient = false;
    let mut svg = None;
    let mut log = None;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        match a {
            "-h" | "--help" => return Ok(Command::Help),
            "--knobs-table" => return Ok(Command::Knobs),
            "--json" => json = true,
            "--lenient" => lenient = true,
            "--svg" => {
                i += 1;
                let out = args.get(i).ok_or("--svg needs an output file name")?;
                svg = Some(out.clone());
            }
            _ if a.starts_with("--svg=") => svg = Some(a["--svg=".len()..].to_string()),
            _ if a.starts_with('-') && a != "-" => return Err(format!("unknown option '{a}'")),
            _ if log.is_some() => return Err(format!("more than one log file given ('{a}')")),
            _ => log = Some(a.to_string()),
        }
        i += 1;
    }
    if svg.as_deref() == Some("") {
        return Err("--svg needs an output file name".into());
    }
    let log = log.ok_or("no log file given")?;
    Ok(Command::Summarise(Args {
        json,
        lenient,
        svg,
        log,
    }))
}

fn run(args: Args) -> Result<(), (u8, String)> {
    let parsed = if args.log == "-" {
        read_log_with(io::stdin().lock(), args.lenient)
    } else {
        let f =
            File::open(&args.log).map_err(|e| (2, format!("cannot read '{}': {e}", args.log)))?;
        read_log_with(BufReader::new(f), args.lenient)
    };
    let parsed = parsed.map_err(|e| match e {
        ReadError::Io(e) => (2, format!("cannot read '{}': {e}", args.log)),
        ReadError::Malformed { line, message } => (
            1,
            format!("{}:{line}: malformed log line: {message}", args.log),
        ),
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
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse_args(&args) {
        Ok(Command::Help) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Command::Knobs) => {
            print!("{}", knobs_markdown());
            ExitCode::SUCCESS
        }
        Ok(Command::Summarise(a)) => match run(a) {
            Ok(()) => ExitCode::SUCCESS,
            Err((code, msg)) => {
                eprintln!("pygc-gcstat: {msg}");
                ExitCode::from(code)
            }
        },
        Err(msg) => {
            eprintln!("pygc-gcstat: {msg}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn argument_parsing() {
        match parse_args(&args(&["--json", "--svg", "o.svg", "x.log"])) {
            Ok(Command::Summarise(a)) => {
                assert!(a.json);
                assert_eq!((a.svg.as_deref(), a.log.as_str()), (Some("o.svg"), "x.log"));
            }
            _ => panic!("not parsed"),
        }
        assert!(
            matches!(parse_args(&args(&["--svg=o.svg", "-"])), Ok(Command::Summarise(a)) if a.log == "-")
        );
        assert!(matches!(
            parse_args(&args(&["--knobs-table"])),
            Ok(Command::Knobs)
        ));
        for bad in [
            &[][..],
            &["--svg"],
            &["--bogus", "x"],
            &["a", "b"],
            &["--svg=", "x"],
        ] {
            assert!(parse_args(&args(bad)).is_err(), "{bad:?} accepted");
        }
    }
}
