//! Running one program under the oracle and under pygc, and classifying the
//! difference.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The output of one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    /// Exit code; `None` when killed by a signal or the timeout.
    pub code: Option<i32>,
    pub timed_out: bool,
}

/// Runs `cmd` with a timeout, capturing both streams.
pub fn run_with_timeout(mut cmd: Command, timeout: Duration) -> std::io::Result<Outcome> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut out = child.stdout.take().expect("piped stdout");
    let mut err = child.stderr.take().expect("piped stderr");
    let t_out = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out.read_to_end(&mut s);
        s
    });
    let t_err = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        s
    });
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        if let Some(s) = child.try_wait()? {
            break s;
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            timed_out = true;
            break child.wait()?;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let stdout = String::from_utf8_lossy(&t_out.join().unwrap_or_default()).into_owned();
    let stderr = String::from_utf8_lossy(&t_err.join().unwrap_or_default()).into_owned();
    Ok(Outcome {
        stdout,
        stderr,
        code: if timed_out { None } else { status.code() },
        timed_out,
    })
}

/// One pygc configuration: a collector, optionally with extra environment.
#[derive(Debug, Clone)]
pub struct Target {
    pub gc: String,
    pub env: Vec<(String, String)>,
}

impl Target {
    /// `NAME` or `NAME+tenure15` (generational with `PYGC_TENURE=15`).
    pub fn parse(s: &str) -> Target {
        match s.split_once('+') {
            Some((gc, "tenure15")) => Target {
                gc: gc.into(),
                env: vec![("PYGC_TENURE".into(), "15".into())],
            },
            _ => Target {
                gc: s.into(),
                env: vec![],
            },
        }
    }
    pub fn label(&self) -> String {
        if self.env.is_empty() {
            self.gc.clone()
        } else {
            format!("{}+tenure15", self.gc)
        }
    }
}

/// Where things run.
#[derive(Debug, Clone)]
pub struct Runner {
    pub python: PathBuf,
    pub pygc: PathBuf,
    /// `PYGC_TORTURE` value (collect every Nth safepoint).
    pub torture: String,
    pub timeout: Duration,
}

/// How pygc failed against the oracle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Failure {
    /// Panic, abort, signal, SystemError, GC verify failure.
    Crash,
    /// pygc did not finish in time where python3 did.
    Hang,
    /// Different stdout or exit status.
    Diff,
}

impl Failure {
    pub fn name(self) -> &'static str {
        match self {
            Failure::Crash => "crash",
            Failure::Hang => "hang",
            Failure::Diff => "diff",
        }
    }
}

impl Runner {
    /// The oracle's output, or None when the program is not valid (python3
    /// fails or times out: a generator or minimizer artefact).
    pub fn oracle(&self, file: &Path) -> Option<Outcome> {
        let mut c = Command::new(&self.python);
        c.arg(file).env("PYTHONHASHSEED", "0");
        let o = run_with_timeout(c, self.timeout).ok()?;
        (o.code == Some(0)).then_some(o)
    }

    pub fn pygc(&self, file: &Path, t: &Target) -> Outcome {
        let mut c = Command::new(&self.pygc);
        c.arg(format!("--gc={}", t.gc)).arg(file);
        c.env("PYGC_TORTURE", &self.torture);
        for (k, v) in &t.env {
            c.env(k, v);
        }
        // Torture verifies the whole heap twice at every safepoint: a
        // program python3 runs in 50 ms can take a minute.
        run_with_timeout(c, self.timeout * 12).unwrap_or_else(|e| Outcome {
            stdout: String::new(),
            stderr: format!("cannot run pygc: {e}"),
            code: None,
            timed_out: false,
        })
    }

    /// Compares pygc under `t` with the oracle output `want`.
    pub fn check(&self, file: &Path, t: &Target, want: &Outcome) -> Option<(Failure, Outcome)> {
        let got = self.pygc(file, t);
        classify(want, &got).map(|f| (f, got))
    }
}

/// Classifies `got` against the oracle's `want`.
pub fn classify(want: &Outcome, got: &Outcome) -> Option<Failure> {
    const CRASH: &[&str] = &[
        "panicked",
        "GC verify failed",
        "SystemError",
        "stale reference",
    ];
    if got.timed_out {
        return Some(Failure::Hang);
    }
    if got.code.is_none() || CRASH.iter().any(|m| got.stderr.contains(m)) {
        return Some(Failure::Crash);
    }
    if got.code != want.code || got.stdout != want.stdout {
        return Some(Failure::Diff);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn o(stdout: &str, stderr: &str, code: Option<i32>) -> Outcome {
        Outcome {
            stdout: stdout.into(),
            stderr: stderr.into(),
            code,
            timed_out: false,
        }
    }

    #[test]
    fn classification() {
        let want = o("1\n", "", Some(0));
        assert_eq!(classify(&want, &o("1\n", "", Some(0))), None);
        assert_eq!(classify(&want, &o("2\n", "", Some(0))), Some(Failure::Diff));
        assert_eq!(classify(&want, &o("1\n", "", None)), Some(Failure::Crash));
        assert_eq!(
            classify(&want, &o("1\n", "SystemError: GC verify failed", Some(1))),
            Some(Failure::Crash)
        );
        let mut hang = o("", "", None);
        hang.timed_out = true;
        assert_eq!(classify(&want, &hang), Some(Failure::Hang));
    }

    #[test]
    fn timeout_kills() {
        let mut c = Command::new("sleep");
        c.arg("5");
        let r = run_with_timeout(c, Duration::from_millis(100)).expect("sleep runs");
        assert!(r.timed_out);
    }
}
