//! The GC log: one flat JSON object per line.
//!
//! Each event is [`GcEvent::to_json`]: `kind`, `phase`, `start_ns`,
//! `duration_ns`, `pause`, `bytes_before`, `bytes_after`, `promoted`, `freed`,
//! `pinned`, `raw_bytes`. A run written by [`crate::Recorder::finish`] ends
//! with one line of kind `"run"` that has the same keys (`duration_ns` = wall
//! time, `raw_bytes` = peak raw bytes, `bytes_after` = peak heap) plus
//! `collector`, `settings` (`"key=value;key=value"`) and `peak_rss` (bytes,
//! 0 if unknown). Readers that only know events can skip that kind.
//!
//! Events whose collector measures it carry `cpu_ns` (the collecting
//! thread's CPU time in the event; omitted when 0). Minor-collection lines
//! also carry `promoted_bytes_per_s`, and the
//! trailer `mutator_gc_work_ns` and `gc_threads_cpu_ns` (the honest
//! accounting of `gc_api::accounting`).
//!
//! This module opens log destinations, writes lines with serde_json and
//! parses them back with serde_json (flat objects only).

use crate::timeline::kind_from_str;
use gc_api::{GcEvent, Phase};
use serde::Serialize;
use std::fs::File;
use std::io::{self, BufRead, BufWriter, Write};

/// Where log lines go.
pub enum LogSink {
    /// Standard error (`--gc-log -`).
    Stderr,
    /// Anything else (a file, a test buffer).
    Writer(Box<dyn Write + Send>),
}

impl std::fmt::Debug for LogSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LogSink::Stderr => f.write_str("LogSink::Stderr"),
            LogSink::Writer(_) => f.write_str("LogSink::Writer"),
        }
    }
}

impl LogSink {
    /// Opens `dest`: `-` is stderr, anything else a file created (or
    /// truncated) now, so a bad path is reported at startup.
    pub fn open(dest: &str) -> io::Result<LogSink> {
        if dest == "-" {
            return Ok(LogSink::Stderr);
        }
        let f = File::create(dest)
            .map_err(|e| io::Error::new(e.kind(), format!("cannot open GC log '{dest}': {e}")))?;
        Ok(LogSink::Writer(Box::new(BufWriter::new(f))))
    }

    /// Writes `text` (whole lines) and flushes.
    pub fn write_all(&mut self, text: &str) -> io::Result<()> {
        match self {
            LogSink::Stderr => {
                let mut e = io::stderr().lock();
                e.write_all(text.as_bytes())?;
                e.flush()
            }
            LogSink::Writer(w) => {
                w.write_all(text.as_bytes())?;
                w.flush()
            }
        }
    }
}

/// One log line as a JSON object (serde_json), nested values rejected.
pub type FlatObject = serde_json::Map<String, serde_json::Value>;

/// Parses one flat JSON object (`{"k": v, ...}`, no nesting) with serde_json.
pub fn parse_flat_object(text: &str) -> Result<FlatObject, String> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let serde_json::Value::Object(map) = v else {
        return Err("a log line must be a JSON object".into());
    };
    if let Some((k, _)) = map.iter().find(|(_, v)| v.is_object() || v.is_array()) {
        return Err(format!("nested value for \"{k}\" (the log is flat)"));
    }
    Ok(map)
}

/// One event as a log line: the [`GcEvent`] keys, plus (minor collections)
/// `promoted_bytes_per_s`, the promotion speed of the collection.
#[derive(Serialize)]
struct EventLine {
    kind: &'static str,
    phase: &'static str,
    start_ns: u64,
    duration_ns: u64,
    pause: bool,
    bytes_before: u64,
    bytes_after: u64,
    promoted: u64,
    freed: u64,
    pinned: u64,
    raw_bytes: u64,
    #[serde(skip_serializing_if = "is_zero")]
    cpu_ns: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    promoted_bytes_per_s: Option<u64>,
}

fn is_zero(v: &u64) -> bool {
    *v == 0
}

/// Bytes per second for `bytes` in `ns` (0 when no time passed).
pub fn per_second(bytes: u64, ns: u64) -> u64 {
    if ns == 0 {
        0
    } else {
        (bytes as f64 * 1e9 / ns as f64) as u64
    }
}

/// The log line of `ev` (no newline).
pub fn event_json(ev: &GcEvent) -> String {
    let line = EventLine {
        kind: ev.kind.as_str(),
        phase: ev.phase.as_str(),
        start_ns: ev.start_ns,
        duration_ns: ev.duration_ns,
        pause: ev.pause,
        bytes_before: ev.bytes_before,
        bytes_after: ev.bytes_after,
        promoted: ev.promoted,
        freed: ev.freed,
        pinned: ev.pinned,
        raw_bytes: ev.raw_bytes,
        cpu_ns: ev.cpu_ns,
        promoted_bytes_per_s: (ev.kind == gc_api::EventKind::Minor)
            .then(|| per_second(ev.promoted, ev.duration_ns)),
    };
    serde_json::to_string(&line).expect("plain struct serializes")
}

