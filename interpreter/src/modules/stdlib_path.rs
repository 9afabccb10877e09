//! Finding a CPython standard library on the machine (without running python)
//! for the pure-Python stdlib modules pygc imports at run time.
//!
//! `PYGC_STDLIB=dir` overrides the search; `PYGC_STDLIB=` (empty) disables it.
//! Otherwise the candidates are `$PYTHONHOME/lib/python3.*`, `/usr/lib/python3.*`,
//! `/usr/local/lib/python3.*`, `/root/.pyenv/versions/*/lib/python3.*` and
//! `~/.pyenv/versions/*/lib/python3.*`; a candidate must hold `dataclasses.py`
//! and `enum.py`. CPython 3.11 (the version pygc follows) is preferred, then the
//! newest 3.x; among equal versions the first found wins.

use std::path::{Path, PathBuf};

/// The stdlib directory to put on `sys.path`, if any.
pub fn stdlib_dir() -> Option<String> {
    if let Ok(p) = std::env::var("PYGC_STDLIB") {
        return if p.is_empty() { None } else { Some(p) };
    }
    let mut roots: Vec<PathBuf> = vec![];
    if let Ok(h) = std::env::var("PYTHONHOME") {
        if !h.is_empty() {
            roots.push(Path::new(&h).join("lib"));
        }
    }
    roots.push("/usr/lib".into());
    roots.push("/usr/local/lib".into());
    let mut pyenvs: Vec<PathBuf> = vec!["/root/.pyenv/versions".into()];
    if let Ok(home) = std::env::var("HOME") {
        let p = Path::new(&home).join(".pyenv/versions");
        if !pyenvs.contains(&p) {
            pyenvs.push(p);
        }
    }
    for pv in pyenvs {
        for v in sorted_entries(&pv) {
            roots.push(v.join("lib"));
        }
    }
    let mut cands: Vec<(u32, PathBuf)> = vec![];
    for r in roots {
        for d in sorted_entries(&r) {
            let Some(minor) = d
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_prefix("python3."))
                .and_then(|m| m.parse::<u32>().ok())
            else {
                continue;
            };
            if d.join("dataclasses.py").is_file() && d.join("enum.py").is_file() {
                cands.push((minor, d));
            }
        }
    }
    pick(&cands).map(|p| p.display().to_string())
}

/// 3.11 first, then the highest minor version; the first found among equals.
fn pick(cands: &[(u32, PathBuf)]) -> Option<&PathBuf> {
    let rank = |m: u32| if m == 11 { u32::MAX } else { m };
    let mut best: Option<&(u32, PathBuf)> = None;
    for c in cands {
        if best.is_none_or(|b| rank(c.0) > rank(b.0)) {
            best = Some(c);
        }
    }
    best.map(|b| &b.1)
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => vec![],
    };
    v.sort();
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn prefers_311_then_newest() {
        let c = |v: &[(u32, &str)]| -> Vec<(u32, PathBuf)> {
            v.iter().map(|(m, p)| (*m, PathBuf::from(p))).collect()
        };
        let a = c(&[(10, "a"), (11, "b"), (13, "c"), (11, "d")]);
        assert_eq!(pick(&a), Some(&PathBuf::from("b")));
        let b = c(&[(9, "a"), (13, "c"), (12, "d")]);
        assert_eq!(pick(&b), Some(&PathBuf::from("c")));
        assert_eq!(pick(&[]), None);
    }
}
