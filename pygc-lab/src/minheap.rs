//! `pygc-lab minheap`: the smallest `max-heap` a program runs in under a
//! collector, by bisection. A run that exits non-zero (MemoryError or any
//! other failure) or times out means "too small". Results are cached per
//! program and collector in `DIR/minheap.json`.

use crate::runner::{self, Invocation};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// One cached result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The minimum heap (smallest passing `max-heap`), bytes.
    pub bytes: u64,
    /// The largest failing `max-heap` tried, bytes.
    pub fails_at: u64,
    /// Number of probe runs.
    pub probes: u32,
}

/// `DIR/minheap.json` (or `--minheap-cache FILE`): "program path|collector" -> entry (None = the
/// program does not run even without a limit).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Cache {
    /// The entries.
    pub entries: BTreeMap<String, Option<Entry>>,
}

/// The cache key.
pub fn key(program: &Path, collector: &str) -> String {
    format!("{}|{collector}", program.display())
}

impl Cache {
    /// Loads a cache file (empty when absent or unreadable).
    pub fn load(file: &Path) -> Cache {
        std::fs::read_to_string(file)
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default()
    }

    /// Saves it.
    pub fn save(&self, file: &Path) -> Result<(), String> {
        let s = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        let tmp = file.with_extension(format!("tmp{}", std::process::id()));
        std::fs::write(&tmp, s)
            .and_then(|_| std::fs::rename(&tmp, file))
            .map_err(|e| format!("cannot write '{}': {e}", file.display()))
    }

    /// Adds another cache's entries.
    pub fn absorb(&mut self, other: Cache) {
        self.entries.extend(other.entries);
    }
}

/// Bisection settings.
#[derive(Clone, Debug)]
pub struct Search {
    /// pygc.
    pub pygc: PathBuf,
    /// Per-probe timeout.
    pub timeout: Duration,
    /// Stop when high / low is at most this (1.05 = within 5 %).
    pub precision: f64,
    /// Scratch directory.
    pub scratch: PathBuf,
}

/// Does `program` pass with `max-heap` = `limit` (None = unlimited)? Also
/// returns the peak heap the collector reported.
fn probe(s: &Search, program: &Path, gc: &str, limit: Option<u64>) -> (bool, u64) {
    let knobs = vec![];
    let out = runner::run(&Invocation {
        pygc: &s.pygc,
        program,
        collector: gc,
        max_heap: limit,
        knobs: &knobs,
        timeout: s.timeout,
        scratch: &s.scratch,
        log_pauses: false,
    });
    (
        out.record.exit_code == 0 && out.record.status != "timeout",
        out.record.peak_heap,
    )
}

/// Finds the minimum heap: one unlimited run gives the peak heap (an upper
/// bound that is checked, doubled until it passes); the lower bound starts
/// at 1/4 of it (divided by 4 until it fails, floor 64 KB); then
/// geometric bisection until high / low <= precision.
pub fn find(s: &Search, program: &Path, gc: &str) -> Option<Entry> {
    let mut probes = 1;
    let (ok, peak) = probe(s, program, gc, None);
    if !ok {
        return None;
    }
    let mut hi = peak.max(1 << 20);
    loop {
        probes += 1;
        if probe(s, program, gc, Some(hi)).0 {
            break;
        }
        if hi > peak.saturating_mul(64).max(1 << 30) {
            // Fails with every limit tried: no usable minimum.
            return None;
        }
        hi *= 2;
    }
    let mut lo = hi / 4;
    loop {
        if lo < 64 << 10 {
            lo = 0;
            break;
        }
        probes += 1;
        if !probe(s, program, gc, Some(lo)).0 {
            break;
        }
        hi = lo;
        lo /= 4;
    }
    while lo == 0 || hi as f64 / lo as f64 > s.precision {
        let mid = if lo == 0 {
            hi / 2
        } else {
            ((lo as f64 * hi as f64).sqrt()) as u64
        };
        if mid < 64 << 10 || mid <= lo || mid >= hi {
            break;
        }
        probes += 1;
        if probe(s, program, gc, Some(mid)).0 {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Some(Entry {
        bytes: hi,
        fails_at: lo,
        probes,
    })
}

/// The cached minimum heap, computing and saving it when missing.
pub fn cached(s: &Search, file: &Path, program: &Path, gc: &str) -> Result<Option<Entry>, String> {
    let k = key(program, gc);
    let mut cache = Cache::load(file);
    if let Some(e) = cache.entries.get(&k) {
        return Ok(e.clone());
    }
    let e = find(s, program, gc);
    // Reload: another process (a shard) may have added entries meanwhile.
    cache = Cache::load(file);
    cache.entries.insert(k, e.clone());
    cache.save(file)?;
    Ok(e)
}