/// The trailer as written.
#[derive(Serialize)]
struct RunLine<'a> {
    kind: &'static str,
    phase: &'static str,
    start_ns: u64,
    duration_ns: u64,
    pause: bool,
    bytes_before: u64,
    bytes_after: u64,
    promoted: u64,
    freed: u64,
    pinned: u64,
    raw_bytes: u64,
    collector: &'a str,
    settings: String,
    peak_rss: u64,
    mutator_gc_work_ns: u64,
    gc_threads_cpu_ns: u64,
    max_mutator_gc_work_ns: u64,
}

/// The `"run"` trailer of a log.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunRecord {
    /// Collector name.
    pub collector: String,
    /// Effective settings.
    pub settings: Vec<(String, String)>,
    /// Wall time, ns.
    pub wall_ns: u64,
    /// Peak RSS, bytes (None if unknown).
    pub peak_rss_bytes: Option<u64>,
    /// Peak raw bytes.
    pub peak_raw_bytes: u64,
    /// Peak GC heap bytes.
    pub peak_heap_bytes: u64,
    /// Mutator-side GC work, ns (see `gc_api::accounting`).
    pub mutator_gc_work_ns: u64,
    /// CPU time of GC threads, ns.
    pub gc_threads_cpu_ns: u64,
    /// The longest stretch of mutator-side GC work, ns.
    pub max_mutator_gc_work_ns: u64,
}

impl RunRecord {
    /// The trailer line (no newline).
    pub fn to_json(&self) -> String {
        let settings: Vec<String> = self
            .settings
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let line = RunLine {
            kind: "run",
            phase: "idle",
            start_ns: 0,
            duration_ns: self.wall_ns,
            pause: false,
            bytes_before: 0,
            bytes_after: self.peak_heap_bytes,
            promoted: 0,
            freed: 0,
            pinned: 0,
            raw_bytes: self.peak_raw_bytes,
            collector: &self.collector,
            settings: settings.join(";"),
            peak_rss: self.peak_rss_bytes.unwrap_or(0),
            mutator_gc_work_ns: self.mutator_gc_work_ns,
            gc_threads_cpu_ns: self.gc_threads_cpu_ns,
            max_mutator_gc_work_ns: self.max_mutator_gc_work_ns,
        };
        serde_json::to_string(&line).expect("plain struct serializes")
    }
}

/// One parsed log line.
#[derive(Clone, Debug, PartialEq)]
pub enum LogLine {
    /// A GC event.
    Event(GcEvent),
    /// The run trailer.
    Run(RunRecord),
}

fn phase_from_str(s: &str) -> Option<Phase> {
    [
        Phase::Idle,
        Phase::Scanning,
        Phase::Marking,
        Phase::Sweeping,
        Phase::Finalizing,
        Phase::Compacting,
    ]
    .into_iter()
    .find(|p| p.as_str() == s)
}

/// Parses one log line.
pub fn parse_line(line: &str) -> Result<LogLine, String> {
    use serde_json::Value;
    let fields = parse_flat_object(line)?;
    let get = |k: &str| fields.get(k);
    let int = |k: &str, required: bool| -> Result<u64, String> {
        match get(k) {
            Some(v) => v
                .as_u64()
                .ok_or_else(|| format!("\"{k}\" must be a non-negative integer, found {v}")),
            None if required => Err(format!("missing \"{k}\"")),
            None => Ok(0),
        }
    };
    let kind = match get("kind") {
        Some(Value::String(s)) => s.as_str(),
        Some(v) => return Err(format!("\"kind\" must be a string, found {v}")),
        None => return Err("missing \"kind\"".into()),
    };
    if kind == "run" {
        let text = |k: &str| match get(k) {
            Some(Value::String(s)) => s.clone(),
            _ => String::new(),
        };
        let settings = text("settings")
            .split(';')
            .filter(|s| !s.is_empty())
            .map(|kv| match kv.split_once('=') {
                Some((k, v)) => (k.to_string(), v.to_string()),
                None => (kv.to_string(), String::new()),
            })
            .collect();
        let rss = int("peak_rss", false)?;
        return Ok(LogLine::Run(RunRecord {
            collector: text("collector"),
            settings,
            wall_ns: int("duration_ns", true)?,
            peak_rss_bytes: (rss > 0).then_some(rss),
            peak_raw_bytes: int("raw_bytes", false)?,
            peak_heap_bytes: int("bytes_after", false)?,
            mutator_gc_work_ns: int("mutator_gc_work_ns", false)?,
            gc_threads_cpu_ns: int("gc_threads_cpu_ns", false)?,
            max_mutator_gc_work_ns: int("max_mutator_gc_work_ns", false)?,
        }));
    }
    let kind = kind_from_str(kind).ok_or_else(|| format!("unknown kind \"{kind}\""))?;
    let mut ev = GcEvent::new(kind, int("start_ns", true)?);
    ev.phase = match get("phase") {
        Some(Value::String(s)) => {
            phase_from_str(s).ok_or_else(|| format!("unknown phase \"{s}\""))?
        }
        Some(v) => return Err(format!("\"phase\" must be a string, found {v}")),
        None => Phase::Idle,
    };
    ev.duration_ns = int("duration_ns", true)?;
    ev.pause = match get("pause") {
        Some(Value::Bool(b)) => *b,
        Some(v) => return Err(format!("\"pause\" must be true or false, found {v}")),
        None => return Err("missing \"pause\"".into()),
    };
    ev.bytes_before = int("bytes_before", false)?;
    ev.bytes_after = int("bytes_after", false)?;
    ev.promoted = int("promoted", false)?;
    ev.freed = int("freed", false)?;
    ev.pinned = int("pinned", false)?;
    ev.raw_bytes = int("raw_bytes", false)?;
    ev.cpu_ns = int("cpu_ns", false)?;
    Ok(LogLine::Event(ev))
}

