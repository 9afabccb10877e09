//! GC configuration from flags and `PYGC_*` environment variables.
//!
//! Every knob is described once in [`OPTIONS`]: its key (used by
//! `--gc-opt KEY=VALUE` and `-X gc-KEY=VALUE`), its environment variable, its
//! kind, default and which collectors read it. Flags override the environment.
//! Bad values produce a [`ConfigError`] naming the variable, the value and
//! what is accepted; the binary turns it into exit status 2.

use std::fmt;

/// The kind of value an option takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptKind {
    /// A byte size: `4096`, `512KB`, `4MB`, `1GB` (K/M/G, optional B, case-insensitive).
    Size,
    /// A floating-point number.
    Float,
    /// A non-negative integer.
    Int,
    /// `0/1`, `true/false`, `on/off`, `yes/no`.
    Bool,
    /// Free text (a file name, a collector name).
    Text,
    /// A duration: `2ms`, `500us`, `1.5ms`, `0.002s`; `0`/`off` disables.
    Duration,
}

/// One knob.
#[derive(Clone, Copy, Debug)]
pub struct OptSpec {
    /// Key for `--gc-opt KEY=VALUE` / `-X gc-KEY=VALUE`.
    pub key: &'static str,
    /// Environment variable.
    pub env: &'static str,
    /// Value kind.
    pub kind: OptKind,
    /// Default, as text (shown in help and the README table).
    pub default: &'static str,
    /// Collectors that read it.
    pub collectors: &'static str,
    /// What it does.
    pub doc: &'static str,
}

/// Every GC knob.
pub const OPTIONS: &[OptSpec] = &[
    OptSpec { key: "gc", env: "PYGC_GC", kind: OptKind::Text, default: "incminimark", collectors: "all", doc: "collector to use (same as --gc=NAME)" },
    OptSpec { key: "nursery", env: "PYGC_NURSERY", kind: OptKind::Size, default: "auto", collectors: "incminimark, generational, concurrent", doc: "nursery size; auto = half the last-level cache, 1MB..16MB (concurrent: 1MB); with a pause target the adaptive size reaches at most the smaller of that and 1 byte per ns of the target (2MB for 2ms: a minor collection where everything survives still fits the target); an explicit size is kept fixed" },
    OptSpec { key: "major-collect", env: "PYGC_MAJOR_COLLECT", kind: OptKind::Float, default: "1.82", collectors: "incminimark, generational", doc: "next major collection when old heap reaches live bytes x this factor" },
    OptSpec { key: "growth-limit", env: "PYGC_GROWTH_LIMIT", kind: OptKind::Float, default: "1.4", collectors: "incminimark, generational", doc: "the major threshold grows at most by this factor per collection" },
    OptSpec { key: "min-heap", env: "PYGC_MIN_HEAP", kind: OptKind::Size, default: "16MB (incminimark with a pause target), else 8x nursery", collectors: "incminimark, generational, concurrent", doc: "no major collection before the heap reaches this size" },
    OptSpec { key: "pause-target", env: "PYGC_PAUSE_TARGET", kind: OptKind::Duration, default: "2ms", collectors: "incminimark", doc: "pause goal: nursery sized from survival rate and copy speed, major steps budgeted by time and paced against promotion; 0/off = fixed nursery and byte-budgeted steps (the old behaviour)" },
    OptSpec { key: "max-heap", env: "PYGC_MAX_HEAP", kind: OptKind::Size, default: "unlimited", collectors: "all", doc: "hard heap limit: allocation past it raises MemoryError" },
    OptSpec { key: "increment-step", env: "PYGC_INCREMENT_STEP", kind: OptKind::Size, default: "2x nursery", collectors: "incminimark", doc: "bytes of marking/sweeping work per incremental step" },
    OptSpec { key: "threads", env: "PYGC_THREADS", kind: OptKind::Int, default: "cores", collectors: "generational, concurrent", doc: "GC worker threads" },
    OptSpec { key: "tenure", env: "PYGC_TENURE", kind: OptKind::Int, default: "1", collectors: "generational", doc: "minor collections an object survives before promotion" },
    OptSpec { key: "growth", env: "PYGC_GROWTH", kind: OptKind::Float, default: "1.0", collectors: "concurrent", doc: "pacing goal: finish marking before heap reaches live x (1 + growth)" },
    OptSpec { key: "memory-limit", env: "PYGC_MEMORY_LIMIT", kind: OptKind::Size, default: "unlimited", collectors: "concurrent", doc: "soft memory limit: collect more often near it" },
    OptSpec { key: "pressure", env: "PYGC_PRESSURE", kind: OptKind::Bool, default: "1", collectors: "all", doc: "count raw memory (memory pressure) toward collections" },
    OptSpec { key: "nursery-debug", env: "PYGC_NURSERY_DEBUG", kind: OptKind::Bool, default: "0", collectors: "incminimark, generational", doc: "debug nursery: protect (mprotect) freed nursery memory after each minor collection, so a stale read of a moved object faults at once with a clear message" },
    OptSpec { key: "verify", env: "PYGC_VERIFY", kind: OptKind::Int, default: "0", collectors: "all", doc: "0 off, 1 verify heap after each major collection, 2 after every collection; 1+ also poisons freed memory" },
    OptSpec { key: "torture", env: "PYGC_TORTURE", kind: OptKind::Int, default: "0", collectors: "all", doc: "collect at every Nth safepoint (minor, or one increment without a young generation; major every 8th) with poisoning; heap checks around the majors (around every collection with verify=2)" },
];

