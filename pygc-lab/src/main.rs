//! The `pygc-lab` command line (see the crate docs and the README).

use clap::{Args, Parser, Subcommand};
use pygc_lab::matrix::{self, Experiment};
use pygc_lab::spec::{HeapSpec, KnobAxis};
use pygc_lab::{minheap, plan, pygc, report, store, tune};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Parser, Debug)]
#[command(
    name = "pygc-lab",
    version,
    about = "GC comparison harness and knob tuner for pygc"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

/// The matrix options shared by run, minheap and plan.
#[derive(Args, Debug, Clone)]
pub struct MatrixArgs {
    /// Python programs, or folders (every *.py inside).
    #[arg(required = true)]
    programs: Vec<PathBuf>,
    /// Collector (repeatable; default: every one `pygc --list-gcs` names).
    #[arg(long = "gc")]
    gcs: Vec<String>,
    /// Heap sizes: multiples of the minimum heap (2x), sizes (64MB) or
    /// `default` (no limit), comma-separated.
    #[arg(long, default_value = "default")]
    heap: String,
    /// Knob grid axis KNOB=V1,V2,... (repeatable; see pygc --help-gc).
    #[arg(long = "set")]
    sets: Vec<String>,
    /// Invocations per cell.
    #[arg(long, default_value_t = 5)]
    invocations: u32,
    /// Per-run timeout in seconds (a timed-out run is recorded as such).
    #[arg(long, default_value_t = 300.0)]
    timeout: f64,
    /// The pygc binary (default: next to pygc-lab, else on the PATH).
    #[arg(long)]
    pygc: Option<PathBuf>,
    /// Output directory.
    #[arg(long)]
    out: PathBuf,
    /// Seed of the random run order.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Collectors whose minimum heaps define a program's minimum heap
    /// (comma-separated; default: all collectors of the run).
    #[arg(long, value_delimiter = ',')]
    minheap_from: Vec<String>,
    /// Minimum-heap cache file (default OUT/minheap.json).
    #[arg(long)]
    minheap_cache: Option<PathBuf>,
    /// Minimum-heap bisection precision: stop when high/low <= this.
    #[arg(long, default_value_t = 1.05)]
    precision: f64,
    /// Do not record each pause (no --gc-log; no pause CDF / MMU curve).
    #[arg(long)]
    no_pause_log: bool,
    /// Run again the runs recorded as failed or timed out.
    #[arg(long)]
    retry_failed: bool,
    /// Run only slice I of N of the cells (1-based), e.g. 3/8.
    #[arg(long)]
    shard: Option<String>,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Run the matrix (resumable: finished runs are skipped).
    Run(MatrixArgs),
    /// Find and cache each program's minimum heap per collector.
    Minheap(MatrixArgs),
    /// Print one command per cell (GNU parallel) or a Slurm job array.
    Plan {
        #[command(flatten)]
        m: MatrixArgs,
        /// `parallel` (one command per cell) or `slurm` (a job-array script).
        #[arg(long, default_value = "parallel")]
        format: String,
        /// Number of array tasks for `slurm`.
        #[arg(long, default_value_t = 16)]
        shards: usize,
    },
    /// Combine result directories.
    Merge {
        /// Result directories.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output directory.
        #[arg(short, long)]
        out: PathBuf,
    },
    /// Write the HTML report (and the SVG figures next to it).
    Report {
        /// Result directory.
        dir: PathBuf,
        /// The HTML file.
        #[arg(short, long)]
        out: PathBuf,
        /// Folder for the standalone SVG figures (default: FILE's stem + "-svg").
        #[arg(long)]
        svg_dir: Option<PathBuf>,
    },
    /// Search collectors and knobs for a target.
    Tune(tune::TuneArgs),
}

fn parse_shard(s: &str) -> Result<(usize, usize), String> {
    let bad = || format!("invalid --shard '{s}': expected I/N with 1 <= I <= N");
    let (i, n) = s.split_once('/').ok_or_else(bad)?;
    let (i, n) = (
        i.trim().parse::<usize>().map_err(|_| bad())?,
        n.trim().parse::<usize>().map_err(|_| bad())?,
    );
    if i == 0 || i > n {
        return Err(bad());
    }
    Ok((i, n))
}