/// A log read back.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParsedLog {
    /// The events, in file order.
    pub events: Vec<GcEvent>,
    /// The trailer, if the run wrote one.
    pub run: Option<RunRecord>,
    /// Lines skipped by a lenient read.
    pub skipped_lines: usize,
}

/// A problem reading a log.
#[derive(Debug)]
pub enum ReadError {
    /// The file could not be read.
    Io(io::Error),
    /// Line `line` (1-based) is not a valid log line.
    Malformed {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::Malformed { line, message } => write!(f, "line {line}: {message}"),
        }
    }
}

impl std::error::Error for ReadError {}

/// Reads a whole log. Blank lines are skipped.
pub fn read_log(r: impl BufRead) -> Result<ParsedLog, ReadError> {
    read_log_with(r, false)
}

/// Reads a whole log; with `lenient`, lines that do not start with `{` (other
/// output sharing stderr with `--gc-log -`) are skipped and counted in
/// [`ParsedLog::skipped_lines`] instead of being errors.
pub fn read_log_with(r: impl BufRead, lenient: bool) -> Result<ParsedLog, ReadError> {
    let mut out = ParsedLog::default();
    for (i, line) in r.lines().enumerate() {
        let line = line.map_err(|e| match e.kind() {
            io::ErrorKind::InvalidData => ReadError::Malformed {
                line: i + 1,
                message: "not UTF-8".into(),
            },
            _ => ReadError::Io(e),
        })?;
        if line.trim().is_empty() {
            continue;
        }
        if lenient && !line.trim_start().starts_with('{') {
            out.skipped_lines += 1;
            continue;
        }
        match parse_line(&line).map_err(|message| ReadError::Malformed {
            line: i + 1,
            message,
        })? {
            LogLine::Event(e) => out.events.push(e),
            LogLine::Run(r) => out.run = Some(r),
        }
    }
    Ok(out)
}

/// `s` as a JSON string literal.
pub fn json_string(s: &str) -> String {
    serde_json::to_string(s).expect("a string serializes")
}

#[cfg(test)]
mod tests {
    use super::*;
    use gc_api::EventKind;

    #[test]
    fn events_round_trip_through_to_json() {
        let mut e = GcEvent::new(EventKind::MajorStep, 123);
        e.phase = Phase::Sweeping;
        e.duration_ns = 456;
        e.pause = true;
        e.bytes_before = 1 << 40;
        e.bytes_after = 7;
        e.promoted = 8;
        e.freed = 9;
        e.pinned = 10;
        e.raw_bytes = 11;
        e.cpu_ns = 12;
        assert_eq!(parse_line(&e.to_json()), Ok(LogLine::Event(e.clone())));
        assert_eq!(parse_line(&event_json(&e)), Ok(LogLine::Event(e)));
        let mut m = GcEvent::new(EventKind::Minor, 1);
        m.promoted = 1 << 20;
        m.duration_ns = 1_000_000;
        let line = event_json(&m);
        assert!(
            line.contains("\"promoted_bytes_per_s\":1048576000"),
            "{line}"
        );
        assert_eq!(parse_line(&line), Ok(LogLine::Event(m)));
    }