/// A configuration error, ready to print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// Parses a byte size: `123`, `64k`, `64KB`, `4M`, `4MB`, `1G`, `1GB`.
pub fn parse_size(text: &str) -> Option<usize> {
    let t = text.trim();
    let upper = t.to_ascii_uppercase();
    let s = upper.strip_suffix('B').unwrap_or(&upper);
    let (num, mult) = match s.chars().last()? {
        'K' => (&s[..s.len() - 1], 1usize << 10),
        'M' => (&s[..s.len() - 1], 1 << 20),
        'G' => (&s[..s.len() - 1], 1 << 30),
        _ => (s, 1),
    };
    let num = num.trim();
    if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    num.parse::<usize>().ok()?.checked_mul(mult)
}

fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "on" | "yes" => Some(true),
        "0" | "false" | "off" | "no" => Some(false),
        _ => None,
    }
}

/// The effective GC configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct GcConfig {
    /// Collector name (validated against the registry by the caller).
    pub collector: String,
    /// Nursery size, bytes.
    pub nursery_size: usize,
    /// Major-collection factor.
    pub major_factor: f64,
    /// Max growth of the major threshold per collection.
    pub growth_limit: f64,
    /// Minimum heap before the first major collection, bytes.
    pub min_heap: usize,
    /// Was `min_heap` set explicitly (else collectors may pick their own)?
    pub min_heap_explicit: bool,
    /// Was the nursery size set explicitly?
    pub nursery_explicit: bool,
    /// Pause goal, ns (None = off).
    pub pause_target_ns: Option<u64>,
    /// Hard heap limit, bytes.
    pub max_heap: Option<usize>,
    /// Work per incremental step, bytes.
    pub increment_step: usize,
    /// GC worker threads.
    pub threads: usize,
    /// Minor collections survived before promotion (generational).
    pub tenure: u32,
    /// Concurrent pacing growth.
    pub growth: f64,
    /// Soft memory limit (concurrent).
    pub memory_limit: Option<usize>,
    /// Count memory pressure toward collections.
    pub pressure: bool,
    /// Debug nursery: freed nursery memory is protected until reused.
    pub nursery_debug: bool,
    /// Verify level.
    pub verify: u32,
    /// Torture: collect at every Nth safepoint (0 = off).
    pub torture: u32,
}