/// The experiment from the command line.
fn experiment(m: &MatrixArgs) -> Result<Experiment, String> {
    let pygc = pygc::resolve_pygc(m.pygc.as_deref())?;
    let gcs = if m.gcs.is_empty() {
        pygc::list_gcs(&pygc)?
    } else {
        let known = pygc::list_gcs(&pygc)?;
        for g in &m.gcs {
            if !known.contains(g) {
                return Err(format!(
                    "unknown collector '{g}'; valid collectors: {}",
                    known.join(", ")
                ));
            }
        }
        m.gcs.clone()
    };
    if m.timeout.is_nan() || m.timeout <= 0.0 {
        return Err(format!("invalid --timeout {}: must be > 0", m.timeout));
    }
    if m.precision.is_nan() || m.precision <= 1.0 {
        return Err(format!("invalid --precision {}: must be > 1", m.precision));
    }
    let heaps = HeapSpec::parse_list(&m.heap)?;
    if heaps.is_empty() {
        return Err("--heap needs at least one setting".into());
    }
    Ok(Experiment {
        programs: matrix::expand_programs(&m.programs)?,
        gcs,
        heaps,
        sets: m
            .sets
            .iter()
            .map(|s| KnobAxis::parse(s))
            .collect::<Result<_, _>>()?,
        invocations: m.invocations.max(1),
        timeout: Duration::from_secs_f64(m.timeout),
        pygc,
        minheap_cache: m
            .minheap_cache
            .clone()
            .unwrap_or_else(|| m.out.join("minheap.json")),
        out: m.out.clone(),
        seed: m.seed,
        minheap_from: m.minheap_from.clone(),
        log_pauses: !m.no_pause_log,
        retry_failed: m.retry_failed,
        shard: m.shard.as_deref().map(parse_shard).transpose()?,
        precision: m.precision,
    })
}

fn main_inner(cli: Cli) -> Result<(), String> {
    match cli.cmd {
        Cmd::Run(m) => {
            let e = experiment(&m)?;
            let (done, skipped) = matrix::run(&e)?;
            eprintln!(
                "pygc-lab: {done} runs done, {skipped} already finished; results in {}",
                e.out.display()
            );
        }
        Cmd::Minheap(m) => {
            let e = experiment(&m)?;
            std::fs::create_dir_all(&e.out).map_err(|er| er.to_string())?;
            let scratch = matrix::scratch_dir(&e.out)?;
            let e2 = Experiment {
                minheap_from: e.gcs.clone(),
                ..e.clone()
            };
            matrix::program_minheaps(&e2, &e.programs, &scratch)?;
            let _ = std::fs::remove_dir_all(&scratch);
            let cache = minheap::Cache::load(&e.minheap_cache);
            for p in &e.programs {
                for g in &e.gcs {
                    let v = cache.entries.get(&minheap::key(p, g)).cloned().flatten();
                    println!(
                        "{:24} {:14} {}",
                        matrix::program_name(p),
                        g,
                        v.map_or("fails".into(), |en| format!(
                            "{} ({} probes)",
                            pygc_lab::spec::human(en.bytes as f64),
                            en.probes
                        ))
                    );
                }
            }
        }
        Cmd::Plan { m, format, shards } => {
            let e = experiment(&m)?;
            print!("{}", plan::plan(&e, &m_args(&m), &format, shards)?);
        }
        Cmd::Merge { inputs, out } => {
            let n = store::merge(&inputs, &out)?;
            eprintln!("pygc-lab: {n} runs in {}", out.display());
        }
        Cmd::Report { dir, out, svg_dir } => {
            let svg = svg_dir.unwrap_or_else(|| {
                let stem = out
                    .file_stem()
                    .map_or("report".into(), |s| s.to_string_lossy().into_owned());
                out.with_file_name(format!("{stem}-svg"))
            });
            let n = report::write(&dir, &out, &svg)?;
            eprintln!(
                "pygc-lab: report of {n} runs in {} (figures in {})",
                out.display(),
                svg.display()
            );
        }
        Cmd::Tune(t) => tune::main(&t)?,
    }
    Ok(())
}

/// The options to repeat in planned commands (everything but programs,
/// --out and --shard).
fn m_args(m: &MatrixArgs) -> plan::Common {
    plan::Common {
        heap: m.heap.clone(),
        invocations: m.invocations,
        timeout: m.timeout,
        seed: m.seed,
        minheap_from: m.minheap_from.clone(),
        no_pause_log: m.no_pause_log,
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match main_inner(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pygc-lab: {e}");
            ExitCode::from(2)
        }
    }
}