    #[test]
    fn run_trailer_round_trips() {
        let r = RunRecord {
            collector: "incminimark".into(),
            settings: vec![
                ("nursery".into(), "4MB".into()),
                ("verify".into(), "0".into()),
            ],
            wall_ns: 5_000_000,
            peak_rss_bytes: Some(123456),
            peak_raw_bytes: 99,
            peak_heap_bytes: 1 << 20,
            mutator_gc_work_ns: 1234,
            gc_threads_cpu_ns: 5678,
            max_mutator_gc_work_ns: 91,
        };
        assert_eq!(parse_line(&r.to_json()), Ok(LogLine::Run(r.clone())));
        let no_rss = RunRecord {
            peak_rss_bytes: None,
            ..r
        };
        assert_eq!(parse_line(&no_rss.to_json()), Ok(LogLine::Run(no_rss)));
    }

    #[test]
    fn flat_parser_values_and_errors() {
        use serde_json::Value;
        let f =
            parse_flat_object(r#" {"a": "x\"\u0041", "b": -1.5, "c": null, "d": false, "e": 12} "#)
                .unwrap();
        assert_eq!(f["a"], Value::String("x\"A".into()));
        assert_eq!(f["b"].as_f64(), Some(-1.5));
        assert_eq!(f["c"], Value::Null);
        assert_eq!(f["d"], Value::Bool(false));
        assert_eq!(f["e"].as_u64(), Some(12));
        assert!(parse_flat_object("{}").unwrap().is_empty());
        for bad in [
            "",
            "{",
            "{\"a\":}",
            "{\"a\":1",
            "{\"a\":{}}",
            "[1]",
            "{\"a\":1} x",
            "{\"a\" 1}",
            "{\"a\":tru}",
        ] {
            assert!(parse_flat_object(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn bad_event_lines_say_why() {
        let err = |l: &str| parse_line(l).unwrap_err();
        assert!(err(r#"{"start_ns":1}"#).contains("missing \"kind\""));
        assert!(
            err(r#"{"kind":"mega","start_ns":1,"duration_ns":1,"pause":true}"#)
                .contains("unknown kind")
        );
        assert!(err(r#"{"kind":"minor","duration_ns":1,"pause":true}"#).contains("start_ns"));
        assert!(
            err(r#"{"kind":"minor","start_ns":-4,"duration_ns":1,"pause":true}"#)
                .contains("start_ns")
        );
        assert!(
            err(r#"{"kind":"minor","start_ns":1,"duration_ns":1,"pause":1}"#).contains("pause")
        );
        assert!(err(
            r#"{"kind":"minor","phase":"napping","start_ns":1,"duration_ns":1,"pause":true}"#
        )
        .contains("phase"));
    }

    #[test]
    fn read_log_numbers_malformed_lines() {
        let mut e = GcEvent::new(EventKind::Minor, 5);
        e.duration_ns = 10;
        let text = format!("{}\n\n{}\nnot json\n", e.to_json(), e.to_json());
        match read_log(text.as_bytes()) {
            Err(ReadError::Malformed { line, .. }) => assert_eq!(line, 4),
            other => panic!("{other:?}"),
        }
        let ok = read_log(format!("{}\n{}\n", e.to_json(), e.to_json()).as_bytes()).unwrap();
        assert_eq!(ok.events.len(), 2);
        assert_eq!(ok.run, None);
        let mixed = format!(
            "pygc: warning\n{}\nGC summary: x\n  {}\n",
            e.to_json(),
            e.to_json()
        );
        assert!(matches!(
            read_log(mixed.as_bytes()),
            Err(ReadError::Malformed { line: 1, .. })
        ));
        let lenient = read_log_with(mixed.as_bytes(), true).unwrap();
        assert_eq!((lenient.events.len(), lenient.skipped_lines), (2, 2));
        // Lenient still rejects broken objects.
        assert!(matches!(
            read_log_with("{\"kind\":1}\n".as_bytes(), true),
            Err(ReadError::Malformed { line: 1, .. })
        ));
    }

    /// Random JSON-ish garbage never panics the parser (user input).
    #[test]
    fn garbage_never_panics() {
        let alphabet = b"{}[]:,\"\\u0123456789-+.eEtrufalsn kindpause_\xc3\xa9";
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let good = GcEvent::new(EventKind::Minor, 1).to_json().into_bytes();
        for case in 0..20_000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (seed >> 58) as usize;
            let mut bytes: Vec<u8> = if case % 2 == 0 {
                good.clone()
            } else {
                Vec::new()
            };
            for _ in 0..len {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let c = alphabet[(seed >> 33) as usize % alphabet.len()];
                if case % 2 == 0 && !bytes.is_empty() {
                    let at = (seed >> 20) as usize % bytes.len();
                    bytes[at] = c;
                } else {
                    bytes.push(c);
                }
            }
            let text = String::from_utf8_lossy(&bytes);
            let _ = parse_line(&text);
        }
    }

    #[test]
    fn json_string_escapes() {
        assert_eq!(json_string("a\"b\\c\n\u{1}"), "\"a\\\"b\\\\c\\n\\u0001\"");
    }
}