/// The default pause target (incminimark), ns.
pub const DEFAULT_PAUSE_TARGET_NS: u64 = 2_000_000;

/// Parses a duration: `2ms`, `500us`, `1.5ms`, `0.002s`, `2000000ns`
/// (a bare number is milliseconds). Returns ns.
pub fn parse_duration(text: &str) -> Option<u64> {
    let t = text.trim().to_ascii_lowercase();
    let (num, mult) = if let Some(n) = t.strip_suffix("ns") {
        (n, 1.0)
    } else if let Some(n) = t.strip_suffix("us") {
        (n, 1e3)
    } else if let Some(n) = t.strip_suffix("ms") {
        (n, 1e6)
    } else if let Some(n) = t.strip_suffix('s') {
        (n, 1e9)
    } else {
        (t.as_str(), 1e6)
    };
    let num = num.trim();
    if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let v: f64 = num.parse().ok()?;
    let ns = v * mult;
    (ns.is_finite() && ns < 1e12).then_some(ns.round() as u64)
}

/// Formats ns as the largest unit that keeps it short (`2ms`, `500us`).
pub fn format_duration(ns: u64) -> String {
    if ns >= 1_000_000 && ns.is_multiple_of(1_000) {
        format!("{}ms", ns as f64 / 1e6)
    } else if ns >= 1_000 {
        format!("{}us", ns as f64 / 1e3)
    } else {
        format!("{ns}ns")
    }
}

/// Half the last-level cache, clamped to 1..16 MB (PyPy's rule of thumb).
pub fn default_nursery_size() -> usize {
    let mut best = 0usize;
    for idx in 0..8 {
        let path = format!("/sys/devices/system/cpu/cpu0/cache/index{idx}/size");
        if let Ok(text) = std::fs::read_to_string(path) {
            if let Some(sz) = parse_size(text.trim()) {
                best = best.max(sz);
            }
        }
    }
    if best == 0 {
        return 4 << 20;
    }
    (best / 2).clamp(1 << 20, 16 << 20)
}

impl Default for GcConfig {
    fn default() -> GcConfig {
        let nursery = default_nursery_size();
        let mut cfg = GcConfig::with_nursery(nursery);
        cfg.nursery_explicit = false;
        cfg.min_heap_explicit = false;
        cfg
    }
}

