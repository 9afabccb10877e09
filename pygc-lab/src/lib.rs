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
