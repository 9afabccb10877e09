//! `pygc-lab plan`: the matrix as commands for other machines. `parallel`
//! prints one `pygc-lab run` command per cell (for GNU parallel or any job
//! runner), each writing its own result folder `OUT/parts/NNNN`; `slurm`
//! prints a job-array script whose task I runs `--shard I/N`. Run the
//! printed `pygc-lab minheap` command first (once) when heap sizes are
//! multiples, so every cell uses the same minimum heaps; then
//! `pygc-lab merge OUT/parts/* -o OUT/all`.

use crate::matrix::{self, Experiment};
use crate::spec::{HeapSpec, Knobs};

/// Options repeated in every planned command.
#[derive(Clone, Debug)]
pub struct Common {
    /// `--heap`.
    pub heap: String,
    /// `--invocations`.
    pub invocations: u32,
    /// `--timeout`.
    pub timeout: f64,
    /// `--seed`.
    pub seed: u64,
    /// `--minheap-from`.
    pub minheap_from: Vec<String>,
    /// `--no-pause-log`.
    pub no_pause_log: bool,
}

/// Shell-quotes a word when needed.
pub fn quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=,:@%+".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

fn words(w: &[String]) -> String {
    w.iter().map(|s| quote(s)).collect::<Vec<_>>().join(" ")
}

fn common(e: &Experiment, c: &Common) -> Vec<String> {
    let from = if c.minheap_from.is_empty() {
        e.gcs.clone()
    } else {
        c.minheap_from.clone()
    };
    let mut v = vec![
        "--invocations".into(),
        c.invocations.to_string(),
        "--timeout".into(),
        c.timeout.to_string(),
        "--seed".into(),
        c.seed.to_string(),
        "--pygc".into(),
        e.pygc.display().to_string(),
        "--minheap-from".into(),
        from.join(","),
        "--minheap-cache".into(),
        e.minheap_cache.display().to_string(),
    ];
    if c.no_pause_log {
        v.push("--no-pause-log".into());
    }
    v
}

fn knob_args(k: &Knobs) -> Vec<String> {
    k.iter()
        .flat_map(|(a, b)| ["--set".to_string(), format!("{a}={b}")])
        .collect()
}

/// The plan text.
pub fn plan(e: &Experiment, c: &Common, format: &str, shards: usize) -> Result<String, String> {
    let me = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| "pygc-lab".into());
    let progs: Vec<String> = e.programs.iter().map(|p| p.display().to_string()).collect();
    let gcs: Vec<String> = e
        .gcs
        .iter()
        .flat_map(|g| ["--gc".to_string(), g.clone()])
        .collect();
    let mut out = String::new();
    let needs_min = e.heaps.iter().any(|h| matches!(h, HeapSpec::Multiple(_)));
    if needs_min {
        let from = if c.minheap_from.is_empty() {
            e.gcs.clone()
        } else {
            c.minheap_from.clone()
        };
        let from_gcs: Vec<String> = from
            .iter()
            .flat_map(|g| ["--gc".to_string(), g.clone()])
            .collect();
        out += &format!(
            "# first, once: {} minheap {} {} --timeout {} --pygc {} --minheap-cache {} --out {}\n",
            quote(&me),
            words(&progs),
            words(&from_gcs),
            c.timeout,
            quote(&e.pygc.display().to_string()),
            quote(&e.minheap_cache.display().to_string()),
            quote(&e.out.display().to_string()),
        );
    }
    let parts = e.out.join("parts");
    match format {
        "parallel" => {
            let scratch =
                std::env::temp_dir().join(format!("pygc-lab-plan-{}", std::process::id()));
            std::fs::create_dir_all(&scratch).map_err(|er| er.to_string())?;
            let cells = matrix::cells(e, &scratch);
            let _ = std::fs::remove_dir_all(&scratch);
            let cells = cells?;
            out += &format!(
                "# {} cells; then: {} merge {}/* -o {}\n",
                cells.len(),
                quote(&me),
                quote(&parts.display().to_string()),
                quote(&e.out.join("all").display().to_string())
            );
            for (i, cell) in cells.iter().enumerate() {
                let mut w = vec![
                    me.clone(),
                    "run".into(),
                    cell.program.display().to_string(),
                    "--gc".into(),
                    cell.gc.clone(),
                    "--heap".into(),
                    cell.heap.label(),
                ];
                w.extend(knob_args(&cell.knobs));
                w.extend(common(e, c));
                w.push("--out".into());
                w.push(parts.join(format!("{:05}", i + 1)).display().to_string());
                out += &words(&w);
                out.push('\n');
            }
        }
        "slurm" => {
            if shards == 0 {
                return Err("--shards must be at least 1".into());
            }
            let mut w = vec![me.clone(), "run".into()];
            w.extend(progs.iter().cloned());
            w.extend(gcs);
            w.push("--heap".into());
            w.push(c.heap.clone());
            for a in &e.sets {
                w.push("--set".into());
                w.push(format!("{}={}", a.key, a.values.join(",")));
            }
            w.extend(common(e, c));
            out = format!(
                "#!/bin/bash\n#SBATCH --job-name=pygc-lab\n#SBATCH --array=1-{shards}\n#SBATCH --cpus-per-task=2\n{out}# then: {} merge {}/* -o {}\nset -eu\n{} --shard \"$SLURM_ARRAY_TASK_ID/{shards}\" --out {}/\"$SLURM_ARRAY_TASK_ID\"\n",
                quote(&me),
                quote(&parts.display().to_string()),
                quote(&e.out.join("all").display().to_string()),
                words(&w),
                quote(&parts.display().to_string()),
            );
        }
        other => {
            return Err(format!(
                "unknown plan format '{other}': expected parallel or slurm"
            ))
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(quote("a/b.py"), "a/b.py");
        assert_eq!(quote("it's"), "'it'\\''s'");
        assert_eq!(quote(""), "''");
    }
}