impl GcConfig {
    /// The defaults for a given nursery size, taken as chosen by the
    /// caller: `nursery_explicit` and `min_heap_explicit` are set (a
    /// collector keeps this nursery and `8 ×` it as the minimum heap).
    pub fn with_nursery(nursery: usize) -> GcConfig {
        GcConfig {
            collector: "incminimark".to_string(),
            nursery_size: nursery,
            major_factor: 1.82,
            growth_limit: 1.4,
            min_heap: nursery * 8,
            min_heap_explicit: true,
            nursery_explicit: true,
            pause_target_ns: Some(DEFAULT_PAUSE_TARGET_NS),
            max_heap: None,
            increment_step: nursery * 2,
            threads: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1),
            tenure: 1,
            growth: 1.0,
            memory_limit: None,
            pressure: true,
            nursery_debug: false,
            verify: 0,
            torture: 0,
        }
    }

    /// Builds a configuration from environment variables (`PYGC_*`) and then
    /// `(key, value)` overrides from flags. `extra_env` lists further `PYGC_*`
    /// variables the caller owns (they are not reported as unknown).
    pub fn from_sources<'a>(
        env: impl IntoIterator<Item = (String, String)>,
        overrides: impl IntoIterator<Item = (&'a str, &'a str)>,
        extra_env: &[&str],
    ) -> Result<GcConfig, ConfigError> {
        let mut values: Vec<(&'static OptSpec, String, String)> = Vec::new();
        for (k, v) in env {
            if !k.starts_with("PYGC_") {
                continue;
            }
            match OPTIONS.iter().find(|o| o.env == k) {
                Some(spec) => values.push((spec, v, k.clone())),
                None if extra_env.contains(&k.as_str()) => {}
                None => {
                    let mut valid: Vec<&str> = OPTIONS.iter().map(|o| o.env).collect();
                    valid.extend_from_slice(extra_env);
                    return Err(ConfigError(format!(
                        "unknown environment variable {k}; valid PYGC_ variables: {}",
                        valid.join(", ")
                    )));
                }
            }
        }
        for (k, v) in overrides {
            let key = k.trim();
            match OPTIONS.iter().find(|o| o.key == key) {
                Some(spec) => values.push((spec, v.to_string(), format!("--gc-opt {key}"))),
                None => {
                    let valid: Vec<&str> = OPTIONS.iter().map(|o| o.key).collect();
                    return Err(ConfigError(format!(
                        "unknown GC option '{key}'; valid options: {}",
                        valid.join(", ")
                    )));
                }
            }
        }
        // Nursery first: other defaults derive from it.
        let nursery = values
            .iter()
            .rev()
            .find(|(s, _, _)| s.key == "nursery")
            .map(|(s, v, src)| parse_as_size(s, v, src))
            .transpose()?
            .unwrap_or_else(default_nursery_size);
        if nursery < 64 << 10 {
            return Err(ConfigError(format!(
                "invalid nursery size {nursery}: at least 64KB is required"
            )));
        }
        let mut cfg = GcConfig::with_nursery(nursery);
        cfg.nursery_explicit = false;
        cfg.min_heap_explicit = false;
        for (spec, v, src) in &values {
            cfg.apply(spec, v, src)?;
        }
        Ok(cfg)
    }

    /// Builds a configuration from the process environment and flag overrides.
    pub fn from_env<'a>(
        overrides: impl IntoIterator<Item = (&'a str, &'a str)>,
        extra_env: &[&str],
    ) -> Result<GcConfig, ConfigError> {
        GcConfig::from_sources(std::env::vars(), overrides, extra_env)
    }

    fn apply(&mut self, spec: &OptSpec, v: &str, src: &str) -> Result<(), ConfigError> {
        match spec.key {
            "gc" => self.collector = v.trim().to_string(),
            "nursery" => {
                self.nursery_size = parse_as_size(spec, v, src)?;
                self.nursery_explicit = true;
            }
            "major-collect" => self.major_factor = parse_float_min(spec, v, src, 1.0)?,
            "growth-limit" => self.growth_limit = parse_float_min(spec, v, src, 1.0)?,
            "min-heap" => {
                self.min_heap = parse_as_size(spec, v, src)?;
                self.min_heap_explicit = true;
            }
            "pause-target" => {
                let t = v.trim().to_ascii_lowercase();
                self.pause_target_ns =
                    if matches!(t.as_str(), "0" | "off" | "none") {
                        None
                    } else {
                        match parse_duration(v) {
                            Some(ns) if ns >= 50_000 => Some(ns),
                            _ => return Err(bad(
                                spec,
                                v,
                                src,
                                "a duration of at least 50us such as 2ms, 500us or 0.01s, or 0/off",
                            )),
                        }
                    }
            }
            "max-heap" => self.max_heap = parse_opt_size(spec, v, src)?,
            "increment-step" => self.increment_step = parse_as_size(spec, v, src)?.max(4096),
            "threads" => {
                let n = parse_int(spec, v, src)?;
                if n == 0 || n > 256 {
                    return Err(bad(spec, v, src, "an integer from 1 to 256"));
                }
                self.threads = n as usize
            }
            "tenure" => {
                let n = parse_int(spec, v, src)?;
                if n == 0 || n > 15 {
                    return Err(bad(spec, v, src, "an integer from 1 to 15"));
                }
                self.tenure = n as u32
            }
            "growth" => self.growth = parse_float_min(spec, v, src, 0.01)?,
            "memory-limit" => self.memory_limit = parse_opt_size(spec, v, src)?,
            "pressure" => {
                self.pressure =
                    parse_bool(v).ok_or_else(|| bad(spec, v, src, "0/1, true/false, on/off"))?
            }
            "nursery-debug" => {
                self.nursery_debug =
                    parse_bool(v).ok_or_else(|| bad(spec, v, src, "0/1, true/false, on/off"))?
            }
            "verify" => {
                let n = parse_int(spec, v, src)?;
                if n > 2 {
                    return Err(bad(spec, v, src, "0, 1 or 2"));
                }
                self.verify = n as u32
            }
            "torture" => self.torture = parse_int(spec, v, src)?.min(u32::MAX as u64) as u32,
            _ => unreachable!("option {} has no handler", spec.key),
        }
        Ok(())
    }

    /// The settings as `(key, value)` text, for summaries.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        vec![
            ("gc", self.collector.clone()),
            ("nursery", format_size(self.nursery_size)),
            ("major-collect", format!("{}", self.major_factor)),
            ("growth-limit", format!("{}", self.growth_limit)),
            ("min-heap", format_size(self.min_heap)),
            (
                "pause-target",
                self.pause_target_ns.map_or("off".into(), format_duration),
            ),
            (
                "max-heap",
                self.max_heap.map_or("unlimited".into(), format_size),
            ),
            ("increment-step", format_size(self.increment_step)),
            ("threads", self.threads.to_string()),
            ("tenure", self.tenure.to_string()),
            ("nursery-debug", (self.nursery_debug as u8).to_string()),
            ("growth", format!("{}", self.growth)),
            (
                "memory-limit",
                self.memory_limit.map_or("unlimited".into(), format_size),
            ),
            ("pressure", (self.pressure as u8).to_string()),
            ("verify", self.verify.to_string()),
            ("torture", self.torture.to_string()),
        ]
    }
}

