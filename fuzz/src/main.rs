//! `fuzz`: a differential fuzzer for pygc.
//!
//! ```text
//! cargo run --release -p fuzz -- --minutes N --gc NAME [--seed S] [--out DIR]
//!     [--seconds N] [--pygc PATH] [--python PATH] [--torture N] [--numpy] [--del]
//! ```
//!
//! Generates random Python programs ([`gen`]), runs each under `python3`
//! (the oracle) and under `pygc` in torture mode (`PYGC_TORTURE`, collect
//! and verify at every safepoint) on the chosen collectors (`--gc all`: every
//! registered collector plus `generational+tenure15`), minimizes every
//! crash, hang or output difference ([`minimize`]) and saves it in `--out`
//! as `NAME.py` + `NAME.expected` (python3's output) + `NAME.pygc.txt`.
//! Exit status: 0 when nothing was found, 1 otherwise, 2 on bad arguments.

mod gen;
mod minimize;
mod run;

use run::{Runner, Target};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug)]
struct Opts {
    duration: Duration,
    targets: Vec<Target>,
    seed: u64,
    out: PathBuf,
    runner: Runner,
    features: gen::Features,
}

fn usage(msg: &str) -> ! {
    eprintln!("fuzz: {msg}");
    eprintln!(
        "usage: fuzz --minutes N | --seconds N  [--gc NAME|all] [--seed S] [--out DIR] [--pygc PATH] [--python PATH] [--torture N] [--numpy] [--del] | --print SEED"
    );
    eprintln!(
        "collectors: {} (or NAME+tenure15, or all)",
        gc_registry::names().join(", ")
    );
    std::process::exit(2)
}

fn parse_num(flag: &str, v: Option<String>) -> u64 {
    let v = v.unwrap_or_else(|| usage(&format!("{flag} needs a value")));
    v.parse()
        .unwrap_or_else(|_| usage(&format!("{flag}: '{v}' is not a number")))
}

fn default_pygc() -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_default();
    exe.parent()
        .map(|d| d.join("pygc"))
        .unwrap_or_else(|| PathBuf::from("pygc"))
}

fn parse_targets(s: &str) -> Vec<Target> {
    let names: Vec<&str> = gc_registry::names();
    if s == "all" {
        let mut v: Vec<Target> = names.iter().map(|n| Target::parse(n)).collect();
        v.push(Target::parse("generational+tenure15"));
        return v;
    }
    s.split(',')
        .map(|n| {
            let t = Target::parse(n);
            if !names.contains(&t.gc.as_str()) {
                usage(&format!("unknown collector '{n}'"));
            }
            t
        })
        .collect()
}

fn parse_args() -> Opts {
    let mut it = std::env::args().skip(1);
    let mut secs = None;
    let mut targets = parse_targets("all");
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(1);
    let mut out = PathBuf::from("fuzz-out");
    let mut pygc = default_pygc();
    let mut python = PathBuf::from("python3");
    let mut torture = "1".to_string();
    let mut features = gen::Features::default();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--minutes" => secs = Some(60 * parse_num(&a, it.next())),
            "--seconds" => secs = Some(parse_num(&a, it.next())),
            "--gc" => {
                targets = parse_targets(&it.next().unwrap_or_else(|| usage("--gc needs a value")))
            }
            "--seed" => seed = parse_num(&a, it.next()),
            "--out" => {
                out = it
                    .next()
                    .unwrap_or_else(|| usage("--out needs a value"))
                    .into()
            }
            "--pygc" => {
                pygc = it
                    .next()
                    .unwrap_or_else(|| usage("--pygc needs a value"))
                    .into()
            }
            "--python" => {
                python = it
                    .next()
                    .unwrap_or_else(|| usage("--python needs a value"))
                    .into()
            }
            "--torture" => torture = parse_num(&a, it.next()).to_string(),
            "--numpy" => features.numpy = true,
            "--del" => features.del = true,
            "--print" => {
                let s = parse_num(&a, it.next());
                print!("{}", gen::program(s, features).concat());
                std::process::exit(0)
            }
            _ => usage(&format!("unknown argument '{a}'")),
        }
    }
    let Some(secs) = secs else {
        usage("--minutes or --seconds is required")
    };
    Opts {
        duration: Duration::from_secs(secs),
        targets,
        seed,
        out,
        runner: Runner {
            python,
            pygc,
            torture,
            timeout: Duration::from_secs(10),
        },
        features,
    }
}

