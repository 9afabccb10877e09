//! `pygc-heap`: analyse heap snapshots written by `gc.dump_heap(path)` or
//! `pygc --heap-snapshot=PATH`.
//!
//! Exit status: 0 on success, 1 for a malformed snapshot or a type with no
//! instance, 2 for bad arguments or files that cannot be read.

use gc_tools::snapshot::{render_diff, render_path, render_summary, Snapshot};
use std::fs::File;
use std::io::BufReader;
use std::process::ExitCode;

const USAGE: &str = "usage: pygc-heap summary SNAPSHOT [--top N]
       pygc-heap diff OLD NEW [--top N]
       pygc-heap path SNAPSHOT TYPE

Leak diagnosis on heap snapshots (`gc.dump_heap(path)`, `pygc --heap-snapshot=PATH`):
  summary  objects per type: count, shallow bytes, retained bytes (what freeing
           all objects of the type would free, from the dominator tree)
  diff     what grew between two snapshots, per type
  path     the shortest chain of references from a root to an object of TYPE
  --top N  rows to print (default 20)";

fn usage(msg: &str) -> ExitCode {
    eprintln!("pygc-heap: {msg}\n{USAGE}");
    ExitCode::from(2)
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

fn run(args: Vec<String>) -> Result<(), ExitCode> {
    let mut top = 20usize;
    let mut pos = Vec::new();
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            "--top" => match it.next().and_then(|v| v.parse().ok()) {
                Some(n) if n > 0 => top = n,
                _ => return Err(usage("--top needs a positive integer")),
            },
            _ if a.starts_with("--") => {
                return Err(usage(&format!("unknown option '{a}'")));
            }
            _ => pos.push(a),
        }
    }
    let cmd = pos.first().map(String::as_str);
    match (cmd, pos.len()) {
        (Some("summary"), 2) => {
            print!("{}", render_summary(&load(&pos[1])?, top));
        }
        (Some("diff"), 3) => {
            let (a, b) = (load(&pos[1])?, load(&pos[2])?);
            print!("{}", render_diff(&a, &b, top));
        }
        (Some("path"), 3) => {
            let s = load(&pos[1])?;
            match render_path(&s, &pos[2]) {
                Some(p) => print!("{p}"),
                None => {
                    eprintln!(
                        "pygc-heap: no object of type '{}' is reachable in {}",
                        pos[2], pos[1]
                    );
                    return Err(ExitCode::from(1));
                }
            }
        }
        (Some(c @ ("summary" | "diff" | "path")), _) => {
            return Err(usage(&format!("wrong number of arguments for '{c}'")));
        }
        (Some(c), _) => {
            return Err(usage(&format!(
                "unknown command '{c}' (valid: summary, diff, path)"
            )))
        }
        (None, _) => return Err(usage("missing command")),
    }
    Ok(())
}

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}