/// Formats a byte count with the largest exact-ish unit (`4MB`, `512KB`).
pub fn format_size(n: usize) -> String {
    if n >= 1 << 30 && n.is_multiple_of(1 << 30) {
        format!("{}GB", n >> 30)
    } else if n >= 1 << 20 && n.is_multiple_of(1 << 20) {
        format!("{}MB", n >> 20)
    } else if n >= 1 << 10 && n.is_multiple_of(1 << 10) {
        format!("{}KB", n >> 10)
    } else {
        format!("{n}B")
    }
}

fn bad(spec: &OptSpec, v: &str, src: &str, accepted: &str) -> ConfigError {
    let name = if src.starts_with("PYGC_") {
        src.to_string()
    } else {
        format!("{src} ({})", spec.env)
    };
    ConfigError(format!(
        "invalid value '{v}' for {name}: expected {accepted}"
    ))
}

fn parse_as_size(spec: &OptSpec, v: &str, src: &str) -> Result<usize, ConfigError> {
    parse_size(v).ok_or_else(|| bad(spec, v, src, "a size such as 4096, 512KB, 4MB or 1GB"))
}

fn parse_opt_size(spec: &OptSpec, v: &str, src: &str) -> Result<Option<usize>, ConfigError> {
    let t = v.trim().to_ascii_lowercase();
    if t.is_empty() || t == "0" || t == "unlimited" || t == "none" {
        return Ok(None);
    }
    parse_size(v)
        .map(Some)
        .ok_or_else(|| bad(spec, v, src, "a size such as 512MB or 2GB, or 'unlimited'"))
}

fn parse_int(spec: &OptSpec, v: &str, src: &str) -> Result<u64, ConfigError> {
    v.trim()
        .parse::<u64>()
        .map_err(|_| bad(spec, v, src, "a non-negative integer"))
}