/// Minimizes and saves one failure; returns the saved script's path.
fn save(
    o: &Opts,
    work: &Path,
    seed: u64,
    t: &Target,
    f: run::Failure,
    chunks: Vec<String>,
) -> PathBuf {
    let cand = work.join("min.py");
    let mut pred = |src: &str| -> bool {
        if std::fs::write(&cand, src).is_err() {
            return false;
        }
        let Some(want) = o.runner.oracle(&cand) else {
            return false;
        };
        // A deletion can make the program nondeterministic (an id-based
        // default hash once its __hash__ is gone): the oracle must agree
        // with itself.
        if o.runner.oracle(&cand).is_none_or(|again| again != want) {
            return false;
        }
        matches!(o.runner.check(&cand, t, &want), Some((g, _)) if g == f)
    };
    let min = minimize::minimize(chunks, Duration::from_secs(240), &mut pred);
    let name = format!("fuzz_{}_{}_{}", f.name(), t.label().replace('+', "_"), seed);
    let py = o.out.join(format!("{name}.py"));
    let header = format!(
        "# Found by `fuzz --seed {seed} --gc {}` ({}); PYGC_TORTURE={}{}.\n",
        t.label(),
        f.name(),
        o.runner.torture,
        t.env
            .iter()
            .map(|(k, v)| format!(" {k}={v}"))
            .collect::<String>()
    );
    let src = header + &min;
    let _ = std::fs::write(&py, &src);
    if let Some(want) = o.runner.oracle(&py) {
        let _ = std::fs::write(py.with_extension("expected"), &want.stdout);
    }
    let got = o.runner.pygc(&py, t);
    let _ = std::fs::write(
        py.with_extension("pygc.txt"),
        format!(
            "exit {:?}\n--- stdout\n{}--- stderr\n{}",
            got.code, got.stdout, got.stderr
        ),
    );
    py
}

fn main() {
    let o = parse_args();
    if let Err(e) = std::fs::create_dir_all(&o.out) {
        usage(&format!("cannot create {}: {e}", o.out.display()));
    }
    if !o.runner.pygc.exists() {
        usage(&format!(
            "no pygc at {} (build it or pass --pygc)",
            o.runner.pygc.display()
        ));
    }
    let work = std::env::temp_dir().join(format!("pygc-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("work dir");
    let file = work.join("prog.py");
    let start = Instant::now();
    let (mut programs, mut runs, mut invalid) = (0u64, 0u64, 0u64);
    let mut found = Vec::new();
    let mut seed = o.seed;
    while start.elapsed() < o.duration {
        let chunks = gen::program(seed, o.features);
        std::fs::write(&file, chunks.concat()).expect("write program");
        let Some(want) = o.runner.oracle(&file) else {
            invalid += 1;
            seed += 1;
            continue;
        };
        programs += 1;
        for t in &o.targets {
            runs += 1;
            if let Some((f, got)) = o.runner.check(&file, t, &want) {
                eprintln!(
                    "seed {seed} on {}: {} (exit {:?}) {}",
                    t.label(),
                    f.name(),
                    got.code,
                    got.stderr.lines().last().unwrap_or("")
                );
                let p = save(&o, &work, seed, t, f, chunks.clone());
                eprintln!("  saved {}", p.display());
                found.push(p);
                break;
            }
        }
        seed += 1;
    }
    let _ = std::fs::remove_dir_all(&work);
    println!(
        "fuzz: {programs} programs ({invalid} invalid skipped), {runs} pygc runs on {} in {:.0} s, seeds {}..{}: {} failures",
        o.targets.iter().map(|t| t.label()).collect::<Vec<_>>().join(","),
        start.elapsed().as_secs_f64(),
        o.seed,
        seed,
        found.len()
    );
    for p in &found {
        println!("  {}", p.display());
    }
    std::process::exit(if found.is_empty() { 0 } else { 1 })
}
