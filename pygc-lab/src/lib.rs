//! # pygc-lab: GC comparison harness and knob tuner for pygc
//!
//! `pygc-lab run` measures a matrix of programs x collectors x heap sizes x
//! knob settings x invocations; heap sizes are absolute or multiples of each
//! program's minimum heap (`pygc-lab minheap`, bisection on `max-heap`).
//! Every run records wall and CPU time, the GC's time split, pauses, MMU,
//! peak RSS and heap (see [`store::RunRecord`]). `pygc-lab report` turns a
//! result directory into one self-contained HTML page plus standalone SVG
//! figures; `plan` / `merge` spread a matrix over machines (GNU parallel,
//! Slurm job arrays); `tune` searches collectors and knobs for a latency
//! or memory target.
//!
//! ## Commands
//! ```text
//! pygc-lab run PROGRAM_OR_DIR... [--gc NAME]... [--heap 2x,4x|SIZE|default,...]
//!     [--set KNOB=V1,V2]... [--invocations N] [--timeout S] [--pygc PATH] --out DIR
//!     [--minheap-from GC,...] [--shard I/N] [--retry-failed] [--no-pause-log]
//! pygc-lab minheap PROGRAM_OR_DIR... [--gc NAME]... --out DIR
//! pygc-lab report DIR -o FILE.html [--svg-dir DIR]
//! pygc-lab plan  <run options> [--format parallel|slurm] [--shards N]
//! pygc-lab merge DIR... -o DIR
//! pygc-lab tune SCRIPT --target max-pause=2ms|p99-pause=1ms|rss=200MB
//!     [--optimize throughput|rss] [--gc NAME]... [--out DIR]
//! ```
//! A result directory holds `runs.jsonl` (one JSON object per finished run,
//! appended as runs finish: the source of truth and what resuming reads),
//! `runs.csv` / `runs.json` (the same, tidy: one row per run),
//! `events/RUN.json` (each pause's start and length, from `--gc-log`) and
//! `minheap.json` (the minimum-heap cache).
//!
//! Runs go in random order within invocation rounds (every cell's first
//! invocation before any second), so an interrupted matrix still holds whole
//! rounds; rerunning the same command skips finished runs. A run that fails,
//! runs out of memory or times out is recorded with its status
//! (`ok`, `oom`, `fail`, `wrong-output` when a `NAME.expected` next to the
//! program disagrees, ignoring `info:` lines, `timeout`, `error`).
//!
//! Heap multiples: a program's minimum heap is the smallest passing
//! `max-heap` of the `--minheap-from` collectors (default: all of the run),
//! found by bisection and cached per program and collector; every collector
//! then runs at the same absolute size N x that minimum, so a collector
//! that needs more memory shows up as `oom` at small multiples (the
//! time-space curves of Blackburn et al. and Cai et al.).
//!
//! Knobs: pygc accepts every knob for every collector and ignores those a
//! collector does not read, but its stats list the collector's effective
//! settings; `run` asks each collector once and drops the knobs it lacks
//! from its cells (saying so), so no duplicate cells are measured.
//!
//! ## Statistics
//! Per cell: mean and 95 % confidence interval (Student t, n - 1 degrees of
//! freedom). Differences are called significant by Welch's unequal-variance
//! t-test at the 5 % level; the report marks "n.s." where a collector is
//! not significantly different from the best one of its program and heap.
//!
//! ## Lower-bound overhead (Cai et al., ISPASS 2022)
//! For each program, the baseline is the smallest GC-free cost seen over
//! every collector and heap setting: the run's time minus its GC time,
//! where GC time is the stop-the-world pauses plus `time_ns.mutator_gc_work`
//! (wall clock), and additionally `time_ns.gc_threads_cpu` (CPU). `nogc`
//! counts where it fits in the heap (its runs that exit 0). A collector's
//! lower-bound overhead at a setting is its mean time / baseline - 1; it is
//! a lower bound because the baseline still contains the GC's indirect
//! costs (barriers, allocation paths, locality) in its best case.
//! Missing `mutator_gc_work` / `gc_threads_cpu` fields count as 0 (the
//! `gc_work_reported` column says whether pygc reported them).

pub mod matrix;
pub mod minheap;
pub mod plan;
pub mod pygc;
pub mod report;

pub mod runner;
pub mod spec;
pub mod stats;
pub mod store;
pub mod tune;