fn parse_float_min(spec: &OptSpec, v: &str, src: &str, min: f64) -> Result<f64, ConfigError> {
    match v.trim().parse::<f64>() {
        Ok(f) if f.is_finite() && f >= min => Ok(f),
        _ => Err(bad(spec, v, src, &format!("a number >= {min}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("4096"), Some(4096));
        assert_eq!(parse_size("64k"), Some(64 << 10));
        assert_eq!(parse_size("4MB"), Some(4 << 20));
        assert_eq!(parse_size("1gb"), Some(1 << 30));
        assert_eq!(parse_size("1.5MB"), None);
        assert_eq!(parse_size("MB"), None);
        assert_eq!(parse_size("-1"), None);
    }

    #[test]
    fn env_then_flags() {
        let cfg = GcConfig::from_sources(
            env(&[
                ("PYGC_NURSERY", "2MB"),
                ("PYGC_THREADS", "3"),
                ("HOME", "/x"),
            ]),
            [("threads", "1")],
            &[],
        )
        .unwrap();
        assert_eq!(cfg.nursery_size, 2 << 20);
        assert_eq!(cfg.min_heap, 16 << 20);
        assert_eq!(cfg.threads, 1);
    }

    #[test]
    fn errors_name_variable_value_and_accepted() {
        let e = GcConfig::from_sources(env(&[("PYGC_NURSERY", "big")]), [], &[]).unwrap_err();
        assert!(
            e.0.contains("PYGC_NURSERY") && e.0.contains("'big'") && e.0.contains("4MB"),
            "{e}"
        );
        let e = GcConfig::from_sources(env(&[("PYGC_NURSRY", "1")]), [], &[]).unwrap_err();
        assert!(
            e.0.contains("PYGC_NURSRY") && e.0.contains("PYGC_NURSERY"),
            "{e}"
        );
        let e = GcConfig::from_sources(vec![], [("verify", "7")], &[]).unwrap_err();
        assert!(
            e.0.contains("'7'") && e.0.contains("PYGC_VERIFY") && e.0.contains("0, 1 or 2"),
            "{e}"
        );
        let e = GcConfig::from_sources(vec![], [("bogus", "1")], &[]).unwrap_err();
        assert!(e.0.contains("bogus") && e.0.contains("nursery"), "{e}");
        assert!(
            GcConfig::from_sources(env(&[("PYGC_STDLIB", "/x")]), [], &["PYGC_STDLIB"]).is_ok()
        );
    }

    #[test]
    fn pause_target() {
        assert_eq!(parse_duration("2ms"), Some(2_000_000));
        assert_eq!(parse_duration("500us"), Some(500_000));
        assert_eq!(parse_duration("1.5ms"), Some(1_500_000));
        assert_eq!(parse_duration("0.01s"), Some(10_000_000));
        assert_eq!(parse_duration("3"), Some(3_000_000));
        assert_eq!(parse_duration("-1ms"), None);
        assert_eq!(parse_duration("fast"), None);
        let cfg = GcConfig::from_sources(env(&[("PYGC_PAUSE_TARGET", "1ms")]), [], &[]).unwrap();
        assert_eq!(cfg.pause_target_ns, Some(1_000_000));
        let cfg = GcConfig::from_sources(vec![], [("pause-target", "off")], &[]).unwrap();
        assert_eq!(cfg.pause_target_ns, None);
        assert_eq!(
            GcConfig::from_sources(vec![], [], &[])
                .unwrap()
                .pause_target_ns,
            Some(DEFAULT_PAUSE_TARGET_NS)
        );
        let e = GcConfig::from_sources(vec![], [("pause-target", "10us")], &[]).unwrap_err();
        assert!(
            e.0.contains("'10us'") && e.0.contains("PYGC_PAUSE_TARGET"),
            "{e}"
        );
        assert_eq!(format_duration(2_000_000), "2ms");
        assert_eq!(format_duration(500_000), "500us");
    }

    #[test]
    fn optional_limits() {
        let cfg = GcConfig::from_sources(
            env(&[("PYGC_MAX_HEAP", "unlimited")]),
            [("memory-limit", "1GB")],
            &[],
        )
        .unwrap();
        assert_eq!(cfg.max_heap, None);
        assert_eq!(cfg.memory_limit, Some(1 << 30));
    }
}
