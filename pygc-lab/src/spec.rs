//! Parsing of the experiment's axes: sizes, heap settings and knob grids.

use serde::{Deserialize, Serialize};

/// Parses a byte size: `123`, `64KB`, `16MB`, `1.5GB`, `2g` (binary units).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let (num, mult) = [
        ("kib", 1u64 << 10),
        ("mib", 1 << 20),
        ("gib", 1 << 30),
        ("kb", 1 << 10),
        ("mb", 1 << 20),
        ("gb", 1 << 30),
        ("k", 1 << 10),
        ("m", 1 << 20),
        ("g", 1 << 30),
        ("b", 1),
    ]
    .iter()
    .find_map(|(suf, m)| lower.strip_suffix(suf).map(|n| (n.trim().to_string(), *m)))
    .unwrap_or((lower.clone(), 1));
    match num.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 => Ok((v * mult as f64).round() as u64),
        _ => Err(format!(
            "invalid size '{s}': expected a positive number with an optional unit (KB, MB, GB)"
        )),
    }
}

/// Formats bytes the way pygc's knobs accept them (exact when possible).
pub fn fmt_size(b: u64) -> String {
    if b >= 1 << 30 && b.is_multiple_of(1 << 30) {
        format!("{}GB", b >> 30)
    } else if b >= 1 << 20 && b.is_multiple_of(1 << 20) {
        format!("{}MB", b >> 20)
    } else if b >= 1 << 10 && b.is_multiple_of(1 << 10) {
        format!("{}KB", b >> 10)
    } else {
        b.to_string()
    }
}

/// Human-readable bytes (for tables and axes).
pub fn human(b: f64) -> String {
    if b >= (1u64 << 30) as f64 {
        format!("{:.2} GB", b / (1u64 << 30) as f64)
    } else if b >= (1 << 20) as f64 {
        format!("{:.1} MB", b / (1 << 20) as f64)
    } else {
        format!("{:.0} KB", b / 1024.0)
    }
}

/// One heap setting of the matrix.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum HeapSpec {
    /// No `max-heap` (the collector's own sizing).
    Default,
    /// A multiple of the program's minimum heap.
    Multiple(f64),
    /// An absolute `max-heap` in bytes.
    Absolute(u64),
}

impl HeapSpec {
    /// Parses `default`, `2x`, `2.5x` or a size.
    pub fn parse(s: &str) -> Result<HeapSpec, String> {
        let t = s.trim();
        if t.eq_ignore_ascii_case("default") || t.eq_ignore_ascii_case("none") {
            return Ok(HeapSpec::Default);
        }
        if let Some(m) = t.strip_suffix(['x', 'X']) {
            return match m.parse::<f64>() {
                Ok(v) if v.is_finite() && v >= 1.0 => Ok(HeapSpec::Multiple(v)),
                _ => Err(format!(
                    "invalid heap multiple '{s}': expected a number >= 1 followed by x (2x, 3.5x)"
                )),
            };
        }
        parse_size(t)
            .map(HeapSpec::Absolute)
            .map_err(|e| format!("{e}; or a multiple of the minimum heap (2x) or 'default'"))
    }

    /// A comma-separated list.
    pub fn parse_list(s: &str) -> Result<Vec<HeapSpec>, String> {
        s.split(',')
            .filter(|p| !p.trim().is_empty())
            .map(HeapSpec::parse)
            .collect()
    }

    /// The label stored in results (`default`, `2x`, `64MB`).
    pub fn label(&self) -> String {
        match self {
            HeapSpec::Default => "default".into(),
            HeapSpec::Multiple(m) => format!("{m}x"),
            HeapSpec::Absolute(b) => fmt_size(*b),
        }
    }

    /// The `max-heap` for a program whose minimum heap is `min`.
    pub fn bytes(&self, min: Option<u64>) -> Option<u64> {
        match self {
            HeapSpec::Default => None,
            HeapSpec::Multiple(m) => min.map(|b| ((b as f64) * m).round() as u64),
            HeapSpec::Absolute(b) => Some(*b),
        }
    }
}

/// One knob axis: `nursery=1MB,4MB`.
#[derive(Clone, Debug, PartialEq)]
pub struct KnobAxis {
    /// The knob (`pygc --help-gc` name).
    pub key: String,
    /// Its values.
    pub values: Vec<String>,
}

impl KnobAxis {
    /// Parses `K=V1,V2,...`.
    pub fn parse(s: &str) -> Result<KnobAxis, String> {
        let Some((k, vs)) = s.split_once('=') else {
            return Err(format!("invalid --set '{s}': expected KNOB=V1,V2,..."));
        };
        let values: Vec<String> = vs
            .split(',')
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect();
        if k.trim().is_empty() || values.is_empty() {
            return Err(format!("invalid --set '{s}': expected KNOB=V1,V2,..."));
        }
        Ok(KnobAxis {
            key: k.trim().to_string(),
            values,
        })
    }
}

/// One knob setting: the (key, value) pairs passed as `--gc-opt K=V`.
pub type Knobs = Vec<(String, String)>;

/// The cartesian product of the axes (one empty setting when there are none).
pub fn knob_grid(axes: &[KnobAxis]) -> Vec<Knobs> {
    let mut out: Vec<Knobs> = vec![vec![]];
    for a in axes {
        out = out
            .into_iter()
            .flat_map(|base| {
                a.values.iter().map(move |v| {
                    let mut k = base.clone();
                    k.push((a.key.clone(), v.clone()));
                    k
                })
            })
            .collect();
    }
    out
}

/// `nursery=1MB;major-collect=2` (empty for the defaults).
pub fn knobs_label(k: &Knobs) -> String {
    k.iter()
        .map(|(a, b)| format!("{a}={b}"))
        .collect::<Vec<_>>()
        .join(";")
}

/// The inverse of [`knobs_label`].
pub fn parse_knobs_label(s: &str) -> Knobs {
    s.split(';')
        .filter_map(|kv| kv.split_once('='))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("16MB").unwrap(), 16 << 20);
        assert_eq!(parse_size("1.5g").unwrap(), 3 << 29);
        assert_eq!(parse_size("4096").unwrap(), 4096);
        assert!(parse_size("lots").unwrap_err().contains("'lots'"));
        assert_eq!(fmt_size(16 << 20), "16MB");
        assert_eq!(fmt_size(1000), "1000");
    }

    #[test]
    fn heaps() {
        let h = HeapSpec::parse_list("2x,64MB,default").unwrap();
        assert_eq!(
            h,
            vec![
                HeapSpec::Multiple(2.0),
                HeapSpec::Absolute(64 << 20),
                HeapSpec::Default
            ]
        );
        assert_eq!(h[0].bytes(Some(100)), Some(200));
        assert_eq!(h[0].bytes(None), None);
        assert_eq!(h[0].label(), "2x");
        assert!(HeapSpec::parse("0.5x").is_err());
    }

    #[test]
    fn grid() {
        let a = KnobAxis::parse("nursery=1MB,4MB").unwrap();
        let b = KnobAxis::parse("tenure=1,2,3").unwrap();
        let g = knob_grid(&[a, b]);
        assert_eq!(g.len(), 6);
        assert_eq!(knobs_label(&g[5]), "nursery=4MB;tenure=3");
        assert_eq!(parse_knobs_label("nursery=4MB;tenure=3"), g[5]);
        assert_eq!(knob_grid(&[]), vec![Vec::<(String, String)>::new()]);
        assert!(KnobAxis::parse("nursery").is_err());
    }
}
